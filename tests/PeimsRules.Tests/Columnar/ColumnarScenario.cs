using FsCheck;
using FsCheck.Fluent;
using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// A generated set of period records and a summary request, built to reach every corner the columnar path has: all
/// nine ADA codes, all grades (the K-3 rows and the others), several tracks, periods 7 to 9, days taught that differ
/// inside a campus/grade/track/period (the records that get a cell of their own), days taught up to the store's
/// limit, remote days in years that count them and in years that do not, local (non-numeric) and zero-padded student
/// ids, focus lists, every grouping, 2019-20 with and without (complete) 2018-19 data, and thread ranges small enough
/// to cut cells into pieces.
/// </summary>
public sealed record ColumnarScenario(
    int Seed,
    int SchoolYear,
    int Districts,
    int CampusesPerDistrict,
    int RecordCount,
    bool Bulk,
    int MismatchPercent,
    AttendanceGrouping GroupBy,
    bool WithFocusList,
    int MaxDegreeOfParallelism,
    int? ChunkRecords,
    PriorYear PriorYear,
    int? ThroughPeriod = null,
    bool BestFourOfSix = false)
{
    private static readonly string[] DistrictPool = ["101912", "057905", "220901"];

    /// <summary>Ten-digit ids, one with leading zeros, and local ids that are not numbers.</summary>
    private static readonly string[] StudentPool =
        ["1000000001", "1000000002", "1000000003", "1000000004", "1000000005", "1000000006", "1000000007", "1000000008",
         "0000000042", "9999999999", "LOC-7", "x9", "12345"];

    /// <summary>
    /// The rules of the year; with <see cref="BestFourOfSix"/>, best four of six for the first district (the others'
    /// year rows are then not computable: no migrant certificate count was given for them).
    /// </summary>
    public RuleSet Rules => BestFourOfSix
        ? RuleSet.For(new SchoolYear(SchoolYear)) with { BestFourOfSix = BestFourOfSixOption.ForDistrict(DistrictId.Parse(DistrictPool[0]), Seed % 7) }
        : RuleSet.For(new SchoolYear(SchoolYear));

    public IReadOnlyList<BasicReportingPeriodAttendance> Records() => Generate(Seed, SchoolYear, RecordCount, DistrictCount: Districts);

    /// <summary>The 2018-19 records for a 2019-20 summary: every district's, or all but the last district's.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance>? PriorYearRecords() => PriorYear switch
    {
        PriorYear.None => null,
        PriorYear.Complete => Generate(Seed + 1, 2019, Math.Max(RecordCount, 40), Districts),
        _ => Generate(Seed + 1, 2019, Math.Max(RecordCount, 40), Districts).Where(r => r.DistrictId.Code != DistrictPool[Districts - 1]).ToList(),
    };

    /// <summary>The options of the scenario, through <see cref="ThroughPeriod"/> when it has one.</summary>
    public AttendanceSummaryOptions OptionsThroughPeriod(IReadOnlyList<BasicReportingPeriodAttendance> records, IEnumerable<BasicReportingPeriodAttendance>? priorYear) =>
        Options(records, priorYear) with { ThroughPeriod = ThroughPeriod is { } through ? new ReportingPeriod(through) : null };

    /// <summary>The options of the scenario, for the whole year.</summary>
    public AttendanceSummaryOptions Options(IReadOnlyList<BasicReportingPeriodAttendance> records, IEnumerable<BasicReportingPeriodAttendance>? priorYear)
    {
        HashSet<StudentId>? focus = null;
        if (WithFocusList)
        {
            var random = new Random(Seed + 2);
            focus = StudentPool.Where(_ => random.Next(3) == 0).Select(StudentId.Parse).ToHashSet();
            focus.Add(StudentId.Parse("5555555555"));
        }

        return new AttendanceSummaryOptions
        {
            GroupBy = GroupBy,
            FocusList = focus,
            PriorYearRecords = priorYear,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
            ChunkRecords = ChunkRecords,
        };
    }

    private IReadOnlyList<BasicReportingPeriodAttendance> Generate(int seed, int endYear, int count, int DistrictCount)
    {
        var random = new Random(seed);
        var year = new SchoolYear(endYear);
        var campuses = new List<CampusId>();
        for (var d = 0; d < DistrictCount; d++)
        {
            for (var c = 1; c <= CampusesPerDistrict; c++)
            {
                campuses.Add(CampusId.Parse($"{DistrictPool[d]}{c * 7:000}"));
            }
        }

        // Bulk scenarios pile many records into few cells, so runs are long enough for the vector loop and its tail.
        var grades = Bulk ? new[] { GradeLevel.All[random.Next(15)], GradeLevel.Kindergarten } : GradeLevel.All.ToArray();
        var tracks = Bulk ? new[] { 0 } : new[] { 0, 1, 3 };
        var records = new List<BasicReportingPeriodAttendance>(count);
        for (var i = 0; i < count; i++)
        {
            var campus = campuses[random.Next(campuses.Count)];
            var track = tracks[random.Next(tracks.Length)];
            var period = Bulk ? 1 + random.Next(2) : random.Next(10) == 0 ? 7 + random.Next(3) : 1 + random.Next(6);
            var taught = random.Next(100) < MismatchPercent
                ? 1 + random.Next(255)
                : BaseDaysTaught(campus, track, period);
            var membership = random.Next(taught + 1);
            var cuts = new[] { random.Next(membership + 1), random.Next(membership + 1), random.Next(membership + 1), random.Next(membership + 1) };
            Array.Sort(cuts);
            var remote = random.Next(4) == 0;
            var eligible = cuts[0];
            var ineligible = cuts[1] - cuts[0];
            var absent = (remote ? cuts[2] : membership) - cuts[1];
            var sync = remote ? cuts[3] - cuts[2] : 0;
            var async = remote ? membership - cuts[3] : 0;
            var bilingual = random.Next(3) == 0 ? EmergentBilingual.Identified : EmergentBilingual.All[random.Next(7)];
            BilingualEslFunding? funding = random.Next(2) == 0 ? null : BilingualEslFunding.All[random.Next(3)];
            records.Add(new BasicReportingPeriodAttendance(
                year,
                new ReportingPeriodAttendanceKey(campus, StudentId.Parse(StudentPool[random.Next(StudentPool.Length)]), grades[random.Next(grades.Length)], new InstructionalTrack(track), new ReportingPeriod(period)),
                DayCount.FromHalfDays(taught),
                DayCount.FromHalfDays(eligible),
                DayCount.FromHalfDays(ineligible),
                DayCount.FromHalfDays(absent),
                new StudentFundingAttributes(EconomicDisadvantage.All[random.Next(4)], bilingual, funding),
                DayCount.FromHalfDays(sync),
                DayCount.FromHalfDays(async),
                AdaEligibility.All[random.Next(9)]));
        }

        return records;
    }

    /// <summary>The days taught TEA would report for the campus, track and period (up to the store's 127.5-day limit).</summary>
    private int BaseDaysTaught(CampusId campus, int track, int period) =>
        Bulk ? 255 - (period * 3) : 20 + ((int.Parse(campus.Code[6..], System.Globalization.CultureInfo.InvariantCulture) + (track * 13) + (period * 7)) % 60);

    public override string ToString() =>
        $"seed {Seed}, year {SchoolYear}, {Districts}×{CampusesPerDistrict} campuses, {RecordCount} records{(Bulk ? " (bulk)" : "")}, "
        + $"{MismatchPercent}% other days taught, by {GroupBy}, focus {WithFocusList}, dop {MaxDegreeOfParallelism}, chunk {ChunkRecords?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, prior year {PriorYear}, through {ThroughPeriod?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the year"}{(BestFourOfSix ? ", best four of six" : "")}";
}

