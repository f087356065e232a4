using System.Globalization;
using DuckDB.NET.Data;

namespace PeimsRules.Benchmarks;

/// <summary>
/// DuckDB in-process: one query straight over a JSON-lines file of <c>studentSchoolAttendanceEvents</c>
/// (<c>read_ndjson</c>, given the columns it needs, which is DuckDB at its fastest), grouped into the
/// <see cref="EventFigures"/> by school and by what the category's code value counts as (Ed-Fi's default categories).
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

    /// <summary>The figures of the file, in one query.</summary>
    public EventFigures Figures(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT lpad(schoolReference.schoolId::VARCHAR, 9, '0') AS school,
              CASE split_part(attendanceEventCategoryDescriptor, '#', 2)
                WHEN 'Present' THEN 'Present' WHEN 'In Attendance' THEN 'Present' WHEN 'Tardy' THEN 'Present' WHEN 'Early departure' THEN 'Present'
                WHEN 'Excused Absence' THEN 'Absent' WHEN 'Unexcused Absence' THEN 'Absent' END AS counts,
              count(*)::BIGINT AS events,
              sum(eventDate - DATE '2024-08-19')::BIGINT AS day_sum
            FROM read_ndjson('{path.Replace("'", "''", StringComparison.Ordinal)}', columns = {"{"}
              'studentReference': 'STRUCT(studentUniqueId VARCHAR)',
              'schoolReference': 'STRUCT(schoolId BIGINT)',
              'eventDate': 'DATE',
              'attendanceEventCategoryDescriptor': 'VARCHAR'{"}"})
            WHERE studentReference.studentUniqueId IS NOT NULL
            GROUP BY ALL
            """;
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
