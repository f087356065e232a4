using PeimsRules.Attendance;
using PeimsRules.Funding;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// 2019-20 COVID-19 adjusted refined ADA = ((ADA₁ + … + ADA₄) ÷ 4) × the district's 2018-19 historical ratio.
/// Periods 5 and 6 are shown as excluded, not as zero; the 2019-20 PIA total is over periods 1 to 4; without 2018-19
/// data the figure is not computable, never zero. Source: TEA letter 2020-09-24, General Funding Question 1, steps 1
/// and 2; Early Education ADA report specification (OnDataSuite); TEA-RULES.md, "COVID-19, 2019-20".
/// </summary>
public class Covid19AdjustmentSpecification
{
    private static readonly RuleSet Rules2020 = RuleSet.For(new SchoolYear(2020));
    private static readonly AttendanceGroupKey District101912 = new(DistrictId.Parse("101912"), null, null, null);

    /// <summary>2018-19: 100 students present every day in periods 1 to 4, 90 in periods 5 and 6 (ratio 29/30).</summary>
    private static IEnumerable<BasicReportingPeriodAttendance> PriorYear(string campus = Campus) =>
        EachPeriod(p => Students(p <= 4 ? 100 : 90, p, taught: 30, eligible: 30, year: 2019, campus: campus));

    /// <summary>
    /// 2019-20: in periods 1 to 4, 105 students present all 30 days and one code-4 student present 15, absent 15;
    /// in period 5, 100 students present 20 and absent 10; nobody in period 6.
    /// </summary>
    private static List<BasicReportingPeriodAttendance> ThisYear() =>
        Enumerable.Range(1, 4)
            .SelectMany(p => Students(105, p, taught: 30, eligible: 30, year: 2020)
                .Append(Record("INELIGIBLE", period: p, code: 4, taught: 30, ineligible: 15, absent: 15, year: 2020)))
            .Concat(Students(100, period: 5, taught: 30, eligible: 20, year: 2020))
            .ToList();

    [Theory]
    [InlineData(2019, false)]
    [InlineData(2020, true)]
    [InlineData(2021, false)]
    public void Applies_to_2019_20_only(int year, bool applies)
    {
        Assert.Equal(applies, RuleSet.For(new SchoolYear(year)).AppliesCovid19Adjustment);
    }

    [Fact]
    public void Is_the_mean_of_periods_1_to_4_times_the_historical_ratio()
    {
        // TEA-RULES.md's example: 2019-20 ADAs of 105 in periods 1 to 4, ratio 29/30 (from 100, 100, 100, 100, 90, 90).
        // (105 + 105 + 105 + 105) / 4 × 29/30 = 105 × 29 / 30 = 3045 / 30 = 101.5 → 101.500.
        var adjusted = Covid19AdjustedRefinedAda.Of(Adas(105, 105, 105, 105), R(29, 30));

        Assert.Equal(R(203, 2), adjusted);
        Assert.Equal(101.500m, Rules2020.Rounding.Apply(adjusted));
    }

    [Fact]
    public void Ignores_the_ADAs_of_periods_5_and_6()
    {
        // Whatever periods 5 and 6 hold, only periods 1 to 4 count: still 101.5.
        Assert.Equal(R(203, 2), Covid19AdjustedRefinedAda.Of(Adas(105, 105, 105, 105, 0, 0), R(29, 30)));
        Assert.Equal(R(203, 2), Covid19AdjustedRefinedAda.Of(Adas(105, 105, 105, 105, 999, 1), R(29, 30)));
        Assert.True(Covid19AdjustedRefinedAda.IsExcluded(new ReportingPeriod(5)));
        Assert.True(Covid19AdjustedRefinedAda.IsExcluded(new ReportingPeriod(6)));
        Assert.False(Covid19AdjustedRefinedAda.IsExcluded(new ReportingPeriod(4)));
    }

