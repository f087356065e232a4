using FsCheck.Xunit;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// <see cref="BasicReportingPeriodAttendanceCsv.ReadEach"/> reads a plain file in campus order straight from its bytes and
/// the rest of any other file by the canonical reader: whichever way, and wherever the plain form ends, it hands out the
/// canonical reader's records, problems and counts.
/// </summary>
public class PlainRecordStreamProperties
{
    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 150)]
    public void Each_record_of_a_file_is_the_canonical_readers_wherever_its_plain_form_ends(StreamableFile file, int seed, byte damage, bool collectAll)
    {
        var lines = file.Text.Split('\n').ToList();
        var random = new Random(seed);
        var row = 1 + random.Next(Math.Max(1, lines.Count - 2));
        var description = file.ToString();
        if (lines.Count > 2)
        {
            // Left plain, or from one row on not plain: a value written another way, a row out of campus order, a row
            // the canonical reader refuses, a repeated key, a quoted value.
            switch (damage % 6)
            {
                case 1:
                    lines[row] = lines[row].Replace(",1,", ",01,", StringComparison.Ordinal);
                    description += $", row {row} zero-padded";
                    break;
                case 2:
                    (lines[row], lines[1]) = (lines[1], lines[row]);
                    description += $", rows 1 and {row} swapped";
                    break;
                case 3:
                    lines[row] = "2024,101912,101912001,not-a-student" + lines[row][Math.Min(lines[row].Length, 20)..];
                    description += $", row {row} refused";
                    break;
                case 4:
                    lines.Insert(row, lines[row]);
                    description += $", row {row} repeated";
                    break;
                case 5:
                    var comma = lines[row].IndexOf(',', StringComparison.Ordinal);
                    lines[row] = comma < 0 ? lines[row] : "\"" + lines[row][..comma] + "\"" + lines[row][comma..];
                    description += $", row {row} quoted";
                    break;
            }
        }

        using var temp = new AttendancePartialsCsvProperties.TempFile(string.Join('\n', lines));
        var mode = collectAll ? CsvErrorMode.CollectAll : CsvErrorMode.StopAtFirst;

        var expected = Read(() => CsvTableReader.ReadEach(temp.Path, BasicReportingPeriodAttendanceCsv.Columns, BasicReportingPeriodAttendanceCsv.Map, mode, BasicReportingPeriodAttendanceCsv.OneRecordPerKey, null));
        var actual = Read(() => BasicReportingPeriodAttendanceCsv.ReadEach(temp.Path, mode));

        Assert.True(expected.Records.SequenceEqual(actual.Records), description);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Problems, actual.Problems);
    }

    [Fact]
    public void A_reader_that_stops_after_3_of_60_000_records_stops_the_read_and_a_second_read_gives_all_60_000()
    {
        var records = Enumerable.Range(0, 10_000).SelectMany(s => Enumerable.Range(1, 6).Select(period => new BasicReportingPeriodAttendance(
            new SchoolYear(2024),
            new ReportingPeriodAttendanceKey(CampusId.Parse("101912001"), StudentId.Parse($"{1_000_000_000L + s}"), GradeLevel.All[3], InstructionalTrack.First, new ReportingPeriod(period)),
            DayCount.FromHalfDays(60),
            DayCount.FromHalfDays(60 - (s % 5)),
            DayCount.Zero,
            DayCount.FromHalfDays(s % 5),
            new StudentFundingAttributes(EconomicDisadvantage.All[s % 4], EmergentBilingual.All[0], null),
            adaEligibility: AdaEligibility.FullDay))).ToList();
        using var temp = new AttendancePartialsCsvProperties.TempFile(AttendanceStoreCsvProperties.Write(records));

        // Far more rows than the reading thread hands over before it waits: it must stop when the reader does.
        var first = BasicReportingPeriodAttendanceCsv.ReadEach(temp.Path, CsvErrorMode.StopAtFirst).Take(3).ToList();
        var all = BasicReportingPeriodAttendanceCsv.ReadEach(temp.Path, CsvErrorMode.StopAtFirst).ToList();

        Assert.Equal(records.Take(3), first);
        Assert.Equal(records, all);
    }

    private static (List<BasicReportingPeriodAttendance> Records, string? Error, (long, long, long) Counts, IReadOnlyList<CsvProblem> Problems) Read(
        Func<CsvRecordStream<BasicReportingPeriodAttendance>> open)
    {
        var stream = open();
        var records = new List<BasicReportingPeriodAttendance>();
        try
        {
            foreach (var record in stream)
            {
                records.Add(record);
            }
        }
        catch (PeimsCsvException e)
        {
            return (records, e.Message, default, []);
        }

        return (records, null, (stream.RowsRead, stream.RowsRejected, stream.RecordCount), stream.Problems);
    }
}
