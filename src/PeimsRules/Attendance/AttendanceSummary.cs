using System.Collections.ObjectModel;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>Options of <see cref="AttendanceSummary.Compute"/>.</summary>
public sealed record AttendanceSummaryOptions
{
    /// <summary>The default options: by district, every student, no prior-year data.</summary>
    public static AttendanceSummaryOptions Default { get; } = new();

    /// <summary>The dimensions to group by.</summary>
    /// <value>Defaults to <see cref="AttendanceGrouping.District"/>.</value>
    public AttendanceGrouping GroupBy { get; init; } = AttendanceGrouping.District;

    /// <summary>When set, only these students' records are counted (a focus list).</summary>
    /// <value>Defaults to <see langword="null"/>: every student.</value>
    public IReadOnlySet<StudentId>? FocusList { get; init; }

    /// <summary>
    /// The 2018-19 records, for the 2019-20 COVID-19 historical ratio of each district. The ratio is computed from
    /// all of a district's 2018-19 students, whatever the focus list.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: a 2019-20 refined ADA is then not computable.</value>
    public IEnumerable<BasicReportingPeriodAttendance>? PriorYearRecords { get; init; }

    /// <summary>
    /// The last reporting period reported so far, for figures as of a period (from 2025-26 TEA collects each of periods
    /// 1 to 5 as it closes, in the PEIMS Six Weeks Attendance Submission): the summary has the period rows 1 to N and,
    /// for N below 6, a year-to-date row in place of the year row (<see cref="RefinedAda.YearToDate"/>). Records of later
    /// periods are not counted.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the whole year, periods 1 to 6. Period 6 gives the same rows.</value>
    public ReportingPeriod? ThroughPeriod { get; init; }

    /// <summary>The most threads the columnar path (a summary of an <see cref="AttendanceStore"/>) may use.</summary>
    /// <value>Defaults to <see langword="null"/>: one per processor. The reference path over a list is single-threaded.</value>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>For tests: how many records each thread's range of the columnar pass holds (small values split cells across ranges).</summary>
    internal int? ChunkRecords { get; init; }
}

/// <summary>One row of a summary: a group, a population, and a reporting period or the year.</summary>
/// <param name="Group">The group the row is for.</param>
/// <param name="Population">The students it counts.</param>
/// <param name="Period">The reporting period, or <see langword="null"/> for the year (or the year to date).</param>
/// <param name="Ada">
/// The period ADA; for the year the refined ADA (COVID-19 adjusted in 2019-20; on the district rows of all students, the
/// capped best four of six when <see cref="RuleSet.BestFourOfSix"/> is set); for the year to date the mean of the period
/// ADAs reported so far.
/// </param>
/// <param name="Pia">The percent in attendance.</param>
/// <param name="HistoricalRatio">On 2019-20 year rows of a single district, the district's historical ratio.</param>
/// <param name="Totals">The sums behind the row (for the year or the year to date, those of the periods that count).</param>
public sealed record AttendanceFigure(
    AttendanceGroupKey Group,
    Population Population,
    ReportingPeriod? Period,
    Figure Ada,
    Figure Pia,
    Ratio? HistoricalRatio,
    AttendanceTotals Totals)
{
    // A columnar summary's row makes its totals when they are first read (most callers read only the figures): until
    // then the row keeps where they come from. Equality compares the totals, not where they come from.
    private AttendanceTotals? _totals = Totals;
    private readonly Func<int, AttendanceTotals>? _totalsOf;
    private readonly int _row;

    /// <summary>A row whose totals <paramref name="totalsOf"/> makes from <paramref name="row"/> when they are read.</summary>
    internal AttendanceFigure(
        AttendanceGroupKey group, Population population, ReportingPeriod? period, Figure ada, Figure pia, Ratio? historicalRatio, Func<int, AttendanceTotals> totalsOf, int row)
        : this(group, population, period, ada, pia, historicalRatio, null!)
    {
        _totalsOf = totalsOf;
        _row = row;
    }

    /// <summary>The sums behind the row (for the year or the year to date, those of the periods that count).</summary>
    public AttendanceTotals Totals
    {
        // Two threads reading at once may each make the totals: equal values, either one kept.
        get => _totals ??= _totalsOf!(_row);
        init => _totals = value;
    }

    /// <summary>
    /// On a year-to-date row (a summary through a period before 6), the last period it counts; <see langword="null"/>
    /// on period rows and on the year row.
    /// </summary>
    public ReportingPeriod? ThroughPeriod { get; init; }

    /// <summary>Whether this is the year row (all six periods in).</summary>
    public bool IsYear => Period is null && ThroughPeriod is null;

    /// <summary>Whether this is a year-to-date row: the figure of the periods reported so far, not a year figure.</summary>
    public bool IsYearToDate => Period is null && ThroughPeriod is not null;

    /// <inheritdoc />
    public bool Equals(AttendanceFigure? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Group == other.Group
            && Population == other.Population
            && Period == other.Period
            && Ada == other.Ada
            && Pia == other.Pia
            && HistoricalRatio == other.HistoricalRatio
            && ThroughPeriod == other.ThroughPeriod
            && Totals.Equals(other.Totals));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Group, Population, Period, Ada, Pia, HistoricalRatio, ThroughPeriod);
}

