using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// Published ADA and PIA are rounded to three decimals once, at the end; the midpoint rule is not confirmed by TEA, so it
/// is a named parameter defaulting to half away from zero (not .NET's banker's rounding).
/// Source: TEC §48.005 (ADA is a plain quotient); Early Education ADA report specification (OnDataSuite), "rounded to 3 decimals";
/// TEA-RULES.md, Formulas, "Rounding [?]".
/// </summary>
public class RoundingSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Fact]
    public void Rounds_once_at_the_end_not_each_period_first()
    {
        // TEA-RULES.md's example. Period ADAs 28502/30, 28731/29, 30210/31, 27001/29, 29999/31, 29050/30.
        // Exact mean = 8663991/8990 = 963.73648… → 963.736.
        // Rounding each period first: 950.067 + 990.724 + 974.516 + 931.069 + 967.710 + 968.333 = 5782.419,
        // / 6 = 963.7365 → 963.737, one thousandth off.
        var periodAdas = new[] { R(28502, 30), R(28731, 29), R(30210, 31), R(27001, 29), R(29999, 31), R(29050, 30) };

        var refined = RefinedAda.Of(periodAdas);
        var roundedFirst = periodAdas.Select(a => Rules2024.Rounding.Apply(a)).ToArray();

        Assert.Equal(R(8663991, 8990), refined);
        Assert.Equal(963.736m, Rules2024.Rounding.Apply(refined));
        Assert.Equal(new[] { 950.067m, 990.724m, 974.516m, 931.069m, 967.710m, 968.333m }, roundedFirst);
        Assert.Equal(963.737m, Rules2024.Rounding.Apply(Ratio.FromDecimal(roundedFirst.Sum()) / R(6)));
    }

    [Fact]
    public void A_summary_publishes_963_736_for_the_worked_example()
    {
        // The same six periods from records (for 28502 over 30: 950 students present all 30 days and one present 2),
        // through the summary: the year row is 963.736, while the period rows show their own rounded ADAs.
        var records = Period(1, 30, 28502).Concat(Period(2, 29, 28731)).Concat(Period(3, 31, 30210))
            .Concat(Period(4, 29, 27001)).Concat(Period(5, 31, 29999)).Concat(Period(6, 30, 29050));

        var figures = AttendanceSummary.Compute(records, Rules2024).Figures;

        Assert.Equal(963.736m, figures.Single(f => f.IsYear).Ada.Published);
        Assert.Equal(
            new decimal?[] { 950.067m, 990.724m, 974.516m, 931.069m, 967.710m, 968.333m },
            figures.Where(f => !f.IsYear).Select(f => f.Ada.Published));

        static IEnumerable<BasicReportingPeriodAttendance> Period(int period, int taught, int eligible) =>
            EligibleDaysInPeriod(period, taught, eligible);
    }

    [Fact]
    public void Rounds_half_away_from_zero_by_default()
    {
        // 62.5625 (1001 / 16) is exactly halfway between 62.562 and 62.563: a person rounding by hand writes 62.563.
        // .NET's default Math.Round is banker's rounding, which would write 62.562.
        var midpoint = R(1001, 16);

        Assert.Equal(new RoundingRule(3, MidpointRounding.AwayFromZero), Rules2024.Rounding);
        Assert.Equal(62.563m, Rules2024.Rounding.Apply(midpoint));
        Assert.Equal(62.562m, Math.Round(62.5625m, 3));
    }

    [Theory]
    [InlineData(1001, 16, MidpointRounding.AwayFromZero, "62.563")]
    [InlineData(1001, 16, MidpointRounding.ToEven, "62.562")]
    [InlineData(1003, 16, MidpointRounding.AwayFromZero, "62.688")]
    [InlineData(1003, 16, MidpointRounding.ToEven, "62.688")]
    [InlineData(-1001, 16, MidpointRounding.AwayFromZero, "-62.563")]
    [InlineData(-1001, 16, MidpointRounding.ToEven, "-62.562")]
    [InlineData(1001, 16, MidpointRounding.ToZero, "62.562")]
    [InlineData(-1001, 16, MidpointRounding.ToNegativeInfinity, "-62.563")]
    [InlineData(-1001, 16, MidpointRounding.ToPositiveInfinity, "-62.562")]
    [InlineData(1, 3, MidpointRounding.ToPositiveInfinity, "0.334")]
    [InlineData(2, 3, MidpointRounding.AwayFromZero, "0.667")]
    [InlineData(2, 3, MidpointRounding.ToZero, "0.666")]
    public void Can_be_set_to_any_named_midpoint_rule(long numerator, long denominator, MidpointRounding mode, string expected)
    {
        // 1003 / 16 = 62.6875: halfway between 62.687 and 62.688; 8 is even, so both rules agree.
        Assert.Equal(expected, R(numerator, denominator).Round(3, mode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Detects_the_midpoint_on_the_exact_value_not_on_a_truncated_decimal()
    {
        // 62.5625 + 1/10^30 is just above the midpoint: to even it still rounds up to 62.563.
        var justAbove = R(1001, 16) + Ratio.Of(1, System.Numerics.BigInteger.Pow(10, 30));

        Assert.Equal(62.563m, justAbove.Round(3, MidpointRounding.ToEven));
    }

    [Fact]
    public void Regression_a_value_whose_digits_set_the_top_bit_of_a_32_bit_word_rounds_without_overflow()
    {
        // Found by RatioProperties: a decimal's 96 bits were read (FromDecimal) and assembled (Round, ToDecimal) as
        // 32-bit words with checked int/uint casts, so any value with the top bit of a word set threw OverflowException.
        // 2,147,483.648 is 2,147,483,648 thousandths = 2^31; 1/3 to 20 places fills all three words.
        Assert.Equal(2_147_483.648m, Ratio.FromDecimal(2_147_483.648m).Round(3, MidpointRounding.AwayFromZero));
        Assert.Equal(0.33333333333333333333m, R(1, 3).ToDecimal());
        Assert.Equal(-0.66666666666666666667m, R(-2, 3).ToDecimal());
    }

    [Fact]
    public void Publishes_exactly_three_decimals()
    {
        // 7.5 is published as 7.500, 10 as 10.000: the figure's text is what TEA prints.
        Assert.Equal("7.500", Rules2024.Rounding.Apply(R(15, 2)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("10.000", Rules2024.Rounding.Apply(R(10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_midpoint_rule_is_a_parameter_awaiting_confirmation()
    {
        var value = RuleParameters.PublishedRounding.ValueFor(new SchoolYear(2024));

        Assert.Equal(RoundingRule.ThreeDecimalsHalfAwayFromZero, value.Value);
        Assert.Equal(CitationStatus.AwaitingConfirmation, value.Citation.Status);
    }

    [Fact]
    public void A_figure_that_is_not_computable_has_no_published_value()
    {
        var figure = Figure.NotComputable("no 2018-19 records.");

        Assert.Equal(FigureStatus.NotComputable, figure.Status);
        Assert.Null(figure.Published);
        Assert.Null(figure.Exact);
        Assert.Equal("NotComputable: no 2018-19 records.", figure.ToString());
    }
}
