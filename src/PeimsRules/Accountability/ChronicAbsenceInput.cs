using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Accountability;

/// <summary>
/// The spans a chronic-absence definition works from, built from reporting-period records (days absent and
/// membership) or from daily data (calendars, enrollments and class-period marks, with minutes), and what was left out
/// while building them, so nothing is dropped silently.
/// </summary>
public sealed class ChronicAbsenceInput
{
    private ChronicAbsenceInput(IReadOnlyList<ChronicAbsenceSpan> spans, List<string> leftOut)
    {
        Spans = spans;
        LeftOut = leftOut.AsReadOnly();
    }

    /// <summary>The spans, one per period record or per enrollment.</summary>
    public IReadOnlyList<ChronicAbsenceSpan> Spans { get; }

    /// <summary>What was not turned into a span, one sentence each (a summer-period record, an excluded calendar, ...).</summary>
    public IReadOnlyList<string> LeftOut { get; }

    /// <summary>
    /// One span per TSDS 42400 record of the regular school year (reporting periods 1 to 6): days enrolled are the
    /// record's days in membership (absent + eligible + ineligible present, remote days included) and days absent its
    /// E0036. A half-day record's days are already half days. The calendar days of a span are the days taught of its
    /// campus and track over the year (per period, the largest E0935 reported for that campus, track and period).
    /// </summary>
    /// <remarks>
    /// Records of periods 7 to 9 (extended school year, ADSY) are not regular attendance and are listed in
    /// <see cref="LeftOut"/>, as are records with ADA eligibility code 0 (not in membership) or no days in membership. Period records carry no
    /// minutes, no no-show flag and no enrollment dates: the minute measure needs <see cref="FromDaily"/>.
    /// </remarks>
    public static ChronicAbsenceInput FromPeriodRecords(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        // A store is read twice rather than copied: its cells give the days taught, its records are rebuilt one at a time.
        var list = records as IReadOnlyCollection<BasicReportingPeriodAttendance> ?? records.ToList();
        var leftOut = new List<string>();
        // Each calendar's days: the days taught of each of its periods (the most any record says), summed.
        var taught = new Dictionary<(CampusId, InstructionalTrack, ReportingPeriod), DayCount>();
        var cells = list is AttendanceStore store
            ? store.CellsDaysTaught()
            : list.Select(r => (r.CampusId, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught));
        foreach (var (campus, track, period, daysTaught) in cells)
        {
            if (period.IsRefinedAdaPeriod)
            {
                var cell = (campus, track, period);
                taught[cell] = taught.TryGetValue(cell, out var most) && most > daysTaught ? most : daysTaught;
            }
        }

        var calendarDays = new Dictionary<(CampusId, InstructionalTrack), DayCount>();
        foreach (var ((campus, track, _), days) in taught)
        {
            calendarDays[(campus, track)] = calendarDays.GetValueOrDefault((campus, track)) + days;
        }
        var sources = new Dictionary<(ReportingPeriod, InstructionalTrack), string>();
        if (list is AttendanceStore columns)
        {
            // A store's spans are rebuilt from it when read, a district at a time for the definitions (see StoreSpans):
            // here the spans are counted from the columns, and only the records left out are rebuilt, to be listed.
            var (count, others) = columns.RegularAttendance();
            foreach (var r in others)
            {
                SpanOf(r, calendarDays, sources, leftOut);
            }

            return new ChronicAbsenceInput(new StoreSpans(columns, calendarDays, count), leftOut);
        }

        var spans = new List<ChronicAbsenceSpan>(list.Count);
        foreach (var r in list)
        {
            if (SpanOf(r, calendarDays, sources, leftOut) is { } span)
            {
                spans.Add(span);
            }
        }

        return new ChronicAbsenceInput(spans.AsReadOnly(), leftOut);
    }

