using PeimsRules.Accountability;

namespace PeimsRules.Csv.Accountability;

/// <summary>
/// The leavers file: one row per leaver record (PEIMS 203): school year, last campus, student, grade and leaver reason
/// code, checked against the leaver-code table in force for the row's school year (<see cref="LeaverCodes"/>).
/// </summary>
/// <remarks>
/// Problems name the file, line, column and value: an unknown leaver code (never guessed), a year with no leaver-code
/// table, a bad campus or grade, a missing required column or value, malformed CSV.
/// </remarks>
public static class LeaverRecordCsv
{
    /// <summary>SchoolYear (E0974): the year the student left in, named by the year it ends in.</summary>
    public static CsvColumn SchoolYear { get; } = new("SchoolYear", "E0974", true, "the school year the student left in, written as the year it ends in (2025 for 2024-25).");

    /// <summary>CampusId (E0266): the last campus of enrollment.</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit id of the last campus of enrollment.");

    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id.");

    /// <summary>GradeLevel (E0017).</summary>
    public static CsvColumn GradeLevel { get; } = new("GradeLevel", "E0017", true, "the grade the student left from: EE, PK, KG, 01 to 12.");

    /// <summary>LeaverCode: the leaver reason code.</summary>
    public static CsvColumn LeaverCode { get; } = new("LeaverCode", null, true, "the two-digit leaver reason code of the year's table (TEA Accountability Manual, Appendix D, table 31: 01, 03, 16, 24, 60, 66, 78, 81, 82, 83, 85, 86, 98).");

    /// <summary>The columns of the layout, in order.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } = [SchoolYear, CampusId, StudentId, GradeLevel, LeaverCode];

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<LeaverRecord> ReadFile(string path, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, mode);
    }

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<LeaverRecord> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        CsvTableReader.Read(reader, fileName, Columns, Map, mode);

    private static LeaverRecord Map(CsvRowReader row)
    {
        var year = row.Required(SchoolYear, PeimsRules.SchoolYear.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var grade = row.Required(GradeLevel, PeimsRules.GradeLevel.Parse);
        var code = row.Required(LeaverCode, t => LeaverCodes.Table.TryGetValue(year, out var table)
            ? table.Value.Lookup(t).Code
            : throw new FormatException($"no leaver-code table is in force for {year.DisplayName}; the first applies from {LeaverCodes.Table.Values[0].From.DisplayName}."));
        return new LeaverRecord(year, campus, student, grade, code);
    }
}
