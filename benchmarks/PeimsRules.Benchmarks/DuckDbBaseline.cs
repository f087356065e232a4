using System.Globalization;
using DuckDB.NET.Data;

namespace PeimsRules.Benchmarks;

/// <summary>
/// DuckDB in-process with one thread per core: the period records in a table of narrow columns (loaded with the
/// Appender), and the same figures as one SQL GROUP BY, written into a result table inside DuckDB so that the timing is
/// the query alone (no transfer to .NET).
/// </summary>
public sealed class DuckDbBaseline : IDisposable
{
    /// <summary>The figures of the fine cells, as one GROUP BY: ADA codes 1, 2, 3, 6, 7 are eligible, every code but 0 is in membership, grades KG-03 are ordinals 2-5.</summary>
    private const string FiguresQuery = """
        CREATE OR REPLACE TEMP TABLE figures AS
        SELECT campus, grade, track, period, taught,
          count(*)::BIGINT AS n,
          sum(CASE WHEN code IN (1, 2, 3, 6, 7) THEN eligible ELSE 0 END)::BIGINT AS e,
          sum(CASE WHEN code <> 0 THEN eligible::INTEGER + ineligible ELSE 0 END)::BIGINT AS p,
          sum(CASE WHEN code <> 0 THEN absent ELSE 0 END)::BIGINT AS a,
          count(*) FILTER (WHERE grade BETWEEN 2 AND 5 AND economic <> 0)::BIGINT AS n_eco,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND economic <> 0 AND code IN (1, 2, 3, 6, 7) THEN eligible ELSE 0 END)::BIGINT AS e_eco,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND economic <> 0 AND code <> 0 THEN eligible::INTEGER + ineligible ELSE 0 END)::BIGINT AS p_eco,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND economic <> 0 AND code <> 0 THEN absent ELSE 0 END)::BIGINT AS a_eco,
          count(*) FILTER (WHERE grade BETWEEN 2 AND 5 AND bilingual = 1 AND funding <> 0)::BIGINT AS n_eb,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND bilingual = 1 AND funding <> 0 AND code IN (1, 2, 3, 6, 7) THEN eligible ELSE 0 END)::BIGINT AS e_eb,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND bilingual = 1 AND funding <> 0 AND code <> 0 THEN eligible::INTEGER + ineligible ELSE 0 END)::BIGINT AS p_eb,
          sum(CASE WHEN grade BETWEEN 2 AND 5 AND bilingual = 1 AND funding <> 0 AND code <> 0 THEN absent ELSE 0 END)::BIGINT AS a_eb
        FROM periods
        GROUP BY campus, grade, track, period, taught
        """;

    private readonly DuckDBConnection _connection;

