using PeimsRules.Attendance.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Programs;

/// <summary>
/// A special program's refined ADA by reporting period and for the year, for every group of a grouping (and, for
/// bilingual/ESL, every funding code), with drill-down to the records behind any figure. Made by the program's rule:
/// <see cref="BilingualEslRefinedAda"/>, <see cref="SpecialEducationMainstreamRefinedAda"/>,
/// <see cref="PregnancyRelatedServicesRefinedAda"/>, <see cref="ResidentialFacilityRefinedAda"/>.
/// </summary>
/// <remarks>
/// <para>
/// The formula is basic refined ADA's with the program's days in place of E0937: per period Σ over records (program days
/// present ÷ that record's days taught E0935); for the year the mean of the six period ADAs (÷ 6, as for basic refined
/// ADA, even where a period has no program days; one vendor divides by the periods with values instead), rounded once to
/// three decimals by <see cref="RuleSet.Rounding"/>. In 2019-20 the year is COVID-19 adjusted like the basic figure
/// (TEA letter 2020-09-24: one historical ratio per district applies to every ADA and FTE count). Groups, periods, the
/// year, the rounding and the 2019-20 adjustment are computed by the same code as <see cref="AttendanceSummary"/>.
/// </para>
/// <para>
/// The groups are those of the special-programs records given, whatever program their days are in; a group without
/// days in this program has an ADA of zero. TEA defines no percent in attendance for a special program, so a row has
/// none. Records of periods 7 to 9 are kept out and listed in <see cref="RecordsOutsideRefinedAda"/>. Best four of six is
/// not applied to a special program (<see cref="BestFourOfSixRefinedAda"/>): a rule set asking for it is refused.
/// </para>
/// </remarks>
public sealed class SpecialProgramAdaSummary
{
    private readonly IReadOnlyList<SpecialProgramsAttendancePeriod> _selected;
    private readonly Dictionary<(AttendanceGroupKey, BilingualEslFunding?, ReportingPeriod?), SpecialProgramAdaFigure> _index;
    private readonly Func<SpecialProgramsAttendancePeriod, DayCount> _daysOf;

    private SpecialProgramAdaSummary(
        SpecialProgramAda program,
        RuleSet rules,
        AttendanceGrouping groupBy,
        Func<SpecialProgramsAttendancePeriod, DayCount> daysOf,
        IReadOnlyList<SpecialProgramsAttendancePeriod> selected,
        IReadOnlyList<SpecialProgramsAttendancePeriod> outside,
        IReadOnlyList<SpecialProgramAdaFigure> figures,
        IReadOnlyDictionary<DistrictId, Ratio> historicalRatios)
    {
        Program = program;
        Rules = rules;
        GroupBy = groupBy;
        _daysOf = daysOf;
        _selected = selected;
        RecordsOutsideRefinedAda = outside;
        Figures = figures;
        HistoricalRatios = historicalRatios;
        _index = figures.ToDictionary(f => (f.Group, f.Funding, f.Period));
    }

    /// <summary>The program the figures are of.</summary>
    public SpecialProgramAda Program { get; }

    /// <summary>The rules the figures were computed under.</summary>
    public RuleSet Rules { get; }

    /// <summary>The grouping of the rows.</summary>
    public AttendanceGrouping GroupBy { get; }

    /// <summary>
    /// Every row: by group, then all funding codes before each code (BE, D1, D2; bilingual/ESL only, a code's rows where the
    /// group has records under it), then periods 1 to 6, then the year.
    /// </summary>
    public IReadOnlyList<SpecialProgramAdaFigure> Figures { get; }

    /// <summary>For 2019-20 with prior-year records, each district's historical ratio; empty otherwise.</summary>
    public IReadOnlyDictionary<DistrictId, Ratio> HistoricalRatios { get; }

    /// <summary>The special-programs records of periods 7 to 9, which the refined ADA does not count.</summary>
    public IReadOnlyList<SpecialProgramsAttendancePeriod> RecordsOutsideRefinedAda { get; }

    /// <summary>The row for a group, funding code (<see langword="null"/> for all) and period (<see langword="null"/> for the year), if there is one.</summary>
    public SpecialProgramAdaFigure? Find(AttendanceGroupKey group, BilingualEslFunding? funding, ReportingPeriod? period) =>
        _index.GetValueOrDefault((group, funding, period));

    /// <summary>
    /// The records behind a row: those of its group (and funding code) with days in the program, in its period, or for the
    /// year in the periods that count (1 to 6; 1 to 4 in 2019-20).
    /// </summary>
    public IReadOnlyList<SpecialProgramsAttendancePeriod> RecordsBehind(SpecialProgramAdaFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return _selected
            .Where(s => figure.Group.Contains(s.Record) && (figure.Funding is null || s.BilingualEslFunding == figure.Funding) && _daysOf(s).HalfDays > 0)
            .Where(s => figure.Period is { } p ? s.Record.ReportingPeriod == p : RefinedAdaRows.CountsInYear(s.Record.ReportingPeriod, Rules))
            .ToList();
    }

