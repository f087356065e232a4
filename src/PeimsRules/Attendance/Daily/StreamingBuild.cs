using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// The fast path of <see cref="PeriodAttendanceBuilder.Build"/>: the same rules as the reference build
/// (<see cref="PeriodAttendanceBuilder.BuildInRuns"/>, which stays the truth; a property shows the two give the same
/// build), with another layout. Each enrollment's instructional days get two bits each, present and absent, which
/// together are the <see cref="SnapshotReading"/> of the marks that held the calendar's snapshot time that day; one pass
/// over the marks' columns (<see cref="DailyAttendanceMarks"/>), in the order they come and in parallel chunks, finds
/// each mark's enrollment and sets its reading's bit for its day (a bit is only ever set to 1, with an atomic or, so
/// the order of the marks does not matter); then one pass per student walks its enrollments' days through <see cref="DayRules.Decide(PreparedEnrollment, int, bool, SnapshotReading, ReadOnlySpan{PreparedProgram}, DailyBuildOptions)"/>,
/// students in parallel runs joined in student order.
/// </summary>
/// <remarks>
/// The reference build copies the marks into student order first (a gather of every mark across the whole input),
/// which is most of its time at district scale; here no mark is copied, and what the build keeps of a mark is one bit.
/// Which of two agreeing marks is shown only matters to <see cref="PeriodAttendanceBuild.Explain"/>, which reads the
/// marks again. A mark that falls on no enrollment or on a day its calendar does not teach is listed by its index,
/// and the lists are put in the reference's order at the end.
/// </remarks>
internal static class StreamingBuild
{
    /// <summary>Builds in parallel from this many students.</summary>
    public const int ParallelFromStudents = 1_024;

    /// <summary>The students of one parallel run.</summary>
    public const int StudentsPerRun = 512;

    /// <summary>The marks of one parallel chunk of the pass over the marks.</summary>
    public const int MarksPerChunk = 1 << 16;

