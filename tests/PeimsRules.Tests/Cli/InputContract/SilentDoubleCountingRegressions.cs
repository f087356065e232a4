using PeimsRules.Cli;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review where a repeated row was counted twice: a repeated period record (in ADA, the
/// audit, chronic absence, the indicators and the report), a repeated IEP row, and repeated or overlapping enrollments
/// that <c>chronic</c> took from daily files without the checks <c>periods</c> makes.
/// </summary>
public sealed class SilentDoubleCountingRegressions
{
    [Theory]
    [InlineData("ada")]
    [InlineData("chronic")]
    [InlineData("indicators")]
    public void A_repeated_period_record_is_refused_naming_both_lines(string verb)
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        lines.Add(lines[5]);
        var path = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run(verb, "--input", path);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains($"line {lines.Count}", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 6 already has this key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_period_record_is_a_finding_of_the_audit_and_the_report_and_is_counted_once()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        lines.Add(lines[5]);
        var path = files.WriteLines("periods.csv", lines);
        var single = CliRunner.Run("ada", "--input", ContractFiles.Data("sample-periods.csv"));

        var audit = CliRunner.Run("audit", "--input", path);
        var report = CliRunner.Run("report", "--input", path, "--output", files.Path("report"), "--quiet");

        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("line 6 already has this key", audit.Output, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
        var grid = File.ReadAllLines(files.Path("report/tables/six-week-grid.csv"));
        var campus = lines[5].Split(',')[2];
        var year = grid.Single(l => l.StartsWith(campus, StringComparison.Ordinal) && l.Contains(",All,Year,", StringComparison.Ordinal)).Split(',');
        var expected = single.Output.Split('\n').Single(l => l.StartsWith(campus + ",All,Year,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(expected[3], year[^3]);
    }

    [Fact]
    public void A_repeated_IEP_row_is_refused_and_does_not_double_its_minutes()
    {
        using var files = new ContractFiles();
        var lines = File.ReadAllLines(ContractFiles.Data("sample-iep-services.csv")).ToList();
        lines.Add(lines[3]);
        var services = files.WriteLines("iep.csv", lines);

        var result = CliRunner.Run("audit", "--input", ContractFiles.Data("sample-periods.csv"), "--services", services);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains($"iep.csv, line {lines.Count}", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 4 already has this key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chronic_on_daily_files_refuses_a_repeated_enrollment_as_periods_does()
    {
        using var files = new ContractFiles();
        var lines = File.ReadAllLines(ContractFiles.Data("daily/enrollments.csv")).ToList();
        lines.Add(lines[1]);
        var enrollments = files.WriteLines("enrollments.csv", lines);
        var daily = new[] { "--calendars", ContractFiles.Data("daily/calendars.csv"), "--enrollments", enrollments, "--attendance", ContractFiles.Data("daily/attendance.csv") };

        var chronic = CliRunner.Run(["chronic", .. daily]);
        var periods = CliRunner.Run(["periods", .. daily]);

        Assert.Equal(CliOutput.BadInput, chronic.ExitCode);
        Assert.Equal(CliOutput.BadInput, periods.ExitCode);
        Assert.Contains($"enrollments.csv, line {lines.Count}", chronic.Error, StringComparison.Ordinal);
        Assert.Contains($"enrollments.csv, line {lines.Count}", periods.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chronic_on_daily_files_refuses_overlapping_enrollments_naming_both_lines()
    {
        using var files = new ContractFiles();
        var lines = File.ReadAllLines(ContractFiles.Data("daily/enrollments.csv")).ToList();
        // The first student again at the same campus, entering a month later while the first enrollment goes on.
        var fields = lines[1].Split(',');
        fields[4] = "2024-09-16";
        lines.Add(string.Join(',', fields));
        var enrollments = files.WriteLines("enrollments.csv", lines);

        var chronic = CliRunner.Run("chronic", "--calendars", ContractFiles.Data("daily/calendars.csv"), "--enrollments", enrollments, "--attendance", ContractFiles.Data("daily/attendance.csv"));

        Assert.Equal(CliOutput.BadInput, chronic.ExitCode);
        Assert.Contains($"enrollments.csv, line {lines.Count}, column EntryDate, value '2024-09-16'", chronic.Error, StringComparison.Ordinal);
        Assert.Contains("the enrollment on line 2 also covers", chronic.Error, StringComparison.Ordinal);
    }
}
