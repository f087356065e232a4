using PeimsRules.Attendance;

namespace PeimsRules.Reconciliation;

/// <summary>How a figure differs between the two sides, exactly and as published.</summary>
public enum FigureChangeKind
{
    /// <summary>The exact value and the published value are the same (or the figure is not computable on both sides).</summary>
    Unchanged = 0,

    /// <summary>
    /// The figure changed by at least half a unit of the published precision (0.0005 for three decimals), or, for a
    /// figure that is not published on either side (2019-20 periods 5 and 6), its exact value changed.
    /// </summary>
    Changed = 1,

    /// <summary>
    /// The published values differ, but the exact values differ by less than half a unit of the published precision, or
    /// not at all (two rounding rules): the published difference is purely rounding.
    /// </summary>
    RoundingOnly = 2,

    /// <summary>The exact values differ, but so little that the published values are the same.</summary>
    BelowPublishedPrecision = 3,

    /// <summary>
    /// The figure is computed on one side only, or published on one side only (for example a 2019-20 refined ADA that is
    /// not computable without the district's historical ratio): there is no difference to give.
    /// </summary>
    NotComparable = 4,
}

/// <summary>
/// One figure (an ADA or a PIA) on both sides of a comparison: the figures, their exact difference, the difference of
/// the published (rounded) values, and whether the published difference is purely rounding.
/// </summary>
public sealed class FigureChange
{
    private FigureChange(Figure before, Figure after, Ratio? exactDifference, decimal? publishedDifference, FigureChangeKind kind)
    {
        Before = before;
        After = after;
        ExactDifference = exactDifference;
        PublishedDifference = publishedDifference;
        Kind = kind;
    }

    /// <summary>The figure before.</summary>
    public Figure Before { get; }

    /// <summary>The figure after.</summary>
    public Figure After { get; }

    /// <summary>After minus before, exactly; <see langword="null"/> when either side has no exact value.</summary>
    public Ratio? ExactDifference { get; }

    /// <summary>
    /// The published value after minus the published value before: the difference a reader of the two reports sees;
    /// <see langword="null"/> when either side is not published.
    /// </summary>
    public decimal? PublishedDifference { get; }

    /// <summary>How the figure differs.</summary>
    public FigureChangeKind Kind { get; }

    /// <summary>Whether the figure differs at all (exactly, as published, or in whether it can be computed).</summary>
    public bool IsDifferent => Kind != FigureChangeKind.Unchanged;

    /// <summary>
    /// Compares two figures published by <paramref name="beforeRounding"/> and <paramref name="afterRounding"/>: a
    /// published difference is purely rounding when the exact difference is less than half a unit of the finer of the
    /// two precisions.
    /// </summary>
    public static FigureChange Between(Figure before, Figure after, RoundingRule beforeRounding, RoundingRule afterRounding)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(beforeRounding);
        ArgumentNullException.ThrowIfNull(afterRounding);

        Ratio? exact = before.Exact is { } b && after.Exact is { } a ? a - b : null;
        decimal? published = before.Published is { } pb && after.Published is { } pa ? pa - pb : null;
        return new FigureChange(before, after, exact, published, KindOf(before, after, exact, published, Math.Max(beforeRounding.Decimals, afterRounding.Decimals)));
    }

    /// <summary>The change as words: <c>7.500 to 7.333 (-1/6)</c>.</summary>
    public override string ToString() => $"{Before} to {After} ({ExactDifference?.ToString() ?? Kind.ToString()})";

    private static FigureChangeKind KindOf(Figure before, Figure after, Ratio? exact, decimal? published, int decimals)
    {
        if (before.Exact is null || after.Exact is null)
        {
            return before.Status == after.Status && before.Exact is null && after.Exact is null
                ? FigureChangeKind.Unchanged
                : FigureChangeKind.NotComparable;
        }

        if ((before.Published is null) != (after.Published is null))
        {
            return FigureChangeKind.NotComparable;
        }

        var exactDifference = exact!.Value;
        if (published is null)
        {
            return exactDifference.IsZero ? FigureChangeKind.Unchanged : FigureChangeKind.Changed;
        }

        if (published == 0)
        {
            return exactDifference.IsZero ? FigureChangeKind.Unchanged : FigureChangeKind.BelowPublishedPrecision;
        }

        // Half a unit of the last published place: 0.0005 at three decimals.
        var halfUnit = Ratio.Of(1, 2 * System.Numerics.BigInteger.Pow(10, decimals));
        var magnitude = exactDifference < Ratio.Zero ? -exactDifference : exactDifference;
        return magnitude < halfUnit ? FigureChangeKind.RoundingOnly : FigureChangeKind.Changed;
    }
}

