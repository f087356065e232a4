using System.Globalization;
using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Reading Ed-Fi attendance events: <c>studentSchoolAttendanceEvents</c> documents (200,000 at scale 1 and
/// <see cref="Size"/> 1, as the ODS/API writes them, about 340 bytes each: 68 MB), into the daily marks the builder takes,
/// against DuckDB's <c>read_ndjson</c> over the same JSON-lines file on every core, in the same process (no process start
/// on either side), reading the events into an in-memory table of the four values a mark holds (the baseline: the
/// library keeps every mark too, and neither side computes anything more in the timed row) and in one grouping query.
/// Each reading gives the same figures (events by school and by what the category counts as, and the sum of their day
/// numbers), checked equal to the generator's before anything is timed; a mismatch stops the run. Size 2 is the same
/// generator with twice the documents (doubling the input should at most double the time). The columns Docs/s and
/// B/doc (<see cref="EdFiDocumentsColumn"/>) give documents a second and bytes allocated a document, which stays flat
/// from Size 1 to Size 2 when memory grows only by what each document keeps (a mark: 12 bytes, and each student once).
/// Each row's peak resident memory goes to results/peak-memory.csv.
/// </summary>
/// <remarks>
/// Rows: the library's reading of a JSON-lines file on every core (as <see cref="EdFiDailyAttendance"/> reads it) and
/// on one; of a JSON array file on every core and on one; the reference reading (document split out and copied, deserialized into its
/// source-generated type, fields read one by one), which was the library's reading before the fast one; and TSDS
/// PEIMS XML.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(EdFiIngestConfig))]
public class EdFiIngestBenchmarks
{
    private static readonly string[] Categories = ["Present", "Tardy", "Excused Absence", "Unexcused Absence"];

    private EdFiEventFiles _files = null!;
    private DuckDbJsonBaseline? _duckDb;
    private string _row = string.Empty;

    /// <summary>1: 200,000 events at scale 1; 2: twice as many.</summary>
    [Params(1, 2)]
    public int Size { get; set; }

    /// <summary>Writes the files if needed and checks the library's reading on every core gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(Library_JsonLines))]
    public void SetupLines() => SetupLibrary(nameof(Library_JsonLines), () => Read(_files.LinesFolder, Environment.ProcessorCount));

    /// <summary>Writes the files if needed and checks the library's reading on one thread gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(Library_JsonLines_1Thread))]
    public void SetupLines1() => SetupLibrary(nameof(Library_JsonLines_1Thread), () => Read(_files.LinesFolder, 1));

    /// <summary>Writes the files if needed and checks the library's reading of the array on every core gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(Library_JsonArray))]
    public void SetupArray() => SetupLibrary(nameof(Library_JsonArray), () => Read(_files.ArrayFolder, Environment.ProcessorCount));

    /// <summary>Writes the files if needed and checks the library's reading of the array on one thread gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(Library_JsonArray_1Thread))]
    public void SetupArray1() => SetupLibrary(nameof(Library_JsonArray_1Thread), () => Read(_files.ArrayFolder, 1));

    /// <summary>Writes the files if needed and checks the reference reading gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(Reference_JsonLines))]
    public void SetupReference() => SetupLibrary(nameof(Reference_JsonLines), () => Reference(_files.LinesFolder));

    /// <summary>Writes the files if needed and checks DuckDB's query gives the generated figures.</summary>
    [GlobalSetup(Target = nameof(DuckDb_ReadNdjson))]
    public void SetupDuckDb() => SetupDuckDb(nameof(DuckDb_ReadNdjson));

    /// <summary>As <see cref="SetupDuckDb()"/>, for the one-query row.</summary>
    [GlobalSetup(Target = nameof(DuckDb_ReadNdjson_Query))]
    public void SetupDuckDbQuery() => SetupDuckDb(nameof(DuckDb_ReadNdjson_Query));

    private void SetupDuckDb(string row)
    {
        _files = EdFiEventFiles.Ensure(Count, Categories);
        _row = row;
        _duckDb = new DuckDbJsonBaseline(Environment.ProcessorCount);
        _duckDb.Load(_files.LinesFile);
        _files.Expected.AssertSame(_duckDb.TableFigures(), "DuckDB read_ndjson into a table");
        _files.Expected.AssertSame(_duckDb.Figures(_files.LinesFile), "DuckDB read_ndjson in one query");
    }

    /// <summary>Writes the files if needed and checks the XML reader reads every record.</summary>
    [GlobalSetup(Target = nameof(Library_TsdsXml))]
    public void SetupXml()
    {
        _files = EdFiEventFiles.Ensure(Count, Categories);
        _row = nameof(Library_TsdsXml);
        var read = ReadXml(_files.XmlFile);
        if (read != _files.XmlRecords)
        {
            throw new InvalidOperationException($"The TSDS XML reader read {read:N0} records of {_files.XmlRecords:N0}.");
        }
    }

    /// <summary>Records this process's peak resident memory, and closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        PeakMemory.Record(string.Create(CultureInfo.InvariantCulture, $"EdFiIngest.{_row}.Size{Size}"), PeakMemory.OfThisProcess());
        _duckDb?.Dispose();
    }

    /// <summary>DuckDB: the JSON-lines file's events into a table of the four values a mark holds, every core (as the library keeps every mark).</summary>
    [Benchmark(Baseline = true)]
    public void DuckDb_ReadNdjson() => _duckDb!.Load(_files.LinesFile);

    /// <summary>DuckDB: the figures in one query over the JSON-lines file, every core (nothing kept but the groups).</summary>
    [Benchmark]
    public EventFigures DuckDb_ReadNdjson_Query() => _duckDb!.Figures(_files.LinesFile);

    /// <summary>The library: the JSON-lines file into its marks, every core (the figures are checked in the setup, as DuckDB's table's are).</summary>
    [Benchmark]
    public int Library_JsonLines() => Read(_files.LinesFolder, Environment.ProcessorCount).Count;

    /// <summary>The library: the JSON-lines file into its marks, one thread.</summary>
    [Benchmark]
    public int Library_JsonLines_1Thread() => Read(_files.LinesFolder, 1).Count;

    /// <summary>The library: the JSON array file into its marks, every core.</summary>
    [Benchmark]
    public int Library_JsonArray() => Read(_files.ArrayFolder, Environment.ProcessorCount).Count;

    /// <summary>The library: the JSON array file into its marks, one thread.</summary>
    [Benchmark]
    public int Library_JsonArray_1Thread() => Read(_files.ArrayFolder, 1).Count;

    /// <summary>The reference reading of the JSON-lines file into its marks (the library's reading before the fast one).</summary>
    [Benchmark]
    public int Reference_JsonLines() => Reference(_files.LinesFolder).Count;

    /// <summary>TSDS PEIMS XML: the file's basic reporting-period records (one per event's student and period, see <see cref="EdFiEventFiles"/>).</summary>
    [Benchmark]
    public int Library_TsdsXml() => ReadXml(_files.XmlFile);

    private void SetupLibrary(string row, Func<IReadOnlyList<DailyAttendanceMark>> read)
    {
        _files = EdFiEventFiles.Ensure(Count, Categories);
        _row = row;
        _files.Expected.AssertSame(EventFigures.Of(read()), row);
    }

    private int Count => CountOf(Size);

    /// <summary>
    /// The documents a row reads at <paramref name="size"/>: the events of the JSON files; for TSDS XML, the 42400 records
    /// and the 40100 student elements (the XML holds six records and one student element per ten events).
    /// </summary>
    public static long DocumentsOf(string method, int size) =>
        method == nameof(Library_TsdsXml) ? Math.Max(1, CountOf(size) / 10) * 7L : CountOf(size);

    private static int CountOf(int size) => Math.Max(1000, (int)(200_000 * BenchmarkScale.Current)) * size;

    private static DailyAttendanceMarks Read(string folder, int threads)
    {
        var log = new ProblemLog(EdFiErrorMode.StopAtFirst);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        return SchoolAttendanceEvents.ReadAsync(new EdFiFolderSource(folder), EdFiEventFiles.Schools, AttendanceCategoryMap.Default, log, counts, threads, CancellationToken.None)
            .GetAwaiter().GetResult().ToMarks();
    }

    private static List<DailyAttendanceMark> Reference(string folder)
    {
        var marks = new List<DailyAttendanceMark>();
        var log = new ProblemLog(EdFiErrorMode.StopAtFirst);
        var events = new SchoolAttendanceEvents(EdFiEventFiles.Schools, AttendanceCategoryMap.Default);
        var enumerator = new EdFiFolderSource(folder).ReadAsync(EdFiResource.StudentSchoolAttendanceEvents, required: true).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                if (events.Reference(enumerator.Current, log) is { } mark)
                {
                    marks.Add(mark);
                }
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return marks;
    }

    private static int ReadXml(string folder) =>
        TsdsXmlReader.Read([folder], new TsdsXmlReadOptions { SchoolYear = new SchoolYear(2024) }).Records.Count;
}
