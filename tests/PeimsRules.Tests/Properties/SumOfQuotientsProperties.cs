using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PeimsRules.Tests.Properties;

/// <summary>Terms of a sum of quotients: numerators and positive denominators of at most 63 bits, small or at an edge.</summary>
/// <param name="Numerators">The numerators.</param>
/// <param name="Denominators">The denominators, each positive.</param>
public sealed record QuotientTerms(long[] Numerators, long[] Denominators)
{
    public override string ToString() =>
        string.Join(" + ", Numerators.Select((n, i) => FormattableString.Invariant($"{n}/{Denominators[i]}")));
}

/// <summary>Days-taught-like denominators (a handful of values, or many distinct ones) and numerators up to and past the 40-bit limit.</summary>
public static class QuotientTermArbitraries
{
    private static readonly long[] NumeratorEdges =
        [0, 1, 2, 59, 255, int.MaxValue, (1L << 40) - 1, 1L << 40, (1L << 40) + 1, long.MaxValue / 2, long.MaxValue - 1, long.MaxValue];

    private static readonly long[] DenominatorEdges =
        [1, 2, 29, 58, 59, 60, 61, 255, int.MaxValue, uint.MaxValue, (1L << 62) + 1, long.MaxValue - 1, long.MaxValue];

    public static Arbitrary<QuotientTerms> Terms() =>
        Arb.From(
            from count in Gen.Choose(0, 40)
            from kind in Gen.Choose(0, 3)
            from numerators in Gen.ArrayOf(
                Gen.Frequency(
                    (6, Gen.Choose(0, 100_000).Select(n => (long)n)),
                    (2, Gen.Elements(NumeratorEdges)),
                    (1, Gen.Elements(NumeratorEdges).Select(n => -n))),
                count)
            from denominators in Gen.ArrayOf(
                kind switch
                {
                    // A period's days taught: a few values near 60 half days.
                    0 => Gen.Choose(54, 65).Select(d => (long)d),
                    // Any days taught a store holds: enough distinct values push the common multiple past 63 bits.
                    1 => Gen.Choose(1, 255).Select(d => (long)d),
                    2 => Gen.Elements(DenominatorEdges),
                    _ => Gen.Frequency((3, Gen.Choose(1, 255).Select(d => (long)d)), (1, Gen.Elements(DenominatorEdges))),
                },
                count)
            select new QuotientTerms(numerators, denominators));
}

/// <summary>
/// The period ADA's sum of quotients (Σ eligible days ÷ days taught) over the least common denominator in 64/128-bit
/// integers is the sum of its terms added one by one, and the sum big-integer arithmetic gives, on both sides of the
/// limits where it falls back (a common multiple beyond 63 bits, a numerator beyond 40 bits).
/// </summary>
[Properties(Arbitrary = [typeof(QuotientTermArbitraries)], MaxTest = 500)]
public class SumOfQuotientsProperties
{
    [Property]
    public void A_sum_of_quotients_is_the_sum_of_its_terms_added_one_by_one(QuotientTerms terms)
    {
        var oneByOne = Ratio.Zero;
        for (var i = 0; i < terms.Numerators.Length; i++)
        {
            oneByOne += Ratio.Of(terms.Numerators[i], terms.Denominators[i]);
        }

        Assert.Equal(oneByOne, Ratio.SumOfQuotients(terms.Numerators, terms.Denominators));
    }

    [Property]
    public void A_sum_of_quotients_is_the_sum_big_integers_give(QuotientTerms terms)
    {
        BigInteger numerator = 0, denominator = 1;
        for (var i = 0; i < terms.Numerators.Length; i++)
        {
            numerator = (numerator * terms.Denominators[i]) + (terms.Numerators[i] * denominator);
            denominator *= terms.Denominators[i];
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        var sum = Ratio.SumOfQuotients(terms.Numerators, terms.Denominators);
        Assert.Equal(numerator / gcd, sum.Numerator);
        Assert.Equal(denominator / gcd, sum.Denominator);
    }

    [Fact]
    public void One_day_over_each_of_1_to_60_days_taught_is_summed_exactly_past_the_64_bit_common_multiple()
    {
        // lcm(1..60) is about 9.4 × 10^24, beyond 63 bits: the sum is added term by term and is still exact.
        var numerators = Enumerable.Repeat(1L, 60).ToArray();
        var denominators = Enumerable.Range(1, 60).Select(d => (long)d).ToArray();
        var expected = Enumerable.Range(1, 60).Aggregate(Ratio.Zero, (sum, d) => sum + Ratio.Of(1, d));

        var sum = Ratio.SumOfQuotients(numerators, denominators);

        Assert.Equal(expected, sum);
        Assert.True(sum.Denominator > long.MaxValue);
    }

    [Fact]
    public void Eleven_hundred_eligible_days_over_59_days_taught_and_1_200_over_60_are_2_280_over_59()
    {
        // 1,100/59 + 1,200/60 = 1,100/59 + 20 = (1,100 + 1,180)/59 = 2,280/59.
        Assert.Equal(Ratio.Of(2_280, 59), Ratio.SumOfQuotients([1_100, 1_200], [59, 60]));
    }

    [Fact]
    public void A_sum_of_no_quotients_is_zero() => Assert.Equal(Ratio.Zero, Ratio.SumOfQuotients([], []));
}
