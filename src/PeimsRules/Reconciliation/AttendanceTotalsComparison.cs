using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Reconciliation;

/// <summary>
/// Two runs of one school year under the same rules, compared by their figures without keeping their records: the rows
/// of <see cref="AttendanceComparison"/> (both figures, their exact and published differences, the days behind them,
/// and how many record differences are behind each row), from the two summaries and one pass over each side's records
/// in key order. What the comparison prints when no record-level explanation is asked for, with the memory of the
/// summaries, whatever the number of records.
/// </summary>
/// <remarks>
/// <para>
/// The figures come from the summaries (computed from partial sums, say, with
/// <see cref="AttendanceSummary.FromPartials"/>). The record differences are counted by walking both sides' records
/// together in key order (<see cref="ReportingPeriodAttendanceKey"/>'s order: district, campus, student, grade, track,
/// period; the order TEA extracts and <c>generate</c> write), each key once, as <see cref="AttendanceComparison"/>
/// matches them: a key on one side only, or whose records differ, is a record difference, behind the rows of its period
/// and the year for each population that counts it on either side. A move between rows is such a removal and addition,
/// so it is counted the same.
/// </para>
/// <para>
/// <see cref="AttendanceComparison"/> stays the reference: a property test shows that this comparison's rows are its
/// rows for every generated pair of runs. Records in any other order, a key given twice, records of another school year
/// than the rules', or two different rule sets need the records themselves (<see cref="Compare"/> returns
/// <see langword="null"/>): compare them with <see cref="AttendanceComparison"/>.
/// </para>
/// </remarks>
public sealed class AttendanceTotalsComparison
{
    private AttendanceTotalsComparison(
        AttendanceSummary before, AttendanceSummary after, IReadOnlyList<FigureDifference> figures, long recordDifferences, long recordsBefore, long recordsAfter)
    {
        BeforeSummary = before;
        AfterSummary = after;
        Figures = figures;
        RecordDifferenceCount = recordDifferences;
        RecordCountBefore = recordsBefore;
        RecordCountAfter = recordsAfter;
    }

    /// <summary>The figures before.</summary>
    public AttendanceSummary BeforeSummary { get; }

    /// <summary>The figures after.</summary>
    public AttendanceSummary AfterSummary { get; }

    /// <summary>
    /// Every row of either summary, as <see cref="AttendanceComparison.Figures"/> gives it; each row's
    /// <see cref="FigureDifference.Explanation"/> is empty (no record is kept) and its
    /// <see cref="FigureDifference.ExplainingRecordCount"/> counts the record differences behind it.
    /// </summary>
    public IReadOnlyList<FigureDifference> Figures { get; }

    /// <summary>The keys whose records differ (on one side only, or different): the count of <see cref="AttendanceComparison.RecordDifferences"/>.</summary>
    public long RecordDifferenceCount { get; }

    /// <summary>The records before.</summary>
    public long RecordCountBefore { get; }

    /// <summary>The records after.</summary>
    public long RecordCountAfter { get; }

    /// <summary>Whether anything differs: a record or a figure (the rules are the same).</summary>
    public bool HasDifferences => RecordDifferenceCount > 0 || Figures.Any(f => f.IsDifferent);

    /// <summary>
    /// Compares two runs from their summaries and their records, each side's records in ascending key order.
    /// </summary>
    /// <param name="before">The summary of the records before (grouped as the rows should be).</param>
    /// <param name="after">The summary of the records after, under the same rules and grouping.</param>
    /// <param name="recordsBefore">The records before, in ascending key order, each key once, read once.</param>
    /// <param name="recordsAfter">The records after, in the same order.</param>
    /// <returns>
    /// The comparison, or <see langword="null"/> when it needs the records themselves: the rules or groupings of the
    /// summaries differ, a record is not of the rules' school year, or a side's records are not in ascending key order
    /// (or give a key twice).
    /// </returns>
    public static AttendanceTotalsComparison? Compare(
        AttendanceSummary before,
        AttendanceSummary after,
        IEnumerable<BasicReportingPeriodAttendance> recordsBefore,
        IEnumerable<BasicReportingPeriodAttendance> recordsAfter)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(recordsBefore);
        ArgumentNullException.ThrowIfNull(recordsAfter);
        var rules = before.Rules;
        if (rules != after.Rules || before.GroupBy != after.GroupBy)
        {
            return null;
        }

