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
    // Two forms, one value each (so equality compares fields): a ratio whose numerator and denominator both fit 63 bits
    // (|numerator| and denominator at most long.MaxValue) is held in _small* and _large is null; any other is held in
    // _large. The small form's arithmetic runs in exact 128-bit integers (a product of two 63-bit values cannot overflow
    // them) and falls back to big integers only when a result leaves the small form. default(Ratio) is 0/1.
    private readonly long _smallNumerator;
    private readonly long _smallDenominatorMinusOne;
    private readonly Large? _large;

    private Ratio(long numerator, long denominator)
    {
        _smallNumerator = numerator;
        _smallDenominatorMinusOne = denominator - 1;
        _large = null;
    }

    private Ratio(Large large)
    {
        _smallNumerator = 0;
        _smallDenominatorMinusOne = 0;
        _large = large;
    }

    /// <summary>Zero.</summary>
    public static Ratio Zero => default;

    /// <summary>One.</summary>
    public static Ratio One => new(1L, 1L);

    /// <summary>The numerator, in lowest terms; carries the sign.</summary>
    public BigInteger Numerator => _large?.Numerator ?? _smallNumerator;

    /// <summary>The denominator, in lowest terms; always positive.</summary>
    public BigInteger Denominator => _large?.Denominator ?? SmallDenominator;

    /// <summary>Whether the ratio is zero.</summary>
    public bool IsZero => _large is null && _smallNumerator == 0;

    private long SmallDenominator => _smallDenominatorMinusOne + 1;

    /// <summary>The ratio <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public static Ratio Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A ratio cannot have a zero denominator.");
        }

        if (numerator >= -long.MaxValue && numerator <= long.MaxValue && denominator >= -long.MaxValue && denominator <= long.MaxValue)
        {
            return Of((Int128)(long)numerator, (Int128)(long)denominator);
        }

        return OfLarge(numerator, denominator);
    }

    /// <summary>The ratio <paramref name="numerator"/> / <paramref name="denominator"/> of two 128-bit integers, reduced.</summary>
    internal static Ratio Of(Int128 numerator, Int128 denominator)
    {
        if (denominator == Int128.Zero)
        {
            throw new DivideByZeroException("A ratio cannot have a zero denominator.");
        }

        if (numerator >= -long.MaxValue && numerator <= long.MaxValue && denominator >= -long.MaxValue && denominator <= long.MaxValue)
        {
            return Of64((long)numerator, (long)denominator);
        }

        if (numerator == Int128.MinValue || denominator == Int128.MinValue)
        {
            return OfLarge(numerator, denominator);
        }

        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var magnitude = (UInt128)(numerator < 0 ? -numerator : numerator);
        var gcd = GreatestCommonDivisor(magnitude, (UInt128)denominator);
        if (gcd != UInt128.One)
        {
            numerator /= (Int128)gcd;
            denominator /= (Int128)gcd;
        }

        return numerator >= -long.MaxValue && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new Ratio((long)numerator, (long)denominator)
            : new Ratio(new Large(numerator, denominator));
    }

    /// <summary>
    /// The ratio of two integers of at most 63 bits (|value| at most <see cref="long.MaxValue"/>), reduced in 64-bit
    /// arithmetic: what most figures are made of (a PIA's days, a period's eligible days over one days taught).
    /// </summary>
    private static Ratio Of64(long numerator, long denominator)
    {
        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = (long)GreatestCommonDivisor((ulong)Math.Abs(numerator), (ulong)denominator);
        return gcd == 1 ? new Ratio(numerator, denominator) : new Ratio(numerator / gcd, denominator / gcd);
    }

    /// <summary>
    /// The sum of <paramref name="numerators"/>[i] / <paramref name="denominators"/>[i] (denominators positive), exactly:
    /// a period ADA is Σ eligible days ÷ days taught over a handful of days-taught values. The fast way puts every term
    /// over the least common multiple of the denominators and reduces once; it is taken only when that multiple fits 63
    /// bits and every numerator 40 bits (so no product or sum can leave 128 bits). Otherwise the terms are added one by
    /// one with <see cref="op_Addition"/>, which falls back to big integers as it needs to. Both give the same ratio:
    /// a ratio is always in lowest terms.
    /// </summary>
    internal static Ratio SumOfQuotients(ReadOnlySpan<long> numerators, ReadOnlySpan<long> denominators)
    {
        if (numerators.Length != denominators.Length)
        {
            throw new ArgumentException("Each numerator needs its denominator.", nameof(denominators));
        }

        if (TrySumOfQuotients(numerators, denominators, 1, out var fast))
        {
            return fast;
        }

        var total = Zero;
        for (var i = 0; i < numerators.Length; i++)
        {
            total += Of((Int128)numerators[i], (Int128)denominators[i]);
        }

        return total;
    }

    /// <summary>
    /// The mean of <paramref name="values"/> (Σ ÷ count), exactly: a refined ADA is the mean of six period ADAs. When every
    /// value is in the small form it is <see cref="SumOfQuotients"/> of their numerators and denominators over count,
    /// reduced once; otherwise (or when that sum would leave 128 bits) the values are added one by one. Both give the
    /// same ratio: a ratio is always in lowest terms.
    /// </summary>
    /// <exception cref="DivideByZeroException"><paramref name="values"/> is empty.</exception>
    internal static Ratio MeanOf(ReadOnlySpan<Ratio> values)
    {
        const int MostOnTheStack = 16;
        if (values.Length is > 0 and <= MostOnTheStack)
        {
            Span<long> numerators = stackalloc long[values.Length];
            Span<long> denominators = stackalloc long[values.Length];
            var small = true;
            for (var i = 0; i < values.Length && small; i++)
            {
                small = values[i]._large is null;
                numerators[i] = values[i]._smallNumerator;
                denominators[i] = values[i].SmallDenominator;
            }

            if (small && TrySumOfQuotients(numerators, denominators, values.Length, out var mean))
            {
                return mean;
            }
        }

        var sum = Zero;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / FromInteger(values.Length);
    }

    /// <summary>
    /// Σ <paramref name="numerators"/>[i] / <paramref name="denominators"/>[i], divided by <paramref name="divisor"/>
    /// (1 to 2^20), over the least common multiple of the denominators, reduced once; false when that multiple leaves 63
    /// bits, a numerator leaves 40 bits, a denominator is not positive, or there are more than 2^20 terms (then a
    /// product or the sum could leave 128 bits).
    /// </summary>
    private static bool TrySumOfQuotients(ReadOnlySpan<long> numerators, ReadOnlySpan<long> denominators, int divisor, out Ratio sum)
    {
        const long NumeratorLimit = 1L << 40;
        const int TermLimit = 1 << 20;
        sum = default;
        if (numerators.Length > TermLimit || divisor is < 1 or > TermLimit)
        {
            return false;
        }

        ulong multiple = 1;
        for (var i = 0; i < denominators.Length; i++)
        {
            var d = denominators[i];
            var n = numerators[i];
            if (d <= 0 || n <= -NumeratorLimit || n >= NumeratorLimit)
            {
                return false;
            }

            if (multiple == (ulong)d)
            {
                // The common case: a period's records share one days taught.
                continue;
            }

            var factor = multiple == 1 ? (ulong)d : (ulong)d / GreatestCommonDivisor(multiple, (ulong)d);
            var high = Math.BigMul(multiple, factor, out var low);
            if (high != 0 || low > long.MaxValue)
            {
                return false;
            }

            multiple = low;
        }

        // |Σ| < 2^20 · 2^40 · 2^63 = 2^123, and the multiple times the divisor < 2^83: nothing leaves 128 bits.
        Int128 total = 0;
        for (var i = 0; i < numerators.Length; i++)
        {
            total += (Int128)numerators[i] * (long)(multiple / (ulong)denominators[i]);
        }

        sum = Of(total, (Int128)(long)multiple * divisor);
        return true;
    }

    /// <summary>A whole number.</summary>
    public static Ratio FromInteger(BigInteger value) => Of(value, BigInteger.One);

    /// <summary>A decimal, exactly.</summary>
    public static Ratio FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        // The three words are unsigned 32-bit digits stored in ints: reinterpret them, unchecked, as the decimal's layout means.
        var magnitude = new BigInteger(unchecked((uint)bits[0]))
            | (new BigInteger(unchecked((uint)bits[1])) << 32)
            | (new BigInteger(unchecked((uint)bits[2])) << 64);
        if (bits[3] < 0)
        {
            magnitude = -magnitude;
        }

        return Of(magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>The sum.</summary>
    public static Ratio operator +(Ratio left, Ratio right)
    {
        if (left._large is null && right._large is null)
        {
            // Over the least common denominator: every product is of two 63-bit values, so nothing overflows 128 bits.
            var ld = left.SmallDenominator;
            var rd = right.SmallDenominator;
            if (ld == rd)
            {
                return Of((Int128)left._smallNumerator + right._smallNumerator, ld);
            }

            var g = (long)GreatestCommonDivisor((ulong)ld, (ulong)rd);
            var lf = rd / g;
            var rf = ld / g;
            return Of(((Int128)left._smallNumerator * lf) + ((Int128)right._smallNumerator * rf), (Int128)ld * lf);
        }

        var (ln, lden) = left.Parts;
        var (rn, rden) = right.Parts;
        return lden == rden ? OfLarge(ln + rn, lden) : OfLarge((ln * rden) + (rn * lden), lden * rden);
    }

    /// <summary>The difference.</summary>
    public static Ratio operator -(Ratio left, Ratio right) => left + (-right);

    /// <summary>The negation.</summary>
    public static Ratio operator -(Ratio value) =>
        value._large is { } large ? new Ratio(new Large(-large.Numerator, large.Denominator)) : new Ratio(-value._smallNumerator, value.SmallDenominator);

    /// <summary>The product.</summary>
    public static Ratio operator *(Ratio left, Ratio right)
    {
        if (left._large is null && right._large is null)
        {
            return Of((Int128)left._smallNumerator * right._smallNumerator, (Int128)left.SmallDenominator * right.SmallDenominator);
        }

        var (ln, ld) = left.Parts;
        var (rn, rd) = right.Parts;
        return OfLarge(ln * rn, ld * rd);
    }

    /// <summary>The quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    public static Ratio operator /(Ratio left, Ratio right)
    {
        if (left._large is null && right._large is null)
        {
            return Of((Int128)left._smallNumerator * right.SmallDenominator, (Int128)left.SmallDenominator * right._smallNumerator);
        }

        var (ln, ld) = left.Parts;
        var (rn, rd) = right.Parts;
        return OfLarge(ln * rd, ld * rn);
    }

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
        if (_large is null && decimals <= 18 && Math.Abs(_smallNumerator) <= long.MaxValue / PowersOfTen[decimals])
        {
            // The scaled numerator fits 63 bits: the same rounding in 64-bit arithmetic.
            var scaled64 = _smallNumerator * PowersOfTen[decimals];
            var denominator64 = SmallDenominator;
            var (q64, rem64) = Math.DivRem(scaled64, denominator64);
            if (rem64 != 0)
            {
                // |rem| < denominator <= long.MaxValue: compare 2|rem| with the denominator without doubling.
                var magnitude = Math.Abs(rem64);
                var vsHalf = magnitude > denominator64 - magnitude ? 1 : magnitude == denominator64 - magnitude ? 0 : -1;
                if (AwayFromZero(mode, vsHalf, long.IsEvenInteger(q64), scaled64 < 0))
                {
                    q64 += scaled64 < 0 ? -1 : 1;
                }
            }

            var magnitude64 = (ulong)Math.Abs(q64);
            return new decimal(unchecked((int)(uint)magnitude64), unchecked((int)(uint)(magnitude64 >> 32)), 0, q64 < 0, (byte)decimals);
        }

        if (_large is null && decimals <= 18)
        {
            // 10^18 < 2^60 and |numerator| < 2^63: the scaled numerator fits 128 bits.
            var scaledSmall = (Int128)_smallNumerator * PowersOfTen[decimals];
            var denominatorSmall = (Int128)SmallDenominator;
            var quotientSmall = Int128.DivRem(scaledSmall, denominatorSmall);
            var q = quotientSmall.Quotient;
            var rem = quotientSmall.Remainder;
            if (rem != Int128.Zero)
            {
                var twice = (rem < 0 ? -rem : rem) * 2;
                var vsHalf = twice.CompareTo(denominatorSmall);
                if (AwayFromZero(mode, vsHalf, Int128.IsEvenInteger(q), scaledSmall < 0))
                {
                    q += scaledSmall < 0 ? -1 : 1;
                }
            }

            var negativeSmall = q < 0;
            var magnitudeSmall = (UInt128)(negativeSmall ? -q : q);
            if (magnitudeSmall >> 96 != UInt128.Zero)
            {
                throw new OverflowException("The value is too large for a decimal.");
            }

            return new decimal(
                unchecked((int)(uint)magnitudeSmall),
                unchecked((int)(uint)(magnitudeSmall >> 32)),
                unchecked((int)(uint)(magnitudeSmall >> 64)),
                negativeSmall,
                (byte)decimals);
        }

        var (numerator, denominator) = Parts;
        var scaled = numerator * BigInteger.Pow(10, decimals);
        var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            var negative = scaled.Sign < 0;
            var twice = BigInteger.Abs(remainder) * 2;
            var vsHalf = twice.CompareTo(denominator);
            if (AwayFromZero(mode, vsHalf, quotient.IsEven, negative))
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
        var (numerator, denominator) = Parts;
        var whole = BigInteger.Abs(numerator / denominator);
        var digits = whole.IsZero ? 0 : whole.ToString(CultureInfo.InvariantCulture).Length;
        var places = Math.Max(0, Math.Min(20, 27 - digits));
        return Round(places, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public bool Equals(Ratio other) =>
        _large is null
            ? other._large is null && _smallNumerator == other._smallNumerator && _smallDenominatorMinusOne == other._smallDenominatorMinusOne
            : other._large is not null && _large.Numerator == other._large.Numerator && _large.Denominator == other._large.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Ratio other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        _large is null ? HashCode.Combine(_smallNumerator, _smallDenominatorMinusOne) : HashCode.Combine(_large.Numerator, _large.Denominator);

    /// <inheritdoc />
    public int CompareTo(Ratio other)
    {
        if (_large is null && other._large is null)
        {
            return ((Int128)_smallNumerator * other.SmallDenominator).CompareTo((Int128)other._smallNumerator * SmallDenominator);
        }

        var (n, d) = Parts;
        var (on, od) = other.Parts;
        return (n * od).CompareTo(on * d);
    }

    /// <summary>The exact value as <c>numerator/denominator</c>, or the whole number alone.</summary>
    public override string ToString()
    {
        if (_large is null)
        {
            return _smallDenominatorMinusOne == 0
                ? _smallNumerator.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{_smallNumerator}/{SmallDenominator}");
        }

        return _large.Denominator.IsOne
            ? _large.Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{_large.Numerator}/{_large.Denominator}");
    }

    private (BigInteger Numerator, BigInteger Denominator) Parts =>
        _large is { } large ? (large.Numerator, large.Denominator) : (_smallNumerator, SmallDenominator);

    /// <summary>The big-integer way, for values outside the small form: reduce, then keep the small form if it fits.</summary>
    private static Ratio OfLarge(BigInteger numerator, BigInteger denominator)
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
        if (!gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        return numerator >= -long.MaxValue && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new Ratio((long)numerator, (long)denominator)
            : new Ratio(new Large(numerator, denominator));
    }

    private static bool AwayFromZero(MidpointRounding mode, int vsHalf, bool quotientIsEven, bool negative) => mode switch
    {
        MidpointRounding.AwayFromZero => vsHalf >= 0,
        MidpointRounding.ToEven => vsHalf > 0 || (vsHalf == 0 && !quotientIsEven),
        MidpointRounding.ToZero => false,
        MidpointRounding.ToNegativeInfinity => negative,
        MidpointRounding.ToPositiveInfinity => !negative,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown midpoint rounding."),
    };

    /// <summary>Binary (Stein's) greatest common divisor; gcd(0, b) = b.</summary>
    private static UInt128 GreatestCommonDivisor(UInt128 a, UInt128 b)
    {
        if (a == UInt128.Zero)
        {
            return b;
        }

        if (b == UInt128.Zero)
        {
            return a;
        }

        if ((ulong)(a >> 64) == 0 && (ulong)(b >> 64) == 0)
        {
            return GreatestCommonDivisor((ulong)a, (ulong)b);
        }

        var shift = (int)UInt128.TrailingZeroCount(a | b);
        a >>= (int)UInt128.TrailingZeroCount(a);
        do
        {
            b >>= (int)UInt128.TrailingZeroCount(b);
            if (a > b)
            {
                (a, b) = (b, a);
            }

            b -= a;
        }
        while (b != UInt128.Zero);

        return a << shift;
    }

    private static ulong GreatestCommonDivisor(ulong a, ulong b)
    {
        if (a == 0)
        {
            return b;
        }

        if (b == 0)
        {
            return a;
        }

        var shift = BitOperations.TrailingZeroCount(a | b);
        a >>= BitOperations.TrailingZeroCount(a);
        if ((a | b) <= long.MaxValue)
        {
            // Both below 2^63 (every caller but the 128-bit one): b - a is a signed 64-bit value, so the step "the smaller
            // stays, the other becomes the difference" is done with masks, not a branch the processor cannot predict
            // (the order of a and b flips at random from step to step).
            var x = (long)a;
            var y = (long)b;
            do
            {
                y >>= BitOperations.TrailingZeroCount(y);
                var difference = y - x;
                var negative = difference >> 63;
                x += difference & negative;
                y = (difference ^ negative) - negative;
            }
            while (y != 0);

            return (ulong)x << shift;
        }

        do
        {
            b >>= BitOperations.TrailingZeroCount(b);
            if (a > b)
            {
                (a, b) = (b, a);
            }

            b -= a;
        }
        while (b != 0);

        return a << shift;
    }

    private static readonly long[] PowersOfTen =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private static decimal ToDecimal(BigInteger scaledValue, int decimals)
    {
        var negative = scaledValue.Sign < 0;
        var magnitude = BigInteger.Abs(scaledValue);
        if (magnitude.GetBitLength() > 96)
        {
            throw new OverflowException("The value is too large for a decimal.");
        }

        // Each word is 32 bits of the magnitude reinterpreted as an int: the top bit is a digit bit, not a sign, so the
        // cast must not be checked (the project checks arithmetic overflow everywhere else).
        var lo = unchecked((int)(uint)(magnitude & uint.MaxValue));
        var mid = unchecked((int)(uint)((magnitude >> 32) & uint.MaxValue));
        var hi = unchecked((int)(uint)((magnitude >> 64) & uint.MaxValue));
        return new decimal(lo, mid, hi, negative, (byte)decimals);
    }

    /// <summary>A ratio outside the small form: numerator or denominator beyond 63 bits.</summary>
    private sealed class Large(BigInteger numerator, BigInteger denominator)
    {
        public BigInteger Numerator { get; } = numerator;

        public BigInteger Denominator { get; } = denominator;
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
