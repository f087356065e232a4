using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Funding;
using PeimsRules.Rules;

namespace PeimsRules.Reconciliation;

/// <summary>Options of <see cref="AttendanceComparison.Compare(AttendanceSnapshot, AttendanceSnapshot, AttendanceComparisonOptions?)"/>.</summary>
public sealed record AttendanceComparisonOptions
{
    /// <summary>The default options: rows by district, no prior-year records.</summary>
    public static AttendanceComparisonOptions Default { get; } = new();

    /// <summary>The dimensions the rows of both summaries are grouped by.</summary>
    /// <value>Defaults to <see cref="AttendanceGrouping.District"/>.</value>
    public AttendanceGrouping GroupBy { get; init; } = AttendanceGrouping.District;

    /// <summary>
    /// For 2019-20: the 2018-19 records behind each district's COVID-19 historical ratio, used by every side whose
    /// rules apply the adjustment (the same ratio on both sides, so the year difference is the records' doing).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: a 2019-20 refined ADA is then not computable, and neither is its difference.</value>
    public IEnumerable<BasicReportingPeriodAttendance>? PriorYearRecords { get; init; }

    /// <summary>
    /// When set, only the records of this reporting period are compared, on both sides: a period's PEIMS Six Weeks
    /// Attendance Submission against the same period re-collected in the Summer submission (or any two submissions).
    /// The rows are then that period's rows only: one period makes no year figure.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: every period, and the year.</value>
    public ReportingPeriod? Period { get; init; }
}

/// <summary>
/// Why two sets of figures differ: two runs of the calculator (preliminary and final, the district's SIS and the
/// state's file, before and after a correction, or the same records under two rule sets) compared row by row, with
/// every figure on both sides, its exact and published difference, and the records that explain it.
/// </summary>
/// <remarks>
/// <para>
/// Records are matched by their natural key (<see cref="ReportingPeriodAttendanceKey"/>: district, campus, student, grade, track, period,
/// ADA eligibility code). A key on one side only is an addition or a removal; when the same student has a removal and
/// an addition in the same period, the two are a move between rows (<see cref="RecordChangeKind.MovedOut"/>,
/// <see cref="RecordChangeKind.MovedIn"/>). A key on both sides whose records differ is a change, with the fields that
/// changed. A key with several records in one set (a duplicate key: records TEA would fold into one) is neither folded
/// nor refused: the figures count its records as given, as <see cref="AttendanceSummary"/> does; the comparison matches
/// them as a group, compares their summed days and listed codes, and lists the key in <see cref="DuplicateKeysBefore"/>
/// or <see cref="DuplicateKeysAfter"/>.
/// </para>
/// <para>
/// Each record difference carries its exact contribution to every ADA it is behind, under each side's rules, so the
/// contributions of a row's records add up exactly to the row's exact ADA difference (see
/// <see cref="RecordContribution"/>); PIA differences are explained by the change in days present and days in
/// membership, which add up exactly but are not shares of the PIA difference (a ratio of sums has none).
/// </para>
/// <para>
/// When the two rule sets differ, every record they count differently is explained too (<see cref="RecordChangeKind.Recounted"/>),
/// and the parameters that differ are listed in <see cref="RuleDifferences"/>. A difference of rounding alone changes
/// no exact figure: its published differences are flagged <see cref="FigureChangeKind.RoundingOnly"/>.
/// </para>
/// </remarks>
public sealed class AttendanceComparison
{
    private readonly Dictionary<(AttendanceGroupKey, Population, ReportingPeriod?), FigureDifference> _index;

