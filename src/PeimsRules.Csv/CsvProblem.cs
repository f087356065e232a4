namespace PeimsRules.Csv;

/// <summary>
/// One problem found in a CSV file: where it is (file, line, column), the value, and what is wrong with it.
/// </summary>
/// <param name="FileName">The file, as the caller named it.</param>
/// <param name="Line">The 1-based line where the record starts (the header is line 1); 0 when the problem is the file's own.</param>
/// <param name="Column">The column, as the layout names it; <see langword="null"/> when the problem is the whole record's.</param>
/// <param name="Value">The value as it was written; <see langword="null"/> when there was none.</param>
/// <param name="Message">What is wrong, and what is allowed instead.</param>
public sealed record CsvProblem(string FileName, long Line, string? Column, string? Value, string Message)
{
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
            where += $", value '{Value}'";
        }

        return $"{where}: {Message}";
    }
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
    internal CsvReadResult(IReadOnlyList<T> records, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns)
    {
        Records = records;
        Problems = problems;
        UnusedColumns = unusedColumns;
    }

    /// <summary>The records of the rows that had no problem, in file order.</summary>
    public IReadOnlyList<T> Records { get; }

    /// <summary>Every problem, in file order. A row with a problem is not in <see cref="Records"/>.</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use (read past, and listed here so that none goes unnoticed).</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>Whether any problem was found.</summary>
    public bool HasProblems => Problems.Count > 0;
}
