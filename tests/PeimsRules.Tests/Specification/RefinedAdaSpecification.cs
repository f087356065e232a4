using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// Refined ADA of a school year = (ADA₁ + … + ADA₆) ÷ 6, rounded to three decimals once, at the end.
/// Source: Early Education ADA report specification (OnDataSuite), "Refined ADA Total – Sum of all six-week periods, divided by six,
/// and rounded to 3 decimals"; 19 TAC §129.1021. TEA-RULES.md, Formulas.
/// </summary>
public class RefinedAdaSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Fact]
    public void Is_the_mean_of_the_six_period_ADAs_not_the_pooled_ratio()
    {
        // TEA-RULES.md's example, each period three times to make six: periods of 30 days with 300 eligible days
        // (10 students present every day) and periods of 20 days with 100 eligible days (5 students).
        // Period ADAs: 300 / 30 = 10 and 100 / 20 = 5.
        // Refined ADA = (10 + 10 + 10 + 5 + 5 + 5) / 6 = 45 / 6 = 7.5.
        // The pooled ratio, (3 × 300 + 3 × 100) / (3 × 30 + 3 × 20) = 1200 / 150 = 8.0, is wrong.
        var records = EachPeriod(p => p <= 3 ? Students(10, p, taught: 30, eligible: 30) : Students(5, p, taught: 20, eligible: 20)).ToList();

        var refined = RefinedAda.Compute(records, Rules2024);

        Assert.Equal(R(15, 2), refined);
        Assert.Equal(7.500m, Rules2024.Rounding.Apply(refined));
        Assert.NotEqual(R(8), refined);
    }

    [Fact]
    public void Period_ADAs_of_the_worked_example_are_10_and_5()
    {
        // The same example, the period ADAs alone: 300 / 30 = 10, 100 / 20 = 5.
        var records = EachPeriod(p => p <= 3 ? Students(10, p, taught: 30, eligible: 30) : Students(5, p, taught: 20, eligible: 20));

        Assert.Equal(Adas(10, 10, 10, 5, 5, 5), RefinedAda.PeriodAdas(records, Rules2024));
    }

    [Fact]
    public void Is_the_sum_of_the_six_period_ADAs_divided_by_six()
    {
        // (100 + 101 + 102 + 103 + 104 + 105) / 6 = 615 / 6 = 102.5
        Assert.Equal(R(205, 2), RefinedAda.Of(Adas(100, 101, 102, 103, 104, 105)));
    }

    [Fact]
    public void Counts_a_period_with_no_records_as_zero_among_the_six()
    {
        // 12 students present all 30 days in periods 1 to 5, nobody reported in period 6:
        // (12 + 12 + 12 + 12 + 12 + 0) / 6 = 60 / 6 = 10, not 60 / 5 = 12.
        var records = Enumerable.Range(1, 5).SelectMany(p => Students(12, p, taught: 30, eligible: 30));

        Assert.Equal(R(10), RefinedAda.Compute(records, Rules2024));
    }

    [Fact]
    public void Needs_exactly_six_period_ADAs()
    {
        Assert.Throws<ArgumentException>(() => RefinedAda.Of(Adas(10, 10, 10, 10, 10)));
        Assert.Throws<ArgumentException>(() => RefinedAda.Of(Adas(10, 10, 10, 10, 10, 10, 10)));
    }

    [Fact]
    public void Leaves_records_of_periods_7_to_9_out()
    {
        // C130: 7 and 8 are extended school year, 9 the additional days school year; only 1 to 6 are refined ADA periods.
        // 6 students present all 30 days in each of periods 1 to 6: refined ADA 6. Twenty more students in periods
        // 7, 8 and 9 change nothing.
        var sixPeriods = EachPeriod(p => Students(6, p, taught: 30, eligible: 30)).ToList();
        var extended = new[] { 7, 8, 9 }.SelectMany(p => Students(20, p, taught: 10, eligible: 10, prefix: "X"));

        Assert.Equal(R(6), RefinedAda.Compute(sixPeriods, Rules2024));
        Assert.Equal(R(6), RefinedAda.Compute(sixPeriods.Concat(extended), Rules2024));
    }

    [Fact]
    public void Is_exact_until_it_is_published()
    {
        // One student present 10 of 30 days in each period: each period ADA is 10 / 30 = 1/3, and so is the mean.
        // Published: 0.333.
        var records = EachPeriod(p => Students(1, p, taught: 30, eligible: 10));

        var refined = RefinedAda.Compute(records, Rules2024);

        Assert.Equal(R(1, 3), refined);
        Assert.Equal(0.333m, Rules2024.Rounding.Apply(refined));
    }
}
