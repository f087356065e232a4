namespace PeimsRules.Tests.Support;

/// <summary>
/// Builds 42400 records the way the handbook's examples describe them, so a test reads like its worked example:
/// <c>Given.Record(period: 1, taught: 30, eligible: 28, absent: 2)</c>. Every value not named takes a plain default
/// (2023-24, district 101912, campus 101912001, grade 05, track 00, no ADA code joined, not disadvantaged, not emergent bilingual).
/// </summary>
internal static class Given
{
    public const int Year = 2024;
    public const string District = "101912";
    public const string Campus = "101912001";

    public static BasicReportingPeriodAttendance Record(
        string student = "S1",
        int period = 1,
        int? code = null,
        decimal taught = 30,
        decimal eligible = 0,
        decimal ineligible = 0,
        decimal absent = 0,
        int year = Year,
        string campus = Campus,
        string grade = "05",
        string track = "00",
        string economic = "00",
        string emergentBilingual = "0",
        string? funding = null,
        decimal remoteSync = 0,
        decimal remoteAsync = 0)
    {
        var campusId = CampusId.Parse(campus);
        return new BasicReportingPeriodAttendance(
            new SchoolYear(year),
            new ReportingPeriodAttendanceKey(campusId, StudentId.Parse(student), GradeLevel.Parse(grade), InstructionalTrack.Parse(track), new ReportingPeriod(period)),
            DayCount.FromDays(taught),
            DayCount.FromDays(eligible),
            DayCount.FromDays(ineligible),
            DayCount.FromDays(absent),
            new StudentFundingAttributes(EconomicDisadvantage.Parse(economic), EmergentBilingual.Parse(emergentBilingual), funding is null ? null : BilingualEslFunding.Parse(funding)),
            DayCount.FromDays(remoteSync),
            DayCount.FromDays(remoteAsync),
            code is null ? null : AdaEligibility.FromCode(code.Value));
    }

    /// <summary>
    /// <paramref name="count"/> students (ids <paramref name="prefix"/>1, <paramref name="prefix"/>2, ...), each present
    /// <paramref name="eligible"/> eligible days and absent the rest of the <paramref name="taught"/> days of the period.
    /// </summary>
    public static IEnumerable<BasicReportingPeriodAttendance> Students(
        int count,
        int period,
        decimal taught,
        decimal eligible,
        string prefix = "S",
        int year = Year,
        string campus = Campus,
        string grade = "05",
        string track = "00",
        string economic = "00")
    {
        for (var i = 1; i <= count; i++)
        {
            yield return Record(
                $"{prefix}{i}", period, taught: taught, eligible: eligible, absent: taught - eligible,
                year: year, campus: campus, grade: grade, track: track, economic: economic);
        }
    }

    /// <summary>
    /// Records of one period whose eligible days present add up to <paramref name="totalEligible"/>: as many students
    /// present every one of the <paramref name="taught"/> days as fit, then one student present the remainder. Its
    /// period ADA is therefore <paramref name="totalEligible"/> ÷ <paramref name="taught"/>.
    /// </summary>
    public static IEnumerable<BasicReportingPeriodAttendance> EligibleDaysInPeriod(int period, int taught, int totalEligible, int year = Year)
    {
        var full = totalEligible / taught;
        var rest = totalEligible % taught;
        foreach (var record in Students(full, period, taught, taught, prefix: "F", year: year))
        {
            yield return record;
        }

        if (rest > 0)
        {
            yield return Record("R1", period, taught: taught, eligible: rest, absent: taught - rest, year: year);
        }
    }

    /// <summary>The records of periods 1 to 6, each built by <paramref name="period"/>.</summary>
    public static IEnumerable<BasicReportingPeriodAttendance> EachPeriod(Func<int, IEnumerable<BasicReportingPeriodAttendance>> period) =>
        Enumerable.Range(1, 6).SelectMany(period);

    public static Ratio R(long numerator, long denominator = 1) => Ratio.Of(numerator, denominator);

    public static IReadOnlyList<Ratio> Adas(params long[] wholeAdas) => wholeAdas.Select(a => Ratio.FromInteger(a)).ToArray();
}
