using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The ADA of one reporting period: Σ over records of (eligible days present ÷ that record's days taught).
/// With one track this is total eligible days present ÷ days taught; with several tracks each record divides by its
/// own track's days taught.
/// </summary>
/// <remarks>
/// Eligible days present are E0937 as reported, plus E1678 (RS) and E1679 (RA) in 2020-21 and 2021-22. The 42400 record
/// carries no ADA eligibility code to re-check them against: the code's effect is already in the split between eligible
/// and ineligible days. Eligible days that contradict the enrollment's code are a reporting error that the integrity
/// audit finds and prices (ATT-01), not days this calculator drops: TEA's figure counts them. Exact; not rounded
/// (a period ADA is not published on its own; round with <see cref="RuleSet.Rounding"/> to show it).
/// </remarks>
[TeaSource("Early Education ADA report specification (OnDataSuite): refined ADA by six weeks")]
[TeaSource("19 TAC §129.1021; TEC §48.005")]
[TeaSource("TEA data standards, 42400 Basic Reporting Period Attendance (E0937 as reported)")]
public static class PeriodAda
{
    /// <summary>The ADA of <paramref name="records"/>, which should all be of one reporting period.</summary>
    /// <exception cref="ArgumentException">The records are of more than one reporting period.</exception>
    public static Ratio Compute(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records is Columnar.AttendanceStore store)
        {
            if (store.Cells.Period.Distinct().Skip(1).Any())
            {
                throw new ArgumentException("A period ADA is computed from the records of one reporting period.", nameof(records));
            }

            return AttendanceTotals.Of(store, rules).Ada;
        }

        var list = records as IReadOnlyCollection<BasicReportingPeriodAttendance> ?? records.ToList();
        if (list.Select(r => r.ReportingPeriod).Distinct().Skip(1).Any())
        {
            throw new ArgumentException("A period ADA is computed from the records of one reporting period.", nameof(records));
        }

        return AttendanceTotals.Of(list, rules).Ada;
    }

    /// <summary>
    /// The eligible days present that <paramref name="record"/> contributes to ADA under <paramref name="rules"/>:
    /// E0937 (+ E1678 + E1679 in the years that count remote days), as reported.
    /// </summary>
    public static DayCount CountedEligibleDaysPresent(BasicReportingPeriodAttendance record, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.CountsRemoteDays
            ? record.EligibleDaysPresent + record.RemoteSynchronousEligibleDaysPresent + record.RemoteAsynchronousEligibleDaysPresent
            : record.EligibleDaysPresent;
    }
}
