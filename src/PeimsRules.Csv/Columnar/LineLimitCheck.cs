using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PeimsRules.Csv.Columnar;

/// <summary>
/// The input contract's line limit (<see cref="CsvInputOptions.MaximumLineLength"/>) for the store's loader, which
/// parses with CsvHelper straight from the input and so never sees lines: every line of a row lies between the row's
/// start and the next row's start (<c>CsvReader.ByteOffset</c>), so a row whose bytes are within the limit has no line
/// beyond it, and only a longer one (rare) is read again from the input, line by line. An over-long line is the
/// problem the contract's reader (<see cref="CsvInputText"/>) reports, with the same line and message.
/// </summary>
/// <remarks>
/// Line breaks are counted as the contract's reader counts them (LF, CR LF, a lone CR); a UTF-8 byte order mark at the
/// start of the input is not part of the first line. Text (a <see cref="TextReader"/>) is limited in characters, as the
/// contract's reader limits it. Where a line has no end within 64 times the limit the contract's reader stops reading;
/// so does the loader, with a problem of that line (whose byte count may differ from the contract reader's, which
/// counts to the end of its read buffer: a load with this problem is read again by that reader, see
/// <see cref="AttendanceStoreCsv.LoadFile(string, AttendanceStoreCsvOptions)"/>).
/// </remarks>
internal sealed class LineLimitCheck : IDisposable
{
    private const int ChunkBytes = 1 << 16;

    private readonly ReadAt? _readAt;
    private readonly string _fileName;
    private readonly int _limit;
    private readonly bool _characters;
    private readonly IDisposable? _owned;

    private LineLimitCheck(ReadAt? readAt, long? totalBytes, string fileName, int limit, bool characters, IDisposable? owned)
    {
        _readAt = readAt;
        TotalBytes = totalBytes;
        _fileName = fileName;
        _limit = limit;
        _characters = characters;
        _owned = owned;
    }

    /// <summary>Reads the input's bytes at an offset (from the input's start) into a buffer; the count read, 0 at the end.</summary>
    private delegate int ReadAt(long offset, Span<byte> buffer);

    /// <summary>The length of the input in bytes, or <see langword="null"/> when it is not known (its last row is then not checked).</summary>
    public long? TotalBytes { get; }

    /// <summary>The check of a file, read again through its own handle.</summary>
    public static LineLimitCheck ForFile(string path, int limit)
    {
        SafeFileHandle? handle = null;
        var length = new FileInfo(path).Length;
        int Read(long offset, Span<byte> buffer)
        {
            handle ??= File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return RandomAccess.Read(handle, buffer, offset);
        }

        return new LineLimitCheck(Read, length, path, limit, characters: false, new Disposer(() => handle?.Dispose()));
    }

    /// <summary>
    /// The check of a stream read from <paramref name="start"/>: a file stream is read again through its handle, a memory
    /// stream from its buffer; any other stream cannot be read again, and its long rows are not checked. The limit is in
    /// characters, as the canonical reader that reads a stream again takes it (as text).
    /// </summary>
    public static LineLimitCheck ForStream(Stream stream, long start, string fileName, int limit)
    {
        long? total = stream.CanSeek ? stream.Length - start : null;
        SafeFileHandle? handle = null;
        ReadAt? read = stream switch
        {
            // A handle of its own: the stream's, read at an offset, would move the stream's position on some systems.
            FileStream { CanSeek: true } file => (offset, buffer) =>
                RandomAccess.Read(handle ??= File.OpenHandle(file.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), buffer, start + offset),
            MemoryStream memory when memory.TryGetBuffer(out var bytes) => (offset, buffer) => Slice(bytes.AsSpan(), start + offset, buffer),
            MemoryStream memory => CopyOf(memory, start),
            _ => null,
        };
        return new LineLimitCheck(read, total, fileName, limit, characters: true, new Disposer(() => handle?.Dispose()));
    }

    private static ReadAt CopyOf(MemoryStream memory, long start)
    {
        // A memory stream whose buffer is not exposed is copied, once, if a row is long enough to be looked at.
        byte[]? copy = null;
        return (offset, buffer) => Slice(copy ??= memory.ToArray(), start + offset, buffer);
    }

    /// <summary>The check of text held whole: offsets are of its UTF-8 form (as CsvHelper counts them), the limit is in characters.</summary>
    public static LineLimitCheck ForText(string text, string fileName, int limit)
    {
        // The UTF-8 form is made only if a row is long enough to be looked at.
        byte[]? utf8 = null;
        int Read(long offset, Span<byte> buffer) => Slice(utf8 ??= Encoding.UTF8.GetBytes(text), offset, buffer);
        return new LineLimitCheck(Read, Encoding.UTF8.GetByteCount(text), fileName, limit, characters: true, owned: null);
    }

