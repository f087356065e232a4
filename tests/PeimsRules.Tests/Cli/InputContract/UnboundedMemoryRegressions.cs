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
}
