using System.Buffers;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace PeimsRules.EdFi;

/// <summary>
/// A JSON array file (as the ODS/API returns a page) read in pieces on several cores, each document read in place from
/// a pooled 1 MB buffer (grown only for a longer document), without a copy: the result is the one
/// <see cref="JsonDocumentSplitter.SplitArray"/> gives, document by document, or nothing when the pieces are not sure
/// of the file, and the caller then reads it that way.
/// </summary>
/// <remarks>
/// <para>The file is cut after a comma that looks like one between documents (<c>}</c>, the comma, <c>{</c>, with
/// whitespace between). A cut may be wrong (a comma inside a document or a string): a piece is kept only when the
/// piece before it, read from a place known to start a document, ended exactly at its cut; else the documents from
/// where that piece ended are read again, on the calling thread. So every piece kept starts at a document, and its
/// documents are the array's.</para>
/// <para>The pieces are "not sure" (and the whole file goes to the reading document by document) when the text is
/// not a JSON array of objects and arrays as that reading would split it: no <c>[</c> first, something other than
/// whitespace and one comma between documents, a document that is not valid JSON, a document that is a string, a
/// number or a literal, or an array not closed. A document the fast reading does not take goes to the reference reading
/// in its piece; its problems name it by its place in the whole array once the pieces before it are counted.</para>
/// </remarks>
internal static class JsonArrayFile
{
    private const int BufferSize = 1 << 20;

    // Utf8JsonReader's default depth limit, less the array the documents are in (the document-by-document reading
    // counts it).
    private const int MaxDocumentDepth = 63;

    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> QuoteOrEscape = SearchValues.Create("\"\\"u8);

