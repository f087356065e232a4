using PeimsRules.Rules;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// Builds the reporting-period attendance records (TSDS 42400 Basic Reporting Period Attendance, and the special-programs
/// days beside them) from calendars, enrollments, daily attendance marks and program participation, as the Ed-Fi Texas v4.0
/// reporting-period attendance object logic does.
/// </summary>
/// <remarks>
/// <para>The rules, each of which leaves a day out for a named <see cref="DayExclusionReason"/>:</para>
/// <list type="bullet">
/// <item><description>Attendance is reported for each campus the student has an enrollment in, over the instructional days
/// from each reporting period's start date through its end date, leaving out the calendar's excluded date ranges, and
/// only while an ADA eligibility code other than 0 is in force.</description></item>
/// <item><description>Nothing is reported from an enrollment marked state exclude or no show, from a calendar marked exclude,
/// or from a campus marked exclude.</description></item>
/// <item><description>The mark in the class period that holds the campus's attendance snapshot time decides whether the
/// student is present or absent that day; marks in any other period do not count.</description></item>
/// <item><description>Codes 2, 5 and 6 count one half day of presence or absence for each instructional day; days present
/// under codes 1, 2, 3 and 6 are eligible days present (E0937), under codes 4 and 5 ineligible days present (E0936).
/// Codes 7 and 8 (flexible attendance, counted in minutes) are not daily attendance.</description></item>
/// <item><description>A grade EE student's day counts only where an IEP overlaps it.</description></item>
/// <item><description>One record per key (TEA business rule 42400-000A: student, campus, grade, track, reporting period): a
/// change of campus, grade or track inside a period makes a separate record; several entries and withdrawals in the same
/// campus, grade, track and period fold into one record whose days are summed. A change of ADA code inside a period does
/// not make a second record: each day is split into eligible, ineligible or absent by the code in force that day. The
/// record carries the enrollment's code (for the audit) when one code was in force on all its days, none when the code
/// changed.</description></item>
/// <item><description>Days taught (E0935) are the calendar's instructional days in the period; the track (E0975) is 00 for a
/// campus's only or first calendar, then 01, 02, ... in the calendars' order.</description></item>
/// <item><description>Special-program days present (pregnancy-related services E0939, special-education mainstream setting 40
/// E0940, residential facility E1652) are eligible days present on which the program is active, with the same half-day
/// rule for codes 2 and 6. Bilingual/ESL days present (E0938) are eligible days present on which the enrollment carries a
/// bilingual/ESL funding code (E1651), filed under that code: days of one record under two codes make one
/// special-programs record per code (TEA keys the bilingual/ESL record by its funding code).</description></item>
/// </list>
/// <para>
/// A record's economic disadvantage, emergent bilingual and bilingual/ESL funding codes are those of the enrollment
/// that covers the record's last counted day. Exact: every count is a whole number of half days. The output does not
/// depend on the order of the inputs: records come by student id, then period, campus, grade and track.
/// </para>
/// <para>
/// At district scale (a large district's year is tens of millions of marks) the build reads the marks once, in the
/// order they come, on every core: each mark is given to the enrollment that covers its date and only what the
/// snapshot rule needs is kept of it; then each student's days are decided. Marks are not sorted (nor copied, given as a
/// <see cref="DailyAttendanceMarks"/>), so the time grows with the number of marks and no faster; a file sorted by date
/// then student, or by student, reads fastest.
/// </para>
/// </remarks>
[TeaSource("Ed-Fi TX Special Programs Reporting Period Attendance object logic")]
[TeaSource("TEA data standards, complex type 42400 Basic Reporting Period Attendance; code table C059")]
[TeaSource("Texas SIS documentation: the withdrawal date is the first day not in membership", Status = CitationStatus.VendorDocumented)]
public static class PeriodAttendanceBuilder
{
    /// <summary>Builds the period records of one school year.</summary>
    /// <param name="calendars">The campus calendars, all of one school year.</param>
    /// <param name="enrollments">The enrollments; each names a calendar of its campus.</param>
    /// <param name="marks">
    /// The class-period attendance marks. A <see cref="DailyAttendanceMarks"/> (what the readers of daily attendance
    /// fill) is read as it is, without a copy; other marks are first put into one (the build keeps the marks for
    /// <see cref="PeriodAttendanceBuild.Explain"/>).
    /// </param>
    /// <param name="programs">Program participation: IEPs, pregnancy-related services, residential facility.</param>
    /// <param name="options">The choices the sources leave open; <see cref="DailyBuildOptions.Default"/> when omitted.</param>
    /// <exception cref="DailyAttendanceInputException">The inputs contradict each other; every problem is listed.</exception>
    public static PeriodAttendanceBuild Build(
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation>? programs = null,
        DailyBuildOptions? options = null) =>
        BuildStreaming(calendars, enrollments, marks, programs, options, StreamingBuild.ParallelFromStudents, StreamingBuild.StudentsPerRun, StreamingBuild.MarksPerChunk);

