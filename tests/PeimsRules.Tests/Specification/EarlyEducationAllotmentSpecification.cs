using PeimsRules.Attendance;
using PeimsRules.Funding;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// The early education allotment = 0.1 × the basic allotment per ADA in each K-3 row; a student in both rows earns it
/// twice. Basic allotment $6,160 from 2019-20 (TEC §48.051 as amended by HB 3), $6,215 from 2025-26 (awaiting
/// confirmation). Source: TEC §48.108(a); TEA-RULES.md, "Funding parameters by school year".
/// </summary>
public class EarlyEducationAllotmentSpecification
{
    [Fact]
    public void Is_a_tenth_of_the_basic_allotment_per_ADA()
    {
        // 2023-24: 0.1 × $6,160 × 101.500 ADA = $616 × 101.5 = $62,524.
        Assert.Equal(62_524m, EarlyEducationAllotment.Amount(101.500m, RuleSet.For(new SchoolYear(2024))));
    }

    [Fact]
    public void Keeps_the_cents_of_a_three_decimal_ADA()
    {
        // 0.1 × $6,160 × 12.345 = $616 × 12.345 = $7,604.52, exactly.
        Assert.Equal(7_604.52m, EarlyEducationAllotment.Amount(12.345m, RuleSet.For(new SchoolYear(2024))));
    }

    [Theory]
    [InlineData(2020, 6160)]
    [InlineData(2022, 6160)]
    [InlineData(2025, 6160)]
    [InlineData(2026, 6215)]
    [InlineData(2027, 6215)]
    public void Follows_the_basic_allotment_of_the_year(int year, int basicAllotment)
    {
        // One ADA earns a tenth of the year's basic allotment: $616 to 2024-25, $621.50 from 2025-26.
        var rules = RuleSet.For(new SchoolYear(year));

        Assert.Equal<decimal?>(basicAllotment, rules.BasicAllotment);
        Assert.Equal<decimal?>(0.1m, rules.EarlyEducationAllotmentRate);
        Assert.Equal(basicAllotment / 10m, EarlyEducationAllotment.Amount(1m, rules));
    }

    [Fact]
    public void The_2025_26_basic_allotment_awaits_confirmation()
    {
        var value = RuleParameters.BasicAllotment.ValueFor(new SchoolYear(2026));

        Assert.Equal(6215m, value.Value);
        Assert.Equal(CitationStatus.AwaitingConfirmation, value.Citation.Status);
    }

    [Fact]
    public void A_student_in_both_K3_rows_earns_it_twice()
    {
        // Grade 02, free meals, emergent bilingual with D1, present every day of every period: ADA 1 in each K-3 row.
        // $616 for the disadvantaged row + $616 for the emergent bilingual row = $1,232.
        var rules = RuleSet.For(new SchoolYear(2024));
        var records = EachPeriod(p => [Record(period: p, grade: "02", economic: "01", emergentBilingual: "1", funding: "D1", eligible: 30)]);
        var summary = AttendanceSummary.Compute(records, rules);

        var total = summary.Figures
            .Where(f => f.IsYear && f.Population != Population.All)
            .Sum(f => EarlyEducationAllotment.Amount(f.Ada.Published!.Value, rules));

        Assert.Equal(1_232m, total);
    }

    [Fact]
    public void There_is_none_before_2019_20()
    {
        Assert.Throws<InvalidOperationException>(() => EarlyEducationAllotment.Amount(10m, RuleSet.For(new SchoolYear(2019))));
    }

    [Fact]
    public void A_year_without_a_basic_allotment_must_be_given_one()
    {
        // The rows exist, but the basic allotment was overridden away: the amount cannot be guessed.
        var rules = RuleSet.For(new SchoolYear(2024)) with { BasicAllotment = null };

        Assert.Throws<InvalidOperationException>(() => EarlyEducationAllotment.Amount(10m, rules));
    }

    [Fact]
    public void Refuses_a_negative_ADA()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyEducationAllotment.Amount(-1m, RuleSet.For(new SchoolYear(2024))));
    }
}
