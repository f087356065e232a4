using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The checks between the daily files, with the file and line of each problem: every enrollment names a calendar of
/// its campus that the calendars file gives, and no two enrollments of a student at one campus cover the same day.
/// <c>periods</c> and <c>chronic</c> run them both before they use the files, so that a repeated or overlapping
/// enrollment is refused the same way whatever is computed from it.
/// </summary>
public static class DailyAttendanceFiles
{
    /// <summary>The problems between the calendars and the enrollments (read without problems of their own, or with them).</summary>
    /// <param name="calendars">The calendars file as read.</param>
    /// <param name="calendarsFile">The calendars file's name, for the messages.</param>
    /// <param name="enrollments">The enrollments file as read.</param>
    /// <param name="enrollmentsFile">The enrollments file's name, for the messages.</param>
    /// <param name="withdrawal">What a withdrawal date means (it decides whether two enrollments touch or overlap).</param>
    /// <returns>Every problem, in the enrollment file's line order; empty when the files agree.</returns>
    public static IReadOnlyList<CsvProblem> Check(
        CsvReadResult<SchoolCalendar> calendars,
        string calendarsFile,
        CsvReadResult<StudentEnrollment> enrollments,
        string enrollmentsFile,
        WithdrawalDateMeaning withdrawal = WithdrawalDateMeaning.FirstDayNotEnrolled)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(calendarsFile);
        ArgumentNullException.ThrowIfNull(enrollmentsFile);
        var problems = new List<CsvProblem>();
        var known = calendars.Records.Select(c => (c.Campus, c.CalendarCode)).ToHashSet();
        var calendarRowsRejected = calendars.Problems.Count > 0;
        var rows = enrollments.Records.Select((e, i) => (Enrollment: e, Line: enrollments.RecordLines[i])).ToList();
        foreach (var (e, line) in rows)
        {
            if (!known.Contains((e.Campus, e.CalendarCode)))
            {
                problems.Add(new CsvProblem(enrollmentsFile, line, StudentEnrollmentCsv.CalendarCode.Name, e.CalendarCode,
                    $"the enrollment names calendar {e.CalendarCode}, which campus {e.Campus} does not have in {calendarsFile}{(calendarRowsRejected ? " (among the calendars that could be read)" : string.Empty)}: its days cannot be placed on a calendar.",
                    CsvProblemKind.InconsistentRecord));
            }
        }

        foreach (var group in rows.GroupBy(r => (r.Enrollment.Student, r.Enrollment.Campus)))
        {
            var ordered = group.OrderBy(r => r.Enrollment.EntryDate).ThenBy(r => r.Line).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var a = ordered[i];
                var aEnd = a.Enrollment.EndExclusive(withdrawal);
                if (aEnd is { } ae && ae <= a.Enrollment.EntryDate)
                {
                    continue;
                }

                for (var j = i + 1; j < ordered.Count && (aEnd is null || ordered[j].Enrollment.EntryDate < aEnd); j++)
                {
                    var b = ordered[j];
                    if (b.Enrollment.EndExclusive(withdrawal) is { } be && be <= b.Enrollment.EntryDate)
                    {
                        continue;
                    }

                    var (earlier, later) = a.Line < b.Line ? (a, b) : (b, a);
                    problems.Add(new CsvProblem(enrollmentsFile, later.Line, StudentEnrollmentCsv.EntryDate.Name, CsvDailyValues.FormatDate(later.Enrollment.EntryDate),
                        $"this enrollment of student {later.Enrollment.Student} at campus {later.Enrollment.Campus} covers days that the enrollment on line {earlier.Line} also covers: a day's mark cannot be given to both. Correct the dates (a change is a new row entering on the previous row's withdrawal date).",
                        CsvProblemKind.InconsistentRecord));
                }
            }
        }

        return [.. problems.OrderBy(p => p.Line)];
    }
}