    /// <summary>
    /// The fast path (<see cref="StreamingBuild"/>), run in parallel from <paramref name="parallelFromStudents"/> students in runs of
    /// <paramref name="studentsPerRun"/>, over the marks in chunks of <paramref name="marksPerChunk"/> (tests set these small);
    /// the chunks taken in turn by one worker a core, or, when <paramref name="dealtToWorkers"/> is more than 0, dealt
    /// in turn to that many workers (tests deal them, so that every worker's bits are read and joined whatever the
    /// machine's load).
    /// </summary>
    internal static PeriodAttendanceBuild BuildStreaming(
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation>? programs,
        DailyBuildOptions? options,
        int parallelFromStudents,
        int studentsPerRun,
        int marksPerChunk,
        int dealtToWorkers = 0)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentOutOfRangeException.ThrowIfLessThan(studentsPerRun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(marksPerChunk, 1);
        options ??= DailyBuildOptions.Default;
        var index = DailyIndex.Create(calendars, enrollments, marks, programs ?? [], options);
        return StreamingBuild.Build(index, parallelFromStudents, studentsPerRun, marksPerChunk, dealtToWorkers);
    }

    /// <summary>The reference build (<see cref="BuildInRuns"/>) with its own parallel settings: what the benchmarks compare the fast path with.</summary>
    internal static PeriodAttendanceBuild BuildReference(
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation>? programs = null,
        DailyBuildOptions? options = null) =>
        BuildInRuns(calendars, enrollments, marks, programs, options, ParallelFromStudents, StudentsPerRun);

    /// <summary>
    /// The reference build, the readable truth the fast path (<see cref="StreamingBuild"/>) is checked against: the marks
    /// packed by student, each student's days decided from its marks; run in parallel from
    /// <paramref name="parallelFromStudents"/> students in runs of <paramref name="studentsPerRun"/> (tests set these small).
    /// </summary>
    internal static PeriodAttendanceBuild BuildInRuns(
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation>? programs,
        DailyBuildOptions? options,
        int parallelFromStudents,
        int studentsPerRun)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(enrollments);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentOutOfRangeException.ThrowIfLessThan(studentsPerRun, 1);
        options ??= DailyBuildOptions.Default;
        var index = DailyIndex.Create(calendars, enrollments, marks, programs ?? [], options);

        var leftOut = new long[Enum.GetValues<DayExclusionReason>().Length];
        var matched = new bool[index.Marks.Length];
        var offCalendar = new bool[index.Marks.Length];
        var maxSpan = index.Enrollments.SelectMany(e => e).Select(e => e.Calendar.Calendar.Span).DefaultIfEmpty(0).Max();

        // Students are independent: runs of students are built on every core, each with its own scratch, and their
        // records joined in student order, so the output is the one-thread build's. Small builds stay on one thread.
        var runs = index.Students.Length < parallelFromStudents ? 1 : Math.Max(1, (index.Students.Length + studentsPerRun - 1) / studentsPerRun);
        var parts = new StudentRun[runs];
        if (runs == 1)
        {
            parts[0] = BuildStudents(index, 0, index.Students.Length, maxSpan, matched, offCalendar);
        }
        else
        {
            Parallel.For(0, runs, r => parts[r] = BuildStudents(
                index, r * studentsPerRun, Math.Min(index.Students.Length, (r + 1) * studentsPerRun), maxSpan, matched, offCalendar));
        }

