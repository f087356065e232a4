namespace PeimsRules.Rules;

/// <summary>
/// The catalogue of year-versioned parameters behind <see cref="RuleSet"/>: each value with the school year it
/// starts in and its citation. <see cref="RuleSet.For"/> reads them for a year.
/// </summary>
public static class RuleParameters
{
    private static readonly SchoolYear FirstYear = new(SchoolYear.MinimumEndYear);

    /// <summary>
    /// Whether remote synchronous (E1678) and asynchronous (E1679) eligible days present count toward ADA and PIA:
    /// only in 2020-21 and 2021-22.
    /// </summary>
    public static RuleParameter<bool> RemoteDaysCount { get; } = new(
        nameof(RuleSet.CountsRemoteDays),
        "Remote synchronous (E1678) and asynchronous (E1679) eligible days present count toward ADA and PIA.",
        At(FirstYear, false, new("TEA data standards: E1678 and E1679 were added for 2020-21")),
        At(new SchoolYear(2021), true, new("TEA COVID-19 remote instruction guidance; Early Education ADA report specification (OnDataSuite): RS and RA days included in 2020-21 and 2021-22")),
        At(new SchoolYear(2023), false, new("TEA data standards: remote attendance funding ended with 2021-22")));

    /// <summary>Whether the 2019-20 COVID-19 ADA adjustment (historical ratio from 2018-19) applies: 2019-20 only.</summary>
    public static RuleParameter<bool> Covid19Adjustment { get; } = new(
        nameof(RuleSet.AppliesCovid19Adjustment),
        "The refined ADA is periods 1-4 times the district's 2018-19 historical ratio; periods 5 and 6 are excluded.",
        At(FirstYear, false, new("19 TAC §129.1021: refined ADA over the six reporting periods")),
        At(new SchoolYear(2020), true, new("TEA letter 'near-final Summary of Finances', 2020-09-24, steps 1 and 2")),
        At(new SchoolYear(2021), false, new("TEA letter 2020-09-24: the adjustment applies to 2019-20 only")));

    /// <summary>Whether the HB 3 K-3 early-education rows (economically disadvantaged, emergent bilingual) exist: from 2019-20.</summary>
    public static RuleParameter<bool> EarlyEducationRows { get; } = new(
        nameof(RuleSet.HasEarlyEducationRows),
        "The K-3 economically disadvantaged and emergent bilingual ADA rows of the early education allotment are computed.",
        At(FirstYear, false, new("TEC §48.108 did not exist before HB 3 (86th Legislature, 2019)")),
        At(new SchoolYear(2020), true, new("TEC §48.108 as added by HB 3 (2019); Early Education ADA report specification (OnDataSuite)")));

    /// <summary>The basic allotment per student in ADA, in dollars.</summary>
    public static RuleParameter<decimal> BasicAllotment { get; } = new(
        nameof(RuleSet.BasicAllotment),
        "The basic allotment per student in average daily attendance, in dollars.",
        At(new SchoolYear(2020), 6160m, new("TEC §48.051 as amended by HB 3 (2019)")),
        At(new SchoolYear(2026), 6215m, new(
            "HB 2 (89th Legislature, 2025); TEA letter 2025-07-10",
            CitationStatus.AwaitingConfirmation,
            "The $55 increment is reported by a legislative session review, not yet checked in TEA's Summary of Finances; later years carry it forward.")));

    /// <summary>The early education allotment per ADA in each K-3 row, as a fraction of the basic allotment.</summary>
    public static RuleParameter<decimal> EarlyEducationAllotmentRate { get; } = new(
        nameof(RuleSet.EarlyEducationAllotmentRate),
        "The early education allotment per ADA in each K-3 row, as a fraction of the basic allotment.",
        At(new SchoolYear(2020), 0.1m, new("TEC §48.108(a)")));

    /// <summary>How published ADA and PIA figures are rounded: three decimals, midpoint rule unconfirmed.</summary>
    public static RuleParameter<RoundingRule> PublishedRounding { get; } = new(
        nameof(RuleSet.Rounding),
        "Published ADA and PIA figures are rounded once, at the end, to three decimals.",
        At(FirstYear, RoundingRule.ThreeDecimalsHalfAwayFromZero, new(
            "Student Attendance Accounting Handbook; TEC §48.005 defines ADA as a plain quotient",
            CitationStatus.AwaitingConfirmation,
            "Three decimals is documented; the midpoint rule is not, so it defaults to half away from zero and can be overridden.")));

    private static RuleParameterValue<T> At<T>(SchoolYear from, T value, Citation citation) => new(from, value, citation);

    /// <summary>Every parameter, for listings and for the test that every value has a citation.</summary>
    public static IReadOnlyList<IRuleParameter> All { get; } =
        [RemoteDaysCount, Covid19Adjustment, EarlyEducationRows, BasicAllotment, EarlyEducationAllotmentRate, PublishedRounding];
}
