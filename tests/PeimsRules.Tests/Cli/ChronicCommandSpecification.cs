using System.Text.Json;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The CLI contract of <c>chronic</c> and <c>indicators</c>: a hand-made 2023-24 file of period records, read as a user
/// would run the tool. Student EXACT is absent 3 of 30 days in each of six periods (18 of 180, exactly 10%); student LOW
/// is absent 1 of 30 days each period (6 of 180, 3.33%); student MOVER is absent 6 of 30 days at campus 101912001 in
/// period 1 and 0 of 30 at campus 101912002 in period 2.
/// </summary>
public sealed class ChronicCommandSpecification
{
    private static IEnumerable<string> Rows()
    {
        for (var p = 1; p <= 6; p++)
        {
            yield return $"2024,101912,101912001,EXACT,05,00,{p},1,30.0,27.0,0.0,3.0,00,0,";
            yield return $"2024,101912,101912001,LOW,05,00,{p},1,30.0,29.0,0.0,1.0,00,0,";
        }

        yield return "2024,101912,101912001,MOVER,05,00,1,1,30.0,24.0,0.0,6.0,00,0,";
        yield return "2024,101912,101912002,MOVER,05,00,2,1,30.0,30.0,0.0,0.0,00,0,";
    }

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    private static string Student(string output, string id) => Lines(output).Single(l => l.Split(',')[1] == id);

