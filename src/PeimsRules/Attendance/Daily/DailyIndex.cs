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
/// An enrollment with its calendar and its dates as day numbers (<see cref="DayNumber"/>), as the builder's inner loops
/// read it. The enrolled days are [<see cref="Entry"/>, <see cref="EndExclusive"/>) under the build's withdrawal-date meaning.
/// </summary>
internal sealed class PreparedEnrollment
{
    private static readonly int[] NoChangeDays = [];
    private static readonly AdaEligibility[] NoChangeCodes = [];

    // The code in force from entry, then the later changes (most enrollments have none: no arrays of their own).
    private readonly AdaEligibility _firstCode;
    private readonly int[] _codeFrom;
    private readonly AdaEligibility[] _codes;

    public PreparedEnrollment(StudentEnrollment enrollment, CalendarEntry calendar, WithdrawalDateMeaning meaning)
    {
        Enrollment = enrollment;
        Calendar = calendar;
        Entry = DayNumber.Of(enrollment.EntryDate);
        EndExclusive = enrollment.WithdrawalDate is not { } w
            ? int.MaxValue
            : DayNumber.Of(w) + (meaning == WithdrawalDateMeaning.LastDayEnrolled ? 1 : 0);
        var changes = enrollment.AdaEligibility;
        _firstCode = changes[0].Code;
        (_codeFrom, _codes) = changes.Count == 1 ? (NoChangeDays, NoChangeCodes) : (new int[changes.Count - 1], new AdaEligibility[changes.Count - 1]);
        for (var i = 1; i < changes.Count; i++)
        {
            (_codeFrom[i - 1], _codes[i - 1]) = (DayNumber.Of(changes[i].EffectiveDate), changes[i].Code);
        }

        IsEarlyEducation = enrollment.GradeLevel == GradeLevel.EarlyEducation;
        WholeEnrollmentReason = DayRules.EnrollmentReason(calendar, enrollment);
    }

    public StudentEnrollment Enrollment { get; }

    public CalendarEntry Calendar { get; }

    public int Entry { get; }

    public int EndExclusive { get; }

    public bool IsEarlyEducation { get; }

    /// <summary>The reason that leaves out every day of the enrollment (campus, calendar, state exclude, no show), if any.</summary>
    public DayExclusionReason? WholeEnrollmentReason { get; }

    public bool Covers(int day) => day >= Entry && day < EndExclusive;

