using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>
/// The five ethnicity categories districts reported before 2010 (TEA Accountability Manual, Appendix D, table 30),
/// valid for school years up to 2009-10 only (<see cref="RaceEthnicityStandard"/>); from 2009-10 TEA collects the
/// Hispanic/Latino flag and race indicators instead (<see cref="RaceEthnicity"/>).
/// </summary>
public enum Ethnicity
{
    /// <summary>American Indian or Alaskan Native (code <c>I</c>).</summary>
    AmericanIndianOrAlaskanNative = 0,

    /// <summary>Asian or Pacific Islander (code <c>A</c>).</summary>
    AsianOrPacificIslander = 1,

    /// <summary>Black, not of Hispanic origin (code <c>B</c>).</summary>
    AfricanAmerican = 2,

    /// <summary>Hispanic (code <c>H</c>).</summary>
    Hispanic = 3,

    /// <summary>White, not of Hispanic origin (code <c>W</c>).</summary>
    White = 4,
}

/// <summary>
/// The race indicators TEA collects since 2009-10 (legacy flags E1059 to E1063; Ed-Fi race descriptors, TEA codes 01 to
/// 05 in this order). A student may have several.
/// </summary>
[Flags]
public enum Races
{
    /// <summary>No race indicator set.</summary>
    None = 0,

    /// <summary>American Indian or Alaska Native (E1059, code 01).</summary>
    AmericanIndianOrAlaskaNative = 1,

    /// <summary>Asian (E1060, code 02).</summary>
    Asian = 2,

    /// <summary>Black or African American (E1061, code 03).</summary>
    BlackOrAfricanAmerican = 4,

    /// <summary>Native Hawaiian or Other Pacific Islander (E1062, code 04).</summary>
    NativeHawaiianOrPacificIslander = 8,

    /// <summary>White (E1063, code 05).</summary>
    White = 16,
}

/// <summary>
/// A student's race/ethnicity as reported: since 2009-10 the Hispanic/Latino flag (E1064) and the race indicators; for
/// years up to 2009-10 one of the five earlier categories (<see cref="Legacy"/>).
/// </summary>
public sealed record RaceEthnicity
{
    private RaceEthnicity(bool hispanicLatino, Races races, Ethnicity? legacy)
    {
        HispanicLatino = hispanicLatino;
        Races = races;
        Legacy = legacy;
    }

    /// <summary>The Hispanic/Latino flag (E1064); <see langword="false"/> for a legacy category.</summary>
    public bool HispanicLatino { get; }

    /// <summary>The race indicators set; <see cref="Races.None"/> for a legacy category.</summary>
    public Races Races { get; }

    /// <summary>The pre-2010 category, when the student was reported that way; <see langword="null"/> otherwise.</summary>
    public Ethnicity? Legacy { get; }

    /// <summary>The current elements: the Hispanic/Latino flag and the race indicators.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="races"/> holds a value that is not a race indicator.</exception>
    public static RaceEthnicity Of(bool hispanicLatino, Races races)
    {
        const Races all = Races.AmericanIndianOrAlaskaNative | Races.Asian | Races.BlackOrAfricanAmerican | Races.NativeHawaiianOrPacificIslander | Races.White;
        if ((races & ~all) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(races), races, "Only the five race indicators may be set.");
        }

        return new RaceEthnicity(hispanicLatino, races, null);
    }

    /// <summary>A pre-2010 category (valid for school years up to 2009-10).</summary>
    public static RaceEthnicity FromLegacy(Ethnicity ethnicity) =>
        Enum.IsDefined(ethnicity) ? new RaceEthnicity(false, Races.None, ethnicity) : throw new ArgumentOutOfRangeException(nameof(ethnicity), ethnicity, "Unknown ethnicity.");

    /// <summary>
    /// The race/ethnicity group TEA reports (<see cref="RaceEthnicityStandard.Group"/>); <see langword="null"/> when
    /// nothing is reported.
    /// </summary>
    public StudentGroup? Group => RaceEthnicityStandard.Group(this);
}

/// <summary>
/// How TEA turns race/ethnicity into one reporting group, and which elements are valid in which school year.
/// </summary>
/// <remarks>
/// <para>The seven groups, in TEA's rule order: Hispanic/Latino when the flag is set, whatever the races; otherwise Two or
/// More Races when two or more race indicators are set; otherwise the one race (African American, American Indian, Asian,
/// Pacific Islander, White). No flag and no race: no group (the student counts in All and in the other groups only).</para>
/// <para>The five pre-2010 categories (I, A, B, H, W) are valid for years up to 2009-10 only; a legacy Asian or Pacific
/// Islander student is reported in that legacy group, which the seven groups split.</para>
/// </remarks>
[TeaSource("TEA data standards: E1064 Hispanic/Latino, E1059-E1063 race indicators (since 2009-10); TEA accountability student groups")]
public static class RaceEthnicityStandard
{
    /// <summary>The seven race/ethnicity groups of the current standard, in TEA's order of reporting.</summary>
    public static IReadOnlyList<StudentGroup> SevenGroups { get; } =
    [
        StudentGroup.AfricanAmerican, StudentGroup.AmericanIndianOrAlaskaNative, StudentGroup.Asian, StudentGroup.Hispanic,
        StudentGroup.PacificIslander, StudentGroup.White, StudentGroup.TwoOrMoreRaces,
    ];

