using System.Collections.ObjectModel;
using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The partial sums behind the attendance figures of a set of records: the eligible days present by days taught
/// (for ADA), the days present and absent (for PIA), and the record count. Sums merge exactly, in any order, so the
/// figure for a district is the merge of its campuses' totals, and one partition's totals computed elsewhere can be
/// merged with another's.
/// </summary>
/// <remarks>
/// What counts, by TEA's rules for the year (<see cref="PeriodAda.CountedEligibleDaysPresent"/>):
/// eligible days present count toward ADA only under an eligible (funded) ADA code; remote synchronous and
/// asynchronous days count, toward ADA and PIA, only in the years whose rules count them; a record under code 0
/// (not in membership) counts toward nothing but the record count.
/// </remarks>
public sealed class AttendanceTotals : IEquatable<AttendanceTotals>
{
    private readonly SortedDictionary<DayCount, DayCount> _eligibleByDaysTaught;

    private AttendanceTotals(SortedDictionary<DayCount, DayCount> eligibleByDaysTaught, long recordCount, DayCount daysPresent, DayCount daysAbsent)
    {
        _eligibleByDaysTaught = eligibleByDaysTaught;
        EligibleDaysPresentByDaysTaught = new ReadOnlyDictionary<DayCount, DayCount>(eligibleByDaysTaught);
        RecordCount = recordCount;
        DaysPresent = daysPresent;
        DaysAbsent = daysAbsent;
    }

    /// <summary>The totals of no records.</summary>
    public static AttendanceTotals Empty { get; } = new([], 0, DayCount.Zero, DayCount.Zero);

    /// <summary>The number of records summed.</summary>
    public long RecordCount { get; }

    /// <summary>
    /// The eligible days present counted toward ADA, by the days taught of the records they come from
    /// (ADA divides each record's days by its own track's days taught).
    /// </summary>
    public IReadOnlyDictionary<DayCount, DayCount> EligibleDaysPresentByDaysTaught { get; }

    /// <summary>The eligible days present counted toward ADA, over all days-taught values.</summary>
    public DayCount EligibleDaysPresent => _eligibleByDaysTaught.Values.Aggregate(DayCount.Zero, (sum, d) => sum + d);

    /// <summary>The days present counted toward PIA: eligible and ineligible, remote days in the years that count them.</summary>
    public DayCount DaysPresent { get; }

    /// <summary>The days absent.</summary>
    public DayCount DaysAbsent { get; }

    /// <summary>The days in membership counted toward PIA: days present + days absent.</summary>
    public DayCount DaysInMembership => DaysPresent + DaysAbsent;

    /// <summary>
    /// The ADA of these records: Σ over days-taught values d of (eligible days present with d) ÷ d, exactly.
    /// For the records of one reporting period this is the period ADA (<see cref="PeriodAda"/>).
    /// </summary>
    public Ratio Ada => _eligibleByDaysTaught.Aggregate(Ratio.Zero, (sum, pair) => sum + Ratio.Of(pair.Value.HalfDays, pair.Key.HalfDays));

    /// <summary>
    /// The percent in attendance: days present ÷ days in membership × 100, exactly; <see langword="null"/> when there
    /// are no days in membership (<see cref="Attendance.PercentInAttendance"/>).
    /// </summary>
    public Ratio? PercentInAttendance =>
        DaysInMembership.HalfDays == 0 ? null : Ratio.Of(DaysPresent.HalfDays * 100, DaysInMembership.HalfDays);

    /// <summary>Sums <paramref name="records"/> under <paramref name="rules"/>.</summary>
    public static AttendanceTotals Of(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        if (records is Columnar.AttendanceStore store)
        {
            return Columnar.ColumnarSummary.TotalsOf(store, rules);
        }

        var byDaysTaught = new SortedDictionary<DayCount, DayCount>();
        long count = 0;
        var present = DayCount.Zero;
        var absent = DayCount.Zero;
        foreach (var record in records)
        {
            count++;
            var eligible = PeriodAda.CountedEligibleDaysPresent(record, rules);
            if (eligible.HalfDays > 0)
            {
                byDaysTaught[record.NumberDaysTaught] = byDaysTaught.GetValueOrDefault(record.NumberDaysTaught) + eligible;
            }

            present += PeimsRules.Attendance.PercentInAttendance.CountedDaysPresent(record, rules);
            absent += record.DaysAbsent;
        }

        return new AttendanceTotals(byDaysTaught, count, present, absent);
    }

    /// <summary>Totals from sums already made (by the columnar path); only days-taught values with eligible days are keys.</summary>
    internal static AttendanceTotals FromSums(SortedDictionary<DayCount, DayCount> eligibleByDaysTaught, long recordCount, DayCount daysPresent, DayCount daysAbsent) =>
        new(eligibleByDaysTaught, recordCount, daysPresent, daysAbsent);

    /// <summary>The totals of both sets of records: every sum added.</summary>
    public AttendanceTotals Merge(AttendanceTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byDaysTaught = new SortedDictionary<DayCount, DayCount>(_eligibleByDaysTaught);
        foreach (var (daysTaught, eligible) in other._eligibleByDaysTaught)
        {
            byDaysTaught[daysTaught] = byDaysTaught.GetValueOrDefault(daysTaught) + eligible;
        }

        return new AttendanceTotals(byDaysTaught, RecordCount + other.RecordCount, DaysPresent + other.DaysPresent, DaysAbsent + other.DaysAbsent);
    }

    /// <summary>The merge of any number of totals.</summary>
    public static AttendanceTotals MergeAll(IEnumerable<AttendanceTotals> totals) => totals.Aggregate(Empty, (sum, t) => sum.Merge(t));

    /// <inheritdoc />
    public bool Equals(AttendanceTotals? other) =>
        other is not null
        && RecordCount == other.RecordCount
        && DaysPresent == other.DaysPresent
        && DaysAbsent == other.DaysAbsent
        && _eligibleByDaysTaught.Count == other._eligibleByDaysTaught.Count
        && _eligibleByDaysTaught.All(pair => other._eligibleByDaysTaught.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AttendanceTotals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RecordCount, DaysPresent, DaysAbsent, _eligibleByDaysTaught.Count);

    /// <summary>The sums, as an auditor would write them.</summary>
    public override string ToString() =>
        $"{RecordCount} records; eligible days present {string.Join(" + ", _eligibleByDaysTaught.Select(p => $"{p.Value}/{p.Key}"))}; present {DaysPresent}, absent {DaysAbsent}";
}
