namespace PeimsRules.Attendance.Daily;

/// <summary>
/// Why a day of a student's enrollment is left out of the period records. Every day that does not count is left out
/// for one of these reasons; when several apply, the first in this list is named (campus, then calendar, then
/// enrollment, then the day, then the student's code and programs, then the marks).
/// </summary>
/// <remarks>The rules are those of the Ed-Fi TX reporting-period attendance object logic unless noted.</remarks>
public enum DayExclusionReason
{
    /// <summary>The date is not an instructional day of the calendar (a mark was taken on it, but it has no days taught).</summary>
    NotInstructionalDay = 0,

    /// <summary>The student has no enrollment on this calendar that covers the date.</summary>
    NotEnrolled = 1,

    /// <summary>The campus's exclude box is checked: no record is sent from the school.</summary>
    CampusExcluded = 2,

    /// <summary>The calendar's exclude box is checked: no record is sent from the calendar.</summary>
    CalendarExcluded = 3,

    /// <summary>The enrollment is marked state exclude: no record is sent from it.</summary>
    StateExcludeEnrollment = 4,

    /// <summary>The enrollment is marked no show: no record is sent from it.</summary>
    NoShowEnrollment = 5,

    /// <summary>The date falls between an exclude start date and exclude end date of the calendar: its attendance and membership are left out.</summary>
    ExcludedDateRange = 6,

    /// <summary>ADA eligibility code 0 (enrolled, not in membership) is in force: the day counts for nothing.</summary>
    AdaCodeZero = 7,

    /// <summary>
    /// ADA eligibility code 7 or 8 (flexible attendance program) is in force: such days are counted in minutes and
    /// reported as flexible attendance, not as daily reporting-period attendance.
    /// </summary>
    FlexibleAttendanceProgram = 8,

    /// <summary>The student is in grade EE and no IEP overlaps the date: EE attendance counts only where an IEP does.</summary>
    EarlyEducationWithoutIep = 9,

    /// <summary>No attendance mark holds the campus's snapshot time that day, so the day is neither present nor absent.</summary>
    NoSnapshotMark = 10,

    /// <summary>Marks that hold the snapshot time disagree (one present, one absent): the day cannot be decided.</summary>
    ConflictingSnapshotMarks = 11,
}
