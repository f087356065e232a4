using System.Text.Json;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The CLI contract of <c>ada</c>: <c>ada --input FILE [--prior-year FILE] [--by district|campus|grade|track] [--format csv|json]</c>,
/// run as a separate process.
/// </summary>
public sealed class AdaCommandSpecification
{
    /// <summary>
    /// Full attendance of <paramref name="students"/> students in one period of <paramref name="daysTaught"/> days,
    /// campus 101912001, grade 05, full-day code 1.
    /// </summary>
    private static IEnumerable<string> FullAttendance(int year, int period, int daysTaught, int students, int firstStudent = 1, string campus = "101912001", string grade = "05") =>
        Enumerable.Range(firstStudent, students).Select(s =>
            $"{year},{campus[..6]},{campus},S{s:0000},{grade},00,{period},1,{daysTaught}.0,{daysTaught}.0,0.0,0.0,00,0,");

    [Fact]
    public void Prints_the_contract_header_and_a_row_per_campus_population_and_period_for_the_sample_file()
    {
        var result = CliRunner.Run("ada");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("CampusId,Population,ReportingPeriod,Ada,Pia", lines[0]);
        // The sample is 2023-24: three populations (All and the two K-3 rows) where a campus has K-3 students, seven rows each.
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d{9},(All|K3EconomicallyDisadvantaged|K3EmergentBilingual),([1-6]|Year),\d+\.\d{3},\d+\.\d{3}$", l));
    }

