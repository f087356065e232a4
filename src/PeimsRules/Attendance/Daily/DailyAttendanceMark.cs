using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>What a class-period attendance mark says about the student.</summary>
public enum AttendanceMarkStatus
{
    /// <summary>Present in the class period.</summary>
    Present = 0,

    /// <summary>Absent from the class period.</summary>
    Absent = 1,

    /// <summary>
    /// Not in the classroom but counted present for funding, under a local code the district maps to it (a
    /// school-sponsored activity, for example, is not an absence). Counted as <see cref="Present"/>.
    /// </summary>
    PresentForFunding = 2,
}

/// <summary>
/// One attendance mark: a student's status in one class period of one day at one campus, with the period's start
/// and end times, so that the snapshot rule can find the mark that decides the day.
/// </summary>
/// <remarks>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: the mark in the class period that holds the campus's attendance snapshot time decides whether the
/// student is present or absent that day; marks in any other period do not count. A period holds the snapshot time
/// when it starts at or before it and ends after it (<see cref="Holds"/>): a period from 09:00 to 09:50 holds 09:00
/// and 09:49, not 09:50, so two back-to-back periods never both hold it.
/// </remarks>
public readonly record struct DailyAttendanceMark
{
    /// <summary>Creates a mark.</summary>
    /// <param name="student">The student.</param>
    /// <param name="campus">The campus where the mark was taken.</param>
    /// <param name="date">The school day.</param>
    /// <param name="start">When the class period starts.</param>
    /// <param name="end">When the class period ends; after <paramref name="start"/>.</param>
    /// <param name="status">Present, absent, or present for funding.</param>
    /// <param name="classPeriod">The class period's local name (such as <c>2</c> or <c>ADV</c>), for explanations.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>, or the status is unknown.</exception>
    public DailyAttendanceMark(
        StudentId student,
        CampusId campus,
        LocalDate date,
        LocalTime start,
        LocalTime end,
        AttendanceMarkStatus status,
        string? classPeriod = null)
    {
        if (end <= start)
        {
            throw new ArgumentException($"A class period ends after it starts; {DailyText.Time(start)} to {DailyText.Time(end)} does not.", nameof(end));
        }

        if (!Enum.IsDefined(status))
        {
            throw new ArgumentException($"Unknown attendance mark status {(int)status}.", nameof(status));
        }

        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("Attendance dates are ISO (Gregorian) dates.", nameof(date));
        }

        Student = student;
        Campus = campus;
        Date = date;
        Start = start;
        End = end;
        Status = status;
        ClassPeriod = classPeriod;
    }

    /// <summary>The student.</summary>
    public StudentId Student { get; }

    /// <summary>The campus where the mark was taken.</summary>
    public CampusId Campus { get; }

    /// <summary>The school day.</summary>
    public LocalDate Date { get; }

    /// <summary>When the class period starts.</summary>
    public LocalTime Start { get; }

    /// <summary>When the class period ends.</summary>
    public LocalTime End { get; }

    /// <summary>Present, absent, or present for funding.</summary>
    public AttendanceMarkStatus Status { get; }

    /// <summary>The class period's local name, if given.</summary>
    public string? ClassPeriod { get; }

    /// <summary>Whether the mark counts the student present (<see cref="AttendanceMarkStatus.Present"/> or <see cref="AttendanceMarkStatus.PresentForFunding"/>).</summary>
    public bool IsPresent => Status != AttendanceMarkStatus.Absent;

    /// <summary>Whether the class period holds <paramref name="time"/>: it starts at or before it and ends after it.</summary>
    public bool Holds(LocalTime time) => Start <= time && time < End;

    /// <summary>The mark as an explanation writes it: <c>absent in period 2 (09:00-09:50)</c>.</summary>
    public override string ToString()
    {
        var status = Status switch
        {
            AttendanceMarkStatus.Present => "present",
            AttendanceMarkStatus.Absent => "absent",
            _ => "present for funding",
        };
        var period = ClassPeriod is null ? "the class period" : $"period {ClassPeriod}";
        return $"{status} in {period} ({DailyText.Time(Start)}-{DailyText.Time(End)})";
    }
}