/// <summary>
/// Refined ADA and PIA by reporting period and for the year, for every group of a grouping and every population
/// (all students; the HB 3 K-3 rows from 2019-20), with drill-down to the records behind any figure.
/// </summary>
/// <remarks>
/// The reference implementation: each figure is computed from <see cref="AttendanceTotals"/> of the records it
/// covers, as <see cref="PeriodAda"/>, <see cref="RefinedAda"/>, <see cref="PercentInAttendance"/>,
/// <see cref="HistoricalRatio"/> and <see cref="Covid19AdjustedRefinedAda"/> define it; only the published figure is
/// rounded. Records of periods 7 to 9 are kept out of the figures and listed in <see cref="RecordsOutsideRefinedAda"/>.
/// Given an <see cref="AttendanceStore"/>, <see cref="Compute"/> runs the columnar path instead, with the same results.
/// </remarks>
public sealed partial class AttendanceSummary
{
    private readonly Func<AttendanceFigure, IReadOnlyList<BasicReportingPeriodAttendance>> _recordsBehind;
    // Built on the first Find: a statewide summary by campus has over a hundred thousand rows, most callers read them in order.
    private Dictionary<(AttendanceGroupKey, Population, ReportingPeriod?), AttendanceFigure>? _index;

    private AttendanceSummary(
        RuleSet rules,
        AttendanceGrouping groupBy,
        Func<AttendanceFigure, IReadOnlyList<BasicReportingPeriodAttendance>> recordsBehind,
        IReadOnlyList<BasicReportingPeriodAttendance> outside,
        IReadOnlyList<AttendanceFigure> figures,
        IReadOnlyDictionary<DistrictId, Ratio> historicalRatios,
        ReportingPeriod throughPeriod)
    {
        Rules = rules;
        ThroughPeriod = throughPeriod;
        GroupBy = groupBy;
        _recordsBehind = recordsBehind;
        RecordsOutsideRefinedAda = outside;
        Figures = figures;
        HistoricalRatios = historicalRatios;
    }

    /// <summary>The rules the figures were computed under.</summary>
    public RuleSet Rules { get; }

    /// <summary>The grouping of the rows.</summary>
    public AttendanceGrouping GroupBy { get; }

    /// <summary>
    /// The last reporting period the figures count: 6 for the whole year, or the period the summary was asked
    /// through (<see cref="AttendanceSummaryOptions.ThroughPeriod"/>).
    /// </summary>
    public ReportingPeriod ThroughPeriod { get; }

    /// <summary>Whether the figures are as of a period before 6: the summary has a year-to-date row, not a year row.</summary>
    public bool IsYearToDate => ThroughPeriod.Number < 6;

    /// <summary>Every row: by group, then population, then periods 1 to 6 (1 to N through period N), then the year (or the year to date).</summary>
    public IReadOnlyList<AttendanceFigure> Figures { get; }

    /// <summary>For 2019-20 with prior-year records, each district's historical ratio; empty otherwise.</summary>
    public IReadOnlyDictionary<DistrictId, Ratio> HistoricalRatios { get; }

    /// <summary>The records of periods 7 to 9 (extended and additional days school year), which the refined ADA does not count.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> RecordsOutsideRefinedAda { get; }

