namespace PeimsRules.Accountability;

/// <summary>
/// One piece of a student's attendance at one campus that a chronic-absence definition sums: a reporting-period record
/// (built from period data) or one enrollment (built from daily data). The definition's attribution decides which
/// spans are summed together before the test (EDFacts FS195 as a student information system implements it: several enrollments in one school are summed first).
/// </summary>
/// <remarks>
/// Days are exact half days (<see cref="DayCount"/>): a half-day record (ADA eligibility codes 2, 5, 6) already reports
/// its membership and absences in half days (Ed-Fi Texas v4.0 reporting-period attendance object logic), so it adds half days here. Minutes are whole minutes.
/// </remarks>
public sealed record ChronicAbsenceSpan
{
    /// <summary>Creates a span, checking that it is consistent.</summary>
    /// <param name="student">The student.</param>
    /// <param name="campus">The campus.</param>
    /// <param name="grade">The grade level of the span.</param>
    /// <param name="daysEnrolled">The days the student was enrolled (in membership) in the span.</param>
    /// <param name="daysAbsent">The days absent in the span; no more than <paramref name="daysEnrolled"/>.</param>
    /// <param name="calendarDays">The attendance days of the span's calendar in the year, when known (the federal short-calendar exclusion, TEA's 83% test).</param>
    /// <param name="scheduledMinutes">The instructional minutes scheduled over the span, when built from daily marks.</param>
    /// <param name="absentMinutes">The instructional minutes missed over the span, when built from daily marks; no more than <paramref name="scheduledMinutes"/>.</param>
    /// <param name="isNoShow">Whether the enrollment is marked no show.</param>
    /// <param name="isSameDayEnrollment">Whether the enrollment starts and ends on the same day.</param>
    /// <param name="source">Where the span comes from, for explanations (such as <c>period 3 record, track 00, code 1</c>).</param>
    /// <exception cref="ArgumentException">Days absent exceed days enrolled, only one of the two minute counts is given, or absent minutes exceed scheduled minutes.</exception>
    public ChronicAbsenceSpan(
        StudentId student,
        CampusId campus,
        GradeLevel grade,
        DayCount daysEnrolled,
        DayCount daysAbsent,
        DayCount? calendarDays = null,
        long? scheduledMinutes = null,
        long? absentMinutes = null,
        bool isNoShow = false,
        bool isSameDayEnrollment = false,
        string? source = null)
    {
        if (daysAbsent > daysEnrolled)
        {
            throw new ArgumentException($"Student {student} at campus {campus}: {daysAbsent} days absent exceed {daysEnrolled} days enrolled.", nameof(daysAbsent));
        }

        if (scheduledMinutes.HasValue != absentMinutes.HasValue)
        {
            throw new ArgumentException("Scheduled and absent minutes are given together or not at all.", nameof(absentMinutes));
        }

        if (scheduledMinutes is < 0 || absentMinutes is < 0 || absentMinutes > scheduledMinutes)
        {
            throw new ArgumentException($"Student {student} at campus {campus}: absent minutes {absentMinutes} must be between 0 and the {scheduledMinutes} scheduled.", nameof(absentMinutes));
        }

        Student = student;
        Campus = campus;
        Grade = grade;
        DaysEnrolled = daysEnrolled;
        DaysAbsent = daysAbsent;
        CalendarDays = calendarDays;
        ScheduledMinutes = scheduledMinutes;
        AbsentMinutes = absentMinutes;
        IsNoShow = isNoShow;
        IsSameDayEnrollment = isSameDayEnrollment;
        Source = source ?? string.Empty;
    }

    /// <summary>The student.</summary>
    public StudentId Student { get; }

    /// <summary>The campus.</summary>
    public CampusId Campus { get; }

    /// <summary>The campus's district.</summary>
    public DistrictId District => Campus.District;

    /// <summary>The grade level of the span.</summary>
    public GradeLevel Grade { get; }

    /// <summary>The days enrolled (in membership).</summary>
    public DayCount DaysEnrolled { get; }

    /// <summary>The days absent.</summary>
    public DayCount DaysAbsent { get; }

    /// <summary>The attendance days of the span's calendar in the year, or <see langword="null"/> when unknown.</summary>
    public DayCount? CalendarDays { get; }

    /// <summary>The instructional minutes scheduled, or <see langword="null"/> when the span was not built from daily marks.</summary>
    public long? ScheduledMinutes { get; }

    /// <summary>The instructional minutes missed (absent marks only: a school-related activity is not an absence), or <see langword="null"/>.</summary>
    public long? AbsentMinutes { get; }

    /// <summary>Whether the enrollment is marked no show.</summary>
    public bool IsNoShow { get; }

    /// <summary>Whether the enrollment starts and ends on the same day.</summary>
    public bool IsSameDayEnrollment { get; }

    /// <summary>Where the span comes from, for explanations.</summary>
    public string Source { get; }
}
