using System.Globalization;
using PeimsRules.Accountability;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Funding;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Cli.Report;

/// <summary>
/// The inputs of a report: the records and what goes with them. The records are a list, or the columnar store a clean
/// file was read into: the summaries, the audit and the chronic absence rates then take the store's own paths, and the
/// records of one campus are rebuilt when its page and file are written, so the report never holds an object for every
/// record.
/// </summary>
internal sealed record ReportInput(
    IReadOnlyCollection<BasicReportingPeriodAttendance> Records,
    IReadOnlyList<AuditFinding> ReaderFindings,
    IReadOnlyList<IepServiceRecord> Services,
    IReadOnlyDictionary<CampusId, string> CampusNames,
    IReadOnlyList<BasicReportingPeriodAttendance>? PriorYear,
    string Source,
    ReportingPeriod? ThroughPeriod = null)
{
    /// <summary>The students' demographic records (PEIMS 101 and 110), when given: the report then shows student groups.</summary>
    public IReadOnlyList<StudentDemographics>? Demographics { get; init; }
}

/// <summary>
/// Everything a report shows, computed once by the library: the attendance summary by campus and for the district,
/// the integrity audit, the K-3 rows and their allotment, the absence rates. The HTML, the charts and the CSVs are all
/// written from this one object, so a figure is the same wherever it appears.
/// </summary>
internal sealed class DistrictReport
{
    private DistrictReport(ReportInput input, RuleSet rules, AttendanceSummary byCampus, AttendanceSummary byDistrict, AuditReport audit, IReadOnlyList<IReadOnlyList<ChronicAbsenceRate>> chronicByCampus)
    {
        Input = input;
        Rules = rules;
        ByCampus = byCampus;
        ByDistrict = byDistrict;
        Audit = audit;
        ChronicByCampus = chronicByCampus;
    }

    /// <summary>The campus rates of chronic absence under each of <see cref="ChronicDefinitions"/>: only the rates are kept, as the report shows no verdict and a district's verdicts are many.</summary>
    private static List<IReadOnlyList<ChronicAbsenceRate>> ChronicRates(IReadOnlyCollection<BasicReportingPeriodAttendance> records)
    {
        // The spans are made once for the four definitions (a store would otherwise rebuild them for each).
        var spans = ChronicAbsenceInput.FromPeriodRecords(records).Spans.ToList();
        return ChronicDefinitions.Select(d => ChronicAbsence.Evaluate(d, spans).Campuses).ToList();
    }

    /// <summary>The chronic absence definitions the report shows, each authority's own, from the period records.</summary>
    public static IReadOnlyList<ChronicAbsenceDefinition> ChronicDefinitions { get; } =
    [
        ChronicAbsenceDefinition.Federal,
        ChronicAbsenceDefinition.Crdc,
        ChronicAbsenceDefinition.TeaAccountability,
        ChronicAbsenceDefinition.IntegrityAudit,
    ];

    /// <summary>The campus rates of chronic absence under each of <see cref="ChronicDefinitions"/>, in that order.</summary>
    public IReadOnlyList<IReadOnlyList<ChronicAbsenceRate>> ChronicByCampus { get; }

    public ReportInput Input { get; }

    public RuleSet Rules { get; }

    public AttendanceSummary ByCampus { get; }

    public AttendanceSummary ByDistrict { get; }

    public AuditReport Audit { get; }

    /// <summary>
    /// The accountability attendance rate (grades 1 to 12) by student group, district and campus, when demographics were
    /// given; otherwise empty.
    /// </summary>
    public IReadOnlyList<AttendanceRateFigure> AttendanceByGroup =>
        _byGroup ??= Input.Demographics is { } demographics ? AttendanceRate.Compute(Input.Records, demographics) : [];

    private IReadOnlyList<AttendanceRateFigure>? _byGroup;

    /// <summary>The prior year's district figures, when a prior-year file was given (any year: shown beside the current one).</summary>
    public AttendanceSummary? PriorByDistrict { get; private init; }

    private IReadOnlyList<AuditFinding>? _actionList;
    private ILookup<CampusId, BasicReportingPeriodAttendance>? _byCampus;
    private ILookup<CampusId, AuditFinding>? _findingsByCampus;
    private IReadOnlyList<CampusId>? _campuses;
    private HashSet<CampusId>? _campusSet;

    /// <summary>The campuses of the report, in order: computed once, as every page and table asks for them.</summary>
    public IReadOnlyList<CampusId> Campuses => _campuses ??= ByCampus.Figures.Select(f => f.Group.Campus!.Value).Distinct().Order().ToList();

    /// <summary>Whether <paramref name="campus"/> is one of <see cref="Campuses"/>.</summary>
    public bool HasCampus(CampusId campus) => (_campusSet ??= [.. Campuses]).Contains(campus);

    /// <summary>The audit's findings at <paramref name="campus"/>, in the audit's order: grouped once, so no table scans every finding for each campus.</summary>
    public IEnumerable<AuditFinding> FindingsOf(CampusId campus) =>
        (_findingsByCampus ??= Audit.Findings.Where(f => f.CampusId is not null).ToLookup(f => f.CampusId!.Value))[campus];

