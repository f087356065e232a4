using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// Best four of six (19 TAC §129.1021): for a district whose students holding migrant certificates of eligibility are
/// 5.0% or more of its enrollment, the year's refined ADA is the mean of its four best six-week periods, capped at the
/// certificate students + the six-period refined ADA. Nobody elects it; the commissioner calculates it. Example: period
/// ADAs 100, 98, 96, 95, 80, 70 give a best four of 97.25 and a six-period ADA of 89.833…; with 5 certificate students
/// the cap 94.833… applies.
/// </summary>
/// <remarks>
/// Exact; the caller rounds once (<see cref="RuleSet.Rounding"/>). Off by default: set <see cref="RuleSet.BestFourOfSix"/>
/// for a district that qualifies. The rule applies the same way to the special education, bilingual and CTE FTEs, each
/// chosen separately; this library applies it to the basic refined ADA only (not confirmed for the special-program ADAs).
/// Which enrollment count defines the 5.0% share is not confirmed (<see cref="RuleParameters.BestFourOfSixMigrantShare"/>).
/// </remarks>
[TeaSource("19 TAC §129.1021 (best four of six for districts with migrant students)")]
public static class BestFourOfSixRefinedAda
{
    /// <summary>The mean of the four largest of the six period ADAs, exactly.</summary>
    /// <param name="periodAdas">The ADAs of periods 1 to 6.</param>
    /// <exception cref="ArgumentException">There are not exactly six.</exception>
    public static Ratio BestFour(IReadOnlyList<Ratio> periodAdas)
    {
        CheckSix(periodAdas);
        return RefinedAda.MeanOf(periodAdas.OrderDescending().Take(4));
    }

    /// <summary>The cap: the migrant certificate students + the six-period refined ADA (<see cref="RefinedAda.Of"/>).</summary>
    /// <exception cref="ArgumentException">There are not exactly six period ADAs, or the count is negative.</exception>
    public static Ratio Cap(IReadOnlyList<Ratio> periodAdas, int migrantCertificateStudents)
    {
        CheckSix(periodAdas);
        ArgumentOutOfRangeException.ThrowIfNegative(migrantCertificateStudents);
        return Ratio.FromInteger(migrantCertificateStudents) + RefinedAda.Of(periodAdas);
    }

    /// <summary>The year's refined ADA under the rule: the best four, or the cap when the cap is lower.</summary>
    /// <exception cref="ArgumentException">There are not exactly six period ADAs, or the count is negative.</exception>
    public static Ratio Of(IReadOnlyList<Ratio> periodAdas, int migrantCertificateStudents)
    {
        var best = BestFour(periodAdas);
        var cap = Cap(periodAdas, migrantCertificateStudents);
        return best <= cap ? best : cap;
    }

    /// <summary>
    /// Whether a district qualifies: its migrant certificate students are at least <see cref="RuleSet.BestFourOfSixMigrantShare"/>
    /// of <paramref name="enrollment"/> (which enrollment count: awaiting confirmation; give the one you use).
    /// </summary>
    /// <exception cref="ArgumentException">The enrollment is not positive, or the count is negative or above the enrollment.</exception>
    public static bool Qualifies(int migrantCertificateStudents, int enrollment, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(enrollment);
        ArgumentOutOfRangeException.ThrowIfNegative(migrantCertificateStudents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(migrantCertificateStudents, enrollment);
        return Ratio.Of(migrantCertificateStudents, enrollment) >= Ratio.FromDecimal(rules.BestFourOfSixMigrantShare);
    }

    private static void CheckSix(IReadOnlyList<Ratio> periodAdas)
    {
        ArgumentNullException.ThrowIfNull(periodAdas);
        if (periodAdas.Count != 6)
        {
            throw new ArgumentException($"Best four of six takes the six period ADAs; {periodAdas.Count} were given.", nameof(periodAdas));
        }
    }
}
