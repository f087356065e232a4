using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Throughput of <see cref="DailyBuilderBenchmark"/> in daily attendance marks per second: the marks of the generated
/// district (<see cref="DailyDistrictGenerator.MarksFor"/> of the <c>Students</c> parameter) divided by the mean time.
/// </summary>
public class MarksPerSecondColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(MarksPerSecondColumn);

    /// <inheritdoc />
    public string ColumnName => "Marks/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Daily attendance marks processed per second (marks of the district / mean time)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var students = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(DailyBuilderBenchmark.Students))?.Value;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (students is not int count || mean is not double nanoseconds || nanoseconds <= 0)
        {
            return "-";
        }

        var perSecond = DailyDistrictGenerator.MarksFor(count) / (nanoseconds / 1e9);
        return perSecond.ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
