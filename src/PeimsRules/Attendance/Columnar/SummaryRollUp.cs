using System.Buffers;
using PeimsRules.Funding;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The fine cells of <see cref="AttendancePartials"/> rolled up to the parts of a summary's groups, in flat arrays: a
/// part is a group, or in 2019-20, when the grouping has neither district nor campus, one district's share of a group
/// (the COVID-19 adjustment applies each district's own historical ratio). A slot is a part, a population and a period.
/// </summary>
/// <remarks>
/// The sums of a slot are the sums of its cells, added in cell order; its eligible days by days taught are laid out
/// slot after slot by a counting sort, then sorted by days taught within the slot (a handful of values) and added up
/// per value, which is what <see cref="AttendanceTotals.Of"/> keeps. Integer sums do not depend on the order of
/// addition, so the totals are the reference path's. The large arrays come from the shared array pool and go back
/// to it in <see cref="Return"/>.
/// </remarks>
internal sealed class SummaryRollUp
{
    private const int Periods = 6;

    private readonly AttendanceGroupKey[] _groupKeys;
    private readonly int[] _partStart; // per group, its parts are _parts[_partStart[g] .. _partStart[g + 1])
    private readonly int[] _parts;     // parts, by group, in district order
    private readonly DistrictId[] _partDistrict;
    private readonly int _pops;
    private readonly bool _covid;
    private readonly long[] _count;
    private readonly long[] _present;
    private readonly long[] _absent;
    private readonly int[] _entryStart; // per slot, its (days taught, eligible) pairs are [_entryStart[s] .. _entryEnd[s])
    private readonly int[] _entryEnd;
    private readonly int[] _entryDays;
    private readonly long[] _entryEligible;
    private readonly int _slots;
    private readonly AttendancePartials _partials;
    private readonly Population[] _populations;
    private readonly int[] _partOfCell;

    // Every population after all students is a K-3 one (the HB 3 rows): a cell of another grade has records in the first alone.
    private readonly bool _othersAreK3;

    // When every part's counted cells are one run of cells (a grouping by campus: cells are sorted by campus), a part's
    // slots are summed from its run when its group's rows are made (Prepare), on the thread that makes them, with room
    // for its pairs from the run's first cell × populations on; otherwise every slot is summed here, in one pass.
    private readonly int[]? _partFirstCell;
    private readonly int[]? _partEndCell;