    /// <summary>
    /// Reports each line beyond the limit among the lines from <paramref name="start"/> to <paramref name="end"/> (the
    /// first being line <paramref name="line"/>), stopping after the first line that is not empty when
    /// <paramref name="firstLineOnly"/> (the header).
    /// </summary>
    /// <param name="start">The offset of the first line's start.</param>
    /// <param name="end">The offset where the lines end (the next row's start, or the input's end); <see langword="null"/> when not known.</param>
    /// <param name="line">The number of the first line.</param>
    /// <param name="report">Receives each problem, in line order.</param>
    /// <param name="firstLineOnly">Whether to stop after the first line that is not empty.</param>
    /// <returns>
    /// Whether the first line that is not empty is beyond the limit (its row is not read), whether the reader stops (a
    /// line with no end in sight), and where the lines looked at end.
    /// </returns>
    public (bool FirstOver, bool Stop, long End, long NextLine) Check(long start, long? end, long line, Action<CsvProblem> report, bool firstLineOnly = false)
    {
        if (end is { } e && e - start <= _limit && !firstLineOnly)
        {
            return (false, false, e, line);
        }

        if (_readAt is null)
        {
            // An input that cannot be read again: a long row is taken as one line of its bytes (break included), whose
            // problem a canonical reading of the input, where the loader can make one, states exactly.
            if (end is { } stop && !firstLineOnly)
            {
                report(Problem(line, string.Create(CultureInfo.InvariantCulture, $"the line is {stop - start:N0} bytes long, more than the limit of {_limit:N0}: the row is not read.")));
                return (true, false, stop, line + 1);
            }

            return (false, false, end ?? start, line);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var decoder = _characters ? new UTF8Encoding(false, false).GetDecoder() : null;
            var pos = start;
            if (start == 0)
            {
                var n = _readAt(0, buffer.AsSpan(0, 3));
                if (n == 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    pos = 3;
                }
            }

            long length = 0;
            var afterCr = false;
            var firstOver = false;
            var seenContent = false;
            var limit = end ?? long.MaxValue;
            while (pos < limit)
            {
                var read = _readAt(pos, buffer.AsSpan(0, (int)Math.Min(ChunkBytes, limit - pos)));
                if (read <= 0)
                {
                    break;
                }

                var span = buffer.AsSpan(0, read);
                var i = 0;
                if (afterCr && span[0] == (byte)'\n')
                {
                    i = 1;
                }

                afterCr = false;
                while (i < read)
                {
                    var rest = span[i..];
                    var at = rest.IndexOfAny((byte)'\n', (byte)'\r');
                    var take = at < 0 ? rest.Length : at;
                    length += decoder is null ? take : decoder.GetCharCount(rest[..take], flush: at >= 0);
                    if (at < 0)
                    {
                        i = read;
                        break;
                    }

                    i += take + 1;
                    if (rest[at] == (byte)'\r')
                    {
                        if (i < read)
                        {
                            i += span[i] == (byte)'\n' ? 1 : 0;
                        }
                        else
                        {
                            afterCr = true;
                        }
                    }

                    if (EndLine() is { } done)
                    {
                        return (firstOver, false, pos + i, line);
                    }
                }

                pos += read;
                if (length > (long)_limit * CsvInputText.SkipFactor)
                {
                    var unit = _characters ? "characters" : "bytes";
                    var what = _characters ? "the text is not CSV" : "the file is not CSV text";
                    report(Problem(line, string.Create(CultureInfo.InvariantCulture, $"the line has no end within {length:N0} {unit} (the limit for a line is {_limit:N0}): {what}, or its line breaks are lost; the reader stops here.")));
                    return (firstOver || !seenContent, true, pos, line + 1);
                }
            }

            if (length > 0)
            {
                EndLine();
            }

            return (firstOver, false, pos, line);

            bool? EndLine()
            {
                if (length > _limit)
                {
                    report(Problem(line, string.Create(CultureInfo.InvariantCulture, $"the line is {length:N0} {(_characters ? "characters" : "bytes")} long, more than the limit of {_limit:N0}: the row is not read.")));
                    firstOver |= !seenContent;
                }

                var wasContent = length > 0;
                seenContent |= wasContent;
                line++;
                length = 0;
                return firstLineOnly && wasContent ? true : null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _owned?.Dispose();

    private CsvProblem Problem(long line, string message) => new(_fileName, line, null, null, message, CsvProblemKind.MalformedCsv);

    private static int Slice(ReadOnlySpan<byte> bytes, long offset, Span<byte> buffer)
    {
        if (offset >= bytes.Length)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Slice((int)offset, n).CopyTo(buffer);
        return n;
    }

    private sealed class Disposer(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
