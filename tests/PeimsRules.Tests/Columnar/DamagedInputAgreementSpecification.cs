using System.Text;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// A damaged period file reads the same through every fast reader as through the canonical reader
/// (<see cref="BasicReportingPeriodAttendanceCsv.ReadFile(string, CsvErrorMode)"/>): the same problems (file, line,
/// column, value, message, in order) and the same records, whether the store loads it (<see cref="AttendanceStoreCsv.LoadFile(string, AttendanceStoreCsvOptions)"/>,
/// on one thread or several), it is read for summaries (<see cref="AttendanceStoreCsv.ReadFileForSummaries"/>) or summed
/// (<see cref="AttendancePartialsCsv.ReadFile"/>), and, stopping at the first problem, the same first problem.
/// </summary>
public class DamagedInputAgreementSpecification
{
    private const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,"
        + "EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode";

    private static readonly string[] Rows =
    [
        "2024,101912,101912001,1000000001,01,00,1,29.0,27.5,0.0,1.5,01,0,",
        "2024,101912,101912001,1000000001,01,00,2,30.0,30.0,0.0,0.0,01,0,",
        "2024,101912,101912001,1000000002,01,00,1,29.0,29.0,0.0,0.0,00,1,BE",
        "2024,101912,101912002,1000000003,06,00,1,29.0,20.0,0.5,8.5,00,0,",
        "2024,101912,101912002,1000000004,06,00,1,29.0,29.0,0.0,0.0,00,0,",
    ];

    private static string[] Lines() => [Header, .. Rows];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Join(string[] lines, string newline = "\n", bool lastBreak = true) =>
        Utf8(string.Join(newline, lines) + (lastBreak ? newline : string.Empty));

    private static string[] With(int line, Func<string, string> change)
    {
        var lines = Lines();
        lines[line - 1] = change(lines[line - 1]);
        return lines;
    }

    private static readonly string Spaces = new(' ', 70_000);

