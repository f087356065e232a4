using System.Globalization;

namespace PeimsRules;

/// <summary>
/// A Texas school year, named as TEA and Ed-Fi name it: by the calendar year it ends in
/// (<c>2024</c> is the 2023-24 school year).
/// </summary>
/// <remarks>
/// Rules and parameters are chosen by the school year, never by the wall clock. Parses <c>2024</c>,
/// <c>2023-24</c> and <c>2023-2024</c>; prints the TEA code <c>2024</c> (see <see cref="DisplayName"/> for 2023-24).
/// </remarks>
public readonly record struct SchoolYear : IComparable<SchoolYear>
{
    /// <summary>The earliest school year this library accepts (1990-91, the first PEIMS year).</summary>
    public const int MinimumEndYear = 1991;

    /// <summary>The latest school year this library accepts.</summary>
    public const int MaximumEndYear = 2100;

    /// <summary>Creates the school year that ends in <paramref name="endYear"/>.</summary>
    /// <param name="endYear">The calendar year the school year ends in, 1991 to 2100.</param>
    /// <exception cref="PeimsCodeException">The year is outside 1991 to 2100.</exception>
    public SchoolYear(int endYear)
    {
        if (endYear is < MinimumEndYear or > MaximumEndYear)
        {
            throw new PeimsCodeException(
                TeaElements.SchoolYear,
                endYear.ToString(CultureInfo.InvariantCulture),
                $"a school year is named by the year it ends in, {MinimumEndYear} to {MaximumEndYear}.");
        }

        EndYear = endYear;
    }

    /// <summary>The calendar year the school year ends in (2024 for 2023-24).</summary>
    public int EndYear { get; }

    /// <summary>The calendar year the school year starts in (2023 for 2023-24).</summary>
    public int StartYear => EndYear - 1;

    /// <summary>The school year before this one.</summary>
    public SchoolYear Previous => new(EndYear - 1);

    /// <summary>The name people use, such as <c>2023-24</c>.</summary>
    public string DisplayName => string.Create(CultureInfo.InvariantCulture, $"{StartYear}-{EndYear % 100:00}");

    /// <summary>
    /// Parses <c>2024</c> (the TEA code), <c>2023-24</c> or <c>2023-2024</c>.
    /// </summary>
    /// <exception cref="PeimsCodeException">The text is none of those forms, or the two years do not follow each other.</exception>
    public static SchoolYear Parse(string? text)
    {
        if (TryParse(text, out var year))
        {
            return year;
        }

        throw new PeimsCodeException(
            TeaElements.SchoolYear,
            text,
            "write the year the school year ends in (2024), or both years (2023-24 or 2023-2024).");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out SchoolYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        int end;
        if (s.Length == 4 && AllDigits(s))
        {
            end = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if ((s.Length == 7 || s.Length == 9) && s[4] == '-' && AllDigits(s.AsSpan(0, 4)) && AllDigits(s.AsSpan(5)))
        {
            var start = int.Parse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            var second = int.Parse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
            end = start + 1;
            var expected = s.Length == 7 ? end % 100 : end;
            if (second != expected)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (end is < MinimumEndYear or > MaximumEndYear)
        {
            return false;
        }

        year = new SchoolYear(end);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(SchoolYear other) => EndYear.CompareTo(other.EndYear);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(SchoolYear left, SchoolYear right) => left.EndYear < right.EndYear;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(SchoolYear left, SchoolYear right) => left.EndYear > right.EndYear;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes before it.</summary>
    public static bool operator <=(SchoolYear left, SchoolYear right) => left.EndYear <= right.EndYear;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes after it.</summary>
    public static bool operator >=(SchoolYear left, SchoolYear right) => left.EndYear >= right.EndYear;

    /// <summary>The TEA code: the year the school year ends in, such as <c>2024</c>.</summary>
    public override string ToString() => EndYear.ToString(CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
