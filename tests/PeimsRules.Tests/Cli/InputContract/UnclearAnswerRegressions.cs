using PeimsRules.Cli;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review where the answer was unclear: usage errors that exited 1 and printed the help
/// on stdout, cross-file problems without a file or line, a megabyte value echoed whole, an internal parameter name.
/// </summary>
public sealed class UnclearAnswerRegressions
{
    [Theory]
    [InlineData("ada", "--format", "xml")]
    [InlineData("ada", "--no-such-option")]
    [InlineData("audit", "--target-rate", "lots")]
    [InlineData("no-such-verb")]
    [InlineData("ada", "--encoding", "ebcdic")]
    public void A_usage_error_is_a_message_on_stderr_exit_2_and_nothing_on_stdout(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_given_on_request_on_stdout_with_the_exit_codes()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 done; 2 bad input or usage", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("audit")]
    [InlineData("chronic")]
    [InlineData("compare")]
    [InlineData("indicators")]
    [InlineData("periods")]
    [InlineData("generate")]
    [InlineData("report")]
    public void Each_verbs_help_is_given_even_when_the_verb_has_a_required_option(string verb)
    {
        var result = CliRunner.Run(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_between_two_daily_files_names_the_file_and_the_line()
    {
        using var files = new ContractFiles();
        var lines = File.ReadAllLines(ContractFiles.Data("daily/enrollments.csv")).ToList();
        lines[3] = lines[3].Replace(",REG,", ",NOPE,", StringComparison.Ordinal);
        var enrollments = files.WriteLines("enrollments.csv", lines);

        var result = CliRunner.Run("periods", "--calendars", ContractFiles.Data("daily/calendars.csv"), "--enrollments", enrollments, "--attendance", ContractFiles.Data("daily/attendance.csv"));

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("enrollments.csv, line 4, column CalendarCode, value 'NOPE'", result.Error, StringComparison.Ordinal);
        Assert.Contains("calendars.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_of_a_megabyte_is_not_echoed_whole()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        var fields = lines[1].Split(',');
        fields[3] = new string('7', 1_000_000);
        lines[1] = string.Join(',', fields);
        var path = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run("ada", "--input", path);
        var option = CliRunner.Run("periods", "--calendars", ContractFiles.Data("daily/calendars.csv"), "--enrollments", ContractFiles.Data("daily/enrollments.csv"), "--attendance", ContractFiles.Data("daily/attendance.csv"), "--explain", new string('!', 100_000));

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.True(result.Error.Length < 1_000, $"{result.Error.Length} characters on stderr");
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(CliOutput.BadInput, option.ExitCode);
        Assert.True(option.Error.Length < 1_000, $"{option.Error.Length} characters on stderr");
    }

    [Fact]
    public void A_prior_year_file_of_the_wrong_year_is_named_by_its_line_with_no_internal_parameter_name()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.Select((l, i) => i == 0 ? l : "2020" + l[4..]).ToList();
        var current = files.WriteLines("2019-20.csv", lines);

        var result = CliRunner.Run("ada", "--input", current, "--prior-year", ContractFiles.Data("sample-periods.csv"));

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("sample-periods.csv, line 2, column SchoolYear, value '2024'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("priorYearRecords", result.Error, StringComparison.Ordinal);
    }
}
