using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// What <see cref="PeriodAttendanceBuilder.Build"/> produced: the 42400 period records, the special-programs days beside
/// them, the marks that fell on no enrollment, the days left out by reason, and, for any student and period, the
/// day-by-day explanation.
/// </summary>
public sealed class PeriodAttendanceBuild
{
    private readonly DailyIndex _index;

    internal PeriodAttendanceBuild(
        DailyIndex index,
        IReadOnlyList<BasicReportingPeriodAttendance> records,
        IReadOnlyList<SpecialProgramsAttendancePeriod> specialProgramRecords,
        IReadOnlyList<DailyAttendanceMark> unmatchedMarks,
        IReadOnlyList<DailyAttendanceMark> marksOnNonInstructionalDays,
        IReadOnlyDictionary<DayExclusionReason, long> leftOutDays,
        long daysCountedPresentWithoutMark)
    {
        MarksOnNonInstructionalDays = marksOnNonInstructionalDays;
        DaysCountedPresentWithoutMark = daysCountedPresentWithoutMark;
        _index = index;
        Records = records;
        SpecialProgramRecords = specialProgramRecords;
        UnmatchedMarks = unmatchedMarks;
        LeftOutDays = leftOutDays;
    }

    /// <summary>The school year of the calendars, or <see langword="null"/> when no calendar was given.</summary>
    public SchoolYear? SchoolYear => _index.SchoolYear;

    /// <summary>The options the build used.</summary>
    public DailyBuildOptions Options => _index.Options;

    /// <summary>
    /// The period records (TSDS 42400), one per student, campus, grade, track and reporting period (the key of TEA
    /// business rule 42400-000A) with at least one counted day; by student id, then period, campus, grade and track.
    /// </summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; }

    /// <summary>The special-programs days of the records that have any, in the order of <see cref="Records"/>.</summary>
    public IReadOnlyList<SpecialProgramsAttendancePeriod> SpecialProgramRecords { get; }

    /// <summary>
    /// The marks that no enrollment covers (no enrollment of the student at the mark's campus on its date): counted
    /// nowhere, and listed here so that none goes unnoticed. By student, campus, date and time.
    /// </summary>
    public IReadOnlyList<DailyAttendanceMark> UnmatchedMarks { get; }

    /// <summary>
    /// The marks on a date the student's enrollment covers but the calendar does not teach (a weekend, a holiday, a date
    /// outside every reporting period): counted nowhere, and listed so that a wrong calendar or a wrong date is seen.
    /// By student, campus, date and time.
    /// </summary>
    public IReadOnlyList<DailyAttendanceMark> MarksOnNonInstructionalDays { get; }

    /// <summary>
    /// How many enrolled instructional days of reporting periods were left out, by reason (reasons with none are
    /// absent). Days outside every enrollment are not counted here; <see cref="Explain"/> lists them.
    /// </summary>
    public IReadOnlyDictionary<DayExclusionReason, long> LeftOutDays { get; }

    /// <summary>
    /// How many counted days had no mark at the snapshot time and were counted present because
    /// <see cref="DailyBuildOptions.NoSnapshotMark"/> is <see cref="NoSnapshotMarkRule.CountPresent"/> (negative
    /// attendance: absences only are recorded). Zero under <see cref="NoSnapshotMarkRule.LeaveDayOut"/>.
    /// </summary>
    public long DaysCountedPresentWithoutMark { get; }

    /// <summary>The students with at least one enrollment, in id order.</summary>
    public IReadOnlyList<StudentId> Students => Array.AsReadOnly(_index.Students);

    /// <summary>
    /// Every day of <paramref name="period"/> for <paramref name="student"/>, on each calendar the student has an
    /// enrollment on: the calendar's instructional days in the period, and any other date of the period with a mark of
    /// the student at the campus. Each line says whether the day counted, what it added, or why it was left out. By
    /// date, then campus and calendar. Empty when the student has no enrollment.
    /// </summary>
    public IReadOnlyList<DayExplanation> Explain(StudentId student, ReportingPeriod period)
    {
        if (!_index.TryFind(student, out var s))
        {
            return [];
        }

        var marks = _index.Marks;
        var studentMarks = _index.MarksOf(s).ToArray();
        var programs = _index.Programs[s];
        var enrollments = _index.Enrollments[s];
        var lines = new List<DayExplanation>();
        foreach (var entry in enrollments.Select(e => e.Calendar).Distinct())
        {
            var calendar = entry.Calendar;
            if (calendar.FindPeriod(period) is not { } calendarPeriod)
            {
                continue;
            }

            var onCalendar = enrollments.Where(e => e.Calendar == entry).ToList();
            var markDays = studentMarks.Where(m => marks[m].Campus == calendar.Campus && calendarPeriod.Dates.Contains(marks[m].Date)).ToLookup(m => marks[m].Date);
            var dates = calendar.InstructionalDaysOf(period).Concat(markDays.Select(g => g.Key)).Distinct().Order();
            foreach (var date in dates)
            {
                lines.Add(ExplainDay(entry, onCalendar, date, period, markDays[date], programs));
            }
        }

        return [.. lines.OrderBy(l => l.Date).ThenBy(l => l.Campus).ThenBy(l => l.CalendarCode, StringComparer.Ordinal)];
    }

