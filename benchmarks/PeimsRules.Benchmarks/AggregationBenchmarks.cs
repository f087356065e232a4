using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The hot aggregation: the partial sums behind every figure (period ADA by days taught, PIA, the K-3 rows) of every
/// fine cell of the statewide data set, by the library's columnar path (one thread, all cores), a naive LINQ GroupBy,
/// DuckDB's GROUP BY (all cores), and the memory-bandwidth floor. Each contender's figures are checked against the
/// library's before it is timed.
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private StatewideData _data = null!;
    private AttendanceStore _store = null!;
    private FineCellFigures _expected = null!;
    private List<BasicReportingPeriodAttendance> _list = null!;
    private DuckDbBaseline? _duckDb;

    /// <summary>Builds the store, and checks the one-thread and all-core passes agree.</summary>
    [GlobalSetup(Targets = [nameof(Library_1Thread), nameof(Library_AllCores), nameof(Floor_1Thread), nameof(Floor_AllCores)])]
    public void SetupLibrary()
    {
        SetupStore();
        _expected.AssertSame(FineCellFigures.Of(_store.Aggregate(_rules, 1)), "the library on one thread");
    }

    /// <summary>Builds the list of records and checks the LINQ figures.</summary>
    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq()
    {
        SetupStore();
        _list = _data.BuildList();
        _expected.AssertSame(FineCellFigures.FromWideRows(LinqBaseline.Compute(_list, _rules)), "LINQ");
    }

    /// <summary>Loads DuckDB's table with the Appender and checks its figures.</summary>
    [GlobalSetup(Target = nameof(DuckDb))]
    public void SetupDuckDb()
    {
        SetupStore();
        _duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        _duckDb.Load(_data.Records());
        _duckDb.Aggregate();
        _expected.AssertSame(_duckDb.Figures(), "DuckDB");
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>The library's columnar pass on one thread.</summary>
    [Benchmark]
    public AttendancePartials Library_1Thread() => _store.Aggregate(_rules, 1);

    /// <summary>The library's columnar pass on every core.</summary>
    [Benchmark]
    public AttendancePartials Library_AllCores() => _store.Aggregate(_rules, Environment.ProcessorCount);

    /// <summary>A naive LINQ GroupBy/Sum over a list of records, one thread.</summary>
    [Benchmark]
    public object Linq() => LinqBaseline.Compute(_list, _rules);

    /// <summary>DuckDB's GROUP BY over its table, every core, the query alone.</summary>
    [Benchmark(Baseline = true)]
    public void DuckDb() => _duckDb!.Aggregate();

    /// <summary>Summing the bytes of the columns the pass reads, one thread.</summary>
    [Benchmark]
    public ulong Floor_1Thread() => BandwidthFloor.Sum(_store, 1);

    /// <summary>Summing the bytes of the columns the pass reads, every core.</summary>
    [Benchmark]
    public ulong Floor_AllCores() => BandwidthFloor.Sum(_store, Environment.ProcessorCount);

    private void SetupStore()
    {
        _data = new StatewideData(BenchmarkScale.Current);
        _store = _data.BuildStore();
        _expected = FineCellFigures.Of(_store.Aggregate(_rules));
        Console.WriteLine($"// {_data.Students:N0} students, {_store.Count:N0} records, {_store.CellCount:N0} cells, {_expected}");
    }
}
