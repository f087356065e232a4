using PeimsRules.Rules;

namespace PeimsRules.Audit;

/// <summary>How serious a finding is.</summary>
public enum AuditSeverity
{
    /// <summary>Worth a look; not an error in itself.</summary>
    Notice = 0,

    /// <summary>A likely error or a compliance risk to review before submission.</summary>
    Warning = 1,

    /// <summary>A reporting error TEA's rules do not allow, or funding claimed on days that do not earn it.</summary>
    Error = 2,
}

/// <summary>One rule of the integrity audit's catalogue: its id, severity, citation and what it checks.</summary>
/// <param name="Id">The rule's id, such as <c>ATT-01</c>.</param>
/// <param name="Severity">The severity of its findings.</param>
/// <param name="Title">A short name.</param>
/// <param name="Description">What the rule flags and why, in a sentence or two.</param>
/// <param name="Citation">Where the rule comes from.</param>
public sealed record AuditRule(string Id, AuditSeverity Severity, string Title, string Description, Citation Citation);

/// <summary>The catalogue of audit rules.</summary>
public static class AuditRules
{
    /// <summary>ATT-00: a row of the period file that cannot be read as a 42400 record.</summary>
    public static AuditRule UnreadableRecord { get; } = new(
        "ATT-00", AuditSeverity.Error, "Unreadable record",
        "A row of the period-attendance file that is not a valid TSDS 42400 record (an unknown code, a malformed id or number, a missing value): it would be rejected and its days not counted.",
        new("TEA data standards, complex type 42400 and its code tables"));

    /// <summary>ATT-01: eligible days present under ADA code 0, 4, 5 or 8.</summary>
    public static AuditRule FundedDayOnUnfundedCode { get; } = new(
        "ATT-01", AuditSeverity.Error, "Funded day on an unfunded code",
        "Eligible days present reported under ADA eligibility code 0, 4, 5 or 8, which earn no funding: the days belong in ineligible days present, or the code is wrong.",
        new("TEA data standards, code table C059 (E0787)"));

    /// <summary>ATT-02: days present and absent above the days taught times the code's weight.</summary>
    public static AuditRule MembershipOverDaysTaught { get; } = new(
        "ATT-02", AuditSeverity.Error, "Membership above days taught × weight",
        "Days present + absent exceed the days taught times the code's day weight (a half-day code can carry at most half the days taught).",
        new("TEA data standards, code table C059 day weights; Ed-Fi TX reporting-period attendance object logic (seed 003)"));

    /// <summary>ATT-03: a day count that is not a whole or half day.</summary>
    public static AuditRule DayCountNotHalfDay { get; } = new(
        "ATT-03", AuditSeverity.Error, "Day count not a whole or half day",
        "A day count whose last digit is not 0 or 5, or that is negative: TEA rejects it.",
        new("TEA business rules 42400-0005, 42400-0006, 42400-0007"));

    /// <summary>ATT-04: remote days outside 2020-21 and 2021-22.</summary>
    public static AuditRule RemoteDaysOutsideRemoteYears { get; } = new(
        "ATT-04", AuditSeverity.Error, "Remote days outside 2020-21 and 2021-22",
        "Remote synchronous (E1678) or asynchronous (E1679) eligible days present reported in a year whose rules do not count them: they earn nothing.",
        new("Early Education ADA report (seed 001); TEA data standards E1678, E1679"));

    /// <summary>ATT-05: remote asynchronous days for a student whose attendance is very low.</summary>
    public static AuditRule RemoteAsynchronousForLowAttendance { get; } = new(
        "ATT-05", AuditSeverity.Warning, "Remote asynchronous days for a low-attendance student",
        "Remote asynchronous days present for a student whose attendance rate in the period is below the threshold: the misuse of asynchronous credit for highly absent students.",
        new("Integrity audit (seed 000): misusing remote asynchronous codes for highly absent students", CitationStatus.VendorDocumented,
            "The threshold is the audit's own, set by the district (AuditOptions.RemoteAsynchronousAttendanceRateBelow)."));