    [Fact]
    public void A_2019_20_summary_publishes_the_adjusted_ADA_with_the_ratio_on_the_row()
    {
        var summary = AttendanceSummary.Compute(ThisYear(), Rules2020, new AttendanceSummaryOptions { PriorYearRecords = PriorYear() });
        var year = summary.Find(District101912, Population.All, null)!;

        // 105 × 29/30 = 101.5, as in the example above, now from records.
        Assert.Equal(FigureStatus.Computed, year.Ada.Status);
        Assert.Equal(101.500m, year.Ada.Published);
        Assert.Equal(R(29, 30), year.HistoricalRatio);
        Assert.Equal(R(29, 30), summary.HistoricalRatios[DistrictId.Parse("101912")]);
    }

    [Fact]
    public void Periods_5_and_6_are_shown_as_excluded_not_as_zero()
    {
        var summary = AttendanceSummary.Compute(ThisYear(), Rules2020, new AttendanceSummaryOptions { PriorYearRecords = PriorYear() });
        var period5 = summary.Find(District101912, Population.All, new ReportingPeriod(5))!;
        var period6 = summary.Find(District101912, Population.All, new ReportingPeriod(6))!;

        // Period 5's ADA (100 students × 20 days / 30 = 66.666…) is kept for reference but not published.
        Assert.Equal(FigureStatus.ExcludedCovid19, period5.Ada.Status);
        Assert.Null(period5.Ada.Published);
        Assert.Equal(R(200, 3), period5.Ada.Exact);
        Assert.Equal(FigureStatus.ExcludedCovid19, period5.Pia.Status);
        Assert.Equal(FigureStatus.ExcludedCovid19, period6.Ada.Status);
        Assert.Null(period6.Ada.Published);
    }

    [Fact]
    public void The_2019_20_PIA_total_is_over_periods_1_to_4()
    {
        // Periods 1 to 4: 4 × (105 × 30 + 15) = 12,660 days present; 4 × (105 × 30 + 30) = 12,720 in membership.
        // PIA = 12660 / 12720 × 100 = 99.528… → 99.528. Period 5 (2,000 present, 1,000 absent) is left out; with it the
        // PIA would be 14660 / 15720 × 100 = 93.257.
        var summary = AttendanceSummary.Compute(ThisYear(), Rules2020, new AttendanceSummaryOptions { PriorYearRecords = PriorYear() });
        var year = summary.Find(District101912, Population.All, null)!;

        Assert.Equal(R(1266000, 12720), year.Pia.Exact);
        Assert.Equal(99.528m, year.Pia.Published);
        Assert.Equal(4 * 106, year.Totals.RecordCount);
    }

    [Fact]
    public void Without_2018_19_records_the_adjusted_ADA_is_not_computable_never_zero()
    {
        var summary = AttendanceSummary.Compute(ThisYear(), Rules2020);
        var year = summary.Find(District101912, Population.All, null)!;

        Assert.Equal(FigureStatus.NotComputable, year.Ada.Status);
        Assert.Null(year.Ada.Published);
        Assert.Null(year.Ada.Exact);
        Assert.Contains("2018-19", year.Ada.Reason, StringComparison.Ordinal);
        Assert.Null(year.HistoricalRatio);
        // The PIA does not need the prior year: still over periods 1 to 4.
        Assert.Equal(99.528m, year.Pia.Published);
    }

