using PeimsRules.Accountability;
using PeimsRules.Csv.Daily;

namespace PeimsRules.Csv.Accountability;

/// <summary>
/// The student demographics file: one row per student, with the traits the accountability indicators and chronic
/// absence are disaggregated by: economic status (E0785), race/ethnicity (since 2009-10 the Hispanic/Latino flag E1064
/// and the race indicators E1059 to E1063; up to 2009-10 the five earlier categories), at risk, special education, and
/// for the federal groups sex, emergent bilingual, homeless and migrant.
/// </summary>
/// <remarks>
/// Problems name the file, line, column and value: an unknown code, a flag that is not Y or N, a pre-2010 ethnicity
/// category given for a later year or beside the current elements, a missing required column or value, malformed CSV.
/// A student listed twice is a problem of the second row. A student with no flag and no race set belongs to no
/// race/ethnicity group (TEA: not reported).
/// </remarks>
public static class StudentDemographicsCsv
{
    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id), once per file.");

    /// <summary>EconomicDisadvantageCode (E0785).</summary>
    public static CsvColumn EconomicDisadvantageCode { get; } = new("EconomicDisadvantageCode", "E0785", true, "the economic disadvantage code: 00, 01, 02 or 99.");

    /// <summary>HispanicLatino (E1064): Y or N.</summary>
    public static CsvColumn HispanicLatino { get; } = new("HispanicLatino", "E1064", false, "Y when the student is Hispanic/Latino; blank for N (since 2009-10).");

    /// <summary>AmericanIndianOrAlaskaNative (E1059): Y or N.</summary>
    public static CsvColumn AmericanIndianOrAlaskaNative { get; } = new("AmericanIndianOrAlaskaNative", "E1059", false, "Y when the race indicator American Indian or Alaska Native is set; blank for N.");

    /// <summary>Asian (E1060): Y or N.</summary>
    public static CsvColumn Asian { get; } = new("Asian", "E1060", false, "Y when the race indicator Asian is set; blank for N.");

    /// <summary>BlackOrAfricanAmerican (E1061): Y or N.</summary>
    public static CsvColumn BlackOrAfricanAmerican { get; } = new("BlackOrAfricanAmerican", "E1061", false, "Y when the race indicator Black or African American is set; blank for N.");

    /// <summary>NativeHawaiianOrPacificIslander (E1062): Y or N.</summary>
    public static CsvColumn NativeHawaiianOrPacificIslander { get; } = new("NativeHawaiianOrPacificIslander", "E1062", false, "Y when the race indicator Native Hawaiian or Other Pacific Islander is set; blank for N.");

    /// <summary>White (E1063): Y or N.</summary>
    public static CsvColumn White { get; } = new("White", "E1063", false, "Y when the race indicator White is set; blank for N.");

    /// <summary>Ethnicity: I, A, B, H or W, the pre-2010 categories (years up to 2009-10 only).</summary>
    public static CsvColumn Ethnicity { get; } = new("Ethnicity", null, false, "for school years up to 2009-10 only, the earlier ethnicity category: I (American Indian or Alaskan Native), A (Asian or Pacific Islander), B (African American), H (Hispanic), W (White); leave it blank and use HispanicLatino and the race columns otherwise.");

    /// <summary>AtRisk: Y or N.</summary>
    public static CsvColumn AtRisk { get; } = new("AtRisk", null, false, "Y when the student is identified as at risk (TEC §29.081(d)); blank for N.");

    /// <summary>SpecialEducation: Y or N.</summary>
    public static CsvColumn SpecialEducation { get; } = new("SpecialEducation", null, false, "Y when the student receives special education services; blank for N.");

    /// <summary>Sex: F or M, optional.</summary>
    public static CsvColumn Sex { get; } = new("Sex", null, false, "F or M, for the federal groups; blank when not given.");

    /// <summary>EmergentBilingual: Y or N.</summary>
    public static CsvColumn EmergentBilingual { get; } = new("EmergentBilingual", null, false, "Y when the student is emergent bilingual (an English learner, E0790 code 1); blank for N.");

    /// <summary>Homeless: Y or N.</summary>
    public static CsvColumn Homeless { get; } = new("Homeless", null, false, "Y when the student is homeless; blank for N.");

    /// <summary>Migrant: Y or N.</summary>
    public static CsvColumn Migrant { get; } = new("Migrant", null, false, "Y when the student is migrant; blank for N.");

    /// <summary>The columns of the layout, in order.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        StudentId, EconomicDisadvantageCode, HispanicLatino, AmericanIndianOrAlaskaNative, Asian, BlackOrAfricanAmerican,
        NativeHawaiianOrPacificIslander, White, Ethnicity, AtRisk, SpecialEducation, Sex, EmergentBilingual, Homeless, Migrant,
    ];

    /// <summary>Reads a file in the given mode, checking race/ethnicity against the elements valid in <paramref name="year"/>.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<StudentDemographics> ReadFile(string path, CsvErrorMode mode, SchoolYear year) =>
        ReadFile(path, mode, year, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<StudentDemographics> ReadFile(string path, CsvErrorMode mode, SchoolYear year, CsvInputOptions options)
    {
        var seen = new HashSet<PeimsRules.StudentId>();
        return CsvTableReader.ReadFile(path, Columns, row => Map(row, seen, year), mode, options);
    }

    /// <summary>Reads CSV text in the given mode, checking race/ethnicity against the elements valid in <paramref name="year"/>.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<StudentDemographics> Read(TextReader reader, string fileName, CsvErrorMode mode, SchoolYear year)
    {
        var seen = new HashSet<PeimsRules.StudentId>();
        return CsvTableReader.Read(reader, fileName, Columns, row => Map(row, seen, year), mode);
    }

    private static StudentDemographics Map(CsvRowReader row, HashSet<PeimsRules.StudentId> seen, SchoolYear year)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var economic = row.Required(EconomicDisadvantageCode, EconomicDisadvantage.Parse);
        bool Flag(CsvColumn column) => row.Optional(column, CsvDailyValues.ParseFlag, false);
        var hispanic = Flag(HispanicLatino);
        var races = Races.None;
        foreach (var (column, race) in new[]
        {
            (AmericanIndianOrAlaskaNative, Races.AmericanIndianOrAlaskaNative), (Asian, Races.Asian), (BlackOrAfricanAmerican, Races.BlackOrAfricanAmerican),
            (NativeHawaiianOrPacificIslander, Races.NativeHawaiianOrPacificIslander), (White, Races.White),
        })
        {
            if (Flag(column))
            {
                races |= race;
            }
        }

        var legacy = row.Optional<PeimsRules.Accountability.Ethnicity?>(Ethnicity, t => StudentDemographics.ParseEthnicity(t), null);
        RaceEthnicity raceEthnicity;
        if (legacy is { } category)
        {
            if (hispanic || races != Races.None)
            {
                throw row.Problem(Ethnicity, row.Raw(Ethnicity), "give either the pre-2010 ethnicity category or the Hispanic/Latino flag and race indicators, not both.", CsvProblemKind.InconsistentRecord);
            }

            raceEthnicity = RaceEthnicity.FromLegacy(category);
            if (!RaceEthnicityStandard.IsValidFor(raceEthnicity, year))
            {
                throw row.Problem(Ethnicity, row.Raw(Ethnicity), $"the five pre-2010 ethnicity categories are valid up to 2009-10 only; for {year.DisplayName} give HispanicLatino (E1064) and the race indicators (E1059 to E1063).");
            }
        }
        else
        {
            raceEthnicity = RaceEthnicity.Of(hispanic, races);
        }

        var atRisk = Flag(AtRisk);
        var specialEducation = Flag(SpecialEducation);
        var sex = row.Optional<PeimsRules.Accountability.Sex?>(Sex, t => t.Trim().ToUpperInvariant() switch
        {
            "F" => PeimsRules.Accountability.Sex.Female,
            "M" => PeimsRules.Accountability.Sex.Male,
            _ => throw new FormatException("sex is F or M; leave it blank when not given."),
        }, null);
        var emergentBilingual = Flag(EmergentBilingual);
        var homeless = Flag(Homeless);
        var migrant = Flag(Migrant);
        if (!seen.Add(student))
        {
            throw row.Problem(StudentId, row.Raw(StudentId), "the student is already listed in this file; one row per student.");
        }

        return new StudentDemographics(student, economic, raceEthnicity, atRisk, specialEducation)
        {
            Sex = sex,
            IsEmergentBilingual = emergentBilingual,
            IsHomeless = homeless,
            IsMigrant = migrant,
        };
    }
}
