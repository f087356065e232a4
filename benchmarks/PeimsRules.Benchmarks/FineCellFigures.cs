using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The figures every contender computes, in one comparable form: per fine cell (campus, grade, track, period, days
/// taught) and population, the record count, the eligible days present counted toward ADA, and the days present and
/// absent counted toward PIA, in half days. Every period ADA, refined ADA and PIA of every grouping is a sum of these
/// rows (docs/scale/partials.md), so two contenders that agree here agree on every figure.
/// </summary>
public sealed class FineCellFigures
{
    private readonly (int Campus, int Grade, int Track, int Period, int DaysTaught, int Population, long Count, long Eligible, long Present, long Absent)[] _rows;

    private FineCellFigures(IEnumerable<(int, int, int, int, int, int, long, long, long, long)> rows)
    {
        _rows = rows.Where(r => r.Item7 > 0).Order().ToArray();
    }

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>The figures of the library's partial sums.</summary>
    public static FineCellFigures Of(AttendancePartials partials) =>
        new(partials.Rows().Select(r => (
            int.Parse(r.Campus.Code, System.Globalization.CultureInfo.InvariantCulture),
            r.GradeLevel.Number + 2,
            r.InstructionalTrack.Number,
            r.ReportingPeriod.Number,
            (int)r.NumberDaysTaught.HalfDays,
            (int)r.Population,
            r.RecordCount,
            r.EligibleDaysPresent.HalfDays,
            r.DaysPresent.HalfDays,
            r.DaysAbsent.HalfDays)));

    /// <summary>Figures from rows of (cell, then count, eligible, present, absent for all, K-3 economically disadvantaged, K-3 emergent bilingual).</summary>
    public static FineCellFigures FromWideRows(IEnumerable<(int Campus, int Grade, int Track, int Period, int DaysTaught, long[] Sums)> rows) =>
        new(rows.SelectMany(r => Enumerable.Range(0, 3).Select(p => (
            r.Campus, r.Grade, r.Track, r.Period, r.DaysTaught, p, r.Sums[p * 4], r.Sums[(p * 4) + 1], r.Sums[(p * 4) + 2], r.Sums[(p * 4) + 3]))));

    /// <summary>Throws unless <paramref name="actual"/> holds exactly these figures.</summary>
    public void AssertSame(FineCellFigures actual, string contender)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (actual._rows.Length != _rows.Length)
        {
            throw new InvalidOperationException($"{contender}: {actual._rows.Length} figure rows, the library has {_rows.Length}.");
        }

        for (var i = 0; i < _rows.Length; i++)
        {
            if (actual._rows[i] != _rows[i])
            {
                throw new InvalidOperationException($"{contender} differs from the library at row {i}: {actual._rows[i]} against {_rows[i]}.");
            }
        }
    }

    /// <summary>A short description: rows and totals.</summary>
    public override string ToString() =>
        $"{_rows.Length} rows, {_rows.Where(r => r.Population == (int)Population.All).Sum(r => r.Count)} records";
}
