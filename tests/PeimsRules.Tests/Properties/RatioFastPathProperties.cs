using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PeimsRules.Tests.Properties;

/// <summary>An integer for the 128-bit fast path of <see cref="Ratio"/>: small, or at one of the edges where it must fall back.</summary>
/// <param name="Value">The value.</param>
public sealed record EdgeInteger(BigInteger Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Integers around the edges of the 63-bit small form and of 128-bit products.</summary>
public static class EdgeIntegers
{
    private static readonly BigInteger[] Edges =
    [
        0, 1, 2, 3, 6, 29, 58, 60, 255, int.MaxValue, (BigInteger)int.MaxValue + 1, uint.MaxValue,
        long.MaxValue, long.MaxValue - 1, (BigInteger)long.MaxValue + 1, (BigInteger)long.MaxValue + 2, ulong.MaxValue,
        BigInteger.One << 64, (BigInteger.One << 96) - 1, BigInteger.One << 96, BigInteger.One << 126, (BigInteger.One << 127) - 1,
        BigInteger.One << 127, BigInteger.One << 128, BigInteger.Pow(10, 30) + 7,
    ];

    public static Arbitrary<EdgeInteger> Integers() =>
        Arb.From(
            from kind in Gen.Choose(0, 3)
            from edge in Gen.Elements(Edges)
            from offset in Gen.Choose(-3, 3)
            from small in Gen.Choose(-100_000, 100_000)
            from factor in Gen.Elements<BigInteger>(1, 2, 3, 29, 60, 1_000_003)
            from negative in Gen.Elements(false, true)
            select new EdgeInteger(kind switch
            {
                0 => small,
                1 => (negative ? -edge : edge) + offset,
                2 => ((negative ? -edge : edge) + offset) * factor,
                _ => (BigInteger)small * factor * factor,
            }));
}

/// <summary>
/// <see cref="Ratio"/> computes in exact 128-bit integers while its numerator and denominator fit 63 bits and in big
/// integers beyond: every operation gives the same ratio as plain big-integer rational arithmetic (written out here as
/// the textbook formulas), on both sides of every edge, and a value has one form whichever way it was made.
/// </summary>
[Properties(Arbitrary = [typeof(EdgeIntegers)], MaxTest = 500)]
public class RatioFastPathProperties
{
    private static readonly MidpointRounding[] Modes =
    [
        MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero,
        MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity,
    ];

    [Property]
    public void Making_a_ratio_reduces_it_exactly_as_big_integers_do(EdgeInteger numerator, EdgeInteger denominator)
    {
        if (denominator.Value.IsZero)
        {
            Assert.Throws<DivideByZeroException>(() => Ratio.Of(numerator.Value, denominator.Value));
            return;
        }

        AssertSame(Reference(numerator.Value, denominator.Value), Ratio.Of(numerator.Value, denominator.Value));
    }

    [Property]
    public void Sums_differences_products_and_quotients_are_those_of_big_integers(EdgeInteger an, EdgeInteger ad, EdgeInteger bn, EdgeInteger bd)
    {
        if (ad.Value.IsZero || bd.Value.IsZero)
        {
            return;
        }

        var a = Ratio.Of(an.Value, ad.Value);
        var b = Ratio.Of(bn.Value, bd.Value);
        var (n1, d1) = Reference(an.Value, ad.Value);
        var (n2, d2) = Reference(bn.Value, bd.Value);

        AssertSame(Reference((n1 * d2) + (n2 * d1), d1 * d2), a + b);
        AssertSame(Reference((n1 * d2) - (n2 * d1), d1 * d2), a - b);
        AssertSame(Reference(n1 * n2, d1 * d2), a * b);
        AssertSame(Reference(-n1, d1), -a);
        if (n2.IsZero)
        {
            Assert.Throws<DivideByZeroException>(() => a / b);
        }
        else
        {
            AssertSame(Reference(n1 * d2, d1 * n2), a / b);
        }

        Assert.Equal((n1 * d2).CompareTo(n2 * d1), a.CompareTo(b));
        Assert.Equal(n1 == n2 && d1 == d2, a == b);
    }

    [Property]
    public void A_value_made_two_ways_is_equal_with_the_same_hash(EdgeInteger numerator, EdgeInteger denominator)
    {
        if (denominator.Value.IsZero)
        {
            return;
        }

        var direct = Ratio.Of(numerator.Value, denominator.Value);
        var scaled = Ratio.Of(numerator.Value * 1_000_003, denominator.Value * 1_000_003);
        var summed = Ratio.Of(numerator.Value, denominator.Value * 2) + Ratio.Of(numerator.Value, denominator.Value * 2);

        Assert.Equal(direct, scaled);
        Assert.Equal(direct, summed);
        Assert.Equal(direct.GetHashCode(), scaled.GetHashCode());
        Assert.Equal(direct.GetHashCode(), summed.GetHashCode());
    }

    [Property]
    public void Rounding_is_that_of_big_integers_at_every_place_and_midpoint_rule(EdgeInteger numerator, EdgeInteger denominator)
    {
        if (denominator.Value.IsZero)
        {
            return;
        }

        var ratio = Ratio.Of(numerator.Value, denominator.Value);
        var (n, d) = Reference(numerator.Value, denominator.Value);
        foreach (var decimals in new[] { 0, 3, 18, 19, 20 })
        {
            foreach (var mode in Modes)
            {
                var expected = ReferenceRound(n, d, decimals, mode);
                if (expected is { } value)
                {
                    Assert.Equal(value, ratio.Round(decimals, mode));
                    Assert.Equal(value.ToString(CultureInfo.InvariantCulture), ratio.Round(decimals, mode).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Throws<OverflowException>(() => ratio.Round(decimals, mode));
                }
            }
        }
    }

    private static void AssertSame((BigInteger Numerator, BigInteger Denominator) expected, Ratio actual)
    {
        Assert.Equal(expected.Numerator, actual.Numerator);
        Assert.Equal(expected.Denominator, actual.Denominator);
        Assert.Equal(
            expected.Denominator.IsOne
                ? expected.Numerator.ToString(CultureInfo.InvariantCulture)
                : $"{expected.Numerator.ToString(CultureInfo.InvariantCulture)}/{expected.Denominator.ToString(CultureInfo.InvariantCulture)}",
            actual.ToString());
    }

    /// <summary>Lowest terms, positive denominator.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Reference(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return (numerator / gcd, denominator / gcd);
    }

    /// <summary>Round half by the rule, then the decimal with that many places; null when it does not fit 96 bits.</summary>
    private static decimal? ReferenceRound(BigInteger numerator, BigInteger denominator, int decimals, MidpointRounding mode)
    {
        var scaled = numerator * BigInteger.Pow(10, decimals);
        var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            var negative = scaled.Sign < 0;
            var vsHalf = (BigInteger.Abs(remainder) * 2).CompareTo(denominator);
            var away = mode switch
            {
                MidpointRounding.AwayFromZero => vsHalf >= 0,
                MidpointRounding.ToEven => vsHalf > 0 || (vsHalf == 0 && !quotient.IsEven),
                MidpointRounding.ToZero => false,
                MidpointRounding.ToNegativeInfinity => negative,
                _ => !negative,
            };
            if (away)
            {
                quotient += negative ? -1 : 1;
            }
        }

        var magnitude = BigInteger.Abs(quotient);
        if (magnitude.GetBitLength() > 96)
        {
            return null;
        }

        return new decimal(
            unchecked((int)(uint)(magnitude & uint.MaxValue)),
            unchecked((int)(uint)((magnitude >> 32) & uint.MaxValue)),
            unchecked((int)(uint)((magnitude >> 64) & uint.MaxValue)),
            quotient.Sign < 0,
            (byte)decimals);
    }
}
