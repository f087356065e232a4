using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// The columnar loader reads a file exactly as the canonical reader (<see cref="BasicReportingPeriodAttendanceCsv"/>) does:
/// the same records, and on a bad file the same problems (file, line, column, value, message) in the same order.
/// </summary>
public class AttendanceStoreCsvProperties
{
    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 100)]
    public void A_written_file_loads_back_into_the_same_records(ColumnarScenario scenario)
    {
        // One record per 42400 key, as a valid file has (the scenarios draw students from a small pool).
        var records = UniqueKeys(scenario.Records());
        var text = Write(records);

        var loaded = AttendanceStoreCsv.Load(new StringReader(text), "periods.csv", Options(scenario.MaxDegreeOfParallelism));

        Assert.Empty(loaded.Problems);
        Assert.Equal(records, loaded.Store.ToList());
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 300)]
    public void A_bad_file_gets_the_canonical_readers_problems_and_records(CorruptedFile file)
    {
        var canonical = BasicReportingPeriodAttendanceCsv.Read(new StringReader(file.Text), "bad.csv", CsvErrorMode.CollectAll);

        var loaded = AttendanceStoreCsv.Load(new StringReader(file.Text), "bad.csv", Options(file.MaxDegreeOfParallelism));

        AssertSameAsCanonical(canonical, loaded);
    }

    /// <summary>
    /// The same problems and records, except that the store also refuses, with a problem of its own, the records the
    /// canonical reader accepts with more than 127.5 days taught (a spoiled field can make days taught 101912.0).
    /// </summary>
    internal static void AssertSameAsCanonical(CsvReadResult<BasicReportingPeriodAttendance> canonical, AttendanceStoreLoadResult loaded)
    {
        var storeOnly = loaded.Problems.Where(p => p.Message.StartsWith("an attendance store holds at most", StringComparison.Ordinal)).ToList();
        var tooLong = canonical.Records.Where(r => r.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays).ToList();
        Assert.Equal(tooLong.Count, storeOnly.Count);
        Assert.Equal(tooLong.Select(r => r.NumberDaysTaught), storeOnly.Select(p => DayCount.Parse(p.Value)));
        Assert.Equal(canonical.Problems, loaded.Problems.Except(storeOnly));
        Assert.Equal(canonical.Records.Except(tooLong), loaded.Store.ToList());
        Assert.Equal(canonical.UnusedColumns, loaded.UnusedColumns);
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 100)]
    public void Stopping_at_the_first_problem_stops_at_the_canonical_readers_first_problem(CorruptedFile file)
    {
        // Files with a record the store refuses (days taught above 127.5) stop at the store's problem: tested apart.
        if (BasicReportingPeriodAttendanceCsv.Read(new StringReader(file.Text), "bad.csv", CsvErrorMode.CollectAll).Records
            .Any(r => r.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays))
        {
            return;
        }

        var expected = Record.Exception(() => BasicReportingPeriodAttendanceCsv.Read(new StringReader(file.Text), "bad.csv"));

        var actual = Record.Exception(() => AttendanceStoreCsv.Load(
            new StringReader(file.Text), "bad.csv", Options(file.MaxDegreeOfParallelism) with { Mode = CsvErrorMode.StopAtFirst }));

        Assert.Equal((expected as PeimsCsvException)?.Problem, (actual as PeimsCsvException)?.Problem);
        Assert.Equal(expected?.GetType(), actual?.GetType());
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 30)]
    public void A_file_on_disk_loads_as_the_canonical_reader_reads_it(CorruptedFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"peims-columnar-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, file.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: file.MaxDegreeOfParallelism == 2));
        try
        {
            var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);
            var loaded = AttendanceStoreCsv.LoadFile(path, Options(file.MaxDegreeOfParallelism));

            AssertSameAsCanonical(canonical, loaded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 100)]
    public void A_repeated_key_is_refused_naming_both_lines_as_the_canonical_reader_does(ColumnarScenario scenario)
    {
        // The scenarios draw students from a pool of 13, so most files repeat keys, some within a cell and some across
        // cells of one key (another days taught).
        var text = Write(scenario.Records());
        var canonical = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "periods.csv", CsvErrorMode.CollectAll);

        var loaded = AttendanceStoreCsv.Load(new StringReader(text), "periods.csv", Options(scenario.MaxDegreeOfParallelism));

        AssertSameAsCanonical(canonical, loaded);
        Assert.All(loaded.Problems.Where(p => p.Kind != CsvProblemKind.DuplicateKey), p => Assert.StartsWith("an attendance store holds at most", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2021-08-31", 0)]
    [InlineData("2021-02-30", 1)]
    public void Reading_for_summaries_a_file_with_birth_dates_keeps_them_and_reports_a_bad_one_as_the_canonical_reader_does(string birth, int problems)
    {
        // The store keeps no birth dates: the file is read by the canonical reader, which checks them.
        var path = Path.Combine(Path.GetTempPath(), $"peims-birth-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n',
            "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode,BirthDate",
            $"2026,101912,101912001,1000000001,PK,00,1,29.0,14.5,0.0,0.0,01,0,,{birth}") + "\n");
        try
        {
            var read = AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.CollectAll);

            Assert.IsNotType<AttendanceStore>(read.Records);
            Assert.Equal(problems, read.Problems.Count);
            Assert.Equal(problems == 0 ? [new NodaTime.LocalDate(2021, 8, 31)] : Array.Empty<NodaTime.LocalDate?>(), read.Records.Select(r => r.BirthDate));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 60)]
    public void Reading_for_summaries_gives_the_canonical_records_and_problems_and_the_reference_figures(CorruptedFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"peims-summaries-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, file.Text);
        try
        {
            var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);

            var read = AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.CollectAll);

            // The store when it holds a clean file; the canonical list when a record is beyond it (days taught above 127.5)
            // or the file has any problem (so its problems are the input contract's).
            var beyondStore = canonical.Records.Any(r => r.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays);
            Assert.Equal(!beyondStore && canonical.Problems.Count == 0, read.Records is AttendanceStore);
            Assert.Equal(canonical.Problems, read.Problems);
            Assert.Equal(canonical.Records, read.Records.ToList());
            Assert.Equal(canonical.UnusedColumns, read.UnusedColumns);
            if (canonical.Records.Count > 0)
            {
                var rules = RuleSet.For(canonical.Records[0].SchoolYear);
                var options = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };
                Assert.Equal(AttendanceSummary.Compute(canonical.Records, rules, options).Figures, AttendanceSummary.Compute(read.Records, rules, options).Figures);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The records without those whose key an earlier record has.</summary>
    internal static List<BasicReportingPeriodAttendance> UniqueKeys(IEnumerable<BasicReportingPeriodAttendance> records) =>
        records.DistinctBy(r => (r.SchoolYear, r.Key)).ToList();

    internal static AttendanceStoreCsvOptions Options(int maxDegreeOfParallelism) =>
        new() { Mode = CsvErrorMode.CollectAll, MaxDegreeOfParallelism = maxDegreeOfParallelism };

    internal static string Write(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        var writer = new StringWriter();
        BasicReportingPeriodAttendanceCsv.Write(writer, records);
        return writer.ToString();
    }
}

