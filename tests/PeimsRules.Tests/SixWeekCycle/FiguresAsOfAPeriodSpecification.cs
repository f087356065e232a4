using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.SixWeekCycle;

/// <summary>
/// Figures as of a period. From 2025-26 TEA collects each of periods 1 to 5 as it closes (the PEIMS Six Weeks Attendance
/// Submission) and adjusts ADA during the year from each period's actual ADA (TEC §48.266(b-1), HB 2; TEA letters
/// 2025-07-10 and 2025-09-18). Through period N the summary has the period rows 1 to N and a year-to-date row: the mean
/// of those period ADAs, the PIA over their days. It is labelled as such, and never counts periods 4 to 6 as zero.
/// </summary>
public class FiguresAsOfAPeriodSpecification
{
    private static readonly RuleSet Rules2026 = RuleSet.For(new SchoolYear(2026));

    private static AttendanceSummary Summary(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules, int? through, AttendanceGrouping groupBy = AttendanceGrouping.District) =>
        AttendanceSummary.Compute(records, rules, new AttendanceSummaryOptions { GroupBy = groupBy, ThroughPeriod = through is { } n ? new ReportingPeriod(n) : null });

    [Fact]
    public void Through_period_3_the_sample_district_has_a_year_to_date_ADA_of_3_533_the_mean_of_3_6_3_4_and_3_6_not_1_767()
    {
        // Period 1: 30 + 27 + 15 + 24 + 12 = 108 eligible days ÷ 30 days taught = 3.6
        // Period 2: 25 + 20 + 12.5 + 17.5 + 10 = 85 ÷ 25 = 3.4
        // Period 3: 18 + 20 + 10 + 14 + 10 = 72 ÷ 20 = 3.6
        // Year to date: (3.6 + 3.4 + 3.6) ÷ 3 = 10.6 ÷ 3 = 3.5333… → 3.533.
        // A year figure over the same file would be 10.6 ÷ 6 = 1.767: periods 4 to 6 counted as zero.
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.PeriodsOneToThree);

        var summary = Summary(records, Rules2026, through: 3);

        var all = summary.Figures.Where(f => f.Population == Population.All).ToList();
        Assert.Equal([new ReportingPeriod(1), new ReportingPeriod(2), new ReportingPeriod(3), null], all.Select(f => f.Period));
        Assert.Equal([3.6m, 3.4m, 3.6m], all.Take(3).Select(f => f.Ada.Published!.Value));
        var ytd = all[3];
        Assert.True(ytd.IsYearToDate);
        Assert.False(ytd.IsYear);
        Assert.Equal(new ReportingPeriod(3), ytd.ThroughPeriod);
        Assert.Equal(Ratio.Of(53, 15), ytd.Ada.Exact);
        Assert.Equal(3.533m, ytd.Ada.Published);
        Assert.True(summary.IsYearToDate);
        Assert.Equal(new ReportingPeriod(3), summary.ThroughPeriod);

