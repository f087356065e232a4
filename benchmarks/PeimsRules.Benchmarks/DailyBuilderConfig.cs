using BenchmarkDotNet.Configs;

namespace PeimsRules.Benchmarks;

/// <summary>The configuration of <see cref="DailyBuilderBenchmark"/>: the default one, plus the marks-per-second column.</summary>
public class DailyBuilderConfig : ManualConfig
{
    /// <summary>Adds <see cref="MarksPerSecondColumn"/>.</summary>
    public DailyBuilderConfig() => AddColumn(new MarksPerSecondColumn());
}
