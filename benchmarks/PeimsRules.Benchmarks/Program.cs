using BenchmarkDotNet.Running;
using PeimsRules.Benchmarks;

// --scale X sets the fraction of the state the statewide benchmarks generate (see benchmarks/README.md);
// --report prints a quick stopwatch report of one data set instead of running BenchmarkDotNet.
args = BenchmarkScale.Consume(args);
if (StatewideReport.TryRun(args))
{
    return;
}

// Runs the benchmarks named on the command line (BenchmarkDotNet's switcher: --filter, --job short, --inProcess, ...).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
