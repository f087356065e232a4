using PeimsRules.Cli;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review that ended in a .NET stack trace: each is now a clean message on stderr and
/// exit code 2.
/// </summary>
public sealed class CrashRegressions
{
    [Fact]
    public void Day_counts_too_large_to_add_up_are_a_located_error_not_an_overflow()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        var fields = lines[1].Split(',');
        fields[8] = fields[9] = "999999999.5";
        lines[1] = string.Join(',', fields);
        var input = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run("ada", "--input", input);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("line 2, column NumberDaysTaught", result.Error, StringComparison.Ordinal);
        Assert.Contains("at most 999.5 days", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_date_at_the_end_of_the_date_range_is_a_located_error()
    {
        using var files = new ContractFiles();
        var calendars = File.ReadAllLines(ContractFiles.Data("daily/calendars.csv")).ToList();
        calendars[2] = calendars[2].Replace("2024-09-27", "9999-12-31", StringComparison.Ordinal);
        var path = files.WriteLines("calendars.csv", calendars);

        var result = CliRunner.Run("periods", "--calendars", path, "--enrollments", ContractFiles.Data("daily/enrollments.csv"), "--attendance", ContractFiles.Data("daily/attendance.csv"));

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("calendars.csv, line 3, column EndDate, value '9999-12-31'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_findings_written_to_a_folder_or_a_missing_folder_are_a_clean_message()
    {
        using var files = new ContractFiles();

        var folder = CliRunner.Run("audit", "--findings", files.Folder);
        var missing = CliRunner.Run("audit", "--findings", files.Path("no-such-folder/findings.csv"));

        Assert.Equal(CliOutput.BadInput, folder.ExitCode);
        Assert.Contains("is a folder", folder.Error, StringComparison.Ordinal);
        Assert.Equal(CliOutput.BadInput, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_findings_written_to_a_read_only_folder_are_a_clean_message_and_leave_nothing_behind()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // Windows has no read-only folders of this kind, and root writes anywhere.
        }

        using var files = new ContractFiles();
        var locked = Directory.CreateDirectory(files.Path("locked"));
        File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var result = CliRunner.Run("audit", "--summary", Path.Combine(locked.FullName, "summary.csv"));

            Assert.Equal(CliOutput.BadInput, result.ExitCode);
            Assert.Contains("cannot be written", result.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(locked.FullName));
        }
        finally
        {
            File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Output_to_a_full_disk_is_a_clean_message()
    {
        if (!File.Exists("/dev/full") || !File.Exists("/bin/sh"))
        {
            return; // /dev/full is the Linux device that answers every write with "no space left".
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "PeimsRules.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"\"{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}\" \"{dll}\" ada > /dev/full");
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(CliOutput.BadInput, process.ExitCode);
        Assert.Contains("space", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Generate_onto_an_existing_file_or_for_an_unsupported_year_is_a_clean_message()
    {
        using var files = new ContractFiles();
        var inTheWay = files.Write("in-the-way", "a file");

        var file = CliRunner.Run("generate", "--output", inTheWay);
        var year = CliRunner.Run("generate", "--output", files.Path("out"), "--year", "2300");

        Assert.Equal(CliOutput.BadInput, file.ExitCode);
        Assert.Contains("is a file, not a folder", file.Error, StringComparison.Ordinal);
        Assert.Equal("a file", File.ReadAllText(inTheWay));
        Assert.Equal(CliOutput.BadInput, year.ExitCode);
        Assert.Contains("--year 2300", year.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_with_bytes_that_are_not_UTF_8_is_refused_in_words()
    {
        using var files = new ContractFiles();
        var saved = files.Path("before.json");
        var make = CliRunner.Run("compare", "--before", ContractFiles.Data("sample-periods.csv"), "--after", ContractFiles.Data("sample-periods.csv"), "--save-snapshot", saved);
        Assert.Equal(0, make.ExitCode);
        var bytes = File.ReadAllBytes(saved);
        var label = Array.IndexOf(bytes, (byte)'s', Array.IndexOf(bytes, (byte)':'));
        bytes[label] = 0xFF;
        File.WriteAllBytes(saved, bytes);

        var result = CliRunner.Run("compare", "--before", saved, "--after", ContractFiles.Data("sample-periods.csv"));

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("before.json", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_campus_name_is_cut_in_the_chart_legend_and_the_report_is_written()
    {
        using var files = new ContractFiles();
        var names = files.WriteLines("campuses.csv", ["CampusId,CampusName", "101912001," + new string('N', 900), "101912002,Second"]);

        var result = CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--campus-names", names, "--output", files.Path("report"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var page = File.ReadAllText(files.Path("report/index.html"));
        Assert.Contains("data:image/svg+xml", page, StringComparison.Ordinal);
    }
}
