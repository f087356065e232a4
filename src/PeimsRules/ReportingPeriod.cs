using System.Globalization;

namespace PeimsRules;

/// <summary>
/// A reporting period (E0934, code table C130): 1 to 6 are the six reporting periods of the year on every
/// instructional track; 7 and 8 are extended school year and 9 is the additional days school year.
/// </summary>
/// <remarks>
/// Only periods 1 to 6 enter the refined ADA. 7 to 9 parse, so files that carry them can be read, and
/// <see cref="IsRefinedAdaPeriod"/> tells them apart. Source: TEA data standards, C130; Student Attendance
/// Accounting Handbook (six reporting periods per track whatever the local grading calendar).
/// </remarks>
public readonly record struct ReportingPeriod : IComparable<ReportingPeriod>
{
    /// <summary>Creates reporting period <paramref name="number"/>.</summary>
    /// <param name="number">1 to 9.</param>
    /// <exception cref="PeimsCodeException">The number is outside 1 to 9.</exception>
    public ReportingPeriod(int number)
    {
        if (number is < 1 or > 9)
        {
            throw new PeimsCodeException(
                TeaElements.ReportingPeriod,
                number.ToString(CultureInfo.InvariantCulture),
                "reporting periods are 1 to 6 (7 and 8 extended school year, 9 additional days school year).");
        }

        Number = number;
    }

    /// <summary>The period number, 1 to 9.</summary>
    public int Number { get; }

    /// <summary>Whether this is one of the six periods of the refined ADA (1 to 6).</summary>
    public bool IsRefinedAdaPeriod => Number is >= 1 and <= 6;

    /// <summary>The six reporting periods of the refined ADA, in order.</summary>
    public static IReadOnlyList<ReportingPeriod> SixPeriods { get; } =
        [new(1), new(2), new(3), new(4), new(5), new(6)];

    /// <summary>Parses the C130 code, <c>1</c> to <c>9</c> (a leading zero, as in <c>01</c>, is accepted).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static ReportingPeriod Parse(string? text)
    {
        if (TryParse(text, out var period))
        {
            return period;
        }

        throw new PeimsCodeException(
            TeaElements.ReportingPeriod,
            text,
            "reporting periods are 1 to 6 (7 and 8 extended school year, 9 additional days school year).");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        var s = text?.Trim();
        if (s is null || s.Length is < 1 or > 2)
        {
            return false;
        }

        if (s.Length == 2 && s[0] != '0')
        {
            return false;
        }

        var c = s[^1];
        if (c is < '1' or > '9')
        {
            return false;
        }

        period = new ReportingPeriod(c - '0');
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(ReportingPeriod other) => Number.CompareTo(other.Number);

    /// <summary>The C130 code, such as <c>1</c>.</summary>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);
}
