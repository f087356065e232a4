using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line (BenchmarkDotNet's switcher: --filter, --job short, --inProcess, ...).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
