using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// Past one machine: the partial sums of any partition of the records, merged in any order, are the partial sums of
/// the whole, and give the figures of the whole. The partitions' sums may come from the library or from another
/// engine's GROUP BY (here a plain LINQ GroupBy stands in for it).
/// </summary>
public class PartitionMergeProperties
{
    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 200)]
    public void Partials_of_any_partition_merge_into_the_partials_of_the_whole(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var rules = scenario.Rules;
        var random = new Random(scenario.Seed + 3);
        var parts = Partition(records, random);
        var whole = AttendanceStore.From(records).Aggregate(rules);

        // Merge in a random order, pairwise, so the grouping of the merges differs from run to run.
        var pending = parts.Select(p => AttendanceStore.From(p).Aggregate(rules, scenario.MaxDegreeOfParallelism)).OrderBy(_ => random.Next()).ToList();
        while (pending.Count > 1)
        {
            var i = random.Next(pending.Count - 1);
            var merged = pending[i].Merge(pending[i + 1]);
            pending.RemoveRange(i, 2);
            pending.Insert(i, merged);
        }

        Assert.Equal(whole.Rows(), pending[0].Rows());
        Assert.Equal(whole.Rows(), AttendancePartials.MergeAll(rules, parts.Select(p => AttendanceStore.From(p).Aggregate(rules))).Rows());
    }

    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 200)]
    public void Merged_partials_give_the_figures_of_the_whole(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var rules = scenario.Rules;
        var priorYear = scenario.PriorYearRecords();
        var options = scenario.Options(records, priorYear);
        var parts = Partition(records, new Random(scenario.Seed + 4));

        // One partition summed by another engine (a GROUP BY), the others by stores, all merged here.
        var partials = parts.Select((p, i) => i == 0
            ? AttendancePartials.FromRows(rules, GroupByRows(p, rules, options.FocusList))
            : AttendanceStore.From(p).Aggregate(rules, options.FocusList, 2));
        var merged = AttendancePartials.MergeAll(rules, partials);

        AttendanceSummary expected;
        try
        {
            expected = AttendanceSummary.Compute(records, rules, options);
        }
        catch (ArgumentException e)
        {
            var error = Assert.Throws<ArgumentException>(() => AttendanceSummary.FromPartials(merged, options with { FocusList = null }));
            Assert.Equal(e.Message, error.Message);
            return;
        }

        var actual = AttendanceSummary.FromPartials(merged, options with { FocusList = null });
        Assert.Equal(expected.Figures, actual.Figures);
        Assert.Equal(expected.HistoricalRatios.OrderBy(p => p.Key), actual.HistoricalRatios.OrderBy(p => p.Key));
    }

    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 100)]
    public void The_record_count_of_a_period_is_the_number_of_records_of_that_period(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var partials = AttendanceStore.From(records).Aggregate(scenario.Rules, scenario.MaxDegreeOfParallelism);

        for (var period = 1; period <= 9; period++)
        {
            Assert.Equal(records.Count(r => r.ReportingPeriod.Number == period), partials.RecordCountOf(new ReportingPeriod(period)));
        }
    }

    [Fact]
    public void A_summary_of_partials_has_no_records_to_drill_into()
    {
        var records = new ColumnarScenario(7, 2024, 1, 1, 30, false, 0, AttendanceGrouping.District, false, 1, null, PriorYear.None).Records();
        var rules = RuleSet.For(new SchoolYear(2024));
        var summary = AttendanceSummary.FromPartials(AttendanceStore.From(records).Aggregate(rules));

        Assert.Throws<InvalidOperationException>(() => summary.RecordsBehind(summary.Figures[0]));
        Assert.Throws<ArgumentException>(() => AttendanceSummary.FromPartials(
            AttendanceStore.From(records).Aggregate(rules),
            new AttendanceSummaryOptions { FocusList = new HashSet<StudentId> { StudentId.Parse("1000000001") } }));
    }

    [Fact]
    public void Partials_of_different_rules_do_not_merge()
    {
        var records = new ColumnarScenario(8, 2021, 1, 1, 30, false, 0, AttendanceGrouping.District, false, 1, null, PriorYear.None).Records();
        var store = AttendanceStore.From(records);
        var rules = RuleSet.For(new SchoolYear(2021));
        var withoutRemoteDays = rules with { CountsRemoteDays = false };

        Assert.Throws<ArgumentException>(() => store.Aggregate(rules).Merge(store.Aggregate(withoutRemoteDays)));
    }

    /// <summary>Each record to one of 1 to 5 parts at random; parts may be empty.</summary>
    private static List<List<BasicReportingPeriodAttendance>> Partition(IReadOnlyList<BasicReportingPeriodAttendance> records, Random random)
    {
        var parts = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => new List<BasicReportingPeriodAttendance>()).ToList();
        foreach (var record in records)
        {
            parts[random.Next(parts.Count)].Add(record);
        }

        return parts;
    }

    /// <summary>What one SQL GROUP BY over a partition gives (docs/scale/partials.md), written as a LINQ query.</summary>
    private static IEnumerable<AttendancePartial> GroupByRows(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules, IReadOnlySet<StudentId>? focus) =>
        from r in records
        where focus is null || focus.Contains(r.StudentId)
        group r by (r.CampusId, r.GradeLevel, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught) into cell
        from population in Populations.For(rules)
        where population != Population.K3AllStudents // the All rows of grades KG to 03 carry it (FromRows refuses its own rows)
        let members = cell.Where(r => population.Includes(r)).ToList()
        where members.Count > 0
        select new AttendancePartial(
            cell.Key.CampusId,
            cell.Key.GradeLevel,
            cell.Key.InstructionalTrack,
            cell.Key.ReportingPeriod,
            cell.Key.NumberDaysTaught,
            population,
            members.Count,
            members.Aggregate(DayCount.Zero, (sum, r) => sum + PeriodAda.CountedEligibleDaysPresent(r, rules)),
            members.Aggregate(DayCount.Zero, (sum, r) => sum + PercentInAttendance.CountedDaysPresent(r, rules)),
            members.Aggregate(DayCount.Zero, (sum, r) => sum + r.DaysAbsent));
}
