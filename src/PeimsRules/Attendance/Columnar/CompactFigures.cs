using System.Collections;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The rows of a columnar summary kept as values, one plain struct a row (its exact values in arrays beside it), with
/// the eligible days by days taught of every row's totals in one shared pair of buffers; each
/// <see cref="AttendanceFigure"/> is made when it is read. A
/// statewide summary by campus has over a hundred thousand rows: as objects they would be millions of small objects
/// that live as long as the summary, which the garbage collector would copy from generation to generation.
/// </summary>
/// <remarks>
/// Reading a row twice gives two equal figures (records compare by value), not the same object. The values are the
/// ones the shaping of the rows computed: nothing is recomputed or rounded again when a row is read.
/// </remarks>
internal sealed class CompactFigures : IReadOnlyList<AttendanceFigure>
{
    // The rows in chunks, one a builder (a thread's run of groups), never copied into one array.
    private readonly Builder[] _chunks;
    private readonly int[] _chunkStart;

    private CompactFigures(Builder[] chunks)
    {
        _chunks = chunks;
        _chunkStart = new int[chunks.Length + 1];
        for (var i = 0; i < chunks.Length; i++)
        {
            _chunkStart[i + 1] = _chunkStart[i] + chunks[i].Count;
        }
    }

    public int Count => _chunkStart[^1];

    public AttendanceFigure this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var chunk = Array.BinarySearch(_chunkStart, index);
            if (chunk < 0)
            {
                chunk = ~chunk - 1;
            }

            while (_chunks[chunk].Count == 0 || index >= _chunkStart[chunk + 1])
            {
                // Empty chunks share their start with the next one.
                chunk++;
            }

