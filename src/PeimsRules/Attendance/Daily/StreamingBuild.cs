using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Builds from <paramref name="index"/>: see <see cref="PeriodAttendanceBuilder.BuildStreaming"/> for the parallel
    /// settings (<paramref name="dealtToWorkers"/> 0: one worker a core, each taking the next chunk of marks).
    /// </summary>
    public static PeriodAttendanceBuild Build(DailyIndex index, int parallelFromStudents, int studentsPerRun, int marksPerChunk, int dealtToWorkers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(studentsPerRun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(marksPerChunk, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dealtToWorkers);
        var layout = EnrollmentDays.Create(index);
        var marks = index.InputMarks;
        var columns = new MarkColumns(index, layout);

        // Two bits a cell, one per reading (present, absent), sixteen cells a word: a quarter of a byte a day enrolled,
        // 9 MB for 200,000 students' year, against 72 MB as two bytes. Taken from the shared pool: a fresh array this
        // size is paid for in page faults, a pooled one only in clearing it.
        var words = layout.Words;
        var readings = ArrayPool<int>.Shared.Rent(words);
        try
        {
            Array.Clear(readings, 0, words);
            var chunks = ReadMarks(marks, columns, layout, readings, marksPerChunk, dealtToWorkers);

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

            var build = Join(index, columns, chunks, parts);
            return build;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(readings);
        }
    }

    /// <summary>The build of the runs' records and the chunks' listed marks, in the one-thread build's order.</summary>
    private static PeriodAttendanceBuild Join(DailyIndex index, MarkColumns columns, MarkChunk[] chunks, PeriodAttendanceBuilder.StudentRun[] parts)
    {
        var marks = index.InputMarks;
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
    /// The pass over the marks, in input order, in chunks of <paramref name="marksPerChunk"/> taken in turn by one
    /// worker a core (or dealt in turn to <paramref name="dealtToWorkers"/> workers). Each worker folds its marks into
    /// bits of its own (the first into <paramref name="readings"/>, the others into pooled ones) with a plain or: a bit
    /// is only ever set to 1, so the workers' bits or-ed together at the end are the bits of all the marks, whichever
    /// worker read which, and no mark pays for an atomic instruction (which costs more than the rest of a mark's work).
    /// </summary>
    private static MarkChunk[] ReadMarks(DailyAttendanceMarks marks, MarkColumns columns, EnrollmentDays layout, int[] readings, int marksPerChunk, int dealtToWorkers)
    {
        var chunkCount = (int)Math.Max(1, (marks.Count + (long)marksPerChunk - 1) / marksPerChunk);
        var chunks = new MarkChunk[chunkCount];
        var dealt = dealtToWorkers > 0;
        var workers = Math.Min(chunkCount, dealt ? dealtToWorkers : Environment.ProcessorCount);
        var words = layout.Words;
        var bits = new int[]?[workers];
        var next = -1;
        void work(int w)
        {
            // A worker that comes when every chunk is taken (the machine is busy) takes no bits at all.
            for (var c = dealt ? w : Interlocked.Increment(ref next); c < chunkCount; c = dealt ? c + workers : Interlocked.Increment(ref next))
            {
                if (bits[w] is null)
                {
                    bits[w] = w == 0 ? readings : ArrayPool<int>.Shared.Rent(words);
                    if (w > 0)
                    {
                        Array.Clear(bits[w]!, 0, words);
                    }
                }

                var from = c * marksPerChunk;
                chunks[c] = ReadChunk(marks, columns, layout, bits[w]!, from, (int)Math.Min(marks.Count, (long)from + marksPerChunk));
            }
        }

        if (workers == 1)
        {
            work(0);
        }
        else
        {
            Parallel.For(0, workers, work);
        }

        for (var w = 1; w < workers; w++)
        {
            if (bits[w] is { } own)
            {
                Or(readings, own, words);
                ArrayPool<int>.Shared.Return(own);
            }
        }

        return chunks;
    }

    /// <summary>Ors the first <paramref name="words"/> words of <paramref name="from"/> into <paramref name="into"/>.</summary>
    private static void Or(int[] into, int[] from, int words)
    {
        var w = 0;
        for (; w <= words - Vector<int>.Count; w += Vector<int>.Count)
        {
            (new Vector<int>(into, w) | new Vector<int>(from, w)).CopyTo(into, w);
        }

        for (; w < words; w++)
        {
            into[w] |= from[w];
        }
    }

    /// <summary>
    /// Reads marks [<paramref name="from"/>, <paramref name="to"/>) from the table's columns: finds each one's enrollment
    /// (the one of its student at its campus that covers its date; the index refuses two that overlap, so there is at
    /// most one) and folds the reading of a mark that holds the calendar's snapshot time into its day's bits.
    /// </summary>
    private static MarkChunk ReadChunk(DailyAttendanceMarks marks, MarkColumns columns, EnrollmentDays layout, int[] readings, int from, int to)
    {
        var chunk = new MarkChunk();
        var students = marks.StudentOfMark[from..to];
        var markDays = marks.DayOfMark[from..to];
        var slots = marks.SlotOfMark[from..to];
        var slotsBySnapshot = columns.SlotsBySnapshot;

        // The slots as the last mark's snapshot time reads them; the last mark's student (as the table numbers it), day
        // and campus, and where they led: the first bit of the day's cell, or Unmatched or OffCalendar. Files come
        // sorted by date or by student, so consecutive marks mostly share a student and often a day (the class periods
        // of one day): those need no look-up at all.
        var held = slotsBySnapshot[0];
        var (lastTableStudent, lastDay, lastCampus, cellBit) = (-1, 0, int.MinValue, Unmatched);

        // Day numbers, cell and bit numbers are far from overflowing (EnrollmentDays.Create checks the bits' count).
        unchecked
        {
            for (var i = 0; i < students.Length; i++)
            {
                var (t, day, slot) = (students[i], markDays[i], slots[i]);
                var info = held[slot];
                if (t != lastTableStudent || day != lastDay || info >> 2 != lastCampus)
                {
                    (lastTableStudent, lastDay, lastCampus) = (t, day, info >> 2);
                    cellBit = Locate(columns.FirstEnrollmentOfTable, layout.Days, t, day, info >> 2, out var snapshot);
                    held = slotsBySnapshot[snapshot];
                    info = held[slot];
                }

                if (cellBit < 0)
                {
                    (cellBit == Unmatched ? chunk.Unmatched ??= [] : chunk.OffCalendar ??= []).Add(from + i);
                    continue;
                }

                // The flag is 1 for present, 2 for absent: the cell's first bit, or its second. (An int shift takes its
                // count modulo 32: the bit's place in its word.)
                var flag = info & 3;
                if (flag != 0)
                {
                    var bit = cellBit + flag - 1;
                    readings[bit >> 5] |= 1 << bit;
                }
            }
        }

        return chunk;
    }

    /// <summary>
    /// Where a mark of student <paramref name="t"/> of the marks' table at campus number <paramref name="campus"/> on
    /// day number <paramref name="day"/> leads: the first bit of its day's cell, with the snapshot time's number, or
    /// <see cref="Unmatched"/> or <see cref="OffCalendar"/>. Three loads in a row (the student's first enrollment, the
    /// enrollment, its calendar's day), where going through the index's student, its range of enrollments and the
    /// calendar took six. Kept out of the loop over the marks, which it would crowd.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Locate(int[] firstEnrollmentOfTable, EnrolledDays[] days, int t, int day, int campus, out int snapshot)
    {
        snapshot = 0;
        for (var e = firstEnrollmentOfTable[t]; e >= 0;)
        {
            ref readonly var enrolled = ref days[e];
            if (day >= enrolled.Entry && day < enrolled.EndExclusive && enrolled.Campus == campus)
            {
                var offset = day - enrolled.Origin;
                var k = (uint)offset < (uint)enrolled.DayIndexByOffset.Length ? enrolled.DayIndexByOffset[offset] : -1;
                if (k < 0)
                {
                    // Covered by the enrollment, but the calendar does not teach that day: reported, never silently dropped.
                    return OffCalendar;
                }

                snapshot = enrolled.Snapshot;
                return enrolled.FirstBit + (2 * k);
            }

            e = enrolled.Next;
        }

        return Unmatched;
    }

    /// <summary>What <see cref="ReadChunk"/> keeps of a mark that no enrollment covers.</summary>
    private const int Unmatched = -1;

    /// <summary>What <see cref="ReadChunk"/> keeps of a covered mark on a day its calendar does not teach.</summary>
    private const int OffCalendar = -2;

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
                var (firstDay, lastDay) = (calendar.DayNumberAt(from), calendar.DayNumberAt(to - 1));
                if (!calendar.HasExcludedRanges && enrollment.HasOneCodeThrough(firstDay, lastDay) && ProgramsAlikeThrough(programs, firstDay, lastDay))
                {
                    AddDaysAlike(index.Options, enrollment, enrolled, readings, programs, from, to, period, p, accumulators, spare, leftOut, presentWithoutMark);
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
    /// Whether each program covers every day numbered <paramref name="first"/> through <paramref name="last"/> or none
    /// of them: then what the programs add to a day (an IEP for grade EE, the special-program days) is the same on each.
    /// </summary>
    private static bool ProgramsAlikeThrough(ReadOnlySpan<PreparedProgram> programs, int first, int last)
    {
        foreach (var program in programs)
        {
            if (program.Start <= last && program.End >= first && (program.Start > first || program.End < last))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Days [<paramref name="from"/>, <paramref name="to"/>) of a period of <paramref name="enrollment"/> when nothing but
    /// the snapshot reading changes from day to day (one ADA code, no excluded range, each program on every day or on
    /// none): each day comes to what <see cref="DayRules.Decide(PreparedEnrollment, int, bool, SnapshotReading, ReadOnlySpan{PreparedProgram}, DailyBuildOptions)"/>
    /// decides, in its order (code 0, codes 7 and 8, grade EE without an IEP, then conflicting and missing snapshot
    /// marks), summed over the days by reading.
    /// </summary>
    private static void AddDaysAlike(
        DailyBuildOptions options,
        PreparedEnrollment enrollment,
        in EnrolledDays enrolled,
        int[] readings,
        ReadOnlySpan<PreparedProgram> programs,
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
        var firstDay = calendar.DayNumberAt(from);
        var code = enrollment.CodeOn(firstDay);
        var alike = !code.IsInMembership ? DayExclusionReason.AdaCodeZero
            : code.Weight == DayWeight.FlexibleMinutes ? DayExclusionReason.FlexibleAttendanceProgram
            : enrollment.IsEarlyEducation && !DayRules.HasIep(programs, firstDay) ? DayExclusionReason.EarlyEducationWithoutIep
            : (DayExclusionReason?)null;
        if (alike is { } reason)
        {
            leftOut[(int)reason] += to - from;
            return;
        }

        var countPresent = options.NoSnapshotMark == NoSnapshotMarkRule.CountPresent;
        var cellOfDay = enrolled.Cell - enrolled.FirstDay;
        var count = CountReadings(readings, cellOfDay + from, cellOfDay + to, countPresent);
        leftOut[(int)DayExclusionReason.ConflictingSnapshotMarks] += count.Conflict;
        long present = count.Present;
        if (countPresent)
        {
            // Counted present under NoSnapshotMarkRule.CountPresent: reported, so the choice is never silent.
            present += count.NoMark;
            presentWithoutMark[0] += count.NoMark;
        }
        else
        {
            leftOut[(int)DayExclusionReason.NoSnapshotMark] += count.NoMark;
        }

        if (count.LastCounted < 0)
        {
            return;
        }

        // Codes 2, 5 and 6 count one half day of presence or absence for each instructional day; a code-4 or code-5
        // day present is an ineligible day present, and no special-program or bilingual/ESL day.
        long weight = code.IsHalfDay ? 1 : 2;
        var presentHalfDays = present * weight;
        var eligible = code.IsEligible ? presentHalfDays : 0;
        var on = DayRules.SpecialProgramsOn(programs, firstDay);
        var (prs, mainstream, residential) = (on.PregnancyRelatedServices ? eligible : 0, on.Mainstream ? eligible : 0, on.ResidentialFacility ? eligible : 0);

        var bilingualEsl = enrollment.Enrollment.BilingualEslFunding is null ? 0 : eligible;
        PeriodAttendanceBuilder.Find(accumulators, spare, enrollment, period, periodIndex).AddDays(
            code,
            new DayTotals(eligible, presentHalfDays - eligible, count.Absent * weight, prs, mainstream, residential, bilingualEsl),
            calendar.DayNumberAt(count.LastCounted - cellOfDay),
            enrollment.Enrollment);
    }

    /// <summary>
    /// The cells [<paramref name="first"/>, <paramref name="end"/>) counted by reading, a word (sixteen cells) at a time,
    /// and the last cell that counts (present or absent; with no mark too when <paramref name="noMarkCounts"/>), or -1.
    /// </summary>
    private static (int Present, int Absent, int NoMark, int Conflict, int LastCounted) CountReadings(int[] readings, int first, int end, bool noMarkCounts)
    {
        // The present bit of each cell is the even bit, the absent bit the odd one above it.
        const uint presentBits = 0x5555_5555;
        var (present, absent, noMark, conflict, last) = (0, 0, 0, 0, -1);
        var (firstBit, endBit) = (first * 2, end * 2);
        for (var w = firstBit >> 5; w <= (endBit - 1) >> 5; w++)
        {
            var (lo, hi) = (Math.Max(firstBit - (w << 5), 0), Math.Min(endBit - (w << 5), 32));
            var cells = (hi == 32 ? uint.MaxValue : (1u << hi) - 1) & (uint.MaxValue << lo) & presentBits;
            var bits = unchecked((uint)readings[w]);
            var (p, a) = (bits & cells, (bits >> 1) & cells);
            present += BitOperations.PopCount(p & ~a);
            absent += BitOperations.PopCount(a & ~p);
            conflict += BitOperations.PopCount(p & a);
            noMark += BitOperations.PopCount(cells & ~(p | a));
            var counted = noMarkCounts ? cells & ~(p & a) : p ^ a;
            if (counted != 0)
            {
                last = (w << 4) + (BitOperations.Log2(counted) >> 1);
            }
        }

        return (present, absent, noMark, conflict, last);
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

    /// <summary>The number of words of the cells' bits, two a cell (<see cref="StreamingBuild"/>).</summary>
    public int Words => (int)(((Cells * 2L) + 31) / 32);

    /// <summary>The index in <see cref="Days"/> of student <paramref name="s"/>'s first enrollment.</summary>
    public int FirstOf(int s) => _start[s];

    /// <summary>The campuses of the enrollments, numbered in order of first appearance (<see cref="EnrolledDays.Campus"/>).</summary>
    public Dictionary<CampusId, int> CampusNumbers { get; }

    /// <summary>The distinct snapshot times of the enrollments' calendars, numbered (<see cref="EnrolledDays.Snapshot"/>).</summary>
    public LocalTime[] SnapshotTimes { get; }

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
                var next = j + 1 < enrollments.Length ? start[s] + j + 1 : -1;
                days[start[s] + j] = new EnrolledDays(
                    e.Entry, e.EndExclusive, campus, calendar, snapshot, firstDay, endDay, checked((int)cells), next, calendar.OriginDay, calendar.DayIndexByOffset, checked((int)(2 * (cells - firstDay))));
                cells += endDay - firstDay;
            }
        }

        var snapshotTimes = new LocalTime[snapshotNumbers.Count];
        foreach (var (time, number) in snapshotNumbers)
        {
            snapshotTimes[number] = time;
        }

        // A cell's bits are numbered with an int (two a cell).
        _ = checked((int)(cells * 2));
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
        FirstEnrollmentOfTable = index.StudentsOfMarkTable();
        for (var t = 0; t < FirstEnrollmentOfTable.Length; t++)
        {
            // Every student of the index has an enrollment.
            FirstEnrollmentOfTable[t] = FirstEnrollmentOfTable[t] is var s and >= 0 ? layout.FirstOf(s) : -1;
        }

        var slots = index.InputMarks.SlotTable;
        var times = layout.SnapshotTimes;

        // One table even when no enrollment gives a snapshot time: every mark is then unmatched, read through table 0.
        SlotsBySnapshot = new int[Math.Max(1, times.Length)][];
        for (var t = 0; t < SlotsBySnapshot.Length; t++)
        {
            SlotsBySnapshot[t] = new int[slots.Length];
        }

        for (var slot = 0; slot < slots.Length; slot++)
        {
            ref readonly var held = ref slots[slot];

            // Every slot of the table is the slot of some mark: any present slot is a mark saying present.
            AnyPresent |= held.IsPresent;
            var campus = layout.CampusNumbers.TryGetValue(held.Campus, out var number) ? number : -1;
            for (var t = 0; t < SlotsBySnapshot.Length; t++)
            {
                var flag = t >= times.Length || !held.Holds(times[t]) ? 0 : held.IsPresent ? 1 : 2;
                SlotsBySnapshot[t][slot] = (campus << 2) | flag;
            }
        }
    }

    /// <summary>
    /// The first enrollment (in <see cref="EnrollmentDays.Days"/>, whose <see cref="EnrolledDays.Next"/> leads to the
    /// others) of each student of the table, or -1 when the student has no enrollment.
    /// </summary>
    public int[] FirstEnrollmentOfTable { get; }

    /// <summary>
    /// For snapshot time <c>t</c> (<see cref="EnrollmentDays.SnapshotTimes"/>) and slot <c>s</c>, at <c>[t][s]</c>:
    /// the slot's campus number (<see cref="EnrollmentDays.CampusNumbers"/>, or -1 when no enrollment is at its campus)
    /// shifted up two bits, over the flag the slot sets: 0 when its class period does not hold the time, 1 when it
    /// holds it and says present, 2 when it holds it and says absent. One load a mark gives both.
    /// </summary>
    public int[][] SlotsBySnapshot { get; }

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
/// <param name="Next">The student's next enrollment, or -1.</param>
/// <param name="Origin">The calendar's <see cref="SchoolCalendar.OriginDay"/>.</param>
/// <param name="DayIndexByOffset">The calendar's <see cref="SchoolCalendar.DayIndexByOffset"/>, held here to save the pass over the marks a step.</param>
/// <param name="FirstBit">The first bit of the cell of the calendar's first instructional day (day index 0), which may lie before the enrollment's cells: day index <c>k</c>'s cell starts at bit <c>FirstBit + 2k</c>.</param>
internal readonly record struct EnrolledDays(
    int Entry,
    int EndExclusive,
    int Campus,
    SchoolCalendar Calendar,
    int Snapshot,
    int FirstDay,
    int EndDay,
    int Cell,
    int Next,
    int Origin,
    int[] DayIndexByOffset,
    int FirstBit);
