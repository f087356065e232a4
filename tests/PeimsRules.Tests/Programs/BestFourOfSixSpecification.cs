using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Programs;

/// <summary>
/// Best four of six (19 TAC §129.1021): for a district whose students holding migrant certificates of eligibility are
/// 5.0% or more of its enrollment, the year's refined ADA is the mean of its four best six-week periods, capped at the
/// certificate students + the six-period refined ADA. Off unless the rule set asks for it. TEA-RULES.md's example:
/// period ADAs 100, 98, 96, 95, 80, 70 give a best four of 97.25 and a six-period ADA of 89.833…; with 5 certificate
/// students the cap 94.833… applies.
/// </summary>
public class BestFourOfSixSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));
    private static readonly DistrictId District101912 = DistrictId.Parse(District);
    private static readonly IReadOnlyList<Ratio> Example = Adas(100, 98, 96, 95, 80, 70);

    /// <summary>The example as records: in period p, as many students present all 30 days as the period's ADA.</summary>
    private static List<BasicReportingPeriodAttendance> ExampleRecords(string campus = Campus) =>
        EachPeriod(p => Students((int)Example[p - 1].Numerator, p, taught: 30, eligible: 30, campus: campus)).ToList();

    [Fact]
    public void The_best_four_of_100_98_96_95_80_70_is_97_25_and_the_six_period_ADA_89_833()
    {
        // Best four: (100 + 98 + 96 + 95) / 4 = 389 / 4 = 97.25. Six periods: 539 / 6 = 89.833…
        Assert.Equal(R(389, 4), BestFourOfSixRefinedAda.BestFour(Example));
        Assert.Equal(R(539, 6), RefinedAda.Of(Example));
    }

    [Fact]
    public void With_5_certificate_students_the_cap_94_833_applies()
    {
        // Cap: 5 + 539 / 6 = 569 / 6 = 94.833…, below the best four 97.25: the year is 94.833.
        Assert.Equal(R(569, 6), BestFourOfSixRefinedAda.Cap(Example, 5));
        Assert.Equal(R(569, 6), BestFourOfSixRefinedAda.Of(Example, 5));
        Assert.Equal(94.833m, Rules2024.Rounding.Apply(BestFourOfSixRefinedAda.Of(Example, 5)));
    }

    [Fact]
    public void With_10_certificate_students_the_cap_99_833_does_not_bind_and_the_year_is_the_best_four_97_25()
    {
        Assert.Equal(R(389, 4), BestFourOfSixRefinedAda.Of(Example, 10));
    }

    [Fact]
    public void The_periods_are_taken_by_their_ADA_whatever_their_order()
    {
        // The same six ADAs in another order: the best four are still 100, 98, 96 and 95.
        Assert.Equal(R(389, 4), BestFourOfSixRefinedAda.BestFour(Adas(70, 95, 100, 80, 98, 96)));
    }

    [Fact]
    public void It_is_off_by_default_and_the_district_year_row_is_then_the_mean_of_the_six_89_833()
    {
        var summary = AttendanceSummary.Compute(ExampleRecords(), Rules2024);

        Assert.Null(Rules2024.BestFourOfSix);
        Assert.Equal(89.833m, Year(summary).Ada.Published);
    }

    [Fact]
    public void Asked_for_with_5_certificate_students_the_district_year_row_is_94_833_and_the_period_rows_do_not_change()
    {
        var rules = Rules2024 with { BestFourOfSix = BestFourOfSixOption.ForDistrict(District101912, 5) };

        var summary = AttendanceSummary.Compute(ExampleRecords(), rules);

        Assert.Equal(94.833m, Year(summary).Ada.Published);
        Assert.Equal(
            [100.000m, 98.000m, 96.000m, 95.000m, 80.000m, 70.000m],
            summary.Figures.Where(f => f.Population == Population.All && !f.IsYear).Select(f => f.Ada.Published!.Value));
        // PIA is not part of the rule: every student is present every day, 100%.
        Assert.Equal(100.000m, Year(summary).Pia.Published);
    }

    [Fact]
    public void The_columnar_path_gives_the_same_best_four_figure()
    {
        var rules = Rules2024 with { BestFourOfSix = BestFourOfSixOption.ForDistrict(District101912, 5) };

        var columnar = AttendanceSummary.Compute(Attendance.Columnar.AttendanceStore.From(ExampleRecords()), rules);

        Assert.Equal(R(569, 6), Year(columnar).Ada.Exact);
    }

    [Fact]
    public void A_district_without_a_certificate_count_has_no_year_figure_not_zero()
    {
        var rules = Rules2024 with { BestFourOfSix = BestFourOfSixOption.ForDistrict(DistrictId.Parse("057905"), 5) };

        var year = Year(AttendanceSummary.Compute(ExampleRecords(), rules));

        Assert.Equal(FigureStatus.NotComputable, year.Ada.Status);
        Assert.Contains("district 101912", year.Ada.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_a_district_figure_and_is_refused_for_campus_rows_and_in_2019_20()
    {
        var rules = Rules2024 with { BestFourOfSix = BestFourOfSixOption.ForDistrict(District101912, 5) };
        var byCampus = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };
        var covid = RuleSet.For(new SchoolYear(2020)) with { BestFourOfSix = BestFourOfSixOption.ForDistrict(District101912, 5) };

        Assert.Contains("group by district", Assert.Throws<ArgumentException>(() => AttendanceSummary.Compute(ExampleRecords(), rules, byCampus)).Message, StringComparison.Ordinal);
        Assert.Contains("COVID-19", Assert.Throws<ArgumentException>(() => AttendanceSummary.Compute([], covid)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 100, true)]
    [InlineData(4, 100, false)]
    [InlineData(50, 999, true)]
    [InlineData(49, 999, false)]
    public void A_district_qualifies_when_5_0_percent_or_more_of_its_enrollment_hold_migrant_certificates(int certificates, int enrollment, bool qualifies)
    {
        // 5 / 100 = 5.0% qualifies, 4 / 100 = 4.0% does not; 50 / 999 = 5.005% qualifies, 49 / 999 = 4.905% does not.
        Assert.Equal(qualifies, BestFourOfSixRefinedAda.Qualifies(certificates, enrollment, Rules2024));
        Assert.Equal(0.05m, Rules2024.BestFourOfSixMigrantShare);
    }

    [Fact]
    public void The_migrant_share_awaits_confirmation_of_which_enrollment_it_is_of()
    {
        var citation = Assert.Single(RuleParameters.BestFourOfSixMigrantShare.Citations);

        Assert.Equal(CitationStatus.AwaitingConfirmation, citation.Status);
        Assert.Contains("which enrollment count", citation.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_options_with_the_same_counts_are_equal_so_two_rule_sets_asking_the_same_are_equal()
    {
        var a = BestFourOfSixOption.ForDistrict(District101912, 5);
        var b = new BestFourOfSixOption(new Dictionary<DistrictId, int> { [District101912] = 5 });

        Assert.Equal(a, b);
        Assert.Equal(Rules2024 with { BestFourOfSix = a }, Rules2024 with { BestFourOfSix = b });
        Assert.NotEqual(a, BestFourOfSixOption.ForDistrict(District101912, 6));
        Assert.Throws<ArgumentException>(() => BestFourOfSixOption.ForDistrict(District101912, -1));
    }

    private static AttendanceFigure Year(AttendanceSummary summary) =>
        summary.Figures.Single(f => f.Population == Population.All && f.IsYear);
}
