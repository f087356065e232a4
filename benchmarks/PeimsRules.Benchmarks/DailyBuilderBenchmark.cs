using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The daily-to-period builder on a generated district (<see cref="DailyDistrictGenerator"/>): 200,000 students x 180
/// days x 2 marks at full size, scaled with <c>--scale</c>. Reports time, allocations, and daily marks per second
/// (<see cref="MarksPerSecondColumn"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DailyBuilderConfig))]
public class DailyBuilderBenchmark
{
    private DailyDistrict? _district;

    /// <summary>The student count.</summary>
    [ParamsSource(nameof(StudentCounts))]
    public int Students { get; set; }

    /// <summary>The student counts to run: a small district, a large one, and one of the largest (200,000 students).</summary>
    public static IEnumerable<int> StudentCounts => [2_000, 20_000, 200_000];

    /// <summary>Generates the district once per process.</summary>
    [GlobalSetup]
    public void Setup() => _district = DailyDistrictGenerator.Generate(Students, seed: 2025);

    /// <summary>Builds every period record of the district.</summary>
    [Benchmark]
    public int BuildPeriodRecords()
    {
        var d = _district!;
        return PeriodAttendanceBuilder.Build(d.Calendars, d.Enrollments, d.Marks, d.Programs).Records.Count;
    }
}