    /// <summary>Rolls <paramref name="partials"/> up to the parts of <paramref name="groupBy"/>'s groups, periods 1 to <paramref name="throughPeriod"/>.</summary>
    /// <param name="partials">The fine cells' sums.</param>
    /// <param name="groupBy">The grouping.</param>
    /// <param name="throughPeriod">The last period counted.</param>
    /// <param name="partByPart">Whether parts whose cells are runs are summed part by part (<see cref="Prepare"/>); tests compare both ways.</param>
    public SummaryRollUp(AttendancePartials partials, AttendanceGrouping groupBy, int throughPeriod, bool partByPart = true)
    {
        var rules = partials.Rules;
        Populations = PeimsRules.Attendance.Populations.For(rules);
        _pops = Populations.Count;
        _covid = rules.AppliesCovid19Adjustment;
        var cells = partials.Cells;
        var byDistrict = groupBy.HasFlag(AttendanceGrouping.District);
        var byCampus = groupBy.HasFlag(AttendanceGrouping.Campus);
        var byGrade = groupBy.HasFlag(AttendanceGrouping.GradeLevel);
        var byTrack = groupBy.HasFlag(AttendanceGrouping.InstructionalTrack);

        // A part per district is needed only when the COVID-19 adjustment applies and a group can span districts.
        var partsByDistrict = _covid && !byDistrict && !byCampus;

        // 1. Each cell's part (-1: not counted).
        var partOfCell = ArrayPool<int>.Shared.Rent(Math.Max(1, cells.Count));
        var groupIndex = new Dictionary<AttendanceGroupKey, int>();
        var groupKeys = new List<AttendanceGroupKey>();
        var partGroup = new List<int>();
        var partDistrict = new List<DistrictId>();
        var partIndex = partsByDistrict ? new Dictionary<(int Group, DistrictId District), int>() : null;
        var all = partials.All;
        int lastCampus = -1, lastGrade = -1, lastTrack = -1, part = -1, lastPart = -1;
        var runs = true;
        var partFirstCell = new List<int>();
        var partEndCell = new List<int>();
        for (var c = 0; c < cells.Count; c++)
        {
            if (cells.Period[c] > throughPeriod || all[c * AttendancePartials.AllWidth] == 0)
            {
                // Periods 7 to 9 are outside the refined ADA, periods after the last one reported are not yet counted;
                // a cell with no records (under a focus list) makes no group.
                partOfCell[c] = -1;
                continue;
            }

            int campus = cells.Campus[c], grade = cells.Grade[c], track = cells.Track[c];
            if (part < 0 || campus != lastCampus || (byGrade && grade != lastGrade) || (byTrack && track != lastTrack))
            {
                var district = cells.DistrictOf(c);
                var key = new AttendanceGroupKey(
                    byDistrict ? district : null,
                    byCampus ? cells.CampusOf(c) : null,
                    byGrade ? cells.GradeOf(c) : null,
                    byTrack ? cells.TrackOf(c) : null);
                if (!groupIndex.TryGetValue(key, out var group))
                {
                    group = groupKeys.Count;
                    groupKeys.Add(key);
                    groupIndex.Add(key, group);
                    if (partIndex is null)
                    {
                        partGroup.Add(group);
                        partDistrict.Add(district);
                    }
                }

                if (partIndex is null)
                {
                    part = group;
                }
                else if (!partIndex.TryGetValue((group, district), out part))
                {
                    part = partGroup.Count;
                    partGroup.Add(group);
                    partDistrict.Add(district);
                    partIndex.Add((group, district), part);
                }

                lastCampus = campus;
                lastGrade = grade;
                lastTrack = track;
            }

            if (part != lastPart)
            {
                // A part seen before, after another: its cells are not one run.
                runs &= part == partFirstCell.Count;
                if (runs)
                {
                    partFirstCell.Add(c);
                    partEndCell.Add(c);
                }

                lastPart = part;
            }

            if (runs)
            {
                partEndCell[part] = c + 1;
            }

            partOfCell[c] = part;
        }

        _groupKeys = [.. groupKeys];
        _partDistrict = [.. partDistrict];
        (_partStart, _parts) = PartsByGroup(partGroup, _partDistrict, _groupKeys.Length);

        _partials = partials;
        _partOfCell = partOfCell;
        _populations = [.. Populations];
        _othersAreK3 = _populations[0] == Population.All
            && _populations.Skip(1).All(p => p is Population.K3EconomicallyDisadvantaged or Population.K3EmergentBilingual or Population.K3AllStudents);

        // 2. The sums of each slot, then its (days taught, eligible) pairs laid out slot by slot (a counting sort).
        _slots = partGroup.Count * _pops * Periods;
        _count = ArrayPool<long>.Shared.Rent(Math.Max(1, _slots));
        _present = ArrayPool<long>.Shared.Rent(Math.Max(1, _slots));
        _absent = ArrayPool<long>.Shared.Rent(Math.Max(1, _slots));
        _entryStart = ArrayPool<int>.Shared.Rent(Math.Max(1, _slots));
        _entryEnd = ArrayPool<int>.Shared.Rent(Math.Max(1, _slots));
        if (runs && partByPart)
        {
            _partFirstCell = [.. partFirstCell];
            _partEndCell = [.. partEndCell];

            // A cell has at most one pair a population.
            var room = Math.Max(1, cells.Count * _pops);
            _entryDays = ArrayPool<int>.Shared.Rent(room);
            _entryEligible = ArrayPool<long>.Shared.Rent(room);
            return;
        }

        var entries = CountSlots(0, cells.Count, 0, _slots, 0);
        _entryDays = ArrayPool<int>.Shared.Rent(Math.Max(1, entries));
        _entryEligible = ArrayPool<long>.Shared.Rent(Math.Max(1, entries));
        LayOutPairs(0, cells.Count);
    }

    /// <summary>The populations of the rows, in order.</summary>
    public IReadOnlyList<Population> Populations { get; }

    /// <summary>The groups, in the reference order (by key).</summary>
    public int[] GroupsInOrder()
    {
        var order = new int[_groupKeys.Length];
        for (var g = 0; g < order.Length; g++)
        {
            order[g] = g;
        }

        var sorted = true;
        for (var g = 1; g < _groupKeys.Length && sorted; g++)
        {
            sorted = _groupKeys[g - 1].CompareTo(_groupKeys[g]) < 0;
        }

        if (!sorted)
        {
            var keys = (AttendanceGroupKey[])_groupKeys.Clone();
            Array.Sort(keys, order);
        }

        return order;
    }

