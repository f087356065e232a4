using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// Percent in attendance (PIA): (eligible + ineligible days present) ÷ (eligible + ineligible days present + days
/// absent) × 100, per period and for the year (the year pools the days of its periods).
/// </summary>
/// <remarks>
/// In 2020-21 and 2021-22 remote synchronous and asynchronous days count as days present. Days count as reported:
/// the enrollment's ADA eligibility code, when a file carries it, does not change them (the audit reads it). Exact; round the published figure with <see cref="RuleSet.Rounding"/>.
/// A set of records with no days in membership has no PIA (not zero).
/// </remarks>
[TeaSource("Early Education ADA report specification (OnDataSuite): PIA by six weeks and total")]
public static class PercentInAttendance
{
    /// <summary>The PIA of <paramref name="records"/>, or <see langword="null"/> when they have no days in membership.</summary>
    public static Ratio? Compute(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules) =>
        AttendanceTotals.Of(records, rules).PercentInAttendance;

    /// <summary>
    /// The days present <paramref name="record"/> contributes: eligible + ineligible days present, with remote days
    /// in the years that count them.
    /// </summary>
    public static DayCount CountedDaysPresent(BasicReportingPeriodAttendance record, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        var present = record.EligibleDaysPresent + record.IneligibleDaysPresent;
        return rules.CountsRemoteDays
            ? present + record.RemoteSynchronousEligibleDaysPresent + record.RemoteAsynchronousEligibleDaysPresent
            : present;
    }
}
