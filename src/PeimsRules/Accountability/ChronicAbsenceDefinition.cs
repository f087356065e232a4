using System.Globalization;
using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>What a chronic-absence definition measures and compares with its threshold.</summary>
public enum ChronicAbsenceMeasure
{
    /// <summary>Days absent ÷ days enrolled, as a percentage (EDFacts FS195, TEA accountability, the integrity audit).</summary>
    PercentOfDaysEnrolled = 0,

    /// <summary>The number of days absent in the year (CRDC: 15 or more).</summary>
    DaysAbsent = 1,

    /// <summary>Instructional minutes missed ÷ instructional minutes scheduled, as a percentage (the HB 213 proposal); needs daily data.</summary>
    PercentOfInstructionalMinutes = 2,
}

/// <summary>Over which enrollments a student's days are summed before the test, and where the student is counted.</summary>
public enum ChronicAbsenceAttribution
{
    /// <summary>Per school: several enrollments in one school are summed; a student is counted once for each school (EDFacts FS195).</summary>
    School = 0,

    /// <summary>Per district: all the student's enrollments in one district are summed; counted once per district, at each of its campuses.</summary>
    District = 1,

    /// <summary>Following the student: all enrollments in the data are summed into one verdict, shown at every campus and district the student attended.</summary>
    Student = 2,
}

/// <summary>When a day of scheduled minutes counts as a day absent, for definitions computed from daily marks.</summary>
public enum AbsentDayRule
{
    /// <summary>Absent when the minutes missed are more than half the minutes scheduled that day (EDFacts FS195 as a student information system implements it).</summary>
    MoreThanHalfOfScheduledMinutes = 0,

    /// <summary>Absent when the minutes missed are at least half the minutes scheduled (CRDC: "missed at least half of the school day").</summary>
    AtLeastHalfOfScheduledMinutes = 1,
}

/// <summary>
/// One authority's definition of a chronically absent student, with every parameter shown: the measure and its
/// threshold, whether the threshold itself counts, the minimum days enrolled, the attribution, the grades, how a day
/// absent is decided from minutes, the exclusions, and the "trending" band below the line. The predefined definitions
/// are static members; any parameter can be changed with <c>with</c>, for a what-if or a local rule.
/// </summary>
/// <example>
/// <code>
/// var strict = ChronicAbsenceDefinition.Federal with { Threshold = 15m, Attribution = ChronicAbsenceAttribution.District };
/// </code>
/// </example>
[TeaSource("EDFacts FS195; CRDC definitions; district PEIMS integrity audit; TEA accountability as vendors rebuild it; HB 213 (89th Legislature, 2025), not law")]
public sealed record ChronicAbsenceDefinition
{
    /// <summary>The definition's short name, as the CLI's <c>--definition</c> names it (such as <c>federal</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The authority whose definition it is, such as <c>U.S. Department of Education, EDFacts FS195</c>.</summary>
    public required string Authority { get; init; }

    /// <summary>Where the definition comes from, and how firmly.</summary>
    public required Citation Citation { get; init; }

    /// <summary>What is measured.</summary>
    public required ChronicAbsenceMeasure Measure { get; init; }

    /// <summary>The line: a percentage (10 means 10%) for the percentage measures, a number of days for <see cref="ChronicAbsenceMeasure.DaysAbsent"/>.</summary>
    public required decimal Threshold { get; init; }

    /// <summary>Whether a student exactly at <see cref="Threshold"/> is chronically absent ("10% or more") or not ("more than 10%").</summary>
    public required bool Inclusive { get; init; }

    /// <summary>The fewest days enrolled (summed over the attribution) for the student to be considered at all.</summary>
    /// <value>10 for EDFacts FS195; 0 (no minimum) for the others.</value>
    public DayCount MinimumDaysEnrolled { get; init; }

    /// <summary>
    /// The smallest share of the days taught, as a percentage, that the student's days in membership must reach to be
    /// considered; <see langword="null"/> for no such test.
    /// </summary>
    /// <value>83 for TEA accountability as vendors rebuild it; <see langword="null"/> for the others.</value>
    public decimal? MinimumMembershipPercentOfDaysTaught { get; init; }

    /// <summary>Over which enrollments days are summed, and where the student is counted.</summary>
    public required ChronicAbsenceAttribution Attribution { get; init; }

    /// <summary>The lowest grade included.</summary>
    public required GradeLevel LowestGrade { get; init; }

    /// <summary>The highest grade included.</summary>
    /// <value>Grade 12 for every predefined definition.</value>
    public GradeLevel HighestGrade { get; init; } = GradeLevel.Grade(12);

    /// <summary>When a day counts absent from minutes, for inputs built from daily marks.</summary>
    public AbsentDayRule AbsentDay { get; init; } = AbsentDayRule.MoreThanHalfOfScheduledMinutes;

