using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace PeimsRules.EdFi;

/// <summary>
/// Reads the documents of one piece of a file and keeps what they give: straight from a document's bytes when it is
/// plain, else by the reference reading.
/// </summary>
internal interface IJsonDocumentReader
{
    /// <summary>The fast reading of a document, keeping its value; <see langword="false"/> hands it to <see cref="Reference"/>.</summary>
    bool TryRead(ReadOnlySpan<byte> json);

    /// <summary>As <see cref="TryRead"/>, for a document known to be all printable ASCII but the backslash.</summary>
    bool TryReadPrintable(ReadOnlySpan<byte> json);

    /// <summary>
    /// The fast reading of a document at the start of <paramref name="text"/>, which goes on past it (the rest of a JSON
    /// array), keeping its value: <see langword="false"/> when not sure, else the document's length.
    /// </summary>
    bool TryReadAt(ReadOnlySpan<byte> text, out int length);

    /// <summary>The reference reading of a document, keeping its value when it gives one and logging its problems.</summary>
    void Reference(in EdFiDocument document, ProblemLog log);
}

/// <summary>
/// A JSON-lines file read as <see cref="JsonDocumentSplitter.SplitLines"/> splits it (LF or CRLF, blank lines skipped
/// but counted, a UTF-8 byte order mark read past), without a copy per document: lines are read in place from a
/// pooled 1 MB buffer (grown only for a longer line). A file of several megabytes is cut into runs of whole lines read
/// at once, one per core, each by its own reader; the problems are put back in file order and the readers handed back in
/// file order, so that joining their values in that order gives what a single pass gives.
/// </summary>
internal static class JsonLinesFile
{
    /// <summary>Each piece read at once is at least this long.</summary>
    public const long MinPiece = 4L << 20;

    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Reads the documents of <paramref name="path"/>, logging the problems in file order, and returns how many documents
    /// there were and the pieces' readers in file order. <paramref name="newReader"/> makes a piece's reader, given how
    /// many documents it is expected to hold: the first piece's, the whole file's (the others are joined to it).
    /// </summary>
    public static async Task<(long Documents, TReader[] Readers)> ReadAsync<TReader>(
        string path,
        EdFiResource resource,
        ProblemLog log,
        int maxParallel,
        Func<int, TReader> newReader,
        CancellationToken cancellationToken,
        long minPiece = MinPiece)
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
            pieces[i] = new Piece<TReader>(handle, cuts[i], cuts[i + 1], i == 0 ? length : cuts[i + 1] - cuts[i], resource, name, newReader, log.Mode);
        }

        if (pieces.Length == 1)
        {
            pieces[0].Read(cancellationToken);
        }
        else
        {
            await Task.WhenAll(pieces.Select(p => Task.Run(() => p.Read(cancellationToken), cancellationToken))).ConfigureAwait(false);
        }

        long documents = 0;
        foreach (var piece in pieces)
        {
            foreach (var problem in piece.Problems.Problems)
            {
                log.Add(problem);
            }

            documents += piece.Documents;
        }

        return (documents, [.. pieces.Select(p => p.Reader)]);
    }

    /// <summary>The file cut after a line feed near each <paramref name="pieces"/>th of its length: 0, the cuts, the length.</summary>
    private static List<long> Cuts(SafeFileHandle handle, long length, int pieces)
    {
        var cuts = new List<long> { 0 };
        var window = new byte[64 * 1024];
        for (var i = 1; i < pieces; i++)
        {
            var at = Math.Max(length * i / pieces, cuts[^1]);
            while (at < length)
            {
                var n = RandomAccess.Read(handle, window, at);
                if (n == 0)
                {
                    at = length;
                    break;
                }

                var newline = window.AsSpan(0, n).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    at += newline + 1;
                    break;
                }

                at += n;
            }

            if (at < length && at > cuts[^1])
            {
                cuts.Add(at);
            }
        }

        cuts.Add(length);
        return cuts;
    }

    /// <summary>How many line feeds the file has before <paramref name="end"/>: the lines before a piece.</summary>
    private static long LineFeeds(SafeFileHandle handle, long end)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long count = 0;
            for (long at = 0; at < end;)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                if (n == 0)
                {
                    break;
                }

                count += buffer.AsSpan(0, n).Count((byte)'\n');
                at += n;
            }

            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One run of whole lines, read on its own thread by its own reader, with its own problems.</summary>
    private sealed class Piece<TReader>(SafeFileHandle handle, long start, long end, long sizeFor, EdFiResource resource, string name, Func<int, TReader> newReader, EdFiErrorMode mode)
        where TReader : class, IJsonDocumentReader
    {
        private long? _linesBefore;
        private TReader? _reader;

        /// <summary>The piece's reader, made once the first buffer tells how many documents to expect.</summary>
        public TReader Reader => _reader ??= newReader(0);

        /// <summary>The piece's problems, collected (a stop-at-first read stops the piece at its first; the caller throws it).</summary>
        public ProblemLog Problems { get; } = new(EdFiErrorMode.CollectAll);

        public long Documents { get; private set; }

        public void Read(CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int filled = 0, lineStart = 0;
                var at = start;
                long line = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (lineStart > 0)
                    {
                        // Keep the unread tail.
                        buffer.AsSpan(lineStart, filled - lineStart).CopyTo(buffer);
                        filled -= lineStart;
                        lineStart = 0;
                    }
                    else if (filled == buffer.Length)
                    {
                        // One line longer than the buffer: a larger one.
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var n = at < end ? RandomAccess.Read(handle, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, end - at)), at) : 0;
                    if (at == 0 && n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        // A UTF-8 byte order mark, which some tools write: not part of the JSON.
                        lineStart = 3;
                    }

                    if (at == start && n > 0)
                    {
                        // Room for the documents to come, from the lines per byte of the first buffer: values are
                        // stored once, not copied as they grow.
                        var lines = buffer.AsSpan(0, n).Count((byte)'\n');
                        _reader ??= newReader((int)Math.Min(int.MaxValue / 2, ((sizeFor * lines / n) * 33 / 32) + 16));
                    }

                    at += n;
                    filled += n;
                    var final = n == 0 || at >= end;
                    while (true)
                    {
                        // One pass finds the line's end and whether all before it is printable ASCII but the backslash
                        // (the ODS/API's documents are), which the fast reading then need not check again.
                        var rest = buffer.AsSpan(lineStart, filled - lineStart);
                        var other = PlainJson.IndexOfNotPrintable(rest);
                        var printable = other >= 0 && rest[other] == (byte)'\n';
                        var newline = printable || other < 0 ? other : rest[other..].IndexOf((byte)'\n') is var later and >= 0 ? other + later : -1;
                        if (newline < 0)
                        {
                            break;
                        }

                        line++;
                        if (!Line(buffer.AsSpan(lineStart, newline), line, printable))
                        {
                            return;
                        }

                        lineStart += newline + 1;
                    }

                    if (final)
                    {
                        if (filled > lineStart)
                        {
                            Line(buffer.AsSpan(lineStart, filled - lineStart), line + 1, printable: false);
                        }

                        return;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>
        /// One line (numbered within the piece), <paramref name="printable"/> when known to be all printable ASCII but
        /// the backslash; <see langword="false"/> stops a stop-at-first read at its first problem.
        /// </summary>
        private bool Line(ReadOnlySpan<byte> text, long line, bool printable)
        {
            if (text.Length > 0 && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (text.Trim(" \t"u8).Length == 0)
            {
                return true;
            }

            Documents++;
            if (printable ? Reader.TryReadPrintable(text) : Reader.TryRead(text))
            {
                return true;
            }

            _linesBefore ??= start == 0 ? 0 : LineFeeds(handle, start);
            Reader.Reference(new EdFiDocument(resource, name, $"line {_linesBefore + line}", text.ToArray()), Problems);

            return mode != EdFiErrorMode.StopAtFirst || Problems.Count == 0;
        }
    }
}
