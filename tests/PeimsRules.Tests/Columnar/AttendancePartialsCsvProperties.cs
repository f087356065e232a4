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
/// The partial sums read from a file (<see cref="AttendancePartialsCsv"/>) are those of the canonical reader's records,
/// whichever way the library reads the file: streamed from its bytes (a plain file in campus order, cut into any
/// number of threads and blocks), or loaded and summed record by record.
/// </summary>
public class AttendancePartialsCsvProperties
{
    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 150)]
    public void A_plain_file_in_campus_order_is_streamed_into_the_sums_of_its_records(StreamableFile file)
    {
        using var temp = new TempFile(file.Text);

        var read = AttendancePartialsCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, file.Threads, file.BlockBytes);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.Empty(canonical.Problems);
        Assert.True(read.Streamed, file.ToString());
        AssertSameSums(canonical, read);
    }

    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 100)]
    public void A_plain_file_in_campus_order_is_loaded_in_one_pass_into_the_store_of_its_records(StreamableFile file)
    {
        using var temp = new TempFile(file.Text);

        var plain = PlainPeriodFile.TryLoadStore(temp.Path, file.BlockBytes);
        var loaded = AttendanceStoreCsv.LoadFile(temp.Path, AttendanceStoreCsvOptions.Default);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        var beyondStore = canonical.Records.Any(r => r.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays);
        Assert.Equal(!beyondStore, plain is not null);
        Assert.Equal(canonical.Problems.Count + (beyondStore ? 1 : 0) > 0, loaded.HasProblems);
        if (plain is not null)
        {
            var expected = AttendanceStore.From(canonical.Records);
            Assert.Equal(expected.ToList(), plain.ToList());
            Assert.Equal(expected.ToList(), loaded.Store.ToList());
            Assert.Equal(expected.SchoolYear, plain.SchoolYear);
        }
    }

    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 60)]
    public void Rows_out_of_campus_order_are_read_another_way_into_the_same_sums(StreamableFile file, int seed)
    {
        var lines = file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var random = new Random(seed);
        var shuffled = string.Join('\n', [lines[0], .. lines.Skip(1).OrderBy(_ => random.Next())]) + "\n";
        using var temp = new TempFile(shuffled);

        var read = AttendancePartialsCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, file.Threads, file.BlockBytes);

        AssertSameSums(BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll), read);
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 150)]
    public void A_damaged_file_gets_the_canonical_readers_problems_and_the_sums_of_its_records(CorruptedFile file)
    {
        using var temp = new TempFile(file.Text);

        var read = AttendancePartialsCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, file.MaxDegreeOfParallelism, 97);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.Equal(canonical.Problems, read.Problems);
        Assert.Equal(canonical.UnusedColumns, read.UnusedColumns);
        AssertSameSums(canonical, read);
    }

    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 60)]
    public void A_repeated_key_anywhere_in_a_plain_file_is_the_canonical_readers_problem(StreamableFile file, int seed)
    {
        var lines = file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (lines.Count < 2)
        {
            return;
        }

        // The row repeated just after itself, or later (the next student's rows between).
        var random = new Random(seed);
        var row = random.Next(1, lines.Count);
        lines.Insert(Math.Min(lines.Count, row + 1 + random.Next(3)), lines[row]);
        using var temp = new TempFile(string.Join('\n', lines) + "\n");

        var read = AttendancePartialsCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, file.Threads, file.BlockBytes);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.Contains(canonical.Problems, p => p.Kind == CsvProblemKind.DuplicateKey);
        Assert.False(read.Streamed);
        Assert.Equal(canonical.Problems, read.Problems);
        Assert.Throws<PeimsCsvException>(() => AttendancePartialsCsv.ReadFile(temp.Path, CsvErrorMode.StopAtFirst));
    }

    [Property(Arbitrary = [typeof(StreamableFilesFrom2025_26)], MaxTest = 100)]
    public void A_streamed_file_gives_the_pre_K_four_year_olds_rows_of_its_records_for_every_grouping(StreamableFile file, byte choice)
    {
        using var temp = new TempFile(file.Text);
        AttendanceGrouping[] groupings =
        [
            AttendanceGrouping.None, AttendanceGrouping.District, AttendanceGrouping.Campus, AttendanceGrouping.GradeLevel, AttendanceGrouping.InstructionalTrack,
            AttendanceGrouping.Campus | AttendanceGrouping.InstructionalTrack, AttendanceGrouping.District | AttendanceGrouping.GradeLevel,
        ];
        var options = new AttendanceSummaryOptions
        {
            GroupBy = groupings[choice % groupings.Length],
            ThroughPeriod = choice >= 128 ? new ReportingPeriod(1 + (choice % 6)) : null,
        };

        var read = AttendancePartialsCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, file.Threads, file.BlockBytes);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.True(read.Streamed, file.ToString());
        var years = canonical.Records.Select(r => r.SchoolYear).Distinct().ToList();
        var expected = years.Count == 1 ? PreKindergartenHalfDayAda.Compute(canonical.Records, RuleSet.For(years[0]), options) : [];
        Assert.Equal(expected, read.PreKindergartenFourYearOlds(options));
    }

    [Fact]
    public void A_streamed_2025_26_file_with_two_pre_K_students_at_a_campus_says_their_2_birth_dates_are_not_given()
    {
        // Student 1 is PK in periods 1 and 2, student 2 in period 1, student 3 is KG: the campus's pre-K row names 2 students.
        const string header = "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,RemoteSynchronousEligibleDaysPresent,RemoteAsynchronousEligibleDaysPresent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode,AdaEligibilityCode";
        using var temp = new TempFile(string.Join('\n',
            header,
            "2026,101912,101912001,1000000001,PK,00,1,29.0,14.5,0.0,0.0,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000001,PK,00,2,30.0,15.0,0.0,0.0,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000002,PK,00,1,29.0,14.0,0.0,0.5,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000003,KG,00,1,29.0,29.0,0.0,0.0,0.0,0.0,01,0,,1") + "\n");

        var read = AttendancePartialsCsv.ReadFile(temp.Path, CsvErrorMode.StopAtFirst);
        var rows = read.PreKindergartenFourYearOlds(new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        Assert.True(read.Streamed);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "Year"], rows.Select(r => r.Period?.ToString() ?? "Year"));
        Assert.All(rows, r => Assert.Equal(FigureStatus.NotComputable, r.Ada.Status));
        Assert.All(rows, r => Assert.StartsWith("the date of birth (E0006) of 2 pre-K student(s) is not given", r.Ada.Reason, StringComparison.Ordinal));
    }

    /// <summary>The sums are those of the canonical records, row for row, under the rules of their year.</summary>
    internal static void AssertSameSums(CsvReadResult<BasicReportingPeriodAttendance> canonical, AttendancePartialsRead read)
    {
        var years = canonical.Records.Select(r => r.SchoolYear).Distinct().Order().ToList();
        Assert.Equal(years, read.SchoolYears);
        if (years.Count != 1)
        {
            Assert.Null(read.Partials);
            return;
        }

        var rules = RuleSet.For(years[0]);
        Assert.Equal(canonical.Records.Count, read.RecordCount);
        Assert.Equal(AttendancePartials.Of(canonical.Records, rules).Rows(), read.Partials!.Rows());
        Assert.Equal(rules, read.Partials.Rules);
    }

    /// <summary>A file on disk for one test.</summary>
    internal sealed class TempFile : IDisposable
    {
        public TempFile(string text)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"peims-partials-{Guid.NewGuid():N}.csv");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}