    /// <summary>
    /// Calendars with this many attendance days or fewer are left out; <see langword="null"/> for no such exclusion.
    /// </summary>
    /// <value>10 for EDFacts FS195 (as a student information system implements it: "calendars having 10 or fewer days where attendance is marked are excluded").</value>
    public int? ExcludeCalendarsWithAtMostDays { get; init; }

    /// <summary>Whether enrollments that start and end on the same day, and no-show enrollments, are left out.</summary>
    /// <value><see langword="true"/> for EDFacts FS195; <see langword="false"/> for the others.</value>
    public bool ExcludesSameDayAndNoShowEnrollments { get; init; }

    /// <summary>
    /// When set, each single enrollment longer than this many days enrolled is also tested on its own, and failing it
    /// makes the student chronically absent even when the year as a whole does not; <see langword="null"/> for none.
    /// </summary>
    /// <value>30 for the HB 213 proposal (more than 10% in the year or in an enrollment period longer than 30 days).</value>
    public int? AlsoTestEnrollmentsLongerThanDays { get; init; }

    /// <summary>
    /// The lower edge of the "trending" band, in the unit of <see cref="Threshold"/>: a student at or above it but not
    /// chronically absent is trending, so staff can act before the line is crossed; <see langword="null"/> for no band.
    /// </summary>
    /// <value>5 (%) for the percentage definitions; 10 (days) for CRDC.</value>
    public decimal? TrendingFrom { get; init; }

    /// <summary>
    /// EDFacts file specification FS195, exactly as a student information system's data mart describes it: kindergarten to grade 12; enrolled at least
    /// 10 days in the school; absent 10% or more of the days enrolled; a day absent when more than half the scheduled
    /// instructional minutes were missed; several enrollments in one school summed before the test; counted once per
    /// school; school-related activities are not absences; calendars with 10 or fewer attendance days, same-day
    /// enrollments and no-shows left out.
    /// </summary>
    public static ChronicAbsenceDefinition Federal { get; } = new()
    {
        Name = "federal",
        Authority = "U.S. Department of Education, EDFacts FS195 (chronic absenteeism)",
        Citation = new("EDFacts FS195, as a student information system's federal attendance data mart implements it", CitationStatus.Verified),
        Measure = ChronicAbsenceMeasure.PercentOfDaysEnrolled,
        Threshold = 10m,
        Inclusive = true,
        MinimumDaysEnrolled = DayCount.FromDays(10),
        Attribution = ChronicAbsenceAttribution.School,
        LowestGrade = GradeLevel.Kindergarten,
        AbsentDay = AbsentDayRule.MoreThanHalfOfScheduledMinutes,
        ExcludeCalendarsWithAtMostDays = 10,
        ExcludesSameDayAndNoShowEnrollments = true,
        TrendingFrom = 5m,
    };

    /// <summary>Civil Rights Data Collection: absent 15 or more school days in the year (a day absent when at least half of it was missed).</summary>
    public static ChronicAbsenceDefinition Crdc { get; } = new()
    {
        Name = "crdc",
        Authority = "U.S. Department of Education, Office for Civil Rights, Civil Rights Data Collection",
        Citation = new("CRDC definitions: chronically absent, 15 or more school days absent in the school year", CitationStatus.Verified),
        Measure = ChronicAbsenceMeasure.DaysAbsent,
        Threshold = 15m,
        Inclusive = true,
        Attribution = ChronicAbsenceAttribution.School,
        LowestGrade = GradeLevel.Kindergarten,
        AbsentDay = AbsentDayRule.AtLeastHalfOfScheduledMinutes,
        TrendingFrom = 10m,
    };

    /// <summary>
    /// The integrity audit's line (the district PEIMS integrity audit, its rule ATT-09): attendance rate at a campus below 90%, that is days
    /// absent more than 10% of days in membership (exactly 90% attendance is not below 90%), every grade.
    /// </summary>
    public static ChronicAbsenceDefinition IntegrityAudit { get; } = new()
    {
        Name = "audit",
        Authority = "District PEIMS integrity audit, rule ATT-09",
        Citation = new("District PEIMS integrity audit: attendance rate below 90%", CitationStatus.VendorDocumented),
        Measure = ChronicAbsenceMeasure.PercentOfDaysEnrolled,
        Threshold = 10m,
        Inclusive = false,
        Attribution = ChronicAbsenceAttribution.School,
        LowestGrade = GradeLevel.EarlyEducation,
        TrendingFrom = 5m,
    };

