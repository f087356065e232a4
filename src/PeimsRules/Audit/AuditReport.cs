using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>What the audit is given: the period records, the IEP service records, and findings on rows a reader could not read.</summary>
public sealed record AuditInput
{
    /// <summary>The period-attendance records (TSDS 42400) of one school year.</summary>
    public required IReadOnlyList<BasicReportingPeriodAttendance> Records { get; init; }

    /// <summary>The IEP service records.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<IepServiceRecord> ServiceRecords { get; init; } = [];

    /// <summary>Findings on rows a reader could not turn into records (ATT-00, ATT-02, ATT-03), reported with the others.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<AuditFinding> ReaderFindings { get; init; } = [];
}

/// <summary>One campus's audit: its findings, what is at stake, and what better attendance would earn.</summary>
/// <param name="CampusId">The campus.</param>
/// <param name="Errors">Findings of severity error.</param>
/// <param name="Warnings">Findings of severity warning.</param>
/// <param name="Notices">Findings of severity notice.</param>
/// <param name="AdaAtStake">The refined ADA at stake over its findings, exact.</param>
/// <param name="DollarsAtStake">The dollars at stake over its findings, rounded once to cents; <see langword="null"/> when the year has no basic allotment.</param>
/// <param name="RefinedAda">The campus's refined ADA as reported (all students), exact.</param>
/// <param name="AdaGainAtTarget">The refined ADA the campus would gain at the target attendance rate, exact.</param>
/// <param name="DollarsGainAtTarget">What that gain carries at the basic allotment, rounded to cents; <see langword="null"/> when the year has none.</param>
public sealed record CampusAuditSummary(
    CampusId CampusId,
    int Errors,
    int Warnings,
    int Notices,
    Ratio AdaAtStake,
    decimal? DollarsAtStake,
    Ratio RefinedAda,
    Ratio AdaGainAtTarget,
    decimal? DollarsGainAtTarget)
{
    /// <summary>All findings of the campus.</summary>
    public int Findings => Errors + Warnings + Notices;
}

/// <summary>The result of <see cref="IntegrityAudit.Run"/>: findings ranked by what they cost, campus summaries, service compliance.</summary>
public sealed class AuditReport
{
    internal AuditReport(
        RuleSet rules,
        AuditOptions options,
        IReadOnlyList<AuditFinding> findings,
        IReadOnlyList<CampusAuditSummary> campuses,
        IReadOnlyList<ServiceComplianceSummary> serviceCompliance)
    {
        Rules = rules;
        Options = options;
        Findings = findings;
        Campuses = campuses;
        ServiceCompliance = serviceCompliance;
    }

    /// <summary>The rules of the year audited.</summary>
    public RuleSet Rules { get; }

    /// <summary>The settings the audit ran with.</summary>
    public AuditOptions Options { get; }

    /// <summary>Every finding, most dollars at stake first (then severity, rule, campus, student, period).</summary>
    public IReadOnlyList<AuditFinding> Findings { get; }

    /// <summary>Every campus with records or findings, most dollars at stake first.</summary>
    public IReadOnlyList<CampusAuditSummary> Campuses { get; }

    /// <summary>IEP service-minute compliance by campus and service.</summary>
    public IReadOnlyList<ServiceComplianceSummary> ServiceCompliance { get; }
}
