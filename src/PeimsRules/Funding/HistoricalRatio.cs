using System.Collections.ObjectModel;
using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Funding;

/// <summary>
/// The 2019-20 COVID-19 historical ratio of a district: its 2018-19 refined ADA over periods 1 to 6 ÷ its 2018-19
/// refined ADA over periods 1 to 4 (each the mean of its periods), computed once per district from all its students
/// and applied to every 2019-20 ADA figure of the district.
/// </summary>
/// <remarks>
/// Example: 2018-19 period ADAs 100, 100, 100, 100, 90, 90 give (580 ÷ 6) ÷ (400 ÷ 4) = 96.667 ÷ 100. Kept exact
/// (29/30 here); it is not rounded before it is applied. Without 2018-19 data, or with a 2018-19 ADA of zero over
/// periods 1 to 4, there is no ratio and the adjusted figure is not computable.
/// </remarks>
[TeaSource("TEA letter 'near-final Summary of Finances', 2020-09-24: General Funding Question 1, step 1")]
[TeaSource("Early Education ADA report specification (OnDataSuite): 2018-2019 Historical Ratio")]
public static class HistoricalRatio
{
    /// <summary>The ratio from the six 2018-19 period ADAs; <see langword="null"/> when periods 1 to 4 have no ADA.</summary>
    /// <param name="priorYearPeriodAdas">The 2018-19 ADAs of periods 1 to 6, in order.</param>
    public static Ratio? Of(IReadOnlyList<Ratio> priorYearPeriodAdas)
    {
        ArgumentNullException.ThrowIfNull(priorYearPeriodAdas);
        var sixPeriods = RefinedAda.Of(priorYearPeriodAdas);
        var fourPeriods = RefinedAda.MeanOf(priorYearPeriodAdas.Take(4));
        return fourPeriods.IsZero ? null : sixPeriods / fourPeriods;
    }

    /// <summary>
    /// The ratio of each district in <paramref name="priorYearRecords"/> (2018-19 records), from all its students.
    /// A district whose periods 1 to 4 have no ADA has no entry.
    /// </summary>
    /// <exception cref="ArgumentException">A record is not of 2018-19.</exception>
    public static IReadOnlyDictionary<DistrictId, Ratio> ByDistrict(IEnumerable<BasicReportingPeriodAttendance> priorYearRecords)
    {
        ArgumentNullException.ThrowIfNull(priorYearRecords);
        if (priorYearRecords is Attendance.Columnar.AttendanceStore store)
        {
            return Attendance.Columnar.ColumnarSummary.HistoricalRatios(store);
        }

        var priorYear = new SchoolYear(2019);
        var rules = RuleSet.For(priorYear);
        var result = new SortedDictionary<DistrictId, Ratio>();
        foreach (var district in priorYearRecords.GroupBy(r => r.DistrictId))
        {
            var stray = district.FirstOrDefault(r => r.SchoolYear != priorYear);
            if (stray is not null)
            {
                throw new ArgumentException(
                    $"The historical ratio is computed from 2018-19 records; a record of {stray.SchoolYear.DisplayName} was given (student {stray.StudentId}, campus {stray.CampusId}).",
                    nameof(priorYearRecords));
            }

            var ratio = Of(RefinedAda.PeriodAdas(district, rules));
            if (ratio is { } value)
            {
                result.Add(district.Key, value);
            }
        }

        return new ReadOnlyDictionary<DistrictId, Ratio>(result);
    }
}