/// <summary>A written file with some fields or rows spoiled, or written another way the canonical reader accepts.</summary>
/// <param name="Description">What was done to it.</param>
/// <param name="Text">The file.</param>
/// <param name="MaxDegreeOfParallelism">The loader's threads.</param>
public sealed record CorruptedFile(string Description, string Text, int MaxDegreeOfParallelism)
{
    public override string ToString() => $"{Description} (dop {MaxDegreeOfParallelism})";
}

/// <summary>The FsCheck generator of <see cref="CorruptedFile"/>.</summary>
public static class CorruptedFiles
{
    /// <summary>
    /// Values for any field: bad ones (each a problem the canonical reader reports), and good ones written another way
    /// than the writer writes them (which the canonical reader accepts, so the loader must too). None changes the
    /// school year or exceeds the store's 127.5 days taught: those are the store's own problems, tested apart.
    /// </summary>
    private static readonly string[] Values =
    [
        "", " ", "twenty", "14.3", "-1", "1e3", "29.", ".5", " 29.0 ", "29.00", "029.0", "0.0", "127.5", "7",
        "kg", "Kg", "KG", "pk", "f", "s", "F", "be", "d1", "D2", "01", "1", "10", "9", "0", "00", "99", "13",
        "101912", "101912001", "057905014", "1000000001", "0000000042", "LOC-1", "a b", "\"quoted\"", "\"29.0\"",
        "\"a,b\"", "x\"y", "1000000000000000000000000000000000000",
    ];

