using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// One reporting period of a school calendar (an "attendance period" in a student information system): its number
/// (E0934) and its first and last dates.
/// </summary>
/// <remarks>
/// The Ed-Fi TX object logic reports attendance "from the Attendance Start Date through the Attendance End
/// Date" of each period, both dates included, and reports the period by its sequence in the year (the first six-week
/// period is 1). The days taught of the period (E0935) are the calendar's instructional days between the two dates;
/// see <see cref="SchoolCalendar.DaysTaught"/>.
/// </remarks>
public sealed record CalendarReportingPeriod
{
    /// <summary>Creates the period <paramref name="period"/>, from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>, or the dates are not ISO calendar dates.</exception>
    public CalendarReportingPeriod(ReportingPeriod period, LocalDate start, LocalDate end)
    {
        if (start.Calendar != CalendarSystem.Iso || end.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("Calendar dates are ISO (Gregorian) dates.", nameof(start));
        }

        if (end < start)
        {
            throw new ArgumentException($"Reporting period {period} ends on {DailyText.Date(end)}, before it starts on {DailyText.Date(start)}.", nameof(end));
        }

        Period = period;
        Dates = new DateInterval(start, end);
    }

    /// <summary>The reporting period (E0934), 1 to 6 for the refined ADA (7 to 9 for extended and additional days).</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The dates of the period, first and last included.</summary>
    public DateInterval Dates { get; }

    /// <summary>The first date of the period.</summary>
    public LocalDate Start => Dates.Start;

    /// <summary>The last date of the period (included).</summary>
    public LocalDate End => Dates.End;
}
