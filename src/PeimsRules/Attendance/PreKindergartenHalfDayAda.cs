using NodaTime;
using PeimsRules.Rules;

namespace PeimsRules.Attendance;

/// <summary>
/// The FSP-eligible pre-kindergarten half-day ADA row of 2025-26: the ADA (by period, and for the year or the year
/// to date) of the grade PK students who are four years old on September 1 of the school year. It needs each pre-K
/// student's date of birth (E0006, <see cref="BasicReportingPeriodAttendance.BirthDate"/>); when a pre-K record has
/// none, the row cannot be computed and says so, never 0.
/// </summary>
/// <remarks>
/// <para>
/// The row is the basic ADA formula over the selected records (<see cref="AttendanceSummary"/>, population
/// <see cref="Population.All"/> of those records), so its period figures, its year or year-to-date figure and its PIA
/// follow every rule of the summary, including figures through a period
/// (<see cref="AttendanceSummaryOptions.ThroughPeriod"/>).
/// </para>
/// <para>
/// Days count as reported: pre-K students eligible for the Foundation School Program are funded for a half day and
/// are reported under a half-day ADA code (2 or 6), so their eligible days present are already half days. Whether a
/// full-day pre-K record should count only half its days in this row is not confirmed; this row counts it as reported.
/// The row carries no weight of its own here: vendors publish it beside the K-3 rows, and the enacted allotment for it
/// is not yet checked (<see cref="RuleParameters.AllStudentsEarlyEducationRows"/>, awaiting confirmation).
/// </para>
/// <para>
/// It is not one of <see cref="Populations.For"/>: the columnar store does not keep birth dates, so this row is
/// computed from the records alone.
/// </para>
/// </remarks>
[TeaSource("HB 2 (89th Legislature, 2025); student information system vendors' 2025-26 early education ADA reports: \"FSP-eligible PreK (half-day ADA, 4-year-olds)\"", Status = CitationStatus.AwaitingConfirmation)]
[TeaSource("TEC §29.153(b): eligible for pre-kindergarten at four years of age on September 1 of the school year")]
public static class PreKindergartenHalfDayAda
{
    /// <summary>
    /// Whether <paramref name="record"/> counts in the row under <paramref name="rules"/>: grade PK and
    /// <see cref="RuleSet.PreKindergartenAgeOnSeptemberFirst"/> years old on September 1 of the school year.
    /// A record with no birth date counts in nothing (<see cref="Compute"/> then says the row cannot be computed).
    /// </summary>
    public static bool Counts(BasicReportingPeriodAttendance record, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.PreKindergartenAgeOnSeptemberFirst is { } age
            && record.GradeLevel == GradeLevel.PreKindergarten
            && record.BirthDate is { } birth
            && AgeOnSeptemberFirst(birth, record.SchoolYear) == age;
    }

    /// <summary>A student's age in whole years on September 1 of the school year (the first calendar year of it).</summary>
    public static int AgeOnSeptemberFirst(LocalDate birthDate, SchoolYear schoolYear) =>
        Period.Between(birthDate, new LocalDate(schoolYear.StartYear, 9, 1), PeriodUnits.Years).Years;

    /// <summary>
    /// The row's figures for every group of <paramref name="options"/>'s grouping that has pre-K records: the period
    /// rows and the year (or year-to-date) row, each labelled with <see cref="Population.PreKindergartenFourYearOlds"/>.
    /// When a pre-K record of a group has no birth date, every figure of that group's row is not computable, with the
    /// reason.
    /// </summary>
    /// <returns>The rows, by group then period; empty when the rules of the year have no such row.</returns>
    /// <exception cref="ArgumentException">As <see cref="AttendanceSummary.Compute"/>.</exception>
    public static IReadOnlyList<AttendanceFigure> Compute(
        IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules, AttendanceSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= AttendanceSummaryOptions.Default;
        if (!rules.HasAllStudentsEarlyEducationRows)
        {
            return [];
        }

        // Materialized as plain records: a columnar store keeps no birth dates, so its records have none.
        var preK = records
            .Where(r => r.GradeLevel == GradeLevel.PreKindergarten)
            .Where(r => options.FocusList is null || options.FocusList.Contains(r.StudentId))
            .ToList();
        var summaryOptions = options with { PriorYearRecords = null, FocusList = null };

        // Every group with pre-K records gets its rows: the summary of all its pre-K records gives the groups and periods.
        var shape = AttendanceSummary.Compute(preK, rules, summaryOptions);
        var selected = AttendanceSummary.Compute(preK.Where(r => Counts(r, rules)), rules, summaryOptions);
        var missing = preK
            .Where(r => r.BirthDate is null)
            .GroupBy(r => AttendanceGroupKey.Of(r, options.GroupBy))
            .ToDictionary(g => g.Key, g => g.Select(r => r.StudentId).Distinct().Count());

        var rows = new List<AttendanceFigure>();
        foreach (var row in shape.Figures.Where(f => f.Population == Population.All))
        {
            if (missing.TryGetValue(row.Group, out var students))
            {
                rows.Add(WithoutBirthDates(row, WithoutBirthDates(students)));
                continue;
            }

            var counted = selected.Find(row.Group, Population.All, row.Period);
            rows.Add(counted is null
                ? EmptyRow(row, rules)
                : counted with { Population = Population.PreKindergartenFourYearOlds });
        }

        return rows.AsReadOnly();
    }

    /// <summary>
    /// The row of a group whose pre-K students' dates of birth are not given: not computable, with the reason
    /// (<see cref="WithoutBirthDates(int)"/>). <paramref name="shape"/> is the group's row of all its pre-K records.
    /// </summary>
    internal static AttendanceFigure WithoutBirthDates(AttendanceFigure shape, Figure notComputable) =>
        shape with { Population = Population.PreKindergartenFourYearOlds, Ada = notComputable, Pia = notComputable, Totals = AttendanceTotals.Empty };

    /// <summary>The ADA and PIA of a group with <paramref name="students"/> pre-K students whose date of birth is not given: not computable, with the reason.</summary>
    internal static Figure WithoutBirthDates(int students) =>
        Figure.NotComputable($"the date of birth (E0006) of {students} pre-K student(s) is not given: the FSP-eligible pre-K row counts four-year-olds, and cannot tell them without it.");

    /// <summary>The row of a group whose pre-K students are none of them four: an ADA of zero (there are none to count), no PIA.</summary>
    private static AttendanceFigure EmptyRow(AttendanceFigure shape, RuleSet rules) =>
        shape with
        {
            Population = Population.PreKindergartenFourYearOlds,
            Ada = shape.Ada.Status == FigureStatus.Computed ? Figure.Computed(Ratio.Zero, rules.Rounding) : shape.Ada,
            Pia = Figure.NotComputable("no four-year-old pre-K student has days in membership."),
            HistoricalRatio = null,
            Totals = AttendanceTotals.Empty,
        };
}
