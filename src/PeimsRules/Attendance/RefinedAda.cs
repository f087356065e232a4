using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The refined ADA of a school year: (ADA₁ + … + ADA₆) ÷ 6, the mean of the six period ADAs, rounded once at the
/// end to three decimals. It is not total eligible days present ÷ total days taught: periods of 30 and 20 days with
/// 300 and 100 eligible days give period ADAs 10 and 5 and a refined ADA of 7.5, where the pooled ratio would be 8.
/// </summary>
/// <remarks>
/// A period with no records has an ADA of zero and still counts as one of the six. For 2019-20 see
/// <see cref="Funding.Covid19AdjustedRefinedAda"/>.
/// </remarks>
[TeaSource("Early Education ADA report specification (OnDataSuite): refined ADA total is the sum of the six periods divided by six, rounded to 3 decimals")]
[TeaSource("19 TAC §129.1021")]
[TeaSource("TEC §48.266(b-1) as added by HB 2 (89th Legislature, 2025): ADA adjusted during the year from each six-week period's actual ADA; TEA letters 2025-07-10 and 2025-09-18")]
public static class RefinedAda
{
    /// <summary>The mean of the six period ADAs, exactly.</summary>
    /// <param name="periodAdas">The ADAs of periods 1 to 6, in order.</param>
    /// <exception cref="ArgumentException">There are not exactly six.</exception>
    public static Ratio Of(IReadOnlyList<Ratio> periodAdas)
    {
        ArgumentNullException.ThrowIfNull(periodAdas);
        if (periodAdas.Count != 6)
        {
            throw new ArgumentException($"The refined ADA is the mean of six period ADAs; {periodAdas.Count} were given.", nameof(periodAdas));
        }

        return MeanOf(periodAdas);
    }

    /// <summary>
    /// The year-to-date figure through period N: the mean of the ADAs of periods 1 to N, the periods reported so far.
    /// It is not a refined ADA (that is the mean of all six) and is labelled as such wherever it is published; it never
    /// counts the periods not yet reported as zero. Through period 6 it is the refined ADA.
    /// </summary>
    /// <param name="periodAdas">The ADAs of periods 1 to N, in order; one to six of them.</param>
    /// <exception cref="ArgumentException">There are none, or more than six.</exception>
    public static Ratio YearToDate(IReadOnlyList<Ratio> periodAdas)
    {
        ArgumentNullException.ThrowIfNull(periodAdas);
        if (periodAdas.Count is < 1 or > 6)
        {
            throw new ArgumentException($"A year-to-date ADA is the mean of one to six period ADAs; {periodAdas.Count} were given.", nameof(periodAdas));
        }

        return MeanOf(periodAdas);
    }

    /// <summary>
    /// The refined ADA of <paramref name="records"/>: each period's ADA from its records, then the mean of the six.
    /// Records of periods 7 to 9 are not part of it.
    /// </summary>
    public static Ratio Compute(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules) =>
        Of(PeriodAdas(records, rules));

    /// <summary>The ADAs of periods 1 to 6 of <paramref name="records"/>, in order (zero for a period with no records).</summary>
    public static IReadOnlyList<Ratio> PeriodAdas(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records is Columnar.AttendanceStore store)
        {
            ArgumentNullException.ThrowIfNull(rules);
            return Columnar.ColumnarSummary.PeriodAdas(store, rules);
        }

        var byPeriod = records.Where(r => r.ReportingPeriod.IsRefinedAdaPeriod).ToLookup(r => r.ReportingPeriod.Number);
        return ReportingPeriod.SixPeriods.Select(p => AttendanceTotals.Of(byPeriod[p.Number], rules).Ada).ToArray();
    }

    internal static Ratio MeanOf(IReadOnlyList<Ratio> values)
    {
        if (values is Ratio[] array)
        {
            return Ratio.MeanOf(array);
        }

        var sum = Ratio.Zero;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / Ratio.FromInteger(values.Count);
    }

    internal static Ratio MeanOf(ReadOnlySpan<Ratio> values) => Ratio.MeanOf(values);

    internal static Ratio MeanOf(IEnumerable<Ratio> values)
    {
        var sum = Ratio.Zero;
        var count = 0;
        foreach (var value in values)
        {
            sum += value;
            count++;
        }

        return sum / Ratio.FromInteger(count);
    }
}
