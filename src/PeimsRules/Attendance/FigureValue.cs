namespace PeimsRules.Attendance;

/// <summary>
/// A <see cref="Figure"/>'s parts as a value: what the rules of a row decide (computed, excluded or not computable,
/// the exact value, its one rounding, the reason), kept without an object so a columnar summary can hold a row's
/// figures in an array and make each <see cref="Figure"/> when the row is read.
/// </summary>
/// <param name="Status">Whether there is a value, and if not, why.</param>
/// <param name="Exact">The exact value, when there is one.</param>
/// <param name="Published">The published value, when computed.</param>
/// <param name="Reason">Why it is excluded or not computable.</param>
internal readonly record struct FigureValue(FigureStatus Status, Ratio? Exact, decimal? Published, string? Reason)
{
    /// <summary>A computed figure, rounded once by <paramref name="rounding"/>, as <see cref="Figure.Computed"/>.</summary>
    public static FigureValue Computed(Ratio exact, RoundingRule rounding) => new(FigureStatus.Computed, exact, rounding.Apply(exact), null);

    /// <summary>An excluded figure, as <see cref="Figure.Excluded"/>.</summary>
    public static FigureValue Excluded(Ratio? exact, string reason) => new(FigureStatus.ExcludedCovid19, exact, null, reason);

    /// <summary>A figure that cannot be computed, as <see cref="Figure.NotComputable"/>.</summary>
    public static FigureValue NotComputable(string reason) => new(FigureStatus.NotComputable, null, null, reason);

    /// <summary>The figure.</summary>
    public Figure ToFigure() => Figure.FromParts(Status, Exact, Published, Reason);
}