        var records = new List<BasicReportingPeriodAttendance>(parts.Sum(p => p.Records.Count));
        var special = new List<SpecialProgramsAttendancePeriod>(parts.Sum(p => p.Special.Count));
        foreach (var part in parts)
        {
            // The first failing student's error, as the one-thread build would throw it.
            part.Error?.Throw();
            records.AddRange(part.Records);
            special.AddRange(part.Special);
            for (var r = 0; r < leftOut.Length; r++)
            {
                leftOut[r] += part.LeftOut[r];
            }
        }

        var unmatched = index.MarksOfNoEnrolledStudent.ToList();
        for (var s = 0; s < index.Students.Length; s++)
        {
            foreach (var m in index.MarksOf(s))
            {
                if (!matched[m])
                {
                    unmatched.Add(m);
                }
            }
        }

        var unmatchedMarks = InMarkOrder(unmatched.Select(i => index.Marks[i]));
        var nonInstructional = InMarkOrder(Enumerable.Range(0, offCalendar.Length).Where(i => offCalendar[i]).Select(i => index.Marks[i]));
        if (options.NoSnapshotMark == NoSnapshotMarkRule.LeaveDayOut && leftOut[(int)DayExclusionReason.NoSnapshotMark] > 0 && !index.Marks.Any(m => m.IsPresent))
        {
            throw AbsencesOnly(leftOut[(int)DayExclusionReason.NoSnapshotMark]);
        }

