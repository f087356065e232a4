using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Properties;

/// <summary>
/// What must hold for every valid file, not only for the handbook's examples: figures do not depend on the order of the
/// rows; partial sums merge exactly, in any order, so a district's figure is the merge of its campuses'; PIA is a
/// percentage; every record is counted or listed; the drill-down gives back each figure.
/// </summary>
[Properties(Arbitrary = [typeof(AttendanceArbitraries)])]
public class AggregationProperties
{
    private const AttendanceGrouping Everything =
        AttendanceGrouping.District | AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel | AttendanceGrouping.InstructionalTrack;

    [Property]
    public void Figures_do_not_depend_on_the_order_of_the_rows(AttendanceFile file, Permutation order)
    {
        var rules = RuleSet.For(file.Year);
        var reordered = order.Apply(file.Records);

        foreach (var grouping in new[] { AttendanceGrouping.District, AttendanceGrouping.None, Everything })
        {
            var options = new AttendanceSummaryOptions { GroupBy = grouping };
            var original = AttendanceSummary.Compute(file.Records, rules, options);
            var shuffled = AttendanceSummary.Compute(reordered, rules, options);

            Assert.Equal(original.Figures, shuffled.Figures);
            Assert.Equal(
                original.RecordsOutsideRefinedAda.Select(r => r.ToString()).Order(StringComparer.Ordinal),
                shuffled.RecordsOutsideRefinedAda.Select(r => r.ToString()).Order(StringComparer.Ordinal));
        }
    }

    [Property]
    public void Totals_of_any_partition_merge_to_the_totals_of_the_whole_in_any_order(AttendanceFile file, Partition partition, Permutation order)
    {
        var rules = RuleSet.For(file.Year);
        var whole = AttendanceTotals.Of(file.Records, rules);

        var parts = partition.Apply(file.Records).Select(part => AttendanceTotals.Of(part, rules));
        var merged = AttendanceTotals.MergeAll(order.Apply(parts));

        Assert.Equal(whole, merged);
        Assert.Equal(whole.Ada, merged.Ada);
        Assert.Equal(whole.PercentInAttendance, merged.PercentInAttendance);
        Assert.Equal(file.Records.Count, merged.RecordCount);
    }

    [Property]
    public void A_district_figure_is_the_merge_of_its_campuses_partial_sums_in_any_order(AttendanceFile file, Permutation order)
    {
        var rules = RuleSet.For(file.Year);
        var byDistrict = AttendanceSummary.Compute(file.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District });
        var byCampus = AttendanceSummary.Compute(file.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        foreach (var district in byDistrict.Figures.Where(f => !f.IsYear))
        {
            var campuses = byCampus.Figures.Where(f =>
                f.Group.Campus!.Value.District == district.Group.District
                && f.Population == district.Population
                && f.Period == district.Period);
            var merged = AttendanceTotals.MergeAll(order.Apply(campuses.Select(f => f.Totals)));

            Assert.Equal(district.Totals, merged);
            Assert.Equal(district.Ada.Exact, merged.Ada);
            Assert.Equal(district.Pia.Exact, merged.PercentInAttendance);
        }

        if (!rules.AppliesCovid19Adjustment)
        {
            // The year: the mean of the merged period ADAs, rounded once.
            foreach (var year in byDistrict.Figures.Where(f => f.IsYear))
            {
                var periods = byDistrict.Figures.Where(f => f.Group == year.Group && f.Population == year.Population && !f.IsYear);
                var refined = RefinedAda.Of(periods.Select(f => f.Totals.Ada).ToList());

                Assert.Equal(refined, year.Ada.Exact);
                Assert.Equal(rules.Rounding.Apply(refined), year.Ada.Published);
            }
        }
    }