            return _chunks[chunk].Figure(index - _chunkStart[chunk]);
        }
    }

    public IEnumerator<AttendanceFigure> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                yield return chunk.Figure(i);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Makes rows as values, group after group: one builder per thread's run of groups, then <see cref="Concat"/> in
    /// order. The rows are the reference's (<see cref="AttendanceSummary"/> shapes the same sums the same way: period
    /// rows, then the year or the year to date; the ADA figures by <see cref="RefinedAdaRows.AdaValues"/>), made
    /// without an object a row: the sums stay in flat arrays and each <see cref="AttendanceFigure"/> is made when read.
    /// </summary>
    internal sealed class Builder
    {
        private const int Periods = 6;
        private static readonly IReadOnlyList<DistrictId> NoDistricts = [];

        private readonly AttendanceGroupKey[] _groupKeys;
        private readonly FigureShaping _shaping;
        private SummaryRollUp? _rollUp; // while rows are added
        private readonly PairBuffer _pairs;

        // A row is plain values (no references, so filling and scanning the array is plain memory); the exact values
        // sit beside it, and the few reasons and historical ratios by row index.
        private readonly Row[] _rows;
        private readonly Ratio[] _adaExact;
        private readonly Ratio[] _piaExact;
        private Dictionary<int, string>? _adaReasons;
        private Dictionary<int, string>? _piaReasons;
        private Dictionary<int, Ratio>? _historicalRatios;
        private readonly Func<int, AttendanceTotals> _totalsOf;
        private int _count;

        // Scratch of one group and population, reused.
        private readonly PeriodSums[] _sums = new PeriodSums[Periods];
        private readonly Ratio[] _adas = new Ratio[Periods];
        private readonly FigureValue[] _adaFigures = new FigureValue[Periods];

        public Builder(SummaryRollUp rollUp, FigureShaping shaping, int rowCapacity)
        {
            _rollUp = rollUp;
            _groupKeys = rollUp.GroupKeys;
            _shaping = shaping;
            _rows = new Row[rowCapacity];
            _adaExact = new Ratio[rowCapacity];
            _piaExact = new Ratio[rowCapacity];
            _pairs = new PairBuffer(rowCapacity * 2);
            _totalsOf = TotalsOf;
        }

        public int Count => _count;

        /// <summary>The rows of every builder, in order (the roll-up is no longer needed: its arrays go back to the pool).</summary>
        public static CompactFigures Concat(Builder[] builders)
        {
            foreach (var builder in builders)
            {
                builder._rollUp = null;
            }

            return new(builders);
        }

        /// <summary>
        /// The rows of group <paramref name="group"/>: for every population with records (all students always), the
        /// period rows 1 to N, then the year row (or, through a period N below 6, the year-to-date row).
        /// </summary>
        public void AddRowsOf(int group)
        {
            var rollUp = _rollUp ?? throw new InvalidOperationException("The rows are complete.");
            var rules = _shaping.Rules;
            var through = _shaping.Through;
            var key = rollUp.GroupKeys[group];
            var parts = rollUp.PartsOf(group);
            for (var k = 0; k < rollUp.Populations.Count; k++)
            {
                var population = rollUp.Populations[k];
                if (population != Population.All && !rollUp.HasRecords(parts, k))
                {
                    continue;
                }

                for (var period = 0; period < Periods; period++)
                {
                    _sums[period] = rollUp.Sum(parts, k, period, _pairs);
                    _adas[period] = _sums[period].Ada;
                }

                var districts = NoDistricts;
                Func<DistrictId, IReadOnlyList<Ratio>> countedPeriodAdasOf = NotCovid;
                if (rollUp.AppliesCovid19Adjustment)
                {
                    (districts, countedPeriodAdasOf) = DistrictShares(rollUp, parts, k);
                }

                var (year, shownRatio) = RefinedAdaRows.AdaValues(
                    _adas, districts, countedPeriodAdasOf, rules, _shaping.Ratios, _shaping.PriorYearGiven, population == Population.All ? key.District : null, _adaFigures);
                for (var i = 0; i < through; i++)
                {
                    AddRow(group, population, i + 1, _adaFigures[i], _sums[i], periodAda: true, null, 0);
                }

                if (through < Periods)
                {
                    // The year to date: the mean of the ADAs of the periods reported (in 2019-20 only 1 to 4 count).
                    var counted = rules.AppliesCovid19Adjustment ? Math.Min(through, Covid19AdjustedRefinedAda.CountedPeriods.Count) : through;
                    var toDate = _pairs.Merge(_sums.AsSpan(0, counted));
                    var ada = FigureValue.Computed(RefinedAda.MeanOf(_adas.AsSpan(0, counted)), rules.Rounding);
                    AddRow(group, population, 0, ada, toDate, periodAda: false, null, through);
                    continue;
                }

                // The periods that count in the year: 1 to 6, in 2019-20 1 to 4.
                var inYear = rules.AppliesCovid19Adjustment ? Covid19AdjustedRefinedAda.CountedPeriods.Count : Periods;
                AddRow(group, population, 0, year, _pairs.Merge(_sums.AsSpan(0, inYear)), periodAda: false, shownRatio, 0);
            }
        }

        public AttendanceFigure Figure(int index)
        {
            ref readonly var row = ref _rows[index];
            return new AttendanceFigure(
                _groupKeys[row.Group],
                (Population)row.Population,
                row.Period == 0 ? null : ReportingPeriod.SixPeriods[row.Period - 1],
                FigureOf(row.AdaStatus, row.Flags, RowFlags.AdaExact, _adaExact[index], row.AdaPublished, _adaReasons, index),
                FigureOf(row.PiaStatus, row.Flags, RowFlags.PiaExact, _piaExact[index], row.PiaPublished, _piaReasons, index),
                _historicalRatios is not null && _historicalRatios.TryGetValue(index, out var ratio) ? ratio : null,
                _totalsOf,
                index)
            {
                ThroughPeriod = row.ThroughPeriod == 0 ? null : ReportingPeriod.SixPeriods[row.ThroughPeriod - 1],
            };
        }

        /// <summary>The totals of row <paramref name="index"/>, made when a caller reads them.</summary>
        private AttendanceTotals TotalsOf(int index)
        {
            ref readonly var row = ref _rows[index];
            return AttendanceTotals.FromShared(
                _pairs.DaysTaught, _pairs.Eligible, row.PairOffset, row.PairCount, row.RecordCount, row.DaysPresent, row.DaysAbsent,
                (row.Flags & (RowFlags.PeriodAda | RowFlags.AdaExact)) == (RowFlags.PeriodAda | RowFlags.AdaExact) ? _adaExact[index] : null);
        }

        private static Figure FigureOf(FigureStatus status, RowFlags flags, RowFlags hasExact, Ratio exact, decimal published, Dictionary<int, string>? reasons, int index) =>
            PeimsRules.Figure.FromParts(
                status,
                (flags & hasExact) != 0 ? exact : null,
                status == FigureStatus.Computed ? published : null,
                status == FigureStatus.Computed ? null : reasons![index]);

        private static IReadOnlyList<Ratio> NotCovid(DistrictId district) =>
            throw new InvalidOperationException($"District {district}'s share of a group is kept only for the 2019-20 COVID-19 adjustment.");

        /// <summary>The districts of a 2019-20 group's records, in order, and the ADAs of periods 1 to 4 of each one's share.</summary>
        private (IReadOnlyList<DistrictId> Districts, Func<DistrictId, IReadOnlyList<Ratio>> CountedPeriodAdasOf) DistrictShares(
            SummaryRollUp rollUp, ReadOnlySpan<int> parts, int population)
        {
            var withRecords = new List<int>(parts.Length);
            foreach (var p in parts)
            {
                if (rollUp.HasRecords([p], population))
                {
                    withRecords.Add(p);
                }
            }

            var districts = withRecords.ConvertAll(rollUp.DistrictOf);
            var pairs = _pairs;
            return (districts, district =>
            {
                var part = withRecords[districts.IndexOf(district)];
                var adas = new Ratio[Covid19AdjustedRefinedAda.CountedPeriods.Count];
                var mark = pairs.Count;
                for (var i = 0; i < adas.Length; i++)
                {
                    adas[i] = rollUp.Sum([part], population, Covid19AdjustedRefinedAda.CountedPeriods[i].Number - 1, pairs).Ada;
                }

                // The share's pairs are not a row's: give the room back.
                pairs.Count = mark;
                return adas;
            });
        }

        private void AddRow(int group, Population population, int period, in FigureValue ada, in PeriodSums sums, bool periodAda, Ratio? historicalRatio, int throughPeriod)
        {
            // An excluded 2019-20 period's PIA is excluded with it (its value kept for reference).
            var percent = AttendanceTotals.PercentInAttendanceOf(sums.DaysPresent, sums.DaysAbsent);
            var pia = ada.Status == FigureStatus.ExcludedCovid19 ? FigureValue.Excluded(percent, RefinedAdaRows.ExcludedReason)
                : percent is { } value ? FigureValue.Computed(value, _shaping.Rules.Rounding)
                : FigureValue.NotComputable(AttendanceSummary.NoDaysInMembership);
            var index = _count++;
            ref var row = ref _rows[index];
            row.Group = group;
            row.Population = (byte)population;
            row.Period = (byte)period;
            row.ThroughPeriod = (byte)throughPeriod;
            row.Flags = (periodAda ? RowFlags.PeriodAda : 0) | (ada.Exact is null ? 0 : RowFlags.AdaExact) | (pia.Exact is null ? 0 : RowFlags.PiaExact);
            row.AdaStatus = ada.Status;
            row.PiaStatus = pia.Status;
            row.AdaPublished = ada.Published ?? 0m;
            row.PiaPublished = pia.Published ?? 0m;
            row.RecordCount = sums.RecordCount;
            row.DaysPresent = sums.DaysPresent;
            row.DaysAbsent = sums.DaysAbsent;
            row.PairOffset = sums.PairOffset;
            row.PairCount = sums.PairCount;
            _adaExact[index] = ada.Exact ?? default;
            _piaExact[index] = pia.Exact ?? default;
            if (ada.Status != FigureStatus.Computed)
            {
                (_adaReasons ??= []).Add(index, ada.Reason!);
            }

            if (pia.Status != FigureStatus.Computed)
            {
                (_piaReasons ??= []).Add(index, pia.Reason!);
            }

            if (historicalRatio is { } ratio)
            {
                (_historicalRatios ??= []).Add(index, ratio);
            }
        }
    }

    /// <summary>
    /// One row. A period row's totals have the period ADA, which is the exact value of its ADA figure (computed or
    /// excluded); a year or year-to-date row's totals compute theirs when asked, as the reference's merged totals do.
    /// </summary>
    private struct Row
    {
        public int Group;
        public byte Population;
        public byte Period;        // 1 to 6; 0 for the year or the year to date
        public byte ThroughPeriod; // the last period of a year-to-date row; 0 otherwise
        public RowFlags Flags;
        public FigureStatus AdaStatus;
        public FigureStatus PiaStatus;
        public int PairOffset;
        public int PairCount;
        public long RecordCount;
        public DayCount DaysPresent;
        public DayCount DaysAbsent;
        public decimal AdaPublished; // when computed
        public decimal PiaPublished;
    }

    [Flags]
    private enum RowFlags : byte
    {
        PeriodAda = 1, // the totals' ADA is the ADA figure's exact value
        AdaExact = 2,
        PiaExact = 4,
    }
}

/// <summary>What shapes a summary's rows beside the sums: the rules, the 2019-20 historical ratios, and the last period reported.</summary>
/// <param name="Rules">The rules.</param>
/// <param name="Ratios">The historical ratios by district.</param>
/// <param name="PriorYearGiven">Whether prior-year records were given.</param>
/// <param name="Through">The last period reported, 1 to 6.</param>
internal sealed record FigureShaping(RuleSet Rules, IReadOnlyDictionary<DistrictId, Ratio> Ratios, bool PriorYearGiven, int Through);
