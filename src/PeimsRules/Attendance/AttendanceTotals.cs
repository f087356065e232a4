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
    // The eligible days by days taught as two parallel arrays, sorted by days taught, with only days-taught values that
    // have eligible days: a summary makes hundreds of thousands of these, and the dictionary view is built on demand.
    // Segments, so the totals of a columnar summary's rows can share one buffer (AttendanceSummary keeps its rows compact).
    private readonly ArraySegment<DayCount> _daysTaught;
    private readonly ArraySegment<DayCount> _eligible;
    private IReadOnlyDictionary<DayCount, DayCount>? _byDaysTaught;

    // Set by the columnar path (FromSums), which computes the ADA once with the fast sum of quotients; the reference
    // path leaves it unset and adds the quotients one by one each time.
    private readonly Ratio? _ada;

    private AttendanceTotals(ArraySegment<DayCount> daysTaught, ArraySegment<DayCount> eligible, long recordCount, DayCount daysPresent, DayCount daysAbsent, Ratio? ada = null)
    {
        _ada = ada;
        _daysTaught = daysTaught;
        _eligible = eligible;
        RecordCount = recordCount;
        DaysPresent = daysPresent;
        DaysAbsent = daysAbsent;
    }

    /// <summary>The totals of no records.</summary>
    public static AttendanceTotals Empty { get; } = new(ArraySegment<DayCount>.Empty, ArraySegment<DayCount>.Empty, 0, DayCount.Zero, DayCount.Zero);

    /// <summary>The number of records summed.</summary>
    public long RecordCount { get; }

    /// <summary>
    /// The eligible days present counted toward ADA, by the days taught of the records they come from
    /// (ADA divides each record's days by its own track's days taught).
    /// </summary>
    public IReadOnlyDictionary<DayCount, DayCount> EligibleDaysPresentByDaysTaught =>
        _byDaysTaught ??= new ReadOnlyDictionary<DayCount, DayCount>(
            new SortedDictionary<DayCount, DayCount>(_daysTaught.Zip(_eligible).ToDictionary(p => p.First, p => p.Second)));

    /// <summary>The eligible days present counted toward ADA, over all days-taught values.</summary>
    public DayCount EligibleDaysPresent => _eligible.Aggregate(DayCount.Zero, (sum, d) => sum + d);

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
    public Ratio Ada
    {
        get
        {
            if (_ada is { } ada)
            {
                return ada;
            }

            var sum = Ratio.Zero;
            for (var i = 0; i < _daysTaught.Count; i++)
            {
                sum += Ratio.Of(_eligible[i].HalfDays, _daysTaught[i].HalfDays);
            }

            return sum;
        }
    }

    /// <summary>
    /// The percent in attendance: days present ÷ days in membership × 100, exactly; <see langword="null"/> when there
    /// are no days in membership (<see cref="Attendance.PercentInAttendance"/>).
    /// </summary>
    public Ratio? PercentInAttendance => PercentInAttendanceOf(DaysPresent, DaysAbsent);

    /// <summary>The percent in attendance of these days present and absent, as <see cref="PercentInAttendance"/>.</summary>
    internal static Ratio? PercentInAttendanceOf(DayCount daysPresent, DayCount daysAbsent)
    {
        var membership = daysPresent + daysAbsent;
        return membership.HalfDays == 0 ? null : Ratio.Of((Int128)(daysPresent.HalfDays * 100), (Int128)membership.HalfDays);
    }

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

        return new AttendanceTotals(byDaysTaught.Keys.ToArray(), byDaysTaught.Values.ToArray(), count, present, absent);
    }

    /// <summary>
    /// Totals from sums already made (by the columnar path): <paramref name="daysTaught"/> sorted ascending, without
    /// repeats, each with its eligible days (more than zero) at the same index of <paramref name="eligible"/>.
    /// </summary>
    /// <remarks>The ADA is computed here, once, by <see cref="Ratio.SumOfQuotients"/>: the same ratio the reference sum gives.</remarks>
    internal static AttendanceTotals FromSums(DayCount[] daysTaught, DayCount[] eligible, long recordCount, DayCount daysPresent, DayCount daysAbsent)
    {
        // A DayCount is its half days, one long: the arrays are read as the numerators and denominators they are.
        var ada = Ratio.SumOfQuotients(
            System.Runtime.InteropServices.MemoryMarshal.Cast<DayCount, long>(eligible.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.Cast<DayCount, long>(daysTaught.AsSpan()));
        return new(daysTaught, eligible, recordCount, daysPresent, daysAbsent, ada);
    }

    /// <summary>
    /// Totals over shared buffers: the <paramref name="length"/> days-taught values from <paramref name="offset"/> of
    /// <paramref name="daysTaught"/>, with their eligible days in <paramref name="eligible"/>, as <see cref="FromSums"/>
    /// takes them, and the ADA already computed from them.
    /// </summary>
    internal static AttendanceTotals FromShared(
        DayCount[] daysTaught, DayCount[] eligible, int offset, int length, long recordCount, DayCount daysPresent, DayCount daysAbsent, Ratio? ada) =>
        new(new ArraySegment<DayCount>(daysTaught, offset, length), new ArraySegment<DayCount>(eligible, offset, length), recordCount, daysPresent, daysAbsent, ada);

    /// <summary>The days-taught values and their eligible days, and the ADA when the columnar path computed it.</summary>
    internal (ArraySegment<DayCount> DaysTaught, ArraySegment<DayCount> Eligible, Ratio? Ada) Pairs =>
        (_daysTaught, _eligible, _ada);

    /// <summary>The totals of both sets of records: every sum added.</summary>
    public AttendanceTotals Merge(AttendanceTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);

        // A merge of two sorted lists: the eligible days of a days-taught value both have are added.
        var daysTaught = new List<DayCount>(_daysTaught.Count + other._daysTaught.Count);
        var eligible = new List<DayCount>(daysTaught.Capacity);
        int i = 0, j = 0;
        while (i < _daysTaught.Count || j < other._daysTaught.Count)
        {
            var order = i == _daysTaught.Count ? 1 : j == other._daysTaught.Count ? -1 : _daysTaught[i].CompareTo(other._daysTaught[j]);
            if (order < 0)
            {
                daysTaught.Add(_daysTaught[i]);
                eligible.Add(_eligible[i++]);
            }
            else if (order > 0)
            {
                daysTaught.Add(other._daysTaught[j]);
                eligible.Add(other._eligible[j++]);
            }
            else
            {
                daysTaught.Add(_daysTaught[i]);
                eligible.Add(_eligible[i++] + other._eligible[j++]);
            }
        }

        return new AttendanceTotals(daysTaught.ToArray(), eligible.ToArray(), RecordCount + other.RecordCount, DaysPresent + other.DaysPresent, DaysAbsent + other.DaysAbsent);
    }

    /// <summary>The merge of any number of totals.</summary>
    public static AttendanceTotals MergeAll(IEnumerable<AttendanceTotals> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var list = totals as IReadOnlyList<AttendanceTotals> ?? totals.ToList();
        switch (list.Count)
        {
            case 0:
                return Empty;
            case 1:
                return list[0];
            case 2:
                return list[0].Merge(list[1]);
        }

        // One combine of every days-taught value of every part, not a merge per part: a year row merges six periods.
        long count = 0;
        var present = DayCount.Zero;
        var absent = DayCount.Zero;
        var pairs = 0;
        foreach (var t in list)
        {
            count += t.RecordCount;
            present += t.DaysPresent;
            absent += t.DaysAbsent;
            pairs += t._daysTaught.Count;
        }

        var daysTaught = new DayCount[pairs];
        var eligible = new DayCount[pairs];
        var at = 0;
        foreach (var t in list)
        {
            t._daysTaught.CopyTo(daysTaught, at);
            t._eligible.CopyTo(eligible, at);
            at += t._daysTaught.Count;
        }

        Array.Sort(daysTaught, eligible);
        var distinct = 0;
        for (var i = 0; i < pairs; i++)
        {
            if (distinct > 0 && daysTaught[distinct - 1] == daysTaught[i])
            {
                eligible[distinct - 1] += eligible[i];
            }
            else
            {
                daysTaught[distinct] = daysTaught[i];
                eligible[distinct] = eligible[i];
                distinct++;
            }
        }

        if (distinct < pairs)
        {
            Array.Resize(ref daysTaught, distinct);
            Array.Resize(ref eligible, distinct);
        }

        return new AttendanceTotals(daysTaught, eligible, count, present, absent);
    }

    /// <inheritdoc />
    public bool Equals(AttendanceTotals? other) =>
        other is not null
        && RecordCount == other.RecordCount
        && DaysPresent == other.DaysPresent
        && DaysAbsent == other.DaysAbsent
        && _daysTaught.AsSpan().SequenceEqual(other._daysTaught.AsSpan())
        && _eligible.AsSpan().SequenceEqual(other._eligible.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AttendanceTotals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RecordCount, DaysPresent, DaysAbsent, _daysTaught.Count);

    /// <summary>The sums, as an auditor would write them.</summary>
    public override string ToString() =>
        $"{RecordCount} records; eligible days present {string.Join(" + ", _daysTaught.Select((d, i) => $"{_eligible[i]}/{d}"))}; present {DaysPresent}, absent {DaysAbsent}";
}
