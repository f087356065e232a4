using PeimsRules.Rules;

namespace PeimsRules.Funding;

/// <summary>
/// The early education allotment a K-3 row earns: 0.1 × basic allotment × the row's refined ADA. A student in both
/// rows earns it twice.
/// </summary>
/// <remarks>
/// Computed from the published refined ADA (three decimals), which is the figure funding is computed on; the dollar
/// amount is exact (at $6,160, 616 × an ADA of three decimals has at most three decimals) and is not rounded here.
/// </remarks>
[TeaSource("TEC §48.108(a)")]
[TeaSource("TEC §48.051 (basic allotment)")]
public static class EarlyEducationAllotment
{
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
