using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The small school an auditor can follow by hand. School year 2024-25, district 101912, campuses Elm (101912001) and
/// Oak (101912002). Each calendar has six reporting periods of one week, Monday to Friday:
/// <code>
/// period 1  Mon 2024-08-19 .. Fri 2024-08-23   5 days taught
/// period 2  Mon 2024-08-26 .. Fri 2024-08-30   5 days taught
/// period 3  Mon 2024-09-02 .. Fri 2024-09-06   4 days taught (Mon 09-02 is Labor Day, no school)
/// period 4  Mon 2024-09-09 .. Fri 2024-09-13   5 days taught
/// period 5  Mon 2024-09-16 .. Fri 2024-09-20   5 days taught
/// period 6  Mon 2024-09-23 .. Fri 2024-09-27   5 days taught
/// </code>
/// The school day has three class periods: 1 at 08:00-08:50, 2 at 09:00-09:50, 3 at 10:00-10:50. The official
/// attendance snapshot is at 09:30, so class period 2 decides each day.
/// <para>
/// A week of marks is written as five letters, Monday to Friday:
/// <c>P</c> present all day; <c>A</c> absent in period 2 only (absent at the snapshot); <c>a</c> absent in periods 1 and 3
/// but present in 2; <c>F</c> present for funding in period 2 (a school activity); <c>n</c> marks in periods 1 and 3
/// only (none at the snapshot); <c>X</c> present in period 2 and absent in an overlapping make-up period 09:15-09:45;
/// <c>-</c> no marks.
/// </para>
/// </summary>
internal static class SixWeeks
{
    public static readonly SchoolYear Year = new(2025);
    public static readonly CampusId Elm = CampusId.Parse("101912001");
    public static readonly CampusId Oak = CampusId.Parse("101912002");
    public static readonly LocalTime Snapshot = new(9, 30);
    public static readonly LocalDate LaborDay = D(9, 2);

    public static ReportingPeriod P(int number) => new(number);

    public static LocalDate D(int month, int day) => new(2024, month, day);

    /// <summary>The Monday of reporting period <paramref name="period"/>.</summary>
    public static LocalDate Monday(int period) => D(8, 19).PlusWeeks(period - 1);

    public static StudentId S(string id) => StudentId.Parse(id);

    public static IEnumerable<LocalDate> SchoolDays() =>
        Enumerable.Range(1, 6).SelectMany(p => Enumerable.Range(0, 5).Select(d => Monday(p).PlusDays(d))).Where(d => d != LaborDay);

    public static SchoolCalendar Calendar(
        CampusId? campus = null,
        string code = "REG",
        int order = 0,
        LocalTime? snapshot = null,
        IEnumerable<DateInterval>? excludedRanges = null,
        bool excludedCalendar = false,
        bool excludedCampus = false) =>
        new(
            Year,
            campus ?? Elm,
            code,
            order,
            snapshot ?? Snapshot,
            SchoolDays(),
            Enumerable.Range(1, 6).Select(p => new CalendarReportingPeriod(P(p), Monday(p), Monday(p).PlusDays(4))),
            excludedRanges,
            excludedCalendar,
            excludedCampus);

    public static StudentEnrollment Enroll(
        string student,
        LocalDate entry,
        LocalDate? withdrawal = null,
        string grade = "03",
        int code = 1,
        CampusId? campus = null,
        string calendar = "REG",
        IEnumerable<AdaEligibilityChange>? changes = null,
        bool noShow = false,
        bool stateExclude = false,
        string economic = "00",
        string bilingual = "0",
        string? funding = null) =>
        new(
            S(student),
            campus ?? Elm,
            calendar,
            GradeLevel.Parse(grade),
            entry,
            withdrawal,
            AdaEligibility.FromCode(code),
            changes,
            noShow,
            stateExclude,
            EconomicDisadvantage.Parse(economic),
            EmergentBilingual.Parse(bilingual),
            funding is null ? null : BilingualEslFunding.Parse(funding));

    /// <summary>A week of marks from <paramref name="monday"/>, one letter a day (see the class summary).</summary>
    public static IEnumerable<DailyAttendanceMark> Week(string student, LocalDate monday, string pattern, CampusId? campus = null)
    {
        var marks = new List<DailyAttendanceMark>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var day = monday.PlusDays(i);
            marks.AddRange(DayMarks(S(student), campus ?? Elm, day, pattern[i]));
        }

        return marks;
    }

    public static IEnumerable<DailyAttendanceMark> DayMarks(StudentId student, CampusId campus, LocalDate day, char letter)
    {
        var present = AttendanceMarkStatus.Present;
        var absent = AttendanceMarkStatus.Absent;
        return letter switch
        {
            'P' => [Mark(student, campus, day, 1, present), Mark(student, campus, day, 2, present), Mark(student, campus, day, 3, present)],
            'A' => [Mark(student, campus, day, 1, present), Mark(student, campus, day, 2, absent), Mark(student, campus, day, 3, present)],
            'a' => [Mark(student, campus, day, 1, absent), Mark(student, campus, day, 2, present), Mark(student, campus, day, 3, absent)],
            'F' => [Mark(student, campus, day, 1, present), Mark(student, campus, day, 2, AttendanceMarkStatus.PresentForFunding), Mark(student, campus, day, 3, present)],
            'n' => [Mark(student, campus, day, 1, present), Mark(student, campus, day, 3, present)],
            'X' => [Mark(student, campus, day, 2, present), new DailyAttendanceMark(student, campus, day, new LocalTime(9, 15), new LocalTime(9, 45), absent, "makeup")],
            '-' => [],
            _ => throw new ArgumentException($"Unknown day letter {letter}."),
        };
    }

    public static DailyAttendanceMark Mark(StudentId student, CampusId campus, LocalDate day, int classPeriod, AttendanceMarkStatus status) =>
        new(student, campus, day, new LocalTime(7 + classPeriod, 0), new LocalTime(7 + classPeriod, 50), status, classPeriod.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static PeriodAttendanceBuild Build(
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<SchoolCalendar>? calendars = null,
        IEnumerable<ProgramParticipation>? programs = null,
        DailyBuildOptions? options = null) =>
        PeriodAttendanceBuilder.Build(calendars ?? [Calendar()], enrollments, marks, programs, options);

    /// <summary>A record's day counts as TEA writes them: eligible present / ineligible present / absent, of days taught.</summary>
    public static string Counts(BasicReportingPeriodAttendance r) =>
        $"{r.EligibleDaysPresent} / {r.IneligibleDaysPresent} / {r.DaysAbsent} of {r.NumberDaysTaught}";
}
