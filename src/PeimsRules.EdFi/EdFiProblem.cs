namespace PeimsRules.EdFi;

/// <summary>What kind of problem an <see cref="EdFiProblem"/> is.</summary>
public enum EdFiProblemKind
{
    /// <summary>The text is not valid JSON (or not a JSON array / one document a line); the rest of that file or page is not read.</summary>
    MalformedJson = 0,

    /// <summary>A field the model requires is absent or null.</summary>
    MissingField = 1,

    /// <summary>A value of the wrong type or shape: text where a number belongs, a date that is not a date, a malformed id.</summary>
    InvalidValue = 2,

    /// <summary>A value outside the model's range (days 0 to 180 with one decimal whose digit is 0 or 5, days taught 1 to 180).</summary>
    OutOfRange = 3,

    /// <summary>A descriptor whose code value the library does not know (or that the category mapping does not map).</summary>
    UnknownDescriptor = 4,

    /// <summary>A reference to a school, calendar or class period that is not in the data.</summary>
    MissingReference = 5,

    /// <summary>A second document with the key of an earlier one (42400-000A: one record per key).</summary>
    DuplicateKey = 6,

    /// <summary>Values that do not fit together (membership above days taught, days taught that disagree with the calendar).</summary>
    InconsistentDocument = 7,
}

/// <summary>
/// One problem found in Ed-Fi data: where it is (the file, or the resource and page of an API pull; the document's
/// position and id), the field, the value, and what is wrong with it.
/// </summary>
/// <param name="Source">The file as the caller named it, or the resource and page of an API pull.</param>
/// <param name="Position">The document's position: <c>document 3</c> in a JSON array (1-based), <c>line 7</c> in a JSON-lines file; <see langword="null"/> when the problem is the whole source's.</param>
/// <param name="DocumentId">The document's id or natural key when it has one (<c>student 1000000001, school 101912001, ...</c>).</param>
/// <param name="Field">The field, as the Ed-Fi model names it (<c>totalDaysAbsent</c>, <c>studentReference.studentUniqueId</c>).</param>
/// <param name="Value">The value as it was written, or <see langword="null"/> when there was none.</param>
/// <param name="Message">What is wrong, and what is allowed instead.</param>
/// <param name="Kind">What kind of problem it is.</param>
public sealed record EdFiProblem(
    string Source,
    string? Position,
    string? DocumentId,
    string? Field,
    string? Value,
    string Message,
    EdFiProblemKind Kind = EdFiProblemKind.InvalidValue)
{
    /// <summary>The problem in one line: <c>studentSchoolAttendanceEvents.json, document 3 (id ...), field eventDate, value '2024-13-01': ...</c>.</summary>
    public override string ToString()
    {
        var where = Source;
        if (Position is not null)
        {
            where += ", " + Position;
        }

        if (DocumentId is not null)
        {
            where += $" ({DocumentId})";
        }

        if (Field is not null)
        {
            where += $", field {Field}";
        }

        if (Value is not null)
        {
            where += $", value '{Value}'";
        }

        return $"{where}: {Message}";
    }
}

/// <summary>Whether a reader stops at the first problem or reads on and lists every problem.</summary>
public enum EdFiErrorMode
{
    /// <summary>Throw <see cref="EdFiDataException"/> at the first problem.</summary>
    StopAtFirst = 0,

    /// <summary>Read every document, and return every problem beside what could be read.</summary>
    CollectAll = 1,
}

/// <summary>
/// The error a reader throws for bad Ed-Fi data: at the first problem (<see cref="EdFiErrorMode.StopAtFirst"/>), or
/// when a collect-all read found problems and its caller asked for records that cannot be trusted.
/// </summary>
public sealed class EdFiDataException : Exception
{
    /// <summary>Creates the error for <paramref name="problems"/> (at least one).</summary>
    public EdFiDataException(IReadOnlyList<EdFiProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<EdFiProblem> Problems { get; }

    private static string Describe(IReadOnlyList<EdFiProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "The Ed-Fi data has problems.",
            1 => problems[0].ToString(),
            _ => $"{problems.Count} problems in the Ed-Fi data:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)),
        };
    }
}

/// <summary>Collects problems, throwing at the first one in <see cref="EdFiErrorMode.StopAtFirst"/> mode.</summary>
internal sealed class ProblemLog(EdFiErrorMode mode)
{
    private readonly List<EdFiProblem> _problems = [];

    public IReadOnlyList<EdFiProblem> Problems => _problems;

    public int Count => _problems.Count;

    public EdFiErrorMode Mode => mode;

    public void Add(EdFiProblem problem)
    {
        _problems.Add(problem);
        if (mode == EdFiErrorMode.StopAtFirst)
        {
            throw new EdFiDataException([problem]);
        }
    }

    public void Add(in EdFiDocument document, string? id, string? field, string? value, string message, EdFiProblemKind kind) =>
        Add(new EdFiProblem(document.Source, document.Position, id, field, value, message, kind));
}
