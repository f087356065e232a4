using CsvHelper;
using System.Text;

namespace PeimsRules.Csv;

/// <summary>Whether a reader stops at the first problem or collects every problem and goes on.</summary>
public enum CsvErrorMode
{
    /// <summary>Throw a <see cref="PeimsCsvException"/> at the first problem.</summary>
    StopAtFirst = 0,

    /// <summary>Collect every problem with its place and go on; a row with a problem is left out of the records.</summary>
    CollectAll = 1,
}

/// <summary>
/// Reads a CSV file of a documented layout with CsvHelper: matches the header to the layout's columns (any order,
/// case-insensitive, TEA element numbers accepted), then hands each row to a mapper, turning every bad value into a
/// <see cref="CsvProblem"/> with its line, column and value. Nothing is silently dropped: a row is either mapped or
/// reported.
/// </summary>
internal static class CsvTableReader
{
    /// <summary>Opens a file for a reader: read sequentially, shared with other readers.</summary>
    /// <exception cref="PeimsCsvException">The path is a folder.</exception>
    public static FileStream OpenFile(string path) =>
        Directory.Exists(path)
            ? throw new PeimsCsvException(new CsvProblem(path, 0, null, null, "this is a folder, not a file: give the path of the file to read.", CsvProblemKind.MalformedCsv))
            : new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>Reads a file under the input contract (<paramref name="options"/>: encoding and limits).</summary>
    public static CsvReadResult<T> ReadFile<T, TKey>(
        string path,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode,
        UniqueKey<T, TKey>? key,
        CsvInputOptions? options)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CsvInputOptions.Default;
        using var stream = OpenFile(path);
        return Read(CsvInputText.FromStream(stream, path, options), path, layout, map, mode, key, options, () => OpenFile(path));
    }

    /// <summary>
    /// Reads a file as <see cref="ReadFile{T, TKey}(string, IReadOnlyList{CsvColumn}, Func{CsvRowReader, T}, CsvErrorMode, UniqueKey{T, TKey}?, CsvInputOptions?)"/>
    /// does, handing out each record as it is read (the file is opened when the records are first read, and closed at their end).
    /// </summary>
    public static CsvRecordStream<T> ReadEach<T, TKey>(
        string path,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode,
        UniqueKey<T, TKey>? key,
        CsvInputOptions? options)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CsvInputOptions.Default;
        return new CsvRecordStream<T>(stream => Each(stream, path, layout, map, mode, key, options));

        static IEnumerable<T> Each(CsvRecordStream<T> result, string path, IReadOnlyList<CsvColumn> layout, Func<CsvRowReader, T> map, CsvErrorMode mode, UniqueKey<T, TKey>? key, CsvInputOptions options)
        {
            using var file = OpenFile(path);
            using var cursor = new CsvTableCursor<T, TKey>(CsvInputText.FromStream(file, path, options), path, layout, map, mode, key, options, () => OpenFile(path));
            long records = 0;
            while (cursor.TryRead(out var record))
            {
                records++;
                yield return record;
            }

            result.Update(cursor.Problems, cursor.UnusedColumns, cursor.RowsRead, cursor.RowsRejected, records);
        }
    }

    /// <inheritdoc cref="ReadFile{T, TKey}(string, IReadOnlyList{CsvColumn}, Func{CsvRowReader, T}, CsvErrorMode, UniqueKey{T, TKey}?, CsvInputOptions?)"/>
    public static CsvReadResult<T> ReadFile<T>(string path, IReadOnlyList<CsvColumn> layout, Func<CsvRowReader, T> map, CsvErrorMode mode, CsvInputOptions? options) =>
        ReadFile<T, int>(path, layout, map, mode, null, options);

    public static CsvReadResult<T> Read<T>(
        TextReader text,
        string fileName,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode) => Read<T, int>(text, fileName, layout, map, mode, null);

    /// <summary>
    /// Reads as <see cref="Read{T}(TextReader, string, IReadOnlyList{CsvColumn}, Func{CsvRowReader, T}, CsvErrorMode)"/>
    /// does, and refuses a row whose key (<paramref name="key"/>) an earlier row already has, naming both lines.
    /// </summary>
    public static CsvReadResult<T> Read<T, TKey>(
        TextReader text,
        string fileName,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode,
        UniqueKey<T, TKey>? key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return Read(CsvInputText.FromText(text, fileName, CsvInputOptions.Default), fileName, layout, map, mode, key, CsvInputOptions.Default);
    }

    /// <summary>
    /// The one reading loop of every row-by-row layout (<see cref="CsvTableCursor{T, TKey}"/>), into a list: each data row
    /// is either a record or named by exactly one problem (rows read = records + rows rejected), and a damaged row never
    /// hides the rows after it.
    /// </summary>
    internal static CsvReadResult<T> Read<T, TKey>(
        CsvInputText input,
        string fileName,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode,
        UniqueKey<T, TKey>? key,
        CsvInputOptions options,
        Func<Stream>? reopen = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var records = new List<T>();
        var lines = new List<long>();
        using var cursor = new CsvTableCursor<T, TKey>(input, fileName, layout, map, mode, key, options, reopen);
        while (cursor.TryRead(out var record))
        {
            records.Add(record);
            lines.Add(cursor.RecordLine);
        }

        return new(records.AsReadOnly(), cursor.Problems, cursor.UnusedColumns, cursor.RowsRead, cursor.RowsRejected, lines.AsReadOnly());
    }

    /// <summary>
    /// Matches the header to the layout's columns, reporting a missing header, a column given twice and a missing
    /// required column; the header's columns the layout does not use go to <paramref name="unused"/>.
    /// </summary>
    /// <returns>Whether the records can be read: <paramref name="index"/> then holds each layout column's field index, -1 when absent.</returns>
    internal static bool MatchHeader(
        IReadOnlyList<string> headers, string fileName, IReadOnlyList<CsvColumn> layout, Action<CsvProblem> report, List<string> unused, out int[] index)
    {
        index = new int[layout.Count];
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            report(new CsvProblem(fileName, 1, null, null, "the file has no header row: the first line must name the columns.", CsvProblemKind.MissingColumn));
            return false;
        }

        var headerProblem = false;
        for (var c = 0; c < layout.Count; c++)
        {
            var matches = Enumerable.Range(0, headers.Count).Where(i => layout[c].Matches(headers[i])).ToList();
            if (matches.Count > 1)
            {
                report(new CsvProblem(fileName, 1, layout[c].Name, null,
                    $"the column appears {matches.Count} times ({string.Join(", ", matches.Select(i => headers[i]))}); keep one.", CsvProblemKind.DuplicateColumn));
                headerProblem = true;
            }

            index[c] = matches.Count == 0 ? -1 : matches[0];
            if (index[c] < 0 && layout[c].Required)
            {
                report(new CsvProblem(fileName, 1, layout[c].Name, null,
                    $"the required column is missing{(layout[c].Element is { } e ? $" (it may also be named {e})" : string.Empty)}: {layout[c].Description}", CsvProblemKind.MissingColumn));
                headerProblem = true;
            }
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (layout.Any(col => col.Matches(headers[i])))
            {
                continue;
            }

            if (CloseMatch(headers[i], layout) is { } meant)
            {
                // A misspelt optional column would otherwise be read past, and its values silently taken as blank.
                report(new CsvProblem(fileName, 1, meant.Name, Shorten(headers[i]),
                    $"the column '{Shorten(headers[i])}' is not part of the layout, but it is close to {meant.Name}{(meant.Element is { } el ? $" ({el})" : string.Empty)}: name it exactly {meant.Name}, or remove it. It is not read.",
                    CsvProblemKind.UnknownColumn));
            }

            unused.Add(headers[i]);
        }

        return !headerProblem;
    }

    /// <summary>
    /// The layout column a header is close to without naming it: the same letters and digits once spaces, underscores,
    /// hyphens and case are set aside, or at most two letters apart (one for names of six letters or fewer).
    /// </summary>
    internal static CsvColumn? CloseMatch(string header, IReadOnlyList<CsvColumn> layout)
    {
        var h = Normalize(header);
        if (h.Length == 0)
        {
            return null;
        }

        // The nearest column wins (RemoteAsynchronous... is one letter from RemoteSynchronous...).
        CsvColumn? best = null;
        var bestDistance = int.MaxValue;
        foreach (var column in layout)
        {
            foreach (var name in column.Element is { } e ? new[] { column.Name, e } : [column.Name])
            {
                var n = Normalize(name);
                var allowed = n.Length <= 6 ? 1 : 2;
                var distance = h == n ? 0 : Math.Abs(h.Length - n.Length) <= allowed ? EditDistance(h, n, allowed) : allowed + 1;
                if (distance <= allowed && distance < bestDistance)
                {
                    best = column;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    private static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The Levenshtein distance of two short names, or more than <paramref name="bound"/> once it is certain to be.</summary>
    private static int EditDistance(string a, string b, int bound)
    {
        if (a.Length > 200 || b.Length > 200)
        {
            return bound + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.Min(best, current[j]);
            }

            if (best > bound)
            {
                return bound + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Writes control characters (other than the tab) as <c>\uXXXX</c>, so no value from a file can act on a terminal.</summary>
    internal static string EscapeControl(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c != '\t'))
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c != '\t')
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    internal static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "the row does not have as many fields as the header has columns.",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field: quote the whole field and write each quote inside it twice.",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "a field opens a quote that the line does not close (a quoted field ends with a quote, on its own line): the row is not read.",
        _ => $"the row is malformed ({reason}).",
    };

    /// <summary>The last problem of a collect-all read that stops after <paramref name="count"/> problems, the last on <paramref name="line"/>.</summary>
    internal static CsvProblem StopProblem(string fileName, long line, int count) =>
        new(fileName, line, null, null,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} problems so far: the reader stops here, after line {line}. Correct these and read the file again."),
            CsvProblemKind.MalformedCsv);

    /// <summary>The longest value a message echoes, in characters.</summary>
    internal const int EchoedValueLength = 80;

    /// <summary>A value as a message echoes it: at most <see cref="EchoedValueLength"/> characters, the rest counted.</summary>
    internal static string Shorten(string? value) =>
        value is null ? string.Empty
        : value.Length <= EchoedValueLength ? value
        : string.Concat(value.AsSpan(0, EchoedValueLength - 3), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"... ({value.Length:N0} characters)"));
}

