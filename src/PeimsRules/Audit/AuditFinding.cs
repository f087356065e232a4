using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>
/// Which money column a finding's ADA and dollars belong to. Each finding is in exactly one, so the columns add up
/// without counting a dollar twice.
/// </summary>
public enum AuditMoneyColumn
{
    /// <summary>The finding moves no ADA (a compliance or data-quality finding, or a likely error the audit cannot price).</summary>
    None = 0,

    /// <summary>
    /// ADA overstated: ADA that TEA's figure counts and the rules do not allow (funded days on an unfunded code, a
    /// duplicated record, days counted at two campuses or twice on one, a half-day code over its half days). What TEA could
    /// recover on audit.
    /// </summary>
    AdaOverstated = 1,

    /// <summary>
    /// ADA unclaimed: ADA the district's students earned that the file does not claim (a row TEA would reject, remote
    /// days in a year that does not count them, days taught above the campus's calendar). Money left on the table.
    /// </summary>
    AdaUnclaimed = 2,

    /// <summary>
    /// Attendance opportunity: the ADA better attendance would earn (chronic absence). Not a reporting error: nothing in
    /// the file is wrong.
    /// </summary>
    AttendanceOpportunity = 3,
}

/// <summary>
/// One finding: the rule, a stable id, the campus, student, grade, track and period it concerns, the records it came
/// from, what is wrong and what fixes it, and the ADA and dollars it moves in one money column.
/// </summary>
public sealed record AuditFinding
{
    /// <summary>
    /// The finding's stable id, such as <c>ATT-01-5d41402abc</c>: the rule id and a hash of the rule id and the fields that
    /// identify the defect (school year, campus, student, grade, track, period, service), never of the row's position or
    /// the message. The same defect gets the same id from one run to the next, so fixes can be tracked week to week.
    /// Set by <see cref="IntegrityAudit.Run"/>.
    /// </summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The rule that flagged it.</summary>
    public required AuditRule Rule { get; init; }

    /// <summary>The campus, when known (for a row the reader refused, when its campus id could be read).</summary>
    public CampusId? CampusId { get; init; }

    /// <summary>The campus's name, when the audit was given a campus directory that lists it.</summary>
    public string? CampusName { get; init; }

    /// <summary>The student, when the finding is a student's.</summary>
    public StudentId? StudentId { get; init; }

    /// <summary>The grade level, when the finding is one record's (or a refused row's, when readable).</summary>
    public GradeLevel? GradeLevel { get; init; }

    /// <summary>The instructional track, when the finding is one record's (or a refused row's, when readable).</summary>
    public InstructionalTrack? InstructionalTrack { get; init; }

    /// <summary>The reporting period, when the finding is a period's (a year finding has none).</summary>
    public ReportingPeriod? ReportingPeriod { get; init; }

    /// <summary>What is wrong and what fixes it, in one or two sentences.</summary>
    public required string Message { get; init; }

    /// <summary>The money column the finding's ADA and dollars belong to.</summary>
    /// <value>Defaults to <see cref="AuditMoneyColumn.None"/>.</value>
    public AuditMoneyColumn MoneyColumn { get; init; }

    /// <summary>
    /// The refined ADA the finding moves, exact, in <see cref="MoneyColumn"/>; <see langword="null"/> where the rule moves no
    /// ADA or the amount cannot be read (a refused row whose days are unreadable). Never more than the ADA its records
    /// carry.
    /// </summary>
    public Ratio? Ada { get; init; }

    /// <summary>
    /// What <see cref="Ada"/> is worth, rounded to cents: the basic-allotment equivalent (ADA × the year's basic allotment,
    /// plus the early education allotment for each K-3 row a record counts in), or ADA × the district's own revenue per ADA
    /// when <see cref="AuditOptions.RevenuePerAda"/> is set. Not TEA's Summary of Finances. <see langword="null"/> where no
    /// ADA moves, or the year has no basic allotment and no revenue per ADA was given.
    /// </summary>
    public decimal? Dollars { get; init; }

    /// <summary>The period-attendance records the finding came from (empty for a service record or an unreadable row).</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; init; } = [];

    /// <summary>The IEP service record the finding came from, for the special-education rules.</summary>
    public IepServiceRecord? ServiceRecord { get; init; }

    /// <summary>For a row that could not be read: the file it is in.</summary>
    public string? SourceFile { get; init; }

    /// <summary>For a row that could not be read: its line (the header is line 1).</summary>
    public long? SourceLine { get; init; }

    /// <summary>For a row that could not be read: the column at fault, when one is.</summary>
    public string? SourceColumn { get; init; }

    /// <summary>
    /// For a row that could not be read: its values as written, by column (used for the finding's id when the row's
    /// campus or student cannot be read).
    /// </summary>
    public IReadOnlyDictionary<string, string>? SourceValues { get; init; }

    /// <summary>The severity, from the rule.</summary>
    public AuditSeverity Severity => Rule.Severity;

    /// <summary>
    /// Whether the finding is a reporting error (severity error, or ADA overstated or unclaimed): what the audit ranks
    /// first, before likely errors and attendance opportunity.
    /// </summary>
    public bool IsReportingError =>
        Severity == AuditSeverity.Error || MoneyColumn is AuditMoneyColumn.AdaOverstated or AuditMoneyColumn.AdaUnclaimed;
}