    [Property]
    public void PIA_stays_between_0_and_100(AttendanceFile file)
    {
        var rules = RuleSet.For(file.Year);
        var summary = AttendanceSummary.Compute(file.Records, rules, new AttendanceSummaryOptions { GroupBy = Everything });

        foreach (var pia in summary.Figures.Select(f => f.Pia.Exact).Append(PercentInAttendance.Compute(file.Records, rules)))
        {
            if (pia is { } value)
            {
                Assert.True(value >= Ratio.Zero && value <= Ratio.FromInteger(100), $"PIA {value} is outside 0 to 100.");
            }
        }

        Assert.All(summary.Figures, f => Assert.InRange(f.Pia.Published ?? 0m, 0m, 100m));
    }

    [Property]
    public void Refined_ADA_of_six_equal_periods_is_that_periods_ADA(AttendanceFile file)
    {
        // The file's records, every one moved into period 1 (each keeps its own days taught, which is all a period ADA
        // needs), then copied into periods 2 to 6: six equal periods.
        var rules = RuleSet.For(file.Year);
        var period1 = file.Records.Select(r => InPeriod(r, 1)).ToList();
        var sixPeriods = Enumerable.Range(1, 6).SelectMany(p => period1.Select(r => InPeriod(r, p))).ToList();

        var periodAda = PeriodAda.Compute(period1, rules);

        Assert.Equal(periodAda, RefinedAda.Compute(sixPeriods, rules));
        Assert.All(RefinedAda.PeriodAdas(sixPeriods, rules), ada => Assert.Equal(periodAda, ada));
    }

    [Property]
    public void Every_record_is_counted_in_a_figure_or_listed_outside_the_refined_ADA(AttendanceFile file)
    {
        var summary = AttendanceSummary.Compute(file.Records, RuleSet.For(file.Year), new AttendanceSummaryOptions { GroupBy = Everything });

        var counted = summary.Figures.Where(f => f.Population == Population.All && !f.IsYear).Sum(f => f.Totals.RecordCount);

        Assert.Equal(file.Records.Count, counted + summary.RecordsOutsideRefinedAda.Count);
    }

    [Property]
    public void The_drill_down_gives_back_every_figure(AttendanceFile file)
    {
        var rules = RuleSet.For(file.Year);
        var summary = AttendanceSummary.Compute(file.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        foreach (var figure in summary.Figures)
        {
            var behind = summary.RecordsBehind(figure);

            Assert.Equal(figure.Totals, AttendanceTotals.Of(behind, rules));
            if (figure.Period is not null && figure.Ada.Exact is { } ada)
            {
                Assert.Equal(ada, PeriodAda.Compute(behind, rules));
            }
        }
    }

    [Property]
    public void Remote_days_change_figures_only_in_the_remote_years(AttendanceFile file)
    {
        // Erasing every RS and RA day changes nothing outside 2020-21 and 2021-22.
        var rules = RuleSet.For(file.Year);
        var withoutRemote = file.Records.Select(r => InPeriod(r, r.ReportingPeriod.Number, keepRemote: false)).ToList();

        var same = AttendanceTotals.Of(file.Records, rules).Equals(AttendanceTotals.Of(withoutRemote, rules));

        Assert.True(rules.CountsRemoteDays || same);
        Assert.True(!rules.CountsRemoteDays || same == file.Records.All(r =>
            (r.RemoteSynchronousEligibleDaysPresent == DayCount.Zero && r.RemoteAsynchronousEligibleDaysPresent == DayCount.Zero)
));
    }

    private static BasicReportingPeriodAttendance InPeriod(BasicReportingPeriodAttendance r, int period, bool keepRemote = true) => new(
        r.SchoolYear,
        new ReportingPeriodAttendanceKey(r.CampusId, r.StudentId, r.GradeLevel, r.InstructionalTrack, new ReportingPeriod(period)),
        r.NumberDaysTaught,
        r.EligibleDaysPresent,
        r.IneligibleDaysPresent,
        r.DaysAbsent,
        new StudentFundingAttributes(r.EconomicDisadvantage, r.EmergentBilingual, r.BilingualEslFunding),
        keepRemote ? r.RemoteSynchronousEligibleDaysPresent : DayCount.Zero,
        keepRemote ? r.RemoteAsynchronousEligibleDaysPresent : DayCount.Zero,
        r.AdaEligibility);
}
