using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Columnar;

/// <summary>What the columnar store promises beyond agreeing with the reference: its limits, its size, its allocations.</summary>
public class AttendanceStoreSpecification
{
    private static readonly SchoolYear Year = new(2024);
    private static readonly RuleSet Rules = RuleSet.For(Year);

    [Fact]
    public void Days_taught_above_127_5_in_one_period_are_refused_with_the_value_and_the_limit_not_guessed()
    {
        var builder = new AttendanceStoreBuilder();
        builder.Add(Record("1000000001", taught: 255));

        var error = Assert.Throws<ArgumentException>(() => builder.Add(Record("1000000002", taught: 256)));

        Assert.Contains("128.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("reference path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_holds_one_school_year()
    {
        var builder = new AttendanceStoreBuilder();
        builder.Add(Record("1000000001"));

        var error = Assert.Throws<ArgumentException>(() => builder.Add(Record("1000000002", year: 2023)));

        Assert.Contains("2023-24", error.Message, StringComparison.Ordinal);
        Assert.Contains("2022-23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_store_summarises_to_no_rows_like_an_empty_list()
    {
        var store = new AttendanceStoreBuilder().Build();

        Assert.Null(store.SchoolYear);
        Assert.Empty(AttendanceSummary.Compute(store, Rules).Figures);
        Assert.Equal(AttendanceTotals.Empty, AttendanceTotals.Of(store, Rules));
    }

    [Fact]
    public void The_totals_of_no_records_are_0_eligible_days_0_present_0_absent_and_an_ADA_of_0()
    {
        var empty = AttendanceTotals.Empty;

        Assert.Equal(DayCount.Zero, empty.EligibleDaysPresent);
        Assert.Empty(empty.EligibleDaysPresentByDaysTaught);
        Assert.Equal(DayCount.Zero, empty.DaysInMembership);
        Assert.Equal(Ratio.Zero, empty.Ada);
        Assert.Equal(0, empty.RecordCount);
    }

    [Fact]
    public void A_record_whose_days_taught_differ_from_its_campus_track_and_period_gets_a_cell_of_its_own()
    {
        var store = AttendanceStore.From([Record("1000000001", taught: 58), Record("1000000002", taught: 58), Record("1000000003", taught: 50)]);

        Assert.Equal(2, store.CellCount);

        // In half days, ADA = 20/58 + 20/58 + 20/50: each record divides by its own days taught.
        Assert.Equal(Ratio.Of(20, 58) + Ratio.Of(20, 58) + Ratio.Of(20, 50), PeriodAda.Compute(store, Rules));
    }

    [Fact]
    public void A_statewide_shaped_store_holds_a_record_in_at_most_20_bytes()
    {
        var store = AttendanceStore.From(Students(10_000));

        Assert.Equal(60_000, store.Count);
        Assert.True(store.SizeInBytes <= 20L * store.Count, $"{store.SizeInBytes / (double)store.Count:0.00} bytes a record");
    }

    [Fact]
    public void The_aggregation_allocates_the_same_bytes_for_twice_the_records_in_the_same_cells()
    {
        var small = AttendanceStore.From(Students(2_000));
        var large = AttendanceStore.From(Students(4_000));
        Assert.Equal(small.CellCount, large.CellCount);
        small.Aggregate(Rules, 1);
        large.Aggregate(Rules, 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        small.Aggregate(Rules, 1);
        var smallBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        large.Aggregate(Rules, 1);
        var largeBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(smallBytes, largeBytes);
    }

    /// <summary>Students on 4 campuses of one district, grades KG to 05, six periods each, like the statewide set.</summary>
    private static IEnumerable<BasicReportingPeriodAttendance> Students(int count)
    {
        var random = new Random(11);
        for (var s = 0; s < count; s++)
        {
            var campus = CampusId.Parse($"101912{1 + (s % 4):000}");
            var grade = GradeLevel.All[2 + (s % 6)];
            for (var period = 1; period <= 6; period++)
            {
                var taught = 54 + (period * 2);
                var absent = random.Next(6);
                yield return new BasicReportingPeriodAttendance(
                    Year,
                    new ReportingPeriodAttendanceKey(campus, StudentId.Parse($"{1_000_000_000L + s}"), grade, InstructionalTrack.First, new ReportingPeriod(period)),
                    DayCount.FromHalfDays(taught),
                    DayCount.FromHalfDays(taught - absent),
                    DayCount.Zero,
                    DayCount.FromHalfDays(absent),
                    new StudentFundingAttributes(EconomicDisadvantage.All[s % 4], EmergentBilingual.All[s % 7], s % 3 == 0 ? BilingualEslFunding.BilingualEsl : null),
                    adaEligibility: AdaEligibility.FullDay);
            }
        }
    }

    private static BasicReportingPeriodAttendance Record(string student, int taught = 58, int year = 2024)
    {
        var campus = CampusId.Parse("101912001");
        return new BasicReportingPeriodAttendance(
            new SchoolYear(year),
            new ReportingPeriodAttendanceKey(campus, StudentId.Parse(student), GradeLevel.Grade(4), InstructionalTrack.First, new ReportingPeriod(1)),
            DayCount.FromHalfDays(taught),
            DayCount.FromHalfDays(20),
            DayCount.Zero,
            DayCount.FromHalfDays(2),
            new StudentFundingAttributes(EconomicDisadvantage.NotDisadvantaged, EmergentBilingual.NotEmergentBilingual),
            adaEligibility: AdaEligibility.FullDay);
    }
}
