using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// Dates as whole day numbers (days since 1970-01-01), for the builder's inner loops: one subtraction instead of a
/// calendar computation per comparison. Every date the daily types hold is an ISO date (their constructors check it).
/// </summary>
internal static class DayNumber
{
    /// <summary>The day number of an ISO <paramref name="date"/> (days from civil, proleptic Gregorian).</summary>
    public static int Of(LocalDate date)
    {
        int y = date.Year, m = date.Month, d = date.Day;
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    /// <summary>The day number of an optional date, or <see cref="int.MaxValue"/> (never) when there is none.</summary>
    public static int OfOrNever(LocalDate? date) => date is { } d ? Of(d) : int.MaxValue;
}
