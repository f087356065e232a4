using BenchmarkDotNet.Running;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release -- --filter '*' [--scale 0.01] [BenchmarkDotNet options]</c>.
/// <c>--scale</c> sizes the generated data as a fraction of the full benchmark (default 1); it is passed to the
/// benchmark processes through the <see cref="BenchmarkScale.EnvironmentVariable"/> environment variable.
/// <c>--report</c> prints a quick stopwatch report of one statewide data set instead of running BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var rest = BenchmarkScale.TakeScaleArgument(args);
        SetRepositoryPaths();
        if (StatewideReport.TryRun(rest))
        {
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>
    /// Where the end-to-end benchmarks find the CLI (built in Release beside the benchmarks, and published) and write peak memory
    /// (benchmarks/results), found from the working directory; the child processes inherit them.
    /// </summary>
    private static void SetRepositoryPaths()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PeimsRules.sln")))
            {
                if (Environment.GetEnvironmentVariable(EndToEndBenchmarks.CliVariable) is null)
                {
                    Environment.SetEnvironmentVariable(
                        EndToEndBenchmarks.CliVariable, Path.Combine(dir.FullName, "samples", "PeimsRules.Cli", "bin", "Release", "net10.0", "PeimsRules.Cli.dll"));
                }

                if (Environment.GetEnvironmentVariable(EndToEndBenchmarks.PublishedCliVariable) is null)
                {
                    Environment.SetEnvironmentVariable(
                        EndToEndBenchmarks.PublishedCliVariable, Path.Combine(dir.FullName, "samples", "PeimsRules.Cli", "bin", "publish", "PeimsRules.Cli.dll"));
                }

                if (Environment.GetEnvironmentVariable(PeakMemory.ResultsVariable) is null)
                {
                    Environment.SetEnvironmentVariable(PeakMemory.ResultsVariable, Path.Combine(dir.FullName, "benchmarks", "results"));
                }

                return;
            }
        }
    }
}
