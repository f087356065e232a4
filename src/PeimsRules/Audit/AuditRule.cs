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
        new("TEA data standards, code table C059 day weights; Ed-Fi Texas v4.0 reporting-period attendance object logic"));

    /// <summary>ATT-03: a day count that is not a whole or half day.</summary>
    public static AuditRule DayCountNotHalfDay { get; } = new(
        "ATT-03", AuditSeverity.Error, "Day count not a whole or half day",
        "A day count whose last digit is not 0 or 5, or that is negative: TEA rejects it.",
        new("TEA business rules 42400-0005, 42400-0006, 42400-0007"));

    /// <summary>ATT-04: remote days outside 2020-21 and 2021-22.</summary>
    public static AuditRule RemoteDaysOutsideRemoteYears { get; } = new(
        "ATT-04", AuditSeverity.Error, "Remote days outside 2020-21 and 2021-22",
        "Remote synchronous (E1678) or asynchronous (E1679) eligible days present reported in a year whose rules do not count them: they earn nothing.",
        new("Early Education ADA report specification; TEA COVID-19 and remote-instruction guidance; TEA data standards E1678, E1679"));

    /// <summary>ATT-05: remote asynchronous days for a student whose attendance is very low.</summary>
    public static AuditRule RemoteAsynchronousForLowAttendance { get; } = new(
        "ATT-05", AuditSeverity.Warning, "Remote asynchronous days for a low-attendance student",
        "Remote asynchronous days present for a student whose attendance rate in the period is below the threshold: the misuse of asynchronous credit for highly absent students.",
        new("District PEIMS integrity audit: misusing remote asynchronous codes for highly absent students", CitationStatus.VendorDocumented,
            "The threshold is the audit's own, set by the district (AuditOptions.RemoteAsynchronousAttendanceRateBelow)."));

    /// <summary>ATT-06: a half-day code on a grade that does not carry half-day attendance.</summary>
    public static AuditRule HalfDayCodeOnFullDayGrade { get; } = new(
        "ATT-06", AuditSeverity.Warning, "Half-day code on a full-day grade",
        "ADA code 2, 5 or 6 on a grade the district runs as full day only: the student is likely full day, and the half-day code under-reports attendance.",
        new("TEA data standards, code table C059", CitationStatus.AwaitingConfirmation,
            "Which grades may carry half-day codes is set by the district (AuditOptions.GradesAllowingHalfDayCodes); the default allows EE, PK, KG and 09 to 12."));

    /// <summary>ATT-07: overlapping records of one student on one campus and track in one period.</summary>
    public static AuditRule CodeChangeWithoutWithdrawal { get; } = new(
        "ATT-07", AuditSeverity.Error, "Overlapping records without withdrawal and re-entry",
        "A student's records (of different grades) on one campus and track in one period overlap: together they hold more days than the days taught allow, so a grade change was recorded without withdrawing from the first.",
        new("Student Attendance Accounting Handbook: a change of grade or eligibility is a withdrawal and a re-entry", CitationStatus.VendorDocumented));

    /// <summary>ATT-08: a code-0 record that reports days.</summary>
    public static AuditRule NotInMembershipWithDays { get; } = new(
        "ATT-08", AuditSeverity.Warning, "Days reported for a student not in membership",
        "ADA code 0 (enrolled, not in membership) with days present or absent: a student not in membership has no attendance to report, so the code or the enrollment status is wrong.",
        new("District PEIMS integrity audit: code 0 without proper withdrawal/enrollment status; C059", CitationStatus.VendorDocumented));

    /// <summary>ATT-09: attendance rate below 90% at a campus over the year.</summary>
    public static AuditRule ChronicAbsence { get; } = new(
        "ATT-09", AuditSeverity.Warning, "Chronic absence (attendance below 90%)",
        "A student's attendance rate at a campus over the year (days present ÷ days in membership) is below 90%, the integrity audit's chronic absence line.",
        new("District PEIMS integrity audit: attendance rate below 90% (absence rate at least 10%)", CitationStatus.VendorDocumented));

    /// <summary>SPED-01: IEP service minutes not delivered and not explained by student absence.</summary>
    public static AuditRule ServiceShortfallOwed { get; } = new(
        "SPED-01", AuditSeverity.Error, "IEP service shortfall owed",
        "IEP service minutes delivered below those required, with a deficit not explained by the student's absence: minutes the district owes as compensatory service.",
        new("34 CFR §300.323(c)(2); district PEIMS integrity audit: compliance ratio below 1.0"));

    /// <summary>SPED-02: IEP service minutes not delivered, fully explained by student absence.</summary>
    public static AuditRule ServiceShortfallStudentAbsence { get; } = new(
        "SPED-02", AuditSeverity.Notice, "IEP service shortfall from student absence",
        "IEP service minutes delivered below those required, the whole deficit explained by the student's absence: document it; attendance may need attention.",
        new("District PEIMS integrity audit: compliance ratio below 1.0", CitationStatus.VendorDocumented));

    /// <summary>42400-000A: a second record with the key of another (student, campus, grade, track, period).</summary>
    public static AuditRule DuplicateRecord { get; } = new(
        "42400-000A", AuditSeverity.Error, "Duplicated record",
        "Two records with one key (student, campus, grade, track and period): TEA allows one, and a duplicate counts the same days twice. Priced at the eligible days the second record adds.",
        new("TEA data standards (TWEDS), business rule 42400-000A: the 42400 key is unique (fatal)"));

    /// <summary>42400-0067: days taught that differ within one campus, track and period.</summary>
    public static AuditRule DaysTaughtMismatch { get; } = new(
        "42400-0067", AuditSeverity.Error, "Days taught differ within a campus, track and period",
        "Records of one campus, instructional track and reporting period carry different days taught (E0935), when all of them must match the calendar's reporting-period record. Priced against the days taught most of the cell's records carry.",
        new("TEA data standards (TWEDS), business rule 42400-0067: days taught match the calendar's reporting-period record for the campus, track and period", CitationStatus.VendorDocumented,
            "The rule number and wording are quoted by vendors; the audit compares records with each other, since the period file carries no calendar record."));

    /// <summary>ATT-10: one student in membership at two campuses for more days than a period has.</summary>
    public static AuditRule CountedAtTwoCampuses { get; } = new(
        "ATT-10", AuditSeverity.Error, "Student counted at two campuses for the same days",
        "A student's membership at two or more campuses in one reporting period adds up to more than the period's days taught (each campus's share of its own days taught, summed, above one): some days are counted at both, so one enrollment was not withdrawn.",
        new("Student Attendance Accounting Handbook: a student is in membership at one campus at a time; a transfer is a withdrawal and an entry", CitationStatus.AwaitingConfirmation,
            "The 42400 record carries totals, not dates: the overlap is inferred from the totals and is a lower bound of the days counted twice."));

    /// <summary>SPED-03: IEP minutes missed "for student absence" in a period with no absence on file.</summary>
    public static AuditRule ServiceAbsenceNotOnFile { get; } = new(
        "SPED-03", AuditSeverity.Error, "Minutes missed for an absence the attendance file does not show",
        "IEP service minutes recorded as missed because the student was absent, in a reporting period where the student's attendance records at that campus show no day absent: the absence does not excuse the deficit, so the minutes are owed until the attendance or the service log is corrected.",
        new("34 CFR §300.323(c)(2); integrity audit: service-minute compliance, missed minutes reconciled with attendance", CitationStatus.VendorDocumented));

    /// <summary>SPED-04: an IEP service record for a student the period file does not have at that campus.</summary>
    public static AuditRule ServiceWithoutAttendance { get; } = new(
        "SPED-04", AuditSeverity.Warning, "IEP service for a student not in the period file",
        "An IEP service record for a student with no period-attendance record at that campus (in that reporting period, for a period's service): either the service log names the wrong campus or student, or the student's attendance is missing from the file. Checked instead of the shortfall rules, whose reading of absences needs the attendance.",
        new("Integrity audit: service records reconciled with enrollment and attendance", CitationStatus.VendorDocumented));

    /// <summary>Every rule: the audit's own (ATT-), TEA's business rules (42400-), then special education (SPED-).</summary>
    public static IReadOnlyList<AuditRule> Catalogue { get; } =
    [
        UnreadableRecord, FundedDayOnUnfundedCode, MembershipOverDaysTaught, DayCountNotHalfDay, RemoteDaysOutsideRemoteYears,
        RemoteAsynchronousForLowAttendance, HalfDayCodeOnFullDayGrade, CodeChangeWithoutWithdrawal, NotInMembershipWithDays,
        ChronicAbsence, CountedAtTwoCampuses, DuplicateRecord, DaysTaughtMismatch, ServiceShortfallOwed, ServiceShortfallStudentAbsence,
        ServiceAbsenceNotOnFile, ServiceWithoutAttendance,
    ];

    /// <summary>The rule with <paramref name="id"/>, case-insensitive.</summary>
    /// <exception cref="ArgumentException">No rule has that id.</exception>
    public static AuditRule Find(string id) =>
        Catalogue.FirstOrDefault(r => string.Equals(r.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no audit rule '{id}'; the rules are {string.Join(", ", Catalogue.Select(r => r.Id))}.", nameof(id));
}