    [Fact]
    public void Federal_per_student_shows_the_student_absent_exactly_10_percent_18_of_180_as_chronic_with_the_reason()
    {
        using var file = TempCsv.WithRows(Rows());

        var result = CliRunner.Run("chronic", "--input", file.Path, "--students");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Definition,StudentId,CampusId,DistrictId,Campuses,GradeLevel,Spans,DaysEnrolled,DaysAbsent,", Lines(result.Output)[0], StringComparison.Ordinal);
        var exact = Student(result.Output, "EXACT");
        Assert.StartsWith("federal,EXACT,101912001,101912,101912001,05,6,180.0,18.0,,,10.00,10.00,Chronic,", exact, StringComparison.Ordinal);
        Assert.Contains("10.00% >= 10%: chronically absent", exact, StringComparison.Ordinal);
        Assert.Contains(",NotChronic,", Student(result.Output, "LOW"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_definition_does_not_count_exactly_10_percent_and_inclusive_false_does_the_same_to_federal()
    {
        using var file = TempCsv.WithRows(Rows());

        var audit = CliRunner.Run("chronic", "--input", file.Path, "--students", "--definition", "audit");
        var exclusive = CliRunner.Run("chronic", "--input", file.Path, "--students", "--inclusive", "false");

        Assert.Contains(",Trending,", Student(audit.Output, "EXACT"), StringComparison.Ordinal);
        Assert.Contains(",Trending,", Student(exclusive.Output, "EXACT"), StringComparison.Ordinal);
    }

    [Fact]
    public void Campus_and_district_rates_count_the_mover_once_at_each_school_and_once_in_the_district()
    {
        using var file = TempCsv.WithRows(Rows());

        var result = CliRunner.Run("chronic", "--input", file.Path, "--unmasked");
        var masked = CliRunner.Run("chronic", "--input", file.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "Definition,Level,DistrictId,CampusId,StudentGroup,Considered,Excluded,Chronic,Trending,ChronicPercent,TrendingPercent,Masked",
                "federal,Campus,101912,101912001,All,3,0,2,0,66.67,0.00,",
                "federal,Campus,101912,101912002,All,1,0,0,0,0.00,0.00,",
                "federal,District,101912,,All,3,0,2,0,66.67,0.00,",
            ],
            Lines(result.Output));
        Assert.Contains("chronic: federal: 4 verdicts", result.Error, StringComparison.Ordinal);
        Assert.Contains("do not publish", result.Error, StringComparison.Ordinal);

        // Published, every one of these rates is of 1 to 4 students: masked, rate and counts alike.
        Assert.Equal(
            [
                "federal,Campus,101912,101912001,All,,,,,,,SmallGroup",
                "federal,Campus,101912,101912002,All,,,,,,,SmallGroup",
                "federal,District,101912,,All,,,,,,,SmallGroup",
            ],
            Lines(masked.Output)[1..]);
    }

    [Fact]
    public void Two_districts_each_get_their_own_district_rate_in_csv_and_json()
    {
        // District 101912 has EXACT (chronic) and LOW; district 057905 has one student absent 6 of 30 days (20%, chronic).
        var rows = Rows().Where(r => !r.Contains("MOVER", StringComparison.Ordinal))
            .Append("2024,057905,057905001,OTHER,05,00,1,1,30.0,24.0,0.0,6.0,00,0,");
        using var file = TempCsv.WithRows(rows);

        var csv = CliRunner.Run("chronic", "--input", file.Path, "--unmasked");
        var json = CliRunner.Run("chronic", "--input", file.Path, "--unmasked", "--format", "json");

        Assert.Equal(0, csv.ExitCode);
        Assert.Contains("federal,District,101912,,All,2,0,1,0,50.00,0.00,", Lines(csv.Output));
        Assert.Contains("federal,District,057905,,All,1,0,1,0,100.00,0.00,", Lines(csv.Output));
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(2, document.RootElement.GetProperty("rates").EnumerateArray().Count(r => r.GetProperty("level").GetString() == "District"));
    }

    [Fact]
    public void Per_district_the_mover_is_6_of_60_days_one_verdict_and_a_higher_minimum_leaves_everyone_out()
    {
        using var file = TempCsv.WithRows(Rows());

        var district = CliRunner.Run("chronic", "--input", file.Path, "--students", "--attribution", "district");
        var minimum = CliRunner.Run("chronic", "--input", file.Path, "--min-days", "181");

        Assert.StartsWith("federal,MOVER,,101912,101912001 101912002,05,2,60.0,6.0,,,10.00,10.00,Chronic,", Student(district.Output, "MOVER"), StringComparison.Ordinal);
        Assert.Contains("federal,District,101912,,All,0,3,0,0,,", minimum.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Raising_the_threshold_to_11_percent_leaves_the_student_at_10_percent_not_chronic()
    {
        using var file = TempCsv.WithRows(Rows());

        var result = CliRunner.Run("chronic", "--input", file.Path, "--students", "--threshold", "11");

        Assert.Contains(",Trending,", Student(result.Output, "EXACT"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_shows_the_definition_parameters_the_rates_and_the_verdicts()
    {
        using var file = TempCsv.WithRows(Rows());

        var result = CliRunner.Run("chronic", "--input", file.Path, "--definition", "crdc", "--format", "json", "--students");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("crdc", json.RootElement.GetProperty("definition").GetProperty("definition").GetString());
        Assert.Equal(">= 15 days", json.RootElement.GetProperty("definition").GetProperty("threshold").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("rates").GetArrayLength());
        var exact = json.RootElement.GetProperty("students").EnumerateArray().Single(s => s.GetProperty("studentId").GetString() == "EXACT");
        Assert.Equal("Chronic", exact.GetProperty("status").GetString()); // 18 days absent >= 15
    }

    [Fact]
    public void The_Texas_proposal_with_no_input_runs_on_the_daily_sample_and_says_it_is_proposed_not_law()
    {
        var result = CliRunner.Run("chronic", "--definition", "texas-proposed", "--students");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("proposed, not law", result.Error, StringComparison.Ordinal);
        Assert.Contains("minutes missed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_is_reported_on_stderr_with_line_and_column_every_problem_and_exit_code_2()
    {
        using var file = TempCsv.WithRows(["2024,101912,101912001,A,05,00,1,9,30.0,27.0,0.0,3.0,00,0,", "2024,101912,101912001,B,5X,00,1,1,30.0,27.0,0.0,3.0,00,0,"]);

        var result = CliRunner.Run("chronic", "--input", file.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 problem(s)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Daily_input_needs_all_three_files()
    {
        using var file = TempCsv.WithRows(Rows());

        var result = CliRunner.Run("chronic", "--calendars", file.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--calendars, --enrollments and --attendance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicators_on_the_samples_give_attendance_and_dropout_rates_by_group()
    {
        var result = CliRunner.Run("indicators");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Indicator,Grades,Level,DistrictId,CampusId,StudentGroup,Students,Numerator,Denominator,Percent,Masked", Lines(result.Output)[0]);
        Assert.Contains(Lines(result.Output), l => l.StartsWith("AttendanceRate,01-12,District,101912,,All,", StringComparison.Ordinal));
        Assert.Contains(Lines(result.Output), l => l.StartsWith("AnnualDropoutRate,07-12,District,101912,,All,", StringComparison.Ordinal));
    }

    [Fact]
    public void Indicators_refuse_an_unknown_leaver_code_naming_file_line_column_and_value()
    {
        using var periods = TempCsv.WithRows(Rows());
        using var leavers = new TempCsv("SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n2024,101912001,EXACT,08,42\n");

        var result = CliRunner.Run("indicators", "--input", periods.Path, "--leavers", leavers.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("LeaverCode", result.Error, StringComparison.Ordinal);
        Assert.Contains("'42'", result.Error, StringComparison.Ordinal);
    }
}