    /// <summary>Whether the five pre-2010 categories are valid, by school year: up to 2009-10, not after.</summary>
    public static RuleParameter<bool> LegacyCategoriesValid { get; } = new(
        "LegacyEthnicityCategoriesValid",
        "Whether the five pre-2010 ethnicity categories (I, A, B, H, W) are valid for the year.",
        new RuleParameterValue<bool>(new SchoolYear(1995), true, new Citation("TEA Accountability Manual, Appendix D (Data Sources), table 30: ethnicity categories")),
        new RuleParameterValue<bool>(new SchoolYear(2011), false, new Citation("TEA data standards: from 2009-10 districts report E1064 Hispanic/Latino and the race indicators; the earlier categories are valid up to 2009-10 only")));

    /// <summary>Whether <paramref name="value"/> may be reported for <paramref name="year"/>.</summary>
    public static bool IsValidFor(RaceEthnicity value, SchoolYear year)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Legacy is null || (LegacyCategoriesValid.TryGetValue(year, out var valid) && valid.Value);
    }

    /// <summary>The reporting group of <paramref name="value"/>, in TEA's rule order; <see langword="null"/> when nothing is reported.</summary>
    public static StudentGroup? Group(RaceEthnicity value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Legacy is { } legacy)
        {
            return legacy switch
            {
                Ethnicity.AfricanAmerican => StudentGroup.AfricanAmerican,
                Ethnicity.Hispanic => StudentGroup.Hispanic,
                Ethnicity.White => StudentGroup.White,
                Ethnicity.AmericanIndianOrAlaskanNative => StudentGroup.AmericanIndianOrAlaskaNative,
                _ => StudentGroup.AsianOrPacificIslander,
            };
        }

        if (value.HispanicLatino)
        {
            return StudentGroup.Hispanic;
        }

        var count = System.Numerics.BitOperations.PopCount((uint)value.Races);
        return count switch
        {
            0 => null,
            > 1 => StudentGroup.TwoOrMoreRaces,
            _ => value.Races switch
            {
                Races.BlackOrAfricanAmerican => StudentGroup.AfricanAmerican,
                Races.AmericanIndianOrAlaskaNative => StudentGroup.AmericanIndianOrAlaskaNative,
                Races.Asian => StudentGroup.Asian,
                Races.NativeHawaiianOrPacificIslander => StudentGroup.PacificIslander,
                _ => StudentGroup.White,
            },
        };
    }
}

/// <summary>A student's sex, for the federal reporting groups.</summary>
public enum Sex
{
    /// <summary>Female (F).</summary>
    Female = 0,

    /// <summary>Male (M).</summary>
    Male = 1,
}

/// <summary>A student group the accountability indicators and chronic absence are disaggregated by.</summary>
public enum StudentGroup
{
    /// <summary>All students.</summary>
    All = 0,

    /// <summary>Economically disadvantaged (E0785 codes 01, 02, 99).</summary>
    EconomicallyDisadvantaged = 1,

    /// <summary>African American (Black or African American, not Hispanic/Latino).</summary>
    AfricanAmerican = 2,

    /// <summary>Hispanic/Latino.</summary>
    Hispanic = 3,

    /// <summary>White, not Hispanic/Latino.</summary>
    White = 4,

    /// <summary>American Indian or Alaska Native, not Hispanic/Latino.</summary>
    AmericanIndianOrAlaskaNative = 5,

    /// <summary>Asian or Pacific Islander: the pre-2010 category (years up to 2009-10 only).</summary>
    AsianOrPacificIslander = 6,

    /// <summary>At risk of dropping out under the state criteria of TEC §29.081(d).</summary>
    AtRisk = 7,

    /// <summary>Receiving special education services (for the federal file: children with disabilities, IDEA).</summary>
    SpecialEducation = 8,

    /// <summary>Asian, not Hispanic/Latino (since 2009-10).</summary>
    Asian = 9,

    /// <summary>Native Hawaiian or Other Pacific Islander, not Hispanic/Latino (since 2009-10).</summary>
    PacificIslander = 10,

    /// <summary>Two or more races, not Hispanic/Latino (since 2009-10).</summary>
    TwoOrMoreRaces = 11,

    /// <summary>Emergent bilingual (English learners, for the federal file).</summary>
    EmergentBilingual = 12,

    /// <summary>Female.</summary>
    Female = 13,

    /// <summary>Male.</summary>
    Male = 14,

