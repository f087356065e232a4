using System.Collections;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// Rolls the fine cells of <see cref="AttendancePartials"/> up to the groups, populations and periods of a summary,
/// into the same <see cref="AttendanceTotals"/> the reference path builds from records.
/// </summary>
/// <remarks>
/// A group's totals are the sums of its cells: the same sums, added in another order, which integer addition does
/// not notice. Cells are sorted by campus, grade and track, so consecutive cells usually share a group and the
/// group is looked up once per run of cells, not once per cell.
/// </remarks>
internal static class ColumnarSummary
{
    /// <summary>The totals of every record of <paramref name="store"/> (all periods), as <see cref="AttendanceTotals.Of"/>.</summary>
    public static AttendanceTotals TotalsOf(AttendanceStore store, RuleSet rules)
    {
        var partials = store.AggregateCore(rules, null, null);
        var part = new Part();
        for (var c = 0; c < partials.CellCount; c++)
        {
            part.Add(partials, c, Population.All, 0);
        }

        return part.Totals(Population.All, 0);
    }

    /// <summary>The ADAs of periods 1 to 6 of every record of <paramref name="store"/>, as <see cref="RefinedAda.PeriodAdas"/>.</summary>
    public static IReadOnlyList<Ratio> PeriodAdas(AttendanceStore store, RuleSet rules) =>
        PeriodAdas(store.AggregateCore(rules, null, null), _ => true);

    /// <summary>The ADAs of periods 1 to 6 of the cells <paramref name="includeCell"/> accepts.</summary>
    public static Ratio[] PeriodAdas(AttendancePartials partials, Func<int, bool> includeCell)
    {
        var part = new Part();
        for (var c = 0; c < partials.CellCount; c++)
        {
            var period = partials.Cells.Period[c];
            if (period <= 6 && includeCell(c))
            {
                part.Add(partials, c, Population.All, period);
            }
        }

        return ReportingPeriod.SixPeriods.Select(p => part.Totals(Population.All, p.Number).Ada).ToArray();
    }

    /// <summary>
    /// The historical ratio of each district of a 2018-19 store, as <see cref="HistoricalRatio.ByDistrict"/> computes
    /// it from the records.
    /// </summary>
    public static IReadOnlyDictionary<DistrictId, Ratio> HistoricalRatios(AttendanceStore priorYearRecords)
    {
        var priorYear = new SchoolYear(2019);
        if (priorYearRecords.Count > 0 && priorYearRecords.SchoolYear != priorYear)
        {
            var stray = priorYearRecords.First();
            throw new ArgumentException(
                $"The historical ratio is computed from 2018-19 records; a record of {stray.SchoolYear.DisplayName} was given (student {stray.StudentId}, campus {stray.CampusId}).",
                nameof(priorYearRecords));
        }

        var partials = priorYearRecords.AggregateCore(RuleSet.For(priorYear), null, null);
        var result = new SortedDictionary<DistrictId, Ratio>();
        var cells = partials.Cells;
        var c = 0;
        while (c < cells.Count)
        {
            // A district's campuses are next to each other (cells are sorted by campus code).
            var district = cells.DistrictOf(c);
            var first = c;
            while (c < cells.Count && cells.DistrictOf(c) == district)
            {
                c++;
            }

            var last = c;
            var ratio = HistoricalRatio.Of(PeriodAdas(partials, cell => cell >= first && cell < last));
            if (ratio is { } value)
            {
                result.Add(district, value);
            }
        }

        return result;
    }

    /// <summary>
    /// The rows of a summary of <paramref name="partials"/>, in the reference order: the fine cells rolled up into flat
    /// arrays indexed by part (a group, and in 2019-20 one district's share of a group that spans districts), population
    /// and period, then each group's rows built from its sums, groups in parallel.
    /// </summary>
    /// <remarks>
    /// Two passes over the cells: the first adds the counts, days present and absent of each slot (part, population,
    /// period) and counts the slot's (days taught, eligible days) pairs, the second lays the pairs out slot by slot (a
    /// counting sort), so a slot's eligible days by days taught are one short run of two arrays. No dictionary is
    /// touched per cell: the group key is looked up once per run of cells of one campus (and grade and track, when the
    /// grouping has them). When each part's cells are one run (by campus, by district), the two passes over a part's
    /// run are made by the thread that makes its group's rows, just before them (<see cref="SummaryRollUp.Prepare"/>):
    /// the roll-up is then parallel too, and a part's sums are still in cache when its rows read them.
    /// </remarks>
    public static IReadOnlyList<AttendanceFigure> Figures(
        AttendancePartials partials,
        AttendanceGrouping groupBy,
        int? maxDegreeOfParallelism,
        FigureShaping shaping)
    {
        var rollUp = new SummaryRollUp(partials, groupBy, shaping.Through);
        try
        {
            var order = rollUp.GroupsInOrder();
            var dop = maxDegreeOfParallelism ?? Environment.ProcessorCount;

            // Groups in ranges, a builder each, so a thread takes a run of groups; the rows are kept as values.
            var ranges = Math.Max(1, Math.Min(order.Length, dop * 8));
            var builders = new CompactFigures.Builder[ranges];
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = dop }, r =>
            {
                var from = (int)((long)order.Length * r / ranges);
                var to = (int)((long)order.Length * (r + 1) / ranges);
                var rows = 0;
                for (var i = from; i < to; i++)
                {
                    // Periods 1 to N, then the year (or the year to date): N + 1 rows a population.
                    rollUp.Prepare(order[i]);
                    rows += rollUp.PopulationsWithRows(order[i]) * (shaping.Through + 1);
                }

                var builder = new CompactFigures.Builder(rollUp, shaping, rows);
                for (var i = from; i < to; i++)
                {
                    builder.AddRowsOf(order[i]);
                }

                builders[r] = builder;
            });

