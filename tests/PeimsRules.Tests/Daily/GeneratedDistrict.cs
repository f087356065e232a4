using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// A small random district for the property tests, built from a seed so that any failure can be replayed. A clean
/// district follows a plan: every enrolled instructional day has a planned status and a mark at the snapshot time, no
/// exclusions, codes 1 to 6 only, EE only with an IEP; so what the records must hold can be computed from the plan
/// alone (<see cref="Expected"/>). A messy one adds everything the builder must leave out: codes 0, 7, 8, EE without an
/// IEP, no-show and state-exclude enrollments, excluded calendars, campuses and date ranges, days without a snapshot
/// mark, conflicting marks, and marks on no enrollment.
/// </summary>
internal sealed class GeneratedDistrict
{
    private static readonly CampusId[] Campuses = [CampusId.Parse("101912001"), CampusId.Parse("101912002")];
    private static readonly string[] Grades = ["PK", "KG", "01", "02", "03", "04"];

    private GeneratedDistrict(int seed, bool clean) => (Seed, Clean) = (seed, clean);

    public int Seed { get; }

    public bool Clean { get; }

    public List<SchoolCalendar> Calendars { get; } = [];

    public List<StudentEnrollment> Enrollments { get; } = [];

    public List<DailyAttendanceMark> Marks { get; } = [];

    public List<ProgramParticipation> Programs { get; } = [];

    /// <summary>Each calendar's track, as the plan numbers it (by order among the campus's calendars).</summary>
    public Dictionary<SchoolCalendar, InstructionalTrack> Tracks { get; } = [];

    /// <summary>The planned status of each (student, campus, day) with a snapshot mark: true present.</summary>
    public Dictionary<(StudentId, CampusId, LocalDate), bool> Plan { get; } = [];

