using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Funding;

/// <summary>
/// What attendance is worth, for ranking findings and campuses: ADA times the year's basic allotment, plus the early
/// education allotment (0.1 × basic allotment per ADA) for each HB 3 K-3 row a record counts in.
/// </summary>
/// <remarks>
/// A deliberately simple lower bound of the funding tied to attendance, for prioritising work; not TEA's Summary of
/// Finances, whose tier one allotment applies further weights and adjustments. Dollars are computed exactly and rounded
/// once to cents, half away from zero. A year for which this library has no basic allotment gives no dollar amount
/// (<see langword="null"/>), never zero.
/// </remarks>
[TeaSource("TEC §48.051 (basic allotment per student in ADA)")]
[TeaSource("TEC §48.108(a) (early education allotment, 0.1 × basic allotment per ADA in each K-3 row)")]
public static class FundingAtRisk
{
    /// <summary>The dollars an ADA amount of <paramref name="record"/>'s kind carries under <paramref name="rules"/>.</summary>
    /// <returns>The dollars, rounded to cents; <see langword="null"/> when the year has no basic allotment.</returns>
    public static decimal? Dollars(Ratio ada, BasicReportingPeriodAttendance record, RuleSet rules) =>
        ExactDollars(ada, record, rules) is { } exact ? exact.Round(2, MidpointRounding.AwayFromZero) : null;

    /// <summary>The dollars several (ADA, record) parts carry, summed exactly and rounded once to cents.</summary>
    public static decimal? Dollars(IEnumerable<(Ratio Ada, BasicReportingPeriodAttendance Record)> parts, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.BasicAllotment is null)
        {
            return null;
        }

        var sum = Ratio.Zero;
        foreach (var (ada, record) in parts)
        {
            sum += ExactDollars(ada, record, rules)!.Value;
        }

        return sum.Round(2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The dollars an ADA amount carries at the basic allotment alone (no K-3 rows), rounded to cents.</summary>
    public static decimal? Dollars(Ratio ada, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.BasicAllotment is { } basic ? (ada * Ratio.FromDecimal(basic)).Round(2, MidpointRounding.AwayFromZero) : null;
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

    private static Ratio? ExactDollars(Ratio ada, BasicReportingPeriodAttendance record, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.BasicAllotment is not { } basic)
        {
            return null;
        }

        var perAda = Ratio.FromDecimal(basic);
        if (rules.HasEarlyEducationRows && rules.EarlyEducationAllotmentRate is { } rate)
        {
            var rows = (Population.K3EconomicallyDisadvantaged.Includes(record) ? 1 : 0) + (Population.K3EmergentBilingual.Includes(record) ? 1 : 0);
            perAda += Ratio.FromDecimal(rate * basic) * Ratio.FromInteger(rows);
        }

        return ada * perAda;
    }
}
