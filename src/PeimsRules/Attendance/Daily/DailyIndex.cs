using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>A calendar with the track it is reported as and its days taught by period.</summary>
internal sealed class CalendarEntry(SchoolCalendar calendar, InstructionalTrack? track)
{
    public SchoolCalendar Calendar { get; } = calendar;

    /// <summary>The track (E0975) the calendar is reported as; <see langword="null"/> for an excluded calendar that takes no number.</summary>
    public InstructionalTrack? Track { get; } = track;

    public DayCount[] DaysTaught { get; } = calendar.ReportingPeriods.Select(p => calendar.DaysTaught(p.Period)).ToArray();
}

/// <summary>
/// The inputs of a build, checked against each other and indexed by student: each student's enrollments (in date
/// order), program participations and attendance marks. Kept by <see cref="PeriodAttendanceBuild"/> for
/// <see cref="PeriodAttendanceBuild.Explain"/>.
/// </summary>
internal sealed class DailyIndex
{
    private readonly Dictionary<StudentId, int> _studentIndex;
    private readonly int[] _markStart;
    private readonly int[] _markOrder;

    private DailyIndex(
        DailyBuildOptions options,
        SchoolYear? schoolYear,
        StudentId[] students,
        Dictionary<StudentId, int> studentIndex,
        (StudentEnrollment Enrollment, CalendarEntry Calendar)[][] enrollments,
        ProgramParticipation[][] programs,
        DailyAttendanceMark[] marks,
        int[] markStart,
        int[] markOrder,
        int[] marksOfNoStudent)
    {
        Options = options;
        SchoolYear = schoolYear;
        Students = students;
        _studentIndex = studentIndex;
        Enrollments = enrollments;
        Programs = programs;
        Marks = marks;
        _markStart = markStart;
        _markOrder = markOrder;
        MarksOfNoEnrolledStudent = marksOfNoStudent;
    }

    public DailyBuildOptions Options { get; }

    public SchoolYear? SchoolYear { get; }

    /// <summary>The students with at least one enrollment, in id order.</summary>
    public StudentId[] Students { get; }

    /// <summary>Each student's enrollments with their calendars, by entry date.</summary>
    public (StudentEnrollment Enrollment, CalendarEntry Calendar)[][] Enrollments { get; }

    public ProgramParticipation[][] Programs { get; }

    public DailyAttendanceMark[] Marks { get; }

    /// <summary>The indices of marks whose student has no enrollment at all.</summary>
    public int[] MarksOfNoEnrolledStudent { get; }

    public bool TryFind(StudentId student, out int index) => _studentIndex.TryGetValue(student, out index);

    /// <summary>The indices (into <see cref="Marks"/>) of student <paramref name="s"/>'s marks, in input order.</summary>
    public ReadOnlySpan<int> MarksOf(int s) => _markOrder.AsSpan(_markStart[s], _markStart[s + 1] - _markStart[s]);

    public static DailyIndex Create(
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation> programs,
        DailyBuildOptions options)
    {
        var problems = new List<string>();
        var calendarList = calendars.ToList();
        if (calendarList.Any(c => c is null))
        {
            throw new ArgumentException("A calendar is null.", nameof(calendars));
        }

        var years = calendarList.Select(c => c.SchoolYear).Distinct().Order().ToList();
        if (years.Count > 1)
        {
            problems.Add($"the calendars are of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); a build covers one school year.");
        }

        var byKey = new Dictionary<(CampusId, string), CalendarEntry>();
        foreach (var campus in calendarList.GroupBy(c => c.Campus).OrderBy(g => g.Key))
        {
            foreach (var twice in campus.GroupBy(c => c.CalendarCode, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"campus {campus.Key} has {twice.Count()} calendars named {twice.Key}.");
            }

            var flags = campus.Select(c => c.IsCampusExcluded).Distinct().Count();
            if (flags > 1)
            {
                problems.Add($"the calendars of campus {campus.Key} disagree on whether the campus is excluded.");
            }

            var numbered = campus.Where(c => options.NumberExcludedCalendars || !c.IsExcluded).OrderBy(c => c.Order).ThenBy(c => c.CalendarCode, StringComparer.Ordinal).ToList();
            foreach (var tie in numbered.GroupBy(c => c.Order).Where(g => g.Count() > 1))
            {
                problems.Add(
                    $"calendars {string.Join(" and ", tie.Select(c => c.CalendarCode))} of campus {campus.Key} are both listed in place {tie.Key}: the order numbers the tracks (00, 01, ...), so it must be unique.");
            }

            if (numbered.Count > 100)
            {
                problems.Add($"campus {campus.Key} has {numbered.Count} calendars; tracks are numbered 00 to 99.");
                continue;
            }

            var tracks = numbered.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => new InstructionalTrack(x.i));
            foreach (var calendar in campus)
            {
                byKey.TryAdd((calendar.Campus, calendar.CalendarCode), new CalendarEntry(calendar, tracks.TryGetValue(calendar, out var t) ? t : null));
            }
        }

