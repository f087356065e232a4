namespace PeimsRules;

/// <summary>Whether a figure has a value, and if not, why.</summary>
public enum FigureStatus
{
    /// <summary>The figure was computed.</summary>
    Computed = 0,

    /// <summary>The figure is excluded by the rules of the year (2019-20 periods 5 and 6); its value is kept for reference.</summary>
    ExcludedCovid19 = 1,

    /// <summary>The figure cannot be computed from the data given (for example the 2018-19 data behind a 2019-20 ratio is missing).</summary>
    NotComputable = 2,
}

/// <summary>
/// One figure as it is published: the exact value, the value rounded by the rule set's named rounding, or the reason
/// there is none. A figure that cannot be computed says so; it is never zero.
/// </summary>
public sealed record Figure
{
    private Figure(FigureStatus status, Ratio? exact, decimal? published, string? reason)
    {
        Status = status;
        Exact = exact;
        Published = published;
        Reason = reason;
    }

    /// <summary>Whether there is a value, and if not, why.</summary>
    public FigureStatus Status { get; }

    /// <summary>The exact value; present when computed, and kept for reference when excluded.</summary>
    public Ratio? Exact { get; }

    /// <summary>The published value, rounded once; present only when <see cref="Status"/> is <see cref="FigureStatus.Computed"/>.</summary>
    public decimal? Published { get; }

    /// <summary>Why the figure is excluded or not computable; <see langword="null"/> when it was computed.</summary>
    public string? Reason { get; }

    /// <summary>A computed figure, published by <paramref name="rounding"/>.</summary>
    public static Figure Computed(Ratio exact, RoundingRule rounding)
    {
        ArgumentNullException.ThrowIfNull(rounding);
        return new(FigureStatus.Computed, exact, rounding.Apply(exact), null);
    }

    /// <summary>A figure the rules of the year exclude (its value kept for reference, not published).</summary>
    public static Figure Excluded(Ratio? exact, string reason) => new(FigureStatus.ExcludedCovid19, exact, null, reason);

    /// <summary>A figure that cannot be computed, and why.</summary>
    public static Figure NotComputable(string reason) => new(FigureStatus.NotComputable, null, null, reason);

    /// <summary>A figure from the parts of another (a columnar summary keeps its rows as values and makes each figure as it is read).</summary>
    internal static Figure FromParts(FigureStatus status, Ratio? exact, decimal? published, string? reason) => new(status, exact, published, reason);

    /// <summary>The published value, or the reason there is none.</summary>
    public override string ToString() => Published is { } p
        ? p.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{Status}: {Reason}";
}
