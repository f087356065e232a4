using System.Collections;

namespace PeimsRules.Csv;

/// <summary>
/// A file's records handed out one at a time, as they are read, with no list of them kept: what a reader's
/// <c>ReadEach</c> returns. The records and problems are those its <c>ReadFile</c> gives in the same mode; the problems,
/// the columns not read and the counts are set once the records have been read to the end (<see cref="IsComplete"/>).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <remarks>The records can be read once; a second enumeration throws <see cref="InvalidOperationException"/>.</remarks>
public sealed class CsvRecordStream<T> : IEnumerable<T>
{
    private readonly Func<CsvRecordStream<T>, IEnumerable<T>> _read;
    private bool _started;
    private IReadOnlyList<CsvProblem> _problems = [];
    private IReadOnlyList<string> _unusedColumns = [];

    internal CsvRecordStream(Func<CsvRecordStream<T>, IEnumerable<T>> read) => _read = read;

    /// <summary>Whether the records have been read to the end (or to where the reader stopped).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Every problem, in file order (a row with a problem is not handed out); empty until <see cref="IsComplete"/>.</summary>
    public IReadOnlyList<CsvProblem> Problems => _problems;

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns => _unusedColumns;

    /// <summary>The data rows read: each is either handed out as a record or named by a problem.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The data rows named by a problem and left out.</summary>
    public long RowsRejected { get; private set; }

    /// <summary>The records handed out.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Whether any problem was found (known once <see cref="IsComplete"/>).</summary>
    public bool HasProblems => _problems.Count > 0;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The records have already been read.</exception>
    public IEnumerator<T> GetEnumerator()
    {
        if (_started)
        {
            throw new InvalidOperationException("The records of a stream can be read once: read the file again for a second pass.");
        }

        _started = true;
        return _read(this).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Update(IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns, long rowsRead, long rowsRejected, long records)
    {
        _problems = problems;
        _unusedColumns = unusedColumns;
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
        RecordCount = records;
        IsComplete = true;
    }
}
