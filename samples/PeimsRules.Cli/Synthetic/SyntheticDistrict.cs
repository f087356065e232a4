using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Cli.Synthetic;

/// <summary>What to generate.</summary>
/// <param name="Seed">The seed: the same options give the same district, byte for byte.</param>
/// <param name="Campuses">The number of campuses (elementary, middle and high schools in turn).</param>
/// <param name="StudentsPerCampus">Students enrolled at each campus at the start of the year.</param>
/// <param name="ErrorShare">The share of period records given an injected reporting error (0 to 0.5).</param>
/// <param name="EndYear">The school year, by the year it ends in.</param>
internal sealed record SyntheticOptions(int Seed = 2024, int Campuses = 5, int StudentsPerCampus = 120, decimal ErrorShare = 0.02m, int EndYear = 2024)
{
    public const string District = "101912";
}

/// <summary>A reporting error the generator put into the period records on purpose, and the audit rule that should find it.</summary>
internal sealed record InjectedError(string RuleId, string StudentId, string CampusId, int ReportingPeriod);

/// <summary>
/// A seeded, deterministic synthetic district: campuses with one or two tracks, EE to 12, half-day pre-K, economically
/// disadvantaged and emergent bilingual students, skewed absence (most students rarely absent, a tail chronically
/// absent), transfers and mid-period grade changes, IEPs with required and delivered service minutes, and a share of
/// injected reporting errors of each audit class. Period records are built from the daily data by the library's own
/// builder, then the errors are injected, so the daily files and the period file tell the same story but for them.
/// </summary>
internal sealed class SyntheticDistrict
{
    private static readonly string[] ElementaryNames = ["Bluebonnet Elementary", "Pecan Grove Elementary", "Mesquite Springs Elementary", "Live Oak Elementary", "Cypress Creek Elementary"];
    private static readonly string[] MiddleNames = ["Guadalupe Middle School", "Brazos Middle School", "Llano Middle School"];
    private static readonly string[] HighNames = ["Lone Star High School", "San Jacinto High School", "Frio River High School"];
    private static readonly string[] Services = ["Speech therapy", "Resource instruction", "Occupational therapy"];

    private SyntheticDistrict()
    {
    }

    public required SyntheticOptions Options { get; init; }

    public required IReadOnlyList<(CampusId Campus, string Name)> Campuses { get; init; }

    public required IReadOnlyList<SchoolCalendar> Calendars { get; init; }

    public required IReadOnlyList<StudentEnrollment> Enrollments { get; init; }

    public required IReadOnlyList<DailyAttendanceMark> Marks { get; init; }

    public required IReadOnlyList<ProgramParticipation> Programs { get; init; }

    /// <summary>The period records built from the daily data, before any error is injected.</summary>
    public required IReadOnlyList<BasicReportingPeriodAttendance> BuiltRecords { get; init; }

    /// <summary>The period records as the district would submit them: built, then with the injected errors.</summary>
    public required IReadOnlyList<BasicReportingPeriodAttendance> Records { get; init; }

    public required IReadOnlyList<IepServiceRecord> ServiceRecords { get; init; }

    public required IReadOnlyList<InjectedError> Injected { get; init; }

