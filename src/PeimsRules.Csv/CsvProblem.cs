namespace PeimsRules.Csv;

/// <summary>
/// One problem found in a CSV file: where it is (file, line, column), the value, and what is wrong with it.
/// </summary>
/// <param name="FileName">The file, as the caller named it.</param>
/// <param name="Line">The 1-based line where the record starts (the header is line 1); 0 when the problem is the file's own.</param>
/// <param name="Column">The column, as the layout names it; <see langword="null"/> when the problem is the whole record's.</param>
/// <param name="Value">The value as it was written; <see langword="null"/> when there was none.</param>
/// <param name="Message">What is wrong, and what is allowed instead.</param>
/// <param name="Kind">What kind of problem it is, for callers that treat kinds differently (an audit, for one).</param>
public sealed record CsvProblem(string FileName, long Line, string? Column, string? Value, string Message, CsvProblemKind Kind = CsvProblemKind.InvalidValue)
{
    /// <summary>
    /// For a problem of one row: every value of the row as written, by the layout's column name (a column absent from the
    /// file is absent here), so that a caller can still place the row (an audit finding keeps its campus, student and
    /// period). Empty for a problem of the file itself or a row too malformed to split into fields.
    /// </summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyDictionary<string, string> RowValues { get; init; } = EmptyRow;

    private static readonly IReadOnlyDictionary<string, string> EmptyRow = new Dictionary<string, string>().AsReadOnly();

    /// <summary>Two problems are equal when their place, value, message and kind are (the row's values are context, not identity).</summary>
    public bool Equals(CsvProblem? other) =>
        other is not null
        && string.Equals(FileName, other.FileName, StringComparison.Ordinal)
        && Line == other.Line
        && string.Equals(Column, other.Column, StringComparison.Ordinal)
        && string.Equals(Value, other.Value, StringComparison.Ordinal)
        && string.Equals(Message, other.Message, StringComparison.Ordinal)
        && Kind == other.Kind;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FileName, Line, Column, Value, Message, Kind);

    /// <summary>The problem in one line: <c>file.csv, line 7, column DaysAbsent, value '2.3': ...</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{FileName}, line {Line}" : FileName;
        if (Column is not null)
        {
            where += $", column {Column}";
        }

        if (Value is not null)
        {
            where += $", value '{CsvTableReader.Shorten(Value)}'";
        }

        return CsvTableReader.EscapeControl($"{where}: {Message}");
    }
}

/// <summary>What kind of problem a <see cref="CsvProblem"/> is.</summary>
public enum CsvProblemKind
{
    /// <summary>A value the column does not allow: an unknown code, a malformed id or number.</summary>
    InvalidValue = 0,

    /// <summary>A required value is blank.</summary>
    MissingValue = 1,

    /// <summary>A day count that is negative or not a multiple of 0.5 (TEA business rules 42400-0005/6/7).</summary>
    InvalidDayCount = 2,

    /// <summary>Days present and absent add up to more than the days taught allow.</summary>
    MembershipExceedsDaysTaught = 3,

    /// <summary>Values that do not fit together (a campus outside its district, days taught of zero).</summary>
    InconsistentRecord = 4,

    /// <summary>A required column is missing from the header.</summary>
    MissingColumn = 5,

    /// <summary>A column appears more than once in the header.</summary>
    DuplicateColumn = 6,

    /// <summary>The text is not valid CSV here: bad quoting, a field count that differs from the header, bad encoding.</summary>
    MalformedCsv = 7,

    /// <summary>
    /// A second row with the key of an earlier row (for period records TEA business rule 42400-000A: one record per
    /// student, campus, grade, track and period). The problem names both lines; the later row is not read.
    /// </summary>
    DuplicateKey = 8,

    /// <summary>
    /// A column of the header that the layout does not have but that is close to one of its columns (a misspelling such
    /// as <c>RemoteSynchronousEligibleDaysPresnt</c>): it is not read, and not guessed either.
    /// </summary>
    UnknownColumn = 9,
}

/// <summary>
/// The error a reader throws at the first problem in a file, naming the file, line, column and value. In collect-all
/// mode the reader returns every problem instead (<see cref="CsvReadResult{T}.Problems"/>).
/// </summary>
public sealed class PeimsCsvException : Exception
{
    /// <summary>Creates the error for <paramref name="problem"/>.</summary>
    public PeimsCsvException(CsvProblem problem)
        : this(problem, null)
    {
    }

    /// <summary>Creates the error for <paramref name="problem"/>, caused by <paramref name="inner"/>.</summary>
    public PeimsCsvException(CsvProblem problem, Exception? inner)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString(), inner) => Problem = problem;

    /// <summary>The problem.</summary>
    public CsvProblem Problem { get; }
}

/// <summary>What a reader returns in collect-all mode: the records it read and every problem it found.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CsvReadResult<T>
{
    internal CsvReadResult(
        IReadOnlyList<T> records,
        IReadOnlyList<CsvProblem> problems,
        IReadOnlyList<string> unusedColumns,
        long rowsRead,
        long rowsRejected,
        IReadOnlyList<long> recordLines)
    {
        Records = records;
        Problems = problems;
        UnusedColumns = unusedColumns;
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
        RecordLines = recordLines;
    }

    /// <summary>
    /// The data rows read: every line after the header that is not empty, up to where the reader stopped. Each is either
    /// taken or named by a problem: for the row-by-row layouts, <c>RowsRead</c> = <c>Records.Count</c> + <see cref="RowsRejected"/>.
    /// </summary>
    public long RowsRead { get; }

    /// <summary>The data rows that are named by a problem and left out (each counted once, whatever its problems).</summary>
    public long RowsRejected { get; }

    /// <summary>The line of each record, in the order of <see cref="Records"/> (for problems that involve two files).</summary>
    public IReadOnlyList<long> RecordLines { get; }

    /// <summary>The records of the rows that had no problem, in file order.</summary>
    public IReadOnlyList<T> Records { get; }

    /// <summary>Every problem, in file order. A row with a problem is not in <see cref="Records"/>.</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use (read past, and listed here so that none goes unnoticed).</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>Whether any problem was found.</summary>
    public bool HasProblems => Problems.Count > 0;
}