    /// <summary>Whether one code is in force from day number <paramref name="first"/> through <paramref name="last"/>: no change takes effect after the first.</summary>
    public bool HasOneCodeThrough(int first, int last)
    {
        for (var i = 0; i < _codeFrom.Length; i++)
        {
            if (_codeFrom[i] > first && _codeFrom[i] <= last)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ADA eligibility code in force on day number <paramref name="day"/>.</summary>
    public AdaEligibility CodeOn(int day)
    {
        var code = _firstCode;
        for (var i = 0; i < _codes.Length && _codeFrom[i] <= day; i++)
        {
            code = _codes[i];
        }

        return code;
    }
}

/// <summary>A program participation with its dates as day numbers, both ends included.</summary>
internal readonly record struct PreparedProgram(SpecialProgram Program, int Start, int End, bool IsMainstreamIep)
{
    public static PreparedProgram Of(ProgramParticipation p) =>
        new(p.Program, DayNumber.Of(p.Start), p.End is { } e ? DayNumber.Of(e) : int.MaxValue, p.IsMainstreamIep);

    /// <summary>By start, end, program and mainstream setting: the order of a student's programs.</summary>
    public static Comparison<PreparedProgram> DateOrder { get; } = static (a, b) =>
    {
        var c = a.Start.CompareTo(b.Start);
        c = c != 0 ? c : a.End.CompareTo(b.End);
        c = c != 0 ? c : a.Program.CompareTo(b.Program);
        return c != 0 ? c : a.IsMainstreamIep.CompareTo(b.IsMainstreamIep);
    };

    public bool Covers(int day) => day >= Start && day <= End;
}

/// <summary>
/// The inputs of a build, checked against each other and indexed by student: each student's enrollments (in date
/// order), program participations and attendance marks. Kept by <see cref="PeriodAttendanceBuild"/> for
/// <see cref="PeriodAttendanceBuild.Explain"/>.
/// </summary>
internal sealed class DailyIndex
{
    private readonly Dictionary<string, int> _firstSeen;
    private readonly int[]? _rank;
    private readonly Lazy<PackedMarks> _packed;

    private DailyIndex(
        DailyBuildOptions options,
        SchoolYear? schoolYear,
        StudentId[] students,
        Dictionary<string, int> firstSeen,
        int[]? rank,
        PreparedEnrollment[][] enrollments,
        PreparedProgram[][] programs,
        DailyAttendanceMarks inputMarks)
    {
        Options = options;
        SchoolYear = schoolYear;
        Students = students;
        (_firstSeen, _rank) = (firstSeen, rank);
        Enrollments = enrollments;
        Programs = programs;
        InputMarks = inputMarks;

        // The marks packed by student are made when first asked for: the reference build and the explanation read
        // them; the streaming build (StreamingBuild) reads the input in its own order and never needs them.
        _packed = new Lazy<PackedMarks>(() => PackedMarks.Create(inputMarks, StudentsOfMarkTable(), students.Length), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public DailyBuildOptions Options { get; }

    public SchoolYear? SchoolYear { get; }

    /// <summary>The students with at least one enrollment, in id order.</summary>
    public StudentId[] Students { get; }

    /// <summary>Each student's enrollments with their calendars, by entry date.</summary>
    public PreparedEnrollment[][] Enrollments { get; }

    /// <summary>Each student's program participations.</summary>
    public PreparedProgram[][] Programs { get; }

    /// <summary>The marks as given, in input order, held compactly.</summary>
    public DailyAttendanceMarks InputMarks { get; }

    /// <summary>The marks, packed by student: each student's marks together, in input order; then those of no enrolled student.</summary>
    public DailyAttendanceMark[] Marks => _packed.Value.Marks;

    /// <summary>The day number of each mark's date, by mark index.</summary>
    public int[] MarkDays => _packed.Value.Days;

    /// <summary>The indices of marks whose student has no enrollment at all.</summary>
    public int[] MarksOfNoEnrolledStudent => _packed.Value.OfNoEnrolledStudent;

    public bool TryFind(StudentId student, out int index) => (index = IndexOf(student.Value)) >= 0;

    /// <summary>The index of the student whose id is <paramref name="id"/>, or -1 when the student has no enrollment.</summary>
    public int IndexOf(string id) => !_firstSeen.TryGetValue(id, out var k) ? -1 : _rank is null ? k : _rank[k];

    /// <summary>
    /// For each student of the marks' student table (<see cref="DailyAttendanceMarks.StudentTable"/>), the index of the
    /// enrolled student with that id, or -1 when the student has no enrollment: one look-up per distinct student, not
    /// one per mark.
    /// </summary>
    public int[] StudentsOfMarkTable()
    {
        var table = InputMarks.StudentTable;
        var map = new int[table.Length];
        for (var k = 0; k < map.Length; k++)
        {
            map[k] = IndexOf(table[k].Value);
        }

        return map;
    }

    /// <summary>The indices (into <see cref="Marks"/>, packed by student) of student <paramref name="s"/>'s marks, in input order.</summary>
    public ReadOnlySpan<int> MarksOf(int s) => _packed.Value.Of(s);

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
                problems.Add($"campus {campus.Key} has {twice.Count()} calendars named {twice.Key}" + Places(twice.Select(c => c.Source)) + ".");
            }

            var flags = campus.Select(c => c.IsCampusExcluded).Distinct().Count();
            if (flags > 1)
            {
                problems.Add($"the calendars of campus {campus.Key} disagree on whether the campus is excluded" + Places(campus.Select(c => c.Source)) + ".");
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

        string[] calendarCodesOf(CampusId campus) => [.. calendarList.Where(c => c.Campus == campus).Select(c => c.CalendarCode).Order(StringComparer.Ordinal)];

        // Each enrollment gets its student's number in order of first appearance (one look-up per enrollment, keyed by
        // the id's text), then the numbers are put in id order and the enrollments grouped by student with a counting
        // sort: no list per student, no comparison of enrollments but within a student.
        var enrollmentArray = enrollments as IReadOnlyList<StudentEnrollment> ?? enrollments.ToArray();
        var entryOf = new CalendarEntry?[enrollmentArray.Count];
        var studentOf = new int[enrollmentArray.Count];
        var studentIndex = new Dictionary<string, int>(enrollmentArray.Count, StringComparer.Ordinal);
        var ids = new List<StudentId>(enrollmentArray.Count);
        for (var i = 0; i < enrollmentArray.Count; i++)
        {
            var enrollment = enrollmentArray[i];
            ArgumentNullException.ThrowIfNull(enrollment, nameof(enrollments));
            if (!byKey.TryGetValue((enrollment.Campus, enrollment.CalendarCode), out var entry))
            {
                problems.Add($"the enrollment of {enrollment} names calendar '{enrollment.CalendarCode}', which campus {enrollment.Campus} does not have"
                    + (calendarCodesOf(enrollment.Campus) is { Length: > 0 } known ? $" (its calendars: {string.Join(", ", known)})." : " (the calendars file has no calendar for that campus)."));
                studentOf[i] = -1;
                continue;
            }

            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(studentIndex, enrollment.Student.Value, out var exists);
            if (!exists)
            {
                seen = ids.Count;
                ids.Add(enrollment.Student);
            }

            entryOf[i] = entry;
            studentOf[i] = seen;
        }

        // Student ids in ordinal order (StudentId's order); rank[first-seen number] is the student's index. Files mostly
        // come sorted by student, and then the first-seen numbers are the indices already (no rank, no sort).
        var students = ids.ToArray();
        int[]? rank = null;
        if (!IsOrdered(students))
        {
            var firstSeen = new int[students.Length];
            for (var k = 0; k < firstSeen.Length; k++)
            {
                firstSeen[k] = k;
            }

            Array.Sort(students, firstSeen);
            rank = new int[students.Length];
            for (var k = 0; k < students.Length; k++)
            {
                rank[firstSeen[k]] = k;
            }
        }

        var enrollmentStart = new int[students.Length + 1];
        for (var i = 0; i < studentOf.Length; i++)
        {
            if (studentOf[i] >= 0)
            {
                studentOf[i] = rank is null ? studentOf[i] : rank[studentOf[i]];
                enrollmentStart[studentOf[i] + 1]++;
            }
        }

        for (var k = 0; k < students.Length; k++)
        {
            enrollmentStart[k + 1] += enrollmentStart[k];
        }

        var enrollmentArrays = new PreparedEnrollment[students.Length][];
        for (var k = 0; k < students.Length; k++)
        {
            enrollmentArrays[k] = new PreparedEnrollment[enrollmentStart[k + 1] - enrollmentStart[k]];
        }

        var filled = new int[students.Length];
        for (var i = 0; i < studentOf.Length; i++)
        {
            // In input order within a student, so that the sort below keeps input order among ties, as a stable sort would.
            if (studentOf[i] is var k and >= 0)
            {
                enrollmentArrays[k][filled[k]++] = new PreparedEnrollment(enrollmentArray[i], entryOf[i]!, options.WithdrawalDate);
            }
        }

        for (var k = 0; k < students.Length; k++)
        {
            var ordered = enrollmentArrays[k];
            if (ordered.Length > 1)
            {
                SortStable(ordered);
                CheckOverlaps(ordered, problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new DailyAttendanceInputException(problems);
        }

        // Each student's programs, grouped with a counting sort and put in date order: no list per student.
        var programList = programs as IReadOnlyList<ProgramParticipation> ?? programs.ToArray();
        var programOf = new int[programList.Count];
        var programStart = new int[students.Length + 1];
        for (var i = 0; i < programList.Count; i++)
        {
            var program = programList[i];
            ArgumentNullException.ThrowIfNull(program, nameof(programs));
            var k = programOf[i] = studentIndex.TryGetValue(program.Student.Value, out var seen) ? (rank is null ? seen : rank[seen]) : -1;
            if (k >= 0)
            {
                programStart[k + 1]++;
            }
        }

        var programArrays = new PreparedProgram[students.Length][];
        for (var k = 0; k < students.Length; k++)
        {
            var count = programStart[k + 1];
            programArrays[k] = count == 0 ? [] : new PreparedProgram[count];
            programStart[k + 1] = 0;
        }

        for (var i = 0; i < programList.Count; i++)
        {
            if (programOf[i] is var k and >= 0)
            {
                programArrays[k][programStart[k + 1]++] = PreparedProgram.Of(programList[i]);
            }
        }

        foreach (var prepared in programArrays)
        {
            if (prepared.Length > 1)
            {
                // Programs equal in all four keys are equal values: no order among ties to keep.
                Array.Sort(prepared, PreparedProgram.DateOrder);
            }
        }

        return new DailyIndex(options, years.Count == 1 ? years[0] : null, students, studentIndex, rank, enrollmentArrays, programArrays, DailyAttendanceMarks.From(marks));
    }

    /// <summary>Whether the ids are in strictly increasing ordinal order.</summary>
    private static bool IsOrdered(StudentId[] ids)
    {
        for (var k = 1; k < ids.Length; k++)
        {
            if (string.CompareOrdinal(ids[k - 1].Value, ids[k].Value) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The places given, as <c> (calendars.csv, line 2; calendars.csv, line 9)</c>, or nothing when none is known.</summary>
    private static string Places(IEnumerable<SourceLocation?> places)
    {
        var known = places.OfType<SourceLocation>().Select(p => p.ToString()).ToList();
        return known.Count == 0 ? string.Empty : $" ({string.Join("; ", known)})";
    }

    /// <summary>A student's enrollments by entry, campus, calendar and end; ties keep their input order.</summary>
    private static void SortStable(PreparedEnrollment[] enrollments)
    {
        var keyed = new (PreparedEnrollment Enrollment, int Input)[enrollments.Length];
        for (var i = 0; i < keyed.Length; i++)
        {
            keyed[i] = (enrollments[i], i);
        }

        Array.Sort(keyed, static (a, b) =>
        {
            var x = a.Enrollment;
            var y = b.Enrollment;
            var c = x.Entry.CompareTo(y.Entry);
            c = c != 0 ? c : x.Enrollment.Campus.CompareTo(y.Enrollment.Campus);
            c = c != 0 ? c : string.CompareOrdinal(x.Enrollment.CalendarCode, y.Enrollment.CalendarCode);
            c = c != 0 ? c : x.EndExclusive.CompareTo(y.EndExclusive);
            return c != 0 ? c : a.Input.CompareTo(b.Input);
        });
        for (var i = 0; i < keyed.Length; i++)
        {
            enrollments[i] = keyed[i].Enrollment;
        }
    }

    private static void CheckOverlaps(PreparedEnrollment[] ordered, List<string> problems)
    {
        // Ordered by entry: a later enrollment overlaps an earlier one when it enters before the earlier one ends.
        for (var i = 0; i < ordered.Length; i++)
        {
            var a = ordered[i];
            for (var j = i + 1; j < ordered.Length && ordered[j].Entry < a.EndExclusive; j++)
            {
                var b = ordered[j];
                if (b.Enrollment.Campus == a.Enrollment.Campus && b.EndExclusive > b.Entry && a.EndExclusive > a.Entry)
                {
                    problems.Add(
                        $"two enrollments of student {a.Enrollment.Student} at campus {a.Enrollment.Campus} cover the same days ({a.Enrollment} and {b.Enrollment}): the marks of those days cannot be given to one of them.");
                }
            }
        }
    }
}

/// <summary>The marks packed by student (each student's in input order), then the marks of no enrolled student.</summary>
internal sealed class PackedMarks
{
    private readonly int[] _start;
    private readonly int[] _order;

    private PackedMarks(DailyAttendanceMark[] marks, int[] days, int[] start, int[] order, int[] ofNoEnrolledStudent)
    {
        Marks = marks;
        Days = days;
        _start = start;
        _order = order;
        OfNoEnrolledStudent = ofNoEnrolledStudent;
    }

    public DailyAttendanceMark[] Marks { get; }

    /// <summary>The day number of each packed mark's date.</summary>
    public int[] Days { get; }

    /// <summary>The indices of marks whose student has no enrollment at all.</summary>
    public int[] OfNoEnrolledStudent { get; }

    /// <summary>The indices of student <paramref name="s"/>'s marks, in input order.</summary>
    public ReadOnlySpan<int> Of(int s) => _order.AsSpan(_start[s], _start[s + 1] - _start[s]);

    public static PackedMarks Create(DailyAttendanceMarks table, int[] studentsOfTable, int studentCount)
    {
        // Marks are grouped by student with a counting sort (two passes, no comparison): the builder then walks each
        // student's marks once per enrollment. The table's student numbers are mapped to the index's once per student.
        var tableStudent = table.StudentOfMark;
        var markDays = table.DayOfMark;
        var studentOfMark = new int[table.Count];
        var markStart = new int[studentCount + 1];
        var orphans = new List<int>();
        for (var i = 0; i < studentOfMark.Length; i++)
        {
            var s = studentsOfTable[tableStudent[i]];
            studentOfMark[i] = s;
            if (s >= 0)
            {
                markStart[s + 1]++;
            }
            else
            {
                orphans.Add(i);
            }
        }

        for (var s = 0; s < studentCount; s++)
        {
            markStart[s + 1] += markStart[s];
        }

        var next = markStart[..^1];
        var markOrder = new int[markStart[^1]];
        for (var i = 0; i < studentOfMark.Length; i++)
        {
            var s = studentOfMark[i];
            if (s >= 0)
            {
                markOrder[next[s]++] = i;
            }
        }

        // Packed by student, then the marks of no enrolled student; indices from here on are packed indices.
        var packed = new DailyAttendanceMark[table.Count];
        var packedDays = new int[table.Count];
        for (var i = 0; i < markOrder.Length; i++)
        {
            var from = markOrder[i];
            packed[i] = table[from];
            packedDays[i] = markDays[from];
            markOrder[i] = i;
        }

        var orphanIndices = new int[orphans.Count];
        for (var k = 0; k < orphans.Count; k++)
        {
            var at = markOrder.Length + k;
            packed[at] = table[orphans[k]];
            packedDays[at] = markDays[orphans[k]];
            orphanIndices[k] = at;
        }

        return new PackedMarks(packed, packedDays, markStart, markOrder, orphanIndices);
    }
}