    /// <summary>
    /// The span of period record <paramref name="r"/>, or <see langword="null"/> when it is left out (a sentence added to
    /// <paramref name="leftOut"/> when that is given).
    /// </summary>
    internal static ChronicAbsenceSpan? SpanOf(
        BasicReportingPeriodAttendance r,
        Dictionary<(CampusId, InstructionalTrack), DayCount> calendarDays,
        Dictionary<(ReportingPeriod, InstructionalTrack), string> sources,
        List<string>? leftOut)
    {
        string Where() => string.Create(CultureInfo.InvariantCulture, $"period {r.ReportingPeriod} record of student {r.StudentId} at campus {r.CampusId} (grade {r.GradeLevel}, track {r.InstructionalTrack})");
        if (!r.ReportingPeriod.IsRefinedAdaPeriod)
        {
            leftOut?.Add($"{Where()}: periods 7 to 9 are not regular school-year attendance.");
            return null;
        }

        if (r.AdaEligibility?.IsInMembership == false)
        {
            // Code 0 is "enrolled, not in membership": its days, if any are reported, are a data problem the audit
            // reports (ATT-08), not membership.
            leftOut?.Add($"{Where()}: ADA eligibility code 0, not in membership.");
            return null;
        }

        if (r.DaysInMembership.HalfDays == 0)
        {
            leftOut?.Add($"{Where()}: no days in membership.");
            return null;
        }

        // The few distinct source texts (one a period and track) are built once, not once a record.
        if (!sources.TryGetValue((r.ReportingPeriod, r.InstructionalTrack), out var source))
        {
            sources[(r.ReportingPeriod, r.InstructionalTrack)] = source = string.Create(CultureInfo.InvariantCulture, $"period {r.ReportingPeriod} record, track {r.InstructionalTrack}");
        }

        return new ChronicAbsenceSpan(
            r.StudentId,
            r.CampusId,
            r.GradeLevel,
            r.DaysInMembership,
            r.DaysAbsent,
            calendarDays[(r.CampusId, r.InstructionalTrack)],
            source: source);
    }

    /// <summary>
    /// One span per enrollment, from daily data, deciding each day from its minutes as the federal definition does (FS195 as a student information system implements it): the scheduled
    /// minutes of a day are the sum of its class-period marks (start to end), the absent minutes the sum of its marks
    /// with status absent (a mark present for funding, such as a school-related activity, is not an absence), and the
    /// day counts absent under <paramref name="definition"/>'s <see cref="ChronicAbsenceDefinition.AbsentDay"/> rule.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The days of an enrollment are its calendar's instructional days on which the student is enrolled (the withdrawal
    /// date read as <see cref="DailyBuildOptions.WithdrawalDate"/> says), outside the calendar's excluded date ranges,
    /// with an ADA eligibility code other than 0. A day with no mark at all was not scheduled and is not a day
    /// enrolled (FS195 counts scheduled days), unless <see cref="DailyBuildOptions.NoSnapshotMark"/> is
    /// <see cref="NoSnapshotMarkRule.CountPresent"/>, for systems that record absences only: then it is a day present.
    /// </para>
    /// <para>
    /// Nothing is taken from an enrollment marked state exclude, or from an excluded calendar or campus (the Ed-Fi Texas object logic and
    /// FS195); such enrollments are listed in <see cref="LeftOut"/>. No-show and same-day enrollments are kept as spans
    /// with their flags, for the definition to leave out or not.
    /// </para>
    /// </remarks>
    /// <exception cref="DailyAttendanceInputException">An enrollment names a calendar that is not given.</exception>
    public static ChronicAbsenceInput FromDaily(
        ChronicAbsenceDefinition definition,
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        DailyBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(marks);
        options ??= DailyBuildOptions.Default;
        var calendarsByName = new Dictionary<(CampusId, string), SchoolCalendar>();
        foreach (var c in calendars)
        {
            calendarsByName.TryAdd((c.Campus, c.CalendarCode.ToUpperInvariant()), c);
        }

        var marksByDay = marks.ToLookup(m => (m.Student, m.Campus, m.Date));
        var spans = new List<ChronicAbsenceSpan>();
        var leftOut = new List<string>();
        var problems = new List<string>();
        foreach (var e in enrollments)
        {
            if (!calendarsByName.TryGetValue((e.Campus, e.CalendarCode.ToUpperInvariant()), out var calendar))
            {
                problems.Add($"{e}: campus {e.Campus} has no calendar {e.CalendarCode}.");
                continue;
            }

            if (e.IsStateExcluded || calendar.IsExcluded || calendar.IsCampusExcluded)
            {
                var why = e.IsStateExcluded ? "the enrollment is marked state exclude" : calendar.IsExcluded ? "its calendar is marked exclude" : "its campus is marked exclude";
                leftOut.Add($"{e}: {why}; nothing is reported from it.");
                continue;
            }

            long enrolledDays = 0, absentDays = 0, scheduled = 0, absent = 0;
            foreach (var day in calendar.InstructionalDays)
            {
                if (!e.IsEnrolledOn(day, options.WithdrawalDate) || calendar.IsInExcludedRange(day) || !e.AdaEligibilityOn(day).IsInMembership)
                {
                    continue;
                }

                long dayScheduled = 0, dayAbsent = 0;
                foreach (var m in marksByDay[(e.Student, e.Campus, day)])
                {
                    var minutes = Minutes(m.Start, m.End);
                    dayScheduled += minutes;
                    if (m.Status == AttendanceMarkStatus.Absent)
                    {
                        dayAbsent += minutes;
                    }
                }

                if (dayScheduled == 0 && options.NoSnapshotMark == NoSnapshotMarkRule.LeaveDayOut)
                {
                    continue;
                }

                enrolledDays++;
                scheduled += dayScheduled;
                absent += dayAbsent;
                if (IsDayAbsent(dayAbsent, dayScheduled, definition.AbsentDay))
                {
                    absentDays++;
                }
            }

            spans.Add(new ChronicAbsenceSpan(
                e.Student,
                e.Campus,
                e.GradeLevel,
                DayCount.FromHalfDays(enrolledDays * 2),
                DayCount.FromHalfDays(absentDays * 2),
                DayCount.FromDays(calendar.InstructionalDays.Count),
                scheduled,
                absent,
                e.IsNoShow,
                e.WithdrawalDate == e.EntryDate,
                $"enrollment {e.CalendarCode} from {DailyText.Date(e.EntryDate)}" + (e.WithdrawalDate is { } w ? $" to {DailyText.Date(w)}" : string.Empty)));
        }

        if (problems.Count > 0)
        {
            throw new DailyAttendanceInputException(problems);
        }

        return new ChronicAbsenceInput(spans, leftOut);
    }

