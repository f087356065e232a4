using FsCheck.Xunit;

namespace PeimsRules.Tests.Properties;

/// <summary>
/// A refined ADA is the mean of six period ADAs. <see cref="Ratio.MeanOf"/> puts small ratios over the least common
/// multiple of their denominators and reduces once, in 64/128-bit integers; it is the sum added one by one divided by
/// the count, on both sides of the limits where it falls back (a common multiple beyond 63 bits, a numerator beyond 40
/// bits, a ratio outside the small form, more values than it keeps on the stack).
/// </summary>
public class RatioMeanProperties
{
    [Property(Arbitrary = [typeof(QuotientTermArbitraries)], MaxTest = 500)]
    public void The_mean_of_ratios_is_their_sum_added_one_by_one_over_their_count(QuotientTerms terms)
    {
        var values = terms.Numerators.Select((n, i) => Ratio.Of(n, terms.Denominators[i])).ToArray();

        if (values.Length == 0)
        {
            Assert.Throws<DivideByZeroException>(() => Ratio.MeanOf(values));
            return;
        }

        Assert.Equal(OneByOne(values), Ratio.MeanOf(values));
    }

    [Property(Arbitrary = [typeof(EdgeIntegers)], MaxTest = 500)]
    public void The_mean_of_ratios_at_the_edges_of_the_small_form_is_their_sum_over_their_count(
        EdgeInteger n1, EdgeInteger d1, EdgeInteger n2, EdgeInteger d2, EdgeInteger n3, EdgeInteger d3)
    {
        // Six values as a refined ADA has, two of each: small, beyond 63 bits, beyond 128 bits.
        Ratio Make(EdgeInteger n, EdgeInteger d) => Ratio.Of(n.Value, d.Value.IsZero ? 1 : d.Value);
        Ratio[] values = [Make(n1, d1), Make(n2, d2), Make(n3, d3), Make(n1, d2), Make(n2, d3), Make(n3, d1)];

        Assert.Equal(OneByOne(values), Ratio.MeanOf(values));
    }

    [Fact]
    public void Six_period_ADAs_over_different_days_taught_have_the_mean_of_their_sum()
    {
        // 1,100/59 + 1,200/60 + 1,150/58 + 1,000/57 + 1,210/61 + 1,190/59 over 6: one reduction of the sum over
        // lcm(59, 60, 58, 57, 61) × 6.
        Ratio[] adas = [Ratio.Of(1_100, 59), Ratio.Of(1_200, 60), Ratio.Of(1_150, 58), Ratio.Of(1_000, 57), Ratio.Of(1_210, 61), Ratio.Of(1_190, 59)];

        Assert.Equal(OneByOne(adas), Ratio.MeanOf(adas));
    }

    private static Ratio OneByOne(Ratio[] values) => values.Aggregate(Ratio.Zero, (sum, v) => sum + v) / Ratio.FromInteger(values.Length);
}
