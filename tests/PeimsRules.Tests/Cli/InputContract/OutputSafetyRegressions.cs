using PeimsRules.Cli;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review about what the tool writes: formulas from data in CSV outputs, control
/// characters from data on the terminal, a report written through a planted link and beside stale files, the input's
/// absolute path in the page.
/// </summary>
public sealed class OutputSafetyRegressions
{
    [Fact]
    public void A_campus_name_that_is_a_formula_is_written_as_text_and_a_negative_number_stays_a_number()
    {
        using var files = new ContractFiles();
        var names = files.WriteLines("campuses.csv", ["CampusId,CampusName", "101912001,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\"", "101912003,@SUM(A1)"]);

        var result = CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--campus-names", names, "--output", files.Path("report"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var grid = File.ReadAllText(files.Path("report/tables/six-week-grid.csv"));
        Assert.Contains("\"'=HYPERLINK(", grid, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", grid, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", grid, StringComparison.Ordinal);
        Assert.Equal("-1.5", CsvOutputText.Neutralize("-1.5"));
        Assert.Equal("-9/10", CsvOutputText.Neutralize("-9/10"));
        Assert.Equal("'-A1", CsvOutputText.Neutralize("-A1"));
    }

    [Fact]
    public void Control_characters_from_a_file_reach_the_terminal_escaped()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        var fields = lines[1].Split(',');
        fields[4] = "\u001b[2J\u0007";
        lines[1] = string.Join(',', fields);
        var path = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run("ada", "--input", path);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Error);
        Assert.DoesNotContain('\u0007', result.Error);
        Assert.Contains("\\u001B[2J\\u0007", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_replaces_its_folder_whole_without_following_a_planted_link_or_keeping_stale_files()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var files = new ContractFiles();
        var output = files.Path("report");
        Assert.Equal(0, CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--output", output, "--quiet").ExitCode);
        var victim = files.Write("victim.txt", "keep me");
        File.Delete(Path.Combine(output, "index.html"));
        File.CreateSymbolicLink(Path.Combine(output, "index.html"), victim);
        File.WriteAllText(Path.Combine(output, "tables", "stale.csv"), "from an earlier report");

        var again = CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--output", output, "--quiet");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(output, "index.html")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(output, "tables", "stale.csv")));
        Assert.Empty(Directory.EnumerateDirectories(files.Folder, ".report.*"));
    }

    [Fact]
    public void Two_outputs_naming_the_same_file_are_refused_before_anything_is_written()
    {
        using var files = new ContractFiles();
        var both = files.Path("out.csv");

        var result = CliRunner.Run("audit", "--findings", both, "--summary", both);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("give each output its own path", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(both));
    }

    [Fact]
    public void A_folder_the_tool_did_not_write_is_not_replaced()
    {
        using var files = new ContractFiles();
        var mine = files.Write("notes.txt", "my own file");

        var result = CliRunner.Run("generate", "--output", files.Folder);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("already holds files this tool did not write", result.Error, StringComparison.Ordinal);
        Assert.Equal("my own file", File.ReadAllText(mine));
    }

    [Fact]
    public void The_report_page_names_its_input_by_file_name_not_by_its_absolute_path()
    {
        using var files = new ContractFiles();
        var input = files.WriteLines("district-periods.csv", ContractFiles.SamplePeriodLines);

        var result = CliRunner.Run("report", "--input", input, "--output", files.Path("report"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var page = File.ReadAllText(files.Path("report/index.html"));
        Assert.Contains("district-periods.csv", page, StringComparison.Ordinal);
        Assert.DoesNotContain(files.Folder, page, StringComparison.Ordinal);
    }
}