        var leftOutDays = Enum.GetValues<DayExclusionReason>().Where(r => leftOut[(int)r] > 0).ToDictionary(r => r, r => leftOut[(int)r]);
        return new PeriodAttendanceBuild(index, records.AsReadOnly(), special.AsReadOnly(), Array.AsReadOnly(unmatchedMarks), Array.AsReadOnly(nonInstructional), leftOutDays.AsReadOnly(), parts.Sum(p => p.PresentWithoutMark[0]));
    }

    /// <summary>The error of a build whose marks say no one was present while <paramref name="days"/> days have no mark at the snapshot time.</summary>
    internal static DailyAttendanceInputException AbsencesOnly(long days) =>
        // An export of absences only (negative attendance) would otherwise become records with no day present.
        new([
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no attendance mark says present, and {days} enrolled instructional days have no mark at the snapshot time: the attendance file looks like an export of absences only (negative attendance). Build with the negative-attendance option (periods --negative-attendance; DailyBuildOptions.NoSnapshotMark = CountPresent) to count a day in membership with no absence mark as present."),
        ]);

    internal static DailyAttendanceMark[] InMarkOrder(IEnumerable<DailyAttendanceMark> marks) => marks
        .OrderBy(m => m.Student).ThenBy(m => m.Campus).ThenBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.End)
        .ThenBy(m => m.Status).ThenBy(m => m.ClassPeriod, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The number of <see cref="DayExclusionReason"/> values.</summary>
    internal static readonly int Reasons = Enum.GetValues<DayExclusionReason>().Length;

    /// <summary>The reference build runs in parallel from this many students.</summary>
    private const int ParallelFromStudents = 8_192;

    /// <summary>The students of one parallel run.</summary>
    private const int StudentsPerRun = 2_048;

    /// <summary>The records of students [<paramref name="from"/>, <paramref name="to"/>), in student order, with its own scratch.</summary>
    private static StudentRun BuildStudents(DailyIndex index, int from, int to, int maxSpan, bool[] matched, bool[] offCalendar)
    {
        var run = new StudentRun(Enum.GetValues<DayExclusionReason>().Length);
        var slots = new int[maxSpan];
        var accumulators = new List<RecordAccumulator>();
        try
        {
            for (var s = from; s < to; s++)
            {
                accumulators.Clear();
                BuildStudent(index, s, slots, matched, offCalendar, accumulators, run.LeftOut, run.PresentWithoutMark);
                run.Add(accumulators, index.Students[s]);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DailyAttendanceInputException or OverflowException)
        {
            run.Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }

        return run;
    }

    /// <summary>What one run of students built.</summary>
    internal sealed class StudentRun(int reasons, int capacity = 0)
    {
        public List<BasicReportingPeriodAttendance> Records { get; } = new(capacity);

        public List<SpecialProgramsAttendancePeriod> Special { get; } = [];

        public long[] LeftOut { get; } = new long[reasons];

        /// <summary>The days counted present under negative attendance (no mark at the snapshot time), in one cell.</summary>
        public long[] PresentWithoutMark { get; } = new long[1];

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error { get; set; }

        /// <summary>Adds a student's records, in record order, and the special-programs records of each.</summary>
        public void Add(List<RecordAccumulator> accumulators, StudentId student)
        {
            accumulators.Sort(RecordAccumulator.Order);
            foreach (var acc in accumulators)
            {
                var record = acc.ToRecord(student);
                Records.Add(record);
                if (acc.SpecialProgramHalfDays > 0)
                {
                    acc.AddSpecialProgramsRecords(record, Special);
                }
            }
        }
    }

    private static void BuildStudent(DailyIndex index, int s, int[] slots, bool[] matched, bool[] offCalendar, List<RecordAccumulator> accumulators, long[] leftOut, long[] presentWithoutMark)
    {
        var marks = index.Marks;
        var markDays = index.MarkDays;
        var studentMarks = index.MarksOf(s);
        var programs = index.Programs[s];
        foreach (var enrollment in index.Enrollments[s])
        {
            var calendar = enrollment.Calendar.Calendar;
            var origin = calendar.OriginDay;
            var campus = enrollment.Enrollment.Campus;

            // The enrolled part of the calendar's days, as offsets from its first date; their snapshot slots start empty.
            var firstOffset = Math.Clamp(enrollment.Entry - origin, 0, calendar.Span);
            var endOffset = enrollment.EndExclusive == int.MaxValue ? calendar.Span : Math.Clamp(enrollment.EndExclusive - origin, 0, calendar.Span);
            if (endOffset > firstOffset)
            {
                Array.Fill(slots, DayRules.NoMark, firstOffset, endOffset - firstOffset);
            }

            // The Ed-Fi Texas v4.0 reporting-period attendance object logic: the mark of the class period that holds the snapshot time decides the day; others do not count.
            var snapshot = calendar.AttendanceSnapshotTime;
            foreach (var m in studentMarks)
            {
                var day = markDays[m];
                if (!enrollment.Covers(day) || marks[m].Campus != campus)
                {
                    continue;
                }

                matched[m] = true;
                if (calendar.DayIndexOf(marks[m].Date) < 0)
                {
                    // Covered by the enrollment, but the calendar does not teach that day: reported, never silently dropped.
                    offCalendar[m] = true;
                    continue;
                }

                var offset = day - origin;
                if (offset >= firstOffset && offset < endOffset && marks[m].Holds(snapshot))
                {
                    slots[offset] = DayRules.Combine(slots[offset], m, marks);
                }
            }

            for (var p = 0; p < calendar.PeriodCount; p++)
            {
                var (first, last) = calendar.DayRangeOfPeriodAt(p);
                var from = Math.Max(first, calendar.FirstIndexOnOrAfter(enrollment.Entry));
                var to = Math.Min(last, calendar.FirstIndexOnOrAfter(enrollment.EndExclusive));
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
                RecordAccumulator? current = null;
                for (var k = from; k < to; k++)
                {
                    var day = calendar.DayNumberAt(k);
                    var offset = day - origin;
                    var decision = DayRules.Decide(enrollment, day, calendar.IsExcludedAtOffset(offset), slots[offset], programs, marks, index.Options);
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

                    current ??= Find(accumulators, enrollment, period, p);
                    current.Add(decision, day, enrollment.Enrollment);
                }
            }
        }
    }

    internal static RecordAccumulator Find(List<RecordAccumulator> accumulators, PreparedEnrollment enrollment, ReportingPeriod period, int periodIndex) =>
        Find(accumulators, NoSpare, enrollment, period, periodIndex);

    /// <summary>No accumulator to reuse (never added to: a new one is made when it is empty).</summary>
    private static readonly List<RecordAccumulator> NoSpare = [];

    /// <summary>As <see cref="Find(List{RecordAccumulator}, PreparedEnrollment, ReportingPeriod, int)"/>, taking a new accumulator from <paramref name="spare"/> when it has one.</summary>
    internal static RecordAccumulator Find(List<RecordAccumulator> accumulators, List<RecordAccumulator> spare, PreparedEnrollment enrollment, ReportingPeriod period, int periodIndex)
    {
        var track = enrollment.Calendar.Track!.Value;
        var grade = enrollment.Enrollment.GradeLevel;
        var campus = enrollment.Enrollment.Campus;
        foreach (var acc in accumulators)
        {
            if (acc.Period == period && acc.Grade == grade && acc.Track == track && acc.Campus == campus)
            {
                return acc;
            }
        }

        var year = enrollment.Calendar.Calendar.SchoolYear;
        var daysTaught = enrollment.Calendar.DaysTaught[periodIndex];
        RecordAccumulator added;
        if (spare.Count == 0)
        {
            added = new RecordAccumulator(year, campus, grade, track, period, daysTaught);
        }
        else
        {
            added = spare[^1];
            spare.RemoveAt(spare.Count - 1);
            added.Reset(year, campus, grade, track, period, daysTaught);
        }

        accumulators.Add(added);
        return added;
    }
}

/// <summary>The running totals of one record: one campus, grade, track and period of one student (the 42400 key).</summary>
internal sealed class RecordAccumulator
{
    private SchoolYear _year;
    private DayCount _daysTaught;

    public RecordAccumulator(SchoolYear year, CampusId campus, GradeLevel grade, InstructionalTrack track, ReportingPeriod period, DayCount daysTaught) =>
        Reset(year, campus, grade, track, period, daysTaught);

    public static Comparison<RecordAccumulator> Order { get; } = (a, b) =>
    {
        var c = a.Period.CompareTo(b.Period);
        if (c == 0)
        {
            c = a.Campus.CompareTo(b.Campus);
        }

        if (c == 0)
        {
            c = a.Grade.CompareTo(b.Grade);
        }

        return c == 0 ? a.Track.CompareTo(b.Track) : c;
    };

    public CampusId Campus { get; private set; }

    public GradeLevel Grade { get; private set; }

    public InstructionalTrack Track { get; private set; }

    public ReportingPeriod Period { get; private set; }

    /// <summary>The one ADA code in force on every counted day, or <see langword="null"/> when it changed (or no day was counted).</summary>
    public AdaEligibility? Code => _codes == 1 ? _code : null;

    private AdaEligibility _code;
    private int _codes;

    public long Eligible { get; private set; }

    public long Ineligible { get; private set; }

    public long Absent { get; private set; }

    public long PregnancyRelatedServices { get; private set; }

    public long Mainstream { get; private set; }

    public long ResidentialFacility { get; private set; }

    /// <summary>The bilingual/ESL half days present (E0938), by funding code (<see cref="BilingualEslFunding.All"/> order).</summary>
    private long[]? _bilingualEsl;

    public long SpecialProgramHalfDays => PregnancyRelatedServices + Mainstream + ResidentialFacility + _bilingualEslTotal;

    private long _bilingualEslTotal;

    private int _lastDay;
    private StudentEnrollment? _lastEnrollment;

    /// <summary>Makes the accumulator a new, empty one of the key given (the fast path reuses accumulators from student to student).</summary>
    public void Reset(SchoolYear year, CampusId campus, GradeLevel grade, InstructionalTrack track, ReportingPeriod period, DayCount daysTaught)
    {
        (_year, _daysTaught, Campus, Grade, Track, Period) = (year, daysTaught, campus, grade, track, period);
        (_code, _codes, _lastDay, _lastEnrollment) = (default, 0, 0, null);
        (Eligible, Ineligible, Absent, PregnancyRelatedServices, Mainstream, ResidentialFacility, _bilingualEslTotal) = (0, 0, 0, 0, 0, 0, 0);
        if (_bilingualEsl is not null)
        {
            Array.Clear(_bilingualEsl);
        }
    }

    /// <summary>Adds a counted day (day number <paramref name="date"/>) of <paramref name="enrollment"/>.</summary>
    public void Add(DayDecision day, int date, StudentEnrollment enrollment) => AddDays(
        day.Code,
        new DayTotals(day.EligibleHalfDays, day.IneligibleHalfDays, day.AbsentHalfDays, day.PregnancyRelatedServicesHalfDays, day.MainstreamHalfDays, day.ResidentialFacilityHalfDays, day.BilingualEslHalfDays),
        date,
        enrollment);

    /// <summary>
    /// Adds counted days of <paramref name="enrollment"/> under one <paramref name="code"/> at once, as <see cref="Add"/>
    /// would add them one by one (the fast path's days that differ only in their reading): their half days, and the
    /// last of them, day number <paramref name="lastDay"/>.
    /// </summary>
    public void AddDays(AdaEligibility code, in DayTotals days, int lastDay, StudentEnrollment enrollment)
    {
        if (_codes == 0)
        {
            _code = code;
            _codes = 1;
        }
        else if (_codes == 1 && code != _code)
        {
            _codes = 2;
        }

        Eligible += days.Eligible;
        Ineligible += days.Ineligible;
        Absent += days.Absent;
        PregnancyRelatedServices += days.PregnancyRelatedServices;
        Mainstream += days.Mainstream;
        ResidentialFacility += days.ResidentialFacility;
        if (days.BilingualEsl > 0)
        {
            AddBilingualEsl(enrollment.BilingualEslFunding!.Value, days.BilingualEsl);
        }

        if (_lastEnrollment is null || lastDay > _lastDay)
        {
            _lastDay = lastDay;
            _lastEnrollment = enrollment;
        }
    }

    private void AddBilingualEsl(BilingualEslFunding funding, long halfDays)
    {
        (_bilingualEsl ??= new long[BilingualEslFunding.All.Count])[funding.Index] += halfDays;
        _bilingualEslTotal += halfDays;
    }

    /// <summary>
    /// The special-programs records of <paramref name="record"/>: one, with every program's days and the bilingual/ESL days
    /// of the first funding code that has any; then one more for each further code, with that code's bilingual/ESL days only.
    /// </summary>
    public void AddSpecialProgramsRecords(BasicReportingPeriodAttendance record, List<SpecialProgramsAttendancePeriod> special)
    {
        var all = BilingualEslFunding.All;
        var firstAt = -1;
        for (var i = 0; _bilingualEsl is not null && i < all.Count; i++)
        {
            if (_bilingualEsl[all[i].Index] > 0)
            {
                firstAt = i;
                break;
            }
        }

        BilingualEslFunding? first = firstAt >= 0 ? all[firstAt] : null;
        special.Add(new SpecialProgramsAttendancePeriod(
            record,
            DayCount.FromHalfDays(PregnancyRelatedServices),
            DayCount.FromHalfDays(Mainstream),
            DayCount.FromHalfDays(ResidentialFacility),
            first is { } f0 ? DayCount.FromHalfDays(_bilingualEsl![f0.Index]) : DayCount.Zero,
            first));
        for (var i = firstAt + 1; firstAt >= 0 && i < all.Count; i++)
        {
            if (_bilingualEsl![all[i].Index] > 0)
            {
                special.Add(new SpecialProgramsAttendancePeriod(record, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.FromHalfDays(_bilingualEsl[all[i].Index]), all[i]));
            }
        }
    }

    public BasicReportingPeriodAttendance ToRecord(StudentId student)
    {
        var funding = _lastEnrollment!;
        return new BasicReportingPeriodAttendance(
            _year,
            new ReportingPeriodAttendanceKey(Campus, student, Grade, Track, Period),
            _daysTaught,
            DayCount.FromHalfDays(Eligible),
            DayCount.FromHalfDays(Ineligible),
            DayCount.FromHalfDays(Absent),
            new StudentFundingAttributes(funding.EconomicDisadvantage, funding.EmergentBilingual, funding.BilingualEslFunding),
            adaEligibility: Code);
    }
}

/// <summary>The half days some counted days add to a record, by kind (<see cref="RecordAccumulator.AddDays"/>).</summary>
internal readonly record struct DayTotals(
    long Eligible,
    long Ineligible,
    long Absent,
    long PregnancyRelatedServices,
    long Mainstream,
    long ResidentialFacility,
    long BilingualEsl);
