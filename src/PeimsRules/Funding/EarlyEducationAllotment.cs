using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Funding;

/// <summary>
/// The early education allotment a K-3 row earns: 0.1 × basic allotment × the row's refined ADA in the educationally
/// disadvantaged and emergent bilingual rows; from 2025-26 also 0.01 × basic allotment × the refined ADA of all K-3
/// students (awaiting confirmation). A student in several rows earns it in each.
/// </summary>
/// <remarks>
/// Computed from the published refined ADA (three decimals), which is the figure funding is computed on; the dollar
/// amount is exact (at $6,160, 616 × an ADA of three decimals has at most three decimals) and is not rounded here.
/// </remarks>
[TeaSource("TEC §48.108(a)")]
[TeaSource("TEC §48.051 (basic allotment)")]
[TeaSource("HB 2 (89th Legislature, 2025), TEC §48.108 as amended: 0.01 for all K-3 students", Status = CitationStatus.AwaitingConfirmation)]
public static class EarlyEducationAllotment
{
    /// <summary>
    /// The allotment in dollars for the K-3 row of <paramref name="population"/> whose published refined ADA is
    /// <paramref name="refinedAda"/>: the row's rate (<see cref="RuleSet.EarlyEducationAllotmentRate"/> for the
    /// educationally disadvantaged and emergent bilingual rows, <see cref="RuleSet.AllStudentsEarlyEducationAllotmentRate"/>
    /// for all K-3 students) × basic allotment × ADA.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rules of the year have no such row, or no rate or basic allotment for it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refinedAda"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="population"/> is not a weighted K-3 row.</exception>
    public static decimal Amount(Population population, decimal refinedAda, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        switch (population)
        {
            case Population.K3EconomicallyDisadvantaged or Population.K3EmergentBilingual:
                return Amount(refinedAda, rules);
            case Population.K3AllStudents:
                ArgumentOutOfRangeException.ThrowIfNegative(refinedAda);
                if (!rules.HasAllStudentsEarlyEducationRows || rules.AllStudentsEarlyEducationAllotmentRate is not { } rate)
                {
                    throw new InvalidOperationException($"There is no all K-3 students row in {rules.SchoolYear.DisplayName}: it starts with 2025-26 (HB 2).");
                }

                if (rules.BasicAllotment is not { } basic)
                {
                    throw new InvalidOperationException($"This library carries no basic allotment for {rules.SchoolYear.DisplayName}; set RuleSet.BasicAllotment.");
                }

                return rate * basic * refinedAda;
            default:
                throw new ArgumentException($"The {population} row earns no early education allotment: only the K-3 rows are weighted.", nameof(population));
        }
    }

    /// <summary>The allotment in dollars for a K-3 row whose published refined ADA is <paramref name="refinedAda"/>.</summary>
    /// <exception cref="InvalidOperationException">The rules of the year have no early education allotment or no basic allotment.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refinedAda"/> is negative.</exception>
    public static decimal Amount(decimal refinedAda, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(refinedAda);
        if (!rules.HasEarlyEducationRows || rules.EarlyEducationAllotmentRate is not { } rate)
        {
            throw new InvalidOperationException($"There is no early education allotment in {rules.SchoolYear.DisplayName}: it starts with 2019-20 (TEC §48.108).");
        }

        if (rules.BasicAllotment is not { } basic)
        {
            throw new InvalidOperationException($"This library carries no basic allotment for {rules.SchoolYear.DisplayName}; set RuleSet.BasicAllotment.");
        }

        return rate * basic * refinedAda;
    }
}