    public string NameOf(CampusId campus) => Input.CampusNames.TryGetValue(campus, out var name) ? name : campus.Code;

    public static DistrictReport Compute(ReportInput input, AuditOptions auditOptions)
    {
        var years = CliInput.YearsOf(input.Records);
        if (years.Count != 1)
        {
            throw new ArgumentException(years.Count == 0
                ? $"{input.Source} has no readable period records to report on."
                : $"{input.Source} holds records of {years.Count} school years; report one school year at a time.");
        }

        var rules = RuleSet.For(years[0]);
        // The chronic absence rates are computed on another core while the summaries and the audit are: they share
        // nothing but the records, which are read only.
        var chronic = Task.Run(() => ChronicRates(input.Records));
        var prior = rules.AppliesCovid19Adjustment ? input.PriorYear : null;
        var byCampus = AttendanceSummary.Compute(input.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus, PriorYearRecords = prior, ThroughPeriod = input.ThroughPeriod });
        var byDistrict = AttendanceSummary.Compute(input.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District, PriorYearRecords = prior, ThroughPeriod = input.ThroughPeriod });
        var audit = IntegrityAudit.Run(new AuditInput { Records = input.Records, ServiceRecords = input.Services, ReaderFindings = input.ReaderFindings }, rules, auditOptions with { CampusNames = input.CampusNames });
        AttendanceSummary? priorByDistrict = null;
        if (input.PriorYear is { Count: > 0 } priorRecords && priorRecords.Select(r => r.SchoolYear).Distinct().Count() == 1)
        {
            var priorRules = RuleSet.For(priorRecords[0].SchoolYear);
            priorByDistrict = AttendanceSummary.Compute(priorRecords, priorRules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District });
        }

        return new DistrictReport(input, rules, byCampus, byDistrict, audit, chronic.GetAwaiter().GetResult()) { PriorByDistrict = priorByDistrict };
    }

    /// <summary>The early education allotment a K-3 row's year figure earns, or null when it has no published ADA or the year has none.</summary>
    public decimal? AllotmentOf(AttendanceFigure yearRow) =>
        yearRow.IsYear && yearRow.Ada.Published is { } ada && Rules.HasEarlyEducationRows && Rules.BasicAllotment is not null
            ? EarlyEducationAllotment.Amount(yearRow.Population, ada, Rules)
            : null;

    /// <summary>
    /// Each student's attendance at each campus over the year: days present and days in membership (as PIA counts them),
    /// and whether the integrity audit's rule (attendance below 90%) flags the student.
    /// </summary>
    public IReadOnlyList<StudentYear> StudentYears() => _studentYears ??= ComputeStudentYears();

    private IReadOnlyList<StudentYear>? _studentYears;

    private List<StudentYear> ComputeStudentYears()
    {
        var flagged = Audit.Findings.Where(f => f.Rule == AuditRules.ChronicAbsence)
            .Select(f => (f.CampusId!.Value, f.StudentId!.Value)).ToHashSet();
        // Each student's days summed as the records go by: no group of records is kept.
        var days = new Dictionary<(CampusId, StudentId), (DayCount Present, DayCount Absent)>();
        foreach (var r in Input.Records)
        {
            if (r.ReportingPeriod.IsRefinedAdaPeriod && r.AdaEligibility?.IsInMembership != false)
            {
                ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(days, (r.CampusId, r.StudentId), out _);
                sum = (sum.Present + PercentInAttendance.CountedDaysPresent(r, Rules), sum.Absent + r.DaysAbsent);
            }
        }

        return days
            .Select(d => new StudentYear(d.Key.Item1, d.Key.Item2, d.Value.Present, d.Value.Present + d.Value.Absent, flagged.Contains(d.Key)))
            .Where(s => s.Membership.HalfDays > 0)
            .OrderBy(s => s.Campus).ThenBy(s => s.Student)
            .ToList();
    }

    /// <summary>
    /// Students by the basic-allotment equivalent of their reporting errors (ADA overstated or unclaimed; attendance
    /// opportunity is not an error and is not added in).
    /// </summary>
    public IReadOnlyList<StudentAtStake> TopStudents(int count) =>
        Audit.Findings
            .Where(f => f.StudentId is not null && f.CampusId is not null && FindingMoney.Dollars(f) is not null
                && FindingMoney.Column(f) is MoneyColumn.AdaOverstated or MoneyColumn.AdaUnclaimed)
            .GroupBy(f => (f.CampusId!.Value, f.StudentId!.Value))
            .Select(g => new StudentAtStake(
                g.Key.Item1,
                g.Key.Item2,
                g.Where(f => FindingMoney.Column(f) == MoneyColumn.AdaOverstated).Sum(f => FindingMoney.Dollars(f)!.Value),
                g.Where(f => FindingMoney.Column(f) == MoneyColumn.AdaUnclaimed).Sum(f => FindingMoney.Dollars(f)!.Value),
                g.Aggregate(Ratio.Zero, (sum, f) => sum + (FindingMoney.Ada(f) ?? Ratio.Zero)),
                string.Join(" ", g.Select(f => f.Rule.Id).Distinct().Order(StringComparer.Ordinal))))
            .OrderByDescending(s => s.Dollars).ThenBy(s => s.Campus).ThenBy(s => s.Student)
            .Take(count)
            .ToList();

    /// <summary>The reporting errors to fix before submission, in the order to fix them (<see cref="FindingMoney.ActionList"/>).</summary>
    public IReadOnlyList<AuditFinding> ActionList => _actionList ??= FindingMoney.ActionList(Audit.Findings);

    /// <summary>
    /// Whether <paramref name="campus"/> is an elementary campus (it reports a grade from EE to 05), so charts keep
    /// elementary and secondary campuses on separate axes.
    /// </summary>
    public bool IsElementary(CampusId campus)
    {
        _elementary ??= [];
        if (!_elementary.TryGetValue(campus, out var elementary))
        {
            var grade5 = GradeLevel.Parse("05");
            _elementary[campus] = elementary = RecordsOf(campus).Any(r => r.GradeLevel.CompareTo(grade5) <= 0);
        }

        return elementary;
    }

    private Dictionary<CampusId, bool>? _elementary;

    /// <summary>
    /// The records of <paramref name="campus"/>, in input order: rebuilt from the store for one campus at a time (the last
    /// one asked for is kept, as its page and its file ask in turn), or grouped once from a list.
    /// </summary>
    public IEnumerable<BasicReportingPeriodAttendance> RecordsOf(CampusId campus)
    {
        if (Input.Records is AttendanceStore store)
        {
            if (_lastCampus?.Campus != campus)
            {
                _lastCampus = (campus, store.RecordsOf(campus));
            }

            return _lastCampus.Value.Records;
        }

        return (_byCampus ??= Input.Records.ToLookup(r => r.CampusId))[campus];
    }

    private (CampusId Campus, IReadOnlyList<BasicReportingPeriodAttendance> Records)? _lastCampus;
}