            return CompactFigures.Builder.Concat(builders);
        }
        finally
        {
            rollUp.Return();
        }
    }

    /// <summary>Whether a figure's group holds cell <paramref name="cell"/>.</summary>
    public static bool Contains(AttendanceGroupKey group, CellTable cells, int cell) =>
        (group.District is null || group.District == cells.DistrictOf(cell))
        && (group.Campus is null || group.Campus == cells.CampusOf(cell))
        && (group.GradeLevel is null || CellTable.GradeOrdinal(group.GradeLevel.Value) == cells.Grade[cell])
        && (group.InstructionalTrack is null || group.InstructionalTrack.Value.Number == cells.Track[cell]);

    /// <summary>Whether <paramref name="population"/> counts the record at <paramref name="position"/> of cell <paramref name="cell"/>.</summary>
    public static bool Includes(Population population, AttendanceStore store, int cell, int position) => population switch
    {
        Population.All => true,
        Population.K3EconomicallyDisadvantaged =>
            CellTable.IsK3Grade(store.Cells.Grade[cell]) && (store.Columns.Flags[position] & RecordBits.EconomicallyDisadvantaged) != 0,
        Population.K3EmergentBilingual =>
            CellTable.IsK3Grade(store.Cells.Grade[cell]) && (store.Columns.Flags[position] & RecordBits.EmergentBilingualFunded) != 0,
        Population.K3AllStudents => CellTable.IsK3Grade(store.Cells.Grade[cell]),
        _ => throw new ArgumentOutOfRangeException(nameof(population), population, "Unknown population."),
    };

    /// <summary>
    /// The sums of cells, per population and period: count, present, absent, and the eligible days by days taught (a
    /// short list: a period has few distinct days taught). What the calculators of a whole store add up.
    /// </summary>
    private sealed class Part
    {
        private const int Slots = 4 * 10;
        private readonly long[] _count = new long[Slots];
        private readonly long[] _present = new long[Slots];
        private readonly long[] _absent = new long[Slots];
        private readonly List<(int DaysTaught, long Eligible)>?[] _eligible = new List<(int, long)>?[Slots];

        public void Add(AttendancePartials partials, int cell, Population population, int period)
        {
            var sums = partials.SumsOf(cell, population);
            if (sums.Count == 0)
            {
                return;
            }

            var slot = Slot(population, period);
            _count[slot] += sums.Count;
            _present[slot] += sums.Present;
            _absent[slot] += sums.Absent;
            if (sums.Eligible > 0)
            {
                (_eligible[slot] ??= []).Add((partials.Cells.DaysTaught[cell], sums.Eligible));
            }
        }

        public AttendanceTotals Totals(Population population, int period)
        {
            var slot = Slot(population, period);
            var list = _eligible[slot];
            if (list is null)
            {
                return AttendanceTotals.FromSums([], [], _count[slot], DayCount.FromHalfDays(_present[slot]), DayCount.FromHalfDays(_absent[slot]));
            }

            // Cells come sorted by days taught within a campus, grade and track, not across them: sort, then add up runs.
            var pairs = CollectionsMarshalSpan(list);
            pairs.Sort(static (x, y) => x.DaysTaught.CompareTo(y.DaysTaught));
            var distinct = 1;
            for (var i = 1; i < pairs.Length; i++)
            {
                if (pairs[i].DaysTaught != pairs[i - 1].DaysTaught)
                {
                    distinct++;
                }
            }

            var daysTaught = new DayCount[distinct];
            var eligible = new DayCount[distinct];
            var k = -1;
            var last = -1;
            foreach (var (d, e) in pairs)
            {
                if (d != last)
                {
                    k++;
                    daysTaught[k] = DayCount.FromHalfDays(d);
                    last = d;
                }

                eligible[k] += DayCount.FromHalfDays(e);
            }

            return AttendanceTotals.FromSums(daysTaught, eligible, _count[slot], DayCount.FromHalfDays(_present[slot]), DayCount.FromHalfDays(_absent[slot]));
        }

        private static Span<(int DaysTaught, long Eligible)> CollectionsMarshalSpan(List<(int DaysTaught, long Eligible)> list) =>
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

        private static int Slot(Population population, int period) => ((int)population * 10) + period;
    }
}

/// <summary>A list built on first use: records of a store that a summary lists but that few callers read.</summary>
internal sealed class LazyList<T>(Func<List<T>> create) : IReadOnlyList<T>
{
    private readonly Lazy<List<T>> _list = new(create);

    public int Count => _list.Value.Count;

    public T this[int index] => _list.Value[index];

    public IEnumerator<T> GetEnumerator() => _list.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
