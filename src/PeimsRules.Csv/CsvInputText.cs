using System.Globalization;
using System.Text;

namespace PeimsRules.Csv;

/// <summary>
/// The text a reader hands to CsvHelper, one line at a time, after the input contract's checks: each line is decoded
/// on its own, strictly (bytes that are not valid in the file's encoding are a problem of their line, never U+FFFD),
/// and no line may be longer than <see cref="CsvInputOptions.MaximumLineLength"/>. A line with such a problem is given
/// to CsvHelper as an empty line, which it skips while still counting it, so that every later line keeps its number;
/// the problem waits in <see cref="LineProblems"/> for the table reader to report it in line order.
/// </summary>
/// <remarks>
/// Line breaks are LF, CR LF or a lone CR, each counted once, as CsvHelper counts them; every line reaches CsvHelper
/// ended by LF. A line break therefore always ends a record: a quote left open at the end of a line is a problem of
/// that line only, and cannot swallow the lines after it.
/// </remarks>
internal sealed class CsvInputText : TextReader
{
    /// <summary>How far past the line limit the reader looks for the end of an over-long line before it stops.</summary>
    internal const int SkipFactor = 64;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream? _stream;
    private readonly TextReader? _text;
    private readonly string _fileName;
    private readonly CsvInputOptions _options;
    private readonly Encoding _encoding;
    private readonly byte[] _bytes = new byte[65_536];
    private readonly char[] _chars = new char[16_384];
    private int _bytePos;
    private int _byteEnd;
    private int _charPos;
    private int _charEnd;
    private bool _startChecked;
    private bool _ended;
    private string _current = string.Empty;
    private int _currentPos;
    private bool _newlinePending;
    private byte[] _lineBytes = new byte[4096];
    private int _lineLength;
    private readonly StringBuilder _lineChars = new();

    private CsvInputText(Stream? stream, TextReader? text, string fileName, CsvInputOptions options)
    {
        _stream = stream;
        _text = text;
        _fileName = fileName;
        _options = options;
        _encoding = options.Encoding == CsvTextEncoding.Windows1252 ? Windows1252 : StrictUtf8;
    }

    /// <summary>The characters .NET gives for the five bytes Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D).</summary>
    private const string Windows1252Undefined = "\u0081\u008D\u008F\u0090\u009D";

    /// <summary>Strict Windows-1252: an undefined byte throws rather than becoming a question mark.</summary>
    internal static Encoding Windows1252 { get; } = CreateWindows1252();

    /// <summary>The problems of lines given to CsvHelper as empty lines, in line order, not yet reported.</summary>
    public Queue<CsvProblem> LineProblems { get; } = new();

    /// <summary>The number of the last line read (1-based).</summary>
    public long LinesRead { get; private set; }

    /// <summary>The line of the header: the first line that is not empty, or has a problem.</summary>
    public long HeaderLine { get; private set; }

    /// <summary>Whether the reader stopped before the end of the input (an over-long line with no end in sight, a UTF-16 file).</summary>
    public bool Stopped { get; private set; }

    public static CsvInputText FromStream(Stream stream, string fileName, CsvInputOptions options) => new(stream, null, fileName, options);

    public static CsvInputText FromText(TextReader text, string fileName, CsvInputOptions options) => new(null, text, fileName, options);

    public override int Peek()
    {
        if (!Ready())
        {
            return -1;
        }

        return _currentPos < _current.Length ? _current[_currentPos] : '\n';
    }

    public override int Read()
    {
        if (!Ready())
        {
            return -1;
        }

        if (_currentPos < _current.Length)
        {
            return _current[_currentPos++];
        }

        _newlinePending = false;
        return '\n';
    }

