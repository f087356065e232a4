using System.Globalization;
using DuckDB.NET.Data;

namespace PeimsRules.Benchmarks;

/// <summary>
/// DuckDB in-process over a JSON-lines file of <c>studentSchoolAttendanceEvents</c> (<c>read_ndjson</c>, given the
/// columns it needs, which is DuckDB at its fastest): the events read into a table of the four values a mark holds (what
/// the library does: it keeps every mark), or one query grouping them into the <see cref="EventFigures"/> by school and
/// by what the category's code value counts as (Ed-Fi's default categories).
/// </summary>
public sealed class DuckDbJsonBaseline : IDisposable
{
    private readonly DuckDBConnection _connection;

    /// <summary>Opens an in-memory database that uses <paramref name="threads"/> threads.</summary>
    public DuckDbJsonBaseline(int threads)
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}");
        command.ExecuteNonQuery();
    }

    private const string Counts = """
        CASE split_part(category, '#', 2)
          WHEN 'Present' THEN 'Present' WHEN 'In Attendance' THEN 'Present' WHEN 'Tardy' THEN 'Present' WHEN 'Early departure' THEN 'Present'
          WHEN 'Excused Absence' THEN 'Absent' WHEN 'Unexcused Absence' THEN 'Absent' END
        """;

    /// <summary>The figures of the file, in one query.</summary>
    public EventFigures Figures(string path) =>
        Read($"SELECT lpad(school::VARCHAR, 9, '0'), {Counts}, count(*)::BIGINT, sum(eventDate - DATE '2024-08-19')::BIGINT FROM ({Events(path)}) WHERE student IS NOT NULL GROUP BY ALL");

    /// <summary>Reads the file's events into the table <c>events</c> (student, school, date, category).</summary>
    public void Load(string path)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"CREATE OR REPLACE TABLE events AS {Events(path)}";
        command.ExecuteNonQuery();
    }

    /// <summary>The figures of the table <see cref="Load"/> made.</summary>
    public EventFigures TableFigures() =>
        Read($"SELECT lpad(school::VARCHAR, 9, '0'), {Counts}, count(*)::BIGINT, sum(eventDate - DATE '2024-08-19')::BIGINT FROM events WHERE student IS NOT NULL GROUP BY ALL");

    private static string Events(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return $"""
            SELECT studentReference.studentUniqueId AS student, schoolReference.schoolId AS school, eventDate, attendanceEventCategoryDescriptor AS category
            FROM read_ndjson('{path.Replace("'", "''", StringComparison.Ordinal)}', columns = {"{"}
              'studentReference': 'STRUCT(studentUniqueId VARCHAR)',
              'schoolReference': 'STRUCT(schoolId BIGINT)',
              'eventDate': 'DATE',
              'attendanceEventCategoryDescriptor': 'VARCHAR'{"}"})
            """;
    }

    private EventFigures Read(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var figures = new EventFigures();
        while (reader.Read())
        {
            figures.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(3), reader.GetInt64(2));
        }

        return figures;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