/// <summary>
/// The key that must be unique among a file's rows, what it is in words, and the rule that says so; <c>InKeyOrder</c>
/// when files usually come in ascending key order (<see cref="Comparer{T}.Default"/> of the key), so that the reader
/// needs no index of the earlier keys while they do (<see cref="CsvTableCursor{T, TKey}"/>).
/// </summary>
internal sealed record UniqueKey<T, TKey>(Func<T, TKey> Of, Func<TKey, string> Describe, string Rule, bool InKeyOrder = false)
{
    /// <summary>The problem of the row on <paramref name="line"/> whose key <paramref name="key"/> the row on <paramref name="first"/> already has.</summary>
    public CsvProblem Repeated(string fileName, long line, TKey key, long first, IReadOnlyDictionary<string, string> rowValues) =>
        new(fileName, line, null, Describe(key), $"line {first} already has this key; {Rule}", CsvProblemKind.DuplicateKey) { RowValues = rowValues };
}

/// <summary>Reads one row's values by layout column, turning every bad value into a <see cref="CsvProblem"/>.</summary>
internal sealed class CsvRowReader
{
    private readonly string _fileName;
    private readonly IReadOnlyList<CsvColumn> _layout;
    private readonly int[] _index;
    private readonly string?[] _values;
    private readonly IReadOnlyList<string> _headers;
    private readonly int _maximumFieldLength;

