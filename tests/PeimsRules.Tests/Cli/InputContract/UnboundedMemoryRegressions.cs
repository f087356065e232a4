using System.Diagnostics;
using PeimsRules.Cli;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review where an input grew the memory until the machine stopped the tool: lines now
/// have a documented maximum, and past it the reader says where and stops.
/// </summary>
public sealed class UnboundedMemoryRegressions
{
    [Fact]
    public void An_endless_device_is_refused_at_its_first_line_in_seconds()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run("ada", "--input", "/dev/zero");

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("/dev/zero, line 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("no end within", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("chronic")]
    [InlineData("report --quiet --output {folder}")]
    public void An_endless_device_is_refused_at_its_first_line_in_seconds_by_the_drill_down_verbs(string verb)
    {
        // These verbs read the file whole: the store's header read found no end in /dev/zero, using gigabytes.
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        using var files = new ContractFiles();
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run([.. verb.Replace("{folder}", files.Path("out"), StringComparison.Ordinal).Split(' '), "--input", "/dev/zero"]);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("/dev/zero, line 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("no end within", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_file_with_no_line_break_is_refused_with_the_line_limit()
    {
        using var files = new ContractFiles();
        var path = files.Write("one-line.csv", new string('x', 6_000_000));

        var result = CliRunner.Run("audit", "--input", path);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("one-line.csv, line 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("65,536", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_over_long_line_in_the_middle_is_its_own_problem_and_the_rows_after_it_are_read()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        lines[10] += new string(' ', 70_000);
        var path = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run("audit", "--input", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Line 11: the line is 70,", result.Output, StringComparison.Ordinal);
        Assert.Single(result.Output.Split('\n'), l => l.StartsWith("ATT-00", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every verb family that reads a period file names a 70,000-byte line as the input contract does (its line, its
    /// length, the 65,536-byte limit): the verbs that figure stop there (exit 2, on stderr), the audits list it as a
    /// finding of its line. ada and compare read through the library's fast readers (partial sums, the store), the
    /// drill-down verbs through its store, indicators through its student tally.
    /// </summary>
    [Theory]
    [InlineData("ada", false)]
    [InlineData("ada --by district", false)]
    [InlineData("indicators", false)]
    [InlineData("audit", true)]
    [InlineData("audit --period 2", true)]
    [InlineData("chronic", false)]
    [InlineData("chronic --students", false)]
    [InlineData("report --quiet --output {folder}", true)]
    [InlineData("compare --before {input}", false)]
    [InlineData("compare --explain {folder}/explain.csv --before {input}", false)]
    public void A_line_of_70_000_bytes_is_named_by_its_line_and_the_limit_in_every_verb(string verb, bool listed)
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        lines[10] += new string(' ', 70_000);
        var path = files.WriteLines("periods.csv", lines);
        var words = verb.Replace("{folder}", files.Path("out"), StringComparison.Ordinal).Replace("{input}", path, StringComparison.Ordinal).Split(' ');
        string[] args = [.. words, words[0] == "compare" ? "--after" : "--input", path];

        var result = CliRunner.Run(args);

        const string Problem = "line 11: the line is 70,068 bytes long, more than the limit of 65,536: the row is not read.";
        if (listed)
        {
            Assert.Equal(0, result.ExitCode);
            var shown = words[0] == "report" ? File.ReadAllText(files.Path("out/tables/findings.csv")) : result.Output;
            Assert.Contains("Line 11: the line is 70,068 bytes long, more than the limit of 65,536: the row is not read.", shown, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(CliOutput.BadInput, result.ExitCode);
            Assert.Contains($"periods.csv, {Problem}", result.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Output);
        }
    }
}