    /// <summary>
    /// Whether a day is absent under <paramref name="rule"/>: more than half (or at least half) of the scheduled
    /// minutes missed. A day with no scheduled minutes is never absent.
    /// </summary>
    public static bool IsDayAbsent(long absentMinutes, long scheduledMinutes, AbsentDayRule rule)
    {
        if (scheduledMinutes <= 0)
        {
            return false;
        }

        // Compared as 2 × absent against scheduled: exact, with no division.
        var twice = checked(absentMinutes * 2);
        return rule == AbsentDayRule.AtLeastHalfOfScheduledMinutes ? twice >= scheduledMinutes : twice > scheduledMinutes;
    }

    private static long Minutes(LocalTime start, LocalTime end) => (end.TickOfDay - start.TickOfDay) / NodaConstants.TicksPerMinute;
}

/// <summary>
/// The spans of a columnar store's period records, rebuilt from the store when they are read rather than kept: in
/// input order when enumerated, and a district at a time for <see cref="ChronicAbsence.Evaluate"/> (a verdict under
/// school or district attribution never looks outside one district), so a statewide file's spans are never all held.
/// </summary>
internal sealed class StoreSpans(AttendanceStore store, Dictionary<(CampusId, InstructionalTrack), DayCount> calendarDays, int count) : IReadOnlyList<ChronicAbsenceSpan>
{
    private ChronicAbsenceSpan[]? _all;

    public int Count => count;

    /// <summary>A span by its position: the first call rebuilds and keeps them all.</summary>
    public ChronicAbsenceSpan this[int index] => (_all ??= [.. Enumerate()])[index];

    public IEnumerator<ChronicAbsenceSpan> GetEnumerator() => (_all ?? Enumerate()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The spans of each district's campuses (districts by code), one district's at a time.</summary>
    public IEnumerable<List<ChronicAbsenceSpan>> ByDistrict()
    {
        var sources = new Dictionary<(ReportingPeriod, InstructionalTrack), string>();
        List<ChronicAbsenceSpan>? spans = null;
        DistrictId? district = null;
        foreach (var campus in store.Campuses)
        {
            if (spans is not null && district != campus.District)
            {
                yield return spans;
                spans = null;
            }

            district = campus.District;
            spans ??= [];
            foreach (var r in store.RecordsOf(campus))
            {
                if (ChronicAbsenceInput.SpanOf(r, calendarDays, sources, null) is { } span)
                {
                    spans.Add(span);
                }
            }
        }

        if (spans is not null)
        {
            yield return spans;
        }
    }

    private IEnumerable<ChronicAbsenceSpan> Enumerate()
    {
        var sources = new Dictionary<(ReportingPeriod, InstructionalTrack), string>();
        foreach (var r in store)
        {
            if (ChronicAbsenceInput.SpanOf(r, calendarDays, sources, null) is { } span)
            {
                yield return span;
            }
        }
    }
}