    public static Arbitrary<CorruptedFile> Files() =>
        (from scenario in ColumnarArbitraries.Scenarios().Generator
         from mutations in Gen.Choose(1, 6)
         from seed in Gen.Choose(0, int.MaxValue)
         from header in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
         select Corrupt(scenario, mutations, seed, header))
        .ToArbitrary();

    private static CorruptedFile Corrupt(ColumnarScenario scenario, int mutations, int seed, int header)
    {
        var random = new Random(seed);
        var records = scenario.Records();
        var lines = AttendanceStoreCsvProperties.Write(records)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var done = new List<string>();
        var year = records.Count > 0 ? records[0].SchoolYear : new SchoolYear(2024);
        string[] yearForms = [year.ToString(), year.DisplayName, $"{year.StartYear}-{year.EndYear}", $" {year} "];

        // Header changes: columns renamed to their element numbers, reordered, duplicated, dropped, or an unknown one added.
        if (header > 0)
        {
            var columns = lines[0].Split(',');
            var c = random.Next(columns.Length);
            var element = BasicReportingPeriodAttendanceCsv.Columns[c].Element!;
            switch (header)
            {
                case 1:
                    columns[c] = random.Next(2) == 0 ? element : columns[c].ToUpperInvariant();
                    done.Add($"header column {c} renamed {columns[c]}");
                    break;
                case 2:
                    columns[c] = element;
                    columns[(c + 1) % columns.Length] = BasicReportingPeriodAttendanceCsv.Columns[c].Name;
                    done.Add($"header column {c} given twice");
                    break;
                case 3:
                    columns[c] = "Comment";
                    done.Add($"header column {c} replaced by an unknown one");
                    break;
                default:
                    // Swap two columns everywhere: the layout matches by name, in any order.
                    var d = random.Next(columns.Length);
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var fields = lines[i].Split(',');
                        (fields[c], fields[d]) = (fields[d], fields[c]);
                        lines[i] = string.Join(',', fields);
                    }

                    done.Add($"columns {c} and {d} swapped");
                    columns = lines[0].Split(',');
                    break;
            }

            lines[0] = string.Join(',', columns);
        }

        for (var m = 0; m < mutations && lines.Count > 1; m++)
        {
            var row = 1 + random.Next(lines.Count - 1);
            var fields = lines[row].Split(',').ToList();
            switch (random.Next(10))
            {
                case 0:
                    fields.RemoveAt(random.Next(fields.Count));
                    done.Add($"line {row + 1}: a field dropped");
                    break;
                case 1:
                    fields.Add("extra");
                    done.Add($"line {row + 1}: a field added");
                    break;
                case 2:
                    lines.Insert(row, string.Empty);
                    done.Add($"line {row + 1}: an empty line inserted");
                    continue;
                case 3:
                    var yearColumn = Array.IndexOf(lines[0].Split(','), "SchoolYear");
                    if (yearColumn >= 0)
                    {
                        fields[yearColumn] = yearForms[random.Next(yearForms.Length)];
                        done.Add($"line {row + 1}: year written {fields[yearColumn]}");
                    }

                    break;
                default:
                    var f = random.Next(fields.Count);
                    fields[f] = Values[random.Next(Values.Length)];
                    done.Add($"line {row + 1}, field {f}: '{fields[f]}'");
                    break;
            }

            lines[row] = string.Join(',', fields);
        }

        return new CorruptedFile($"{scenario}; {string.Join("; ", done)}", string.Join('\n', lines) + "\n", scenario.MaxDegreeOfParallelism);
    }
}
