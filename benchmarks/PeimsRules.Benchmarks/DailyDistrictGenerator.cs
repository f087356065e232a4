using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Generates a district's daily data, the shape of a large Texas district: about 670 students a campus, one calendar a
/// campus (a tenth of campuses have a second track), 180 instructional days in six periods of 30, every student
/// enrolled every day (a tenth transfer between campuses mid-year), <see cref="MarksPerDay"/> marks a school day (the
/// class period holding the 09:30 snapshot and one other), 5% absent and 1% present-for-funding at the snapshot, a
/// mix of ADA codes (half-day pre-kindergarten, some ineligible and transfer codes, a few code changes), and
/// special-education, pregnancy-related-services and residential-facility participations. Deterministic for a seed.
/// </summary>
public static class DailyDistrictGenerator
{
    /// <summary>Students in the full-size benchmark: the largest Texas districts enroll about 200,000.</summary>
    public const int FullSizeStudents = 200_000;

    /// <summary>Instructional days in the year.</summary>
    public const int InstructionalDays = 180;

    /// <summary>Attendance marks per student per instructional day.</summary>
    public const int MarksPerDay = 2;

    /// <summary>Students a campus.</summary>
    public const int StudentsPerCampus = 670;

    /// <summary>The number of marks generated for <paramref name="students"/> students: every student has <see cref="MarksPerDay"/> marks on every instructional day.</summary>
    public static long MarksFor(int students) => (long)students * InstructionalDays * MarksPerDay;

    /// <summary>The student count at <paramref name="scale"/> of full size (at least 10).</summary>
    public static int StudentsAtScale(double scale) => Math.Max(10, (int)Math.Round(FullSizeStudents * scale));