    /// <summary>Homeless.</summary>
    Homeless = 15,

    /// <summary>Migrant.</summary>
    Migrant = 16,
}

/// <summary>
/// A student's demographic record (PEIMS 101 and 110, TSDS student and enrollment data): economic status,
/// race/ethnicity, at-risk and special education status, and the traits the federal file reports by (sex, emergent
/// bilingual, homeless, migrant) when given.
/// </summary>
/// <param name="Student">The student.</param>
/// <param name="EconomicDisadvantage">The economic disadvantage code (E0785).</param>
/// <param name="RaceEthnicity">The race/ethnicity as reported.</param>
/// <param name="IsAtRisk">Whether the student is identified as at risk (TEC §29.081(d)).</param>
/// <param name="IsSpecialEducation">Whether the student receives special education services.</param>
public sealed record StudentDemographics(
    StudentId Student,
    EconomicDisadvantage EconomicDisadvantage,
    RaceEthnicity RaceEthnicity,
    bool IsAtRisk,
    bool IsSpecialEducation)
{
    /// <summary>The student's sex, when given.</summary>
    /// <value>Defaults to not given.</value>
    public Sex? Sex { get; init; }

    /// <summary>Whether the student is emergent bilingual (an English learner).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool IsEmergentBilingual { get; init; }

    /// <summary>Whether the student is homeless.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool IsHomeless { get; init; }

    /// <summary>Whether the student is migrant.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool IsMigrant { get; init; }

    /// <summary>The ethnicity codes of the pre-2010 layout, by category: I, A, B, H, W.</summary>
    public static string EthnicityCode(Ethnicity ethnicity) => ethnicity switch
    {
        Ethnicity.AmericanIndianOrAlaskanNative => "I",
        Ethnicity.AsianOrPacificIslander => "A",
        Ethnicity.AfricanAmerican => "B",
        Ethnicity.Hispanic => "H",
        Ethnicity.White => "W",
        _ => throw new ArgumentOutOfRangeException(nameof(ethnicity), ethnicity, "Unknown ethnicity."),
    };

    /// <summary>Parses a pre-2010 ethnicity code: I, A, B, H or W (either case).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static Ethnicity ParseEthnicity(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "I" => Ethnicity.AmericanIndianOrAlaskanNative,
        "A" => Ethnicity.AsianOrPacificIslander,
        "B" => Ethnicity.AfricanAmerican,
        "H" => Ethnicity.Hispanic,
        "W" => Ethnicity.White,
        _ => throw new PeimsCodeException("ethnicity (pre-2010 categories)", text, "the codes are I (American Indian or Alaskan Native), A (Asian or Pacific Islander), B (African American), H (Hispanic) and W (White)."),
    };

    /// <summary>The accountability groups the student belongs to, <see cref="StudentGroup.All"/> first: economic status, race/ethnicity, at risk, special education.</summary>
    public IReadOnlyList<StudentGroup> Groups
    {
        get
        {
            var groups = new List<StudentGroup> { StudentGroup.All };
            if (EconomicDisadvantage.IsEconomicallyDisadvantaged)
            {
                groups.Add(StudentGroup.EconomicallyDisadvantaged);
            }

            if (RaceEthnicity.Group is { } race)
            {
                groups.Add(race);
            }

            if (IsAtRisk)
            {
                groups.Add(StudentGroup.AtRisk);
            }

            if (IsSpecialEducation)
            {
                groups.Add(StudentGroup.SpecialEducation);
            }

            return groups.AsReadOnly();
        }
    }

    /// <summary>
    /// The groups the federal chronic absenteeism file (EDFacts FS195) reports by, <see cref="StudentGroup.All"/> first:
    /// race/ethnicity, sex, children with disabilities (special education), English learners (emergent bilingual),
    /// economically disadvantaged, homeless, migrant.
    /// </summary>
    public IReadOnlyList<StudentGroup> FederalGroups
    {
        get
        {
            var groups = new List<StudentGroup> { StudentGroup.All };
            if (RaceEthnicity.Group is { } race)
            {
                groups.Add(race);
            }

            if (Sex is { } sex)
            {
                groups.Add(sex == Accountability.Sex.Female ? StudentGroup.Female : StudentGroup.Male);
            }

            if (IsSpecialEducation)
            {
                groups.Add(StudentGroup.SpecialEducation);
            }

            if (IsEmergentBilingual)
            {
                groups.Add(StudentGroup.EmergentBilingual);
            }

            if (EconomicDisadvantage.IsEconomicallyDisadvantaged)
            {
                groups.Add(StudentGroup.EconomicallyDisadvantaged);
            }

            if (IsHomeless)
            {
                groups.Add(StudentGroup.Homeless);
            }

            if (IsMigrant)
            {
                groups.Add(StudentGroup.Migrant);
            }

            return groups.AsReadOnly();
        }
    }
}
