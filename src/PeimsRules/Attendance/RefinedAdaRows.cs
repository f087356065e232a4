using System.Collections.ObjectModel;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The machinery basic and special-program refined ADA share: which records a summary takes, the 2019-20 historical
/// ratios, and the ADA rows of one group (periods 1 to 6, then the year: the mean of the six, the 2019-20 COVID-19
/// adjusted figure, or the best four of six), each published by the rule set's one rounding.
/// </summary>
internal static class RefinedAdaRows
{
    public const string ExcludedReason = "2019-20 periods 5 and 6 are excluded by the COVID-19 adjustment (TEA letter 2020-09-24).";

    /// <summary>
    /// The records of <paramref name="records"/> a summary counts (all, or the focus list's students), each checked to be of
    /// the rule set's school year.
    /// </summary>
    /// <exception cref="ArgumentException">A record is not of the rule set's school year.</exception>
    public static List<T> Select<T>(IEnumerable<T> records, Func<T, BasicReportingPeriodAttendance> recordOf, RuleSet rules, AttendanceSummaryOptions options)
    {
        var selected = new List<T>();
        foreach (var item in records)
        {
            var record = recordOf(item);
            if (record.SchoolYear != rules.SchoolYear)
            {
                throw new ArgumentException(
                    $"The rules are for {rules.SchoolYear.DisplayName}, but student {record.StudentId} at campus {record.CampusId} has a record of {record.SchoolYear.DisplayName}: summarise one school year at a time.",
                    nameof(records));
            }

            if (options.FocusList is null || options.FocusList.Contains(record.StudentId))
            {
                selected.Add(item);
            }
        }

        return selected;
    }

    /// <summary>Each district's 2019-20 historical ratio from the options' prior-year records; empty without them.</summary>
    /// <exception cref="ArgumentException">Prior-year records were given for a year other than 2019-20.</exception>
    public static IReadOnlyDictionary<DistrictId, Ratio> HistoricalRatios(RuleSet rules, AttendanceSummaryOptions options)
    {
        if (options.PriorYearRecords is null)
        {
            return ReadOnlyDictionary<DistrictId, Ratio>.Empty;
        }

        if (!rules.AppliesCovid19Adjustment)
        {
            throw new ArgumentException(
                $"Prior-year records are used only for the 2019-20 COVID-19 historical ratio; the rules are for {rules.SchoolYear.DisplayName}.",
                nameof(options));
        }

        return HistoricalRatio.ByDistrict(options.PriorYearRecords);
    }

    /// <summary>Checks that a best-four-of-six rule set is used as 19 TAC §129.1021 defines it: by district, outside 2019-20.</summary>
    /// <exception cref="ArgumentException">The rule set asks for best four of six and the grouping is not by district, or the year is 2019-20.</exception>
    public static void CheckBestFourOfSix(RuleSet rules, AttendanceGrouping groupBy)
    {
        if (rules.BestFourOfSix is null)
        {
            return;
        }

        if (rules.AppliesCovid19Adjustment)
        {
            throw new ArgumentException(
                "Best four of six and the 2019-20 COVID-19 adjustment both redefine the year's refined ADA; this library does not combine them.",
                nameof(rules));
        }

        if (groupBy != AttendanceGrouping.District)
        {
            throw new ArgumentException(
                $"Best four of six (19 TAC §129.1021) is a district's refined ADA, capped by the district's migrant certificate students: group by district, not {groupBy}.",
                nameof(rules));
        }
    }

    /// <summary>Whether <paramref name="period"/> counts in the year's figure: periods 1 to 6, and in 2019-20 only 1 to 4.</summary>
    public static bool CountsInYear(ReportingPeriod period, RuleSet rules) =>
        period.IsRefinedAdaPeriod && !(rules.AppliesCovid19Adjustment && Covid19AdjustedRefinedAda.IsExcluded(period));