    /// <summary>A row reader without the field limit (for callers that check their fields themselves).</summary>
    public CsvRowReader(string fileName, IReadOnlyList<CsvColumn> layout, int[] index, int fieldCount)
        : this(fileName, layout, index, [], int.MaxValue) => _ = fieldCount;

    public CsvRowReader(string fileName, IReadOnlyList<CsvColumn> layout, int[] index, IReadOnlyList<string> headers, int maximumFieldLength)
    {
        _fileName = fileName;
        _layout = layout;
        _index = index;
        _values = new string?[layout.Count];
        _headers = headers;
        _maximumFieldLength = maximumFieldLength;
    }

    /// <summary>The largest day count a record may hold: more than any reporting period or school year has.</summary>
    public static DayCount MaximumDays { get; } = DayCount.FromHalfDays(1999);

    public long Line { get; private set; }

    /// <summary>The file and line of the current row.</summary>
    public SourceLocation Location => new(_fileName, Line);

    public void MoveTo(CsvReader csv)
    {
        Line = csv.LineNumber;

        // The values first, so that a problem of the row (an over-long field too) carries this row's values, not the last row's.
        for (var c = 0; c < _layout.Count; c++)
        {
            var i = _index[c];
            _values[c] = i < 0 || i >= csv.FieldCount ? null : csv.GetString(i);
        }

        for (var i = 0; i < csv.FieldCount; i++)
        {
            // The raw bytes are never fewer than the characters, so only a long raw field needs a closer look.
            if (_maximumFieldLength < int.MaxValue && csv.GetRawSpan(i).Length > _maximumFieldLength && csv.GetString(i).Length > _maximumFieldLength)
            {
                var name = i < _headers.Count ? _headers[i] : null;
                throw new CsvRowException(new CsvProblem(_fileName, Line, name, CsvTableReader.Shorten(csv.GetString(i)),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the field is {csv.GetString(i).Length:N0} characters long, more than the limit of {_maximumFieldLength:N0}: the row is not read."),
                    CsvProblemKind.InvalidValue));
            }
        }
    }