    /// <summary>Generates the district.</summary>
    public static DailyDistrict Generate(int students, int seed)
    {
        var random = new Random(seed);
        var year = new SchoolYear(2025);
        var days = SchoolDays();
        var periods = Enumerable.Range(0, 6)
            .Select(p => new CalendarReportingPeriod(new ReportingPeriod(p + 1), days[p * 30], days[(p * 30) + 29]))
            .ToArray();
        var snapshot = new LocalTime(9, 30);
        var campusCount = Math.Max(2, (students + StudentsPerCampus - 1) / StudentsPerCampus);
        var campuses = new CampusId[campusCount];
        var calendars = new List<SchoolCalendar>();
        var tracks = new string[campusCount][];
        for (var c = 0; c < campusCount; c++)
        {
            campuses[c] = CampusId.Parse("101912" + (c + 1).ToString("000", CultureInfo.InvariantCulture));
            tracks[c] = c % 10 == 9 ? ["REG", "YR"] : ["REG"];
            for (var t = 0; t < tracks[c].Length; t++)
            {
                calendars.Add(new SchoolCalendar(year, campuses[c], tracks[c][t], t, snapshot, days, periods));
            }
        }

        var enrollments = new List<StudentEnrollment>(students + (students / 10));
        var programs = new List<ProgramParticipation>();
        var ids = new StudentId[students];
        var homes = new CampusId[students];
        var others = new CampusId[students];
        var transfers = new int[students];
        var grades = new[] { "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12" };
        for (var s = 0; s < students; s++)
        {
            var student = ids[s] = StudentId.Parse((2_000_000_000L + s).ToString(CultureInfo.InvariantCulture));
            var home = s * campusCount / students;
            var other = (home + 1) % campusCount;
            (homes[s], others[s]) = (campuses[home], campuses[other]);
            var roll = random.Next(100);
            var grade = roll < 2 ? "EE" : roll < 8 ? "PK" : grades[random.Next(grades.Length)];
            var code = grade == "PK" ? 2 : random.Next(100) switch { < 92 => 1, < 95 => 3, < 97 => 4, < 98 => 5, _ => 6 };
            var calendar = tracks[home][random.Next(tracks[home].Length)];
            var economic = EconomicDisadvantage.All[random.Next(EconomicDisadvantage.All.Count)];
            var transferDay = transfers[s] = random.Next(10) == 0 ? random.Next(20, 160) : InstructionalDays;

            // A code change falls inside the enrollment (before a transfer ends it), as one row of the enrollments file can hold it.
            IEnumerable<AdaEligibilityChange>? changes = random.Next(50) == 0
                ? [new AdaEligibilityChange(days[random.Next(1, transferDay)], AdaEligibility.FromCode(code == 1 ? 4 : 1))]
                : null;
            var transfer = transferDay < InstructionalDays;
            enrollments.Add(new StudentEnrollment(
                student, campuses[home], calendar, GradeLevel.Parse(grade), days[0], transfer ? days[transferDay] : null,
                AdaEligibility.FromCode(code), changes, economicDisadvantage: economic));
            if (transfer)
            {
                enrollments.Add(new StudentEnrollment(
                    student, campuses[other], "REG", GradeLevel.Parse(grade), days[transferDay], null, AdaEligibility.FromCode(code), economicDisadvantage: economic));
            }

            if (grade == "EE" || random.Next(100) < 12)
            {
                programs.Add(new ProgramParticipation(student, SpecialProgram.SpecialEducation, days[0].PlusDays(-20), null, random.Next(2) == 0 ? "40" : "41"));
            }

            if (random.Next(100) == 0)
            {
                programs.Add(new ProgramParticipation(student, SpecialProgram.PregnancyRelatedServices, days[random.Next(90)], days[random.Next(90, 180)]));
            }

            if (random.Next(200) == 0)
            {
                programs.Add(new ProgramParticipation(student, SpecialProgram.ResidentialFacility, days[0], null));
            }
        }

        // Daily attendance is exported day by day, as a district's file would be: the marks come in date order, held
        // compactly as the readers of daily attendance hold them.
        var marks = new DailyAttendanceMarks.Builder(checked((int)MarksFor(students)));
        var periodNames = new[] { "1", "2", "3" };
        var snapshotStart = new LocalTime(9, 0);
        var snapshotEnd = new LocalTime(9, 50);
        for (var d = 0; d < InstructionalDays; d++)
        {
            for (var s = 0; s < students; s++)
            {
                var campus = d >= transfers[s] ? others[s] : homes[s];
                var r = random.Next(100);
                var status = r < 5 ? AttendanceMarkStatus.Absent : r < 6 ? AttendanceMarkStatus.PresentForFunding : AttendanceMarkStatus.Present;
                var otherPeriod = random.Next(2) == 0 ? 0 : 2;
                marks.Add(ids[s], campus, days[d], snapshotStart, snapshotEnd, status, periodNames[1]);
                marks.Add(
                    ids[s], campus, days[d], new LocalTime(8 + otherPeriod, 0), new LocalTime(8 + otherPeriod, 50),
                    random.Next(20) == 0 ? AttendanceMarkStatus.Absent : AttendanceMarkStatus.Present, periodNames[otherPeriod]);
            }
        }

        return new DailyDistrict(calendars, enrollments, marks.ToMarks(), programs);
    }

    private static LocalDate[] SchoolDays()
    {
        var holidays = new HashSet<LocalDate>
        {
            new(2024, 9, 2), new(2024, 10, 14), new(2024, 11, 25), new(2024, 11, 26), new(2024, 11, 27), new(2024, 11, 28),
            new(2024, 11, 29), new(2025, 1, 20), new(2025, 2, 17), new(2025, 3, 10), new(2025, 3, 11), new(2025, 3, 12),
            new(2025, 3, 13), new(2025, 3, 14), new(2025, 4, 18),
        };
        var days = new List<LocalDate>(InstructionalDays);
        for (var d = new LocalDate(2024, 8, 19); days.Count < InstructionalDays; d = d.PlusDays(1))
        {
            var winterBreak = d >= new LocalDate(2024, 12, 21) && d <= new LocalDate(2025, 1, 6);
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !holidays.Contains(d) && !winterBreak)
            {
                days.Add(d);
            }
        }

        return [.. days];
    }
}