    public static PeriodAttendanceBuild Build(DailyIndex index, int parallelFromStudents, int studentsPerRun, int marksPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(studentsPerRun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(marksPerChunk, 1);
        var layout = EnrollmentDays.Create(index);
        var marks = index.InputMarks;
        var columns = new MarkColumns(index, layout);

        // Two bits a cell, one per reading (present, absent), sixteen cells a word, each bit only ever set to 1 (an
        // atomic or, taken only when the bit is not set yet): chunks that run at once may set the bits of one word in
        // any order. A quarter of a byte a day enrolled: 9 MB for 200,000 students' year, against 72 MB as two bytes.
        var readings = new int[(int)(((layout.Cells * 2L) + 31) / 32)];

        // The pass over the marks, in input order, in chunks on every core.
        var chunkCount = (int)Math.Max(1, (marks.Count + (long)marksPerChunk - 1) / marksPerChunk);
        var chunks = new MarkChunk[chunkCount];
        if (chunkCount == 1)
        {
            chunks[0] = ReadMarks(marks, columns, layout, readings, 0, marks.Count);
        }
        else
        {
            Parallel.For(0, chunkCount, c => chunks[c] = ReadMarks(
                marks, columns, layout, readings, c * marksPerChunk, (int)Math.Min(marks.Count, ((long)c + 1) * marksPerChunk)));
        }

        // The pass over the students, in runs on every core, joined in student order.
        var students = index.Students.Length;
        var runs = students < parallelFromStudents ? 1 : (int)Math.Max(1, (students + (long)studentsPerRun - 1) / studentsPerRun);
        var parts = new PeriodAttendanceBuilder.StudentRun[runs];
        if (runs == 1)
        {
            parts[0] = BuildStudents(index, layout, readings, 0, students);
        }
        else
        {
            Parallel.For(0, runs, r => parts[r] = BuildStudents(
                index, layout, readings, r * studentsPerRun, Math.Min(students, (r + 1) * studentsPerRun)));
        }

        var reasons = PeriodAttendanceBuilder.Reasons;
        var leftOut = new long[reasons];
        var records = new List<BasicReportingPeriodAttendance>(parts.Sum(p => p.Records.Count));
        var special = new List<SpecialProgramsAttendancePeriod>(parts.Sum(p => p.Special.Count));
        foreach (var part in parts)
        {
            // The first failing student's error, as the one-thread build would throw it.
            part.Error?.Throw();
            records.AddRange(part.Records);
            special.AddRange(part.Special);
            for (var r = 0; r < reasons; r++)
            {
                leftOut[r] += part.LeftOut[r];
            }
        }

        var unmatchedMarks = PeriodAttendanceBuilder.InMarkOrder(chunks.SelectMany(c => c.Unmatched ?? []).Select(i => marks[i]));
        var nonInstructional = PeriodAttendanceBuilder.InMarkOrder(chunks.SelectMany(c => c.OffCalendar ?? []).Select(i => marks[i]));
        var noSnapshotMark = leftOut[(int)DayExclusionReason.NoSnapshotMark];
        if (index.Options.NoSnapshotMark == NoSnapshotMarkRule.LeaveDayOut && noSnapshotMark > 0 && !columns.AnyPresent)
        {
            throw PeriodAttendanceBuilder.AbsencesOnly(noSnapshotMark);
        }

        var leftOutDays = Enum.GetValues<DayExclusionReason>().Where(r => leftOut[(int)r] > 0).ToDictionary(r => r, r => leftOut[(int)r]);
        return new PeriodAttendanceBuild(
            index, records.AsReadOnly(), special.AsReadOnly(), Array.AsReadOnly(unmatchedMarks), Array.AsReadOnly(nonInstructional), leftOutDays.AsReadOnly(), parts.Sum(p => p.PresentWithoutMark[0]));
    }

    /// <summary>
    /// Reads marks [<paramref name="from"/>, <paramref name="to"/>) from the table's columns: finds each one's enrollment
    /// (the one of its student at its campus that covers its date; the index refuses two that overlap, so there is at
    /// most one) and folds the reading of a mark that holds the calendar's snapshot time into its day's bits.
    /// </summary>
    private static MarkChunk ReadMarks(DailyAttendanceMarks marks, MarkColumns columns, EnrollmentDays layout, int[] readings, int from, int to)
    {
        var chunk = new MarkChunk();
        var studentOfMark = marks.StudentOfMark;
        var dayOfMark = marks.DayOfMark;
        var slotOfMark = marks.SlotOfMark;
        var studentsOfTable = columns.StudentsOfTable;
        var campusOfSlot = columns.CampusOfSlot;
        var readingOfSlot = columns.ReadingOfSlot;
        var snapshots = columns.Snapshots;
        var days = layout.Days;
        var (lastTableStudent, s) = (-1, -1);
        var (lastStudent, lastEnrollment) = (-1, -1);
        for (var i = from; i < to; i++)
        {
            // Files come sorted by date or by student: consecutive marks mostly share a student, so most marks need
            // no look-up at all, and a student is a number in the table, mapped to the index's once per student.
            var t = studentOfMark[i];
            if (t != lastTableStudent)
            {
                (lastTableStudent, s) = (t, studentsOfTable[t]);
            }

            if (s < 0)
            {
                (chunk.Unmatched ??= []).Add(i);
                continue;
            }

            var day = dayOfMark[i];
            var slot = slotOfMark[i];
            var campus = campusOfSlot[slot];

            // A student's marks mostly come together (the periods of a day, or the days of a file sorted by student):
            // the enrollment of the last mark is tried first.
            var e = lastEnrollment >= 0 && lastStudent == s && layout.Covers(lastEnrollment, day, campus) ? lastEnrollment : layout.Find(s, day, campus);
            (lastStudent, lastEnrollment) = (s, e);
            if (e < 0)
            {
                (chunk.Unmatched ??= []).Add(i);
                continue;
            }

            ref readonly var enrolled = ref days[e];
            var k = enrolled.Calendar.DayIndexOfDay(day);
            if (k < 0)
            {
                // Covered by the enrollment, but the calendar does not teach that day: reported, never silently dropped.
                (chunk.OffCalendar ??= []).Add(i);
                continue;
            }

            // Decided once per slot and snapshot time: 0 when the slot does not hold it, else the flag to set (1 present, 2 absent).
            var flag = readingOfSlot[(slot * snapshots) + enrolled.Snapshot];
            if (flag != 0)
            {
                var bit = (2L * (enrolled.Cell + k - enrolled.FirstDay)) + flag - 1;
                ref var word = ref readings[bit >> 5];
                var mask = 1 << (int)(bit & 31);
                if ((Volatile.Read(ref word) & mask) == 0)
                {
                    Interlocked.Or(ref word, mask);
                }
            }
        }

        return chunk;
    }

    /// <summary>The records of students [<paramref name="from"/>, <paramref name="to"/>), in student order.</summary>
    private static PeriodAttendanceBuilder.StudentRun BuildStudents(DailyIndex index, EnrollmentDays layout, int[] readings, int from, int to)
    {
        var run = new PeriodAttendanceBuilder.StudentRun(PeriodAttendanceBuilder.Reasons, (to - from) * 8);
        var accumulators = new List<RecordAccumulator>();
        var spare = new List<RecordAccumulator>();
        try
        {
            for (var s = from; s < to; s++)
            {
                // The accumulators of the last student are emptied and reused: one set a run, not one a record.
                spare.AddRange(accumulators);
                accumulators.Clear();
                BuildStudent(index, layout, readings, s, accumulators, spare, run.LeftOut, run.PresentWithoutMark);
                run.Add(accumulators, index.Students[s]);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DailyAttendanceInputException or OverflowException)
        {
            run.Error = ExceptionDispatchInfo.Capture(e);
        }

        return run;
    }

    /// <summary>Student <paramref name="s"/>'s days, decided as the reference build decides them, from the readings.</summary>
    private static void BuildStudent(DailyIndex index, EnrollmentDays layout, int[] readings, int s, List<RecordAccumulator> accumulators, List<RecordAccumulator> spare, long[] leftOut, long[] presentWithoutMark)
    {
        var programs = index.Programs[s];
        var enrollments = index.Enrollments[s];
        var first = layout.FirstOf(s);
        for (var j = 0; j < enrollments.Length; j++)
        {
            var enrollment = enrollments[j];
            ref readonly var enrolled = ref layout.Days[first + j];
            var calendar = enrollment.Calendar.Calendar;
            var origin = calendar.OriginDay;
            for (var p = 0; p < calendar.PeriodCount; p++)
            {
                var (periodFirst, periodEnd) = calendar.DayRangeOfPeriodAt(p);
                var from = Math.Max(periodFirst, enrolled.FirstDay);
                var to = Math.Min(periodEnd, enrolled.EndDay);
                if (to <= from)
                {
                    continue;
                }

                if (enrollment.WholeEnrollmentReason is { } reason)
                {
                    leftOut[(int)reason] += to - from;
                    continue;
                }

                var period = calendar.PeriodAt(p).Period;
                if (programs.Length == 0 && !enrollment.IsEarlyEducation && !calendar.HasExcludedRanges
                    && enrollment.HasOneCodeThrough(calendar.DayNumberAt(from), calendar.DayNumberAt(to - 1)))
                {
                    AddDaysOfOneCode(index.Options, enrollment, enrolled, readings, from, to, period, p, accumulators, spare, leftOut, presentWithoutMark);
                    continue;
                }

                RecordAccumulator? current = null;
                for (var k = from; k < to; k++)
                {
                    var day = calendar.DayNumberAt(k);
                    var reading = ReadingAt(readings, enrolled.Cell + k - enrolled.FirstDay);
                    var decision = DayRules.Decide(enrollment, day, calendar.IsExcludedAtOffset(day - origin), reading, programs, index.Options);
                    if (decision.Reason is { } why)
                    {
                        leftOut[(int)why]++;
                        continue;
                    }

                    if (decision.Reading == SnapshotReading.NoMark)
                    {
                        // Counted present under NoSnapshotMarkRule.CountPresent: reported, so the choice is never silent.
                        presentWithoutMark[0]++;
                    }

                    current ??= PeriodAttendanceBuilder.Find(accumulators, spare, enrollment, period, p);
                    current.Add(decision, day, enrollment.Enrollment);
                }
            }
        }
    }

    /// <summary>
    /// Days [<paramref name="from"/>, <paramref name="to"/>) of a period of <paramref name="enrollment"/> when nothing but
    /// the snapshot reading changes from day to day (one ADA code, no excluded range, not grade EE, no program): each
    /// day comes to what <see cref="DayRules.Decide(PreparedEnrollment, int, bool, SnapshotReading, ReadOnlySpan{PreparedProgram}, DailyBuildOptions)"/>
    /// decides, in its order (code 0, codes 7 and 8, then conflicting and missing snapshot marks), summed over the days
    /// by reading.
    /// </summary>
    private static void AddDaysOfOneCode(
        DailyBuildOptions options,
        PreparedEnrollment enrollment,
        in EnrolledDays enrolled,
        int[] readings,
        int from,
        int to,
        ReportingPeriod period,
        int periodIndex,
        List<RecordAccumulator> accumulators,
        List<RecordAccumulator> spare,
        long[] leftOut,
        long[] presentWithoutMark)
    {
        var calendar = enrolled.Calendar;
        var code = enrollment.CodeOn(calendar.DayNumberAt(from));
        if (!code.IsInMembership)
        {
            leftOut[(int)DayExclusionReason.AdaCodeZero] += to - from;
            return;
        }

        if (code.Weight == DayWeight.FlexibleMinutes)
        {
            leftOut[(int)DayExclusionReason.FlexibleAttendanceProgram] += to - from;
            return;
        }

        var countPresent = options.NoSnapshotMark == NoSnapshotMarkRule.CountPresent;
        long present = 0, absent = 0, noMark = 0, conflict = 0;
        var lastCounted = -1;
        for (var k = from; k < to; k++)
        {
            switch (ReadingAt(readings, enrolled.Cell + k - enrolled.FirstDay))
            {
                case SnapshotReading.Present:
                    present++;
                    lastCounted = k;
                    break;
                case SnapshotReading.Absent:
                    absent++;
                    lastCounted = k;
                    break;
                case SnapshotReading.NoMark:
                    noMark++;
                    lastCounted = countPresent ? k : lastCounted;
                    break;
                default:
                    conflict++;
                    break;
            }
        }

        leftOut[(int)DayExclusionReason.ConflictingSnapshotMarks] += conflict;
        if (countPresent)
        {
            // Counted present under NoSnapshotMarkRule.CountPresent: reported, so the choice is never silent.
            present += noMark;
            presentWithoutMark[0] += noMark;
        }
        else
        {
            leftOut[(int)DayExclusionReason.NoSnapshotMark] += noMark;
        }

        if (lastCounted < 0)
        {
            return;
        }

        // Codes 2, 5 and 6 count one half day of presence or absence for each instructional day; a code-4 or code-5
        // day present is an ineligible day present, and no bilingual/ESL day.
        long weight = code.IsHalfDay ? 1 : 2;
        var presentHalfDays = present * weight;
        var eligible = code.IsEligible ? presentHalfDays : 0;
        var bilingualEsl = enrollment.Enrollment.BilingualEslFunding is null ? 0 : eligible;
        PeriodAttendanceBuilder.Find(accumulators, spare, enrollment, period, periodIndex)
            .AddDays(code, eligible, presentHalfDays - eligible, absent * weight, bilingualEsl, calendar.DayNumberAt(lastCounted), enrollment.Enrollment);
    }

    /// <summary>The reading of cell <paramref name="cell"/>: its present bit, then its absent bit.</summary>
    private static SnapshotReading ReadingAt(int[] readings, int cell) => (SnapshotReading)((readings[cell >> 4] >> ((cell & 15) * 2)) & 3);

    /// <summary>What one chunk of the pass over the marks found.</summary>
    private sealed class MarkChunk
    {
        /// <summary>The input indices of the marks no enrollment covers.</summary>
        public List<int>? Unmatched { get; set; }

        /// <summary>The input indices of the marks on a covered day the calendar does not teach.</summary>
        public List<int>? OffCalendar { get; set; }
    }
}

/// <summary>
/// Every enrollment's instructional days laid end to end, one cell each: enrollment <c>e</c> of the flat list (the
/// students' enrollments in student order, each student's in the index's order) covers instructional days
/// [<see cref="EnrolledDays.FirstDay"/>, <see cref="EnrolledDays.EndDay"/>) of its calendar, in cells from
/// <see cref="EnrolledDays.Cell"/>.
/// </summary>
internal sealed class EnrollmentDays
{
    private readonly int[] _start;

    private EnrollmentDays(EnrolledDays[] days, int[] start, int cells, Dictionary<CampusId, int> campusNumbers, LocalTime[] snapshotTimes) =>
        (Days, _start, Cells, CampusNumbers, SnapshotTimes) = (days, start, cells, campusNumbers, snapshotTimes);

    public EnrolledDays[] Days { get; }

    /// <summary>The number of cells.</summary>
    public int Cells { get; }

    /// <summary>The index in <see cref="Days"/> of student <paramref name="s"/>'s first enrollment.</summary>
    public int FirstOf(int s) => _start[s];

    /// <summary>The campuses of the enrollments, numbered in order of first appearance (<see cref="EnrolledDays.Campus"/>).</summary>
    public Dictionary<CampusId, int> CampusNumbers { get; }

    /// <summary>The distinct snapshot times of the enrollments' calendars, numbered (<see cref="EnrolledDays.Snapshot"/>).</summary>
    public LocalTime[] SnapshotTimes { get; }

    /// <summary>Whether enrollment <paramref name="e"/> is at campus number <paramref name="campus"/> and covers day number <paramref name="day"/>.</summary>
    public bool Covers(int e, int day, int campus)
    {
        ref readonly var d = ref Days[e];
        return day >= d.Entry && day < d.EndExclusive && d.Campus == campus;
    }

    /// <summary>The enrollment of student <paramref name="s"/> at campus number <paramref name="campus"/> that covers day number <paramref name="day"/>, or -1.</summary>
    public int Find(int s, int day, int campus)
    {
        for (var e = _start[s]; e < _start[s + 1]; e++)
        {
            ref readonly var d = ref Days[e];
            if (day >= d.Entry && day < d.EndExclusive && d.Campus == campus)
            {
                return e;
            }
        }

        return -1;
    }

    public static EnrollmentDays Create(DailyIndex index)
    {
        var start = new int[index.Students.Length + 1];
        for (var s = 0; s < index.Students.Length; s++)
        {
            start[s + 1] = start[s] + index.Enrollments[s].Length;
        }

        var days = new EnrolledDays[start[^1]];
        var campusNumbers = new Dictionary<CampusId, int>();
        var snapshotNumbers = new Dictionary<LocalTime, int>();
        long cells = 0;
        for (var s = 0; s < index.Students.Length; s++)
        {
            var enrollments = index.Enrollments[s];
            for (var j = 0; j < enrollments.Length; j++)
            {
                var e = enrollments[j];
                var calendar = e.Calendar.Calendar;
                var firstDay = calendar.FirstIndexOnOrAfter(e.Entry);
                var endDay = calendar.FirstIndexOnOrAfter(e.EndExclusive);
                var campus = NumberOf(campusNumbers, e.Enrollment.Campus);
                var snapshot = NumberOf(snapshotNumbers, calendar.AttendanceSnapshotTime);
                days[start[s] + j] = new EnrolledDays(e.Entry, e.EndExclusive, campus, calendar, snapshot, firstDay, endDay, checked((int)cells));
                cells += endDay - firstDay;
            }
        }

        var snapshotTimes = new LocalTime[snapshotNumbers.Count];
        foreach (var (time, number) in snapshotNumbers)
        {
            snapshotTimes[number] = time;
        }

        return new EnrollmentDays(days, start, checked((int)cells), campusNumbers, snapshotTimes);
    }

    private static int NumberOf<T>(Dictionary<T, int> numbers, T value)
        where T : notnull
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, value, out var exists);
        if (!exists)
        {
            number = numbers.Count - 1;
        }

        return number;
    }
}

