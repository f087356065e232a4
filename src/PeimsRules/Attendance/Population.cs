using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The students an ADA row counts: all of them, or one of the early-education rows (grades KG to 03): the HB 3
/// rows from 2019-20, and all K-3 students from 2025-26. A student may count in several K-3 rows.
/// </summary>
public enum Population
{
    /// <summary>Every student.</summary>
    All = 0,

    /// <summary>K-3 educationally (economically) disadvantaged: grade KG to 03 and E0785 in 01, 02, 99.</summary>
    K3EconomicallyDisadvantaged = 1,

    /// <summary>K-3 emergent bilingual: grade KG to 03, E0790 = 1 and E1651 in BE, D1, D2.</summary>
    K3EmergentBilingual = 2,

    /// <summary>All K-3 students: grade KG to 03, whatever their funding attributes (from 2025-26, HB 2; weight 0.01).</summary>
    K3AllStudents = 3,

    /// <summary>
    /// FSP-eligible pre-K, half-day ADA: grade PK students four years old on September 1 of the school year (from
    /// 2025-26). Not one of <see cref="Populations.For"/>: it needs birth dates, see <see cref="PreKindergartenHalfDayAda"/>.
    /// </summary>
    PreKindergartenFourYearOlds = 4,
}

/// <summary>Which records each <see cref="Population"/> counts.</summary>
[TeaSource("TEC §48.108 (early education allotment, HB 3 2019)")]
[TeaSource("Early Education ADA report specification (OnDataSuite): K-3 educationally disadvantaged and K-3 LEP rows")]
[TeaSource("HB 2 (89th Legislature, 2025), TEC §48.108 as amended: all K-3 students", Status = CitationStatus.AwaitingConfirmation)]
public static class Populations
{
    /// <summary>
    /// The populations whose rows exist under <paramref name="rules"/>: the K-3 rows of HB 3 from 2019-20, the all K-3
    /// students row from 2025-26.
    /// </summary>
    public static IReadOnlyList<Population> For(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.HasEarlyEducationRows)
        {
            return [Population.All];
        }

        return rules.HasAllStudentsEarlyEducationRows
            ? [Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual, Population.K3AllStudents]
            : [Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual];
    }

    /// <summary>
    /// Whether <paramref name="population"/> counts <paramref name="record"/> (the pre-K row with TEA's age for the
    /// record's year, <see cref="PreKindergartenHalfDayAda.Counts"/>).
    /// </summary>
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
            Population.K3AllStudents => record.GradeLevel.IsKindergartenThroughThird,
            Population.PreKindergartenFourYearOlds => PreKindergartenHalfDayAda.Counts(record, RuleSet.For(record.SchoolYear)),
            _ => throw new ArgumentOutOfRangeException(nameof(population), population, "Unknown population."),
        };
    }
}
