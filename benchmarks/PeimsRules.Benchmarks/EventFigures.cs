using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Benchmarks;

/// <summary>
/// What a reading of attendance events comes to, for checking two readers read the same: per school and what the
/// category counts as, the number of events and the sum of their day numbers (days after 19 August 2024).
/// </summary>
public sealed class EventFigures
{
    /// <summary>The first day of the generated school year, day number 0.</summary>
    public static readonly LocalDate FirstDay = new(2024, 8, 19);

    private readonly SortedDictionary<string, (long Events, long DaySum)> _cells = new(StringComparer.Ordinal);

    /// <summary>The number of events.</summary>
    public long Events => _cells.Values.Sum(c => c.Events);

    /// <summary>The figures of <paramref name="marks"/>.</summary>
    public static EventFigures Of(IReadOnlyList<DailyAttendanceMark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var first = FirstDay.ToDateOnly().DayNumber;
        var cells = new Dictionary<(CampusId, AttendanceMarkStatus), (long Events, long DaySum)>();
        foreach (var mark in marks)
        {
            ref var cell = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(cells, (mark.Campus, mark.Status), out _);
            cell = (cell.Events + 1, cell.DaySum + mark.Date.ToDateOnly().DayNumber - first);
        }

        var figures = new EventFigures();
        foreach (var ((campus, status), (events, daySum)) in cells)
        {
            figures.Add(campus.Code, status.ToString(), daySum, events);
        }

        return figures;
    }

    /// <summary>Counts one event (or <paramref name="events"/> events whose day numbers sum to <paramref name="daySum"/>).</summary>
    public void Add(string school, string counts, long daySum, long events = 1)
    {
        var key = school + " " + counts;
        _cells[key] = _cells.TryGetValue(key, out var cell) ? (cell.Events + events, cell.DaySum + daySum) : (events, daySum);
    }

    /// <summary>Throws unless <paramref name="other"/> holds the same figures.</summary>
    /// <exception cref="InvalidOperationException">The figures differ.</exception>
    public void AssertSame(EventFigures other, string what)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!_cells.SequenceEqual(other._cells))
        {
            throw new InvalidOperationException($"{what} does not give the generated figures:{Environment.NewLine}expected {this}{Environment.NewLine}got      {other}");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", _cells.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}: {c.Value.Events} events, day sum {c.Value.DaySum}")));
}