/// <summary>One record difference as it explains one row: the difference and its contribution to the row.</summary>
/// <param name="Record">The record difference.</param>
/// <param name="Contribution">What it contributes to the row.</param>
public sealed record ExplainingRecord(RecordDifference Record, RecordContribution Contribution);

/// <summary>
/// One row of the two summaries (a group, a population, a reporting period or the year): both figures, their
/// differences, the changes in the days behind them, and the record differences that explain them.
/// </summary>
/// <remarks>
/// A row that exists on one side only has no records on the other, where its ADA is zero and its PIA not computable
/// (no days in membership); in 2019-20 the year ADA of a side without prior-year records is not computable, and
/// periods 5 and 6 are excluded, as on an existing row.
/// </remarks>
public sealed class FigureDifference
{
    internal FigureDifference(
        AttendanceGroupKey group,
        Population population,
        ReportingPeriod? period,
        AttendanceFigure? before,
        AttendanceFigure? after,
        FigureChange ada,
        FigureChange pia,
        IReadOnlyList<ExplainingRecord> explanation,
        int explainingRecordCount)
    {
        ExplainingRecordCount = explainingRecordCount;
        Group = group;
        Population = population;
        Period = period;
        Before = before;
        After = after;
        Ada = ada;
        Pia = pia;
        Explanation = explanation;
        DaysPresentChange = (after?.Totals.DaysPresent.Days ?? 0m) - (before?.Totals.DaysPresent.Days ?? 0m);
        DaysInMembershipChange = (after?.Totals.DaysInMembership.Days ?? 0m) - (before?.Totals.DaysInMembership.Days ?? 0m);
    }

    /// <summary>The group of the row.</summary>
    public AttendanceGroupKey Group { get; }

    /// <summary>The population of the row.</summary>
    public Population Population { get; }

    /// <summary>The reporting period, or <see langword="null"/> for the year row.</summary>
    public ReportingPeriod? Period { get; }

    /// <summary>Whether this is the year row.</summary>
    public bool IsYear => Period is null;

    /// <summary>The row of the summary before, or <see langword="null"/> when it had none.</summary>
    public AttendanceFigure? Before { get; }

    /// <summary>The row of the summary after, or <see langword="null"/> when it had none.</summary>
    public AttendanceFigure? After { get; }

    /// <summary>The ADA (period ADA, or the refined ADA on the year row) on both sides.</summary>
    public FigureChange Ada { get; }

    /// <summary>The percent in attendance on both sides.</summary>
    public FigureChange Pia { get; }

    /// <summary>The change in the days present behind the PIA, in days.</summary>
    public decimal DaysPresentChange { get; }

    /// <summary>The change in the days in membership behind the PIA, in days.</summary>
    public decimal DaysInMembershipChange { get; }

    /// <summary>
    /// The record differences behind the row on either side, each with its contribution to the row, in key order.
    /// Their ADA contributions add up exactly to <see cref="FigureChange.ExactDifference"/> of <see cref="Ada"/>; their
    /// days present and days in membership changes add up to <see cref="DaysPresentChange"/> and
    /// <see cref="DaysInMembershipChange"/>.
    /// </summary>
    public IReadOnlyList<ExplainingRecord> Explanation { get; }

    /// <summary>
    /// The number of record differences behind the row: the count of <see cref="Explanation"/>, or, in a comparison of
    /// totals that keeps no records (<see cref="AttendanceTotalsComparison"/>, whose <see cref="Explanation"/> is empty),
    /// the number it would hold.
    /// </summary>
    public int ExplainingRecordCount { get; }

    /// <summary>
    /// The sum of the records' ADA contributions; <see langword="null"/> when one of them cannot be computed.
    /// Equal to the exact ADA difference whenever that is computed.
    /// </summary>
    public Ratio? ExplainedAdaDifference
    {
        get
        {
            var sum = Ratio.Zero;
            foreach (var item in Explanation)
            {
                if (item.Contribution.Ada is not { } ada)
                {
                    return null;
                }

                sum += ada;
            }

            return sum;
        }
    }

    /// <summary>
    /// Whether anything differs in the row: it exists on one side only, its ADA or PIA differs, or the days behind the
    /// PIA changed.
    /// </summary>
    public bool IsDifferent =>
        (Before is null) != (After is null) || Ada.IsDifferent || Pia.IsDifferent || DaysPresentChange != 0 || DaysInMembershipChange != 0;

    /// <summary>The row and its ADA change as words.</summary>
    public override string ToString() =>
        $"{Group}, {Population}, {(Period is { } p ? $"period {p}" : "year")}: ADA {Ada}, PIA {Pia}";
}
