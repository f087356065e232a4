using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Scaling: the columnar pass over 1×, 2× and 4× a base data set (the state's campuses with 1, 2 or 4 times their
/// students: at scale 1, 33, 66 and 132 million records in the same fine cells, all far larger than the CPU's caches),
/// with the bandwidth floor of each beside it.
/// </summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private AttendanceStore _store = null!;

    /// <summary>The multiple of the base data set's records.</summary>
    [Params(1, 2, 4)]
    public int Records { get; set; }

    /// <summary>Builds the store.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _store = new StatewideData(BenchmarkScale.Current, studentsPerCampus: Records).BuildStore();
        Console.WriteLine($"// {_store.Count:N0} records, {_store.CellCount:N0} cells");
    }

    /// <summary>The pass on every core.</summary>
    [Benchmark]
    public AttendancePartials Library_AllCores() => _store.Aggregate(_rules, Environment.ProcessorCount);

    /// <summary>The pass on one thread.</summary>
    [Benchmark]
    public AttendancePartials Library_1Thread() => _store.Aggregate(_rules, 1);

    /// <summary>Summing the bytes of the columns the pass reads, every core.</summary>
    [Benchmark]
    public ulong Floor_AllCores() => BandwidthFloor.Sum(_store, Environment.ProcessorCount);
}
