using System.Globalization;

namespace PeimsRules.Cli.Report;

/// <summary>One figure's heatmap bounds: values below <see cref="Minimum"/> are low, above <see cref="Maximum"/> high.</summary>
/// <param name="Metric">ada or pia.</param>
/// <param name="Minimum">Values below it are <c>heat-low</c>.</param>
/// <param name="Maximum">Values above it are <c>heat-high</c>; values from the minimum to the maximum are <c>heat-mid</c>.</param>
/// <param name="FromData">Whether the bounds are the district's own quartiles rather than given with --heatmap.</param>
internal sealed record HeatmapRange(string Metric, decimal Minimum, decimal Maximum, bool FromData)
{
    /// <summary>The CSS class of a published value.</summary>
    public string ClassOf(decimal? value) =>
        value is not { } v ? string.Empty
        : v < Minimum ? "heat-low"
        : v > Maximum ? "heat-high"
        : "heat-mid";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric}:{Minimum}:{Maximum}");
}

/// <summary>
/// The six-week grid's heatmap, on ADA and on PIA. By default each figure's bounds are the district's own lower and
/// upper quartiles of the campus period cells (nearest-rank method), so a quarter of the cells are marked low and a
/// quarter high whatever the district; <c>--heatmap metric:min:max</c> sets one figure's bounds instead.
/// </summary>
internal sealed record HeatmapBounds(HeatmapRange Ada, HeatmapRange Pia)
{
    public HeatmapRange For(string metric) => metric == "ada" ? Ada : Pia;

    /// <summary>The bounds for <paramref name="adaCells"/> and <paramref name="piaCells"/>, with <paramref name="given"/> overriding its figure.</summary>
    public static HeatmapBounds FromData(IReadOnlyCollection<decimal> adaCells, IReadOnlyCollection<decimal> piaCells, HeatmapRange? given) =>
        new(
            given?.Metric == "ada" ? given : Quartiles("ada", adaCells),
            given?.Metric == "pia" ? given : Quartiles("pia", piaCells));

    /// <summary>The lower and upper quartiles by the nearest-rank method: the values at ranks ⌈n/4⌉ and ⌈3n/4⌉.</summary>
    public static HeatmapRange Quartiles(string metric, IReadOnlyCollection<decimal> values)
    {
        if (values.Count == 0)
        {
            return new HeatmapRange(metric, 0m, 0m, FromData: true);
        }

        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return new HeatmapRange(metric, sorted[((n + 3) / 4) - 1], sorted[((3 * n) + 3) / 4 - 1], FromData: true);
    }

    /// <summary>Reads <c>metric:min:max</c> (metric ada or pia); null text gives null bounds (the data's quartiles).</summary>
    public static bool TryParse(string? text, out HeatmapRange? bounds, out string error)
    {
        bounds = null;
        error = string.Empty;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split(':');
        if (parts.Length != 3
            || parts[0].Trim().ToLowerInvariant() is not ("ada" or "pia")
            || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var min)
            || !decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var max)
            || min > max)
        {
            error = $"--heatmap '{text}' is not METRIC:MIN:MAX with METRIC ada or pia and MIN no more than MAX, such as pia:90:97.";
            return false;
        }

        bounds = new HeatmapRange(parts[0].Trim().ToLowerInvariant(), min, max, FromData: false);
        return true;
    }
}