    /// <summary>Whether a character is there to read: the rest of the line, or the line break after it.</summary>
    private bool Ready() => _currentPos < _current.Length || _newlinePending || NextLine();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_currentPos >= _current.Length && !_newlinePending)
            {
                if (written > 0 || !NextLine())
                {
                    break;
                }
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _currentPos);
            _current.AsSpan(_currentPos, n).CopyTo(buffer[written..]);
            _currentPos += n;
            written += n;
            if (_currentPos >= _current.Length && _newlinePending && written < buffer.Length)
            {
                buffer[written++] = '\n';
                _newlinePending = false;
            }
        }

        return written;
    }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private bool NextLine()
    {
        while (!_ended)
        {
            var line = _stream is not null ? NextByteLine() : NextCharLine();
            if (line is null)
            {
                _ended = true;
                break;
            }

            if (HeaderLine == 0 && (line.Length > 0 || LineProblems.Count > 0))
            {
                HeaderLine = LinesRead;
            }

            _current = line;
            _currentPos = 0;
            _newlinePending = true;
            return true;
        }

        _current = string.Empty;
        _currentPos = 0;
        return false;
    }

    private void LineProblem(string message, long? line = null) =>
        LineProblems.Enqueue(new CsvProblem(_fileName, line ?? LinesRead, null, null, message, CsvProblemKind.MalformedCsv));

    private void Stop(string message)
    {
        LineProblem(message);
        Stopped = true;
    }

    // ---- bytes ----

    private bool FillBytes()
    {
        if (_bytePos < _byteEnd)
        {
            return true;
        }

        _bytePos = 0;
        _byteEnd = _stream!.Read(_bytes, 0, _bytes.Length);
        return _byteEnd > 0;
    }

    private bool CheckStart()
    {
        // The byte order marks: UTF-8 is skipped; UTF-16 and UTF-32 cannot be read line by line as bytes.
        _startChecked = true;
        var head = new byte[4];
        var got = 0;
        while (got < 4 && FillBytes())
        {
            head[got++] = _bytes[_bytePos++];
        }

        var bom = got >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        var utf16 = got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
        // Put back what follows the mark in front of the buffer.
        var rest = head.AsSpan(bom, got - bom).ToArray();
        var remaining = _bytes.AsSpan(_bytePos, _byteEnd - _bytePos).ToArray();
        rest.CopyTo(_bytes, 0);
        remaining.CopyTo(_bytes, rest.Length);
        _bytePos = 0;
        _byteEnd = rest.Length + remaining.Length;
        LinesRead = 1;
        if (utf16)
        {
            Stop("the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8 (CSV UTF-8) and read it again.");
            return false;
        }

        if (bom == 3 && _options.Encoding == CsvTextEncoding.Windows1252)
        {
            Stop("the file starts with a UTF-8 byte order mark, so it is UTF-8, not Windows-1252: read it without the Windows-1252 encoding.");
            return false;
        }

        LinesRead = 0;
        return true;
    }

    private string? NextByteLine()
    {
        if (Stopped)
        {
            return null;
        }

        if (!_startChecked && !CheckStart())
        {
            return string.Empty;
        }

        _lineLength = 0;
        string? direct = null;
        var limit = _options.MaximumLineLength;
        long length = 0;
        var any = false;
        while (true)
        {
            if (!FillBytes())
            {
                if (!any)
                {
                    return null;
                }

                break;
            }

            any = true;
            var span = _bytes.AsSpan(_bytePos, _byteEnd - _bytePos);
            var end = span.IndexOfAny((byte)'\n', (byte)'\r');
            var take = end < 0 ? span.Length : end;
            if (end >= 0 && length == 0 && take <= limit)
            {
                // The usual case: the whole line is in the buffer, and is decoded from there.
                direct = Decode(span[..take], LinesRead + 1);
            }
            else if (length + take <= limit)
            {
                if (_lineLength + take > _lineBytes.Length)
                {
                    Array.Resize(ref _lineBytes, Math.Max(_lineBytes.Length * 2, _lineLength + take));
                }

                span[..take].CopyTo(_lineBytes.AsSpan(_lineLength));
                _lineLength += take;
            }

            length += take;
            _bytePos += take;
            if (end >= 0)
            {
                var cr = _bytes[_bytePos] == (byte)'\r';
                _bytePos++;
                if (cr && FillBytes() && _bytes[_bytePos] == (byte)'\n')
                {
                    _bytePos++;
                }

                break;
            }

            if (length > (long)limit * SkipFactor)
            {
                LinesRead++;
                Stop(string.Create(CultureInfo.InvariantCulture, $"the line has no end within {length:N0} bytes (the limit for a line is {limit:N0}): the file is not CSV text, or its line breaks are lost; the reader stops here."));
                return string.Empty;
            }
        }

        LinesRead++;
        if (length > limit)
        {
            LineProblem(string.Create(CultureInfo.InvariantCulture, $"the line is {length:N0} bytes long, more than the limit of {limit:N0}: the row is not read."));
            return string.Empty;
        }

        return direct ?? Decode(_lineBytes.AsSpan(0, _lineLength), LinesRead);
    }

    /// <summary>The line's text, or an empty line and a problem when a byte is not valid in the encoding.</summary>
    private string Decode(ReadOnlySpan<byte> bytes, long line)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (!bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
        {
            // ASCII, the same in both encodings.
            return Encoding.ASCII.GetString(bytes);
        }

        try
        {
            var text = _encoding.GetString(bytes);
            if (_options.Encoding == CsvTextEncoding.Windows1252 && text.AsSpan().IndexOfAny(Windows1252Undefined) is var at and >= 0)
            {
                // .NET maps the five bytes Windows-1252 leaves undefined to C1 control characters rather than refusing them.
                throw new DecoderFallbackException("undefined", [bytes[at]], at);
            }

            return text;
        }
        catch (DecoderFallbackException e)
        {
            LineProblem(InvalidBytes(_options.Encoding, bytes, e), line);
            return string.Empty;
        }
    }

    /// <summary>
    /// The problem of a line whose bytes are not valid UTF-8, or <see langword="null"/> when they are: what this reader
    /// reports of such a line, for a reader that decodes lines another way (the store's loader).
    /// </summary>
    internal static string? Utf8Problem(ReadOnlySpan<byte> line)
    {
        if (System.Text.Unicode.Utf8.IsValid(line))
        {
            return null;
        }

        try
        {
            _ = StrictUtf8.GetCharCount(line);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return InvalidBytes(CsvTextEncoding.Utf8, line, e);
        }
    }

    private static string InvalidBytes(CsvTextEncoding encoding, ReadOnlySpan<byte> bytes, DecoderFallbackException e)
    {
        var at = Math.Max(0, e.Index);
        var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown : bytes.Slice(at, Math.Min(1, bytes.Length - at)).ToArray();
        var hex = string.Join(' ', bad.Take(4).Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
        return encoding == CsvTextEncoding.Windows1252
            ? string.Create(CultureInfo.InvariantCulture, $"byte {hex} at byte {at + 1} of the line is not a Windows-1252 character: the row is not read.")
            : string.Create(CultureInfo.InvariantCulture, $"byte {hex} at byte {at + 1} of the line is not valid UTF-8: the row is not read. A file exported by a Windows system is often Windows-1252: read it with that encoding (--encoding windows-1252).");
    }

    // ---- characters (text already decoded) ----

    private bool FillChars()
    {
        if (_charPos < _charEnd)
        {
            return true;
        }

        _charPos = 0;
        _charEnd = _text!.Read(_chars, 0, _chars.Length);
        return _charEnd > 0;
    }

    private string? NextCharLine()
    {
        if (Stopped)
        {
            return null;
        }

        _lineChars.Clear();
        var limit = _options.MaximumLineLength;
        long length = 0;
        var any = false;
        if (!_startChecked)
        {
            _startChecked = true;
            if (FillChars() && _chars[_charPos] == '\uFEFF')
            {
                _charPos++;
            }
        }

        while (true)
        {
            if (!FillChars())
            {
                if (!any)
                {
                    return null;
                }

                break;
            }

            any = true;
            var span = _chars.AsSpan(_charPos, _charEnd - _charPos);
            var end = span.IndexOfAny('\n', '\r');
            var take = end < 0 ? span.Length : end;
            if (length + take <= limit)
            {
                _lineChars.Append(span[..take]);
            }

            length += take;
            _charPos += take;
            if (end >= 0)
            {
                var cr = _chars[_charPos] == '\r';
                _charPos++;
                if (cr && FillChars() && _chars[_charPos] == '\n')
                {
                    _charPos++;
                }

                break;
            }

            if (length > (long)limit * SkipFactor)
            {
                LinesRead++;
                Stop(string.Create(CultureInfo.InvariantCulture, $"the line has no end within {length:N0} characters (the limit for a line is {limit:N0}): the text is not CSV, or its line breaks are lost; the reader stops here."));
                return string.Empty;
            }
        }

        LinesRead++;
        if (length > limit)
        {
            LineProblem(string.Create(CultureInfo.InvariantCulture, $"the line is {length:N0} characters long, more than the limit of {limit:N0}: the row is not read."));
            return string.Empty;
        }

        return _lineChars.ToString();
    }
}
