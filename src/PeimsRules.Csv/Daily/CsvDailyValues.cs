using NodaTime;
using NodaTime.Text;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// How the daily layouts write dates, times, flags and codes: ISO dates <c>2024-08-19</c>, 24-hour times <c>09:30</c>
/// (seconds optional, <c>09:30:00</c>), flags <c>Y</c>/<c>N</c> (also <c>1</c>/<c>0</c>, <c>true</c>/<c>false</c>; blank is no).
/// Every refusal is a <see cref="FormatException"/> whose message says what is allowed, which the row reader turns
/// into a problem with its line, column and value.
/// </summary>
internal static class CsvDailyValues
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern HourMinuteSecond = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    /// <summary>The first date a file may hold: the start of the first school year the rules know (1990-91).</summary>
    public static LocalDate FirstDate { get; } = new(SchoolYear.MinimumEndYear - 1, 1, 1);

    /// <summary>The last date a file may hold: the end of the last school year the rules know.</summary>
    public static LocalDate LastDate { get; } = new(SchoolYear.MaximumEndYear, 12, 31);

    public static LocalDate ParseDate(string text)
    {
        var result = Date.Parse(text.Trim());
        return result.Success ? InRange(result.Value) : throw new FormatException("dates are written yyyy-MM-dd, such as 2024-08-19.");
    }

    /// <summary>
    /// Refuses a date outside the school years the rules know, such as 9999-12-31 (a placeholder some systems write for
    /// "no end"): counting days up to it would run past the end of the calendar. A blank end date means "goes on".
    /// </summary>
    public static LocalDate InRange(LocalDate date) =>
        date >= FirstDate && date <= LastDate
            ? date
            : throw new FormatException($"the date is outside the school years the rules know ({FormatDate(FirstDate)} to {FormatDate(LastDate)}); leave an end date blank when it is not known.");

    public static LocalTime ParseTime(string text)
    {
        var s = text.Trim();
        var result = s.Length > 5 ? HourMinuteSecond.Parse(s) : HourMinute.Parse(s);
        return result.Success ? result.Value : throw new FormatException("times are written HH:mm on a 24-hour clock, such as 09:30 or 13:05.");
    }

    public static string FormatDate(LocalDate date) => Date.Format(date);

    public static string FormatTime(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0 ? HourMinute.Format(time) : HourMinuteSecond.Format(time);

    public static bool ParseFlag(string text) => text.Trim().ToUpperInvariant() switch
    {
        "Y" or "YES" or "1" or "TRUE" => true,
        "N" or "NO" or "0" or "FALSE" => false,
        _ => throw new FormatException("flags are Y or N (1 or 0, true or false are accepted); leave it blank for N."),
    };

    public static AttendanceMarkStatus ParseStatus(string text) => text.Trim().ToUpperInvariant() switch
    {
        "P" or "PRESENT" => AttendanceMarkStatus.Present,
        "A" or "ABSENT" => AttendanceMarkStatus.Absent,
        "F" or "PRESENTFORFUNDING" => AttendanceMarkStatus.PresentForFunding,
        _ => throw new FormatException("the status is P (present), A (absent) or F (present for funding, such as a school activity)."),
    };

    public static string FormatStatus(AttendanceMarkStatus status) => status switch
    {
        AttendanceMarkStatus.Present => "P",
        AttendanceMarkStatus.Absent => "A",
        _ => "F",
    };

    public static SpecialProgram ParseProgram(string text) => text.Trim().ToUpperInvariant() switch
    {
        "SPED" or "IEP" or "SPECIALEDUCATION" => SpecialProgram.SpecialEducation,
        "PRS" or "PREGNANCYRELATEDSERVICES" => SpecialProgram.PregnancyRelatedServices,
        "RF" or "RESIDENTIALFACILITY" => SpecialProgram.ResidentialFacility,
        _ => throw new FormatException("the program is SPED (special education IEP), PRS (pregnancy-related services) or RF (residential facility)."),
    };

    public static string FormatProgram(SpecialProgram program) => program switch
    {
        SpecialProgram.SpecialEducation => "SPED",
        SpecialProgram.PregnancyRelatedServices => "PRS",
        _ => "RF",
    };
}
