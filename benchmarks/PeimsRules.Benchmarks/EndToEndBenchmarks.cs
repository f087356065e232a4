using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// What users wait for, on the six-period statewide file (<see cref="StatewideCsv.EnsureYear"/>: 33 million rows at
/// scale 1): the CLI's <c>ada --by campus</c> and <c>--by district</c> from process start to the last byte written;
/// the API's read + compute + write (streamed into partial sums, as the CLI does, and into a store that keeps the records
/// for drill-down); the exact figures from a loaded store. The baseline is DuckDB running one SQL query
/// straight over the same CSV (<c>read_csv</c>, every core), whose ADA and PIA of every campus, period and year are
/// checked equal, at three decimals, to the CLI's before anything is timed. Each benchmark's peak resident memory goes
/// to <c>peak-memory.csv</c> (<see cref="PeakMemory"/>). The CLI's <c>indicators</c> (the accountability attendance rate)
/// has DuckDB's one query of the rate of every campus as its baseline, its counts checked equal to the CLI's first.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EndToEndBenchmarks
{
    /// <summary>The environment variable naming the CLI's dll, as <c>dotnet build -c Release</c> makes it.</summary>
    public const string CliVariable = "PEIMS_CLI_DLL";

    /// <summary>
    /// The environment variable naming the CLI's dll as published for the machine's runtime (ReadyToRun: precompiled),
    /// <c>dotnet publish samples/PeimsRules.Cli -c Release -r linux-x64 -o samples/PeimsRules.Cli/bin/publish</c>.
    /// </summary>
    public const string PublishedCliVariable = "PEIMS_CLI_PUBLISHED_DLL";

    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private string _path = null!;
    private DuckDbBaseline? _duckDb;
    private AttendanceSummaryOptions _byCampus = null!;
    private PeimsRules.Attendance.Columnar.AttendanceStore? _store;
    private long _peak;
    private string _cli = null!;
    private string _name = nameof(EndToEndBenchmarks);

    /// <summary>The CLI's peak of its runs.</summary>
    [GlobalSetup(Targets = [nameof(Cli_AdaByCampus), nameof(Cli_AdaByDistrict)])]
    public void SetupCli()
    {
        Setup();
        _cli = CliDll(CliVariable, "Program sets it to the Release build in the repository: build the CLI first, dotnet build -c Release samples/PeimsRules.Cli");
        CheckFigures();
    }

    /// <summary>The published CLI's peak of its runs.</summary>
    [GlobalSetup(Targets = [nameof(Cli_AdaByCampus_Published), nameof(Cli_AdaByDistrict_Published)])]
    public void SetupPublishedCli()
    {
        Setup();
        _cli = CliDll(PublishedCliVariable, "Program sets it to samples/PeimsRules.Cli/bin/publish: publish the CLI first, dotnet publish samples/PeimsRules.Cli -c Release -r linux-x64 -o samples/PeimsRules.Cli/bin/publish");
        CheckFigures();
    }

    /// <summary>The published CLI on the 2025-26 file (the same records, with the pre-K four-year-olds row).</summary>
    [GlobalSetup(Targets = [nameof(Cli_AdaByCampus_2025_26_Published), nameof(Cli_AdaByDistrict_2025_26_Published)])]
    public void SetupPublishedCli2025_26()
    {
        Setup(schoolYear: 2026);
        _cli = CliDll(PublishedCliVariable, "Program sets it to samples/PeimsRules.Cli/bin/publish: publish the CLI first, dotnet publish samples/PeimsRules.Cli -c Release -r linux-x64 -o samples/PeimsRules.Cli/bin/publish");
        CheckFigures();
    }

    /// <summary>The CLI's <c>indicators</c>, its All rows checked against DuckDB's first.</summary>
    [GlobalSetup(Target = nameof(Cli_Indicators))]
    public void SetupIndicatorsCli()
    {
        Setup();
        _cli = CliDll(CliVariable, "Program sets it to the Release build in the repository: build the CLI first, dotnet build -c Release samples/PeimsRules.Cli");
        CheckAttendanceRates();
    }

    /// <summary>DuckDB for the attendance rate, in this process.</summary>
    [GlobalSetup(Target = nameof(DuckDb_AttendanceRateByCampus))]
    public void SetupAttendanceRateDuckDb()
    {
        Setup();
        _duckDb = new DuckDbBaseline(Environment.ProcessorCount);
    }

    /// <summary>DuckDB, in this process.</summary>
    [GlobalSetup(Targets = [nameof(DuckDb_OneQueryByCampus), nameof(DuckDb_OneQueryByDistrict), nameof(Api_SumsComputeWrite), nameof(Api_StoreComputeWrite)])]
    public void SetupInProcess()
    {
        Setup();
        _duckDb = new DuckDbBaseline(Environment.ProcessorCount);
    }

    /// <summary>Loads the file into a DuckDB table once; the benchmark is the query over it.</summary>
    [GlobalSetup(Target = nameof(DuckDb_DoublesByCampus_FromLoadedTable))]
    public void SetupDuckDbTable()
    {
        Setup();
        _duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        _duckDb.ReadCsv(_path);
    }

    /// <summary>Loads the store once; the benchmark is the figures alone.</summary>
    [GlobalSetup(Target = nameof(ExactFiguresByCampus_FromLoadedStore))]
    public void SetupStore()
    {
        Setup();
        _store = AttendanceStoreCsv.LoadFile(_path);
    }

    /// <summary>
    /// Reads the file through once before each iteration of a row that reads it, outside the timing, so that every such
    /// row, DuckDB's too, starts with the file in the page cache: this machine drops the cached pages of a large file
    /// within minutes (fincore showed 64 MB of the 2.3 GB file cached a few minutes after it was read whole, with 18 GB
    /// free), and a read from the disk takes several times longer than one from the cache.
    /// </summary>
    [IterationSetup(Targets = [
        nameof(Cli_AdaByCampus), nameof(Cli_AdaByDistrict), nameof(Cli_AdaByCampus_Published), nameof(Cli_AdaByDistrict_Published),
        nameof(Cli_AdaByCampus_2025_26_Published), nameof(Cli_AdaByDistrict_2025_26_Published),
        nameof(DuckDb_OneQueryByCampus), nameof(DuckDb_OneQueryByDistrict), nameof(Api_SumsComputeWrite), nameof(Api_StoreComputeWrite)])]
    public void ReadFileIntoCache()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        while (file.Read(buffer) > 0)
        {
        }
    }

    /// <summary>The file in the page cache before each iteration of the <c>indicators</c> rows, as for the others (<see cref="ReadFileIntoCache"/>).</summary>
    [IterationSetup(Targets = [nameof(Cli_Indicators), nameof(DuckDb_AttendanceRateByCampus)])]
    public void ReadFileIntoCacheForIndicators() => ReadFileIntoCache();

    /// <summary>Records the peak memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _duckDb?.Dispose();
        PeakMemory.Record(_name, _peak > 0 ? _peak : PeakMemory.OfThisProcess());
    }

    /// <summary><c>ada --input FILE --by campus</c>, a new process: start, read, compute, write, exit.</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByCampus()
    {
        _name = nameof(Cli_AdaByCampus);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("campus")));
    }

    /// <summary><c>ada --input FILE --by district</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByDistrict()
    {
        _name = nameof(Cli_AdaByDistrict);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("district")));
    }

    /// <summary>The same, with the CLI as published for the machine's runtime (ReadyToRun).</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByCampus_Published()
    {
        _name = nameof(Cli_AdaByCampus_Published);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("campus")));
    }

    /// <summary><c>ada --by district</c>, with the CLI as published for the machine's runtime.</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByDistrict_Published()
    {
        _name = nameof(Cli_AdaByDistrict_Published);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("district")));
    }

    /// <summary>
    /// <c>ada --by campus</c> with the published CLI on the 2025-26 file: the records of the 2023-24 file (so DuckDB's
    /// query over that file is the baseline: it computes the same All rows), with the K-3 and pre-K four-year-olds rows
    /// that 2025-26 adds.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByCampus_2025_26_Published()
    {
        _name = nameof(Cli_AdaByCampus_2025_26_Published);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("campus")));
    }

    /// <summary><c>ada --by district</c> with the published CLI on the 2025-26 file.</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public void Cli_AdaByDistrict_2025_26_Published()
    {
        _name = nameof(Cli_AdaByDistrict_2025_26_Published);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli("district")));
    }

    /// <summary>DuckDB: ADA and PIA of every campus, period and the year, in one query over the CSV.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FromTheFile")]
    public int DuckDb_OneQueryByCampus()
    {
        _name = nameof(DuckDb_OneQueryByCampus);
        return _duckDb!.AdaFromCsv(_path, byDistrict: false).Count;
    }

    /// <summary>DuckDB: the same by district.</summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public int DuckDb_OneQueryByDistrict()
    {
        _name = nameof(DuckDb_OneQueryByDistrict);
        return _duckDb!.AdaFromCsv(_path, byDistrict: true).Count;
    }

    /// <summary>
    /// <c>indicators --input FILE</c>, a new process: the accountability attendance rate of every campus and district
    /// (the file streamed into the students' tally), small groups masked, written as CSV.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("Indicators")]
    public void Cli_Indicators()
    {
        _name = nameof(Cli_Indicators);
        _peak = Math.Max(_peak, PeakMemory.Run(Cli(["indicators", "--input", _path])));
    }

    /// <summary>DuckDB: the attendance rate of every campus (All students: days present, days in membership, students), one query over the CSV.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Indicators")]
    public int DuckDb_AttendanceRateByCampus()
    {
        _name = nameof(DuckDb_AttendanceRateByCampus);
        return _duckDb!.AttendanceRateFromCsv(_path).Count;
    }

    /// <summary>
    /// The API as the CLI uses it: <see cref="AttendancePartialsCsv.ReadFile"/> (the file streamed into partial sums),
    /// <see cref="AttendanceSummary.FromPartials"/> by campus, every row written as CSV.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public long Api_SumsComputeWrite()
    {
        _name = nameof(Api_SumsComputeWrite);
        var read = AttendancePartialsCsv.ReadFile(_path, CsvErrorMode.StopAtFirst);
        if (!read.Streamed)
        {
            throw new InvalidOperationException($"{_path} was not streamed: the benchmark file must be in plain form and campus order.");
        }

        return Write(AttendanceSummary.FromPartials(read.Partials!, _byCampus));
    }

    /// <summary>
    /// The API with the records kept for drill-down: <see cref="AttendanceStoreCsv.ReadFileForSummaries"/> (a columnar
    /// store), the summary by campus, every row written as CSV.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("FromTheFile")]
    public long Api_StoreComputeWrite()
    {
        _name = nameof(Api_StoreComputeWrite);
        var records = AttendanceStoreCsv.ReadFileForSummaries(_path, CsvErrorMode.StopAtFirst).Records;
        return Write(AttendanceSummary.Compute(records, _rules, _byCampus));
    }

    private static long Write(AttendanceSummary summary)
    {
        using var writer = new StreamWriter(Stream.Null);
        foreach (var f in summary.Figures)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Group.Campus},{f.Population},{f.Period?.ToString() ?? "Year"},{f.Ada.Published},{f.Pia.Published}"));
        }

        return summary.Figures.Count;
    }

    /// <summary>DuckDB: the ADA and PIA of every campus, in doubles, from the table <c>read_csv</c> loaded in setup.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FromLoadedData")]
    public int DuckDb_DoublesByCampus_FromLoadedTable()
    {
        _name = nameof(DuckDb_DoublesByCampus_FromLoadedTable);
        return _duckDb!.AdaFromLoadedTable(byDistrict: false).Count;
    }

    /// <summary>Every figure by campus, exact and rounded once, from a store already loaded.</summary>
    [Benchmark]
    [BenchmarkCategory("FromLoadedData")]
    public int ExactFiguresByCampus_FromLoadedStore()
    {
        _name = nameof(ExactFiguresByCampus_FromLoadedStore);
        return AttendanceSummary.Compute(_store!, _rules, _byCampus).Figures.Count;
    }

    private void Setup(int schoolYear = 2024)
    {
        _path = StatewideCsv.EnsureYear(BenchmarkScale.Current, schoolYear);
        _byCampus = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };
        Console.WriteLine($"// {_path}: {new FileInfo(_path).Length:N0} bytes");
    }

    /// <summary>The CLI's All rows against DuckDB's, at three decimals, by campus and by district.</summary>
    private void CheckFigures()
    {
        using var duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        foreach (var byDistrict in new[] { false, true })
        {
            var start = Cli(byDistrict ? "district" : "campus");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var cli = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(l => l.Split(','))
                .Where(f => f[1] == "All")
                .ToDictionary(f => (f[0], f[2]), f => (decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture)));
            var duck = duckDb.AdaFromCsv(_path, byDistrict);
            if (cli.Count != duck.Count)
            {
                throw new InvalidOperationException($"The CLI wrote {cli.Count} All rows, DuckDB {duck.Count}.");
            }

            foreach (var (key, value) in duck)
            {
                if (!cli.TryGetValue(key, out var mine) || mine != value)
                {
                    throw new InvalidOperationException($"{key}: the CLI says {mine}, DuckDB {value}.");
                }
            }

            Console.WriteLine($"// {(byDistrict ? "district" : "campus")}: {duck.Count:N0} ADA and PIA rows, DuckDB and the CLI ({_cli}) agree at three decimals");
        }
    }

    /// <summary>The CLI's All rows of the attendance rate by campus against DuckDB's: students, days present and days in membership, exactly.</summary>
    private void CheckAttendanceRates()
    {
        using var duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        using var process = Process.Start(Cli(["indicators", "--input", _path]))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"indicators exited with {process.ExitCode}: {error.Result}");
        }

        // Indicator,Grades,Level,DistrictId,CampusId,StudentGroup,Students,Numerator,Denominator,Percent,Masked
        var cli = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[0] == "AttendanceRate" && f[2] == "Campus" && f[5] == "All")
            .ToDictionary(f => f[4], f => f[10].Length > 0 ? (0, 0m, 0m) : (int.Parse(f[6], CultureInfo.InvariantCulture), decimal.Parse(f[7], CultureInfo.InvariantCulture), decimal.Parse(f[8], CultureInfo.InvariantCulture)));
        var duck = duckDb.AttendanceRateFromCsv(_path);
        if (cli.Count != duck.Count)
        {
            throw new InvalidOperationException($"The CLI wrote {cli.Count} campus All rows, DuckDB {duck.Count}.");
        }

        foreach (var (campus, value) in duck)
        {
            if (!cli.TryGetValue(campus, out var mine) || mine != value)
            {
                throw new InvalidOperationException($"{campus}: the CLI says {mine}, DuckDB {value}.");
            }
        }

        Console.WriteLine($"// indicators: {duck.Count:N0} campus attendance rates (All), DuckDB and the CLI ({_cli}) agree on every count");
    }

    private static string CliDll(string variable, string how)
    {
        var dll = Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"Set {variable} to the CLI's PeimsRules.Cli.dll ({how}).");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} ({variable}) does not exist: {how}.");
    }

    private ProcessStartInfo Cli(string by) => Cli(["ada", "--input", _path, "--by", by]);

    private ProcessStartInfo Cli(string[] args)
    {
        var dll = _cli;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