    /// <summary>Computes the summary of <paramref name="records"/> under <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A record is not of the rule set's school year, or prior-year records were given for a year other than 2019-20,
    /// or the options ask for figures through a period other than 1 to 6.
    /// </exception>
    public static AttendanceSummary Compute(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules, AttendanceSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        RefinedAdaRows.CheckBestFourOfSix(rules, (options ?? AttendanceSummaryOptions.Default).GroupBy);
        if (records is AttendanceStore store)
        {
            return ComputeColumnar(store, rules, options);
        }

        options ??= AttendanceSummaryOptions.Default;
        var through = ThroughPeriodOf(options);
        var selected = RefinedAdaRows.Select(records, r => r, rules, options);
        var ratios = RefinedAdaRows.HistoricalRatios(rules, options);
        var inYear = selected.Where(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.ReportingPeriod.Number <= through).ToList();
        var outside = selected.Where(r => !r.ReportingPeriod.IsRefinedAdaPeriod).ToList();
        var figures = new List<AttendanceFigure>();
        foreach (var group in inYear.GroupBy(r => AttendanceGroupKey.Of(r, options.GroupBy)).OrderBy(g => g.Key))
        {
            foreach (var population in Populations.For(rules))
            {
                var members = group.Where(r => population.Includes(r)).ToList();
                if (members.Count == 0 && population != Population.All)
                {
                    continue;
                }

                FiguresOf(group.Key, population, members, rules, ratios, options.PriorYearRecords is not null, through, figures);
            }
        }

        return new AttendanceSummary(
            rules, options.GroupBy, figure => ReferenceRecordsBehind(selected, figure, rules, through), outside.AsReadOnly(), figures.AsReadOnly(), ratios, new ReportingPeriod(through));
    }

    private static int ThroughPeriodOf(AttendanceSummaryOptions options)
    {
        if (options.ThroughPeriod is { } period && !period.IsRefinedAdaPeriod)
        {
            throw new ArgumentException(
                $"Figures are computed through one of the six reporting periods of the year (1 to 6); {period} is outside them.",
                nameof(options));
        }

        return options.ThroughPeriod?.Number ?? 6;
    }

    /// <summary>The row for a group, population and period (<see langword="null"/> for the year), if there is one.</summary>
    public AttendanceFigure? Find(AttendanceGroupKey group, Population population, ReportingPeriod? period)
    {
        // Two threads may both build it; either copy is the same, and the reference is written whole.
        var index = _index ??= Figures.ToDictionary(f => (f.Group, f.Population, f.Period));
        return index.GetValueOrDefault((group, population, period));
    }

    /// <summary>
    /// The records behind a row: those of its group and population in its period, or for the year in the periods
    /// that count (1 to 6; 1 to 4 in 2019-20; for the year to date, those up to the last period reported).
    /// </summary>
    /// <exception cref="InvalidOperationException">The summary was computed from partial sums, which keep no records (<see cref="FromPartials"/>).</exception>
    public IReadOnlyList<BasicReportingPeriodAttendance> RecordsBehind(AttendanceFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return _recordsBehind(figure);
    }

    private static List<BasicReportingPeriodAttendance> ReferenceRecordsBehind(IReadOnlyList<BasicReportingPeriodAttendance> records, AttendanceFigure figure, RuleSet rules, int through) =>
        records
            .Where(r => figure.Group.Contains(r) && figure.Population.Includes(r))
            .Where(r => figure.Period is { } p ? r.ReportingPeriod == p : CountsInYear(r.ReportingPeriod, rules, through))
            .ToList();

    private static bool CountsInYear(ReportingPeriod period, RuleSet rules, int through) =>
        period.Number <= through && RefinedAdaRows.CountsInYear(period, rules);

    private static void FiguresOf(
        AttendanceGroupKey key,
        Population population,
        IReadOnlyList<BasicReportingPeriodAttendance> members,
        RuleSet rules,
        IReadOnlyDictionary<DistrictId, Ratio> ratios,
        bool priorYearGiven,
        int through,
        List<AttendanceFigure> into)
    {
        var byPeriod = members.ToLookup(r => r.ReportingPeriod);
        var periodTotals = ReportingPeriod.SixPeriods.Select(p => AttendanceTotals.Of(byPeriod[p], rules)).ToArray();
        var districts = rules.AppliesCovid19Adjustment ? members.Select(r => r.DistrictId).Distinct().Order().ToList() : [];
        FiguresFromTotals(
            key,
            population,
            periodTotals,
            districts,
            district =>
            {
                var part = members.Where(r => r.DistrictId == district).ToLookup(r => r.ReportingPeriod);
                return Covid19AdjustedRefinedAda.CountedPeriods.Select(p => AttendanceTotals.Of(part[p], rules).Ada).ToArray();
            },
            rules,
            ratios,
            priorYearGiven,
            through,
            into);
    }

