using PeimsRules.Rules;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// The rules are chosen by the school year asked for, never by the wall clock: each parameter has values keyed by the
/// school year they start in, each with its citation, and any of them can be overridden for a what-if.
/// Source: house style ("OpenFisca / PolicyEngine"); TEA-RULES.md, "Funding parameters by school year" and the year
/// ranges of each formula.
/// </summary>
public class RuleSetSpecification
{
    [Theory]
    [InlineData(2019, false, false, false, null)]
    [InlineData(2020, true, false, true, 6160)]
    [InlineData(2021, false, true, true, 6160)]
    [InlineData(2022, false, true, true, 6160)]
    [InlineData(2023, false, false, true, 6160)]
    [InlineData(2025, false, false, true, 6160)]
    [InlineData(2026, false, false, true, 6215)]
    public void Each_school_year_has_its_own_rules(int year, bool covid19, bool remoteDays, bool earlyEducationRows, int? basicAllotment)
    {
        // 2019-20: COVID-19 adjustment, first year of the K-3 rows and of the $6,160 basic allotment.
        // 2020-21 and 2021-22: remote days count. 2025-26: $6,215 (awaiting confirmation).
        var rules = RuleSet.For(new SchoolYear(year));

        Assert.Equal(new SchoolYear(year), rules.SchoolYear);
        Assert.Equal(covid19, rules.AppliesCovid19Adjustment);
        Assert.Equal(remoteDays, rules.CountsRemoteDays);
        Assert.Equal(earlyEducationRows, rules.HasEarlyEducationRows);
        Assert.Equal<decimal?>(basicAllotment, rules.BasicAllotment);
        Assert.Equal(RoundingRule.ThreeDecimalsHalfAwayFromZero, rules.Rounding);
    }

    [Fact]
    public void Any_parameter_can_be_overridden_for_a_what_if_without_changing_the_years_rules()
    {
        var rules = RuleSet.For(new SchoolYear(2024));

        var whatIf = rules with { BasicAllotment = 7000m, Rounding = new RoundingRule(3, MidpointRounding.ToEven) };

        Assert.Equal(7000m, whatIf.BasicAllotment);
        Assert.Equal(MidpointRounding.ToEven, whatIf.Rounding.Midpoint);
        Assert.Equal(6160m, rules.BasicAllotment);
        Assert.Equal(rules, RuleSet.For(new SchoolYear(2024)));
    }

    [Fact]
    public void A_year_describes_its_parameters_with_their_citations()
    {
        // 2023-24: the basic allotment is $6,160, cited to TEC §48.051; the rounding awaits confirmation.
        var described = RuleSet.For(new SchoolYear(2024)).DescribeParameters().ToDictionary(p => p.Name);

        Assert.Equal("6160", described[nameof(RuleSet.BasicAllotment)].Value);
        Assert.Contains("48.051", described[nameof(RuleSet.BasicAllotment)].Citation.Source, StringComparison.Ordinal);
        Assert.Equal(CitationStatus.AwaitingConfirmation, described[nameof(RuleSet.Rounding)].Citation.Status);
    }

    [Fact]
    public void A_parameter_with_no_value_for_the_year_is_left_out_not_invented()
    {
        // 2018-19: no basic allotment is carried (HB 3 values start in 2019-20), so it is not described at all.
        var described = RuleSet.For(new SchoolYear(2019)).DescribeParameters().Select(p => p.Name);

        Assert.DoesNotContain(nameof(RuleSet.BasicAllotment), described);
        Assert.Throws<InvalidOperationException>(() => RuleParameters.BasicAllotment.ValueFor(new SchoolYear(2019)));
    }

    [Fact]
    public void A_value_applies_from_its_first_year_until_the_next_value_starts()
    {
        var parameter = new RuleParameter<int>(
            "Example",
            "A parameter for this test.",
            new RuleParameterValue<int>(new SchoolYear(2026), 2, new Citation("second")),
            new RuleParameterValue<int>(new SchoolYear(2020), 1, new Citation("first")));

        Assert.False(parameter.TryGetValue(new SchoolYear(2019), out _));
        Assert.Equal(1, parameter.ValueFor(new SchoolYear(2020)).Value);
        Assert.Equal(1, parameter.ValueFor(new SchoolYear(2025)).Value);
        Assert.Equal(2, parameter.ValueFor(new SchoolYear(2026)).Value);
        Assert.Equal(new[] { "first", "second" }, parameter.Citations.Select(c => c.Source));
    }
}
