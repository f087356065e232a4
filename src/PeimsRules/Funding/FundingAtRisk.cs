using System.Globalization;
using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Funding;

/// <summary>
/// What attendance is worth, for ranking findings and campuses: the basic-allotment equivalent, ADA times the year's
/// basic allotment plus the early education allotment (0.1 × basic allotment per ADA) for each HB 3 K-3 row a record
/// counts in; or ADA times a district's own revenue per ADA when one is given.
/// </summary>
/// <remarks>
/// A deliberately simple figure of the funding tied to attendance, for prioritising work; not TEA's Summary of Finances,
/// whose tier one allotment applies further weights and adjustments and whose tier two adds more. A district that knows
/// its revenue per ADA gives it instead (<c>revenuePerAda</c>; it replaces both allotments). Dollars are computed exactly
/// and rounded once to cents, half away from zero. A year for which this library has no basic allotment gives no dollar
/// amount (<see langword="null"/>), never zero, unless a revenue per ADA is given.
/// </remarks>
[TeaSource("TEC §48.051 (basic allotment per student in ADA)")]
[TeaSource("TEC §48.108(a) (early education allotment, 0.1 × basic allotment per ADA in each K-3 row)")]
public static class FundingAtRisk
{
    /// <summary>The dollars an ADA amount of <paramref name="record"/>'s kind carries under <paramref name="rules"/>.</summary>
    /// <param name="ada">The refined ADA.</param>
    /// <param name="record">The record whose K-3 rows price it; <see langword="null"/> for the basic allotment alone.</param>
    /// <param name="rules">The year's rules.</param>
    /// <param name="revenuePerAda">The district's revenue per ADA, replacing the basic-allotment equivalent; <see langword="null"/> for the latter.</param>
    /// <returns>The dollars, rounded to cents; <see langword="null"/> when not computable.</returns>
    public static decimal? Dollars(Ratio ada, BasicReportingPeriodAttendance? record, RuleSet rules, decimal? revenuePerAda) =>
        PerAda(record, rules, revenuePerAda) is { } rate ? (ada * rate).Round(2, MidpointRounding.AwayFromZero) : null;

    /// <summary>The dollars several (ADA, record) parts carry, summed exactly and rounded once to cents.</summary>
    public static decimal? Dollars(IEnumerable<(Ratio Ada, BasicReportingPeriodAttendance Record)> parts, RuleSet rules, decimal? revenuePerAda)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(rules);
        if (PerAda(null, rules, revenuePerAda) is null)
        {
            return null;
        }

        var sum = Ratio.Zero;
        foreach (var (ada, record) in parts)
        {
            sum += ada * PerAda(record, rules, revenuePerAda)!.Value;
        }

        return sum.Round(2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The dollars one unit of ADA of <paramref name="record"/>'s kind is worth, exact: <paramref name="revenuePerAda"/>
    /// when given; otherwise the basic allotment plus 0.1 × basic allotment for each K-3 row the record counts in (none
    /// without a record).
    /// </summary>
    /// <returns><see langword="null"/> when the year has no basic allotment and no revenue per ADA is given.</returns>
    public static Ratio? PerAda(BasicReportingPeriodAttendance? record, RuleSet rules, decimal? revenuePerAda = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (revenuePerAda is { } revenue)
        {
            return Ratio.FromDecimal(revenue);
        }

        if (rules.BasicAllotment is not { } basic)
        {
            return null;
        }

        var perAda = Ratio.FromDecimal(basic);
        if (record is not null && rules.HasEarlyEducationRows && rules.EarlyEducationAllotmentRate is { } rate)
        {
            var rows = (Population.K3EconomicallyDisadvantaged.Includes(record) ? 1 : 0) + (Population.K3EmergentBilingual.Includes(record) ? 1 : 0);
            perAda += Ratio.FromDecimal(rate * basic) * Ratio.FromInteger(rows);
        }

        return perAda;
    }

    /// <summary>What the dollars are, in words: the basic-allotment equivalent of the year, or the district's revenue per ADA.</summary>
    public static string Basis(RuleSet rules, decimal? revenuePerAda = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (revenuePerAda is { } revenue)
        {
            return string.Create(CultureInfo.InvariantCulture, $"at the district's revenue of ${revenue:#,##0.00} per ADA");
        }

        return rules.BasicAllotment is { } basic
            ? string.Create(CultureInfo.InvariantCulture, $"basic-allotment equivalent (${basic:#,##0} per ADA{(rules.HasEarlyEducationRows ? ", plus the early education allotment for K-3 rows" : string.Empty)}; not the Summary of Finances)")
            : $"no dollar figure: the library carries no basic allotment for {rules.SchoolYear.DisplayName} (give a revenue per ADA)";
    }

    /// <summary>
    /// The refined ADA a set of records would gain if attendance on eligible codes rose to
    /// <paramref name="targetRatePercent"/>: for each campus, track, period and days taught, max(0, target × (eligible days
    /// present + days absent) − eligible days present) ÷ days taught, summed over periods and divided by six.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside 0 to 100.</exception>
    public static Ratio AdaGainAtTargetRate(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules, decimal targetRatePercent)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        if (targetRatePercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(targetRatePercent), targetRatePercent, "The target attendance rate is a percentage, 0 to 100.");
        }

        var target = Ratio.FromDecimal(targetRatePercent) / Ratio.FromInteger(100);
        var gain = Ratio.Zero;
        var cells = records
            .Where(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.AdaEligibility?.IsEligible != false)
            .GroupBy(r => (r.CampusId, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught));
        foreach (var cell in cells)
        {
            long eligible = 0;
            long membership = 0;
            foreach (var r in cell)
            {
                var counted = PeriodAda.CountedEligibleDaysPresent(r, rules).HalfDays;
                eligible += counted;
                membership += counted + r.DaysAbsent.HalfDays;
            }

            var wanted = target * Ratio.FromInteger(membership);
            var missing = wanted - Ratio.FromInteger(eligible);
            if (missing > Ratio.Zero)
            {
                gain += missing / Ratio.FromInteger(cell.Key.NumberDaysTaught.HalfDays);
            }
        }

        return gain / Ratio.FromInteger(6);
    }
}