        var populations = Populations.For(rules).ToHashSet();
        var counts = new Dictionary<(AttendanceGroupKey, Population, ReportingPeriod?), int>();
        long differences = 0;

        void Differ(BasicReportingPeriodAttendance? b, BasicReportingPeriodAttendance? a)
        {
            differences++;
            var record = b ?? a!;
            var period = record.ReportingPeriod;
            if (!period.IsRefinedAdaPeriod)
            {
                return;
            }

            // Every field of a group key is part of the record key: both sides' records are in the same rows.
            var group = AttendanceGroupKey.Of(record, before.GroupBy);
            var inYear = AttendanceComparison.CountsInYear(rules, period);
            foreach (var population in AttendanceComparison.AllPopulations)
            {
                if (!populations.Contains(population) || !((b is not null && population.Includes(b)) || (a is not null && population.Includes(a))))
                {
                    continue;
                }

                Count((group, population, period));
                if (inYear)
                {
                    Count((group, population, null));
                }
            }
        }

        void Count((AttendanceGroupKey, Population, ReportingPeriod?) row) =>
            counts[row] = counts.GetValueOrDefault(row) + 1;

        using var b = new Ordered(recordsBefore, rules.SchoolYear);
        using var a = new Ordered(recordsAfter, rules.SchoolYear);
        var hasBefore = b.MoveNext();
        var hasAfter = a.MoveNext();
        while (hasBefore || hasAfter)
        {
            var c = !hasBefore ? 1 : !hasAfter ? -1 : b.Current.Key.CompareTo(a.Current.Key);
            if (c < 0)
            {
                Differ(b.Current, null);
                hasBefore = b.MoveNext();
            }
            else if (c > 0)
            {
                Differ(null, a.Current);
                hasAfter = a.MoveNext();
            }
            else
            {
                if (!b.Current.Equals(a.Current))
                {
                    Differ(b.Current, a.Current);
                }

                hasBefore = b.MoveNext();
                hasAfter = a.MoveNext();
            }
        }

        if (b.OutOfOrder || a.OutOfOrder)
        {
            return null;
        }

        var figures = AttendanceComparison.FiguresOf(
            before,
            after,
            before.HistoricalRatios.Count > 0,
            after.HistoricalRatios.Count > 0,
            period: null,
            _ => [],
            row => counts.GetValueOrDefault(row));
        return new AttendanceTotalsComparison(before, after, figures, differences, b.Count, a.Count);
    }

    /// <summary>A side's records, checked to be of the year and in strictly ascending key order; it stops at the first that is not.</summary>
    private sealed class Ordered(IEnumerable<BasicReportingPeriodAttendance> records, SchoolYear year) : IDisposable
    {
        private readonly IEnumerator<BasicReportingPeriodAttendance> _records = records.GetEnumerator();

        public BasicReportingPeriodAttendance Current { get; private set; } = null!;

        public bool OutOfOrder { get; private set; }

        public long Count { get; private set; }

        public bool MoveNext()
        {
            if (OutOfOrder || !_records.MoveNext())
            {
                return false;
            }

            var next = _records.Current;
            if (next.SchoolYear != year || (Count > 0 && next.Key.CompareTo(Current.Key) <= 0))
            {
                OutOfOrder = true;
                return false;
            }

            Current = next;
            Count++;
            return true;
        }

        public void Dispose() => _records.Dispose();
    }
}
