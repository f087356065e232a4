using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// The store's loader keeps the input contract's line limit (<see cref="CsvInputOptions.MaximumLineLength"/>) as the
/// canonical reader does: on a file with some lines made longer than the limit, the same problems (each such line its
/// own, "the line is N bytes long, more than the limit of L") and the same records. A small limit (256 bytes) keeps the
/// files small; lines are lengthened by trailing spaces (which the canonical mapping would otherwise read past) or by
/// an unread column, and end by LF, CR LF or a lone CR, with or without a byte order mark and a last line break.
/// </summary>
public class LineLimitProperties
{
    internal const int Limit = 256;

    [Property(Arbitrary = [typeof(LongLineFiles)], MaxTest = 120)]
    public void The_loader_reports_each_over_long_line_as_the_canonical_reader_does(LongLineFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"peims-longline-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, file.Bytes);
        try
        {
            var input = CsvInputOptions.Default with { MaximumLineLength = Limit };
            var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll, input);

            var loaded = AttendanceStoreCsv.LoadFile(path, new AttendanceStoreCsvOptions { Mode = CsvErrorMode.CollectAll, MaxDegreeOfParallelism = file.MaxDegreeOfParallelism, Input = input });

            AttendanceStoreCsvProperties.AssertSameAsCanonical(canonical, loaded);
            Assert.Equal(file.LongLines, canonical.Problems.Count(p => p.Message.Contains($"more than the limit of {Limit}", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(Arbitrary = [typeof(LongLineFiles)], MaxTest = 60)]
    public void The_loader_stops_at_the_canonical_readers_first_problem(LongLineFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"peims-longline-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, file.Bytes);
        try
        {
            var input = CsvInputOptions.Default with { MaximumLineLength = Limit };
            var expected = Record.Exception(() => BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.StopAtFirst, input));

            var actual = Record.Exception(() => AttendanceStoreCsv.LoadFile(path, new AttendanceStoreCsvOptions { MaxDegreeOfParallelism = file.MaxDegreeOfParallelism, Input = input }));

            Assert.Equal((expected as PeimsCsvException)?.Problem, (actual as PeimsCsvException)?.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A written period file with some lines made longer than the limit.</summary>
/// <param name="Description">What was done to it.</param>
/// <param name="Bytes">The file.</param>
/// <param name="LongLines">The lines made longer than the limit.</param>
/// <param name="MaxDegreeOfParallelism">The loader's threads.</param>
public sealed record LongLineFile(string Description, byte[] Bytes, int LongLines, int MaxDegreeOfParallelism)
{
    public override string ToString() => $"{Description} (dop {MaxDegreeOfParallelism})";
}

/// <summary>The FsCheck generator of <see cref="LongLineFile"/>.</summary>
public static class LongLineFiles
{
    public static Arbitrary<LongLineFile> Files() =>
        (from scenario in ColumnarArbitraries.Scenarios().Generator
         from seed in Gen.Choose(0, int.MaxValue)
         from longLines in Gen.Choose(0, 4)
         from newline in Gen.Elements("\n", "\r\n", "\r")
         from bom in Gen.Elements(false, false, true)
         from lastBreak in Gen.Elements(true, true, false)
         from note in Gen.Elements(false, false, true)
         select Make(scenario, seed, longLines, newline, bom, lastBreak, note))
        .ToArbitrary();

    private static LongLineFile Make(ColumnarScenario scenario, int seed, int longLines, string newline, bool bom, bool lastBreak, bool note)
    {
        var random = new Random(seed);
        var lines = AttendanceStoreCsvProperties.Write(AttendanceStoreCsvProperties.UniqueKeys(scenario.Records()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (note)
        {
            // An unread column: a long note is a long line whose row the layout would otherwise read as it is.
            lines = lines.Select((l, i) => l + (i == 0 ? ",Note" : ",n")).ToList();
        }

        var done = new List<string>();
        var lengthened = new HashSet<int>();
        for (var k = 0; k < longLines; k++)
        {
            // Now and then the header; a line exactly at the limit is not over it.
            var at = random.Next(8) == 0 ? 0 : random.Next(lines.Count);
            var over = random.Next(4) == 0 ? 0 : 1 + random.Next(600);
            var pad = LineLimitProperties.Limit + over - lines[at].Length;
            if (pad <= 0 || !lengthened.Add(at))
            {
                continue;
            }

            lines[at] += note && at > 0 && random.Next(2) == 0 ? new string('x', pad) : new string(' ', pad);
            done.Add($"line {at + 1} of {lines[at].Length} bytes");
        }

        var text = string.Join(newline, lines) + (lastBreak ? newline : string.Empty);
        byte[] bytes = [.. (bom ? (byte[])[0xEF, 0xBB, 0xBF] : []), .. Encoding.UTF8.GetBytes(text)];
        // An over-long header is the file's only problem: the canonical reader reads nothing after it.
        var longCount = lines[0].Length > LineLimitProperties.Limit ? 1 : lines.Count(l => l.Length > LineLimitProperties.Limit);
        return new LongLineFile(
            $"{scenario}; {lines.Count} lines; {string.Join(", ", done)}; newline {(newline == "\n" ? "LF" : newline == "\r" ? "CR" : "CRLF")}{(bom ? "; BOM" : string.Empty)}{(lastBreak ? string.Empty : "; no last break")}",
            bytes,
            longCount,
            scenario.MaxDegreeOfParallelism);
    }
}
