using NodaTime;
using NodaTime.Text;

namespace PeimsRules.Attendance.Daily;

/// <summary>Dates and times as messages and explanations write them: ISO <c>2024-08-19</c> and <c>09:30</c>.</summary>
internal static class DailyText
{
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern HourMinuteSecond = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Time(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0 ? HourMinute.Format(time) : HourMinuteSecond.Format(time);

    public static string Range(LocalDate start, LocalDate end) => start == end ? Date(start) : $"{Date(start)} to {Date(end)}";
}
