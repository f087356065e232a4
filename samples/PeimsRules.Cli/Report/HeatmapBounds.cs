using System.Globalization;

namespace PeimsRules.Cli.Report;

/// <summary>The heatmap of the six-week grid: which figure it colours and its bounds, as <c>pia:90:97</c>.</summary>
/// <param name="Metric">ada or pia.</param>
/// <param name="Minimum">Values below it are <c>heat-low</c>.</param>
/// <param name="Maximum">Values above it are <c>heat-high</c>; values from the minimum to the maximum are <c>heat-mid</c>.</param>
internal sealed record HeatmapBounds(string Metric, decimal Minimum, decimal Maximum)
{
    public static HeatmapBounds Default { get; } = new("pia", 90m, 97m);

    public static bool TryParse(string? text, out HeatmapBounds bounds, out string error)
    {
        bounds = Default;
        error = string.Empty;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 3
            || parts[0].Trim().ToLowerInvariant() is not ("ada" or "pia")
            || !decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var min)
            || !decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var max)
            || min > max)
        {
            error = $"--heatmap '{text}' is not METRIC:MIN:MAX with METRIC ada or pia and MIN no more than MAX, such as pia:90:97.";
            return false;
        }

        bounds = new HeatmapBounds(parts[0].Trim().ToLowerInvariant(), min, max);
        return true;
    }

    /// <summary>The CSS class of a published value of <paramref name="metric"/>, or none when the heatmap is on the other figure.</summary>
    public string ClassOf(string metric, decimal? value) =>
        metric != Metric || value is not { } v ? string.Empty
        : v < Minimum ? "heat-low"
        : v > Maximum ? "heat-high"
        : "heat-mid";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric}:{Minimum}:{Maximum}");
}
