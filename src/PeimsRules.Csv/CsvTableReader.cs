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
        var records = new List<T>();
        var problems = new List<CsvProblem>();
        var unused = new List<string>();
        var lineOfKey = key is null ? null : new Dictionary<TKey, long>();
        var lines = new List<long>();

        void Report(CsvProblem problem)
        {
            if (mode == CsvErrorMode.StopAtFirst)
            {
                throw new PeimsCsvException(problem);
            }

            problems.Add(problem);
        }

        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = m => malformed.Add(m),
        };

        try
        {
            using var csv = CsvReader.Create(text, options, leaveOpen: true);
            var headers = csv.Headers;
            if (!MatchHeader(headers, fileName, layout, Report, unused, out var index))
            {
                return Result();
            }

            var row = new CsvRowReader(fileName, layout, index, headers.Count);
            while (true)
            {
                var more = csv.Read();
                FlushMalformed();
                if (!more)
                {
                    break;
                }

                row.MoveTo(csv);
                T record;
                try
                {
                    record = map(row);
                }
                catch (CsvRowException e)
                {
                    Report(e.Problem with { RowValues = row.Values() });
                    continue;
                }

                if (lineOfKey is not null)
                {
                    var k = key!.Of(record);
                    if (lineOfKey.TryGetValue(k, out var first))
                    {
                        var repeat = new CsvProblem(fileName, row.Line, null, key.Describe(k), $"line {first} already has this key; {key.Rule}", CsvProblemKind.DuplicateKey);
                        Report(repeat with { RowValues = row.Values() });
                        continue;
                    }

                    lineOfKey[k] = row.Line;
                }

                records.Add(record);
                lines.Add(row.Line);
            }
        }
        catch (CsvFormatException e)
        {
            Report(new CsvProblem(fileName, e.LineNumber, null, null, $"the file is not valid CSV here: {e.Message}", CsvProblemKind.MalformedCsv));
        }
        catch (DecoderFallbackException e)
        {
            Report(new CsvProblem(fileName, 0, null, null, $"the file is not valid text: {e.Message}", CsvProblemKind.MalformedCsv));
        }

        return Result();

        CsvReadResult<T> Result() => new(records.AsReadOnly(), problems.AsReadOnly(), unused.AsReadOnly(), lines.AsReadOnly());

        void FlushMalformed()
        {
            foreach (var m in malformed)
            {
                Report(new CsvProblem(fileName, m.LineNumber, null, Shorten(m.RawRecord), Describe(m.Reason), CsvProblemKind.MalformedCsv));
            }

            malformed.Clear();
        }
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
            if (!layout.Any(col => col.Matches(headers[i])))
            {
                unused.Add(headers[i]);
            }
        }

        return !headerProblem;
    }

    internal static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "the row does not have as many fields as the header has columns.",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field: quote the whole field and write each quote inside it twice.",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field.",
        _ => $"the row is malformed ({reason}).",
    };

    internal static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");
}

/// <summary>The key that must be unique among a file's rows, what it is in words, and the rule that says so.</summary>
internal sealed record UniqueKey<T, TKey>(Func<T, TKey> Of, Func<TKey, string> Describe, string Rule);

/// <summary>Reads one row's values by layout column, turning every bad value into a <see cref="CsvProblem"/>.</summary>
internal sealed class CsvRowReader
{
    private readonly string _fileName;
    private readonly IReadOnlyList<CsvColumn> _layout;
    private readonly int[] _index;
    private readonly string?[] _values;

    public CsvRowReader(string fileName, IReadOnlyList<CsvColumn> layout, int[] index, int fieldCount)
    {
        _fileName = fileName;
        _layout = layout;
        _index = index;
        _values = new string?[layout.Count];
        _ = fieldCount;
    }

    public long Line { get; private set; }

    /// <summary>The file and line of the current row.</summary>
    public SourceLocation Location => new(_fileName, Line);

    public void MoveTo(CsvReader csv)
    {
        Line = csv.LineNumber;
        for (var c = 0; c < _layout.Count; c++)
        {
            var i = _index[c];
            _values[c] = i < 0 || i >= csv.FieldCount ? null : csv.GetString(i);
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
