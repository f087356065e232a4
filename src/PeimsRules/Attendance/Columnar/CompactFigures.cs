using System.Collections;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The rows of a columnar summary kept as values, one struct a row, with the eligible days by days taught of every
/// row's totals in one shared pair of buffers; each <see cref="AttendanceFigure"/> is made when it is read. A
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

    /// <summary>Collects rows as values: one builder per thread, then <see cref="Concat"/> in order.</summary>
    internal sealed class Builder : FigureRows
    {
        private Row[] _rows;
        private int _count;
        private DayCount[] _daysTaught;
        private DayCount[] _eligible;
        private int _pairs;

        public Builder(int rowCapacity)
        {
            _rows = new Row[rowCapacity];
            _daysTaught = new DayCount[Math.Max(4, rowCapacity * 2)];
            _eligible = new DayCount[_daysTaught.Length];
        }

        public override void Add(
            AttendanceGroupKey group, Population population, ReportingPeriod? period, Figure ada, Figure pia, Ratio? historicalRatio, AttendanceTotals totals, ReportingPeriod? throughPeriod)
        {
            var (daysTaught, eligible, totalsAda) = totals.Pairs;
            if (_pairs + daysTaught.Count > _daysTaught.Length)
            {
                var size = Math.Max(_daysTaught.Length * 2, _pairs + daysTaught.Count);
                Array.Resize(ref _daysTaught, size);
                Array.Resize(ref _eligible, size);
            }

            daysTaught.AsSpan().CopyTo(_daysTaught.AsSpan(_pairs));
            eligible.AsSpan().CopyTo(_eligible.AsSpan(_pairs));
            if (_count == _rows.Length)
            {
                Array.Resize(ref _rows, Math.Max(4, _rows.Length * 2));
            }

            _rows[_count++] = new Row
            {
                Group = group,
                Population = population,
                Period = period,
                ThroughPeriod = throughPeriod,
                Ada = FigureValue.Of(ada),
                Pia = FigureValue.Of(pia),
                HistoricalRatio = historicalRatio,
                RecordCount = totals.RecordCount,
                DaysPresent = totals.DaysPresent,
                DaysAbsent = totals.DaysAbsent,
                TotalsAda = totalsAda,
                PairOffset = _pairs,
                PairCount = daysTaught.Count,
            };
            _pairs += daysTaught.Count;
        }

        public int Count => _count;

        /// <summary>The rows of every builder, in order.</summary>
        public static CompactFigures Concat(Builder[] builders) => new(builders);

        public AttendanceFigure Figure(int index)
        {
            ref readonly var row = ref _rows[index];
            var totals = AttendanceTotals.FromShared(
                _daysTaught, _eligible, row.PairOffset, row.PairCount, row.RecordCount, row.DaysPresent, row.DaysAbsent, row.TotalsAda);
            return new AttendanceFigure(row.Group, row.Population, row.Period, row.Ada.ToFigure(), row.Pia.ToFigure(), row.HistoricalRatio, totals)
            {
                ThroughPeriod = row.ThroughPeriod,
            };
        }
    }

    private struct Row
    {
        public AttendanceGroupKey Group;
        public Population Population;
        public ReportingPeriod? Period;
        public ReportingPeriod? ThroughPeriod;
        public FigureValue Ada;
        public FigureValue Pia;
        public Ratio? HistoricalRatio;
        public long RecordCount;
        public DayCount DaysPresent;
        public DayCount DaysAbsent;
        public Ratio? TotalsAda;
        public int PairOffset;
        public int PairCount;
    }

    private readonly record struct FigureValue(FigureStatus Status, Ratio? Exact, decimal? Published, string? Reason)
    {
        public static FigureValue Of(Figure figure) => new(figure.Status, figure.Exact, figure.Published, figure.Reason);

        public Figure ToFigure() => Figure.FromParts(Status, Exact, Published, Reason);
    }
}