    public PeriodAttendanceBuild Build(DailyBuildOptions? options = null) =>
        PeriodAttendanceBuilder.Build(Calendars, Enrollments, Marks, Programs, options);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Clean ? "clean" : "messy")} district, seed {Seed}: {Calendars.Count} calendars, {Enrollments.Count} enrollments, {Marks.Count} marks, {Programs.Count} programs");

    public static GeneratedDistrict Create(int seed, bool clean)
    {
        var random = new Random(seed);
        var district = new GeneratedDistrict(seed, clean);
        var year = new SchoolYear(2025);
        var first = new LocalDate(2024, 8, 19);

        foreach (var campus in Campuses.Take(random.Next(1, 3)))
        {
            var count = random.Next(1, 3);
            var orders = Enumerable.Range(0, count).Select(i => i * 10).OrderBy(_ => random.Next()).ToArray();
            var campusExcluded = !clean && random.Next(10) == 0;
            var numbered = 0;
            var calendars = new List<SchoolCalendar>();
            for (var i = 0; i < count; i++)
            {
                var days = new List<LocalDate>();
                var periods = new List<CalendarReportingPeriod>();
                var day = first;
                for (var p = 1; p <= 6; p++)
                {
                    var start = day;
                    var length = random.Next(3, 8);
                    while (length > 0)
                    {
                        if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && random.Next(20) != 0)
                        {
                            days.Add(day);
                            length--;
                        }

                        day = day.PlusDays(1);
                    }

                    periods.Add(new CalendarReportingPeriod(new ReportingPeriod(p), start, day.PlusDays(-1)));
                }

                var excludedRanges = new List<DateInterval>();
                if (!clean && random.Next(3) == 0)
                {
                    var from = days[random.Next(days.Count)];
                    excludedRanges.Add(new DateInterval(from, from.PlusDays(random.Next(3))));
                }

                var calendar = new SchoolCalendar(
                    year,
                    campus,
                    "C" + i.ToString(CultureInfo.InvariantCulture),
                    orders[i],
                    random.Next(2) == 0 ? new LocalTime(9, 30) : new LocalTime(10, 15),
                    days,
                    periods,
                    excludedRanges,
                    isExcluded: !clean && random.Next(8) == 0,
                    isCampusExcluded: campusExcluded);
                calendars.Add(calendar);
            }

            foreach (var calendar in calendars.OrderBy(c => c.Order))
            {
                if (!calendar.IsExcluded)
                {
                    district.Tracks[calendar] = new InstructionalTrack(numbered++);
                }
            }

            district.Calendars.AddRange(calendars);
        }

        var students = random.Next(1, 6);
        for (var s = 0; s < students; s++)
        {
            var student = StudentId.Parse((1_000_000_001L + s).ToString(CultureInfo.InvariantCulture));
            var cursor = first.PlusDays(random.Next(0, 10));
            var enrollments = random.Next(1, 4);
            var needsIep = false;
            for (var e = 0; e < enrollments; e++)
            {
                var calendar = district.Calendars[random.Next(district.Calendars.Count)];
                var last = e == enrollments - 1 && random.Next(3) == 0;
                LocalDate? withdrawal = last ? null : cursor.PlusDays(random.Next(1, 25));
                var grade = !clean || random.Next(6) != 0 ? Grades[random.Next(Grades.Length)] : "EE";
                if (!clean && random.Next(8) == 0)
                {
                    grade = "EE";
                }

                needsIep |= clean && grade == "EE";
                var codes = clean ? new[] { 1, 2, 3, 4, 5, 6 } : [0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8];
                var changes = new List<AdaEligibilityChange>();
                var end = withdrawal ?? cursor.PlusDays(60);
                if (random.Next(3) == 0 && Period.DaysBetween(cursor, end) > 2)
                {
                    changes.Add(new AdaEligibilityChange(cursor.PlusDays(random.Next(1, Period.DaysBetween(cursor, end))), AdaEligibility.FromCode(codes[random.Next(codes.Length)])));
                }

                var enrollment = new StudentEnrollment(
                    student,
                    calendar.Campus,
                    calendar.CalendarCode,
                    GradeLevel.Parse(grade),
                    cursor,
                    withdrawal,
                    AdaEligibility.FromCode(codes[random.Next(codes.Length)]),
                    changes,
                    isNoShow: !clean && random.Next(15) == 0,
                    isStateExcluded: !clean && random.Next(15) == 0,
                    EconomicDisadvantage.All[random.Next(EconomicDisadvantage.All.Count)],
                    EmergentBilingual.All[random.Next(EmergentBilingual.All.Count)],
                    random.Next(3) == 0 ? BilingualEslFunding.All[random.Next(3)] : null);
                district.Enrollments.Add(enrollment);
                district.AddMarks(random, enrollment, calendar);
                if (withdrawal is not { } w)
                {
                    break;
                }

                cursor = w.PlusDays(random.Next(0, 4));
            }

            if (needsIep)
            {
                district.Programs.Add(new ProgramParticipation(student, SpecialProgram.SpecialEducation, first.PlusDays(-30), null, "41"));
            }

            for (var p = random.Next(0, 4); p > 0; p--)
            {
                var program = (SpecialProgram)random.Next(3);
                var start = first.PlusDays(random.Next(0, 40));
                LocalDate? stop = random.Next(2) == 0 ? null : start.PlusDays(random.Next(0, 30));
                district.Programs.Add(new ProgramParticipation(student, program, start, stop, program == SpecialProgram.SpecialEducation ? (random.Next(2) == 0 ? "40" : "41") : null));
            }

            if (!clean && random.Next(4) == 0)
            {
                // A mark on a day the student has no enrollment at that campus.
                var campus = Campuses[random.Next(Campuses.Length)];
                district.Marks.Add(Mark(student, campus, first.PlusDays(-3), 2, AttendanceMarkStatus.Present));
            }
        }

        district.AddPresentMarkIfNone();
        return district;
    }

    /// <summary>
    /// Some mark of a district says present: a file of absences only is refused by the builder, which has tests of its
    /// own (BuilderReportsTests), and a tiny messy district can come out with absent marks alone by chance. The mark added
    /// is outside the snapshot time of an instructional day, so it changes no day's attendance.
    /// </summary>
    private void AddPresentMarkIfNone()
    {
        if (Marks.Any(m => m.IsPresent))
        {
            return;
        }

        foreach (var enrollment in Enrollments)
        {
            var calendar = Calendars.First(c => c.Campus == enrollment.Campus && c.CalendarCode == enrollment.CalendarCode);
            var end = enrollment.WithdrawalDate ?? calendar.ReportingPeriods[^1].End.PlusDays(1);
            foreach (var day in calendar.InstructionalDays.Where(d => d >= enrollment.EntryDate && d < end))
            {
                var snapshotPeriod = calendar.AttendanceSnapshotTime.Hour - 7;
                Marks.Add(Mark(enrollment.Student, enrollment.Campus, day, snapshotPeriod == 1 ? 3 : 1, AttendanceMarkStatus.Present));
                return;
            }
        }
    }

    private void AddMarks(Random random, StudentEnrollment enrollment, SchoolCalendar calendar)
    {
        var snapshotPeriod = calendar.AttendanceSnapshotTime.Hour - 7;
        var end = enrollment.WithdrawalDate ?? calendar.ReportingPeriods[^1].End.PlusDays(1);
        foreach (var day in calendar.InstructionalDays.Where(d => d >= enrollment.EntryDate && d < end))
        {
            var present = random.Next(5) != 0;
            var roll = random.Next(25);
            if (!Clean && roll == 0)
            {
                continue; // no marks at all that day
            }

            var status = present ? (random.Next(10) == 0 ? AttendanceMarkStatus.PresentForFunding : AttendanceMarkStatus.Present) : AttendanceMarkStatus.Absent;
            if (Clean || roll != 1)
            {
                Marks.Add(Mark(enrollment.Student, enrollment.Campus, day, snapshotPeriod, status));
                Plan[(enrollment.Student, enrollment.Campus, day)] = present;
            }

            if (!Clean && roll == 2)
            {
                // A second mark at the snapshot time that disagrees.
                Marks.Add(new DailyAttendanceMark(enrollment.Student, enrollment.Campus, day, calendar.AttendanceSnapshotTime.PlusMinutes(-5), calendar.AttendanceSnapshotTime.PlusMinutes(5), present ? AttendanceMarkStatus.Absent : AttendanceMarkStatus.Present, "x"));
            }

            for (var other = 1; other <= 4; other++)
            {
                if (other != snapshotPeriod && random.Next(2) == 0)
                {
                    Marks.Add(Mark(enrollment.Student, enrollment.Campus, day, other, random.Next(2) == 0 ? AttendanceMarkStatus.Present : AttendanceMarkStatus.Absent));
                }
            }
        }

        if (!Clean && random.Next(3) == 0)
        {
            // A mark on a weekend day inside the enrollment: not an instructional day.
            var saturday = enrollment.EntryDate.Next(IsoDayOfWeek.Saturday);
            if (enrollment.WithdrawalDate is not { } w || saturday < w)
            {
                Marks.Add(Mark(enrollment.Student, enrollment.Campus, saturday, 2, AttendanceMarkStatus.Present));
            }
        }
    }

    private static DailyAttendanceMark Mark(StudentId student, CampusId campus, LocalDate day, int classPeriod, AttendanceMarkStatus status) =>
        new(student, campus, day, new LocalTime(7 + classPeriod, 0), new LocalTime(7 + classPeriod, 50), status, classPeriod.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// For a clean district, the records the plan implies, computed without the builder: for each enrollment, each
    /// instructional day of each period inside it, the code in force (the latest change on or before the day), the
    /// planned status, a weight of one half for codes 2, 5, 6; summed by student, campus, grade, track and period (the
    /// 42400 key), each record carrying the one code in force on all its days, or none when the code changed.
    /// </summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Expected()
    {
        if (!Clean)
        {
            throw new InvalidOperationException("Only a clean district has a plan for every day.");
        }

        var sums = new Dictionary<(StudentId, CampusId, GradeLevel, InstructionalTrack, int), (long Eligible, long Ineligible, long Absent, DayCount Taught, StudentEnrollment Last, LocalDate LastDay, int Code)>();
        foreach (var enrollment in Enrollments)
        {
            var calendar = Calendars.Single(c => c.Campus == enrollment.Campus && c.CalendarCode == enrollment.CalendarCode);
            var end = enrollment.WithdrawalDate ?? LocalDate.MaxIsoValue;
            foreach (var period in calendar.ReportingPeriods)
            {
                var taught = DayCount.FromDays(calendar.InstructionalDays.Count(d => period.Dates.Contains(d)));
                foreach (var day in calendar.InstructionalDays.Where(d => period.Dates.Contains(d) && d >= enrollment.EntryDate && d < end))
                {
                    var code = enrollment.AdaEligibility.Last(c => c.EffectiveDate <= day).Code.Code;
                    long weight = code is 2 or 5 or 6 ? 1 : 2;
                    var present = Plan[(enrollment.Student, enrollment.Campus, day)];
                    var key = (enrollment.Student, enrollment.Campus, enrollment.GradeLevel, Tracks[calendar], period.Period.Number);
                    var sum = sums.GetValueOrDefault(key, (0, 0, 0, taught, enrollment, day, code));
                    if (sum.Code != code)
                    {
                        sum.Code = -1;
                    }

                    if (!present)
                    {
                        sum.Absent += weight;
                    }
                    else if (code is 1 or 2 or 3 or 6)
                    {
                        sum.Eligible += weight;
                    }
                    else
                    {
                        sum.Ineligible += weight;
                    }

                    if (day >= sum.LastDay)
                    {
                        (sum.Last, sum.LastDay) = (enrollment, day);
                    }

                    sums[key] = sum;
                }
            }
        }

        return sums.Select(pair => new BasicReportingPeriodAttendance(
            new SchoolYear(2025),
            new ReportingPeriodAttendanceKey(pair.Key.Item2, pair.Key.Item1, pair.Key.Item3, pair.Key.Item4, new ReportingPeriod(pair.Key.Item5)),
            pair.Value.Taught,
            DayCount.FromHalfDays(pair.Value.Eligible),
            DayCount.FromHalfDays(pair.Value.Ineligible),
            DayCount.FromHalfDays(pair.Value.Absent),
            new StudentFundingAttributes(pair.Value.Last.EconomicDisadvantage, pair.Value.Last.EmergentBilingual, pair.Value.Last.BilingualEslFunding),
            adaEligibility: pair.Value.Code < 0 ? null : AdaEligibility.FromCode(pair.Value.Code)))
            .ToList();
    }
}

/// <summary>A clean generated district (see <see cref="GeneratedDistrict"/>).</summary>
public sealed record CleanDistrict(int Seed)
{
    internal GeneratedDistrict District { get; } = GeneratedDistrict.Create(Seed, clean: true);

    public override string ToString() => District.ToString();
}

/// <summary>A messy generated district (see <see cref="GeneratedDistrict"/>).</summary>
public sealed record MessyDistrict(int Seed)
{
    internal GeneratedDistrict District { get; } = GeneratedDistrict.Create(Seed, clean: false);

    public override string ToString() => District.ToString();
}

/// <summary>The generators FsCheck uses for the two kinds of district.</summary>
public static class DailyArbitraries
{
    public static Arbitrary<CleanDistrict> Clean() => Arb.From(FsCheck.Fluent.Gen.Choose(1, 1_000_000).Select(seed => new CleanDistrict(seed)));

    public static Arbitrary<MessyDistrict> Messy() => Arb.From(FsCheck.Fluent.Gen.Choose(1, 1_000_000).Select(seed => new MessyDistrict(seed)));
}