    /// <summary>The groups' keys, by group index.</summary>
    public AttendanceGroupKey[] GroupKeys => _groupKeys;

    /// <summary>Whether the 2019-20 COVID-19 adjustment applies (a group's parts are then its districts' shares).</summary>
    public bool AppliesCovid19Adjustment => _covid;

    /// <summary>The parts of group <paramref name="group"/>, in district order.</summary>
    public ReadOnlySpan<int> PartsOf(int group) => _parts.AsSpan(_partStart[group], _partStart[group + 1] - _partStart[group]);

    /// <summary>The district of part <paramref name="part"/>.</summary>
    public DistrictId DistrictOf(int part) => _partDistrict[part];

    /// <summary>How many populations of group <paramref name="group"/> have rows (all students always).</summary>
    public int PopulationsWithRows(int group)
    {
        var parts = _parts.AsSpan(_partStart[group], _partStart[group + 1] - _partStart[group]);
        var n = 0;
        for (var k = 0; k < _pops; k++)
        {
            if (Populations[k] == Population.All || HasRecords(parts, k))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Gives the pooled arrays back.</summary>
    public void Return()
    {
        ArrayPool<long>.Shared.Return(_count);
        ArrayPool<long>.Shared.Return(_present);
        ArrayPool<long>.Shared.Return(_absent);
        ArrayPool<int>.Shared.Return(_entryStart);
        ArrayPool<int>.Shared.Return(_entryEnd);
        ArrayPool<int>.Shared.Return(_partOfCell);
        ArrayPool<int>.Shared.Return(_entryDays);
        ArrayPool<long>.Shared.Return(_entryEligible);
    }

    /// <summary>Whether each part's slots are summed from its own run of cells when its group is prepared.</summary>
    public bool SumsPartsFromRuns => _partFirstCell is not null;

    /// <summary>
    /// Sums the slots of group <paramref name="group"/>'s parts, when they are summed part by part (a no-op otherwise):
    /// called once a group, before its rows, on the thread that makes them; groups on other threads touch other slots
    /// and other pairs.
    /// </summary>
    public void Prepare(int group)
    {
        if (_partFirstCell is null || _partEndCell is null)
        {
            return;
        }

        foreach (var p in PartsOf(group))
        {
            int first = _partFirstCell[p], end = _partEndCell[p];
            CountSlots(first, end, p * _pops * Periods, _pops * Periods, first * _pops);
            LayOutPairs(first, end);
        }
    }

    /// <summary>
    /// Sums the cells <paramref name="fromCell"/> to <paramref name="toCell"/> into the slots <paramref name="firstSlot"/>
    /// on (which they alone fill), and places each slot's run of pairs, from <paramref name="entryStart"/> on; returns
    /// the end of the runs.
    /// </summary>
    private int CountSlots(int fromCell, int toCell, int firstSlot, int slotCount, int entryStart)
    {
        Array.Clear(_count, firstSlot, slotCount);
        Array.Clear(_present, firstSlot, slotCount);
        Array.Clear(_absent, firstSlot, slotCount);
        Array.Clear(_entryEnd, firstSlot, slotCount);
        var cells = _partials.Cells;
        for (var c = fromCell; c < toCell; c++)
        {
            var p = _partOfCell[c];
            if (p < 0)
            {
                continue;
            }

            var periodSlot = cells.Period[c] - 1;
            var populations = PopulationsOf(cells, c);
            for (var k = 0; k < populations; k++)
            {
                var sums = _partials.SumsOf(c, _populations[k]);
                if (sums.Count == 0)
                {
                    continue;
                }

                var slot = (((p * _pops) + k) * Periods) + periodSlot;
                _count[slot] += sums.Count;
                _present[slot] += sums.Present;
                _absent[slot] += sums.Absent;
                if (sums.Eligible > 0)
                {
                    // Counted here; the slot's run starts where the previous slot's ends.
                    _entryEnd[slot]++;
                }
            }
        }

        var at = entryStart;
        for (var s = firstSlot; s < firstSlot + slotCount; s++)
        {
            _entryStart[s] = at;
            at += _entryEnd[s];
            _entryEnd[s] = _entryStart[s];
        }

        return at;
    }

    /// <summary>How many of the populations, from the first, can have records in cell <paramref name="cell"/>.</summary>
    private int PopulationsOf(CellTable cells, int cell) => _othersAreK3 && cells.K3Rank[cell] < 0 ? 1 : _pops;

    /// <summary>The pairs of the cells <paramref name="fromCell"/> to <paramref name="toCell"/>, each at the end of its slot's run, in cell order.</summary>
    private void LayOutPairs(int fromCell, int toCell)
    {
        var cells = _partials.Cells;
        for (var c = fromCell; c < toCell; c++)
        {
            var p = _partOfCell[c];
            if (p < 0)
            {
                continue;
            }

            var periodSlot = cells.Period[c] - 1;
            var populations = PopulationsOf(cells, c);
            for (var k = 0; k < populations; k++)
            {
                var sums = _partials.SumsOf(c, _populations[k]);
                if (sums.Count > 0 && sums.Eligible > 0)
                {
                    var at = _entryEnd[(((p * _pops) + k) * Periods) + periodSlot]++;
                    _entryDays[at] = cells.DaysTaught[c];
                    _entryEligible[at] = sums.Eligible;
                }
            }
        }
    }

    /// <summary>Each group's parts, the parts of a group in district order (the order of the 2019-20 year row's sum).</summary>
    private static (int[] Start, int[] Parts) PartsByGroup(List<int> partGroup, DistrictId[] partDistrict, int groups)
    {
        var start = new int[groups + 1];
        foreach (var g in partGroup)
        {
            start[g + 1]++;
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var parts = new int[partGroup.Count];
        var next = (int[])start.Clone();
        for (var p = 0; p < partGroup.Count; p++)
        {
            parts[next[partGroup[p]]++] = p;
        }

        for (var g = 0; g < groups; g++)
        {
            if (start[g + 1] - start[g] > 1)
            {
                Array.Sort(parts, start[g], start[g + 1] - start[g], Comparer<int>.Create((x, y) => partDistrict[x].CompareTo(partDistrict[y])));
            }
        }

        return (start, parts);
    }

    /// <summary>Whether population <paramref name="population"/> has records in <paramref name="parts"/>, in any period.</summary>
    public bool HasRecords(ReadOnlySpan<int> parts, int population)
    {
        foreach (var p in parts)
        {
            var first = ((p * _pops) + population) * Periods;
            for (var s = first; s < first + Periods; s++)
            {
                if (_count[s] > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The sums of one population and period over <paramref name="parts"/>: the count, days present and absent, and the
    /// eligible days by days taught appended to <paramref name="pairs"/> (sorted by days taught, one entry a value, as
    /// <see cref="AttendanceTotals.Of"/> keeps them), with their ADA by <see cref="Ratio.SumOfQuotients"/>.
    /// </summary>
    public PeriodSums Sum(ReadOnlySpan<int> parts, int population, int period, PairBuffer pairs)
    {
        long count = 0, present = 0, absent = 0;
        var entries = 0;
        foreach (var p in parts)
        {
            var slot = (((p * _pops) + population) * Periods) + period;
            count += _count[slot];
            present += _present[slot];
            absent += _absent[slot];
            entries += _entryEnd[slot] - _entryStart[slot];
        }

        var start = pairs.Count;
        var distinct = 0;
        if (entries > 0)
        {
            // The entries, added up by days taught into a sorted run of the distinct values (a few, often one): each
            // entry finds its value by binary search, and a new value is inserted in place.
            pairs.EnsureRoom(entries);
            var days = pairs.DaysTaught.AsSpan(start, entries);
            var eligible = pairs.Eligible.AsSpan(start, entries);
            foreach (var p in parts)
            {
                var slot = (((p * _pops) + population) * Periods) + period;
                for (var e = _entryStart[slot]; e < _entryEnd[slot]; e++)
                {
                    var d = DayCount.FromHalfDays(_entryDays[e]);
                    var at = distinct > 0 && days[distinct - 1] == d ? distinct - 1 : days[..distinct].BinarySearch(d);
                    if (at >= 0)
                    {
                        eligible[at] += DayCount.FromHalfDays(_entryEligible[e]);
                        continue;
                    }

                    at = ~at;
                    days[at..distinct].CopyTo(days[(at + 1)..]);
                    eligible[at..distinct].CopyTo(eligible[(at + 1)..]);
                    days[at] = d;
                    eligible[at] = DayCount.FromHalfDays(_entryEligible[e]);
                    distinct++;
                }
            }

            pairs.Count = start + distinct;
        }

        return new PeriodSums(count, DayCount.FromHalfDays(present), DayCount.FromHalfDays(absent), start, distinct, pairs.AdaOf(start, distinct));
    }
}

/// <summary>The sums of one population and period of a group, its pairs a run of a <see cref="PairBuffer"/>.</summary>
/// <param name="RecordCount">The records summed.</param>
/// <param name="DaysPresent">The days present counted toward PIA.</param>
/// <param name="DaysAbsent">The days absent.</param>
/// <param name="PairOffset">Where its eligible days by days taught start in the buffer.</param>
/// <param name="PairCount">How many days-taught values it has.</param>
/// <param name="Ada">Its ADA: Σ eligible days ÷ days taught.</param>
internal readonly record struct PeriodSums(long RecordCount, DayCount DaysPresent, DayCount DaysAbsent, int PairOffset, int PairCount, Ratio Ada);

/// <summary>
/// Eligible days by days taught of many totals, run after run, in two growing parallel arrays: the totals of a
/// columnar summary's rows share them (<see cref="AttendanceTotals"/> reads its run as array segments).
/// </summary>
internal sealed class PairBuffer(int capacity)
{
    public DayCount[] DaysTaught { get; private set; } = new DayCount[Math.Max(4, capacity)];

    public DayCount[] Eligible { get; private set; } = new DayCount[Math.Max(4, capacity)];

    /// <summary>The pairs in use; what follows is free.</summary>
    public int Count { get; set; }

    /// <summary>Makes room for <paramref name="more"/> pairs after <see cref="Count"/> (the arrays may be replaced).</summary>
    public void EnsureRoom(int more)
    {
        if (Count + more <= DaysTaught.Length)
        {
            return;
        }

        var size = Math.Max(DaysTaught.Length * 2, Count + more);
        var daysTaught = DaysTaught;
        var eligible = Eligible;
        Array.Resize(ref daysTaught, size);
        Array.Resize(ref eligible, size);
        DaysTaught = daysTaught;
        Eligible = eligible;
    }

    /// <summary>The ADA of a run: Σ eligible ÷ days taught (a DayCount is its half days, one long).</summary>
    public Ratio AdaOf(int offset, int length) => Ratio.SumOfQuotients(
        System.Runtime.InteropServices.MemoryMarshal.Cast<DayCount, long>(Eligible.AsSpan(offset, length)),
        System.Runtime.InteropServices.MemoryMarshal.Cast<DayCount, long>(DaysTaught.AsSpan(offset, length)));

    /// <summary>
    /// Appends the merge of the runs of <paramref name="sums"/> (the eligible days of a days-taught value several have
    /// are added), as <see cref="AttendanceTotals.MergeAll"/> merges totals, and returns their summed totals.
    /// </summary>
    public PeriodSums Merge(ReadOnlySpan<PeriodSums> sums)
    {
        long count = 0;
        var present = DayCount.Zero;
        var absent = DayCount.Zero;
        var entries = 0;
        foreach (var s in sums)
        {
            count += s.RecordCount;
            present += s.DaysPresent;
            absent += s.DaysAbsent;
            entries += s.PairCount;
        }

        EnsureRoom(entries);
        var start = Count;
        var days = DaysTaught.AsSpan(start, entries);
        var eligible = Eligible.AsSpan(start, entries);
        var distinct = 0;
        foreach (var s in sums)
        {
            for (var e = s.PairOffset; e < s.PairOffset + s.PairCount; e++)
            {
                var d = DaysTaught[e];
                var at = days[..distinct].BinarySearch(d);
                if (at >= 0)
                {
                    eligible[at] += Eligible[e];
                    continue;
                }

                at = ~at;
                days[at..distinct].CopyTo(days[(at + 1)..]);
                eligible[at..distinct].CopyTo(eligible[(at + 1)..]);
                days[at] = d;
                eligible[at] = Eligible[e];
                distinct++;
            }
        }

        Count = start + distinct;

        // The year's ADA is not a figure of its row (that is the refined ADA); AttendanceTotals computes it when asked.
        return new PeriodSums(count, present, absent, start, distinct, default);
    }
}
