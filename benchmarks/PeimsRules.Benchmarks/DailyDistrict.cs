using System.Collections.Immutable;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>The daily inputs of one generated district (see <see cref="DailyDistrictGenerator"/>).</summary>
/// <param name="Calendars">The campus calendars.</param>
/// <param name="Enrollments">The enrollments.</param>
/// <param name="Marks">The attendance marks, as an immutable array the builder keeps without a copy.</param>
/// <param name="Programs">The program participations.</param>
public sealed record DailyDistrict(
    IReadOnlyList<SchoolCalendar> Calendars,
    IReadOnlyList<StudentEnrollment> Enrollments,
    ImmutableArray<DailyAttendanceMark> Marks,
    IReadOnlyList<ProgramParticipation> Programs);