/// <summary>Which 2018-19 records a scenario passes.</summary>
public enum PriorYear
{
    /// <summary>None.</summary>
    None,

    /// <summary>Every district's.</summary>
    Complete,

    /// <summary>All but one district's (that district's 2019-20 year rows are not computable).</summary>
    MissingADistrict,
}

/// <summary>The FsCheck generator of <see cref="ColumnarScenario"/>.</summary>
public static class ColumnarArbitraries
{
    public static Arbitrary<ColumnarScenario> Scenarios() =>
        (from seed in Gen.Choose(0, int.MaxValue - 2)
         from year in Gen.Elements(2019, 2020, 2020, 2021, 2022, 2024, 2026)
         from districts in Gen.Choose(1, 3)
         from campuses in Gen.Choose(1, 3)
         from bulk in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
         from count in bulk ? Gen.Choose(30, 400) : Gen.Choose(0, 90)
         from mismatch in Gen.Elements(0, 0, 10, 50)
         from groupBy in Gen.Choose(0, 15)
         from focus in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         from dop in Gen.Choose(1, 3)
         from chunk in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(1, 64).Select(c => (int?)c)))
         from prior in Gen.Elements(PriorYear.None, PriorYear.Complete, PriorYear.Complete, PriorYear.MissingADistrict)
         from through in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 6).Select(p => (int?)p)))
         from bestFour in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
         let bestFourOfSix = bestFour && year != 2020
         select new ColumnarScenario(
             seed, year, districts, campuses, count, bulk, mismatch, bestFourOfSix ? AttendanceGrouping.District : (AttendanceGrouping)groupBy, focus, dop, chunk,
             year == 2020 || seed % 8 == 0 ? prior : PriorYear.None, through, bestFourOfSix))
        .ToArbitrary();
}
