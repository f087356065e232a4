using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>
/// One finding: the rule, the campus, student and period it concerns, the records it came from, what is wrong and
/// what fixes it, and the ADA and dollars at stake where they apply.
/// </summary>
public sealed record AuditFinding
{
    /// <summary>The rule that flagged it.</summary>
    public required AuditRule Rule { get; init; }

    /// <summary>The campus, when known.</summary>
    public CampusId? CampusId { get; init; }

    /// <summary>The student, when the finding is a student's.</summary>
    public StudentId? StudentId { get; init; }

    /// <summary>The reporting period, when the finding is a period's (a year finding has none).</summary>
    public ReportingPeriod? ReportingPeriod { get; init; }

    /// <summary>What is wrong and what fixes it, in one or two sentences.</summary>
    public required string Message { get; init; }

    /// <summary>The refined ADA at stake (exact); <see langword="null"/> where the rule puts no ADA at stake.</summary>
    public Ratio? AdaAtStake { get; init; }

    /// <summary>
    /// The dollars the ADA at stake carries at the year's basic allotment (plus the early education allotment for K-3
    /// rows), rounded to cents; <see langword="null"/> where no ADA is at stake or the year has no basic allotment.
    /// </summary>
    public decimal? DollarsAtStake { get; init; }

    /// <summary>The period-attendance records the finding came from (empty for a service record or an unreadable row).</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; init; } = [];

    /// <summary>The IEP service record the finding came from, for the special-education rules.</summary>
    public IepServiceRecord? ServiceRecord { get; init; }

    /// <summary>For a row that could not be read: the file it is in.</summary>
    public string? SourceFile { get; init; }

    /// <summary>For a row that could not be read: its line (the header is line 1).</summary>
    public long? SourceLine { get; init; }

    /// <summary>The severity, from the rule.</summary>
    public AuditSeverity Severity => Rule.Severity;
}