/// <summary>
/// What the pass over the marks reads of the marks' tables (<see cref="DailyAttendanceMarks.StudentTable"/> and
/// <see cref="DailyAttendanceMarks.SlotTable"/>), worked out once per distinct student and slot rather than once per mark.
/// </summary>
internal sealed class MarkColumns
{
    public MarkColumns(DailyIndex index, EnrollmentDays layout)
    {
        StudentsOfTable = index.StudentsOfMarkTable();
        var slots = index.InputMarks.SlotTable;
        var times = layout.SnapshotTimes;
        Snapshots = times.Length;
        CampusOfSlot = new int[slots.Length];
        ReadingOfSlot = new byte[slots.Length * (long)times.Length];
        for (var slot = 0; slot < slots.Length; slot++)
        {
            ref readonly var held = ref slots[slot];

            // Every slot of the table is the slot of some mark: any present slot is a mark saying present.
            AnyPresent |= held.IsPresent;
            CampusOfSlot[slot] = layout.CampusNumbers.TryGetValue(held.Campus, out var campus) ? campus : -1;
            for (var t = 0; t < times.Length; t++)
            {
                ReadingOfSlot[(slot * times.Length) + t] = !held.Holds(times[t]) ? (byte)0 : held.IsPresent ? (byte)1 : (byte)2;
            }
        }
    }

