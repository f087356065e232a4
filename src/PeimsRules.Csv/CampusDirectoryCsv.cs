namespace PeimsRules.Csv;

/// <summary>
/// A campus directory: <c>CampusId,CampusName</c>, so reports can show names. Same bad-input contract as the other
/// layouts; a campus listed twice is a problem of its second line.
/// </summary>
public static class CampusDirectoryCsv
{
    /// <summary>CampusId (E0266): nine digits.</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id.");

    /// <summary>CampusName: the campus's name, as people know it.</summary>
    public static CsvColumn CampusName { get; } = new("CampusName", null, true, "the campus's name.");

    /// <summary>The columns of the layout.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } = [CampusId, CampusName];

    /// <summary>Reads a directory file into names by campus.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names its line, column and value.</exception>
    public static IReadOnlyDictionary<CampusId, string> ReadFile(string path) => ReadFile(path, CsvInputOptions.Default);

    /// <summary>Reads a directory file into names by campus, with the given encoding and limits.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names its line, column and value.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static IReadOnlyDictionary<CampusId, string> ReadFile(string path, CsvInputOptions options) =>
        Names(CsvTableReader.ReadFile(path, Columns, Map, CsvErrorMode.StopAtFirst, OneRowPerCampus, options));

    /// <summary>Reads directory text into names by campus.</summary>
    /// <exception cref="PeimsCsvException">The text has a problem.</exception>
    public static IReadOnlyDictionary<CampusId, string> Read(TextReader reader, string fileName) =>
        Names(CsvTableReader.Read(reader, fileName, Columns, Map, CsvErrorMode.StopAtFirst, OneRowPerCampus));

    private static UniqueKey<(CampusId Campus, string Name), CampusId> OneRowPerCampus { get; } = new(
        r => r.Campus, k => $"campus {k}", "a campus is listed once, with one name.");

    private static (CampusId Campus, string Name) Map(CsvRowReader row) =>
        (row.Required(CampusId, PeimsRules.CampusId.Parse), row.Required(CampusName, s => s));

    private static IReadOnlyDictionary<CampusId, string> Names(CsvReadResult<(CampusId Campus, string Name)> result) =>
        result.Records.ToDictionary(r => r.Campus, r => r.Name).AsReadOnly();
}
