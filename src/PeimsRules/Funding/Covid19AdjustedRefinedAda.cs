using PeimsRules.Rules;
using PeimsRules.Attendance;

namespace PeimsRules.Funding;

/// <summary>
/// The 2019-20 COVID-19 adjusted refined ADA: ((ADA₁ + … + ADA₄) ÷ 4) × the district's historical ratio. Periods 5
/// and 6 are excluded (shown as excluded, not as zero); the 2019-20 PIA total is over periods 1 to 4.
/// </summary>
/// <remarks>
/// Example: 2019-20 period ADAs of 105 in periods 1 to 4 and a ratio of 96.667 ÷ 100 (29/30) give 101.500.
/// TEA's step 3 (offsetting federal relief funds) is outside this library.
/// </remarks>
[TeaSource("TEA letter 'near-final Summary of Finances', 2020-09-24: General Funding Question 1, step 2")]
[TeaSource("Early Education ADA report specification (OnDataSuite): 2019-2020 Covid-19 Adjusted Refined Total")]
public static class Covid19AdjustedRefinedAda
{
    /// <summary>The periods that count in 2019-20: 1 to 4.</summary>
    public static IReadOnlyList<ReportingPeriod> CountedPeriods { get; } = Array.AsReadOnly(ReportingPeriod.SixPeriods.Take(4).ToArray());

    /// <summary>Whether <paramref name="period"/> is excluded from the 2019-20 figures (5 and 6).</summary>
    public static bool IsExcluded(ReportingPeriod period) => period.Number is 5 or 6;

    /// <summary>The adjusted refined ADA, exactly.</summary>
    /// <param name="periodAdas">The 2019-20 ADAs of periods 1 to 6, or of periods 1 to 4 (5 and 6 are not used).</param>
    /// <param name="historicalRatio">The district's <see cref="HistoricalRatio"/>.</param>
    /// <exception cref="ArgumentException">Fewer than four period ADAs were given.</exception>
    public static Ratio Of(IReadOnlyList<Ratio> periodAdas, Ratio historicalRatio)
    {
        ArgumentNullException.ThrowIfNull(periodAdas);
        if (periodAdas.Count is not (4 or 6))
        {
            throw new ArgumentException($"The adjusted refined ADA needs the ADAs of periods 1 to 4; {periodAdas.Count} were given.", nameof(periodAdas));
        }

        return RefinedAda.MeanOf(periodAdas.Take(4)) * historicalRatio;
    }
}
