using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The students an ADA row counts: all of them, or one of the HB 3 early-education rows (grades KG to 03, from
/// 2019-20). A student may count in both K-3 rows.
/// </summary>
public enum Population
{
    /// <summary>Every student.</summary>
    All = 0,

    /// <summary>K-3 educationally (economically) disadvantaged: grade KG to 03 and E0785 in 01, 02, 99.</summary>
    K3EconomicallyDisadvantaged = 1,

    /// <summary>K-3 emergent bilingual: grade KG to 03, E0790 = 1 and E1651 in BE, D1, D2.</summary>
    K3EmergentBilingual = 2,
}

/// <summary>Which records each <see cref="Population"/> counts.</summary>
[TeaSource("TEC §48.108 (early education allotment, HB 3 2019)")]
[TeaSource("Early Education ADA report specification (OnDataSuite): K-3 educationally disadvantaged and K-3 LEP rows")]
public static class Populations
{
    /// <summary>The populations whose rows exist under <paramref name="rules"/>: the K-3 rows only from 2019-20.</summary>
    public static IReadOnlyList<Population> For(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.HasEarlyEducationRows
            ? [Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual]
            : [Population.All];
    }

    /// <summary>Whether <paramref name="population"/> counts <paramref name="record"/>.</summary>
    public static bool Includes(this Population population, BasicReportingPeriodAttendance record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return population switch
        {
            Population.All => true,
            Population.K3EconomicallyDisadvantaged =>
                record.GradeLevel.IsKindergartenThroughThird && record.EconomicDisadvantage.IsEconomicallyDisadvantaged,
            Population.K3EmergentBilingual =>
                record.GradeLevel.IsKindergartenThroughThird && record.EmergentBilingual.IsIdentified && record.BilingualEslFunding is not null,
            _ => throw new ArgumentOutOfRangeException(nameof(population), population, "Unknown population."),
        };
    }
}
