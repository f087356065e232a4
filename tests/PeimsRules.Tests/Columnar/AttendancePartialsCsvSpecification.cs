using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Csv;
using PeimsRules.Csv.Columnar;
using PeimsRules.Tests.Cli;

namespace PeimsRules.Tests.Columnar;

/// <summary>The partial sums of a small file, checkable by hand, and the CLI's figures from them.</summary>
public class AttendancePartialsCsvSpecification
{
    private const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,"
        + "RemoteSynchronousEligibleDaysPresent,RemoteAsynchronousEligibleDaysPresent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode,AdaEligibilityCode";

    private static readonly string[] Rows =
    [
        "2024,101912,101912001,1000000001,01,00,1,29.0,27.5,0.0,1.5,0.0,0.0,01,0,,1",
        "2024,101912,101912001,1000000001,01,00,2,30.0,30.0,0.0,0.0,0.0,0.0,01,0,,1",
        "2024,101912,101912001,1000000002,01,00,1,29.0,29.0,0.0,0.0,0.0,0.0,00,1,BE,1",
        "2024,101912,101912002,1000000003,06,00,1,29.0,20.0,0.5,8.5,0.0,0.0,00,0,,",
    ];

    [Fact]
    public void Four_rows_in_campus_order_are_streamed_into_five_cells_whose_sums_are_the_rows_added_by_hand()
    {
        using var file = new TempCsv(Header + "\n" + string.Join("\n", Rows) + "\n");

        var read = AttendancePartialsCsv.ReadFile(file.Path, CsvErrorMode.StopAtFirst);

        Assert.True(read.Streamed);
        Assert.Equal(4, read.RecordCount);
        Assert.Equal([new SchoolYear(2024)], read.SchoolYears);
        var campus1 = CampusId.Parse("101912001");
        var campus2 = CampusId.Parse("101912002");
        var first = GradeLevel.Parse("01");
        var track = new InstructionalTrack(0);
        var p1 = new ReportingPeriod(1);
        var p2 = new ReportingPeriod(2);
        static DayCount D(decimal days) => DayCount.FromHalfDays((long)(days * 2));
        AttendancePartial[] expected =
        [
            // Campus 101912001, grade 01, period 1 (29 days taught): both students; 27.5 + 29.0 eligible days, 1.5 absent.
            new(campus1, first, track, p1, D(29), Population.All, 2, D(56.5m), D(56.5m), D(1.5m)),
            new(campus1, first, track, p1, D(29), Population.K3EconomicallyDisadvantaged, 1, D(27.5m), D(27.5m), D(1.5m)),
            new(campus1, first, track, p1, D(29), Population.K3EmergentBilingual, 1, D(29), D(29), D(0)),
            new(campus1, first, track, p2, D(30), Population.All, 1, D(30), D(30), D(0)),
            new(campus1, first, track, p2, D(30), Population.K3EconomicallyDisadvantaged, 1, D(30), D(30), D(0)),

            // Campus 101912002, grade 06: 20.0 eligible, and 20.0 + 0.5 ineligible present toward PIA, 8.5 absent.
            new(campus2, GradeLevel.Parse("06"), track, p1, D(29), Population.All, 1, D(20), D(20.5m), D(8.5m)),
        ];
        Assert.Equal(expected, read.Partials!.Rows());

        // Period 1 ADA of campus 101912001: 27.5/29 + 29/29 = 56.5/29 = 1.948.
        var summary = AttendanceSummary.FromPartials(read.Partials, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });
        var period1 = summary.Figures.Single(f => f.Group.Campus == campus1 && f.Population == Population.All && f.Period == p1);
        Assert.Equal(Ratio.Of(113, 58), period1.Ada.Exact);
    }

    [Fact]
    public void The_same_rows_out_of_campus_order_give_the_same_sums_read_another_way()
    {
        using var ordered = new TempCsv(Header + "\n" + string.Join("\n", Rows) + "\n");
        using var reversed = new TempCsv(Header + "\n" + string.Join("\n", Rows.Reverse()) + "\n");

        var streamed = AttendancePartialsCsv.ReadFile(ordered.Path, CsvErrorMode.StopAtFirst);
        var loaded = AttendancePartialsCsv.ReadFile(reversed.Path, CsvErrorMode.StopAtFirst);

        Assert.True(streamed.Streamed);
        Assert.False(loaded.Streamed);
        Assert.Equal(streamed.Partials!.Rows(), loaded.Partials!.Rows());
    }

    [Theory]
    [InlineData("campus")]
    [InlineData("district")]
    [InlineData("grade")]
    public void The_ada_verb_writes_the_same_figures_from_a_streamed_file_as_from_the_records(string by)
    {
        var sample = PeimsRules.Cli.Synthetic.SampleDistrict.ReadablePeriodsFile;
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(sample);
        var sorted = records.OrderBy(r => r.CampusId.Code, StringComparer.Ordinal).ThenBy(r => r.StudentId.Value, StringComparer.Ordinal).ToList();
        using var ordered = new TempCsv(AttendanceStoreCsvProperties.Write(sorted));
        using var shuffled = new TempCsv(AttendanceStoreCsvProperties.Write(sorted.OrderBy(r => r.StudentId.Value.GetHashCode(StringComparison.Ordinal) ^ r.ReportingPeriod.Number)));
        Assert.True(AttendancePartialsCsv.ReadFile(ordered.Path, CsvErrorMode.StopAtFirst).Streamed);
        Assert.False(AttendancePartialsCsv.ReadFile(shuffled.Path, CsvErrorMode.StopAtFirst).Streamed);

        var fromStream = CliRunner.Run("ada", "--input", ordered.Path, "--by", by, "--format", "json");
        var fromRecords = CliRunner.Run("ada", "--input", shuffled.Path, "--by", by, "--format", "json");

        Assert.Equal(0, fromStream.ExitCode);
        Assert.Equal(fromRecords.Output, fromStream.Output);
        Assert.NotEmpty(fromStream.Output);
    }
}