    /// <summary>
    /// The ADA rows of one group: the six period ADAs as published (2019-20 periods 5 and 6 excluded), then the year.
    /// </summary>
    /// <param name="periodAdas">The exact ADAs of periods 1 to 6.</param>
    /// <param name="districts">The districts of the group's records, in order (for the 2019-20 year row).</param>
    /// <param name="countedPeriodAdasOf">The ADAs of periods 1 to 4 of one district's part of the group (2019-20).</param>
    /// <param name="rules">The rules.</param>
    /// <param name="ratios">The historical ratios by district.</param>
    /// <param name="priorYearGiven">Whether prior-year records were given.</param>
    /// <param name="bestFourOfSixDistrict">
    /// The district whose refined ADA the year row is, when the rule set asks for best four of six and the row takes it;
    /// <see langword="null"/> for the mean of the six.
    /// </param>
    public static (Figure[] Periods, Figure Year, Ratio? ShownRatio) Ada(
        IReadOnlyList<Ratio> periodAdas,
        IReadOnlyList<DistrictId> districts,
        Func<DistrictId, IReadOnlyList<Ratio>> countedPeriodAdasOf,
        RuleSet rules,
        IReadOnlyDictionary<DistrictId, Ratio> ratios,
        bool priorYearGiven,
        DistrictId? bestFourOfSixDistrict)
    {
        var adas = new Ratio[6];
        for (var i = 0; i < adas.Length; i++)
        {
            adas[i] = periodAdas[i];
        }

        var values = new FigureValue[6];
        var (year, shownRatio) = AdaValues(adas, districts, countedPeriodAdasOf, rules, ratios, priorYearGiven, bestFourOfSixDistrict, values);
        var periods = new Figure[6];
        for (var i = 0; i < periods.Length; i++)
        {
            periods[i] = values[i].ToFigure();
        }

        return (periods, year.ToFigure(), shownRatio);
    }

    /// <summary>
    /// <see cref="Ada"/> as values, written into <paramref name="periods"/>: what both paths of a summary publish (the
    /// columnar path keeps its rows as values).
    /// </summary>
    /// <param name="periodAdas">The exact ADAs of periods 1 to 6 (six of them; the array is read, not kept).</param>
    /// <param name="districts">The districts of the group's records, in order (for the 2019-20 year row).</param>
    /// <param name="countedPeriodAdasOf">The ADAs of periods 1 to 4 of one district's part of the group (2019-20).</param>
    /// <param name="rules">The rules.</param>
    /// <param name="ratios">The historical ratios by district.</param>
    /// <param name="priorYearGiven">Whether prior-year records were given.</param>
    /// <param name="bestFourOfSixDistrict">As <see cref="Ada"/>.</param>
    /// <param name="periods">Where the six period figures go.</param>
    public static (FigureValue Year, Ratio? ShownRatio) AdaValues(
        Ratio[] periodAdas,
        IReadOnlyList<DistrictId> districts,
        Func<DistrictId, IReadOnlyList<Ratio>> countedPeriodAdasOf,
        RuleSet rules,
        IReadOnlyDictionary<DistrictId, Ratio> ratios,
        bool priorYearGiven,
        DistrictId? bestFourOfSixDistrict,
        Span<FigureValue> periods)
    {
        for (var i = 0; i < 6; i++)
        {
            var ada = periodAdas[i];
            periods[i] = rules.AppliesCovid19Adjustment && Covid19AdjustedRefinedAda.IsExcluded(ReportingPeriod.SixPeriods[i])
                ? FigureValue.Excluded(ada, ExcludedReason)
                : FigureValue.Computed(ada, rules.Rounding);
        }

        if (!rules.AppliesCovid19Adjustment)
        {
            if (rules.BestFourOfSix is { } bestFour && bestFourOfSixDistrict is { } district)
            {
                var year = bestFour.MigrantCertificateStudents.TryGetValue(district, out var certificates)
                    ? FigureValue.Computed(BestFourOfSixRefinedAda.Of(periodAdas, certificates), rules.Rounding)
                    : FigureValue.NotComputable($"best four of six is capped by district {district}'s students holding migrant certificates of eligibility, and no count was given for it.");
                return (year, null);
            }

            return (FigureValue.Computed(RefinedAda.Of(periodAdas), rules.Rounding), null);
        }

        var missing = districts.Where(d => !ratios.ContainsKey(d)).ToList();
        FigureValue adjustedFigure;
        if (!priorYearGiven)
        {
            adjustedFigure = FigureValue.NotComputable("the 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio, and no 2018-19 records were given.");
        }
        else if (missing.Count > 0)
        {
            adjustedFigure = FigureValue.NotComputable(
                $"no 2018-19 historical ratio for district {string.Join(", ", missing)}: its 2018-19 records are missing or have no ADA in periods 1 to 4.");
        }
        else
        {
            // One ratio per district, applied to that district's part of the row: the row is the sum of the parts.
            var adjusted = Ratio.Zero;
            foreach (var district in districts)
            {
                adjusted += Covid19AdjustedRefinedAda.Of(countedPeriodAdasOf(district), ratios[district]);
            }

            adjustedFigure = FigureValue.Computed(adjusted, rules.Rounding);
        }

        Ratio? shownRatio = districts.Count == 1 && ratios.TryGetValue(districts[0], out var r) ? r : null;
        return (adjustedFigure, shownRatio);
    }
}