internal sealed record StudentYear(CampusId Campus, StudentId Student, DayCount Present, DayCount Membership, bool Flagged)
{
    /// <summary>Days absent ÷ days in membership × 100, exactly.</summary>
    public Ratio AbsencePercent => Ratio.Of((Membership.HalfDays - Present.HalfDays) * 100, Membership.HalfDays);
}

internal sealed record StudentAtStake(CampusId Campus, StudentId Student, decimal DollarsOverstated, decimal DollarsUnclaimed, Ratio Ada, string Rules)
{
    /// <summary>The reporting-error dollars, overstated + unclaimed.</summary>
    public decimal Dollars => DollarsOverstated + DollarsUnclaimed;
}

/// <summary>Number formats shared by the HTML, the console and the CSVs, so each shows the same text for the same figure.</summary>
internal static class ReportFormat
{
    /// <summary>A figure as the CSVs write it: three decimals, or Excluded, or NotComputable.</summary>
    public static string Figure(Figure figure) => figure.Status switch
    {
        FigureStatus.Computed => CliOutput.Format(figure.Published!.Value),
        FigureStatus.ExcludedCovid19 => "Excluded",
        _ => "NotComputable",
    };

    /// <summary>A figure as a person reads it: three decimals with thousands separators, or why there is none.</summary>
    public static string FigureText(Figure figure) => figure.Status switch
    {
        FigureStatus.Computed => figure.Published!.Value.ToString("#,##0.000", CultureInfo.InvariantCulture),
        FigureStatus.ExcludedCovid19 => "excluded (COVID-19)",
        _ => "not computable",
    };

    /// <summary>What to do about a figure that is not computable, or null when it is.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="rules">The year's rules.</param>
    /// <param name="priorYearGiven">Whether the prior year's records were given.</param>
    public static string? Hint(Figure figure, RuleSet rules, bool priorYearGiven) =>
        figure.Status != FigureStatus.NotComputable ? null
        : rules.AppliesCovid19Adjustment && !priorYearGiven
            ? $"The {rules.SchoolYear.DisplayName} year figure is the mean of periods 1 to 4 times the district's 2018-19 historical ratio (TEA, 2020-09-24 COVID-19 letter): give the 2018-19 period file with --prior-year FILE."
            : "Not computable: " + (figure.Reason ?? "no records of this period or population.");

    public static string Ada(Ratio value) => CliOutput.Format(value.Round(3, MidpointRounding.AwayFromZero));

    /// <summary>ADA for a person: three decimals with separators.</summary>
    public static string AdaText(Ratio value) => value.Round(3, MidpointRounding.AwayFromZero).ToString("#,##0.000", CultureInfo.InvariantCulture);

    public static string Percent(Ratio value) => value.Round(1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Dollars(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Dollars for a person, the same on the console and the page: $9,077.</summary>
    public static string DollarsText(decimal? value) => value is { } v ? v.ToString("$#,##0;-$#,##0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Minutes for a person: 12,345 min.</summary>
    public static string Minutes(long minutes) => minutes.ToString("#,##0", CultureInfo.InvariantCulture) + " min";

    /// <summary>A count with separators: 3,600.</summary>
    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);
}