    private AttendanceComparison(
        AttendanceSnapshot before,
        AttendanceSnapshot after,
        AttendanceGrouping groupBy,
        AttendanceSummary beforeSummary,
        AttendanceSummary afterSummary,
        IReadOnlyList<RuleParameterDifference> ruleDifferences,
        IReadOnlyList<RecordDifference> recordDifferences,
        IReadOnlyList<FigureDifference> figures,
        IReadOnlyList<ReportingPeriodAttendanceKey> duplicateKeysBefore,
        IReadOnlyList<ReportingPeriodAttendanceKey> duplicateKeysAfter)
    {
        Before = before;
        After = after;
        GroupBy = groupBy;
        BeforeSummary = beforeSummary;
        AfterSummary = afterSummary;
        RuleDifferences = ruleDifferences;
        RecordDifferences = recordDifferences;
        Figures = figures;
        DuplicateKeysBefore = duplicateKeysBefore;
        DuplicateKeysAfter = duplicateKeysAfter;
        _index = figures.ToDictionary(f => (f.Group, f.Population, f.Period));
    }

    /// <summary>The run before.</summary>
    public AttendanceSnapshot Before { get; }

    /// <summary>The run after.</summary>
    public AttendanceSnapshot After { get; }

    /// <summary>The grouping of the rows.</summary>
    public AttendanceGrouping GroupBy { get; }

    /// <summary>The figures before.</summary>
    public AttendanceSummary BeforeSummary { get; }

    /// <summary>The figures after.</summary>
    public AttendanceSummary AfterSummary { get; }

    /// <summary>The rule parameters whose values differ between the two rule sets; empty when the rules are the same.</summary>
    public IReadOnlyList<RuleParameterDifference> RuleDifferences { get; }

    /// <summary>Every key whose records differ, or that the two rule sets count differently, in key order.</summary>
    public IReadOnlyList<RecordDifference> RecordDifferences { get; }

    /// <summary>Every row of either summary: by group, then population, then periods 1 to 6, then the year.</summary>
    public IReadOnlyList<FigureDifference> Figures { get; }

    /// <summary>The rows in which something differs (<see cref="FigureDifference.IsDifferent"/>).</summary>
    public IEnumerable<FigureDifference> ChangedFigures => Figures.Where(f => f.IsDifferent);

    /// <summary>The keys that have more than one record before.</summary>
    public IReadOnlyList<ReportingPeriodAttendanceKey> DuplicateKeysBefore { get; }

    /// <summary>The keys that have more than one record after.</summary>
    public IReadOnlyList<ReportingPeriodAttendanceKey> DuplicateKeysAfter { get; }

    /// <summary>Whether anything differs: a rule parameter, a record, or a figure.</summary>
    public bool HasDifferences => RuleDifferences.Count > 0 || RecordDifferences.Count > 0 || Figures.Any(f => f.IsDifferent);

    /// <summary>Compares two sets of records of one school year under the same rules (a correction, a resubmission, SIS against state).</summary>
    /// <exception cref="ArgumentException">A record is not of the rules' school year.</exception>
    public static AttendanceComparison CompareRecords(
        IEnumerable<BasicReportingPeriodAttendance> before,
        IEnumerable<BasicReportingPeriodAttendance> after,
        RuleSet rules,
        AttendanceComparisonOptions? options = null) =>
        Compare(new AttendanceSnapshot(rules, before), new AttendanceSnapshot(rules, after), options);

    /// <summary>Compares one set of records under two rule sets of its school year (two rounding rules, another year's parameters).</summary>
    /// <exception cref="ArgumentException">The rule sets are of different school years, or a record is not of their year.</exception>
    public static AttendanceComparison CompareRules(
        IEnumerable<BasicReportingPeriodAttendance> records,
        RuleSet before,
        RuleSet after,
        AttendanceComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        return Compare(new AttendanceSnapshot(before, list), new AttendanceSnapshot(after, list), options);
    }