/// <summary>The files of <see cref="StreamableFiles"/> of 2025-26 (the first year with the pre-K four-year-olds row) and 2026-27.</summary>
public static class StreamableFilesFrom2025_26
{
    public static Arbitrary<StreamableFile> Files() =>
        (from scenario in ColumnarArbitraries.Scenarios().Generator
         from year in Gen.Elements(2026, 2027)
         from threads in Gen.Choose(1, 4)
         from block in Gen.Elements(90, 97, 256, 4096, 1 << 20)
         from form in Gen.Choose(0, 3)
         select StreamableFiles.Make(scenario with { SchoolYear = year }, threads, block, form))
        .ToArbitrary();
}

/// <summary>A plain file in campus order, and how to cut it: threads and block size.</summary>
public sealed record StreamableFile(string Description, string Text, int Threads, int BlockBytes)
{
    public override string ToString() => $"{Description} (threads {Threads}, blocks of {BlockBytes} bytes)";
}

/// <summary>
/// The FsCheck generator of <see cref="StreamableFile"/>: a <see cref="ColumnarScenario"/>'s records with ten-digit
/// student ids (a local id is not plain), one record per key, sorted by campus then student, written by the writer
/// (or with the columns reordered, CR LF line ends, no line end at the end), cut into 1 to 4 threads and blocks of 90
/// bytes (every row across a seam) to 1 MiB.
/// </summary>
public static class StreamableFiles
{
    public static Arbitrary<StreamableFile> Files() =>
        (from scenario in ColumnarArbitraries.Scenarios().Generator
         from threads in Gen.Choose(1, 4)
         from block in Gen.Elements(90, 97, 256, 4096, 1 << 20)
         from form in Gen.Choose(0, 3)
         select Make(scenario, threads, block, form))
        .ToArbitrary();

    internal static StreamableFile Make(ColumnarScenario scenario, int threads, int block, int form)
    {
        var records = scenario.Records()
            .Select(r => r.StudentId.IsTexasUniqueStudentId ? r : WithStudent(r, "20" + Math.Abs(r.StudentId.Value.GetHashCode(StringComparison.Ordinal) % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)))
            .DistinctBy(r => (r.SchoolYear, r.Key))
            .OrderBy(r => r.CampusId.Code, StringComparer.Ordinal)
            .ThenBy(r => r.StudentId.Value, StringComparer.Ordinal)
            .ToList();
        var text = AttendanceStoreCsvProperties.Write(records);
        var description = $"{scenario}";
        switch (form)
        {
            case 1:
                text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
                description += ", CR LF";
                break;
            case 2:
                text = text.TrimEnd('\n');
                description += ", no line end at the end";
                break;
            case 3:
                text = Reorder(text);
                description += ", columns reordered";
                break;
        }

        return new StreamableFile(description, text, threads, block);
    }

    private static BasicReportingPeriodAttendance WithStudent(BasicReportingPeriodAttendance r, string student) =>
        new(
            r.SchoolYear,
            r.Key with { Student = StudentId.Parse(student) },
            r.NumberDaysTaught,
            r.EligibleDaysPresent,
            r.IneligibleDaysPresent,
            r.DaysAbsent,
            r.FundingAttributes,
            r.RemoteSynchronousEligibleDaysPresent,
            r.RemoteAsynchronousEligibleDaysPresent,
            r.AdaEligibility);

    /// <summary>The columns in reverse order.</summary>
    private static string Reorder(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : string.Join(',', line.Split(',').Reverse())));
}