        var wholeYear = Summary(records, Rules2026, through: null).Figures.Single(f => f.Population == Population.All && f.IsYear);
        Assert.Equal(1.767m, wholeYear.Ada.Published);
    }

    [Fact]
    public void The_year_to_date_PIA_pools_the_days_of_periods_1_to_3_265_of_300_is_88_333()
    {
        // Present 108 + 85 + 72 = 265; in membership 120 + 100 + 80 = 300; 265 ÷ 300 × 100 = 88.333.
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.PeriodsOneToThree);

        var ytd = Summary(records, Rules2026, through: 3).Figures.Single(f => f.Population == Population.All && f.IsYearToDate);

        Assert.Equal(88.333m, ytd.Pia.Published);
        Assert.Equal(DayCount.FromDays(265), ytd.Totals.DaysPresent);
        Assert.Equal(DayCount.FromDays(300), ytd.Totals.DaysInMembership);
    }

    [Fact]
    public void Records_of_periods_after_the_last_one_reported_are_not_counted_anywhere()
    {
        // The Summer file holds periods 1 to 6; through period 2 only periods 1 and 2 count: (3.6 + 3.5) ÷ 2 = 3.55.
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.Summer);

        var summary = Summary(records, Rules2026, through: 2);

        var ytd = summary.Figures.Single(f => f.Population == Population.All && f.IsYearToDate);
        Assert.Equal(3.55m, ytd.Ada.Published);
        Assert.DoesNotContain(summary.Figures, f => f.Period is { Number: > 2 });
        Assert.All(summary.RecordsBehind(ytd), r => Assert.True(r.ReportingPeriod.Number <= 2));
        Assert.Equal(10, summary.RecordsBehind(ytd).Count);
    }

    [Fact]
    public void Through_period_6_the_figures_are_the_whole_year_figures()
    {
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.Summer);

        var through6 = Summary(records, Rules2026, through: 6, AttendanceGrouping.Campus);
        var year = Summary(records, Rules2026, through: null, AttendanceGrouping.Campus);

        Assert.Equal(year.Figures, through6.Figures);
        Assert.False(through6.IsYearToDate);
        // (3.6 + 3.5 + 3.6 + 3.6 + 3.6 + 3.6) ÷ 6 = 21.5 ÷ 6 = 3.583.
        Assert.Equal(3.583m, through6.Figures.Single(f => f.Population == Population.All && f.IsYear).Ada.Published);
    }

    [Fact]
    public void In_2019_20_the_year_to_date_counts_periods_1_to_4_only_and_is_not_multiplied_by_the_historical_ratio()
    {
        // One student, 10 days taught each period, eligible 10, 8, 6, 4, 2, 0: period ADAs 1.0, 0.8, 0.6, 0.4, 0.2, 0.
        // Through 3: (1.0 + 0.8 + 0.6) ÷ 3 = 0.8. Through 5: periods 5 and 6 are excluded by the COVID-19 adjustment,
        // so the year to date is (1.0 + 0.8 + 0.6 + 0.4) ÷ 4 = 0.7, and period 5 is shown excluded, not as zero.
        // The historical ratio turns a four-period mean into a year figure once the year is over: the year row only.
        var rules = RuleSet.For(new SchoolYear(2020));
        var records = Enumerable.Range(1, 6).Select(p => Record(year: 2020, period: p, taught: 10, eligible: 12 - (2 * p), absent: (2 * p) - 2)).ToList();

        var through3 = Summary(records, rules, through: 3).Figures.Single(f => f.IsYearToDate);
        var through5 = Summary(records, rules, through: 5).Figures;
        var through6 = Summary(records, rules, through: 6).Figures;

        Assert.Equal(0.8m, through3.Ada.Published);
        Assert.Null(through3.HistoricalRatio);
        Assert.Equal(0.7m, through5.Single(f => f.IsYearToDate).Ada.Published);
        Assert.Equal(FigureStatus.ExcludedCovid19, through5.Single(f => f.Period == new ReportingPeriod(5)).Ada.Status);
        Assert.Equal(FigureStatus.NotComputable, through6.Single(f => f.IsYear).Ada.Status); // no 2018-19 records given
    }

    [Fact]
    public void A_year_to_date_ADA_is_the_mean_of_one_to_six_period_ADAs_and_through_6_it_is_the_refined_ADA()
    {
        Ratio[] six = [Ratio.FromInteger(10), Ratio.FromInteger(5), Ratio.FromInteger(6), Ratio.FromInteger(7), Ratio.FromInteger(8), Ratio.FromInteger(9)];

        Assert.Equal(Ratio.Of(15, 2), RefinedAda.YearToDate(six[..2]));
        Assert.Equal(RefinedAda.Of(six), RefinedAda.YearToDate(six));
        Assert.Throws<ArgumentException>(() => RefinedAda.YearToDate([]));
    }

    [Fact]
    public void Figures_through_a_period_outside_1_to_6_are_refused()
    {
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.PeriodsOneToThree);

        var error = Assert.Throws<ArgumentException>(() => Summary(records, Rules2026, through: 7));
        Assert.Contains("1 to 6", error.Message, StringComparison.Ordinal);
    }
}