    /// <summary>Compares two runs of one school year, each with its records and its rules: a later run with a saved snapshot.</summary>
    /// <exception cref="ArgumentException">
    /// The runs are of different school years, or prior-year records were given and neither side's rules apply the
    /// 2019-20 COVID-19 adjustment.
    /// </exception>
    public static AttendanceComparison Compare(AttendanceSnapshot before, AttendanceSnapshot after, AttendanceComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        options ??= AttendanceComparisonOptions.Default;
        if (before.SchoolYear != after.SchoolYear)
        {
            throw new ArgumentException(
                $"A comparison is of one school year: before is {before.SchoolYear.DisplayName}, after is {after.SchoolYear.DisplayName}.",
                nameof(after));
        }

        var prior = options.PriorYearRecords?.ToList();
        if (prior is not null && !before.Rules.AppliesCovid19Adjustment && !after.Rules.AppliesCovid19Adjustment)
        {
            throw new ArgumentException(
                $"Prior-year records are used only for the 2019-20 COVID-19 historical ratio; neither rule set of {before.SchoolYear.DisplayName} applies it.",
                nameof(options));
        }

        if (options.Period is { } only)
        {
            before = new AttendanceSnapshot(before.Rules, before.Records.Where(r => r.ReportingPeriod == only), before.Label);
            after = new AttendanceSnapshot(after.Rules, after.Records.Where(r => r.ReportingPeriod == only), after.Label);
        }

        var b = new Side(before, options.GroupBy, prior);
        var a = new Side(after, options.GroupBy, prior);
        var explanations = new Dictionary<(AttendanceGroupKey, Population, ReportingPeriod?), List<ExplainingRecord>>();
        var recordDifferences = RecordDifferencesOf(b, a, options.GroupBy, explanations);

        var figures = FiguresOf(
            b.Summary,
            a.Summary,
            b.PriorYearGiven,
            a.PriorYearGiven,
            options.Period,
            row => explanations.TryGetValue(row, out var explaining) ? explaining : [],
            row => explanations.TryGetValue(row, out var explaining) ? explaining.Count : 0);

        return new AttendanceComparison(
            before,
            after,
            options.GroupBy,
            b.Summary,
            a.Summary,
            Reconciliation.RuleDifferences.Between(before.Rules, after.Rules),
            recordDifferences,
            figures,
            b.DuplicateKeys,
            a.DuplicateKeys);
    }

    /// <summary>
    /// The dollars a row's ADA difference carries at the year's basic allotment (<see cref="RuleSet.BasicAllotment"/> of
    /// the after side), rounded to cents once: for the year row, the refined ADA difference × the basic allotment; for a
    /// period row, the period ADA difference ÷ 6 × the basic allotment, since each period is one sixth of the refined ADA
    /// (and, from 2025-26, TEA adjusts funding during the year from each period's ADA, TEC §48.266(b-1)). Basic allotment
    /// only: the Foundation School Program's other allotments and adjustments are not in it.
    /// </summary>
    /// <returns>
    /// The dollars, or <see langword="null"/> when the ADA difference is not computable, the year has no basic allotment
    /// in this library, or the year is 2019-20 (each district's historical ratio weighs its periods; this is not computed).
    /// </returns>
    public decimal? BasicAllotmentDollars(FigureDifference row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Ada.ExactDifference is not { } difference || After.Rules.BasicAllotment is not { } allotment
            || After.Rules.AppliesCovid19Adjustment || Before.Rules.AppliesCovid19Adjustment)
        {
            return null;
        }

