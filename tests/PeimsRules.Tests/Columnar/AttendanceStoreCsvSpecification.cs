using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Columnar;

/// <summary>The columnar loader on hand-written files: its header handling, its own limits, its progress reports.</summary>
public class AttendanceStoreCsvSpecification
{
    private const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,"
        + "EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode\n";

    [Fact]
    public void Columns_named_by_element_number_in_any_order_with_extra_columns_load_as_the_canonical_reader_reads_them()
    {
        const string text =
            "E0935,Note,E0974,E0212,E0266,E1523,E0017,E0975,E0934,E0787,E0937,E0936,E0036,E0785,E0790,E1651\n"
            + "29.0,first,2024,101912,101912001,1000000001,KG,00,1,1,27.0,0.0,2.0,01,1,BE\n"
            + "29.0,second,2023-24,101912,101912001,LOCAL-9,kg,00,1,2,13.5,0.0,1.0,99,f,d1\n";

        var canonical = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "t.csv", CsvErrorMode.CollectAll);
        var loaded = AttendanceStoreCsv.Load(new StringReader(text), "t.csv", AttendanceStoreCsvProperties.Options(2));

        Assert.Empty(loaded.Problems);
        Assert.Equal(["Note"], loaded.UnusedColumns);
        Assert.Equal(canonical.Records, loaded.Store.ToList());
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_line_1_as_the_canonical_reader_reports_it()
    {
        var text = Header.Replace("DaysAbsent,", string.Empty, StringComparison.Ordinal)
            + "2024,101912,101912001,1000000001,KG,00,1,1,29.0,27.0,0.0,01,1,BE\n";

        var canonical = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "t.csv", CsvErrorMode.CollectAll);
        var loaded = AttendanceStoreCsv.Load(new StringReader(text), "t.csv", AttendanceStoreCsvProperties.Options(1));

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal(canonical.Problems, loaded.Problems);
        Assert.Equal((1L, "DaysAbsent"), (problem.Line, problem.Column));
        Assert.Empty(loaded.Store);
    }

    [Fact]
    public void A_row_of_another_school_year_is_the_stores_own_problem_at_its_line_and_column()
    {
        var text = Header
            + "2024,101912,101912001,1000000001,KG,00,1,1,29.0,27.0,0.0,2.0,01,1,BE\n"
            + "2022-23,101912,101912001,1000000002,KG,00,1,1,29.0,27.0,0.0,2.0,01,1,BE\n";

        var loaded = AttendanceStoreCsv.Load(new StringReader(text), "t.csv", AttendanceStoreCsvProperties.Options(1));

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal((3L, "SchoolYear", "2022-23"), (problem.Line, problem.Column, problem.Value));
        Assert.Contains("one school year", problem.Message, StringComparison.Ordinal);
        Assert.Single(loaded.Store);
    }

    [Fact]
    public void Days_taught_the_store_cannot_hold_are_refused_at_their_line_not_guessed()
    {
        var text = Header + "2024,101912,101912001,1000000001,KG,00,1,1,128.0,27.0,0.0,2.0,01,1,BE\n";

        Assert.Single(BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "t.csv"));
        var error = Assert.Throws<PeimsCsvException>(() => AttendanceStoreCsv.Load(new StringReader(text), "t.csv", AttendanceStoreCsvOptions.Default));

        Assert.Equal((2L, "NumberDaysTaught", "128.0"), (error.Problem.Line, error.Problem.Column, error.Problem.Value));
        Assert.Contains("127.5", error.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_loaded_into_a_store_summarises_as_the_records_read_from_it_do()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sample-periods.csv");
        File.Copy(FindSample(), path, overwrite: true);
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(path);
        var store = AttendanceStoreCsv.LoadFile(path);
        var rules = RuleSet.For(records[0].SchoolYear);
        var options = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };

        Assert.Equal(AttendanceSummary.Compute(records, rules, options).Figures, AttendanceSummary.Compute(store, rules, options).Figures);
    }

    [Fact]
    public void Progress_is_reported_in_rows_and_bytes()
    {
        var records = new ColumnarScenario(5, 2024, 2, 2, 400, true, 0, AttendanceGrouping.District, false, 1, null, PriorYear.None).Records();
        // 200 copies of 400 records, each copy under other students so that no 42400 key repeats.
        var text = AttendanceStoreCsvProperties.Write(Enumerable.Range(0, 80_000).Select(i =>
        {
            var r = records[i % records.Count];
            return new BasicReportingPeriodAttendance(
                r.SchoolYear, r.Key with { Student = StudentId.Parse((1_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes,
                r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility);
        }));
        var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var reports = new List<AttendanceStoreCsvProgress>();

        var loaded = AttendanceStoreCsv.Load(stream, "t.csv", AttendanceStoreCsvOptions.Default with { Progress = new Collect(reports) });

        Assert.Equal(80_000, loaded.Store.Count);
        Assert.Equal(2, reports.Count);
        Assert.Equal(65_536, reports[0].Rows);
        Assert.InRange(reports[0].Bytes, 1, stream.Length - 1);
        Assert.Equal(new AttendanceStoreCsvProgress(80_000, stream.Length, stream.Length), reports[^1]);
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "PeimsRules.Cli", "data", "sample-periods.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/PeimsRules.Cli/data/sample-periods.csv");
    }

    /// <summary>Progress&lt;T&gt; posts to a synchronization context; this records on the reporting thread.</summary>
    private sealed class Collect(List<AttendanceStoreCsvProgress> reports) : IProgress<AttendanceStoreCsvProgress>
    {
        public void Report(AttendanceStoreCsvProgress value) => reports.Add(value);
    }
}
