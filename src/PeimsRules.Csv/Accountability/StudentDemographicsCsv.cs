using PeimsRules.Accountability;
using PeimsRules.Csv.Daily;

namespace PeimsRules.Csv.Accountability;

/// <summary>
/// The student demographics file: one row per student, with the traits the accountability indicators are
/// disaggregated by (TEA Accountability Manual, Appendix D, table 30): economic status (E0785), ethnicity, at risk, special education.
/// </summary>
/// <remarks>
/// Problems name the file, line, column and value: an unknown code, a flag that is not Y or N, a missing required column
/// or value, malformed CSV. A student listed twice is a problem of the second row.
/// </remarks>
public static class StudentDemographicsCsv
{
    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id), once per file.");

    /// <summary>EconomicDisadvantageCode (E0785).</summary>
    public static CsvColumn EconomicDisadvantageCode { get; } = new("EconomicDisadvantageCode", "E0785", true, "the economic disadvantage code: 00, 01, 02 or 99.");

    /// <summary>Ethnicity: I, A, B, H or W.</summary>
    public static CsvColumn Ethnicity { get; } = new("Ethnicity", null, true, "the ethnicity category of TEA Accountability Manual, Appendix D, table 30: I (American Indian or Alaskan Native), A (Asian or Pacific Islander), B (African American), H (Hispanic), W (White).");

    /// <summary>AtRisk: Y or N.</summary>
    public static CsvColumn AtRisk { get; } = new("AtRisk", null, false, "Y when the student is identified as at risk (TEC §29.081(d)); blank for N.");

    /// <summary>SpecialEducation: Y or N.</summary>
    public static CsvColumn SpecialEducation { get; } = new("SpecialEducation", null, false, "Y when the student receives special education services; blank for N.");

    /// <summary>The columns of the layout, in order.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } = [StudentId, EconomicDisadvantageCode, Ethnicity, AtRisk, SpecialEducation];

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<StudentDemographics> ReadFile(string path, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, mode);
    }

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<StudentDemographics> Read(TextReader reader, string fileName, CsvErrorMode mode)
    {
        var seen = new HashSet<PeimsRules.StudentId>();
        return CsvTableReader.Read(reader, fileName, Columns, row => Map(row, seen), mode);
    }

    private static StudentDemographics Map(CsvRowReader row, HashSet<PeimsRules.StudentId> seen)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var economic = row.Required(EconomicDisadvantageCode, EconomicDisadvantage.Parse);
        var ethnicity = row.Required(Ethnicity, StudentDemographics.ParseEthnicity);
        var atRisk = row.Optional(AtRisk, CsvDailyValues.ParseFlag, false);
        var specialEducation = row.Optional(SpecialEducation, CsvDailyValues.ParseFlag, false);
        if (!seen.Add(student))
        {
            throw row.Problem(StudentId, row.Raw(StudentId), "the student is already listed in this file; one row per student.");
        }

        return new StudentDemographics(student, economic, ethnicity, atRisk, specialEducation);
    }
}
