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
    public static IReadOnlyDictionary<CampusId, string> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads directory text into names by campus.</summary>
    /// <exception cref="PeimsCsvException">The text has a problem.</exception>
    public static IReadOnlyDictionary<CampusId, string> Read(TextReader reader, string fileName)
    {
        var names = new Dictionary<CampusId, string>();
        CsvTableReader.Read(reader, fileName, Columns, row =>
        {
            var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
            var name = row.Required(CampusName, s => s);
            if (!names.TryAdd(campus, name))
            {
                throw row.Problem(CampusId, row.Raw(CampusId), "the campus is listed twice.", CsvProblemKind.InconsistentRecord);
            }

            return campus;
        }, CsvErrorMode.StopAtFirst);
        return names.AsReadOnly();
    }
}