    /// <summary>
    /// TEA accountability as vendors rebuild it: among students in membership at least 83% of the days taught, those
    /// absent 10% or more of their days in membership; grades 1 to 12, by campus (vendor documentation only).
    /// </summary>
    public static ChronicAbsenceDefinition TeaAccountability { get; } = new()
    {
        Name = "tea-accountability",
        Authority = "Texas Education Agency, accountability (as vendors rebuild it)",
        Citation = new(
            "TEA accountability chronic absenteeism, as vendors document it",
            CitationStatus.VendorDocumented,
            "Membership at least 83% of days taught and absent at least 10% of days in membership; the grades (1-12) follow the accountability attendance rate."),
        Measure = ChronicAbsenceMeasure.PercentOfDaysEnrolled,
        Threshold = 10m,
        Inclusive = true,
        MinimumMembershipPercentOfDaysTaught = 83m,
        Attribution = ChronicAbsenceAttribution.School,
        LowestGrade = GradeLevel.Grade(1),
        TrendingFrom = 5m,
    };

    /// <summary>
    /// PROPOSED, NOT LAW. HB 213 (89th Legislature, 2025) would have defined a chronically absent student as one absent
    /// more than 10% of the required instructional time of the school year, or of an enrollment period longer than 30
    /// days. The bill did not pass; this definition is offered for what-if analysis only, awaiting confirmation against
    /// statute, with every parameter overridable. It measures minutes, so it needs daily data.
    /// </summary>
    public static ChronicAbsenceDefinition TexasProposedHb213 { get; } = new()
    {
        Name = "texas-proposed",
        Authority = "Texas Legislature, HB 213 (89th Legislature, 2025) — proposed, not law",
        Citation = new(
            "HB 213, 89th Legislature (2025), bill text",
            CitationStatus.AwaitingConfirmation,
            "Proposed, not law: the bill did not pass. Its periods (year, enrollment period over 30 days or six-week period) await confirmation against any later statute."),
        Measure = ChronicAbsenceMeasure.PercentOfInstructionalMinutes,
        Threshold = 10m,
        Inclusive = false,
        Attribution = ChronicAbsenceAttribution.School,
        LowestGrade = GradeLevel.Kindergarten,
        AlsoTestEnrollmentsLongerThanDays = 30,
        TrendingFrom = 5m,
    };

    /// <summary>Every predefined definition, in the order the documentation lists them.</summary>
    public static IReadOnlyList<ChronicAbsenceDefinition> All { get; } =
        Array.AsReadOnly(new[] { Federal, Crdc, IntegrityAudit, TeaAccountability, TexasProposedHb213 });

    /// <summary>The predefined definition named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public static ChronicAbsenceDefinition? Find(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="grade"/> is among the grades included.</summary>
    public bool IncludesGrade(GradeLevel grade) => grade.CompareTo(LowestGrade) >= 0 && grade.CompareTo(HighestGrade) <= 0;

    /// <summary>The parameters as name and value, for reports: every choice the definition makes, shown.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DescribeParameters()
    {
        var unit = Measure == ChronicAbsenceMeasure.DaysAbsent ? " days" : "%";
        var list = new List<KeyValuePair<string, string>>
        {
            new("definition", Name),
            new("authority", Authority),
            new("citation", Citation.ToString()),
            new("measure", Measure.ToString()),
            new("threshold", string.Create(CultureInfo.InvariantCulture, $"{(Inclusive ? ">=" : ">")} {Threshold}{unit}")),
            new("minimum days enrolled", MinimumDaysEnrolled.ToString()),
            new("minimum membership % of days taught", MinimumMembershipPercentOfDaysTaught?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            new("attribution", Attribution.ToString()),
            new("grades", $"{LowestGrade}-{HighestGrade}"),
            new("day absent (daily data)", AbsentDay.ToString()),
            new("calendars left out", ExcludeCalendarsWithAtMostDays is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c} attendance days or fewer") : "none"),
            new("same-day and no-show enrollments", ExcludesSameDayAndNoShowEnrollments ? "left out" : "kept"),
            new("enrollment periods also tested", AlsoTestEnrollmentsLongerThanDays is { } e ? string.Create(CultureInfo.InvariantCulture, $"longer than {e} days") : "none"),
            new("trending band", TrendingFrom is { } t ? string.Create(CultureInfo.InvariantCulture, $">= {t}{unit}, below the line") : "none"),
        };
        return list.AsReadOnly();
    }

    /// <summary>The name and authority, with the citation's status when it is not verified: <c>texas-proposed: Texas Legislature, HB 213 ... — proposed, not law</c>.</summary>
    public override string ToString() => $"{Name}: {Authority}" + Citation.Status switch
    {
        CitationStatus.Verified => string.Empty,
        CitationStatus.VendorDocumented => " (vendor documentation only)",
        _ => " (awaiting confirmation)",
    };
}