    /// <summary>ATT-06: a half-day code on a grade that does not carry half-day attendance.</summary>
    public static AuditRule HalfDayCodeOnFullDayGrade { get; } = new(
        "ATT-06", AuditSeverity.Warning, "Half-day code on a full-day grade",
        "ADA code 2, 5 or 6 on a grade the district runs as full day only: the student is likely full day, and the half-day code under-reports attendance.",
        new("TEA data standards, code table C059", CitationStatus.AwaitingConfirmation,
            "Which grades may carry half-day codes is set by the district (AuditOptions.GradesAllowingHalfDayCodes); the default allows EE, PK, KG and 09 to 12."));

    /// <summary>ATT-07: overlapping records of one student on one campus and track in one period.</summary>
    public static AuditRule CodeChangeWithoutWithdrawal { get; } = new(
        "ATT-07", AuditSeverity.Error, "Code change without withdrawal and re-entry",
        "A student's records on one campus and track in one period overlap: together they hold more days than the days taught allow, so a code or grade change was recorded without withdrawing from the first status.",
        new("Student Attendance Accounting Handbook: a change of eligibility is a withdrawal and a re-entry", CitationStatus.VendorDocumented));

    /// <summary>ATT-08: a code-0 record that reports days.</summary>
    public static AuditRule NotInMembershipWithDays { get; } = new(
        "ATT-08", AuditSeverity.Warning, "Days reported for a student not in membership",
        "ADA code 0 (enrolled, not in membership) with days present or absent: a student not in membership has no attendance to report, so the code or the enrollment status is wrong.",
        new("Integrity audit (seed 000): code 0 without proper withdrawal/enrollment status; C059", CitationStatus.VendorDocumented));

    /// <summary>ATT-09: attendance rate below 90% at a campus over the year.</summary>
    public static AuditRule ChronicAbsence { get; } = new(
        "ATT-09", AuditSeverity.Warning, "Chronic absence (attendance below 90%)",
        "A student's attendance rate at a campus over the year (days present ÷ days in membership) is below 90%, the integrity audit's chronic absence line.",
        new("Integrity audit (seed 000): attendance rate below 90% (absence rate at least 10%)", CitationStatus.VendorDocumented));

    /// <summary>SPED-01: IEP service minutes not delivered and not explained by student absence.</summary>
    public static AuditRule ServiceShortfallOwed { get; } = new(
        "SPED-01", AuditSeverity.Error, "IEP service shortfall owed",
        "IEP service minutes delivered below those required, with a deficit not explained by the student's absence: minutes the district owes as compensatory service.",
        new("34 CFR §300.323(c)(2); integrity audit (seed 000): compliance ratio below 1.0"));

    /// <summary>SPED-02: IEP service minutes not delivered, fully explained by student absence.</summary>
    public static AuditRule ServiceShortfallStudentAbsence { get; } = new(
        "SPED-02", AuditSeverity.Notice, "IEP service shortfall from student absence",
        "IEP service minutes delivered below those required, the whole deficit explained by the student's absence: document it; attendance may need attention.",
        new("Integrity audit (seed 000): compliance ratio below 1.0", CitationStatus.VendorDocumented));

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<AuditRule> Catalogue { get; } =
    [
        UnreadableRecord, FundedDayOnUnfundedCode, MembershipOverDaysTaught, DayCountNotHalfDay, RemoteDaysOutsideRemoteYears,
        RemoteAsynchronousForLowAttendance, HalfDayCodeOnFullDayGrade, CodeChangeWithoutWithdrawal, NotInMembershipWithDays,
        ChronicAbsence, ServiceShortfallOwed, ServiceShortfallStudentAbsence,
    ];

    /// <summary>The rule with <paramref name="id"/>, case-insensitive.</summary>
    /// <exception cref="ArgumentException">No rule has that id.</exception>
    public static AuditRule Find(string id) =>
        Catalogue.FirstOrDefault(r => string.Equals(r.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no audit rule '{id}'; the rules are {string.Join(", ", Catalogue.Select(r => r.Id))}.", nameof(id));
}
