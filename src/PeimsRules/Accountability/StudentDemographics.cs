namespace PeimsRules.Accountability;

/// <summary>
/// A student's ethnicity, in the categories districts assigned under the TEA Accountability Manual, Appendix D (data sources,
/// table 30): American Indian or Alaskan Native and Asian or Pacific Islander are reported but not evaluated separately
/// for accountability.
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

/// <summary>A student group the accountability indicators are disaggregated by (TEA Accountability Manual, Appendix D, table 30).</summary>
public enum StudentGroup
{
    /// <summary>All students.</summary>
    All = 0,

    /// <summary>Economically disadvantaged (E0785 codes 01, 02, 99).</summary>
    EconomicallyDisadvantaged = 1,

    /// <summary>African American (Black, not of Hispanic origin).</summary>
    AfricanAmerican = 2,

    /// <summary>Hispanic.</summary>
    Hispanic = 3,

    /// <summary>White, not of Hispanic origin.</summary>
    White = 4,

    /// <summary>American Indian or Alaskan Native (reported, not evaluated separately).</summary>
    AmericanIndianOrAlaskanNative = 5,

    /// <summary>Asian or Pacific Islander (reported, not evaluated separately).</summary>
    AsianOrPacificIslander = 6,

    /// <summary>At risk of dropping out under the state criteria of TEC §29.081(d).</summary>
    AtRisk = 7,

    /// <summary>Receiving special education services.</summary>
    SpecialEducation = 8,
}

/// <summary>
/// A student's demographic record (PEIMS 101 and 110, as the TEA Accountability Manual, Appendix D uses them for disaggregation): economic status,
/// ethnicity, at-risk status and special education status.
/// </summary>
/// <param name="Student">The student.</param>
/// <param name="EconomicDisadvantage">The economic disadvantage code (E0785).</param>
/// <param name="Ethnicity">The ethnicity category.</param>
/// <param name="IsAtRisk">Whether the student is identified as at risk (TEC §29.081(d)).</param>
/// <param name="IsSpecialEducation">Whether the student receives special education services.</param>
public sealed record StudentDemographics(
    StudentId Student,
    EconomicDisadvantage EconomicDisadvantage,
    Ethnicity Ethnicity,
    bool IsAtRisk,
    bool IsSpecialEducation)
{
    /// <summary>The ethnicity codes of the demographics layout, by category: I, A, B, H, W.</summary>
    public static string EthnicityCode(Ethnicity ethnicity) => ethnicity switch
    {
        Ethnicity.AmericanIndianOrAlaskanNative => "I",
        Ethnicity.AsianOrPacificIslander => "A",
        Ethnicity.AfricanAmerican => "B",
        Ethnicity.Hispanic => "H",
        Ethnicity.White => "W",
        _ => throw new ArgumentOutOfRangeException(nameof(ethnicity), ethnicity, "Unknown ethnicity."),
    };

    /// <summary>Parses an ethnicity code: I, A, B, H or W (either case).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static Ethnicity ParseEthnicity(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "I" => Ethnicity.AmericanIndianOrAlaskanNative,
        "A" => Ethnicity.AsianOrPacificIslander,
        "B" => Ethnicity.AfricanAmerican,
        "H" => Ethnicity.Hispanic,
        "W" => Ethnicity.White,
        _ => throw new PeimsCodeException("ethnicity (TEA Accountability Manual, Appendix D, table 30)", text, "the codes are I (American Indian or Alaskan Native), A (Asian or Pacific Islander), B (African American), H (Hispanic) and W (White)."),
    };

    /// <summary>The groups the student belongs to, <see cref="StudentGroup.All"/> first.</summary>
    public IReadOnlyList<StudentGroup> Groups
    {
        get
        {
            var groups = new List<StudentGroup> { StudentGroup.All };
            if (EconomicDisadvantage.IsEconomicallyDisadvantaged)
            {
                groups.Add(StudentGroup.EconomicallyDisadvantaged);
            }

            groups.Add(Ethnicity switch
            {
                Ethnicity.AfricanAmerican => StudentGroup.AfricanAmerican,
                Ethnicity.Hispanic => StudentGroup.Hispanic,
                Ethnicity.White => StudentGroup.White,
                Ethnicity.AmericanIndianOrAlaskanNative => StudentGroup.AmericanIndianOrAlaskanNative,
                _ => StudentGroup.AsianOrPacificIslander,
            });
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
}
