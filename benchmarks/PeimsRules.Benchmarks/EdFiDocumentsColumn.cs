using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PeimsRules.Benchmarks;

/// <summary>
/// A row of <see cref="EdFiIngestBenchmarks"/> per document read (<see cref="EdFiIngestBenchmarks.DocumentsOf"/>):
/// documents a second (the documents divided by the mean time), or bytes allocated a document (the allocated bytes an
/// operation divided by the documents: flat from Size 1 to Size 2 when memory does not grow with the file beyond what
/// each document keeps).
/// </summary>
public class EdFiDocumentsColumn(bool perSecond) : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(EdFiDocumentsColumn) + (perSecond ? ".PerSecond" : ".Bytes");

    /// <inheritdoc />
    public string ColumnName => perSecond ? "Docs/s" : "B/doc";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => perSecond ? 0 : 1;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => perSecond
        ? "Documents read per second (the row's documents / mean time)"
        : "Bytes allocated per document read (allocated bytes per operation / the row's documents)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(EdFiIngestBenchmarks.Size))?.Value;
        var report = summary[benchmarkCase];
        if (size is not int s || report is null)
        {
            return "-";
        }

        var documents = EdFiIngestBenchmarks.DocumentsOf(benchmarkCase.Descriptor.WorkloadMethod.Name, s);
        if (perSecond)
        {
            return report.ResultStatistics?.Mean is double nanoseconds && nanoseconds > 0
                ? (documents / (nanoseconds / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
        }

        return report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long bytes
            ? ((double)bytes / documents).ToString("N1", CultureInfo.InvariantCulture)
            : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
