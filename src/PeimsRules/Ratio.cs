using System.Globalization;
using System.Numerics;

namespace PeimsRules;

/// <summary>
/// An exact rational number: a numerator over a positive denominator, always in lowest terms.
/// Every figure of this library is computed as one, so sums merge exactly in any order and the only rounding
/// is the named one applied to the published figure (<see cref="RoundingRule"/>).
/// </summary>
/// <remarks>
/// TEC §48.005 defines ADA as a plain quotient; a period ADA is a sum of quotients whose denominators are the
/// records' days taught, which a <see cref="decimal"/> could only approximate (1/29 has no finite decimal).
/// </remarks>
public readonly struct Ratio : IEquatable<Ratio>, IComparable<Ratio>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominatorMinusOne;

    private Ratio(BigInteger numerator, BigInteger denominator)
    {
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
    }

    /// <summary>Zero.</summary>
    public static Ratio Zero => default;

    /// <summary>One.</summary>
    public static Ratio One => new(1, 1);

    /// <summary>The numerator, in lowest terms; carries the sign.</summary>
    public BigInteger Numerator => _numerator;

    /// <summary>The denominator, in lowest terms; always positive.</summary>
    public BigInteger Denominator => _denominatorMinusOne + 1;

    /// <summary>Whether the ratio is zero.</summary>
    public bool IsZero => _numerator.IsZero;

    /// <summary>The ratio <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public static Ratio Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A ratio cannot have a zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne ? new Ratio(numerator, denominator) : new Ratio(numerator / gcd, denominator / gcd);
    }

    /// <summary>A whole number.</summary>
    public static Ratio FromInteger(BigInteger value) => new(value, 1);

    /// <summary>A decimal, exactly.</summary>
    public static Ratio FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger(unchecked((uint)bits[0])) | (new BigInteger(unchecked((uint)bits[1])) << 32) | (new BigInteger(unchecked((uint)bits[2])) << 64);
        if (bits[3] < 0)
        {
            magnitude = -magnitude;
        }

        return Of(magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>The sum.</summary>
    public static Ratio operator +(Ratio left, Ratio right) =>
        left.Denominator == right.Denominator
            ? Of(left._numerator + right._numerator, left.Denominator)
            : Of((left._numerator * right.Denominator) + (right._numerator * left.Denominator), left.Denominator * right.Denominator);

    /// <summary>The difference.</summary>
    public static Ratio operator -(Ratio left, Ratio right) => left + (-right);

    /// <summary>The negation.</summary>
    public static Ratio operator -(Ratio value) => new(-value._numerator, value.Denominator);

    /// <summary>The product.</summary>
    public static Ratio operator *(Ratio left, Ratio right) =>
        Of(left._numerator * right._numerator, left.Denominator * right.Denominator);

    /// <summary>The quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Ratio operator /(Ratio left, Ratio right) =>
        Of(left._numerator * right.Denominator, left.Denominator * right._numerator);

    /// <summary>Whether the two are equal.</summary>
    public static bool operator ==(Ratio left, Ratio right) => left.Equals(right);

    /// <summary>Whether the two differ.</summary>
    public static bool operator !=(Ratio left, Ratio right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is less.</summary>
    public static bool operator <(Ratio left, Ratio right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is greater.</summary>
    public static bool operator >(Ratio left, Ratio right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is less or equal.</summary>
    public static bool operator <=(Ratio left, Ratio right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is greater or equal.</summary>
    public static bool operator >=(Ratio left, Ratio right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Rounds to <paramref name="decimals"/> places with <paramref name="mode"/>, exactly: the midpoint is detected on
    /// the rational value, not on a truncated decimal. The result carries exactly that many decimals (7.5 at three
    /// places is 7.500).
    /// </summary>
    public decimal Round(int decimals, MidpointRounding mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 20);
        var scaled = _numerator * BigInteger.Pow(10, decimals);
        var denominator = Denominator;
        var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            var negative = scaled.Sign < 0;
            var twice = BigInteger.Abs(remainder) * 2;
            var vsHalf = twice.CompareTo(denominator);
            var awayFromZero = mode switch
            {
                MidpointRounding.AwayFromZero => vsHalf >= 0,
                MidpointRounding.ToEven => vsHalf > 0 || (vsHalf == 0 && !quotient.IsEven),
                MidpointRounding.ToZero => false,
                MidpointRounding.ToNegativeInfinity => negative,
                MidpointRounding.ToPositiveInfinity => !negative,
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown midpoint rounding."),
            };
            if (awayFromZero)
            {
                quotient += negative ? -1 : 1;
            }
        }

        return ToDecimal(quotient, decimals);
    }

    /// <summary>
    /// The value as a <see cref="decimal"/>, rounded half away from zero at the 20th decimal place (or fewer places
    /// when the whole part is large): for display and for comparing with other tools, never for a published figure.
    /// </summary>
    public decimal ToDecimal()
    {
        var whole = BigInteger.Abs(_numerator / Denominator);
        var digits = whole.IsZero ? 0 : (int)Math.Floor(BigInteger.Log10(whole)) + 1;
        var places = Math.Max(0, Math.Min(20, 27 - digits));
        return Round(places, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public bool Equals(Ratio other) => _numerator == other._numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Ratio other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numerator, Denominator);

    /// <inheritdoc />
    public int CompareTo(Ratio other) => (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);

    /// <summary>The exact value as <c>numerator/denominator</c>, or the whole number alone.</summary>
    public override string ToString() =>
        Denominator.IsOne
            ? _numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{_numerator}/{Denominator}");

    private static decimal ToDecimal(BigInteger scaledValue, int decimals)
    {
        var negative = scaledValue.Sign < 0;
        var magnitude = BigInteger.Abs(scaledValue);
        if (magnitude.GetBitLength() > 96)
        {
            throw new OverflowException("The value is too large for a decimal.");
        }

        // The decimal constructor takes the three 32-bit words as int bit patterns: reinterpret, do not range-check
        // (the build checks arithmetic overflow, and a word with its top bit set is not an overflow here).
        var lo = unchecked((int)(uint)(magnitude & uint.MaxValue));
        var mid = unchecked((int)(uint)((magnitude >> 32) & uint.MaxValue));
        var hi = unchecked((int)(uint)((magnitude >> 64) & uint.MaxValue));
        return new decimal(lo, mid, hi, negative, (byte)decimals);
    }
}

/// <summary>
/// How a published figure is rounded: to a number of decimal places, with a named midpoint rule.
/// </summary>
/// <remarks>
/// TEA publishes ADA to three decimals; the midpoint rule is not confirmed in a TEA source, so the default is half
/// away from zero (what a person computing by hand does; .NET's default <see cref="Math.Round(decimal)"/> is
/// banker's rounding, a classic source of one-thousandth disputes). Rounding happens once, at the end.
/// </remarks>
/// <param name="Decimals">The number of decimal places, 0 to 20.</param>
/// <param name="Midpoint">What to do with a value exactly halfway between two results.</param>
public sealed record RoundingRule(int Decimals, MidpointRounding Midpoint)
{
    /// <summary>Three decimals, half away from zero: the default for ADA and PIA.</summary>
    public static RoundingRule ThreeDecimalsHalfAwayFromZero { get; } = new(3, MidpointRounding.AwayFromZero);

    /// <summary>Rounds <paramref name="value"/> by this rule.</summary>
    public decimal Apply(Ratio value) => value.Round(Decimals, Midpoint);
}
