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
        var part = new Part(default);
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
        var part = new Part(default);
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

    /// <summary>The rows of a summary of <paramref name="partials"/>, in the reference order.</summary>
    public static List<AttendanceFigure> Figures(
        AttendancePartials partials,
        AttendanceGrouping groupBy,
        int? maxDegreeOfParallelism,
        int throughPeriod,
        Func<AttendanceGroupKey, Population, AttendanceTotals[], IReadOnlyList<DistrictId>, Func<DistrictId, IReadOnlyList<Ratio>>, IEnumerable<AttendanceFigure>> figuresFromTotals)
    {
        var rules = partials.Rules;
        var populations = Populations.For(rules);
        var cells = partials.Cells;
        var groups = new Dictionary<AttendanceGroupKey, Group>();
        Part? part = null;
        var lastSection = (Campus: -1, Grade: -1, Track: -1);
        for (var c = 0; c < cells.Count; c++)
        {
            var period = cells.Period[c];
            if (period > throughPeriod || partials.All[c * AttendancePartials.AllWidth] == 0)
            {
                // Periods 7 to 9 are outside the refined ADA, periods after the last one reported are not yet counted;
                // a cell with no records (under a focus list) makes no group.
                continue;
            }

            var section = (Campus: cells.Campus[c], Grade: (int)cells.Grade[c], Track: (int)cells.Track[c]);
            if (part is null || section != lastSection)
            {
                var key = new AttendanceGroupKey(
                    groupBy.HasFlag(AttendanceGrouping.District) ? cells.DistrictOf(c) : null,
                    groupBy.HasFlag(AttendanceGrouping.Campus) ? cells.CampusOf(c) : null,
                    groupBy.HasFlag(AttendanceGrouping.GradeLevel) ? cells.GradeOf(c) : null,
                    groupBy.HasFlag(AttendanceGrouping.InstructionalTrack) ? cells.TrackOf(c) : null);
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Group(key);
                    groups.Add(key, group);
                }

                part = group.PartOf(cells.DistrictOf(c));
                lastSection = section;
            }

            foreach (var population in populations)
            {
                part.Add(partials, c, population, period);
            }
        }

        var ordered = groups.Values.OrderBy(g => g.Key).ToArray();
        var figures = new List<AttendanceFigure>[ordered.Length];
        var dop = maxDegreeOfParallelism ?? Environment.ProcessorCount;

        // The figures are exact rationals (big-integer arithmetic): a group's are independent of the others'.
        Parallel.For(0, ordered.Length, new ParallelOptions { MaxDegreeOfParallelism = dop }, g =>
        {
            var group = ordered[g];
            var list = new List<AttendanceFigure>(populations.Count * 7);
            foreach (var population in populations)
            {
                if (population != Population.All && !group.HasRecords(population))
                {
                    continue;
                }

                var periodTotals = group.PeriodTotals(population);
                IReadOnlyList<DistrictId> districts = rules.AppliesCovid19Adjustment ? group.DistrictsWith(population) : [];
                list.AddRange(figuresFromTotals(group.Key, population, periodTotals, districts, d => group.CountedPeriodAdas(d, population)));
            }

            figures[g] = list;
        });

        var result = new List<AttendanceFigure>(figures.Sum(f => f.Count));
        foreach (var f in figures)
        {
            result.AddRange(f);
        }

        return result;
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

    /// <summary>A group of a summary: its parts, one per district.</summary>
    private sealed class Group(AttendanceGroupKey key)
    {
        private readonly SortedDictionary<DistrictId, Part> _parts = [];
        private Part? _last;

        public AttendanceGroupKey Key { get; } = key;

        public Part PartOf(DistrictId district)
        {
            if (_last is not null && _last.District == district)
            {
                return _last;
            }

            if (!_parts.TryGetValue(district, out var part))
            {
                part = new Part(district);
                _parts.Add(district, part);
            }

            _last = part;
            return part;
        }

        public bool HasRecords(Population population) => _parts.Values.Any(p => p.HasRecords(population));

        public IReadOnlyList<DistrictId> DistrictsWith(Population population) =>
            _parts.Values.Where(p => p.HasRecords(population)).Select(p => p.District).ToList();

        public AttendanceTotals[] PeriodTotals(Population population)
        {
            if (_parts.Count == 1)
            {
                var only = _parts.Values.First();
                return ReportingPeriod.SixPeriods.Select(p => only.Totals(population, p.Number)).ToArray();
            }

            var merged = new Part(default);
            foreach (var part in _parts.Values)
            {
                merged.Add(part);
            }

            return ReportingPeriod.SixPeriods.Select(p => merged.Totals(population, p.Number)).ToArray();
        }

        public IReadOnlyList<Ratio> CountedPeriodAdas(DistrictId district, Population population) =>
            Covid19AdjustedRefinedAda.CountedPeriods.Select(p => _parts[district].Totals(population, p.Number).Ada).ToArray();
    }

    /// <summary>
    /// The sums of one district's cells of a group, per population and period: count, present, absent, and the
    /// eligible days by days taught (a short list: a group has few distinct days taught per period).
    /// </summary>
    private sealed class Part(DistrictId district)
    {
        private const int Slots = 4 * 10;
        private readonly long[] _count = new long[Slots];
        private readonly long[] _present = new long[Slots];
        private readonly long[] _absent = new long[Slots];
        private readonly List<(int DaysTaught, long Eligible)>?[] _eligible = new List<(int, long)>?[Slots];

        public DistrictId District { get; } = district;

        public bool HasRecords(Population population)
        {
            for (var period = 1; period <= 6; period++)
            {
                if (_count[Slot(population, period)] > 0)
                {
                    return true;
                }
            }

            return false;
        }

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

        public void Add(Part other)
        {
            for (var s = 0; s < Slots; s++)
            {
                _count[s] += other._count[s];
                _present[s] += other._present[s];
                _absent[s] += other._absent[s];
                if (other._eligible[s] is { } eligible)
                {
                    (_eligible[s] ??= []).AddRange(eligible);
                }
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
