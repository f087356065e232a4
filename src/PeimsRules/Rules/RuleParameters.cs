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

    /// <summary>
    /// Whether the 2025-26 early-education rows are computed: all K-3 students' ADA (weight 0.01) and the FSP-eligible
    /// pre-kindergarten half-day ADA of four-year-olds; from 2025-26, awaiting confirmation of the enacted text.
    /// </summary>
    public static RuleParameter<bool> AllStudentsEarlyEducationRows { get; } = new(
        nameof(RuleSet.HasAllStudentsEarlyEducationRows),
        "The all K-3 students ADA row and the FSP-eligible pre-K half-day ADA row (four-year-olds) of the early education allotment are computed.",
        At(FirstYear, false, new("TEC §48.108 before HB 2 (89th Legislature, 2025) weighted only educationally disadvantaged and emergent bilingual K-3 students")),
        At(new SchoolYear(2026), true, new(
            "HB 2 (89th Legislature, 2025), TEC §48.108 as amended; student information system vendors' 2025-26 early education ADA reports",
            CitationStatus.AwaitingConfirmation,
            "Vendors add the rows \"All K-3 Students ADA\" and \"FSP-eligible PreK (half-day ADA, 4-year-olds)\"; the enacted text and TEA's Summary of Finances are not yet checked.")));

    /// <summary>The early education allotment per ADA in the all K-3 students row, as a fraction of the basic allotment: 0.01 from 2025-26.</summary>
    public static RuleParameter<decimal> AllStudentsEarlyEducationAllotmentRate { get; } = new(
        nameof(RuleSet.AllStudentsEarlyEducationAllotmentRate),
        "The early education allotment per ADA in the all K-3 students row, as a fraction of the basic allotment.",
        At(new SchoolYear(2026), 0.01m, new(
            "HB 2 (89th Legislature, 2025), TEC §48.108 as amended",
            CitationStatus.AwaitingConfirmation,
            "The 0.01 weight for all K-3 students is reported by vendors; the enacted text is not yet checked. The 0.1 weight of the educationally disadvantaged and emergent bilingual rows is kept.")));

    /// <summary>
    /// The age a pre-kindergarten student must have on September 1 of the school year to count in the FSP-eligible
    /// pre-K half-day row: four.
    /// </summary>
    public static RuleParameter<int> PreKindergartenAgeOnSeptemberFirst { get; } = new(
        nameof(RuleSet.PreKindergartenAgeOnSeptemberFirst),
        "The age on September 1 of the school year of the four-year-olds counted in the FSP-eligible pre-K half-day ADA row.",
        At(new SchoolYear(2026), 4, new(
            "TEC §29.153(b) (a child is eligible for pre-kindergarten if at least four years of age on September 1 of the school year); the row itself per vendors' 2025-26 reports",
            CitationStatus.AwaitingConfirmation,
            "Four-year-olds only: three-year-olds in pre-K do not count in the row, as vendors describe it; not yet checked in TEA's Summary of Finances.")));

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

    /// <summary>
    /// The least share of a district's enrollment holding migrant certificates of eligibility for its refined ADA to be the
    /// best four of six periods (19 TAC §129.1021): 5.0%. Which enrollment count the share is of is not confirmed.
    /// </summary>
    public static RuleParameter<decimal> BestFourOfSixMigrantShare { get; } = new(
        nameof(RuleSet.BestFourOfSixMigrantShare),
        "The least share of a district's enrollment holding migrant certificates of eligibility for its refined ADA to be the best four of six periods.",
        At(FirstYear, 0.05m, new(
            "19 TAC §129.1021 (best four of six for districts with migrant students)",
            CitationStatus.AwaitingConfirmation,
            "5.0% is in the rule; which enrollment count the share is taken of (a snapshot date, or every student served in the year) is not confirmed: give the enrollment you use.")));

    private static RuleParameterValue<T> At<T>(SchoolYear from, T value, Citation citation) => new(from, value, citation);

    /// <summary>Every parameter, for listings and for the test that every value has a citation.</summary>
    public static IReadOnlyList<IRuleParameter> All { get; } =
        [RemoteDaysCount, Covid19Adjustment, EarlyEducationRows, AllStudentsEarlyEducationRows, BasicAllotment, EarlyEducationAllotmentRate,
         AllStudentsEarlyEducationAllotmentRate, PreKindergartenAgeOnSeptemberFirst, PublishedRounding, BestFourOfSixMigrantShare];
}
