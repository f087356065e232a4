using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The daily-to-period builder on a generated district (<see cref="DailyDistrictGenerator"/>): 2,000, 20,000 and
/// 200,000 students x 180 days x 2 marks (720,000 to 72 million marks), from the inputs in memory (calendars,
/// enrollments, the marks as the <see cref="DailyAttendanceMarks"/> the readers of daily attendance give, programs) to
/// the period records. <see cref="BuildPeriodRecords"/> is what
/// <see cref="PeriodAttendanceBuilder.Build"/> runs (the streaming build); <see cref="ReferenceBuildPeriodRecords"/>, the baseline,
/// is the reference implementation it is checked against. Reports time, allocations, and daily marks per second
/// (<see cref="MarksPerSecondColumn"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DailyBuilderConfig))]
public class DailyBuilderBenchmark
{
    /// <summary>The size at which <see cref="Setup"/> checks the two builds agree before anything is timed.</summary>
    public const int CheckedStudents = 2_000;

    private DailyDistrict? _district;

    /// <summary>The student count.</summary>
    [ParamsSource(nameof(StudentCounts))]
    public int Students { get; set; }

    /// <summary>The environment variable that narrows the student counts run (comma-separated, such as <c>2000,20000</c>).</summary>
    public const string StudentCountsVariable = "PEIMS_DAILY_STUDENTS";

    /// <summary>
    /// The student counts to run: a small district, a large one, and one of the largest (200,000 students); or those
    /// <see cref="StudentCountsVariable"/> names.
    /// </summary>
    public static IEnumerable<int> StudentCounts =>
        Environment.GetEnvironmentVariable(StudentCountsVariable) is { Length: > 0 } counts
            ? counts.Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))
            : [2_000, 20_000, 200_000];

    /// <summary>
    /// Generates the district once per process, and at the small size checks that the build gives the reference
    /// build (records, special-programs records, marks listed, days left out by reason); a difference fails the run.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _district = DailyDistrictGenerator.Generate(Students, seed: 2025);
        if (Students == CheckedStudents)
        {
            CheckAgainstReference(_district);
        }
    }

    /// <summary>Builds every period record of the district: the library's build.</summary>
    [Benchmark]
    public int BuildPeriodRecords()
    {
        var d = _district!;
        return PeriodAttendanceBuilder.Build(d.Calendars, d.Enrollments, d.Marks, d.Programs).Records.Count;
    }

    /// <summary>Builds every period record of the district with the reference implementation.</summary>
    [Benchmark(Baseline = true)]
    public int ReferenceBuildPeriodRecords()
    {
        var d = _district!;
        return Reference(d).Records.Count;
    }

    /// <summary>Throws when the library's build and the reference build of <paramref name="d"/> differ in anything they report.</summary>
    public static void CheckAgainstReference(DailyDistrict d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var fast = PeriodAttendanceBuilder.Build(d.Calendars, d.Enrollments, d.Marks, d.Programs);
        var reference = Reference(d);
        string? difference =
            !fast.Records.SequenceEqual(reference.Records) ? "records"
            : !fast.SpecialProgramRecords.SequenceEqual(reference.SpecialProgramRecords) ? "special-programs records"
            : !fast.UnmatchedMarks.SequenceEqual(reference.UnmatchedMarks) ? "unmatched marks"
            : !fast.MarksOnNonInstructionalDays.SequenceEqual(reference.MarksOnNonInstructionalDays) ? "marks on non-instructional days"
            : !fast.LeftOutDays.OrderBy(p => p.Key).SequenceEqual(reference.LeftOutDays.OrderBy(p => p.Key)) ? "days left out"
            : fast.DaysCountedPresentWithoutMark != reference.DaysCountedPresentWithoutMark ? "days counted present without a mark"
            : null;
        if (difference is not null || fast.Records.Count == 0)
        {
            throw new InvalidOperationException($"The daily builder and its reference implementation disagree on the {difference ?? "records (none built)"} of the generated district of {d.Enrollments.Select(e => e.Student).Distinct().Count()} students.");
        }
    }

    private static PeriodAttendanceBuild Reference(DailyDistrict d) =>
        PeriodAttendanceBuilder.BuildReference(d.Calendars, d.Enrollments, d.Marks, d.Programs);
}