    /// <summary>The row's values as written, by column name (columns absent from the file left out).</summary>
    public IReadOnlyDictionary<string, string> Values()
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < _layout.Count; c++)
        {
            if (_values[c] is { } value)
            {
                values[_layout[c].Name] = value;
            }
        }

        return values.AsReadOnly();
    }

    /// <summary>Loads values by column name (as <see cref="Values"/> gives them), to map a row again outside a file.</summary>
    public void Load(long line, IReadOnlyDictionary<string, string> values)
    {
        Line = line;
        for (var c = 0; c < _layout.Count; c++)
        {
            _values[c] = values.TryGetValue(_layout[c].Name, out var value) ? value : null;
        }
    }

    /// <summary>
    /// Parses a day count of <paramref name="element"/>: a whole or half number of days, at most
    /// <see cref="MaximumDays"/> (so that no sum of a file's days can overflow).
    /// </summary>
    public static DayCount Days(string text, string element)
    {
        var days = DayCount.Parse(text, element);
        return days <= MaximumDays
            ? days
            : throw new FormatException($"{element}: a day count is at most {MaximumDays} days, more than any reporting period or school year holds.");
    }

    /// <summary>The trimmed text of the column, or <see langword="null"/> when the column is absent or the value blank.</summary>
    public string? Text(CsvColumn column)
    {
        var value = _values[IndexOf(column)]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Parses a required value; a blank or bad value is a problem of this row.</summary>
    public T Required<T>(CsvColumn column, Func<string, T> parse, CsvProblemKind kind = CsvProblemKind.InvalidValue)
    {
        var value = Text(column) ?? throw Problem(column, _values[IndexOf(column)], "a value is required here: " + column.Description, CsvProblemKind.MissingValue);
        return Parse(column, value, parse, kind);
    }

    /// <summary>Parses an optional value; blank gives <paramref name="whenBlank"/>.</summary>
    public T Optional<T>(CsvColumn column, Func<string, T> parse, T whenBlank, CsvProblemKind kind = CsvProblemKind.InvalidValue)
    {
        var value = Text(column);
        return value is null ? whenBlank : Parse(column, value, parse, kind);
    }

    /// <summary>A problem with <paramref name="column"/> of this row.</summary>
    public CsvRowException Problem(CsvColumn column, string? value, string message, CsvProblemKind kind = CsvProblemKind.InvalidValue) =>
        new(new CsvProblem(_fileName, Line, column.Name, value, message, kind));

    /// <summary>The value of <paramref name="column"/> as written (for messages).</summary>
    public string? Raw(CsvColumn column) => _values[IndexOf(column)];

    private T Parse<T>(CsvColumn column, string value, Func<string, T> parse, CsvProblemKind kind)
    {
        try
        {
            return parse(value);
        }
        catch (PeimsCodeException e)
        {
            throw Problem(column, value, $"{e.Element}: {e.Reason}", kind);
        }
        catch (FormatException e)
        {
            throw Problem(column, value, e.Message, kind);
        }
        catch (OverflowException)
        {
            throw Problem(column, value, "the number is too large.", kind);
        }
    }

    private int IndexOf(CsvColumn column)
    {
        for (var c = 0; c < _layout.Count; c++)
        {
            if (ReferenceEquals(_layout[c], column))
            {
                return c;
            }
        }

        throw new ArgumentException($"Column {column.Name} is not part of this layout.", nameof(column));
    }
}

/// <summary>Carries a row's problem out of a mapper.</summary>
internal sealed class CsvRowException(CsvProblem problem) : Exception(problem.ToString())
{
    public CsvProblem Problem { get; } = problem;
}

