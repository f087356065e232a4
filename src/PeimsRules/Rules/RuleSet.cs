namespace PeimsRules.Rules;

/// <summary>
/// The rules of one school year: which formulas apply and the values of their parameters, chosen by the year
/// (never by the wall clock). <see cref="For"/> gives TEA's rules for a year; any parameter can be overridden with
/// <c>with</c>, for a what-if or while a value awaits confirmation.
/// </summary>
/// <example>
/// <code>
/// var rules = RuleSet.For(new SchoolYear(2024));
/// var bankers = rules with { Rounding = new RoundingRule(3, MidpointRounding.ToEven) };
/// </code>
/// </example>
public sealed record RuleSet
{
    private RuleSet(SchoolYear schoolYear) => SchoolYear = schoolYear;

    /// <summary>The school year the rules are for.</summary>
    public SchoolYear SchoolYear { get; }

    /// <summary>How published ADA and PIA figures are rounded.</summary>
    /// <value>Three decimals, half away from zero (<see cref="RuleParameters.PublishedRounding"/>).</value>
    public required RoundingRule Rounding { get; init; }

    /// <summary>Whether remote (RS, RA) eligible days present count toward ADA and PIA.</summary>
    /// <value><see langword="true"/> for 2020-21 and 2021-22 only (<see cref="RuleParameters.RemoteDaysCount"/>).</value>
    public required bool CountsRemoteDays { get; init; }

    /// <summary>Whether the 2019-20 COVID-19 ADA adjustment applies.</summary>
    /// <value><see langword="true"/> for 2019-20 only (<see cref="RuleParameters.Covid19Adjustment"/>).</value>
    public required bool AppliesCovid19Adjustment { get; init; }

    /// <summary>Whether the HB 3 K-3 early-education rows are computed.</summary>
    /// <value><see langword="true"/> from 2019-20 (<see cref="RuleParameters.EarlyEducationRows"/>).</value>
    public required bool HasEarlyEducationRows { get; init; }

    /// <summary>
    /// Whether the 2025-26 early-education rows are computed: all K-3 students
    /// (<see cref="Attendance.Population.K3AllStudents"/>) and the FSP-eligible pre-K half-day row of four-year-olds
    /// (<see cref="Attendance.PreKindergartenHalfDayAda"/>).
    /// </summary>
    /// <value><see langword="true"/> from 2025-26, awaiting confirmation (<see cref="RuleParameters.AllStudentsEarlyEducationRows"/>).</value>
    public required bool HasAllStudentsEarlyEducationRows { get; init; }

    /// <summary>The early education allotment per ADA in the all K-3 students row, as a fraction of the basic allotment.</summary>
    /// <value>0.01 from 2025-26, awaiting confirmation; <see langword="null"/> before (<see cref="RuleParameters.AllStudentsEarlyEducationAllotmentRate"/>).</value>
    public required decimal? AllStudentsEarlyEducationAllotmentRate { get; init; }

    /// <summary>The age on September 1 of the school year of the pre-K students counted in the FSP-eligible pre-K half-day row.</summary>
    /// <value>4 from 2025-26, awaiting confirmation; <see langword="null"/> before (<see cref="RuleParameters.PreKindergartenAgeOnSeptemberFirst"/>).</value>
    public required int? PreKindergartenAgeOnSeptemberFirst { get; init; }

    /// <summary>The basic allotment in dollars, or <see langword="null"/> when this library carries no value for the year.</summary>
    /// <value>$6,160 from 2019-20, $6,215 from 2025-26 (awaiting confirmation); none before 2019-20 (<see cref="RuleParameters.BasicAllotment"/>).</value>
    public required decimal? BasicAllotment { get; init; }

    /// <summary>The early education allotment per ADA in each K-3 row, as a fraction of the basic allotment.</summary>
    /// <value>0.1 from 2019-20; <see langword="null"/> before (<see cref="RuleParameters.EarlyEducationAllotmentRate"/>).</value>
    public required decimal? EarlyEducationAllotmentRate { get; init; }

    /// <summary>
    /// The least share of a district's enrollment holding migrant certificates of eligibility for the commissioner to
    /// compute its refined ADA as the best four of six periods (19 TAC §129.1021), as a fraction.
    /// </summary>
    /// <value>0.05 (5.0%); which enrollment count the share is of awaits confirmation (<see cref="RuleParameters.BestFourOfSixMigrantShare"/>).</value>
    public required decimal BestFourOfSixMigrantShare { get; init; }

    /// <summary>
    /// Best four of six (19 TAC §129.1021): when set, the year's refined ADA of each district (all students) is the mean
    /// of its four best periods, capped at its migrant certificate students + its six-period refined ADA.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/>: off, the year is the mean of the six periods. Nobody elects it; TEA applies it to
    /// a district whose migrant share reaches <see cref="BestFourOfSixMigrantShare"/> (<see cref="Attendance.BestFourOfSixRefinedAda.Qualifies"/>).
    /// </value>
    public BestFourOfSixOption? BestFourOfSix { get; init; }

    /// <summary>TEA's rules for <paramref name="schoolYear"/>, from <see cref="RuleParameters"/>.</summary>
    public static RuleSet For(SchoolYear schoolYear) => new(schoolYear)
    {
        Rounding = RuleParameters.PublishedRounding.ValueFor(schoolYear).Value,
        CountsRemoteDays = RuleParameters.RemoteDaysCount.ValueFor(schoolYear).Value,
        AppliesCovid19Adjustment = RuleParameters.Covid19Adjustment.ValueFor(schoolYear).Value,
        HasEarlyEducationRows = RuleParameters.EarlyEducationRows.ValueFor(schoolYear).Value,
        BasicAllotment = RuleParameters.BasicAllotment.TryGetValue(schoolYear, out var allotment) ? allotment.Value : null,
        EarlyEducationAllotmentRate = RuleParameters.EarlyEducationAllotmentRate.TryGetValue(schoolYear, out var rate) ? rate.Value : null,
        BestFourOfSixMigrantShare = RuleParameters.BestFourOfSixMigrantShare.ValueFor(schoolYear).Value,
        HasAllStudentsEarlyEducationRows = RuleParameters.AllStudentsEarlyEducationRows.ValueFor(schoolYear).Value,
        AllStudentsEarlyEducationAllotmentRate = RuleParameters.AllStudentsEarlyEducationAllotmentRate.TryGetValue(schoolYear, out var allRate) ? allRate.Value : null,
        PreKindergartenAgeOnSeptemberFirst = RuleParameters.PreKindergartenAgeOnSeptemberFirst.TryGetValue(schoolYear, out var age) ? age.Value : null,
    };

    /// <summary>
    /// The parameters as TEA's rules for this year set them, each with its value and citation; a parameter with no
    /// value for the year is left out. Overrides made with <c>with</c> are not reflected here.
    /// </summary>
    public IReadOnlyList<(string Name, string Value, Citation Citation)> DescribeParameters() =>
        RuleParameters.All
            .Select(p => (p.Name, Described: p.Describe(SchoolYear)))
            .Where(p => p.Described is not null)
            .Select(p => (p.Name, p.Described!.Value.Value, p.Described.Value.Citation))
            .ToArray();
}
