using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Csv;
using PeimsRules.Tests.Columnar;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Csv;

/// <summary>
/// <see cref="BasicReportingPeriodAttendanceCsv.ReadEach"/> hands out the records of
/// <see cref="BasicReportingPeriodAttendanceCsv.ReadFile(string, CsvErrorMode)"/> one at a time, with the same problems,
/// columns not read and row counts, on the damaged files of the bad-input tests and on files in key order with a row
/// repeated or moved anywhere (the reader then needs the index of the keys before the row out of order). The text reader,
/// which cannot read its text twice and so always keeps the index, is the oracle for the repeated keys.
/// </summary>
public sealed class ReadEachProperties
{
    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 200)]
    public void A_damaged_file_streams_the_records_and_problems_of_ReadFile(CorruptedFile file) =>
        AssertSameAsReadFile(file.Text);

    public sealed record Reordered(StreamableFile File, int From, int To, bool Copy)
    {
        public override string ToString() => $"{File.Description}; line {From} {(Copy ? "copied" : "moved")} before line {To}";
    }

    public static class ReorderedFiles
    {
        public static Arbitrary<Reordered> Values() =>
            (from file in StreamableFiles.Files().Generator
             from source in Gen.Choose(0, 1000)
             from to in Gen.Choose(0, 1000)
             from copy in Gen.Elements(true, false)
             select new Reordered(file, source, to, copy)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(ReorderedFiles)], MaxTest = 200)]
    public void A_file_in_key_order_with_a_row_repeated_or_moved_anywhere_streams_the_records_and_problems_of_ReadFile(Reordered reordered)
    {
        var lines = reordered.File.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        if (lines.Count > 1)
        {
            var from = 1 + (reordered.From % (lines.Count - 1));
            var row = lines[from];
            if (!reordered.Copy)
            {
                lines.RemoveAt(from);
            }

            lines.Insert(1 + (reordered.To % lines.Count), row);
        }

        AssertSameAsReadFile(string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void The_records_of_a_stream_can_be_read_once()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("periods.csv");
        File.WriteAllText(path, CsvText.Header + "\n" + CsvText.Row(student: "S1") + "\n");
        var stream = BasicReportingPeriodAttendanceCsv.ReadEach(path, CsvErrorMode.CollectAll);

        Assert.False(stream.IsComplete);
        Assert.Single(stream.ToList());
        Assert.True(stream.IsComplete);
        Assert.Equal((1L, 0L, 1L), (stream.RowsRead, stream.RowsRejected, stream.RecordCount));
        Assert.Throws<InvalidOperationException>(() => stream.ToList());
    }

    private static void AssertSameAsReadFile(string text)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("periods.csv");
        File.WriteAllText(path, text);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);
        var stream = BasicReportingPeriodAttendanceCsv.ReadEach(path, CsvErrorMode.CollectAll);
        var records = stream.ToList();
        using (var reader = new StringReader(text))
        {
            var oracle = BasicReportingPeriodAttendanceCsv.Read(reader, path, CsvErrorMode.CollectAll);
            Assert.Equal(oracle.Records, canonical.Records);
            Assert.Equal(oracle.Problems, canonical.Problems);
            Assert.Equal(oracle.RecordLines, canonical.RecordLines);
        }

        Assert.Equal(canonical.Records, records);
        Assert.Equal(canonical.Problems, stream.Problems);
        Assert.Equal(canonical.UnusedColumns, stream.UnusedColumns);
        Assert.Equal((canonical.RowsRead, canonical.RowsRejected, (long)canonical.Records.Count), (stream.RowsRead, stream.RowsRejected, stream.RecordCount));

        // Stopping at the first problem stops at the same one, while the records are read.
        var first = Record.Exception(() => BasicReportingPeriodAttendanceCsv.ReadEach(path, CsvErrorMode.StopAtFirst).ToList());
        Assert.Equal(canonical.Problems.FirstOrDefault(), (first as PeimsCsvException)?.Problem);
    }
}