    /// <summary>
    /// Reads the documents of <paramref name="path"/> in up to <paramref name="maxParallel"/> pieces of at least
    /// <paramref name="minPiece"/> bytes, logging the problems in file order, and returns how many documents there were
    /// and the pieces' readers in file order; <see langword="null"/>, with nothing logged, when the pieces are not sure
    /// of the file.
    /// </summary>
    public static async Task<(long Documents, TReader[] Readers)?> ReadAsync<TReader>(
        string path,
        EdFiResource resource,
        ProblemLog log,
        int maxParallel,
        Func<int, TReader> newReader,
        CancellationToken cancellationToken,
        long minPiece = JsonLinesFile.MinPiece)
        where TReader : class, IJsonDocumentReader
    {
        var name = Path.GetFileName(path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var cuts = Cuts(handle, length, (int)Math.Clamp(length / Math.Max(1, minPiece), 1, Math.Max(1, maxParallel)));
        var pieces = new Piece<TReader>[cuts.Count - 1];
        for (var i = 0; i < pieces.Length; i++)
        {
            // The first piece's reader is given room for the whole file's values: the others are joined to it.
            pieces[i] = new Piece<TReader>(handle, length, cuts[i], cuts[i + 1], i == 0 ? length : cuts[i + 1] - cuts[i], resource, name, newReader, log.Mode);
        }

        if (pieces.Length == 1)
        {
            pieces[0].Read(cancellationToken);
        }
        else
        {
            await Task.WhenAll(pieces.Select(p => Task.Run(() => p.Read(cancellationToken), cancellationToken))).ConfigureAwait(false);
        }

        // The pieces kept, each starting where the one before it ended.
        var kept = new List<Piece<TReader>> { pieces[0] };
        var next = 1;
        while (true)
        {
            var last = kept[^1];
            if (last.Outcome == PieceOutcome.NotSure)
            {
                return null;
            }

            if (last.Outcome != PieceOutcome.AtCut)
            {
                // The array's end, or a stop-at-first read's first problem: the rest is not read.
                break;
            }

            while (next < pieces.Length && cuts[next] < last.EndedAt)
            {
                next++;
            }

            if (next < pieces.Length && cuts[next] == last.EndedAt)
            {
                kept.Add(pieces[next++]);
                continue;
            }

            // The cut was not between documents: read on from where the last piece ended, to the next cut.
            var to = next < pieces.Length ? cuts[next] : length;
            var again = new Piece<TReader>(handle, length, last.EndedAt, to, to - last.EndedAt, resource, name, newReader, log.Mode);
            again.Read(cancellationToken);
            kept.Add(again);
        }

        long documents = 0;
        foreach (var piece in kept)
        {
            for (var i = 0; i < piece.Problems.Count; i++)
            {
                var problem = piece.Problems.Problems[i];
                log.Add(documents == 0 ? problem : problem with { Position = $"document {documents + piece.ProblemDocuments[i]}" });
            }

            documents += piece.Documents;
        }

        return (documents, [.. kept.Select(p => p.Reader)]);
    }

    /// <summary>0, a place after a comma that looks like one between documents near each <paramref name="pieces"/>th of the file, and the length.</summary>
    private static List<long> Cuts(SafeFileHandle handle, long length, int pieces)
    {
        var cuts = new List<long> { 0 };
        var window = new byte[64 * 1024];
        for (var i = 1; i < pieces; i++)
        {
            var at = Math.Max(length * i / pieces, cuts[^1] + 1);
            while (at < length)
            {
                var n = RandomAccess.Read(handle, window, at);
                if (n == 0)
                {
                    at = length;
                    break;
                }

                var text = window.AsSpan(0, n);
                var cut = -1;
                for (var from = 0; cut < 0;)
                {
                    var comma = text[from..].IndexOf((byte)',');
                    if (comma < 0)
                    {
                        break;
                    }

                    comma += from;
                    var before = text[..comma].TrimEnd(" \t\r\n"u8);
                    var after = text[(comma + 1)..].TrimStart(" \t\r\n"u8);
                    if (before.Length > 0 && before[^1] == (byte)'}' && after.Length > 0 && after[0] == (byte)'{')
                    {
                        cut = comma + 1;
                    }

                    from = comma + 1;
                }

                if (cut >= 0)
                {
                    at += cut;
                    break;
                }

                // Step back a little, so that a comma at the window's edge is seen with what is around it.
                at += Math.Max(1, n - 64);
            }

            if (at < length && at > cuts[^1])
            {
                cuts.Add(at);
            }
        }

        cuts.Add(length);
        return cuts;
    }

    /// <summary>
    /// The length of the object or array that <paramref name="text"/> starts with, by its brackets outside strings;
    /// 0 when the text ends before it does; -1 when the text does not start with one, or nests deeper than a document
    /// read document by document may.
    /// </summary>
    internal static int DocumentLength(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        if (text[0] is not ((byte)'{' or (byte)'['))
        {
            return -1;
        }

        var depth = 0;
        var at = 0;
        while (true)
        {
            var found = text[at..].IndexOfAny(Structure);
            if (found < 0)
            {
                return 0;
            }

            at += found;
            switch (text[at])
            {
                case (byte)'"':
                    // To the closing quote, past escapes.
                    at++;
                    while (true)
                    {
                        var q = text[at..].IndexOfAny(QuoteOrEscape);
                        if (q < 0)
                        {
                            return 0;
                        }

                        at += q;
                        if (text[at] == (byte)'"')
                        {
                            at++;
                            break;
                        }

                        at += 2;
                        if (at >= text.Length)
                        {
                            return 0;
                        }
                    }

                    break;
                case (byte)'{' or (byte)'[':
                    if (++depth > MaxDocumentDepth)
                    {
                        // Deeper than the document-by-document reading reads.
                        return -1;
                    }

                    at++;
                    break;
                default:
                    depth--;
                    at++;
                    if (depth == 0)
                    {
                        return at;
                    }

                    break;
            }
        }
    }

    /// <summary>How many documents <paramref name="bytes"/> bytes hold, going by the whole documents at the start of <paramref name="text"/>.</summary>
    private static int Expected(ReadOnlySpan<byte> text, long bytes)
    {
        var first = text.IndexOf((byte)'{');
        var at = first;
        long documents = 0;
        while (first >= 0 && at < text.Length)
        {
            var size = DocumentLength(text[at..]);
            if (size <= 0)
            {
                break;
            }

            documents++;
            at += size;
            var separator = text[at..].IndexOfAnyExcept(" \t\r\n,"u8);
            at = separator < 0 ? text.Length : at + separator;
        }

        return documents == 0 ? 16 : (int)Math.Min(int.MaxValue / 2, ((bytes * documents / Math.Max(1, at - first)) * 33 / 32) + 16);
    }

    /// <summary>Whether <paramref name="document"/> is one valid JSON value, as the document-by-document reading checks it.</summary>
    internal static bool IsValidDocument(ReadOnlySpan<byte> document)
    {
        try
        {
            var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = MaxDocumentDepth });
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return reader.BytesConsumed == document.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private enum PieceOutcome
    {
        /// <summary>The piece read past its end, to just after a comma between documents.</summary>
        AtCut,

        /// <summary>The piece read the array's closing bracket.</summary>
        ArrayEnd,

        /// <summary>A stop-at-first read met its first problem.</summary>
        Stopped,

        /// <summary>The text is not what the pieces are sure of.</summary>
        NotSure,
    }

    /// <summary>One run of whole documents, read on its own thread by its own reader, with its own problems.</summary>
    private sealed class Piece<TReader>(SafeFileHandle handle, long length, long start, long end, long sizeFor, EdFiResource resource, string name, Func<int, TReader> newReader, EdFiErrorMode mode)
        where TReader : class, IJsonDocumentReader
    {
        private byte[] _buffer = [];
        private long _bufferAt;
        private int _filled;
        private int _at;
        private TReader? _reader;

        /// <summary>The piece's reader, made once the first buffer tells how many documents to expect.</summary>
        public TReader Reader => _reader ??= newReader(0);

        /// <summary>The piece's problems, collected, each of the document numbered in <see cref="ProblemDocuments"/>.</summary>
        public ProblemLog Problems { get; } = new(EdFiErrorMode.CollectAll);

        /// <summary>Each problem's document, numbered from 1 in the piece.</summary>
        public List<long> ProblemDocuments { get; } = [];

        public long Documents { get; private set; }

        public PieceOutcome Outcome { get; private set; } = PieceOutcome.NotSure;

        /// <summary>Where the piece ended, when it ended at a cut: just after the comma.</summary>
        public long EndedAt { get; private set; }

        public void Read(CancellationToken cancellationToken)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            _bufferAt = start;
            try
            {
                Outcome = ReadDocuments(cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }

        private PieceOutcome ReadDocuments(CancellationToken cancellationToken)
        {
            if (!More())
            {
                return PieceOutcome.NotSure;
            }

            if (start == 0)
            {
                // The array's start: a UTF-8 byte order mark, which some tools write, whitespace and '['.
                if (_filled >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _at = 3;
                }

                if (Next() != (byte)'[')
                {
                    return PieceOutcome.NotSure;
                }

                _at++;
                if (Next() == (byte)']')
                {
                    return PieceOutcome.ArrayEnd;
                }
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Next() < 0)
                {
                    return PieceOutcome.NotSure;
                }

                // A document in the shape the fast reading knows is read where it starts, and gives its length;
                // any other is found by its brackets first.
                int size;
                var read = false;
                while (!(read = Reader.TryReadAt(_buffer.AsSpan(_at, _filled - _at), out size))
                    && (size = DocumentLength(_buffer.AsSpan(_at, _filled - _at))) == 0)
                {
                    if (!More())
                    {
                        return PieceOutcome.NotSure;
                    }
                }

                if (size < 0)
                {
                    return PieceOutcome.NotSure;
                }

                var document = _buffer.AsSpan(_at, size);
                Documents++;
                if (!read && !Reader.TryRead(document))
                {
                    if (!IsValidDocument(document))
                    {
                        return PieceOutcome.NotSure;
                    }

                    var before = Problems.Count;
                    Reader.Reference(new EdFiDocument(resource, name, $"document {Documents}", document.ToArray()), Problems);
                    for (var i = before; i < Problems.Count; i++)
                    {
                        ProblemDocuments.Add(Documents);
                    }

                    if (mode == EdFiErrorMode.StopAtFirst && Problems.Count > 0)
                    {
                        return PieceOutcome.Stopped;
                    }
                }

                _at += size;
                switch (Next())
                {
                    case (byte)',':
                        _at++;
                        if (_bufferAt + _at >= end)
                        {
                            EndedAt = _bufferAt + _at;
                            return PieceOutcome.AtCut;
                        }

                        break;
                    case (byte)']':
                        return PieceOutcome.ArrayEnd;
                    default:
                        return PieceOutcome.NotSure;
                }
            }
        }

        /// <summary>The next byte after JSON whitespace, read in as needed; -1 at the end of the file.</summary>
        private int Next()
        {
            while (true)
            {
                var rest = _buffer.AsSpan(_at, _filled - _at);
                var skip = rest.IndexOfAnyExcept(" \t\r\n"u8);
                if (skip >= 0)
                {
                    _at += skip;
                    return _buffer[_at];
                }

                _at = _filled;
                if (!More())
                {
                    return -1;
                }
            }
        }

        /// <summary>Reads more of the file after what is unread, keeping it; <see langword="false"/> at the end of the file.</summary>
        private bool More()
        {
            if (_at > 0)
            {
                _buffer.AsSpan(_at, _filled - _at).CopyTo(_buffer);
                _bufferAt += _at;
                _filled -= _at;
                _at = 0;
            }
            else if (_filled == _buffer.Length)
            {
                // One document longer than the buffer: a larger one.
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _filled).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            var from = _bufferAt + _filled;
            var n = from < length ? RandomAccess.Read(handle, _buffer.AsSpan(_filled), from) : 0;
            if (n > 0 && _reader is null)
            {
                // Room for the documents to come, from the documents per byte of the first buffer: values are stored
                // once, not copied as they grow.
                _reader = newReader(Expected(_buffer.AsSpan(_filled, n), sizeFor));
            }

            _filled += n;
            return n > 0;
        }
    }
}