    [Fact]
    public void A_district_missing_from_the_2018_19_records_is_not_computable()
    {
        // 2018-19 records of another district only: no ratio for 101912.
        var summary = AttendanceSummary.Compute(ThisYear(), Rules2020, new AttendanceSummaryOptions { PriorYearRecords = PriorYear(campus: "057905001") });
        var year = summary.Find(District101912, Population.All, null)!;

        Assert.Equal(FigureStatus.NotComputable, year.Ada.Status);
        Assert.Contains("101912", year.Ada.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_district_ratio_applies_to_every_campus_and_K3_row()
    {
        // 2018-19: campus 001 has 100, 100, 100, 100, 90, 90 and campus 002 has 50 in every period: the district ratio
        // is (880 / 6) / (600 / 4) = 44/45 (see HistoricalRatioSpecification).
        // 2019-20, periods 1 to 4, everyone present every day:
        //   campus 001: 105 grade 05 students                      → 105 × 44/45 = 102.666… → 102.667
        //   campus 002: 45 grade 01 students on free meals (K-3)    →  45 × 44/45 = 44.000
        // The K-3 disadvantaged row of campus 002 is the same 45 students: 44.000 too, with the same ratio.
        var prior = EachPeriod(p => Students(p <= 4 ? 100 : 90, p, taught: 30, eligible: 30, prefix: "A", year: 2019, campus: "101912001")
            .Concat(Students(50, p, taught: 30, eligible: 30, prefix: "B", year: 2019, campus: "101912002")));
        var current = Enumerable.Range(1, 4).SelectMany(p =>
            Students(105, p, taught: 30, eligible: 30, prefix: "A", year: 2020, campus: "101912001")
                .Concat(Students(45, p, taught: 30, eligible: 30, prefix: "B", year: 2020, campus: "101912002", grade: "01", economic: "01")));

        var summary = AttendanceSummary.Compute(
            current,
            Rules2020,
            new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus, PriorYearRecords = prior });
        AttendanceFigure YearOf(string campus, Population population) =>
            summary.Find(new AttendanceGroupKey(null, CampusId.Parse(campus), null, null), population, null)!;

        Assert.Equal(102.667m, YearOf("101912001", Population.All).Ada.Published);
        Assert.Equal(44.000m, YearOf("101912002", Population.All).Ada.Published);
        Assert.Equal(44.000m, YearOf("101912002", Population.K3EconomicallyDisadvantaged).Ada.Published);
        Assert.All(summary.Figures.Where(f => f.IsYear), f => Assert.Equal(R(44, 45), f.HistoricalRatio));
    }

    [Fact]
    public void A_row_across_districts_applies_each_district_its_own_ratio()
    {
        // No grouping, two districts. 101912: 105 students in periods 1 to 4, ratio 29/30 → 101.5.
        // 057905: 30 students in periods 1 to 4, 2018-19 steady at 10 → ratio 1 → 30.
        // The row: 101.5 + 30 = 131.5 → 131.500. No single ratio is shown.
        var prior = PriorYear().Concat(EachPeriod(p => Students(10, p, taught: 30, eligible: 30, prefix: "X", year: 2019, campus: "057905001")));
        var current = Enumerable.Range(1, 4).SelectMany(p =>
            Students(105, p, taught: 30, eligible: 30, year: 2020)
                .Concat(Students(30, p, taught: 30, eligible: 30, prefix: "X", year: 2020, campus: "057905001")));

        var summary = AttendanceSummary.Compute(
            current, Rules2020, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.None, PriorYearRecords = prior });
        var year = summary.Figures.Single(f => f.IsYear);

        Assert.Equal(131.500m, year.Ada.Published);
        Assert.Null(year.HistoricalRatio);
    }

    [Fact]
    public void Prior_year_records_are_refused_outside_2019_20()
    {
        var options = new AttendanceSummaryOptions { PriorYearRecords = PriorYear() };

        Assert.Throws<ArgumentException>(() =>
            AttendanceSummary.Compute(Students(1, period: 1, taught: 30, eligible: 30, year: 2021), RuleSet.For(new SchoolYear(2021)), options));
    }

    [Fact]
    public void The_drill_down_of_the_2019_20_year_row_lists_periods_1_to_4_only()
    {
        var records = ThisYear();
        var summary = AttendanceSummary.Compute(records, Rules2020, new AttendanceSummaryOptions { PriorYearRecords = PriorYear() });

        var behind = summary.RecordsBehind(summary.Find(District101912, Population.All, null)!);

        Assert.Equal(records.Where(r => r.ReportingPeriod.Number <= 4), behind);
    }
}