    /// <summary>Opens an in-memory database that uses <paramref name="threads"/> threads.</summary>
    public DuckDbBaseline(int threads)
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
    }

    /// <summary>Creates the period table and appends <paramref name="records"/> with the Appender.</summary>
    public void Load(IEnumerable<SyntheticRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Execute("""
            CREATE OR REPLACE TABLE periods (
              campus INTEGER, student BIGINT, grade UTINYINT, track UTINYINT, period UTINYINT, code UTINYINT,
              taught UTINYINT, eligible UTINYINT, ineligible UTINYINT, absent UTINYINT,
              economic UTINYINT, bilingual UTINYINT, funding UTINYINT)
            """);
        using var appender = _connection.CreateAppender("periods");
        foreach (var r in records)
        {
            appender.CreateRow()
                .AppendValue(r.Campus).AppendValue(r.Student).AppendValue(r.Grade).AppendValue(r.Track).AppendValue(r.Period)
                .AppendValue(r.Code).AppendValue(r.DaysTaught).AppendValue(r.Eligible).AppendValue(r.Ineligible).AppendValue(r.Absent)
                .AppendValue(r.Economic).AppendValue(r.Bilingual).AppendValue(r.Funding)
                .EndRow();
        }
    }

    /// <summary>Runs the GROUP BY into the result table (what the benchmark times).</summary>
    public void Aggregate() => Execute(FiguresQuery);

    /// <summary>The result table's rows.</summary>
    public FineCellFigures Figures() => FineCellFigures.FromWideRows(Read("SELECT * FROM figures"));

    /// <summary>Reads a CSV file into a table with read_csv (what the ingest benchmark times).</summary>
    public void ReadCsv(string path) =>
        Execute($"CREATE OR REPLACE TABLE csv_periods AS SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true)");

    /// <summary>The fine-cell figures of the table read_csv made, for checking it read the file as the library did.</summary>
    public FineCellFigures CsvFigures()
    {
        Execute("""
            CREATE OR REPLACE TABLE periods AS
            SELECT CampusId::INTEGER AS campus, StudentId::BIGINT AS student,
              (CASE GradeLevel::VARCHAR WHEN 'EE' THEN 0 WHEN 'PK' THEN 1 WHEN 'KG' THEN 2 ELSE GradeLevel::VARCHAR::INTEGER + 2 END)::UTINYINT AS grade,
              InstructionalTrack::UTINYINT AS track, ReportingPeriod::UTINYINT AS period, AdaEligibilityCode::UTINYINT AS code,
              (NumberDaysTaught * 2)::UTINYINT AS taught, (EligibleDaysPresent * 2)::UTINYINT AS eligible,
              (IneligibleDaysPresent * 2)::UTINYINT AS ineligible, (DaysAbsent * 2)::UTINYINT AS absent,
              (CASE EconomicDisadvantageCode::INTEGER WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 ELSE 3 END)::UTINYINT AS economic,
              (CASE EmergentBilingualCode::VARCHAR WHEN '0' THEN 0 WHEN '1' THEN 1 ELSE 2 END)::UTINYINT AS bilingual,
              (CASE coalesce(BilingualEslFundingCode::VARCHAR, '') WHEN '' THEN 0 WHEN 'BE' THEN 1 WHEN 'D1' THEN 2 ELSE 3 END)::UTINYINT AS funding
            FROM csv_periods
            """);
        Aggregate();
        return Figures();
    }

    /// <summary>
    /// ADA and PIA of every campus (or district), period 1 to 6 and the year, in one query straight over the CSV, in
    /// doubles, rounded to three decimals: period ADA = Σ over days-taught values of eligible days ÷ days taught,
    /// refined ADA = the mean of the six, PIA = days present ÷ (present + absent) × 100 (2023-24 rules: days as reported,
    /// no remote days).
    /// </summary>
    public Dictionary<(string Group, string Period), (decimal Ada, decimal Pia)> AdaFromCsv(string path, bool byDistrict)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Ada($"read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true)", byDistrict);
    }

    /// <summary>The figures of <see cref="AdaFromCsv"/> from the table <see cref="ReadCsv"/> loaded (the file already read).</summary>
    public Dictionary<(string Group, string Period), (decimal Ada, decimal Pia)> AdaFromLoadedTable(bool byDistrict) => Ada("csv_periods", byDistrict);

    private Dictionary<(string Group, string Period), (decimal Ada, decimal Pia)> Ada(string source, bool byDistrict)
    {
        var group = byDistrict ? "lpad(DistrictId::VARCHAR, 6, '0')" : "lpad(CampusId::VARCHAR, 9, '0')";
        var sql = $"""
            WITH r AS (
              SELECT {group} AS g, ReportingPeriod::INTEGER AS period, NumberDaysTaught::DOUBLE AS taught,
                EligibleDaysPresent::DOUBLE AS e, IneligibleDaysPresent::DOUBLE AS i, DaysAbsent::DOUBLE AS a
              FROM {source}),
            c AS (SELECT g, period, taught, sum(e) AS e, sum(e + i) AS p, sum(a) AS a FROM r WHERE period BETWEEN 1 AND 6 GROUP BY g, period, taught),
            pp AS (SELECT g, period, sum(e / taught) AS ada, sum(p) AS p, sum(a) AS a FROM c GROUP BY g, period)
            SELECT g, period::VARCHAR AS period, round(ada, 3) AS ada, round(100 * p / (p + a), 3) AS pia FROM pp
            UNION ALL
            SELECT g, 'Year', round(sum(ada) / 6, 3), round(100 * sum(p) / sum(p + a), 3) FROM pp GROUP BY g
            """;
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<(string, string), (decimal, decimal)>();
        while (reader.Read())
        {
            rows.Add(
                (reader.GetString(0), reader.GetString(1)),
                (Convert.ToDecimal(reader.GetDouble(2), CultureInfo.InvariantCulture), Convert.ToDecimal(reader.GetDouble(3), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>
    /// The accountability attendance rate's counts for all students of every campus, in one query straight over the CSV:
    /// records of periods 1 to 6, grades 1 to 12 and an ADA code other than 0 (or none); students counted once, days
    /// present (eligible, ineligible and remote) and days in membership (present and absent) summed, exactly (halves are
    /// exact in doubles).
    /// </summary>
    public Dictionary<string, (int Students, decimal Present, decimal Membership)> AttendanceRateFromCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sql = $"""
            WITH r AS (
              SELECT lpad(CampusId::VARCHAR, 9, '0') AS campus, StudentId::VARCHAR AS student,
                EligibleDaysPresent::DOUBLE + IneligibleDaysPresent::DOUBLE
                  + coalesce(TRY_CAST(RemoteSynchronousEligibleDaysPresent AS DOUBLE), 0) + coalesce(TRY_CAST(RemoteAsynchronousEligibleDaysPresent AS DOUBLE), 0) AS present,
                DaysAbsent::DOUBLE AS absent
              FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true)
              WHERE ReportingPeriod::INTEGER BETWEEN 1 AND 6
                AND GradeLevel::VARCHAR NOT IN ('EE', 'PK', 'KG')
                AND coalesce(TRY_CAST(AdaEligibilityCode AS INTEGER), -1) <> 0)
            SELECT campus, count(DISTINCT student)::INTEGER, sum(present), sum(present + absent) FROM r GROUP BY campus
            """;
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (int, decimal, decimal)>();
        while (reader.Read())
        {
            rows.Add(
                reader.GetString(0),
                (reader.GetInt32(1), Convert.ToDecimal(reader.GetDouble(2), CultureInfo.InvariantCulture), Convert.ToDecimal(reader.GetDouble(3), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>The memory DuckDB's buffer manager holds, in bytes.</summary>
    public long MemoryBytes() => Scalar("SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()");

    /// <summary>The number of rows of a table.</summary>
    public long RowCount(string table) => Scalar($"SELECT count(*) FROM {table}");

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<(int Campus, int Grade, int Track, int Period, int DaysTaught, long[] Sums)> Read(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(int, int, int, int, int, long[])>();
        while (reader.Read())
        {
            var sums = new long[12];
            for (var i = 0; i < 12; i++)
            {
                sums[i] = Convert.ToInt64(reader.GetValue(5 + i), CultureInfo.InvariantCulture);
            }

            rows.Add((
                Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                sums));
        }

        return rows;
    }
}
