using PeimsRules.Rules;

namespace PeimsRules.EdFi;

/// <summary>
/// The version of TEA's Texas extension model for Ed-Fi a school year's documents follow, and what it changes in the
/// reporting-period resources: whether the remote synchronous and asynchronous days (RS/RA, E1678/E1679) are fields.
/// </summary>
/// <remarks>
/// TSDS took Ed-Fi documents from 2024-25 (extension 2025.x, on Data Standard 4.0) and 2025-26 (2026.x). The 2025.1.0
/// model requires <c>rsTotalEligibleDaysPresent</c> and <c>raTotalEligibleDaysPresent</c> on the basic record (and has
/// the optional R-PEP hours, E3090); from 2026.1.0 the RS/RA fields are gone. Before 2024-25 TSDS took PEIMS XML, not
/// Ed-Fi: documents for those years are written in the 2025.x shape, the one that still has the remote days that
/// 2020-21 and 2021-22 count (a stand-in, not a TEA collection).
/// </remarks>
[TeaSource("TEA Texas extension for Ed-Fi, API models 2025.1.0 and 2026.2.0: tx.BasicReportingPeriodAttendance")]
public sealed record EdFiModelVersion
{
    private EdFiModelVersion(string name, bool hasRemoteDays, bool isTsdsCollection)
    {
        Name = name;
        HasRemoteDays = hasRemoteDays;
        IsTsdsCollection = isTsdsCollection;
    }

    /// <summary>TEA's extension 2025.x (2024-25): the RS/RA days are required fields.</summary>
    public static EdFiModelVersion Texas2025 { get; } = new("2025.1.0", hasRemoteDays: true, isTsdsCollection: true);

    /// <summary>TEA's extension 2026.x (2025-26 on): no RS/RA fields.</summary>
    public static EdFiModelVersion Texas2026 { get; } = new("2026.2.0", hasRemoteDays: false, isTsdsCollection: true);

    /// <summary>The model's version name, such as <c>2026.2.0</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the basic record has the remote synchronous and asynchronous days fields (and requires them).</summary>
    public bool HasRemoteDays { get; }

    /// <summary>Whether TSDS collected this year's data in Ed-Fi (2024-25 on); before, the shape is a stand-in.</summary>
    public bool IsTsdsCollection { get; }

    /// <summary>The model of <paramref name="year"/>: 2025.x for 2024-25 (and, as a stand-in, earlier years), 2026.x from 2025-26.</summary>
    public static EdFiModelVersion For(SchoolYear year) =>
        year.EndYear >= 2026 ? Texas2026 : year.EndYear == 2025 ? Texas2025 : new EdFiModelVersion(Texas2025.Name, hasRemoteDays: true, isTsdsCollection: false);

    /// <summary>The version's name.</summary>
    public override string ToString() => Name;
}
