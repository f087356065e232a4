using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>
/// What a district waits for when it builds from its files, as <c>periods</c> does: the generated district of
/// <see cref="DailyBuilderBenchmark"/> written as the four daily CSV files (calendars, enrollments, attendance marks,
/// program participation), then read (collecting every problem), checked against each other
/// (<see cref="DailyAttendanceFiles.Check"/>) and built into period records. Beside <see cref="DailyBuilderBenchmark"/>,
/// which times the build alone from the inputs in memory, the difference is the time the readers take.
/// </summary>
/// <remarks>
/// Two pairs, each against its baseline in the same run: the attendance-marks file alone, read by the fast reader
/// against the row-by-row reference reader (CsvHelper into one object per row, a dictionary of every key) that it
/// replaced and that stays the truth it is checked against; and the whole build from the four files, with the one or
/// the other reader of the marks. The Marks/s column is the attendance file's rows per second. The setup checks that
/// both readers give the same marks and lines, and that the build from the files is the build from the inputs in
/// memory; a difference fails the run.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(DailyBuilderConfig))]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DailyBuilderFilesBenchmark
{
    /// <summary>The environment variable that sets the student counts run (comma-separated, such as <c>2000,20000</c>).</summary>
    public const string StudentCountsVariable = "PEIMS_DAILY_FILE_STUDENTS";

    private string? _folder;

    /// <summary>The student count.</summary>
    [ParamsSource(nameof(StudentCounts))]
    public int Students { get; set; }

    /// <summary>
    /// The student counts to run: 2,000 students (720,000 attendance rows); or those <see cref="StudentCountsVariable"/>
    /// names, such as <c>2000,20000</c> for the doubling rule (the attendance file of 20,000 students is 7.2 million
    /// rows, about 0.3 GB, and its reading takes minutes).
    /// </summary>
    public static IEnumerable<int> StudentCounts =>
        Environment.GetEnvironmentVariable(StudentCountsVariable) is { Length: > 0 } counts
            ? counts.Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))
            : [2_000];

    /// <summary>
    /// Generates the district, writes its files to a new temporary folder, and checks that the build from the files
    /// gives the build from the inputs in memory (records, special-programs records, marks listed, days left out); a
    /// difference fails the run.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var d = DailyDistrictGenerator.Generate(Students, seed: 2025);
        _folder = Directory.CreateTempSubdirectory("peims-daily-files-").FullName;
        Write(Calendars, w => SchoolCalendarCsv.Write(w, d.Calendars));
        Write(Enrollments, w => StudentEnrollmentCsv.Write(w, d.Enrollments));
        Write(Attendance, w => DailyAttendanceMarkCsv.Write(w, d.Marks));
        Write(Programs, w => ProgramParticipationCsv.Write(w, d.Programs));

        var fast = DailyAttendanceMarkCsv.ReadFile(Attendance, CsvErrorMode.CollectAll);
        var reference = DailyAttendanceMarkCsv.ReadReference(Attendance, CsvErrorMode.CollectAll, CsvInputOptions.Default);
        if (fast.Problems.Count > 0 || reference.Problems.Count > 0 || !fast.Records.SequenceEqual(reference.Records) || !fast.RecordLines.SequenceEqual(reference.RecordLines))
        {
            throw new InvalidOperationException($"The fast reader of the attendance file of {Students} students does not give the reference reader's marks.");
        }

        var fromFiles = BuildFromFiles(referenceMarks: false);
        var fromReference = BuildFromFiles(referenceMarks: true);
        var inMemory = PeriodAttendanceBuilder.Build(d.Calendars, d.Enrollments, d.Marks, d.Programs);
        var same = fromFiles.Records.Count > 0
            && fromReference.Records.SequenceEqual(inMemory.Records)
            && fromFiles.Records.SequenceEqual(inMemory.Records)
            && fromFiles.SpecialProgramRecords.SequenceEqual(inMemory.SpecialProgramRecords)
            && fromFiles.UnmatchedMarks.SequenceEqual(inMemory.UnmatchedMarks)
            && fromFiles.MarksOnNonInstructionalDays.SequenceEqual(inMemory.MarksOnNonInstructionalDays)
            && fromFiles.LeftOutDays.OrderBy(p => p.Key).SequenceEqual(inMemory.LeftOutDays.OrderBy(p => p.Key));
        if (!same)
        {
            throw new InvalidOperationException($"The build from the files of the generated district of {Students} students differs from the build from its inputs in memory.");
        }
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Reads the attendance-marks file with the reference reader (the baseline of the reading).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read attendance file")]
    public int ReadAttendanceReference() => DailyAttendanceMarkCsv.ReadReference(Attendance, CsvErrorMode.CollectAll, CsvInputOptions.Default).Records.Count;

    /// <summary>Reads the attendance-marks file as <c>periods</c> does.</summary>
    [Benchmark]
    [BenchmarkCategory("read attendance file")]
    public int ReadAttendance() => DailyAttendanceMarkCsv.ReadFile(Attendance, CsvErrorMode.CollectAll).Records.Count;

    /// <summary>The whole build from the four files, the marks read by the reference reader (the baseline of the build).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("build from files")]
    public int BuildPeriodRecordsFromFilesReference() => BuildFromFiles(referenceMarks: true).Records.Count;

    /// <summary>Reads the four files, checks them against each other, and builds every period record, as <c>periods</c> does.</summary>
    [Benchmark]
    [BenchmarkCategory("build from files")]
    public int BuildPeriodRecordsFromFiles() => BuildFromFiles(referenceMarks: false).Records.Count;

    private string Calendars => Path.Combine(_folder!, "calendars.csv");

    private string Enrollments => Path.Combine(_folder!, "enrollments.csv");

    private string Attendance => Path.Combine(_folder!, "attendance.csv");

    private string Programs => Path.Combine(_folder!, "programs.csv");

    private PeriodAttendanceBuild BuildFromFiles(bool referenceMarks)
    {
        var calendars = SchoolCalendarCsv.ReadFile(Calendars, CsvErrorMode.CollectAll);
        var enrollments = StudentEnrollmentCsv.ReadFile(Enrollments, CsvErrorMode.CollectAll);
        var marks = referenceMarks
            ? DailyAttendanceMarkCsv.ReadReference(Attendance, CsvErrorMode.CollectAll, CsvInputOptions.Default)
            : DailyAttendanceMarkCsv.ReadFile(Attendance, CsvErrorMode.CollectAll);
        var programs = ProgramParticipationCsv.ReadFile(Programs, CsvErrorMode.CollectAll);
        var problems = calendars.Problems.Count + enrollments.Problems.Count + marks.Problems.Count + programs.Problems.Count
            + DailyAttendanceFiles.Check(calendars, "calendars.csv", enrollments, "enrollments.csv").Count;
        if (problems > 0)
        {
            throw new InvalidOperationException($"The generated daily files have {problems} problem(s).");
        }

        return PeriodAttendanceBuilder.Build(calendars.Records, enrollments.Records, marks.Records, programs.Records);
    }

    private void Write(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path);
        write(writer);
    }
}
