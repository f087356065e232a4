using PeimsRules.Attendance.Columnar;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Attendance;

public sealed partial class AttendanceSummary
{
    /// <summary>
    /// The summary of a store, which <see cref="Compute"/> runs when it is given one: one pass over the store's
    /// columns on <see cref="AttendanceSummaryOptions.MaxDegreeOfParallelism"/> threads, then the fine cells rolled up
    /// to the groups. The rows, the historical ratios, the drill-down and the errors are those of the reference path
    /// over the same records.
    /// </summary>
    private static AttendanceSummary ComputeColumnar(AttendanceStore records, RuleSet rules, AttendanceSummaryOptions? options)
    {
        options ??= AttendanceSummaryOptions.Default;
        var through = ThroughPeriodOf(options);
        records.CheckYear(rules, nameof(records));
        var ratios = PriorYearRatios(rules, options);
        if (options.MaxDegreeOfParallelism is { } dop)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dop, 1, nameof(options));
        }

        var focus = options.FocusList is null ? null : records.FocusKeys(options.FocusList);
        var partials = records.AggregateCore(rules, focus, options.MaxDegreeOfParallelism, options.ChunkRecords);
        var figures = FiguresOf(partials, options, ratios);
        var cells = records.Cells;
        var outside = new LazyList<BasicReportingPeriodAttendance>(() =>
            records.RecordsWhere(c => cells.Period[c] > 6, (_, p) => records.IsInFocus(p, focus)));
        return new AttendanceSummary(
            rules,
            options.GroupBy,
            figure => records.RecordsWhere(
                c => ColumnarSummary.Contains(figure.Group, cells, c)
                    && (figure.Period is { } period ? cells.Period[c] == period.Number : CountsInYear(cells.PeriodOf(c), rules, through)),
                (c, p) => records.IsInFocus(p, focus) && ColumnarSummary.Includes(figure.Population, records, c, p)),
            outside,
            figures,
            ratios,
            new ReportingPeriod(through));
    }

    /// <summary>
    /// The summary of records summed elsewhere: the figures of <paramref name="partials"/> (from
    /// <see cref="AttendanceStore.Aggregate(RuleSet)"/>, or merged from partitions with
    /// <see cref="AttendancePartials.Merge"/> or <see cref="AttendancePartials.FromRows"/>), under the rules they were
    /// computed with. The rows are those <see cref="Compute"/> gives for all the records.
    /// </summary>
    /// <remarks>
    /// Partial sums keep no records: <see cref="RecordsBehind(AttendanceFigure)"/> throws (drill down in the partition that holds the
    /// records) and <see cref="RecordsOutsideRefinedAda"/> is empty. A focus list is applied when the partials are
    /// computed (<see cref="AttendanceStore.Aggregate(RuleSet, IReadOnlySet{StudentId}?, int?)"/>), not here.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="options"/> sets a focus list, or prior-year records for a year other than 2019-20.
    /// </exception>
    public static AttendanceSummary FromPartials(AttendancePartials partials, AttendanceSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(partials);
        options ??= AttendanceSummaryOptions.Default;
        if (options.FocusList is not null)
        {
            throw new ArgumentException(
                "Partial sums are already summed: apply a focus list when computing them (AttendanceStore.Aggregate with a focus list).",
                nameof(options));
        }

        var rules = partials.Rules;
        var through = ThroughPeriodOf(options);
        var ratios = PriorYearRatios(rules, options);
        return new AttendanceSummary(
            rules,
            options.GroupBy,
            _ => throw new InvalidOperationException(
                "This summary was computed from partial sums, which keep no records: drill down in the partition that holds them."),
            [],
            FiguresOf(partials, options, ratios),
            ratios,
            new ReportingPeriod(through));
    }

    private static IReadOnlyDictionary<DistrictId, Ratio> PriorYearRatios(RuleSet rules, AttendanceSummaryOptions options)
    {
        if (options.PriorYearRecords is null)
        {
            return new Dictionary<DistrictId, Ratio>();
        }

        if (!rules.AppliesCovid19Adjustment)
        {
            throw new ArgumentException(
                $"Prior-year records are used only for the 2019-20 COVID-19 historical ratio; the rules are for {rules.SchoolYear.DisplayName}.",
                nameof(options));
        }

        return HistoricalRatio.ByDistrict(options.PriorYearRecords);
    }

    private static IReadOnlyList<AttendanceFigure> FiguresOf(
        AttendancePartials partials, AttendanceSummaryOptions options, IReadOnlyDictionary<DistrictId, Ratio> ratios) =>
        ColumnarSummary.Figures(
            partials,
            options.GroupBy,
            options.MaxDegreeOfParallelism,
            new FigureShaping(partials.Rules, ratios, options.PriorYearRecords is not null, ThroughPeriodOf(options)));
}
