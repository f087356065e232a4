using System.Diagnostics;
using System.Text;

namespace PeimsRules.Tests.Cli;

/// <summary>Runs the sample CLI as a user does: a separate process, arguments, stdout, stderr and an exit code.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args) => RunIn(null, args);

    /// <summary>Runs the CLI with <paramref name="workingDirectory"/> as its current directory (relative paths resolve there).</summary>
    public static Result RunIn(string? workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PeimsRules.Cli.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The CLI did not finish within a minute.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A temporary CSV file that deletes itself.</summary>
internal sealed class TempCsv : IDisposable
{
    public const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode";

    public TempCsv(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"peimsrules-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    /// <summary>A file of <paramref name="rows"/> under the standard header.</summary>
    public static TempCsv WithRows(IEnumerable<string> rows) => new(Header + "\n" + string.Join("\n", rows) + "\n");

    public void Dispose() => File.Delete(Path);
}