    private DayExplanation ExplainDay(
        CalendarEntry entry,
        List<PreparedEnrollment> onCalendar,
        LocalDate date,
        ReportingPeriod period,
        IEnumerable<int> markIndices,
        PreparedProgram[] programs)
    {
        var calendar = entry.Calendar;
        var marks = _index.Marks;
        var day = DayNumber.Of(date);
        var prepared = onCalendar.FirstOrDefault(e => e.Covers(day));
        var enrollment = prepared?.Enrollment;
        var snapshot = DayRules.NoMark;
        foreach (var m in markIndices)
        {
            if (marks[m].Holds(calendar.AttendanceSnapshotTime))
            {
                snapshot = DayRules.Combine(snapshot, m, marks);
            }
        }

        DailyAttendanceMark? shown = snapshot >= 0 ? marks[snapshot] : null;
        if (!calendar.IsInstructionalDay(date))
        {
            return LeftOut(DayExclusionReason.NotInstructionalDay, enrollment, enrollment?.AdaEligibilityOn(date), shown, DayRules.Describe(DayExclusionReason.NotInstructionalDay));
        }

        if (enrollment is null)
        {
            var detail = DayRules.Describe(DayExclusionReason.NotEnrolled);
            var nearest = onCalendar.Where(e => e.Entry > day).Select(e => (LocalDate?)e.Enrollment.EntryDate).FirstOrDefault();
            if (nearest is { } entered)
            {
                detail += $" The next enrollment starts {DailyText.Date(entered)}.";
            }

            return LeftOut(DayExclusionReason.NotEnrolled, null, null, shown, detail);
        }

        var decision = DayRules.Decide(prepared!, day, calendar.IsInExcludedRange(date), snapshot, programs, marks, _index.Options);
        if (decision.Reason is { } reason)
        {
            var detail = DayRules.Describe(reason);
            if (reason == DayExclusionReason.ConflictingSnapshotMarks)
            {
                var holding = markIndices.Select(m => marks[m]).Where(m => m.Holds(calendar.AttendanceSnapshotTime))
                    .OrderBy(m => m.Start).ThenBy(m => m.End).ThenBy(m => m.Status).ThenBy(m => m.ClassPeriod, StringComparer.Ordinal)
                    .Select(m => m.ToString());
                detail += $" At {DailyText.Time(calendar.AttendanceSnapshotTime)}: {string.Join("; ", holding)}.";
            }

            return LeftOut(reason, enrollment, decision.Code, shown, detail);
        }

        var code = decision.Code;
        var weight = code.IsHalfDay ? "half day (codes 2, 5, 6 count one half day)" : "full day";
        var eligibility = code.IsEligible ? "eligible" : "ineligible";
        var how = shown is { } mark
            ? $"{mark} holds the snapshot time {DailyText.Time(calendar.AttendanceSnapshotTime)}"
            : $"no mark holds the snapshot time {DailyText.Time(calendar.AttendanceSnapshotTime)}; counted present by option {nameof(NoSnapshotMarkRule.CountPresent)}";
        var text = decision.IsPresent
            ? $"present: {how}; code {code}, {eligibility}, {weight}"
            : $"absent: {how}; code {code}, {weight}";
        return new DayExplanation(
            date,
            period,
            calendar,
            entry.Track,
            enrollment,
            code,
            null,
            shown,
            decision.IsPresent,
            DayCount.FromHalfDays(decision.EligibleHalfDays),
            DayCount.FromHalfDays(decision.IneligibleHalfDays),
            DayCount.FromHalfDays(decision.AbsentHalfDays),
            DayCount.FromHalfDays(decision.PregnancyRelatedServicesHalfDays),
            DayCount.FromHalfDays(decision.MainstreamHalfDays),
            DayCount.FromHalfDays(decision.ResidentialFacilityHalfDays),
            DayCount.FromHalfDays(decision.BilingualEslHalfDays),
            text);

        DayExplanation LeftOut(DayExclusionReason why, StudentEnrollment? e, AdaEligibility? c, DailyAttendanceMark? m, string detail) =>
            new(date, period, calendar, entry.Track, e, c, why, m, null, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.Zero, detail);
    }
}