        var share = row.Period is null ? difference : difference / Ratio.FromInteger(6);
        return (share * Ratio.FromDecimal(allotment)).Round(2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The row for a group, population and period (<see langword="null"/> for the year), if either side has it.</summary>
    public FigureDifference? Find(AttendanceGroupKey group, Population population, ReportingPeriod? period) =>
        _index.GetValueOrDefault((group, population, period));

    /// <summary>
    /// Every row of either summary, both figures and their differences: by group, then population, then periods 1 to
    /// 6, then the year (only <paramref name="period"/>'s rows when it is set).
    /// </summary>
    internal static List<FigureDifference> FiguresOf(
        AttendanceSummary before,
        AttendanceSummary after,
        bool priorYearBefore,
        bool priorYearAfter,
        ReportingPeriod? period,
        Func<(AttendanceGroupKey, Population, ReportingPeriod?), IReadOnlyList<ExplainingRecord>> explanation,
        Func<(AttendanceGroupKey, Population, ReportingPeriod?), int> explainingRecords)
    {
        var rows = before.Figures.Select(f => (f.Group, f.Population, f.Period))
            .Union(after.Figures.Select(f => (f.Group, f.Population, f.Period)))
            .OrderBy(r => r.Group)
            .ThenBy(r => r.Population)
            .ThenBy(r => r.Period?.Number ?? int.MaxValue);
        var figures = new List<FigureDifference>();
        foreach (var (group, population, rowPeriod) in rows)
        {
            if (period is { } asked && rowPeriod != asked)
            {
                continue;
            }

            var beforeRow = before.Find(group, population, rowPeriod);
            var afterRow = after.Find(group, population, rowPeriod);
            figures.Add(new FigureDifference(
                group,
                population,
                rowPeriod,
                beforeRow,
                afterRow,
                FigureChange.Between(beforeRow?.Ada ?? AdaOfNoRecords(before.Rules, priorYearBefore, rowPeriod), afterRow?.Ada ?? AdaOfNoRecords(after.Rules, priorYearAfter, rowPeriod), before.Rules.Rounding, after.Rules.Rounding),
                FigureChange.Between(beforeRow?.Pia ?? NoMembership, afterRow?.Pia ?? NoMembership, before.Rules.Rounding, after.Rules.Rounding),
                explanation((group, population, rowPeriod)),
                explainingRecords((group, population, rowPeriod))));
        }

        return figures;
    }

    /// <summary>The ADA of a row a side does not have: no records, so zero (excluded in 2019-20 periods 5 and 6).</summary>
    internal static Figure AdaOfNoRecords(RuleSet rules, bool priorYearGiven, ReportingPeriod? period)
    {
        if (period is { } p && rules.AppliesCovid19Adjustment && Covid19AdjustedRefinedAda.IsExcluded(p))
        {
            return Figure.Excluded(Ratio.Zero, "2019-20 periods 5 and 6 are excluded by the COVID-19 adjustment (TEA letter 2020-09-24).");
        }

        if (period is null && rules.AppliesCovid19Adjustment && !priorYearGiven)
        {
            return Figure.NotComputable("the 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio, and no 2018-19 records were given.");
        }

        return Figure.Computed(Ratio.Zero, rules.Rounding);
    }

    /// <summary>Whether a year row under <paramref name="rules"/> counts a period: 1 to 6, or 1 to 4 under the 2019-20 adjustment.</summary>
    internal static bool CountsInYear(RuleSet rules, ReportingPeriod period) =>
        period.IsRefinedAdaPeriod && !(rules.AppliesCovid19Adjustment && Covid19AdjustedRefinedAda.IsExcluded(period));

    private static readonly Figure NoMembership = Figure.NotComputable("no days in membership.");

    private static List<RecordDifference> RecordDifferencesOf(
        Side before,
        Side after,
        AttendanceGrouping groupBy,
        Dictionary<(AttendanceGroupKey, Population, ReportingPeriod?), List<ExplainingRecord>> explanations)
    {
        var sameRules = before.Rules == after.Rules;
        // First the kind of each key that differs; then the additions and removals of one student in one period are
        // paired as moves; then each difference is built with its field changes and contributions. Only the keys that
        // differ are sorted: a key with the same records on both sides under the same rules explains nothing.
        var kinds = new SortedDictionary<ReportingPeriodAttendanceKey, RecordChangeKind>();
        if (before.Store is { } beforeStore && after.Store is { } afterStore)
        {
            ClassifyByCampus(before, after, beforeStore, afterStore, sameRules, kinds);
        }
        else
        {
            before.IndexAll(before.Snapshot.Records);
            after.IndexAll(after.Snapshot.Records);
            Classify(before.ByKey, after.ByKey, sameRules, kinds);
        }

        var counterparts = new Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<ReportingPeriodAttendanceKey>>();
        var unmatched = kinds.Where(k => k.Value is RecordChangeKind.Added or RecordChangeKind.Removed)
            .GroupBy(k => (k.Key.Student, k.Key.ReportingPeriod));
        foreach (var student in unmatched)
        {
            var removed = student.Where(k => k.Value == RecordChangeKind.Removed).Select(k => k.Key).ToArray();
            var added = student.Where(k => k.Value == RecordChangeKind.Added).Select(k => k.Key).ToArray();
            if (removed.Length == 0 || added.Length == 0)
            {
                continue;
            }

            foreach (var key in removed)
            {
                kinds[key] = RecordChangeKind.MovedOut;
                counterparts[key] = added;
            }

            foreach (var key in added)
            {
                kinds[key] = RecordChangeKind.MovedIn;
                counterparts[key] = removed;
            }
        }

        var differences = new List<RecordDifference>();
        foreach (var (key, kind) in kinds)
        {
            var b = before.RecordsOf(key);
            var a = after.RecordsOf(key);
            var contributions = Contributions(key, b, a, before, after);
            if (kind == RecordChangeKind.Recounted && !contributions.Any(ChangesSomething))
            {
                continue;
            }

            var others = counterparts.GetValueOrDefault(key) ?? [];
            var fields = kind switch
            {
                RecordChangeKind.Changed => RecordFields.Compare(b, a),
                RecordChangeKind.MovedOut => RecordFields.Compare(b, others.SelectMany(after.RecordsOf).ToList()),
                RecordChangeKind.MovedIn => RecordFields.Compare(others.SelectMany(before.RecordsOf).ToList(), a),
                _ => [],
            };
            var difference = new RecordDifference(key, kind, b, a, others, fields, contributions);
            differences.Add(difference);

            // Every field of a group key is part of the record key: both sides' records are in the same group.
            var group = AttendanceGroupKey.Of(b.Count > 0 ? b[0] : a[0], groupBy);
            foreach (var contribution in contributions)
            {
                var row = (group, contribution.Population, contribution.Period);
                if (!explanations.TryGetValue(row, out var list))
                {
                    explanations[row] = list = [];
                }

                list.Add(new ExplainingRecord(difference, contribution));
            }
        }

        return differences;
    }

    /// <summary>The kind of each key of <paramref name="before"/> or <paramref name="after"/> whose records differ (or that two rule sets count).</summary>
    private static void Classify(
        Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>> before,
        Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>> after,
        bool sameRules,
        SortedDictionary<ReportingPeriodAttendanceKey, RecordChangeKind> kinds)
    {
        foreach (var (key, b) in before)
        {
            var a = after.GetValueOrDefault(key) ?? [];
            if (a.Count == 0)
            {
                kinds[key] = RecordChangeKind.Removed;
            }
            else if (!b.SequenceEqual(a))
            {
                kinds[key] = RecordChangeKind.Changed;
            }
            else if (!sameRules)
            {
                kinds[key] = RecordChangeKind.Recounted;
            }
        }

        foreach (var key in after.Keys)
        {
            if (!before.ContainsKey(key))
            {
                kinds[key] = RecordChangeKind.Added;
            }
        }
    }

    /// <summary>
    /// <see cref="Classify"/> over two stores, a campus at a time (every field of a key is a record's, the campus among
    /// them, so a key's records are all in one campus on each side): a campus whose columns are the same on both sides
    /// is passed over, only the records of the keys that differ are kept in the sides' <see cref="Side.ByKey"/>, and
    /// each side's duplicate keys are read from its store's sections.
    /// </summary>
    private static void ClassifyByCampus(Side before, Side after, AttendanceStore beforeStore, AttendanceStore afterStore, bool sameRules, SortedDictionary<ReportingPeriodAttendanceKey, RecordChangeKind> kinds)
    {
        var campuses = beforeStore.Campuses.Union(afterStore.Campuses).Order();
        var found = new SortedDictionary<ReportingPeriodAttendanceKey, RecordChangeKind>();
        foreach (var campus in campuses)
        {
            // A campus whose columns are the same on both sides has no key that differs (under the same rules).
            if (sameRules && beforeStore.HasSameRecordsAt(campus, afterStore))
            {
                continue;
            }

            var b = Side.ByKeyOf(beforeStore.RecordsOf(campus));
            var a = Side.ByKeyOf(afterStore.RecordsOf(campus));
            found.Clear();
            Classify(b, a, sameRules, found);
            foreach (var (key, kind) in found)
            {
                kinds[key] = kind;
                if (b.TryGetValue(key, out var own))
                {
                    before.ByKey[key] = own;
                }

                if (a.TryGetValue(key, out own))
                {
                    after.ByKey[key] = own;
                }
            }
        }

        before.DuplicateKeys = beforeStore.DuplicateKeys();
        after.DuplicateKeys = afterStore.DuplicateKeys();
    }

    /// <summary>
    /// What the records under one key contribute to each row they are behind, on either side: the period row of their
    /// period and the year row, for every population that counts them.
    /// </summary>
    private static List<RecordContribution> Contributions(
        ReportingPeriodAttendanceKey key,
        IReadOnlyList<BasicReportingPeriodAttendance> before,
        IReadOnlyList<BasicReportingPeriodAttendance> after,
        Side beforeSide,
        Side afterSide)
    {
        var contributions = new List<RecordContribution>();
        var period = key.ReportingPeriod;
        if (!period.IsRefinedAdaPeriod)
        {
            return contributions;
        }

        foreach (var population in AllPopulations)
        {
            var b = beforeSide.Sum(before, population);
            var a = afterSide.Sum(after, population);
            if (!b.Any && !a.Any)
            {
                continue;
            }

            contributions.Add(new RecordContribution(
                population,
                period,
                a.Ada - b.Ada,
                (a.Present - b.Present) / 2m,
                (a.Membership - b.Membership) / 2m));

            var inYearBefore = b.Any && beforeSide.CountsInYear(period);
            var inYearAfter = a.Any && afterSide.CountsInYear(period);
            if (!inYearBefore && !inYearAfter)
            {
                continue;
            }

            var weightBefore = inYearBefore ? beforeSide.YearWeight(key.District) : Ratio.Zero;
            var weightAfter = inYearAfter ? afterSide.YearWeight(key.District) : Ratio.Zero;
            Ratio? ada = weightBefore is { } wb && weightAfter is { } wa ? (wa * a.Ada) - (wb * b.Ada) : null;
            contributions.Add(new RecordContribution(
                population,
                null,
                ada,
                ((inYearAfter ? a.Present : 0) - (inYearBefore ? b.Present : 0)) / 2m,
                ((inYearAfter ? a.Membership : 0) - (inYearBefore ? b.Membership : 0)) / 2m));
        }

        return contributions;
    }

    private static bool ChangesSomething(RecordContribution c) =>
        c.Ada is { IsZero: false } || c.DaysPresentChange != 0 || c.DaysInMembershipChange != 0;

    internal static readonly Population[] AllPopulations =
        [Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual, Population.K3AllStudents];

    /// <summary>One side of the comparison: its run, its figures, and its records by key.</summary>
    private sealed class Side
    {
        private readonly HashSet<Population> _populations;

        public Side(AttendanceSnapshot snapshot, AttendanceGrouping groupBy, IReadOnlyList<BasicReportingPeriodAttendance>? prior)
        {
            Snapshot = snapshot;
            Rules = snapshot.Rules;
            PriorYearGiven = prior is not null && Rules.AppliesCovid19Adjustment;
            Summary = snapshot.Summarize(new AttendanceSummaryOptions
            {
                GroupBy = groupBy,
                PriorYearRecords = PriorYearGiven ? prior : null,
            });
            _populations = [.. Populations.For(Rules)];

            Store = snapshot.Store;
        }

        /// <summary>The store the side's snapshot was made of, read a campus at a time; <see langword="null"/> for records.</summary>
        public AttendanceStore? Store { get; }

        /// <summary>
        /// Indexes the side's records by key: each key's records in canonical order, and the keys with more than one. A
        /// snapshot's records are in canonical order, so each key's records are next to each other and the keys come in
        /// order.
        /// </summary>
        public void IndexAll(IReadOnlyList<BasicReportingPeriodAttendance> records)
        {
            ByKey = new Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>>(records.Count);
            var duplicates = new List<ReportingPeriodAttendanceKey>();
            for (var i = 0; i < records.Count;)
            {
                var key = ReportingPeriodAttendanceKey.Of(records[i]);
                var end = i + 1;
                while (end < records.Count && ReportingPeriodAttendanceKey.Of(records[end]) == key)
                {
                    end++;
                }

                var own = new BasicReportingPeriodAttendance[end - i];
                for (var j = i; j < end; j++)
                {
                    own[j - i] = records[j];
                }

                ByKey.Add(key, own);
                if (own.Length > 1)
                {
                    duplicates.Add(key);
                }

                i = end;
            }

            DuplicateKeys = duplicates;
        }

        /// <summary>The records of one campus by key, each key's in canonical order (a campus's records come in input order).</summary>
        public static Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>> ByKeyOf(IReadOnlyList<BasicReportingPeriodAttendance> records)
        {
            var byKey = new Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>>(records.Count);
            foreach (var r in records)
            {
                var key = ReportingPeriodAttendanceKey.Of(r);
                if (!byKey.TryGetValue(key, out var own))
                {
                    byKey.Add(key, [r]);
                    continue;
                }

                var more = own.Append(r).ToArray();
                Array.Sort(more, ReportingPeriodAttendanceKey.CanonicalRecordOrder);
                byKey[key] = more;
            }

            return byKey;
        }

        public AttendanceSnapshot Snapshot { get; }

        public RuleSet Rules { get; }

        public bool PriorYearGiven { get; }

        public AttendanceSummary Summary { get; }

        /// <summary>The records by key: every key's (records), or the keys whose records differ (a store, read a campus at a time).</summary>
        public Dictionary<ReportingPeriodAttendanceKey, IReadOnlyList<BasicReportingPeriodAttendance>> ByKey { get; set; } = [];

        public IReadOnlyList<ReportingPeriodAttendanceKey> DuplicateKeys { get; set; } = [];

        public IReadOnlyList<BasicReportingPeriodAttendance> RecordsOf(ReportingPeriodAttendanceKey key) => ByKey.GetValueOrDefault(key) ?? [];

        /// <summary>Whether the year row of this side counts a period: 1 to 6, or 1 to 4 under the 2019-20 adjustment.</summary>
        public bool CountsInYear(ReportingPeriod period) => AttendanceComparison.CountsInYear(Rules, period);

        /// <summary>
        /// What a period ADA weighs in the year ADA of a district: 1/6 (the mean of six periods), or in 2019-20 the
        /// district's historical ratio ÷ 4; <see langword="null"/> when that ratio is not known.
        /// </summary>
        public Ratio? YearWeight(DistrictId district)
        {
            if (!Rules.AppliesCovid19Adjustment)
            {
                return Ratio.Of(1, 6);
            }

            return PriorYearGiven && Summary.HistoricalRatios.TryGetValue(district, out var ratio) ? ratio / Ratio.FromInteger(4) : null;
        }

        /// <summary>
        /// Whether this side counts any of <paramref name="records"/> in <paramref name="population"/>, and their sums
        /// there: the ADA, days present and days in membership, counted as the summary counts them.
        /// </summary>
        public (bool Any, Ratio Ada, long Present, long Membership) Sum(IReadOnlyList<BasicReportingPeriodAttendance> records, Population population)
        {
            if (!_populations.Contains(population))
            {
                return (false, Ratio.Zero, 0, 0);
            }

            var included = records.Where(r => population.Includes(r)).ToList();
            if (included.Count == 0)
            {
                return (false, Ratio.Zero, 0, 0);
            }

            var totals = AttendanceTotals.Of(included, Rules);
            return (true, totals.Ada, totals.DaysPresent.HalfDays, totals.DaysInMembership.HalfDays);
        }

    }
}