    [Fact]
    public void Sample_figures_equal_the_library_figures_for_the_same_file()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "data", "sample-periods.csv");
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(sample);
        var summary = AttendanceSummary.Compute(records, RuleSet.For(new SchoolYear(2024)), new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        var result = CliRunner.Run("ada", "--input", sample);

        var expected = summary.Figures.Select(f =>
            $"{f.Group.Campus},{f.Population},{f.Period?.ToString() ?? "Year"},{f.Ada.Published:0.000},{f.Pia.Published:0.000}");
        Assert.Equal(expected, result.Output.TrimEnd('\n').Split('\n').Skip(1));
    }

    [Fact]
    public void Refined_ADA_is_the_mean_of_the_period_ADAs_7_5_not_the_pooled_8_0()
    {
        // Periods 1, 3, 5: 30 days taught, 10 students present every day = 300 eligible days, ADA 10.
        // Periods 2, 4, 6: 20 days taught, 5 students present every day = 100 eligible days, ADA 5.
        // Refined ADA = (10 + 5 + 10 + 5 + 10 + 5) / 6 = 7.5; the pooled ratio 1200 / 150 = 8.0 is wrong.
        var rows = new[] { 1, 3, 5 }.SelectMany(p => FullAttendance(2024, p, 30, 10))
            .Concat(new[] { 2, 4, 6 }.SelectMany(p => FullAttendance(2024, p, 20, 5)));
        using var file = TempCsv.WithRows(rows);

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("101912001,All,Year,7.500,100.000", result.Output.Split('\n'));
        Assert.Contains("101912001,All,1,10.000,100.000", result.Output.Split('\n'));
        Assert.Contains("101912001,All,2,5.000,100.000", result.Output.Split('\n'));
    }

    [Fact]
    public void For_2019_20_the_year_row_is_the_COVID_adjusted_refined_ADA_with_the_prior_year_file()
    {
        // 2018-19: 100 students present every day of 20-day periods 1-4 (ADA 100), 90 in periods 5 and 6 (ADA 90).
        // Historical ratio = ((100*4 + 90*2) / 6) / ((100*4) / 4) = 96.667 / 100 = 29/30.
        // 2019-20: 105 students every day of periods 1-4 (ADA 105): adjusted refined ADA = 105 * 29/30 = 101.500.
        var prior = Enumerable.Range(1, 4).SelectMany(p => FullAttendance(2019, p, 20, 100))
            .Concat(new[] { 5, 6 }.SelectMany(p => FullAttendance(2019, p, 20, 90)));
        var current = Enumerable.Range(1, 4).SelectMany(p => FullAttendance(2020, p, 20, 105))
            .Concat(new[] { 5, 6 }.SelectMany(p => FullAttendance(2020, p, 20, 50)));
        using var priorFile = TempCsv.WithRows(prior);
        using var currentFile = TempCsv.WithRows(current);

        var result = CliRunner.Run("ada", "--input", currentFile.Path, "--prior-year", priorFile.Path, "--by", "district");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal("DistrictId,Population,ReportingPeriod,Ada,Pia", lines[0]);
        Assert.Contains("101912,All,Year,101.500,100.000", lines);
        // Periods 5 and 6 are shown as excluded, not as zero and not as their figure.
        Assert.Contains("101912,All,5,Excluded,Excluded", lines);
        Assert.Contains("101912,All,6,Excluded,Excluded", lines);
    }

    [Fact]
    public void For_2019_20_without_the_prior_year_the_year_row_says_not_computable_never_zero()
    {
        var current = Enumerable.Range(1, 6).SelectMany(p => FullAttendance(2020, p, 20, 10));
        using var file = TempCsv.WithRows(current);

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("101912001,All,Year,NotComputable,100.000", result.Output.Split('\n'));
        Assert.Contains("prior-year", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_by_grade_with_the_grade_level_in_the_first_column()
    {
        var rows = FullAttendance(2024, 1, 20, 3, grade: "KG").Concat(FullAttendance(2024, 1, 20, 2, firstStudent: 10, grade: "04"));
        using var file = TempCsv.WithRows(rows);

        var result = CliRunner.Run("ada", "--input", file.Path, "--by", "grade");

        var lines = result.Output.Split('\n');
        Assert.Equal("GradeLevel,Population,ReportingPeriod,Ada,Pia", lines[0]);
        Assert.Contains("KG,All,1,3.000,100.000", lines);
        Assert.Contains("04,All,1,2.000,100.000", lines);
        // Refined ADA of KG: 3 in period 1 and nothing in the other five periods = 3 / 6 = 0.500.
        Assert.Contains("KG,All,Year,0.500,100.000", lines);
    }

    [Fact]
    public void Json_output_carries_the_published_value_the_exact_ratio_and_the_status()
    {
        var rows = FullAttendance(2024, 1, 29, 1);
        using var file = TempCsv.WithRows(rows);

        var result = CliRunner.Run("ada", "--input", file.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var year = json.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("reportingPeriod").GetString() == "Year");
        // One student present all 29 days of period 1 only: refined ADA = 1 / 6 = 0.1666... published 0.167.
        Assert.Equal(0.167m, year.GetProperty("ada").GetProperty("value").GetDecimal());
        Assert.Equal("1/6", year.GetProperty("ada").GetProperty("exact").GetString());
        Assert.Equal("Computed", year.GetProperty("ada").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("2024,101912,101912001,S0001,05,00,1,1,20.0,15.0,0.0,6.0,00,0,", "line 3", "NumberDaysTaught", "more than the 20.0 days taught")]
    [InlineData("2024,101912,101912001,S0001,05,00,1,9,20.0,15.0,0.0,5.0,00,0,", "line 3", "AdaEligibilityCode", "'9'")]
    [InlineData("2024,101912,101912001,S0001,05,00,1,1,20.0,14.3,0.0,5.0,00,0,", "line 3", "EligibleDaysPresent", "'14.3'")]
    [InlineData("2024,101912,101912001,S0001,05,00,1,1,20.0,-1.0,0.0,5.0,00,0,", "line 3", "EligibleDaysPresent", "'-1.0'")]
    [InlineData("2024,101912,101912001,S0001,05,00,1,1,twenty,15.0,0.0,5.0,00,0,", "line 3", "NumberDaysTaught", "'twenty'")]
    public void Bad_input_is_an_error_on_stderr_naming_line_column_and_value_with_a_nonzero_exit(string badRow, string line, string column, string detail)
    {
        using var file = TempCsv.WithRows(["2024,101912,101912001,S0002,05,00,1,1,20.0,20.0,0.0,0.0,00,0,", badRow]);

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains(line, result.Error, StringComparison.Ordinal);
        Assert.Contains($"column {column}", result.Error, StringComparison.Ordinal);
        Assert.Contains(detail, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_column_is_an_error_naming_the_column()
    {
        using var file = new TempCsv("SchoolYear,DistrictId,CampusId\n2024,101912,101912001\n");

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("column StudentId", result.Error, StringComparison.Ordinal);
        Assert.Contains("required column is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_two_school_years_is_refused()
    {
        using var file = TempCsv.WithRows(FullAttendance(2023, 1, 20, 1).Concat(FullAttendance(2024, 1, 20, 1)));

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("2 school years", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_two_records_under_one_key_exits_2_naming_both_lines()
    {
        // 42400-000A: one record per student, campus, grade, track and period, whatever the ADA codes of the rows.
        using var file = TempCsv.WithRows([
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,12.0,0.0,1.0,00,0,",
            "2024,101912,101912001,1000000001,05,00,1,3,30.0,15.0,0.0,2.0,00,0,",
        ]);

        var result = CliRunner.Run("ada", "--input", file.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 2 already has this key", result.Error, StringComparison.Ordinal);
    }
}
