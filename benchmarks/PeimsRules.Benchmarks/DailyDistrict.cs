using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>The daily inputs of one generated district (see <see cref="DailyDistrictGenerator"/>).</summary>
/// <param name="Calendars">The campus calendars.</param>
/// <param name="Enrollments">The enrollments.</param>
/// <param name="Marks">The attendance marks, held compactly as the readers of daily attendance give them (the builder reads them without a copy).</param>
/// <param name="Programs">The program participations.</param>
public sealed record DailyDistrict(
    IReadOnlyList<SchoolCalendar> Calendars,
    IReadOnlyList<StudentEnrollment> Enrollments,
    DailyAttendanceMarks Marks,
    IReadOnlyList<ProgramParticipation> Programs);