        var byStudent = new Dictionary<StudentId, List<(StudentEnrollment, CalendarEntry)>>();
        foreach (var enrollment in enrollments)
        {
            ArgumentNullException.ThrowIfNull(enrollment, nameof(enrollments));
            if (!byKey.TryGetValue((enrollment.Campus, enrollment.CalendarCode), out var entry))
            {
                problems.Add($"the enrollment of {enrollment} names calendar {enrollment.CalendarCode}, which campus {enrollment.Campus} does not have.");
                continue;
            }

            if (!byStudent.TryGetValue(enrollment.Student, out var list))
            {
                byStudent[enrollment.Student] = list = [];
            }

            list.Add((enrollment, entry));
        }

        var students = byStudent.Keys.ToArray();
        Array.Sort(students);
        var studentIndex = new Dictionary<StudentId, int>(students.Length);
        var enrollmentArrays = new (StudentEnrollment, CalendarEntry)[students.Length][];
        for (var s = 0; s < students.Length; s++)
        {
            studentIndex[students[s]] = s;
            var ordered = byStudent[students[s]]
                .OrderBy(x => x.Item1.EntryDate)
                .ThenBy(x => x.Item1.Campus)
                .ThenBy(x => x.Item1.CalendarCode, StringComparer.Ordinal)
                .ThenBy(x => x.Item1.WithdrawalDate ?? LocalDate.MaxIsoValue)
                .ToArray();
            enrollmentArrays[s] = ordered;
            CheckOverlaps(ordered, options.WithdrawalDate, problems);
        }

        if (problems.Count > 0)
        {
            throw new DailyAttendanceInputException(problems);
        }

        var programLists = new List<ProgramParticipation>?[students.Length];
        foreach (var program in programs)
        {
            ArgumentNullException.ThrowIfNull(program, nameof(programs));
            if (studentIndex.TryGetValue(program.Student, out var s))
            {
                (programLists[s] ??= []).Add(program);
            }
        }

        var programArrays = programLists
            .Select(l => l is null ? [] : l.OrderBy(p => p.Start).ThenBy(p => p.Program).ThenBy(p => p.End ?? LocalDate.MaxIsoValue).ToArray())
            .ToArray();

        // Marks are grouped by student with a counting sort (two passes, no comparison): the builder then walks each
        // student's marks once per enrollment.
        var markArray = marks is ImmutableArray<DailyAttendanceMark> immutable ? ImmutableCollectionsMarshal.AsArray(immutable)! : marks.ToArray();
        var studentOfMark = new int[markArray.Length];
        var markStart = new int[students.Length + 1];
        var orphans = new List<int>();
        for (var i = 0; i < markArray.Length; i++)
        {
            if (studentIndex.TryGetValue(markArray[i].Student, out var s))
            {
                studentOfMark[i] = s;
                markStart[s + 1]++;
            }
            else
            {
                studentOfMark[i] = -1;
                orphans.Add(i);
            }
        }

        for (var s = 0; s < students.Length; s++)
        {
            markStart[s + 1] += markStart[s];
        }

        var next = markStart[..^1];
        var markOrder = new int[markStart[^1]];
        for (var i = 0; i < markArray.Length; i++)
        {
            var s = studentOfMark[i];
            if (s >= 0)
            {
                markOrder[next[s]++] = i;
            }
        }

        return new DailyIndex(options, years.Count == 1 ? years[0] : null, students, studentIndex, enrollmentArrays, programArrays, markArray, markStart, markOrder, [.. orphans]);
    }

    private static void CheckOverlaps((StudentEnrollment Enrollment, CalendarEntry Calendar)[] ordered, WithdrawalDateMeaning meaning, List<string> problems)
    {
        for (var i = 0; i < ordered.Length; i++)
        {
            var a = ordered[i].Enrollment;
            var aEnd = a.EndExclusive(meaning);
            for (var j = i + 1; j < ordered.Length; j++)
            {
                var b = ordered[j].Enrollment;
                if (aEnd is { } end && b.EntryDate >= end)
                {
                    break;
                }

                if (b.Campus == a.Campus && (b.EndExclusive(meaning) is not { } bEnd || bEnd > b.EntryDate) && (aEnd is not { } ae || ae > a.EntryDate))
                {
                    problems.Add(
                        $"two enrollments of student {a.Student} at campus {a.Campus} cover the same days ({a} and {b}): the marks of those days cannot be given to one of them.");
                }
            }
        }
    }
}