    /// <summary>The summary of one program: the reference implementation behind each program's rule.</summary>
    internal static SpecialProgramAdaSummary Compute(
        SpecialProgramAda program,
        Func<SpecialProgramsAttendancePeriod, DayCount> daysOf,
        IEnumerable<SpecialProgramsAttendancePeriod> records,
        RuleSet rules,
        AttendanceSummaryOptions? options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= AttendanceSummaryOptions.Default;
        if (rules.BestFourOfSix is not null)
        {
            throw new ArgumentException(
                "Best four of six (19 TAC §129.1021) is applied to the basic refined ADA only: its use for a special program's ADA is not confirmed.",
                nameof(rules));
        }

        var selected = RefinedAdaRows.Select(records, s => s.Record, rules, options);
        var ratios = RefinedAdaRows.HistoricalRatios(rules, options);
        var inYear = selected.Where(s => s.Record.ReportingPeriod.IsRefinedAdaPeriod).ToList();
        var outside = selected.Where(s => !s.Record.ReportingPeriod.IsRefinedAdaPeriod).ToList();
        var figures = new List<SpecialProgramAdaFigure>();
        foreach (var group in inYear.GroupBy(s => AttendanceGroupKey.Of(s.Record, options.GroupBy)).OrderBy(g => g.Key))
        {
            figures.AddRange(FiguresOf(group.Key, null, group.ToList(), daysOf, rules, ratios, options.PriorYearRecords is not null));
            if (program == SpecialProgramAda.BilingualEsl)
            {
                foreach (var funding in BilingualEslFunding.All)
                {
                    var members = group.Where(s => s.BilingualEslFunding == funding).ToList();
                    if (members.Count > 0)
                    {
                        figures.AddRange(FiguresOf(group.Key, funding, members, daysOf, rules, ratios, options.PriorYearRecords is not null));
                    }
                }
            }
        }

        return new SpecialProgramAdaSummary(program, rules, options.GroupBy, daysOf, selected.AsReadOnly(), outside.AsReadOnly(), figures.AsReadOnly(), ratios);
    }

    private static IEnumerable<SpecialProgramAdaFigure> FiguresOf(
        AttendanceGroupKey key,
        BilingualEslFunding? funding,
        IReadOnlyList<SpecialProgramsAttendancePeriod> members,
        Func<SpecialProgramsAttendancePeriod, DayCount> daysOf,
        RuleSet rules,
        IReadOnlyDictionary<DistrictId, Ratio> ratios,
        bool priorYearGiven)
    {
        var byPeriod = members.ToLookup(s => s.Record.ReportingPeriod);
        var periodTotals = ReportingPeriod.SixPeriods.Select(p => TotalsOf(byPeriod[p], daysOf)).ToArray();
        var districts = rules.AppliesCovid19Adjustment ? members.Select(s => s.Record.DistrictId).Distinct().Order().ToList() : [];
        var ada = RefinedAdaRows.Ada(
            periodTotals.Select(t => t.Ada).ToArray(),
            districts,
            district =>
            {
                var part = members.Where(s => s.Record.DistrictId == district).ToLookup(s => s.Record.ReportingPeriod);
                return Funding.Covid19AdjustedRefinedAda.CountedPeriods.Select(p => TotalsOf(part[p], daysOf).Ada).ToArray();
            },
            rules,
            ratios,
            priorYearGiven,
            bestFourOfSixDistrict: null);
        foreach (var period in ReportingPeriod.SixPeriods)
        {
            var totals = periodTotals[period.Number - 1];
            yield return new SpecialProgramAdaFigure(key, funding, period, ada.Periods[period.Number - 1], null, totals.EligibleDaysPresent, totals.RecordCount);
        }

        var year = AttendanceTotals.MergeAll(periodTotals.Where((_, i) => RefinedAdaRows.CountsInYear(ReportingPeriod.SixPeriods[i], rules)));
        yield return new SpecialProgramAdaFigure(key, funding, null, ada.Year, ada.ShownRatio, year.EligibleDaysPresent, year.RecordCount);
    }

    /// <summary>The program days of <paramref name="records"/> by days taught: the sums the period ADA formula divides.</summary>
    private static AttendanceTotals TotalsOf(IEnumerable<SpecialProgramsAttendancePeriod> records, Func<SpecialProgramsAttendancePeriod, DayCount> daysOf)
    {
        var byDaysTaught = new SortedDictionary<DayCount, DayCount>();
        long count = 0;
        foreach (var s in records)
        {
            count++;
            var days = daysOf(s);
            if (days.HalfDays > 0)
            {
                byDaysTaught[s.Record.NumberDaysTaught] = byDaysTaught.GetValueOrDefault(s.Record.NumberDaysTaught) + days;
            }
        }

        // Days present and absent are not the program's: a program row has no percent in attendance.
        return AttendanceTotals.FromSums([.. byDaysTaught.Keys], [.. byDaysTaught.Values], count, DayCount.Zero, DayCount.Zero);
    }
}