    /// <summary>The index's student of each student of the table, or -1 when the student has no enrollment.</summary>
    public int[] StudentsOfTable { get; }

    /// <summary>The campus number (<see cref="EnrollmentDays.CampusNumbers"/>) of each slot, or -1 when no enrollment is at its campus.</summary>
    public int[] CampusOfSlot { get; }

    /// <summary>The number of snapshot times.</summary>
    public int Snapshots { get; }

    /// <summary>
    /// For slot <c>s</c> and snapshot time <c>t</c>, at <c>s * Snapshots + t</c>: 0 when the slot's class period does
    /// not hold the time, 1 when it holds it and says present, 2 when it holds it and says absent.
    /// </summary>
    public byte[] ReadingOfSlot { get; }

    /// <summary>Whether any mark says present (an export of absences only has none).</summary>
    public bool AnyPresent { get; }
}

/// <summary>One enrollment as the pass over the marks reads it (see <see cref="EnrollmentDays"/>).</summary>
/// <param name="Entry">The first day number enrolled.</param>
/// <param name="EndExclusive">The first day number no longer enrolled.</param>
/// <param name="Campus">The campus, as its number in <see cref="EnrollmentDays.CampusNumbers"/>.</param>
/// <param name="Calendar">The calendar.</param>
/// <param name="Snapshot">The calendar's snapshot time, as its number in <see cref="EnrollmentDays.SnapshotTimes"/>.</param>
/// <param name="FirstDay">The first instructional day covered, as an index into the calendar's days.</param>
/// <param name="EndDay">The instructional day after the last covered.</param>
/// <param name="Cell">The cell of <paramref name="FirstDay"/>.</param>
internal readonly record struct EnrolledDays(
    int Entry,
    int EndExclusive,
    int Campus,
    SchoolCalendar Calendar,
    int Snapshot,
    int FirstDay,
    int EndDay,
    int Cell);