/// <summary>Ends a collect-all read that has reached <see cref="CsvInputOptions.MaximumProblems"/>.</summary>
internal sealed class StopReading : Exception
{
}

/// <summary>
/// The one reading loop of every row-by-row layout, one record at a time: each data row is either handed out as a record
/// or named by exactly one problem (rows read = records + rows rejected), and a damaged row never hides the rows after it.
/// </summary>
/// <remarks>
/// A key that must be unique (<see cref="UniqueKey{T, TKey}"/>) is checked against every earlier row. While the rows come
/// in ascending key order (as TEA extracts and <c>generate</c> write a period file: by campus, then student), a repeated
/// key can only be the row just before, so no index of the earlier keys is kept; at the first row out of order, when the
/// text can be read again from its start (<c>reopen</c>), the index of the rows before it is built by reading them again,
/// and every later row is checked against it. The records and problems are the same either way.
/// </remarks>
internal sealed class CsvTableCursor<T, TKey> : IDisposable
    where TKey : notnull
{
    private readonly CsvInputText _input;
    private readonly string _fileName;
    private readonly IReadOnlyList<CsvColumn> _layout;
    private readonly Func<CsvRowReader, T> _map;
    private readonly CsvErrorMode _mode;
    private readonly UniqueKey<T, TKey>? _key;
    private readonly CsvInputOptions _options;
    private readonly Func<Stream>? _reopen;
    private readonly List<CsvProblem> _problems = [];
    private readonly List<string> _unused = [];
    private readonly HashSet<long> _rejected = [];
    private readonly List<CsvMalformedRecord> _malformed = [];
    private readonly Comparer<TKey> _order = Comparer<TKey>.Default;
    private Dictionary<TKey, long>? _lineOfKey;
    private bool _ascending;
    private bool _hasLast;
    private TKey _lastKey = default!;
    private long _lastLine;
    private CsvReader? _csv;
    private CsvRowReader? _row;
    private bool _done;

    public CsvTableCursor(
        CsvInputText input,
        string fileName,
        IReadOnlyList<CsvColumn> layout,
        Func<CsvRowReader, T> map,
        CsvErrorMode mode,
        UniqueKey<T, TKey>? key,
        CsvInputOptions options,
        Func<Stream>? reopen)
    {
        _input = input;
        _fileName = fileName;
        _layout = layout;
        _map = map;
        _mode = mode;
        _key = key;
        _options = options;
        _reopen = reopen;

        // Ascending order spares the index only when the keys can be ordered and the rows before can be read again.
        _ascending = key is { InKeyOrder: true } && reopen is not null;
        _lineOfKey = key is null || _ascending ? null : [];
    }

    /// <summary>Every problem so far, in file order.</summary>
    public IReadOnlyList<CsvProblem> Problems => _problems.AsReadOnly();

    /// <summary>The header's columns the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns => _unused.AsReadOnly();

    /// <summary>The data rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The data rows named by a problem so far.</summary>
    public long RowsRejected => _rejected.Count;

    /// <summary>The line of the record the last <see cref="TryRead"/> handed out.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads up to the next record; <see langword="false"/> at the end of the rows (or where the reader stopped).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, a problem.</exception>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T record)
    {
        record = default;
        if (_done)
        {
            return false;
        }

        try
        {
            if (_csv is null && !Start())
            {
                _done = true;
                return false;
            }

            var csv = _csv!;
            var row = _row!;
            while (true)
            {
                var more = csv.Read();
                foreach (var m in _malformed)
                {
                    FlushLines(m.LineNumber);
                    RowsRead++;
                    RejectRow(new CsvProblem(_fileName, m.LineNumber, null, CsvTableReader.Shorten(m.RawRecord), CsvTableReader.Describe(m.Reason), CsvProblemKind.MalformedCsv));
                }

                _malformed.Clear();
                if (!more)
                {
                    FlushLines(long.MaxValue);
                    Finish();
                    return false;
                }

                FlushLines(csv.LineNumber);
                RowsRead++;
                T candidate;
                try
                {
                    row.MoveTo(csv);
                    candidate = _map(row);
                }
                catch (CsvRowException e)
                {
                    RejectRow(e.Problem with { RowValues = row.Values() });
                    continue;
                }
                catch (ArgumentException e)
                {
                    // A record's own rule that the layout's checks did not catch first: still a problem of this row.
                    var message = e.Message;
                    var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
                    RejectRow(new CsvProblem(_fileName, row.Line, null, null, "the row's values do not fit together: " + (at >= 0 ? message[..at] : message), CsvProblemKind.InconsistentRecord));
                    continue;
                }
                catch (OverflowException)
                {
                    RejectRow(new CsvProblem(_fileName, row.Line, null, null, "the row's numbers add up to more than can be counted: correct the day counts or minutes.", CsvProblemKind.InvalidValue));
                    continue;
                }

                if (_key is not null && IsRepeated(_key.Of(candidate), row, out var first))
                {
                    RejectRow(_key.Repeated(_fileName, row.Line, _key.Of(candidate), first, row.Values()));
                    continue;
                }

                record = candidate;
                RecordLine = row.Line;
                return true;
            }
        }
        catch (StopReading)
        {
            Finish();
            return false;
        }
        catch (CsvFormatException e)
        {
            Finish();
            Report(new CsvProblem(_fileName, e.LineNumber, null, null, $"the file is not valid CSV here: {e.Message}", CsvProblemKind.MalformedCsv));
            return false;
        }
    }

    public void Dispose() => Finish();

    private void Finish()
    {
        _done = true;
        _csv?.Dispose();
        _csv = null;
    }

    /// <summary>Whether an earlier record has <paramref name="key"/> (and on which line); records the key otherwise.</summary>
    private bool IsRepeated(TKey key, CsvRowReader row, out long first)
    {
        if (_ascending)
        {
            var c = _hasLast ? _order.Compare(key, _lastKey) : 1;
            if (c > 0)
            {
                (_hasLast, _lastKey, _lastLine) = (true, key, row.Line);
                first = 0;
                return false;
            }

            if (c == 0)
            {
                first = _lastLine;
                return true;
            }

            // Out of order: from here on every key is checked against an index of all the earlier ones.
            _ascending = false;
            _lineOfKey = IndexBefore(row.Line);
        }

        if (_lineOfKey!.TryGetValue(key, out first))
        {
            return true;
        }

        _lineOfKey[key] = row.Line;
        return false;
    }

    /// <summary>The line of every record's key before <paramref name="line"/>, from reading those rows again.</summary>
    private Dictionary<TKey, long> IndexBefore(long line)
    {
        var index = new Dictionary<TKey, long>();
        using var stream = _reopen!();
        using var again = new CsvTableCursor<T, TKey>(CsvInputText.FromStream(stream, _fileName, _options), _fileName, _layout, _map, CsvErrorMode.CollectAll, _key, _options with { MaximumProblems = int.MaxValue }, reopen: null);
        while (again.TryRead(out var record) && again.RecordLine < line)
        {
            index.TryAdd(_key!.Of(record), again.RecordLine);
        }

        return index;
    }

    private bool Start()
    {
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = m => _malformed.Add(m),
        };

        _csv = CsvReader.Create(_input, csvOptions, leaveOpen: true);
        var headers = _csv.Headers;
        if (_input.HeaderLine > 0 && _input.LineProblems.Count > 0 && _input.LineProblems.Peek().Line <= _input.HeaderLine)
        {
            // The header line itself could not be read: nothing after it can be matched to the layout.
            Report(_input.LineProblems.Dequeue());
            return false;
        }

        if (!CsvTableReader.MatchHeader(headers, _fileName, _layout, Report, _unused, out var index))
        {
            return false;
        }

        _row = new CsvRowReader(_fileName, _layout, index, headers, _options.MaximumFieldLength);
        return true;
    }

    private void Report(CsvProblem problem)
    {
        if (_mode == CsvErrorMode.StopAtFirst)
        {
            throw new PeimsCsvException(problem);
        }

        _problems.Add(problem);
        if (_problems.Count >= _options.MaximumProblems)
        {
            _problems.Add(CsvTableReader.StopProblem(_fileName, problem.Line, _problems.Count));
            throw new StopReading();
        }
    }

    /// <summary>The values of the row of the record the last <see cref="TryRead"/> handed out, by column name (as a problem of the row would carry them).</summary>
    internal IReadOnlyDictionary<string, string> RecordValues => _row!.Values();

    private void RejectRow(CsvProblem problem)
    {
        _rejected.Add(problem.Line);
        Report(problem);
    }

    private void FlushLines(long before)
    {
        while (_input.LineProblems.Count > 0 && _input.LineProblems.Peek().Line < before)
        {
            var p = _input.LineProblems.Dequeue();
            RowsRead++;
            RejectRow(p);
        }
    }
}
