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

    /// <summary>The student count: full size times the scale in force.</summary>
    [ParamsSource(nameof(StudentCounts))]
    public int Students { get; set; }

    /// <summary>The student counts to run: one, from <see cref="BenchmarkScale.Current"/>.</summary>
    public static IEnumerable<int> StudentCounts => [DailyDistrictGenerator.StudentsAtScale(BenchmarkScale.Current)];

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
