using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PeimsRules.EdFi;
using PeimsRules.EdFi.Json;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Reading Ed-Fi attendance events: <c>studentSchoolAttendanceEvents</c> documents (200,000 at scale 1, as the ODS/API
/// writes them, about 330 bytes each) streamed from a JSON array file and from a JSON-lines file, each document split
/// out by the library's <c>Utf8JsonReader</c> splitter and deserialized by the source-generated reader, as
/// <see cref="EdFiDailyAttendance"/> does. Divide the documents by the mean for documents a second; the allocated
/// column shows memory does not hold the file.
/// </summary>
[MemoryDiagnoser]
public class EdFiIngestBenchmarks
{
    private string _folder = null!;
    private string _lines = null!;
    private int _count;

    [GlobalSetup]
    public void Setup()
    {
        _count = Math.Max(1000, (int)(200_000 * BenchmarkScale.Current));
        _folder = Path.Combine(Path.GetTempPath(), "peims-benchmarks", string.Create(CultureInfo.InvariantCulture, $"edfi-{_count}"));
        _lines = Path.Combine(_folder, "lines");
        Directory.CreateDirectory(_lines);
        var array = Path.Combine(_folder, "studentSchoolAttendanceEvents.json");
        if (!File.Exists(array))
        {
            using var a = new StreamWriter(array, false, new UTF8Encoding(false));
            using var l = new StreamWriter(Path.Combine(_lines, "studentSchoolAttendanceEvents.jsonl"), false, new UTF8Encoding(false));
            a.Write('[');
            for (var i = 0; i < _count; i++)
            {
                var day = new DateOnly(2024, 8, 19).AddDays(i % 170);
                var document = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"id\":\"{i:x32}\",\"studentReference\":{{\"studentUniqueId\":\"{1000000001 + (i / 10)}\"}},\"schoolReference\":{{\"schoolId\":{101912001 + (i % 5)}}},\"sessionReference\":{{\"schoolId\":{101912001 + (i % 5)},\"schoolYear\":2025,\"sessionName\":\"Fall\"}},\"eventDate\":\"{day:yyyy-MM-dd}\",\"attendanceEventCategoryDescriptor\":\"uri://ed-fi.org/AttendanceEventCategoryDescriptor#{(i % 3 == 0 ? "Excused Absence" : "Unexcused Absence")}\"}}");
                a.Write(i == 0 ? "\n" : ",\n");
                a.Write(document);
                l.WriteLine(document);
            }

            a.Write("\n]\n");
        }

        if (Read(_folder) != _count || Read(_lines) != _count)
        {
            throw new InvalidOperationException("The benchmark files do not read back whole.");
        }

        Console.WriteLine($"// {_count:N0} studentSchoolAttendanceEvents, {new FileInfo(array).Length:N0} bytes");
    }

    /// <summary>From a JSON array file.</summary>
    [Benchmark(Baseline = true)]
    public int EdFi_Events_JsonArray() => Read(_folder);

    /// <summary>From a JSON-lines file.</summary>
    [Benchmark]
    public int EdFi_Events_JsonLines() => Read(_lines);

    private static int Read(string folder)
    {
        var source = new EdFiFolderSource(folder);
        var count = 0;
        var enumerator = source.ReadAsync(EdFiResource.StudentSchoolAttendanceEvents, required: true).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                var document = System.Text.Json.JsonSerializer.Deserialize(enumerator.Current.Utf8Json.Span, EdFiJsonContext.Default.StudentSchoolAttendanceEventDocument);
                if (document?.EventDate is not null)
                {
                    count++;
                }
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return count;
    }
}