    /// <summary>
    /// The rows of one group and population from its sums: the six period rows, then the year row; through a period
    /// N below 6, the period rows 1 to N, then the year-to-date row.
    /// </summary>
    /// <param name="key">The group.</param>
    /// <param name="population">The population.</param>
    /// <param name="periodTotals">The totals of periods 1 to 6.</param>
    /// <param name="districts">The districts the group's records are of, in order (for the 2019-20 year row).</param>
    /// <param name="countedPeriodAdasOf">The ADAs of periods 1 to 4 of one district's part of the group (2019-20).</param>
    /// <param name="rules">The rules.</param>
    /// <param name="ratios">The historical ratios by district.</param>
    /// <param name="priorYearGiven">Whether prior-year records were given.</param>
    /// <param name="through">The last period reported, 1 to 6.</param>
    /// <param name="into">Where the rows go.</param>
    private static void FiguresFromTotals(
        AttendanceGroupKey key,
        Population population,
        AttendanceTotals[] periodTotals,
        IReadOnlyList<DistrictId> districts,
        Func<DistrictId, IReadOnlyList<Ratio>> countedPeriodAdasOf,
        RuleSet rules,
        IReadOnlyDictionary<DistrictId, Ratio> ratios,
        bool priorYearGiven,
        int through,
        List<AttendanceFigure> into)
    {
        var periodAdas = new Ratio[periodTotals.Length];
        for (var i = 0; i < periodAdas.Length; i++)
        {
            periodAdas[i] = periodTotals[i].Ada;
        }

        var ada = RefinedAdaRows.Ada(
            periodAdas,
            districts,
            countedPeriodAdasOf,
            rules,
            ratios,
            priorYearGiven,
            population == Population.All ? key.District : null);
        for (var i = 0; i < through; i++)
        {
            var totals = periodTotals[i];
            var periodAda = ada.Periods[i];
            into.Add(new AttendanceFigure(
                key,
                population,
                ReportingPeriod.SixPeriods[i],
                periodAda,
                periodAda.Status == FigureStatus.ExcludedCovid19 ? Figure.Excluded(totals.PercentInAttendance, RefinedAdaRows.ExcludedReason) : Pia(totals, rules),
                null,
                totals));
        }

        if (through < 6)
        {
            AddYearToDate(key, population, periodTotals, rules, through, into);
            return;
        }

        var counted = new List<AttendanceTotals>(periodTotals.Length);
        for (var i = 0; i < periodTotals.Length; i++)
        {
            if (CountsInYear(ReportingPeriod.SixPeriods[i], rules, through))
            {
                counted.Add(periodTotals[i]);
            }
        }

        var year = AttendanceTotals.MergeAll(counted);
        into.Add(new AttendanceFigure(key, population, null, ada.Year, Pia(year, rules), ada.ShownRatio, year));
    }

    /// <summary>
    /// The year-to-date row through period <paramref name="through"/> (below 6): the mean of the ADAs of the periods
    /// reported, the PIA over their days. In 2019-20 only periods 1 to 4 count, and the mean is not multiplied by the
    /// historical ratio: that ratio turns the mean of four periods into a figure for the year, once the year is over.
    /// </summary>
    private static void AddYearToDate(AttendanceGroupKey key, Population population, AttendanceTotals[] periodTotals, RuleSet rules, int through, List<AttendanceFigure> into)
    {
        var counted = rules.AppliesCovid19Adjustment ? Math.Min(through, Covid19AdjustedRefinedAda.CountedPeriods.Count) : through;
        var totals = AttendanceTotals.MergeAll(periodTotals.Take(counted));
        var ada = RefinedAda.YearToDate(periodTotals.Take(counted).Select(t => t.Ada).ToArray());
        into.Add(new AttendanceFigure(key, population, null, Figure.Computed(ada, rules.Rounding), Pia(totals, rules), null, totals) { ThroughPeriod = new ReportingPeriod(through) });
    }

    private static Figure Pia(AttendanceTotals totals, RuleSet rules) =>
        totals.PercentInAttendance is { } pia
            ? Figure.Computed(pia, rules.Rounding)
            : Figure.NotComputable(NoDaysInMembership);

    /// <summary>Why a PIA is not computable.</summary>
    internal const string NoDaysInMembership = "no days in membership.";
}
