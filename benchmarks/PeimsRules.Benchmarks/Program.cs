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
        if (StatewideReport.TryRun(rest))
        {
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
