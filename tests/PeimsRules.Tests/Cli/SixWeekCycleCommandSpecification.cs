using System.Text.Json;
using PeimsRules.Tests.SixWeekCycle;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The six-week cycle on the command line (docs/six-week-cycle.md), on the 2025-26 sample district shipped with the
/// tool: <c>ada --through-period N</c>, <c>audit --period N [--previous FILE] [--save FILE]</c> and
/// <c>compare --before FILE --after FILE --period N</c>, run as separate processes.
/// </summary>
public sealed class SixWeekCycleCommandSpecification : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"peimsrules-p2-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_state);

    [Fact]
    public void Ada_through_period_3_prints_the_period_rows_1_to_3_and_a_YearToDate_row_for_every_population()
    {
        var result = CliRunner.Run("ada", "--input", SixWeekCycleFiles.PeriodsOneToThree, "--through-period", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            CampusId,Population,ReportingPeriod,Ada,Pia
            101912101,All,1,3.600,90.000
            101912101,All,2,3.400,85.000
            101912101,All,3,3.600,90.000
            101912101,All,YearToDate,3.533,88.333
            101912101,K3EconomicallyDisadvantaged,1,1.000,100.000
            101912101,K3EconomicallyDisadvantaged,2,1.000,100.000
            101912101,K3EconomicallyDisadvantaged,3,0.900,90.000
            101912101,K3EconomicallyDisadvantaged,YearToDate,0.967,97.333
            101912101,K3EmergentBilingual,1,0.900,90.000
            101912101,K3EmergentBilingual,2,0.800,80.000
            101912101,K3EmergentBilingual,3,1.000,100.000
            101912101,K3EmergentBilingual,YearToDate,0.900,89.333
            101912101,K3AllStudents,1,1.900,95.000
            101912101,K3AllStudents,2,1.800,90.000
            101912101,K3AllStudents,3,1.900,95.000
            101912101,K3AllStudents,YearToDate,1.867,93.333
            101912101,PreKindergartenFourYearOlds,1,0.500,100.000
            101912101,PreKindergartenFourYearOlds,2,0.500,100.000
            101912101,PreKindergartenFourYearOlds,3,0.500,100.000
            101912101,PreKindergartenFourYearOlds,YearToDate,0.500,100.000

            """.ReplaceLineEndings("\n"),
            result.Output);
        Assert.Contains("periods 1 to 3 are in", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(",Year,", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ada_of_a_2025_26_file_without_birth_dates_says_the_pre_K_row_cannot_be_computed_in_CSV_and_in_JSON()
    {
        // Two pre-K students (one in periods 1 and 2, one in period 1) and a kindergartner; the file, as TEA's extract
        // and `generate` write it, has no BirthDate column, so the four-year-olds cannot be told.
        var path = Path.Combine(Path.GetTempPath(), $"peimsrules-prek-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n',
            "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,RemoteSynchronousEligibleDaysPresent,RemoteAsynchronousEligibleDaysPresent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode,AdaEligibilityCode",
            "2026,101912,101912001,1000000001,PK,00,1,29.0,14.5,0.0,0.0,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000001,PK,00,2,30.0,15.0,0.0,0.0,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000002,PK,00,1,29.0,14.0,0.0,0.5,0.0,0.0,01,0,,2",
            "2026,101912,101912001,1000000003,KG,00,1,29.0,29.0,0.0,0.0,0.0,0.0,01,0,,1") + "\n");
        try
        {
            var csv = CliRunner.Run("ada", "--input", path);
            var json = CliRunner.Run("ada", "--input", path, "--format", "json");

            Assert.Equal(0, csv.ExitCode);
            Assert.Contains("101912001,PreKindergartenFourYearOlds,1,NotComputable,NotComputable\n101912001,PreKindergartenFourYearOlds,2,NotComputable,NotComputable\n", csv.Output, StringComparison.Ordinal);
            Assert.EndsWith("101912001,PreKindergartenFourYearOlds,Year,NotComputable,NotComputable\n", csv.Output, StringComparison.Ordinal);
            Assert.Equal(0, json.ExitCode);
            Assert.Contains("the date of birth (E0006) of 2 pre-K student(s) is not given", json.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", json.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ada_through_period_3_as_JSON_names_the_periods_in()
    {
        var result = CliRunner.Run("ada", "--input", SixWeekCycleFiles.PeriodsOneToThree, "--through-period", "3", "--format", "json", "--by", "district");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(3, json.RootElement.GetProperty("throughPeriod").GetInt32());
        Assert.Equal("periods 1 to 3", json.RootElement.GetProperty("periodsIn").GetString());
        Assert.Contains(json.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("reportingPeriod").GetString() == "YearToDate");
    }

    [Fact]
    public void Ada_of_a_file_that_stops_at_period_3_warns_that_the_Year_rows_count_4_to_6_as_zero()
    {
        var result = CliRunner.Run("ada", "--input", SixWeekCycleFiles.PeriodsOneToThree, "--by", "district");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("101912,All,Year,1.767,88.333", result.Output, StringComparison.Ordinal);
        Assert.Contains("give --through-period 3", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada", "--through-period", "7")]
    [InlineData("ada", "--through-period", "0")]
    [InlineData("audit", "--period", "9")]
    [InlineData("audit", "--save", "x.json")]
    public void A_period_outside_1_to_6_or_a_state_file_without_period_is_a_usage_error_exit_2(string verb, string option, string value)
    {
        var result = CliRunner.Run(verb, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_period_2_lists_the_fatal_edits_by_rule_number_first_then_the_findings_then_a_summary_line()
    {
        // six-weeks-p2.csv: line 5 has eligible days 17.3 (42400-0007), line 7 repeats student 101's key (42400-000A).
        var result = CliRunner.Run("audit", "--period", "2", "--input", SixWeekCycleFiles.SixWeeksPeriod2, "--save", _state);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Contains("42400-0007,Fatal,5,EligibleDaysPresent,17.3,", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("42400-000A,Fatal,7,", StringComparison.Ordinal));
        Assert.Contains("42400-0005,Passed", result.Output, StringComparison.Ordinal);
        Assert.Contains("42400-0001,NotChecked", result.Output, StringComparison.Ordinal);
        var fatalAt = Array.FindIndex(lines, l => l.StartsWith("1. TEA fatal edits", StringComparison.Ordinal));
        var findingsAt = Array.FindIndex(lines, l => l.StartsWith("2. Audit findings", StringComparison.Ordinal));
        Assert.InRange(fatalAt, 0, findingsAt - 1);
        Assert.Contains("FindingId,RuleId,Severity,CampusId,StudentId,Message,MoneyColumn,Ada,Dollars", lines);
        Assert.Equal("audit-period: period=2 fatal=2 errors=2 warnings=2 new=4 fixed=0 open=0", lines[^1]);
        Assert.True(File.Exists(_state));
    }

    [Fact]
    public void Audit_period_2_after_the_fix_reports_1_new_2_fixed_and_2_still_open_against_the_previous_run()
    {
        // Fixed: the two unreadable rows. New: student 104, now readable, 17.5 present of 25.0 (70%, ATT-09).
        // Still open: students 102 (80%) and 105 (10.0 of 12.5, 80%).
        CliRunner.Run("audit", "--period", "2", "--input", SixWeekCycleFiles.SixWeeksPeriod2, "--save", _state);

        var result = CliRunner.Run("audit", "--period", "2", "--input", SixWeekCycleFiles.SixWeeksPeriod2Fixed, "--previous", _state, "--save", _state);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("audit-period: period=2 fatal=0 errors=0 warnings=3 new=1 fixed=2 open=2", lines[^1]);
        // Findings are matched by the audit's stable finding id (the rule and a hash of what places the defect).
        Assert.Contains(lines, l => l.StartsWith("New,ATT-09-", StringComparison.Ordinal) && l.Contains("17.5 present of 25.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Fixed,ATT-03-", StringComparison.Ordinal) && l.Contains("value '17.3'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("StillOpen,ATT-09-", StringComparison.Ordinal) && l.Contains("20.0 present of 25.0", StringComparison.Ordinal));

        // The state file now holds this run: a third run on the same file finds nothing new and nothing fixed.
        var again = CliRunner.Run("audit", "--period", "2", "--input", SixWeekCycleFiles.SixWeeksPeriod2Fixed, "--previous", _state);
        Assert.EndsWith("audit-period: period=2 fatal=0 errors=0 warnings=3 new=0 fixed=0 open=3\n", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_refuses_a_state_file_of_another_period()
    {
        CliRunner.Run("audit", "--period", "2", "--input", SixWeekCycleFiles.SixWeeksPeriod2Fixed, "--save", _state);

        var result = CliRunner.Run("audit", "--period", "3", "--input", SixWeekCycleFiles.PeriodsOneToThree, "--previous", _state);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("compare runs of the same period", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_through_period_3_says_which_periods_are_in_and_labels_the_year_columns_year_to_date()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"peimsrules-report-{Guid.NewGuid():N}");
        try
        {
            var result = CliRunner.Run("report", "--input", SixWeekCycleFiles.PeriodsOneToThree, "--through-period", "3", "--output", folder, "--quiet");

            Assert.Equal(0, result.ExitCode);
            var page = File.ReadAllText(Path.Combine(folder, "index.html"));
            Assert.Contains("Periods in: periods 1 to 3; the year columns are year to date", page, StringComparison.Ordinal);
            Assert.Contains(">year to date</th>", page, StringComparison.Ordinal);
            Assert.DoesNotContain(">period 4</th>", page, StringComparison.Ordinal);
            Assert.Contains("101912101,101912101,All,YearToDate,3.533,88.333,15", File.ReadAllLines(Path.Combine(folder, "tables", "six-week-grid.csv")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Compare_period_2_of_the_six_weeks_submission_with_the_Summer_submission_gives_0_100_ADA_and_103_58_dollars_for_the_campus()
    {
        var result = CliRunner.Run("compare", "--before", SixWeekCycleFiles.SixWeeksPeriod2Fixed, "--after", SixWeekCycleFiles.Summer, "--period", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            DistrictId,CampusId,GradeLevel,InstructionalTrack,Population,ReportingPeriod,AdaBefore,AdaAfter,AdaDifference,AdaDifferenceExact,BasicAllotmentDollars
            101912,101912101,,,All,2,3.400,3.500,0.100,1/10,103.58

            """.ReplaceLineEndings("\n"),
            result.Output);
        Assert.Contains("compare-period: period=2 rows=1 ada-difference=0.100 dollars=103.58", result.Error, StringComparison.Ordinal);
    }
}
