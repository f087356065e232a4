using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PeimsRules.Tests.Properties;

/// <summary>A decimal with up to 18 significant digits and up to 12 decimals, often exactly at a rounding midpoint.</summary>
/// <param name="Value">The value.</param>
public sealed record DecimalValue(decimal Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Generators of exact ratios and of decimals for the rounding properties.</summary>
public static class RatioArbitraries
{
    public static Arbitrary<Ratio> Ratio() =>
        Arb.From(
            from numerator in Gen.Choose(-2_000_000, 2_000_000)
            from denominator in Gen.Choose(1, 10_000)
            from scale in Gen.Elements(1, 1, 7, 1_000_003)
            select global::PeimsRules.Ratio.Of(numerator, (long)denominator * scale));

    public static Arbitrary<DecimalValue> DecimalValue() =>
        Arb.From(Gen.Frequency((1, AnyDecimal), (1, Midpoint)).Select(d => new DecimalValue(d)));

    /// <summary>Up to 18 digits (three chunks of six), 0 to 12 decimals, either sign.</summary>
    private static Gen<decimal> AnyDecimal =>
        from high in Gen.Choose(0, 999_999)
        from middle in Gen.Choose(0, 999_999)
        from low in Gen.Choose(0, 999_999)
        from scale in Gen.Choose(0, 12)
        from negative in Gen.Elements(false, true)
        select Make(((long)high * 1_000_000_000_000) + ((long)middle * 1_000_000) + low, scale, negative);

    /// <summary>A value ending in 5 just past the decimal a rounding to 0 to 8 places keeps: m.5 × 10^-places.</summary>
    private static Gen<decimal> Midpoint =>
        from mantissa in Gen.Choose(0, 99_999_999)
        from places in Gen.Choose(0, 8)
        from negative in Gen.Elements(false, true)
        select Make(((long)mantissa * 10) + 5, places + 1, negative);

    private static decimal Make(long magnitude, int scale, bool negative) =>
        new(unchecked((int)(magnitude & 0xFFFFFFFF)), (int)(magnitude >> 32), 0, negative, (byte)scale);
}

/// <summary>
/// Ratio is exact rational arithmetic (every figure is computed as one) and its rounding agrees with decimal rounding
/// wherever a decimal can hold the value, for every midpoint rule.
/// </summary>
[Properties(Arbitrary = [typeof(RatioArbitraries)])]
public class RatioProperties
{
    private static readonly MidpointRounding[] Modes =
    [
        MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero,
        MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity,
    ];

    [Property]
    public void Is_always_in_lowest_terms_with_a_positive_denominator(Ratio a, Ratio b)
    {
        foreach (var r in new[] { a, b, a + b, a - b, a * b })
        {
            Assert.True(r.Denominator.Sign > 0);
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(r.Numerator, r.Denominator));
        }
    }

    [Property]
    public void Addition_is_commutative_and_associative(Ratio a, Ratio b, Ratio c)
    {
        Assert.Equal(a + b, b + a);
        Assert.Equal((a + b) + c, a + (b + c));
    }

    [Property]
    public void Subtraction_and_division_undo_addition_and_multiplication(Ratio a, Ratio b)
    {
        Assert.Equal(a, a + b - b);
        Assert.Equal(Ratio.Zero, a - a);
        if (!b.IsZero)
        {
            Assert.Equal(a, a * b / b);
        }
    }

    [Property]
    public void Multiplication_distributes_over_addition(Ratio a, Ratio b, Ratio c)
    {
        Assert.Equal(a * (b + c), (a * b) + (a * c));
    }

    [Property]
    public void Order_agrees_with_the_sign_of_the_difference(Ratio a, Ratio b)
    {
        Assert.Equal((a - b).Numerator.Sign, Math.Sign(a.CompareTo(b)));
        Assert.Equal(a == b, a.GetHashCode() == b.GetHashCode() && a.Equals(b));
    }

    [Property]
    public void A_decimal_converts_exactly(DecimalValue d)
    {
        var r = Ratio.FromDecimal(d.Value);

        Assert.Equal(d.Value, r.ToDecimal());
        Assert.Equal(Math.Sign(d.Value), r.Numerator.Sign);
        Assert.Equal(Ratio.FromDecimal(d.Value * 2), r * Ratio.FromInteger(2));
    }

    [Property]
    public void Round_agrees_with_decimal_Math_Round_for_every_midpoint_rule(DecimalValue d)
    {
        var r = Ratio.FromDecimal(d.Value);

        foreach (var mode in Modes)
        {
            for (var decimals = 0; decimals <= 10; decimals++)
            {
                var rounded = r.Round(decimals, mode);

                Assert.Equal(Math.Round(d.Value, decimals, mode), rounded);
                Assert.Equal(decimals, rounded.Scale);
            }
        }
    }

    [Property]
    public void Round_lands_within_half_a_unit_of_the_exact_value(Ratio a)
    {
        // Round to nearest (half away from zero, or to even) is never more than half a unit of the last place away.
        var halfUnit = Ratio.Of(1, 2000);

        foreach (var mode in new[] { MidpointRounding.AwayFromZero, MidpointRounding.ToEven })
        {
            var error = Ratio.FromDecimal(a.Round(3, mode)) - a;
            Assert.True(error >= -halfUnit && error <= halfUnit, $"{a} rounded {mode} is {error} away.");
        }
    }
}
