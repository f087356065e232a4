namespace PeimsRules.Csv;

/// <summary>The character encodings the readers accept.</summary>
public enum CsvTextEncoding
{
    /// <summary>UTF-8, with or without a byte order mark (the default). Bytes that are not valid UTF-8 are a problem of their line.</summary>
    Utf8 = 0,

    /// <summary>
    /// Windows-1252 (Western European), which many Texas student information systems export. The five bytes it does not
    /// define (0x81, 0x8D, 0x8F, 0x90, 0x9D) are a problem of their line.
    /// </summary>
    Windows1252 = 1,
}

/// <summary>
/// How a reader takes its input: the encoding and the limits that keep a damaged or endless input from using unbounded
/// memory (docs/input-contract.md). Every limit passed is a problem naming the file and line, never a silent cut.
/// </summary>
public sealed record CsvInputOptions
{
    /// <summary>The default maximum length of a line, in bytes: 65,536.</summary>
    public const int DefaultMaximumLineLength = 65_536;

    /// <summary>The default maximum length of a field, in characters: 1,000.</summary>
    public const int DefaultMaximumFieldLength = 1_000;

    /// <summary>The default number of problems after which a collect-all read stops: 10,000.</summary>
    public const int DefaultMaximumProblems = 10_000;

    private readonly int _maximumLineLength = DefaultMaximumLineLength;
    private readonly int _maximumFieldLength = DefaultMaximumFieldLength;
    private readonly int _maximumProblems = DefaultMaximumProblems;

    /// <summary>The defaults: UTF-8, lines of at most 65,536 bytes, fields of at most 1,000 characters, 10,000 problems.</summary>
    public static CsvInputOptions Default { get; } = new();

    /// <summary>The encoding of files and streams.</summary>
    /// <value>Default <see cref="CsvTextEncoding.Utf8"/>. Text already decoded (a <see cref="TextReader"/>) is taken as it is.</value>
    public CsvTextEncoding Encoding { get; init; } = CsvTextEncoding.Utf8;

    /// <summary>
    /// The longest line read, in bytes of the file (characters of a <see cref="TextReader"/>), without its line break.
    /// A longer line is a problem of its own line and is skipped to its end; when no line break comes within 64 times
    /// the limit (an endless input, a file with no line breaks), the reader stops there with a problem.
    /// </summary>
    /// <value>Default <see cref="DefaultMaximumLineLength"/>; at least 256.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 256.</exception>
    public int MaximumLineLength
    {
        get => _maximumLineLength;
        init => _maximumLineLength = value >= 256 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A line limit is at least 256 bytes.");
    }

    /// <summary>The longest field, in characters. A longer field is a problem of its row, which is not read.</summary>
    /// <value>Default <see cref="DefaultMaximumFieldLength"/>; at least 16.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 16.</exception>
    public int MaximumFieldLength
    {
        get => _maximumFieldLength;
        init => _maximumFieldLength = value >= 16 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A field limit is at least 16 characters.");
    }

    /// <summary>
    /// In collect-all mode, the number of problems after which the reader stops, with a last problem saying where it
    /// stopped (so that an endless stream of bad rows cannot fill the memory).
    /// </summary>
    /// <value>Default <see cref="DefaultMaximumProblems"/>; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaximumProblems
    {
        get => _maximumProblems;
        init => _maximumProblems = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one problem must be allowed.");
    }
}