    /// <summary>Each damaged file: what was done to it, and its bytes.</summary>
    public static TheoryData<string, byte[]> Files() => new()
    {
        { "line 3 is 70,000 spaces too long", Join(With(3, l => l + Spaces)) },
        { "line 3 is 70,000 spaces too long, CR LF line breaks", Join(With(3, l => l + Spaces), "\r\n") },
        { "line 3 is 70,000 spaces too long, lone CR line breaks", Join(With(3, l => l + Spaces), "\r") },
        { "the last line is too long and has no line break", Join(With(6, l => l + Spaces), lastBreak: false) },
        { "the last line is too long, CR LF, no line break", Join(With(6, l => l + Spaces), "\r\n", lastBreak: false) },
        { "line 2 is too long after a byte order mark", [0xEF, 0xBB, 0xBF, .. Join(With(2, l => l + Spaces))] },
        { "the header is too long", Join(With(1, l => l + Spaces)) },
        { "the header is too long after a byte order mark", [0xEF, 0xBB, 0xBF, .. Join(With(1, l => l + Spaces))] },
        { "line 4 is one byte over the limit", Join(With(4, l => l + new string(' ', CsvInputOptions.DefaultMaximumLineLength - l.Length + 1))) },
        { "line 4 is too long in an unread column", Join([Header + ",Note", .. Rows.Select((r, i) => r + (i == 2 ? "," + new string('x', 70_000) : ",n"))]) },
        { "two lines too long, an empty line between", Join([.. With(3, l => l + Spaces)[..3], string.Empty, Rows[2] + Spaces, .. Rows[3..]]) },
        { "an empty line after a too-long line", Join([.. With(3, l => l + Spaces)[..3], string.Empty, .. Rows[2..]]) },
        { "a too-long line with no end in sight", Join([.. Lines()[..3], Rows[2] + new string(' ', (65_536 * 64) + 10)]) },
        { "a quoted field spans two lines in a read column", Join([.. Lines()[..3], "2024,101912,101912001,\"10000\n00002\",01,00,1,29.0,29.0,0.0,0.0,00,1,BE", .. Rows[3..]]) },
        { "a quoted field spans two lines in an unread column", Join([Header + ",Note", .. Rows.Select((r, i) => r + (i == 2 ? ",\"two\nlines\"" : ",n"))]) },
        { "line 4 is exactly the limit", Join(With(4, l => l + new string(' ', CsvInputOptions.DefaultMaximumLineLength - l.Length))) },
        { "a field of 2,000 characters in an unread column", Join([Header + ",Note", .. Rows.Select((r, i) => r + (i == 2 ? "," + new string('x', 2_000) : ",n"))]) },
        { "a field of 2,000 characters in a read column", Join(With(3, l => l.Replace(",BE", "," + new string(' ', 1_000) + "BE" + new string(' ', 1_000), StringComparison.Ordinal))) },
        { "line 4 is too long with non-ASCII letters", Join(With(4, l => l + new string('é', 35_000))) },
        { "a NUL byte in a read field", Join(With(3, l => l.Replace("1000000002", "10000\u000000002", StringComparison.Ordinal))) },
        { "a NUL byte in an unread field", Join([Header + ",Note", .. Rows.Select((r, i) => r + (i == 2 ? ",a\u0000b" : ",n"))]) },
        { "lone CR line breaks", Join(Lines(), "\r") },
        { "CR LF line breaks", Join(Lines(), "\r\n") },
        { "a byte that is not UTF-8 in a read field", [.. Join(Lines()[..3]), .. Utf8("2024,101912,101912001,1000000002,01,00,1,29.0,29.0,0.0,0.0,00,1,B"), 0xC9, .. Utf8("\n"), .. Join(Rows[3..])] },
        { "a byte that is not UTF-8 in an unread field", [.. Join([Header + ",Note", .. Rows[..2].Select(r => r + ",n")]), .. Utf8(Rows[2] + ",caf"), 0xE9, .. Utf8("\n"), .. Join([.. Rows[3..].Select(r => r + ",n")])] },
        { "a byte order mark at the start of line 3", [.. Join(Lines()[..2]), 0xEF, 0xBB, 0xBF, .. Join(Lines()[2..])] },
        { "the header repeated on line 4", Join([.. Lines()[..3], Header, .. Rows[2..]]) },
        { "a trailing comma on line 3", Join(With(3, l => l + ",")) },
        { "a trailing comma on every line", Join(Lines().Select(l => l + ",").ToArray()) },
        { "an empty last line", Utf8(string.Join("\n", Lines()) + "\n\n") },
        { "empty lines before the header", Utf8("\n\n" + string.Join("\n", Lines()) + "\n") },
        { "only a header", Utf8(Header + "\n") },
        { "only a header, no line break", Utf8(Header) },
        { "more problems than a read collects (10,000)", Join([Header, .. Enumerable.Range(0, 10_005).Select(i => $"2024,101912,101912001,{1_000_000_000 + i},01,00,1,29.0,27.5,0.0,1.5,01,0,XX")]) },
        { "a row whose days present pass its days taught", Join(With(3, l => l.Replace("29.0,29.0,0.0,0.0", "29.0,29.0,0.0,3.0", StringComparison.Ordinal))) },
        { "a row with more fields than the header", Join(With(3, l => l + ",1,2")) },
        { "a file of only empty lines", Utf8("\n\n\n") },
        { "a tab-separated file", Join(Lines().Select(l => l.Replace(',', '\t')).ToArray()) },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_fast_reader_reports_what_the_canonical_reader_reports(string damage, byte[] bytes)
    {
        _ = damage;
        var path = Path.Combine(Path.GetTempPath(), $"peims-damaged-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);
            foreach (var dop in new[] { 1, 2 })
            {
                var loaded = AttendanceStoreCsv.LoadFile(path, new AttendanceStoreCsvOptions { Mode = CsvErrorMode.CollectAll, MaxDegreeOfParallelism = dop });
                Assert.Equal(canonical.Problems, loaded.Problems);
                Assert.Equal(canonical.Records, loaded.Store.ToList());
                Assert.Equal(canonical.UnusedColumns, loaded.UnusedColumns);
            }

            var read = AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.CollectAll);
            Assert.Equal(canonical.Problems, read.Problems);
            Assert.Equal(canonical.Records, read.Records.ToList());
            Assert.Equal(canonical.UnusedColumns, read.UnusedColumns);

            var sums = AttendancePartialsCsv.ReadFile(path, CsvErrorMode.CollectAll);
            Assert.Equal(canonical.Problems, sums.Problems);
            Assert.Equal(canonical.Records.Count, sums.RecordCount);

            if (IsUtf8(bytes))
            {
                // Text and streams: the canonical reader of text (its line limit is in characters).
                var text = Encoding.UTF8.GetString(bytes);
                var ofText = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "text.csv", CsvErrorMode.CollectAll);
                var options = new AttendanceStoreCsvOptions { Mode = CsvErrorMode.CollectAll };
                var fromText = AttendanceStoreCsv.Load(new StringReader(text), "text.csv", options);
                Assert.Equal(ofText.Problems, fromText.Problems);
                Assert.Equal(ofText.Records, fromText.Store.ToList());
                var fromStream = AttendanceStoreCsv.Load(new MemoryStream(bytes), "text.csv", options);
                Assert.Equal(ofText.Problems, fromStream.Problems);
                Assert.Equal(ofText.Records, fromStream.Store.ToList());
                using (var file = File.OpenRead(path))
                {
                    var fromFileStream = AttendanceStoreCsv.Load(file, "text.csv", options);
                    Assert.Equal(ofText.Problems, fromFileStream.Problems);
                    Assert.Equal(ofText.Records, fromFileStream.Store.ToList());
                }
            }

            var first = FirstProblem(() => BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.StopAtFirst));
            Assert.Equal(first, FirstProblem(() => AttendanceStoreCsv.LoadFile(path, AttendanceStoreCsvOptions.Default)));
            Assert.Equal(first, FirstProblem(() => AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.StopAtFirst)));
            Assert.Equal(first, FirstProblem(() => AttendancePartialsCsv.ReadFile(path, CsvErrorMode.StopAtFirst)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_an_endless_device_for_summaries_stops_at_its_first_line_within_the_line_limits_memory()
    {
        // A device has no length: it is left to the canonical reader, which stops a line with no end at 64 times the
        // line limit (4 MiB). The store's header read had no such limit, and grew to gigabytes.
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = AttendanceStoreCsv.ReadFileForSummaries("/dev/zero", CsvErrorMode.CollectAll);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("no end within", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
        Assert.True(allocated < 256L << 20, $"{allocated:N0} bytes allocated");
    }

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static CsvProblem? FirstProblem(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (PeimsCsvException e)
        {
            return e.Problem;
        }
    }
}
