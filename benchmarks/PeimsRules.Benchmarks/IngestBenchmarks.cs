using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// CSV ingest of one statewide six-weeks file (5.5 million rows at scale 1): the library's loader (validation
/// included, into the store) on every core and on one, against DuckDB's read_csv into a table on every core. Both are
/// checked to hold the same figures as the generated records before they are timed.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private string _path = null!;
    private FineCellFigures _expected = null!;
    private DuckDbBaseline? _duckDb;

    /// <summary>Writes the file if needed and checks the loader reads it into the generated records' figures.</summary>
    [GlobalSetup(Targets = [nameof(Library_AllCores), nameof(Library_1Thread)])]
    public void SetupLibrary()
    {
        Setup();
        _expected.AssertSame(FineCellFigures.Of(AttendanceStoreCsv.LoadFile(_path, Options(1)).Store.Aggregate(_rules)), "the loader on one thread");
    }

    /// <summary>Writes the file if needed and checks DuckDB's table holds the generated records' figures.</summary>
    [GlobalSetup(Target = nameof(DuckDb_ReadCsv))]
    public void SetupDuckDb()
    {
        Setup();
        _duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        _duckDb.ReadCsv(_path);
        _expected.AssertSame(_duckDb.CsvFigures(), "DuckDB read_csv");
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>The library's loader, parsing on every core.</summary>
    [Benchmark]
    public AttendanceStore Library_AllCores() => AttendanceStoreCsv.LoadFile(_path, Options(Environment.ProcessorCount)).Store;

    /// <summary>The library's loader on one thread.</summary>
    [Benchmark]
    public AttendanceStore Library_1Thread() => AttendanceStoreCsv.LoadFile(_path, Options(1)).Store;

    /// <summary>DuckDB read_csv into a table, every core.</summary>
    [Benchmark(Baseline = true)]
    public void DuckDb_ReadCsv() => _duckDb!.ReadCsv(_path);

    private static AttendanceStoreCsvOptions Options(int threads) => new() { Mode = CsvErrorMode.StopAtFirst, MaxDegreeOfParallelism = threads };

    private void Setup()
    {
        var scale = BenchmarkScale.Current;
        _path = StatewideCsv.Ensure(scale);
        _expected = FineCellFigures.Of(AttendanceStore.From(new StatewideData(scale).BuildList(period: 1)).Aggregate(_rules));
        Console.WriteLine($"// {_path}: {new FileInfo(_path).Length:N0} bytes, {_expected}");
    }
}
