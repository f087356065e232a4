using System.Globalization;
using PeimsRules.Rules;

namespace PeimsRules.Reconciliation;

/// <summary>
/// A rule parameter whose value differs between the two rule sets of a comparison, named as <see cref="RuleSet"/> and
/// <see cref="RuleParameters"/> name it.
/// </summary>
/// <param name="Name">The parameter, such as <c>Rounding</c> or <c>CountsRemoteDays</c>.</param>
/// <param name="Description">What the parameter decides.</param>
/// <param name="Before">Its value in the rule set before, as text.</param>
/// <param name="After">Its value in the rule set after, as text.</param>
public sealed record RuleParameterDifference(string Name, string Description, string Before, string After)
{
    /// <summary>The difference as words: <c>Rounding: 3 decimals, AwayFromZero to 3 decimals, ToEven</c>.</summary>
    public override string ToString() => $"{Name}: {Before} to {After}";
}

/// <summary>Which rule parameters differ between two rule sets, and the rules of one year with another year's parameters.</summary>
public static class RuleDifferences
{
    /// <summary>The parameters whose values differ between <paramref name="before"/> and <paramref name="after"/>, in the order of <see cref="RuleParameters.All"/>.</summary>
    public static IReadOnlyList<RuleParameterDifference> Between(RuleSet before, RuleSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var differences = new List<RuleParameterDifference>();
        if (before.SchoolYear != after.SchoolYear)
        {
            differences.Add(new RuleParameterDifference(
                nameof(RuleSet.SchoolYear), "The school year the rules are for.", before.SchoolYear.DisplayName, after.SchoolYear.DisplayName));
        }

        Add(differences, nameof(RuleSet.CountsRemoteDays), before.CountsRemoteDays, after.CountsRemoteDays, Show);
        Add(differences, nameof(RuleSet.AppliesCovid19Adjustment), before.AppliesCovid19Adjustment, after.AppliesCovid19Adjustment, Show);
        Add(differences, nameof(RuleSet.HasEarlyEducationRows), before.HasEarlyEducationRows, after.HasEarlyEducationRows, Show);
        Add(differences, nameof(RuleSet.BasicAllotment), before.BasicAllotment, after.BasicAllotment, Show);
        Add(differences, nameof(RuleSet.EarlyEducationAllotmentRate), before.EarlyEducationAllotmentRate, after.EarlyEducationAllotmentRate, Show);
        Add(differences, nameof(RuleSet.Rounding), before.Rounding, after.Rounding, Show);
        Add(differences, nameof(RuleSet.BestFourOfSixMigrantShare), before.BestFourOfSixMigrantShare, after.BestFourOfSixMigrantShare, v => Show(v));
        return differences;
    }

    /// <summary>
    /// The rules of <paramref name="rules"/>' school year with every parameter as TEA's rules for
    /// <paramref name="parametersYear"/> set it: the what-if of counting one year's records by another year's rules
    /// (for example 2021-22 records without the remote days that 2022-23 no longer counts). The records keep their year.
    /// </summary>
    public static RuleSet WithParametersOf(this RuleSet rules, SchoolYear parametersYear)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var other = RuleSet.For(parametersYear);
        return rules with
        {
            Rounding = other.Rounding,
            CountsRemoteDays = other.CountsRemoteDays,
            AppliesCovid19Adjustment = other.AppliesCovid19Adjustment,
            HasEarlyEducationRows = other.HasEarlyEducationRows,
            BasicAllotment = other.BasicAllotment,
            EarlyEducationAllotmentRate = other.EarlyEducationAllotmentRate,
            BestFourOfSixMigrantShare = other.BestFourOfSixMigrantShare,
        };
    }

    /// <summary>A rounding rule as words: <c>3 decimals, AwayFromZero</c>.</summary>
    internal static string Show(RoundingRule rounding) =>
        string.Create(CultureInfo.InvariantCulture, $"{rounding.Decimals} decimals, {rounding.Midpoint}");

    private static string Show(bool value) => value ? "yes" : "no";

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static void Add<T>(List<RuleParameterDifference> differences, string name, T before, T after, Func<T, string> show)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            var description = RuleParameters.All.FirstOrDefault(p => p.Name == name)?.Description ?? name;
            differences.Add(new RuleParameterDifference(name, description, show(before), show(after)));
        }
    }
}
