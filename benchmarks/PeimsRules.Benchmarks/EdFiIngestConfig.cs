using BenchmarkDotNet.Configs;

namespace PeimsRules.Benchmarks;

/// <summary>The configuration of <see cref="EdFiIngestBenchmarks"/>: the default one, plus documents a second and bytes a document.</summary>
public class EdFiIngestConfig : ManualConfig
{
    /// <summary>Adds the two <see cref="EdFiDocumentsColumn"/>s.</summary>
    public EdFiIngestConfig()
    {
        AddColumn(new EdFiDocumentsColumn(perSecond: true));
        AddColumn(new EdFiDocumentsColumn(perSecond: false));
    }
}
