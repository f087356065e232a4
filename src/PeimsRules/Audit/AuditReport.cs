using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>What the audit is given: the period records, the IEP service records, and findings on rows a reader could not read.</summary>
public sealed record AuditInput
{
    /// <summary>The period-attendance records (TSDS 42400) of one school year.</summary>
    /// <remarks>
    /// A list, or the <see cref="Attendance.Columnar.AttendanceStore"/> a file was read into: the audit then rebuilds the
    /// records one campus at a time from the store's columns, so its memory is the store's and the findings', whatever the
    /// size of the file. The findings are the same either way.
    /// </remarks>
    public required IReadOnlyCollection<BasicReportingPeriodAttendance> Records { get; init; }

    /// <summary>The IEP service records.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<IepServiceRecord> ServiceRecords { get; init; } = [];

    /// <summary>Findings on rows a reader could not turn into records (ATT-00, ATT-02, ATT-03, 42400-000A), reported and priced with the others.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<AuditFinding> ReaderFindings { get; init; } = [];
}

/// <summary>
/// The three money columns over a set of findings, each finding in exactly one: ADA overstated (what TEA could recover),
/// ADA unclaimed (left on the table), and attendance opportunity (what better attendance would earn; not an error).
/// ADA exact; dollars the sum of the findings' dollars (each rounded to cents), <see langword="null"/> when no dollar
/// figure is computable for the year.
/// </summary>
/// <param name="AdaOverstated">Refined ADA overstated.</param>
/// <param name="DollarsOverstated">Its dollars.</param>
/// <param name="AdaUnclaimed">Refined ADA unclaimed.</param>
/// <param name="DollarsUnclaimed">Its dollars.</param>
/// <param name="AttendanceOpportunityAda">Refined ADA better attendance would earn.</param>
/// <param name="AttendanceOpportunityDollars">Its dollars.</param>
public sealed record AuditMoney(
    Ratio AdaOverstated,
    decimal? DollarsOverstated,
    Ratio AdaUnclaimed,
    decimal? DollarsUnclaimed,
    Ratio AttendanceOpportunityAda,
    decimal? AttendanceOpportunityDollars)
{
    /// <summary>No money.</summary>
    public static AuditMoney None { get; } = new(Ratio.Zero, null, Ratio.Zero, null, Ratio.Zero, null);

    /// <summary>The dollars of the two reporting-error columns (overstated + unclaimed), the figure ranked on.</summary>
    public decimal? ReportingErrorDollars => DollarsOverstated is null && DollarsUnclaimed is null ? null : (DollarsOverstated ?? 0m) + (DollarsUnclaimed ?? 0m);

    /// <summary>The columns summed over <paramref name="findings"/>.</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="dollarsComputable">Whether the audit could put dollars on ADA (otherwise every dollar column is <see langword="null"/>).</param>
    public static AuditMoney Of(IEnumerable<AuditFinding> findings, bool dollarsComputable)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var list = findings.ToList();
        Ratio Ada(AuditMoneyColumn c) => list.Where(f => f.MoneyColumn == c).Aggregate(Ratio.Zero, (sum, f) => sum + (f.Ada ?? Ratio.Zero));
        decimal? Dollars(AuditMoneyColumn c) => dollarsComputable ? list.Where(f => f.MoneyColumn == c).Sum(f => f.Dollars ?? 0m) : null;
        return new AuditMoney(
            Ada(AuditMoneyColumn.AdaOverstated),
            Dollars(AuditMoneyColumn.AdaOverstated),
            Ada(AuditMoneyColumn.AdaUnclaimed),
            Dollars(AuditMoneyColumn.AdaUnclaimed),
            Ada(AuditMoneyColumn.AttendanceOpportunity),
            Dollars(AuditMoneyColumn.AttendanceOpportunity));
    }
}

/// <summary>One campus's audit: its findings, its three money columns, and what better attendance would earn.</summary>
/// <param name="CampusId">The campus.</param>
/// <param name="CampusName">The campus's name, when a campus directory lists it.</param>
/// <param name="Errors">Findings of severity error.</param>
/// <param name="Warnings">Findings of severity warning.</param>
/// <param name="Notices">Findings of severity notice.</param>
/// <param name="Money">The three money columns over its findings.</param>
/// <param name="RefinedAda">The campus's refined ADA as reported (all students), exact.</param>
/// <param name="AdaGainAtTarget">The refined ADA the campus would gain at the target attendance rate, exact (an estimate over the whole campus, beside the per-student attendance opportunity).</param>
/// <param name="DollarsGainAtTarget">What that gain is worth, priced as findings are, rounded to cents; <see langword="null"/> when not computable.</param>
public sealed record CampusAuditSummary(
    CampusId CampusId,
    string? CampusName,
    int Errors,
    int Warnings,
    int Notices,
    AuditMoney Money,
    Ratio RefinedAda,
    Ratio AdaGainAtTarget,
    decimal? DollarsGainAtTarget)
{
    /// <summary>All findings of the campus.</summary>
    public int Findings => Errors + Warnings + Notices;
}

/// <summary>The result of <see cref="IntegrityAudit.Run"/>: findings ranked reporting errors first, campus summaries, service compliance.</summary>
public sealed class AuditReport
{
    internal AuditReport(
        RuleSet rules,
        AuditOptions options,
        IReadOnlyList<AuditFinding> findings,
        IReadOnlyList<CampusAuditSummary> campuses,
        IReadOnlyList<ServiceComplianceSummary> serviceCompliance,
        AuditMoney totals)
    {
        Rules = rules;
        Options = options;
        Findings = findings;
        Campuses = campuses;
        ServiceCompliance = serviceCompliance;
        Totals = totals;
    }

    /// <summary>The rules of the year audited.</summary>
    public RuleSet Rules { get; }

    /// <summary>The settings the audit ran with.</summary>
    public AuditOptions Options { get; }

    /// <summary>
    /// Every finding: reporting errors first (severity error, or ADA overstated or unclaimed), then the other warnings and
    /// notices, then attendance opportunity; within each, most dollars first (then ADA, severity, rule, campus, student,
    /// period, line).
    /// </summary>
    public IReadOnlyList<AuditFinding> Findings { get; }

    /// <summary>Every campus with records or findings, most reporting-error dollars (overstated + unclaimed) first.</summary>
    public IReadOnlyList<CampusAuditSummary> Campuses { get; }

    /// <summary>IEP service-minute compliance by campus and service.</summary>
    public IReadOnlyList<ServiceComplianceSummary> ServiceCompliance { get; }

    /// <summary>The three money columns over every finding, placed on a campus or not.</summary>
    public AuditMoney Totals { get; }

    /// <summary>
    /// What the dollars are, in words for a finance office: <c>basic-allotment equivalent ($6,160 per ADA, plus the early
    /// education allotment for K-3 rows)</c>, or <c>at the district's revenue of $7,500.00 per ADA</c>, or that none is
    /// computable.
    /// </summary>
    public string DollarsBasis => Funding.FundingAtRisk.Basis(Rules, Options.RevenuePerAda);
}