    public static SyntheticDistrict Generate(SyntheticOptions options, Action<string>? progress = null)
    {
        if (options.Campuses is < 1 or > 99 || options.StudentsPerCampus is < 1 or > 5000 || options.ErrorShare is < 0 or > 0.5m)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "1 to 99 campuses, 1 to 5,000 students each, an error share of 0 to 0.5.");
        }

        var random = new Random(options.Seed);
        var year = new SchoolYear(options.EndYear);
        var campuses = new List<(CampusId Campus, string Name, GradeLevel[] Grades)>();
        var ofKind = new int[3];
        for (var i = 0; i < options.Campuses; i++)
        {
            var kind = (i % 5) switch { 3 => 1, 4 => 2, _ => 0 };
            var nth = ofKind[kind]++;
            var (names, grades, number) = kind switch
            {
                0 => (ElementaryNames, GradeLevel.All.Where(g => g.Number <= 5).ToArray(), 101 + i),
                1 => (MiddleNames, GradeLevel.All.Where(g => g.Number is >= 6 and <= 8).ToArray(), 41 + i),
                _ => (HighNames, GradeLevel.All.Where(g => g.Number >= 9).ToArray(), 1 + i),
            };
            var name = names[nth % names.Length] + (nth >= names.Length ? $" {(nth / names.Length) + 1}" : string.Empty);
            campuses.Add((CampusId.Parse(SyntheticOptions.District + number.ToString("000", CultureInfo.InvariantCulture)), name, grades));
        }

        progress?.Invoke("calendars");
        var calendars = new List<SchoolCalendar>();
        for (var i = 0; i < campuses.Count; i++)
        {
            calendars.Add(Calendar(year, campuses[i].Campus, "REG", 0, extraHolidays: []));
            if (i == 1)
            {
                // A second instructional track with its own holidays: its periods have other days taught.
                calendars.Add(Calendar(year, campuses[i].Campus, "ALT", 1, extraHolidays: [new LocalDate(year.StartYear, 10, 9), new LocalDate(year.EndYear, 2, 19), new LocalDate(year.EndYear, 4, 19)]));
            }
        }

        progress?.Invoke("students");
        var enrollments = new List<StudentEnrollment>();
        var programs = new List<ProgramParticipation>();
        var propensity = new Dictionary<StudentId, int>();
        var serviceStudents = new List<(StudentId Student, CampusId Campus)>();
        var nextStudent = 1000000001L;
        var first = calendars[0].InstructionalDays[0];
        var last = calendars[0].InstructionalDays[^1];
        for (var c = 0; c < campuses.Count; c++)
        {
            var (campus, _, grades) = campuses[c];
            var campusCalendars = calendars.Where(k => k.Campus == campus).ToList();
            for (var s = 0; s < options.StudentsPerCampus; s++)
            {
                var student = StudentId.Parse((nextStudent++).ToString(CultureInfo.InvariantCulture));
                var grade = grades[random.Next(grades.Length)];
                var calendar = campusCalendars[campusCalendars.Count == 1 || random.Next(3) > 0 ? 0 : 1];
                var economic = random.Next(100) switch { < 50 => EconomicDisadvantage.FreeMeals, < 57 => EconomicDisadvantage.ReducedPriceMeals, < 60 => EconomicDisadvantage.Other, _ => EconomicDisadvantage.NotDisadvantaged };
                var bilingual = random.Next(100) < 20 ? EmergentBilingual.Identified : EmergentBilingual.NotEmergentBilingual;
                BilingualEslFunding? funding = bilingual.IsIdentified && random.Next(100) < 85 ? BilingualEslFunding.All[random.Next(3)] : null;
                var code = grade == GradeLevel.PreKindergarten || grade == GradeLevel.EarlyEducation
                    ? AdaEligibility.HalfDay
                    : random.Next(100) switch { < 3 => AdaEligibility.TransferFullDay, < 4 => AdaEligibility.IneligibleFullDay, _ => AdaEligibility.FullDay };

                // Most students are rarely absent; a tail is chronically absent (absence per mille).
                var u = random.NextDouble();
                propensity[student] = 15 + (int)(260 * u * u * u * u * u);

                var entry = first;
                var exit = (LocalDate?)null;
                if (random.Next(100) < 4)
                {
                    // A late entry.
                    entry = calendar.InstructionalDays[random.Next(10, 60)];
                }

                var ieps = grade == GradeLevel.EarlyEducation || random.Next(100) < 11;
                if (ieps)
                {
                    programs.Add(new ProgramParticipation(student, SpecialProgram.SpecialEducation, entry, null, random.Next(3) == 0 ? "40" : "41"));
                    serviceStudents.Add((student, campus));
                }

                if (random.Next(100) < 4 && campuses.Count(k => k.Grades.Contains(grade)) > 1)
                {
                    // A transfer to another campus that teaches the grade, on a school day after the first period.
                    var day = calendar.InstructionalDays[random.Next(40, calendar.InstructionalDays.Count - 30)];
                    var target = campuses.Where(k => k.Campus != campus && k.Grades.Contains(grade)).ElementAt(random.Next(campuses.Count(k => k.Campus != campus && k.Grades.Contains(grade))));
                    enrollments.Add(new StudentEnrollment(student, campus, calendar.CalendarCode, grade, entry, day, code, null, false, false, economic, bilingual, funding));
                    var targetCalendar = calendars.First(k => k.Campus == target.Campus);
                    enrollments.Add(new StudentEnrollment(student, target.Campus, targetCalendar.CalendarCode, grade, day, exit, code, null, false, false, economic, bilingual, funding));
                    continue;
                }

                if (grade.Number is >= 0 and <= 11 && random.Next(100) < 2)
                {
                    // A grade change in the middle of a reporting period (a placement decision): two enrollments.
                    var day = calendar.InstructionalDays[random.Next(50, 120)];
                    var next = GradeLevel.All[GradeLevel.All.ToList().IndexOf(grade) + 1];
                    enrollments.Add(new StudentEnrollment(student, campus, calendar.CalendarCode, grade, entry, day, code, null, false, false, economic, bilingual, funding));
                    enrollments.Add(new StudentEnrollment(student, campus, calendar.CalendarCode, next, day, exit, code, null, false, false, economic, bilingual, funding));
                    continue;
                }

                enrollments.Add(new StudentEnrollment(student, campus, calendar.CalendarCode, grade, entry, exit, code, null, random.Next(400) == 0, false, economic, bilingual, funding));
            }
        }

        progress?.Invoke("daily attendance");
        var calendarOf = calendars.ToDictionary(k => (k.Campus, k.CalendarCode));
        var marks = new List<DailyAttendanceMark>();
        var start = new LocalTime(9, 0);
        var end = new LocalTime(10, 0);
        foreach (var enrollment in enrollments)
        {
            var calendar = calendarOf[(enrollment.Campus, enrollment.CalendarCode)];
            var perMille = propensity[enrollment.Student];
            foreach (var day in calendar.InstructionalDays)
            {
                if (day < enrollment.EntryDate || (enrollment.WithdrawalDate is { } w && day >= w))
                {
                    continue;
                }

                var status = random.Next(1000) < perMille ? AttendanceMarkStatus.Absent : AttendanceMarkStatus.Present;
                marks.Add(new DailyAttendanceMark(enrollment.Student, enrollment.Campus, day, start, end, status, "2"));
            }
        }

        progress?.Invoke("period records");
        var build = PeriodAttendanceBuilder.Build(calendars, enrollments, marks, programs);
        var built = build.Records.ToList();

        progress?.Invoke("IEP services");
        var services = new List<IepServiceRecord>();
        foreach (var (student, campus) in serviceStudents)
        {
            var service = Services[random.Next(Services.Length)];
            var required = service == "Resource instruction" ? 900 : 180;
            foreach (var period in ReportingPeriod.SixPeriods)
            {
                var roll = random.Next(100);
                var absent = roll < 12 ? 30 : 0;
                var provider = roll is >= 12 and < 20 ? 60 : 0;
                var other = roll is >= 20 and < 23 ? 45 : 0;
                services.Add(new IepServiceRecord(student, campus, service, null, period, required, required - absent - provider - other, absent, provider, 0, 0, other));
            }
        }

        progress?.Invoke("injected errors");
        var (records, injected) = Inject(built, options, random);
        return new SyntheticDistrict
        {
            Options = options,
            Campuses = campuses.Select(k => (k.Campus, k.Name)).ToList(),
            Calendars = calendars,
            Enrollments = enrollments,
            Marks = marks,
            Programs = programs,
            BuiltRecords = built,
            Records = records,
            ServiceRecords = services,
            Injected = injected,
        };
    }

    /// <summary>Writes the district's files: the period file, the IEP service file, the campus names, and the daily files.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var periods = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        BasicReportingPeriodAttendanceCsv.Write(periods, Records);
        File.WriteAllText(Path.Combine(folder, "periods.csv"), InjectReaderErrors(periods.ToString()));

        // The same records without the rows a reader cannot read: the file ada, audit and chronic read by default, whose
        // figures are the report's (the report leaves the unreadable rows out of its figures too).
        File.WriteAllText(Path.Combine(folder, "periods-readable.csv"), periods.ToString());
        using (var writer = new StreamWriter(Path.Combine(folder, "iep-services.csv")))
        {
            IepServiceRecordCsv.Write(writer, ServiceRecords);
        }

        File.WriteAllLines(
            Path.Combine(folder, "campuses.csv"),
            ["CampusId,CampusName", .. Campuses.Select(c => $"{c.Campus},{CliOutput.CsvField(c.Name)}")]);
        var daily = Path.Combine(folder, "daily");
        Directory.CreateDirectory(daily);
        using (var writer = new StreamWriter(Path.Combine(daily, "calendars.csv")))
        {
            SchoolCalendarCsv.Write(writer, Calendars);
        }

        using (var writer = new StreamWriter(Path.Combine(daily, "enrollments.csv")))
        {
            StudentEnrollmentCsv.Write(writer, Enrollments);
        }

        using (var writer = new StreamWriter(Path.Combine(daily, "attendance.csv")))
        {
            DailyAttendanceMarkCsv.Write(writer, Marks);
        }

        using (var writer = new StreamWriter(Path.Combine(daily, "programs.csv")))
        {
            ProgramParticipationCsv.Write(writer, Programs);
        }

        File.WriteAllLines(
            Path.Combine(folder, "injected-errors.csv"),
            ["RuleId,StudentId,CampusId,ReportingPeriod", .. Injected.Select(e => $"{e.RuleId},{e.StudentId},{e.CampusId},{e.ReportingPeriod}")]);
    }

    /// <summary>
    /// Two errors a record type cannot hold are put into the text: a day count of .3 (ATT-03) and an unknown ADA code
    /// (ATT-00), each on one line chosen by the seed, when there are errors to inject at all.
    /// </summary>
    private string InjectReaderErrors(string csv)
    {
        if (Options.ErrorShare == 0)
        {
            return csv;
        }

        var lines = csv.Split('\n').ToList();
        var random = new Random(Options.Seed + 1);
        var header = lines[0].Split(',');
        var eligible = Array.IndexOf(header, "EligibleDaysPresent");
        var code = Array.IndexOf(header, "AdaEligibilityCode");
        var a = 1 + random.Next(lines.Count - 2);
        var b = 1 + ((a + 1 + random.Next(lines.Count - 3)) % (lines.Count - 2));
        lines[a] = Replace(lines[a], eligible, v => v.Replace(".0", ".3", StringComparison.Ordinal).Replace(".5", ".3", StringComparison.Ordinal));
        lines[b] = Replace(lines[b], code, _ => "9");
        return string.Join('\n', lines);

        static string Replace(string line, int index, Func<string, string> change)
        {
            var fields = line.Split(',');
            fields[index] = change(fields[index]);
            return string.Join(',', fields);
        }
    }

    private static SchoolCalendar Calendar(SchoolYear year, CampusId campus, string code, int order, IReadOnlyList<LocalDate> extraHolidays)
    {
        var s = year.StartYear;
        var e = year.EndYear;
        var holidays = new HashSet<LocalDate>(extraHolidays) { new(s, 9, 4), new(e, 1, 15), new(e, 3, 29) };
        AddRange(holidays, new LocalDate(s, 11, 20), new LocalDate(s, 11, 24));
        AddRange(holidays, new LocalDate(s, 12, 21), new LocalDate(e, 1, 5));
        AddRange(holidays, new LocalDate(e, 3, 11), new LocalDate(e, 3, 15));
        var days = new List<LocalDate>();
        for (var d = new LocalDate(s, 8, 21); d <= new LocalDate(e, 5, 24); d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !holidays.Contains(d))
            {
                days.Add(d);
            }
        }

        var periods = new List<CalendarReportingPeriod>();
        for (var p = 0; p < 6; p++)
        {
            var from = days[p * days.Count / 6];
            var to = days[((p + 1) * days.Count / 6) - 1];
            periods.Add(new CalendarReportingPeriod(new ReportingPeriod(p + 1), p == 0 ? from : periods[^1].End.PlusDays(1), to));
        }

        return new SchoolCalendar(year, campus, code, order, new LocalTime(9, 30), days, periods);

        static void AddRange(HashSet<LocalDate> set, LocalDate from, LocalDate to)
        {
            for (var d = from; d <= to; d = d.PlusDays(1))
            {
                set.Add(d);
            }
        }
    }

    private static (List<BasicReportingPeriodAttendance> Records, List<InjectedError> Injected) Inject(List<BasicReportingPeriodAttendance> built, SyntheticOptions options, Random random)
    {
        var records = new List<BasicReportingPeriodAttendance>(built);
        var injected = new List<InjectedError>();
        var count = (int)decimal.Round(built.Count * options.ErrorShare, MidpointRounding.AwayFromZero);
        var used = new HashSet<int>();
        string[] kinds = ["ATT-01", "ATT-04", "ATT-06", "ATT-07", "ATT-08", "ATT-02"];
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i % kinds.Length];
            var candidates = Enumerable.Range(0, records.Count).Where(j => !used.Contains(j) && Fits(kind, records[j])).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var index = candidates[random.Next(candidates.Count)];
            used.Add(index);
            var r = records[index];
            var taught = r.NumberDaysTaught;
            switch (kind)
            {
                case "ATT-01":
                    records[index] = With(r, code: AdaEligibility.IneligibleFullDay);
                    break;
                case "ATT-04":
                    // Two eligible days moved to remote synchronous days, in a year that does not count them.
                    records[index] = With(r, eligible: Minus(r.EligibleDaysPresent, 4), remoteSync: DayCount.FromDays(2));
                    break;
                case "ATT-06":
                    // A full-day grade 1-5 student reported under the half-day code, days halved down to whole half-days.
                    records[index] = With(r, code: AdaEligibility.HalfDay, eligible: DayCount.FromHalfDays(r.EligibleDaysPresent.HalfDays / 2), absent: DayCount.FromHalfDays(r.DaysAbsent.HalfDays / 2));
                    break;
                case "ATT-07":
                    // The same days reported again under another grade at the same campus: a change of status without a
                    // withdrawal from the first, so two records of one period cover more days than were taught.
                    records.Add(With(r, code: AdaEligibility.TransferFullDay, key: r.Key with { GradeLevel = GradeLevel.All[(GradeLevel.All.ToList().IndexOf(r.GradeLevel) + 1) % GradeLevel.All.Count] }));
                    break;
                case "ATT-08":
                    records[index] = With(r, code: AdaEligibility.NotInMembership, eligible: DayCount.Zero, ineligible: r.EligibleDaysPresent);
                    break;
                case "ATT-02":
                    // A half-day student given two more days of absence than half the days taught allows.
                    var room = taught.HalfDays - r.DaysInMembership.HalfDays;
                    records[index] = With(r, absent: r.DaysAbsent + DayCount.FromHalfDays(Math.Min(room, 4)));
                    break;
            }

            injected.Add(new InjectedError(kind, r.StudentId.Value, r.CampusId.Code, r.ReportingPeriod.Number));
        }

        return (records, injected);

        static bool Fits(string kind, BasicReportingPeriodAttendance r) => kind switch
        {
            "ATT-01" or "ATT-07" => r.AdaEligibility == AdaEligibility.FullDay && r.EligibleDaysPresent.HalfDays > 0,
            "ATT-04" => r.AdaEligibility == AdaEligibility.FullDay && r.EligibleDaysPresent.HalfDays >= 4,
            "ATT-06" => r.AdaEligibility == AdaEligibility.FullDay && r.GradeLevel.Number is >= 1 and <= 5,
            "ATT-08" => r.AdaEligibility == AdaEligibility.FullDay,
            "ATT-02" => r.AdaEligibility == AdaEligibility.HalfDay && r.NumberDaysTaught.HalfDays - r.DaysInMembership.HalfDays >= 4,
            _ => false,
        };

        static DayCount Minus(DayCount value, long halfDays) => DayCount.FromHalfDays(value.HalfDays - halfDays);
    }

    private static BasicReportingPeriodAttendance With(
        BasicReportingPeriodAttendance r,
        AdaEligibility? code = null,
        DayCount? eligible = null,
        DayCount? ineligible = null,
        DayCount? absent = null,
        DayCount? remoteSync = null,
        ReportingPeriodAttendanceKey? key = null) =>
        new(
            r.SchoolYear, key ?? r.Key, r.NumberDaysTaught, eligible ?? r.EligibleDaysPresent, ineligible ?? r.IneligibleDaysPresent,
            absent ?? r.DaysAbsent, r.FundingAttributes, remoteSync ?? r.RemoteSynchronousEligibleDaysPresent,
            r.RemoteAsynchronousEligibleDaysPresent, code ?? r.AdaEligibility);
}
