using System.Text.Json;

namespace PeimsRules.EdFi;

/// <summary>
/// Splits a JSON array into its elements' text without building the array: a <see cref="Utf8JsonReader"/> over a
/// buffer that is refilled from the stream, so memory holds one document (and one buffer) at a time, whatever the
/// size of the file. Also splits JSON lines (one document a line).
/// </summary>
internal static class JsonDocumentSplitter
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>The elements of the JSON array in <paramref name="stream"/>; a document with a problem ends the sequence when the text is not such an array.</summary>
    public static IEnumerable<EdFiDocument> SplitArray(Stream stream, EdFiResource resource, string source)
    {
        var buffer = new byte[InitialBuffer];
        int filled = 0, start = 0;
        var final = false;
        var state = default(JsonReaderState);
        var startedArray = false;
        var index = 0;
        while (true)
        {
            string? error = null;
            var needMore = false;
            var done = false;
            ReadOnlyMemory<byte> element = default;
            try
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(start, filled - start), final, state);
                if (!startedArray)
                {
                    if (!reader.Read())
                    {
                        needMore = !final;
                        if (final)
                        {
                            error = "the file is empty: a resource file holds a JSON array of documents ([] for none).";
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        error = "a .json resource file holds a JSON array of documents; this one does not start with '['.";
                    }
                    else
                    {
                        startedArray = true;
                        start += (int)reader.BytesConsumed;
                        state = reader.CurrentState;
                        continue;
                    }
                }
                else if (!reader.Read())
                {
                    needMore = !final;
                    if (final)
                    {
                        error = "the JSON array is not closed with ']'.";
                    }
                }
                else if (reader.TokenType == JsonTokenType.EndArray)
                {
                    done = true;
                }
                else
                {
                    var elementStart = start + (int)reader.TokenStartIndex;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        needMore = true;
                    }
                    else
                    {
                        var end = start + (int)reader.BytesConsumed;
                        element = buffer.AsMemory(elementStart, end - elementStart).ToArray();
                        start = end;
                        state = reader.CurrentState;
                    }
                }
            }
            catch (JsonException e)
            {
                error = $"not valid JSON after document {index}: {e.Message}";
            }

            if (error is not null)
            {
                yield return new EdFiDocument(resource, source, $"document {index + 1}", default, new EdFiProblem(source, $"document {index + 1}", null, null, null, error + " The rest of the file was not read.", EdFiProblemKind.MalformedJson));
                yield break;
            }

            if (done)
            {
                yield break;
            }

            if (needMore)
            {
                if (final)
                {
                    yield return new EdFiDocument(resource, source, $"document {index + 1}", default, new EdFiProblem(source, $"document {index + 1}", null, null, null, "the file ends inside a document. The rest of the file was not read.", EdFiProblemKind.MalformedJson));
                    yield break;
                }

                // Keep the unread tail, grow the buffer when one document does not fit, and read more.
                var tail = filled - start;
                if (start == 0 && tail == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, tail);
                }

                start = 0;
                filled = tail;
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                final = read == 0;
                if (!startedArray && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    // A UTF-8 byte order mark, which some tools write: not part of the JSON.
                    start = 3;
                }

                continue;
            }

            index++;
            yield return new EdFiDocument(resource, source, $"document {index}", element);
        }
    }

    /// <summary>The documents of a JSON-lines stream, one a line (LF or CRLF); blank lines are skipped. Read as bytes, never as text.</summary>
    public static IEnumerable<EdFiDocument> SplitLines(Stream stream, EdFiResource resource, string source)
    {
        var buffer = new byte[InitialBuffer];
        int filled = 0, start = 0, scanned = 0;
        var line = 0;
        var final = false;
        var first = true;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', scanned, filled - scanned);
            if (newline < 0 && !final)
            {
                // Keep the unread tail, grow the buffer when one line does not fit, and read more.
                var tail = filled - start;
                if (start == 0 && tail == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, tail);
                }

                scanned = tail;
                start = 0;
                filled = tail;
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                final = read == 0;
                if (first && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    // A UTF-8 byte order mark, which some tools write: not part of the JSON.
                    start = scanned = 3;
                }

                first = false;
                continue;
            }

            var end = newline < 0 ? filled : newline;
            if (newline < 0 && end == start)
            {
                yield break;
            }

            line++;
            var length = end - start;
            if (length > 0 && buffer[start + length - 1] == (byte)'\r')
            {
                length--;
            }

            var text = buffer.AsSpan(start, length);
            if (text.Trim(" \t"u8).Length > 0)
            {
                yield return new EdFiDocument(resource, source, $"line {line}", text.ToArray());
            }

            start = scanned = newline < 0 ? filled : newline + 1;
            if (newline < 0)
            {
                yield break;
            }
        }
    }
}
