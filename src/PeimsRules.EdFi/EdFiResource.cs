namespace PeimsRules.EdFi;

/// <summary>
/// An Ed-Fi API resource: its project namespace (<c>ed-fi</c> for the core Data Standard, <c>tx</c> for TEA's Texas
/// extension) and its plural camelCase name as the ODS/API spells it (<c>/data/v3/tx/basicReportingPeriodAttendances</c>).
/// In a folder, the resource is the file named by <see cref="Name"/> (<c>basicReportingPeriodAttendances.json</c>).
/// </summary>
/// <param name="Namespace">The project namespace: <c>ed-fi</c> or <c>tx</c>.</param>
/// <param name="Name">The resource name, plural camelCase.</param>
public sealed record EdFiResource(string Namespace, string Name)
{
    /// <summary>Ed-Fi core <c>schools</c>.</summary>
    public static EdFiResource Schools { get; } = new("ed-fi", "schools");

    /// <summary>Ed-Fi core <c>calendars</c>.</summary>
    public static EdFiResource Calendars { get; } = new("ed-fi", "calendars");

    /// <summary>Ed-Fi core <c>calendarDates</c>.</summary>
    public static EdFiResource CalendarDates { get; } = new("ed-fi", "calendarDates");

    /// <summary>Ed-Fi core <c>gradingPeriods</c>.</summary>
    public static EdFiResource GradingPeriods { get; } = new("ed-fi", "gradingPeriods");

    /// <summary>Ed-Fi core <c>classPeriods</c>.</summary>
    public static EdFiResource ClassPeriods { get; } = new("ed-fi", "classPeriods");

    /// <summary>Ed-Fi core <c>studentSchoolAssociations</c> (with the Texas <c>_ext.tx</c> ADA eligibility).</summary>
    public static EdFiResource StudentSchoolAssociations { get; } = new("ed-fi", "studentSchoolAssociations");

    /// <summary>Ed-Fi core <c>studentEducationOrganizationAssociations</c> (with the Texas <c>_ext.tx</c> sets).</summary>
    public static EdFiResource StudentEducationOrganizationAssociations { get; } = new("ed-fi", "studentEducationOrganizationAssociations");

    /// <summary>Ed-Fi core <c>studentSchoolAttendanceEvents</c>.</summary>
    public static EdFiResource StudentSchoolAttendanceEvents { get; } = new("ed-fi", "studentSchoolAttendanceEvents");

    /// <summary>Ed-Fi core <c>studentSectionAttendanceEvents</c>.</summary>
    public static EdFiResource StudentSectionAttendanceEvents { get; } = new("ed-fi", "studentSectionAttendanceEvents");

    /// <summary>Ed-Fi core <c>studentSpecialEducationProgramAssociations</c>.</summary>
    public static EdFiResource StudentSpecialEducationProgramAssociations { get; } = new("ed-fi", "studentSpecialEducationProgramAssociations");

    /// <summary>Ed-Fi core <c>studentLanguageInstructionProgramAssociations</c> (bilingual/ESL; E1651 under <c>_ext.tx</c>).</summary>
    public static EdFiResource StudentLanguageInstructionProgramAssociations { get; } = new("ed-fi", "studentLanguageInstructionProgramAssociations");

    /// <summary>TEA's <c>tx.reportingPeriodExts</c>: the reporting periods of a calendar and their days taught.</summary>
    public static EdFiResource ReportingPeriodExts { get; } = new("tx", "reportingPeriodExts");

    /// <summary>TEA's <c>tx.basicReportingPeriodAttendances</c> (the 42400 record).</summary>
    public static EdFiResource BasicReportingPeriodAttendances { get; } = new("tx", "basicReportingPeriodAttendances");

    /// <summary>TEA's <c>tx.specialProgramsReportingPeriodAttendances</c>.</summary>
    public static EdFiResource SpecialProgramsReportingPeriodAttendances { get; } = new("tx", "specialProgramsReportingPeriodAttendances");

    /// <summary>TEA's <c>tx.bilingualESLProgramReportingPeriodAttendances</c>.</summary>
    public static EdFiResource BilingualEslProgramReportingPeriodAttendances { get; } = new("tx", "bilingualESLProgramReportingPeriodAttendances");

    /// <summary>The resource as the API path names it: <c>tx/basicReportingPeriodAttendances</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>
/// One Ed-Fi document as a source hands it over: its UTF-8 JSON text, where it came from, and its position there. A
/// source that meets text it cannot split into documents hands over a document with <see cref="Problem"/> set and
/// reads no further in that file or page.
/// </summary>
public readonly record struct EdFiDocument
{
    /// <summary>Creates a document.</summary>
    public EdFiDocument(EdFiResource resource, string source, string position, ReadOnlyMemory<byte> utf8Json, EdFiProblem? problem = null)
    {
        Resource = resource;
        Source = source;
        Position = position;
        Utf8Json = utf8Json;
        Problem = problem;
    }

    /// <summary>The resource the document belongs to.</summary>
    public EdFiResource Resource { get; }

    /// <summary>The file (or the resource and page of an API pull) the document came from.</summary>
    public string Source { get; }

    /// <summary>Its position there: <c>document 3</c> (1-based, in a JSON array) or <c>line 7</c> (JSON lines).</summary>
    public string Position { get; }

    /// <summary>The document's JSON text, UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The problem that stopped the source here, or <see langword="null"/> for a readable document.</summary>
    public EdFiProblem? Problem { get; }
}

/// <summary>
/// Where Ed-Fi documents come from: a folder of files (<see cref="EdFiFolderSource"/>) or a live ODS/API
/// (<see cref="EdFiApiSource"/>). Documents come one at a time, so memory does not grow with the size of a resource.
/// </summary>
public interface IEdFiSource
{
    /// <summary>A name for messages: the folder, or the API's address.</summary>
    string Name { get; }

    /// <summary>
    /// The documents of <paramref name="resource"/>, in the source's order. A resource the source does not have gives
    /// no documents when <paramref name="required"/> is <see langword="false"/>; when it is <see langword="true"/>, the
    /// source throws <see cref="EdFiDataException"/> (a folder) or <see cref="EdFiApiException"/> (an API) naming it.
    /// </summary>
    IAsyncEnumerable<EdFiDocument> ReadAsync(EdFiResource resource, bool required, CancellationToken cancellationToken = default);
}
