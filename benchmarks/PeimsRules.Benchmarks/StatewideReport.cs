using System.Diagnostics;
using System.Globalization;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// <c>--report</c>: not a BenchmarkDotNet run, a quick look at one data set: bytes a record of the store, of a list
/// of records and of DuckDB's table (each measured after a full garbage collection), and stopwatch timings (best of a
/// few) of every contender, each checked against the library's figures. For developing; the README's numbers come
/// from BenchmarkDotNet.
/// </summary>
public static class StatewideReport
{
    /// <summary>Runs the report if <paramref name="args"/> asks for it.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Contains("--report"))
        {
            return false;
        }

        var rules = RuleSet.For(new SchoolYear(2024));
        if (args.Contains("--ingest-only"))
        {
            Ingest(rules);
            return true;
        }

        var data = new StatewideData(BenchmarkScale.Current);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale {data.Scale}: {data.Districts:N0} districts, {data.Campuses:N0} campuses, {data.Students:N0} students, {data.RecordCount:N0} records; {Environment.ProcessorCount} cores"));

        var before = Heap();
        var watch = Stopwatch.StartNew();
        var store = data.BuildStore();
        var built = watch.Elapsed;
        var storeHeap = Heap() - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: built in {built.TotalSeconds:0.0} s, {store.CellCount:N0} cells, {store.SizeInBytes / (double)store.Count:0.00} bytes a record by its own count, {storeHeap / (double)store.Count:0.00} by the GC heap"));

        var settle = Heap();
        var expected = FineCellFigures.Of(store.Aggregate(rules));
        expected.AssertSame(FineCellFigures.Of(store.Aggregate(rules, 1)), "one thread");
        Time("library, 1 thread", () => store.Aggregate(rules, 1), 7);
        Time("library, all cores", () => store.Aggregate(rules), 7);
        Time("floor, 1 thread", () => BandwidthFloor.Sum(store, 1), 7);
        Time("floor, all cores", () => BandwidthFloor.Sum(store, Environment.ProcessorCount), 7);
        Time("summary by campus (figures), all cores", () => AttendanceSummary.Compute(store, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus }), 2);
        Time("summary by district (figures), all cores", () => AttendanceSummary.Compute(store, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District }), 2);

        if (!args.Contains("--no-duckdb"))
        {
            using var duckDb = new DuckDbBaseline(Environment.ProcessorCount);
            var duckBefore = duckDb.MemoryBytes();
            watch.Restart();
            duckDb.Load(data.Records());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DuckDB: appended in {watch.Elapsed.TotalSeconds:0.0} s, {(duckDb.MemoryBytes() - duckBefore) / (double)store.Count:0.00} bytes a record (duckdb_memory)"));
            duckDb.Aggregate();
            expected.AssertSame(duckDb.Figures(), "DuckDB");
            Time("DuckDB GROUP BY, all cores", duckDb.Aggregate, 3);
        }

        if (args.Contains("--ingest"))
        {
            Ingest(rules);
        }

        if (!args.Contains("--no-linq"))
        {
            before = Heap();
            var list = data.BuildList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list: {(Heap() - before) / (double)list.Count:0.00} bytes a record by the GC heap"));
            expected.AssertSame(FineCellFigures.FromWideRows(LinqBaseline.Compute(list, rules)), "LINQ");
            Time("LINQ GroupBy/Sum, 1 thread", () => LinqBaseline.Compute(list, rules), 1);
            GC.KeepAlive(list);
        }

        GC.KeepAlive(store);
        return true;
    }

    /// <summary>The statewide six-weeks file: load times, and the managed heap's peak during a load against the store it leaves.</summary>
    private static void Ingest(RuleSet rules)
    {
        var path = StatewideCsv.Ensure(BenchmarkScale.Current);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: {path}, {new FileInfo(path).Length / 1e6:0.0} MB"));
        foreach (var threads in new[] { Environment.ProcessorCount, 1 })
        {
            var options = new AttendanceStoreCsvOptions { MaxDegreeOfParallelism = threads };
            Time(string.Create(CultureInfo.InvariantCulture, $"loader, {threads} thread(s)"), () => AttendanceStoreCsv.LoadFile(path, options), 3);
        }

        var baseline = Heap();
        var peak = 0L;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(2);
            }
        });
        var store = AttendanceStoreCsv.LoadFile(path);
        stop.Cancel();
        sampler.Wait();
        var kept = Heap() - baseline;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {store.Count:N0} rows: the store keeps {kept / 1e6:0.0} MB ({kept / (double)store.Count:0.0} B a row); the heap peaked {(peak - baseline) / 1e6:0.0} MB above the start during the load"));
        using var duckDb = new DuckDbBaseline(Environment.ProcessorCount);
        Time("DuckDB read_csv, all cores", () => duckDb.ReadCsv(path), 3);
        FineCellFigures.Of(store.Aggregate(rules)).AssertSame(duckDb.CsvFigures(), "DuckDB read_csv");
        GC.KeepAlive(store);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Time(string name, Action action, int runs)
    {
        var best = TimeSpan.MaxValue;
        long allocated = 0;
        var gen2 = GC.CollectionCount(2);
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {best.TotalMilliseconds,10:0.0} ms  {allocated / 1024.0,12:N0} KB allocated  {GC.CollectionCount(2) - gen2} gen2 GCs in {runs} runs"));
    }

    private static void Time<T>(string name, Func<T> action, int runs) => Time(name, () => { _ = action(); }, runs);
}
