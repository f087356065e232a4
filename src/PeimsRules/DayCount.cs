using System.Globalization;

namespace PeimsRules;

/// <summary>
/// A number of days, exact to the half day: TEA business rules 42400-0005, -0006 and -0007 require the last
/// digit of days absent, ineligible and eligible days present to be 0 or 5 (pattern <c>###.#</c>), so day counts
/// are held as a whole number of half days and binary floating point never appears.
/// </summary>
/// <remarks>
/// Never negative. Parses <c>29</c>, <c>29.0</c>, <c>14.5</c> (and <c>14.50</c>); prints one decimal, <c>14.5</c>.
/// Sums of many records stay exact (64-bit half days).
/// </remarks>
public readonly record struct DayCount : IComparable<DayCount>
{
    private DayCount(long halfDays) => HalfDays = halfDays;

    /// <summary>No days.</summary>
    public static DayCount Zero => default;

    /// <summary>The count in half days (29.5 days is 59).</summary>
    public long HalfDays { get; }

    /// <summary>The count in days, exactly (a multiple of 0.5).</summary>
    public decimal Days => HalfDays / 2m;

    /// <summary>Whether the count is a whole number of days.</summary>
    public bool IsWholeDays => HalfDays % 2 == 0;

    /// <summary>The count of <paramref name="halfDays"/> half days.</summary>
    /// <exception cref="PeimsCodeException"><paramref name="halfDays"/> is negative.</exception>
    public static DayCount FromHalfDays(long halfDays)
    {
        if (halfDays < 0)
        {
            throw new PeimsCodeException("day count", (halfDays / 2m).ToString("0.0", CultureInfo.InvariantCulture), "a number of days cannot be negative.");
        }

        return new DayCount(halfDays);
    }

    /// <summary>The count of <paramref name="days"/> whole days.</summary>
    /// <exception cref="PeimsCodeException"><paramref name="days"/> is negative.</exception>
    public static DayCount FromDays(int days) => FromHalfDays(days * 2L);

    /// <summary>The count of <paramref name="days"/>, which must be a non-negative multiple of 0.5.</summary>
    /// <exception cref="PeimsCodeException"><paramref name="days"/> is negative or not a multiple of 0.5.</exception>
    public static DayCount FromDays(decimal days)
    {
        // Compared before doubling: doubling a decimal near decimal.MaxValue would overflow instead of being refused.
        var twice = days is < 0 or > long.MaxValue / 2 ? -1m : days * 2m;
        if (twice < 0 || twice != decimal.Truncate(twice))
        {
            throw new PeimsCodeException(
                "day count",
                days.ToString(CultureInfo.InvariantCulture),
                "days are counted in whole or half days (42400-0005/6/7: the last digit is 0 or 5), never negative.");
        }

        return new DayCount((long)twice);
    }

    /// <summary>
    /// Parses a day count written in days: digits with an optional decimal point, such as <c>29</c>, <c>29.0</c> or
    /// <c>14.5</c>. Signs, exponents, thousands separators and fractions other than .0 and .5 are refused.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="element">The element the count belongs to, for the error message.</param>
    /// <exception cref="PeimsCodeException">The text is not such a count.</exception>
    public static DayCount Parse(string? text, string element = "day count")
    {
        if (TryParse(text, out var count))
        {
            return count;
        }

        throw new PeimsCodeException(
            element,
            text,
            "days are written like 29.0 or 14.5: a non-negative number of whole or half days (42400-0005/6/7).");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out DayCount count)
    {
        count = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty || s.Length > 15)
        {
            return false;
        }

        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty)
        {
            return false;
        }

        long days = 0;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            days = (days * 10) + (c - '0');
        }

        var half = 0;
        for (var i = 0; i < fraction.Length; i++)
        {
            var c = fraction[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            if (i == 0 && c == '5')
            {
                half = 1;
            }
            else if (c != '0')
            {
                return false;
            }
        }

        count = new DayCount((days * 2) + half);
        return true;
    }

    /// <summary>The sum of two counts.</summary>
    public static DayCount operator +(DayCount left, DayCount right) => new(checked(left.HalfDays + right.HalfDays));

    /// <summary>Whether <paramref name="left"/> is fewer days than <paramref name="right"/>.</summary>
    public static bool operator <(DayCount left, DayCount right) => left.HalfDays < right.HalfDays;

    /// <summary>Whether <paramref name="left"/> is more days than <paramref name="right"/>.</summary>
    public static bool operator >(DayCount left, DayCount right) => left.HalfDays > right.HalfDays;

    /// <summary>Whether <paramref name="left"/> is no more days than <paramref name="right"/>.</summary>
    public static bool operator <=(DayCount left, DayCount right) => left.HalfDays <= right.HalfDays;

    /// <summary>Whether <paramref name="left"/> is no fewer days than <paramref name="right"/>.</summary>
    public static bool operator >=(DayCount left, DayCount right) => left.HalfDays >= right.HalfDays;

    /// <inheritdoc />
    public int CompareTo(DayCount other) => HalfDays.CompareTo(other.HalfDays);

    /// <summary>The count with one decimal, as TEA writes it: <c>29.0</c>, <c>14.5</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{HalfDays / 2}.{(HalfDays % 2 == 0 ? '0' : '5')}");
}
