using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// The promises of a comparison, on generated runs: a set of records compared with itself shows nothing; the explained
/// contributions always add up exactly to the difference of the figures; comparing the other way round negates
/// everything. The runs are small districts of two campuses, four students, grades KG to 05, two tracks, periods 1 to
/// 7, every ADA eligibility code, in 2018-19, 2019-20 (with and without the 2018-19 records), 2021-22 (remote days) and
/// 2023-24; the "after" run is the "before" run with records kept, dropped, changed, moved to another key, split or
/// added, under the same rules or under rules with other parameters.
/// </summary>
public class ComparisonProperties
{
    [Property(MaxTest = 100, EndSize = 40)]
    public Property Comparing_a_run_with_itself_shows_no_difference() =>
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var before = new AttendanceSnapshot(scenario.BeforeRules, scenario.Before);
            var again = new AttendanceSnapshot(scenario.BeforeRules, scenario.Before.Reverse());
            var comparison = AttendanceComparison.Compare(before, again, scenario.Options(AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel));

            Assert.False(comparison.HasDifferences, scenario.ToString());
            Assert.Empty(comparison.RecordDifferences);
            Assert.All(comparison.Figures, f =>
            {
                Assert.False(f.IsDifferent);
                Assert.Empty(f.Explanation);
            });
        });

    [Property(MaxTest = 100, EndSize = 40)]
    public Property The_explained_contributions_add_up_exactly_to_the_difference_of_the_figures() =>
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var comparison = scenario.Compare(scenario.Grouping);
            foreach (var row in comparison.Figures)
            {
                if (row.Ada.ExactDifference is { } difference)
                {
                    Assert.True(difference == row.ExplainedAdaDifference, $"{row}: explained {row.ExplainedAdaDifference}\n{scenario}");
                }

                Assert.Equal(row.DaysPresentChange, row.Explanation.Sum(e => e.Contribution.DaysPresentChange));
                Assert.Equal(row.DaysInMembershipChange, row.Explanation.Sum(e => e.Contribution.DaysInMembershipChange));
            }
        });

    [Property(MaxTest = 100, EndSize = 40)]
    public Property Comparing_after_with_before_is_the_negation_of_comparing_before_with_after() =>
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var forward = scenario.Compare(scenario.Grouping);
            var backward = scenario.CompareBackward(scenario.Grouping);

            Assert.Equal(forward.Figures.Count, backward.Figures.Count);
            foreach (var (f, b) in forward.Figures.Zip(backward.Figures))
            {
                Assert.Equal((f.Group, f.Population, f.Period), (b.Group, b.Population, b.Period));
                Assert.Equal(Negate(f.Ada.ExactDifference), b.Ada.ExactDifference);
                Assert.Equal(-f.Ada.PublishedDifference, b.Ada.PublishedDifference);
                Assert.Equal(f.Ada.Kind, b.Ada.Kind);
                Assert.Equal(Negate(f.Pia.ExactDifference), b.Pia.ExactDifference);
                Assert.Equal(f.Pia.Kind, b.Pia.Kind);
                Assert.Equal(-f.DaysPresentChange, b.DaysPresentChange);
                Assert.Equal(-f.DaysInMembershipChange, b.DaysInMembershipChange);
                Assert.Equal(Negate(f.ExplainedAdaDifference), b.ExplainedAdaDifference);
            }

            Assert.Equal(forward.RecordDifferences.Select(r => r.Key), backward.RecordDifferences.Select(r => r.Key));
            foreach (var (f, b) in forward.RecordDifferences.Zip(backward.RecordDifferences))
            {
                Assert.Equal(Opposite(f.Kind), b.Kind);
                Assert.Equal(f.Before, b.After);
                Assert.Equal(f.After, b.Before);
                Assert.Equal(f.Counterparts, b.Counterparts);
                Assert.Equal(f.FieldChanges.Select(c => c with { Before = c.After, After = c.Before }), b.FieldChanges);
                Assert.Equal(
                    f.Contributions.Select(c => c with { Ada = Negate(c.Ada), DaysPresentChange = -c.DaysPresentChange, DaysInMembershipChange = -c.DaysInMembershipChange }),
                    b.Contributions);
            }

            Assert.Equal(
                forward.RuleDifferences.Select(d => d with { Before = d.After, After = d.Before }),
                backward.RuleDifferences);
        });

    [Property(MaxTest = 100, EndSize = 40)]
    public Property Every_record_that_differs_is_explained_and_every_record_that_does_not_is_not() =>
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var comparison = scenario.Compare(AttendanceGrouping.District);
            var beforeKeys = scenario.Before.GroupBy(ReportingPeriodAttendanceKey.Of).ToDictionary(g => g.Key, g => g.Order(ReportingPeriodAttendanceKey.CanonicalRecordOrder).ToList());
            var afterKeys = scenario.After.GroupBy(ReportingPeriodAttendanceKey.Of).ToDictionary(g => g.Key, g => g.Order(ReportingPeriodAttendanceKey.CanonicalRecordOrder).ToList());
            var differing = beforeKeys.Keys.Union(afterKeys.Keys)
                .Where(k => !beforeKeys.GetValueOrDefault(k, []).SequenceEqual(afterKeys.GetValueOrDefault(k, [])))
                .Order()
                .ToList();

            Assert.Equal(differing, comparison.RecordDifferences.Where(r => r.Kind != RecordChangeKind.Recounted).Select(r => r.Key));
            if (scenario.BeforeRules == scenario.AfterRules)
            {
                Assert.DoesNotContain(comparison.RecordDifferences, r => r.Kind == RecordChangeKind.Recounted);
            }
        });

    /// <summary>
    /// A comparison of two stores (read a campus at a time, only the keys that differ kept) is the comparison of their
    /// records as lists: the same record differences (kinds, records, counterparts, field changes, contributions), the
    /// same rows and explanations, the same duplicate keys, whatever the rules, grouping and changes (moves between
    /// campuses, split keys, additions).
    /// </summary>
    [Property(MaxTest = 100, EndSize = 40)]
    public Property Comparing_two_stores_is_comparing_their_records() =>
        Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            // The after run, the before run itself, and the after run at one campus with the before run at the other (a
            // campus no change touched, which the store path passes over by its columns).
            var untouched = CampusId.Parse(Campuses[1]);
            var partly = scenario.Before.Where(r => r.CampusId == untouched).Concat(scenario.After.Where(r => r.CampusId != untouched)).ToList();
            foreach (var after in new[] { scenario.After, scenario.Before, partly, OneFieldChanged(scenario.Before, scenario.After.Sum(r => r.EligibleDaysPresent.HalfDays + (3 * r.DaysAbsent.HalfDays))) })
            {
                var afterRules = ReferenceEquals(after, scenario.Before) ? scenario.BeforeRules : scenario.AfterRules;
                var lists = AttendanceComparison.Compare(
                    new AttendanceSnapshot(scenario.BeforeRules, scenario.Before), new AttendanceSnapshot(afterRules, after), scenario.Options(scenario.Grouping));
                var stores = AttendanceComparison.Compare(
                    new AttendanceSnapshot(scenario.BeforeRules, Attendance.Columnar.AttendanceStore.From(scenario.Before)),
                    new AttendanceSnapshot(afterRules, Attendance.Columnar.AttendanceStore.From(after)),
                    scenario.Options(scenario.Grouping));

                Assert.Equal(lists.RecordDifferences.Select(Difference), stores.RecordDifferences.Select(Difference));
                Assert.Equal(lists.Figures.Select(Row), stores.Figures.Select(Row));
                Assert.Equal(lists.DuplicateKeysBefore, stores.DuplicateKeysBefore);
                Assert.Equal(lists.DuplicateKeysAfter, stores.DuplicateKeysAfter);
                Assert.Equal(lists.HasDifferences, stores.HasDifferences);
                Assert.Equal(lists.After.Records, stores.After.Records);
                Assert.Equal(after.Count, stores.After.RecordCount);
            }

            static string Records(IEnumerable<BasicReportingPeriodAttendance> records) => string.Join(" | ", records.Select(r => r.ToString()));
            static string Difference(RecordDifference d) =>
                $"{d.Key} {d.Kind} [{Records(d.Before)}] [{Records(d.After)}] [{string.Join(",", d.Counterparts)}] [{string.Join(",", d.FieldChanges)}] [{string.Join(",", d.Contributions)}]";
            static string Row(FigureDifference f) =>
                $"{f.Group} {f.Population} {f.Period} {f.Before} {f.After} {f.Ada} {f.Pia} {f.DaysPresentChange} {f.DaysInMembershipChange} [{string.Join(",", f.Explanation.Select(e => $"{e.Record.Key}:{e.Contribution}"))}]";
        });

    /// <summary>
    /// <paramref name="records"/> with one record changed in one field outside its key (which one, by
    /// <paramref name="seed"/>): half a day fewer ineligible, absent or remote days, or another economic, emergent
    /// bilingual, bilingual/ESL funding or ADA eligibility code.
    /// </summary>
    private static IReadOnlyList<BasicReportingPeriodAttendance> OneFieldChanged(IReadOnlyList<BasicReportingPeriodAttendance> records, long seed)
    {
        if (records.Count == 0)
        {
            return records;
        }

        var r = records[(int)(seed % records.Count)];
        static DayCount Less(DayCount days) => days.HalfDays > 0 ? DayCount.FromHalfDays(days.HalfDays - 1) : days;
        var changed = (seed % 8) switch
        {
            0 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, Less(r.IneligibleDaysPresent), r.DaysAbsent, r.FundingAttributes, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            1 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, Less(r.DaysAbsent), r.FundingAttributes, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            2 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes, Less(r.RemoteSynchronousEligibleDaysPresent), r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            3 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes, r.RemoteSynchronousEligibleDaysPresent, Less(r.RemoteAsynchronousEligibleDaysPresent), r.AdaEligibility),
            4 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes with { EconomicDisadvantage = EconomicDisadvantage.Parse(r.EconomicDisadvantage.Code == "00" ? "01" : "00") }, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            5 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes with { EmergentBilingual = EmergentBilingual.Parse(r.EmergentBilingual.Code == "0" ? "1" : "0") }, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            6 => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes with { BilingualEslFunding = r.BilingualEslFunding is null ? BilingualEslFunding.Parse("BE") : null }, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, r.AdaEligibility),
            _ => new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes, r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent, AdaEligibility.FromCode(((r.AdaEligibility?.Code ?? 0) + 1) % 7)),
        };
        return records.Select(x => ReferenceEquals(x, r) ? changed : x).ToList();
    }

    private static readonly AttendanceGrouping[] Groupings =
    [
        AttendanceGrouping.None,
        AttendanceGrouping.District,
        AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel,
        AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel | AttendanceGrouping.InstructionalTrack,
    ];

    private static Ratio? Negate(Ratio? value) => value is { } v ? -v : null;

    private static RecordChangeKind Opposite(RecordChangeKind kind) => kind switch
    {
        RecordChangeKind.Added => RecordChangeKind.Removed,
        RecordChangeKind.Removed => RecordChangeKind.Added,
        RecordChangeKind.MovedIn => RecordChangeKind.MovedOut,
        RecordChangeKind.MovedOut => RecordChangeKind.MovedIn,
        _ => kind,
    };

    /// <summary>A before run, an after run, their rules, for 2019-20 perhaps the 2018-19 records, and the rows' grouping.</summary>
    public sealed record Scenario(
        IReadOnlyList<BasicReportingPeriodAttendance> Before,
        IReadOnlyList<BasicReportingPeriodAttendance> After,
        RuleSet BeforeRules,
        RuleSet AfterRules,
        IReadOnlyList<BasicReportingPeriodAttendance>? PriorYear,
        AttendanceGrouping Grouping)
    {
        public AttendanceComparisonOptions Options(AttendanceGrouping grouping) =>
            new() { GroupBy = grouping, PriorYearRecords = PriorYear };

        public AttendanceComparison Compare(AttendanceGrouping grouping) => AttendanceComparison.Compare(
            new AttendanceSnapshot(BeforeRules, Before), new AttendanceSnapshot(AfterRules, After), Options(grouping));

        public AttendanceComparison CompareBackward(AttendanceGrouping grouping) => AttendanceComparison.Compare(
            new AttendanceSnapshot(AfterRules, After), new AttendanceSnapshot(BeforeRules, Before), Options(grouping));

        public override string ToString()
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            text.WriteLine($"rules before: {BeforeRules}");
            text.WriteLine($"rules after: {AfterRules}");
            text.WriteLine($"prior year: {(PriorYear is null ? "none" : $"{PriorYear.Count} records")}; rows by {Grouping}");
            text.WriteLine("before:");
            BasicReportingPeriodAttendanceCsv.Write(text, Before);
            text.WriteLine("after:");
            BasicReportingPeriodAttendanceCsv.Write(text, After);
            return text.ToString();
        }
    }

    private static Gen<Scenario> Scenarios =>
        from year in Gen.Elements(2019, 2020, 2022, 2024)
        from before in Gen.ListOf(Record(year)).Select(l => (IReadOnlyList<BasicReportingPeriodAttendance>)l.ToList())
        from after in Mutations(before, year)
        from rules in RulePairs(new SchoolYear(year))
        from prior in year == 2020
            ? Gen.Frequency(
                (1, Gen.Constant<IReadOnlyList<BasicReportingPeriodAttendance>?>(null)),
                (3, Gen.NonEmptyListOf(Record(2019)).Select(l => (IReadOnlyList<BasicReportingPeriodAttendance>?)l.ToList())))
            : Gen.Constant<IReadOnlyList<BasicReportingPeriodAttendance>?>(null)
        from grouping in Gen.Elements(Groupings)
        select new Scenario(before, after, rules.Before, rules.After, prior, grouping);

    /// <summary>The same rules on both sides half the time; otherwise the after side overrides a few parameters.</summary>
    private static Gen<(RuleSet Before, RuleSet After)> RulePairs(SchoolYear year)
    {
        var rules = RuleSet.For(year);
        return Gen.Frequency(
            (1, Gen.Constant((rules, rules))),
            (1,
                from midpoint in Gen.Elements(MidpointRounding.AwayFromZero, MidpointRounding.ToEven)
                from decimals in Gen.Elements(2, 3)
                from remote in Gen.Elements(rules.CountsRemoteDays, !rules.CountsRemoteDays)
                from k3 in Gen.Elements(rules.HasEarlyEducationRows, !rules.HasEarlyEducationRows)
                select (rules, rules with
                {
                    Rounding = new RoundingRule(decimals, midpoint),
                    CountsRemoteDays = remote,
                    HasEarlyEducationRows = k3,
                })));
    }

    /// <summary>Each record kept, dropped, changed outside its key, moved to another key or split in two; a few added.</summary>
    private static Gen<IReadOnlyList<BasicReportingPeriodAttendance>> Mutations(IReadOnlyList<BasicReportingPeriodAttendance> before, int year) =>
        from kept in Gen.CollectToList(before, record => Gen.Frequency(
            (6, Gen.Constant<IEnumerable<BasicReportingPeriodAttendance>>([record])),
            (1, Gen.Constant(Enumerable.Empty<BasicReportingPeriodAttendance>())),
            (2, Record(year, ReportingPeriodAttendanceKey.Of(record)).Select(r => (IEnumerable<BasicReportingPeriodAttendance>)[r])),
            (1, Record(year).Select(r => (IEnumerable<BasicReportingPeriodAttendance>)[WithStudent(r, record.StudentId, record.ReportingPeriod)])),
            (1, Record(year, ReportingPeriodAttendanceKey.Of(record)).Select(r => (IEnumerable<BasicReportingPeriodAttendance>)[record, r]))))
        from added in Gen.ListOf(Record(year)).Resize(3)
        select (IReadOnlyList<BasicReportingPeriodAttendance>)kept.SelectMany(r => r).Concat(added).ToList();

    private static readonly string[] Campuses = ["101912001", "101912002"];

    /// <summary>
    /// A record of <paramref name="year"/>; with <paramref name="key"/>, under that key. Days taught depend on the
    /// campus, track and period only, as on a real calendar; the days in membership never exceed them.
    /// </summary>
    private static Gen<BasicReportingPeriodAttendance> Record(int year, ReportingPeriodAttendanceKey? key = null) =>
        from campus in key is null ? Gen.Elements(Campuses) : Gen.Constant(key.Value.Campus.Code)
        from student in key is null ? Gen.Elements("S1", "S2", "S3", "S4") : Gen.Constant(key.Value.Student.Value)
        from grade in key is null ? Gen.Elements("KG", "01", "03", "05") : Gen.Constant(key.Value.GradeLevel.Code)
        from track in key is null ? Gen.Choose(0, 1) : Gen.Constant(key.Value.InstructionalTrack.Number)
        from period in key is null ? Gen.Frequency((6, Gen.Choose(1, 6)), (1, Gen.Constant(7))) : Gen.Constant(key.Value.ReportingPeriod.Number)
        from code in Gen.Choose(0, 6)
        let taught = (2 * (25 + period + (2 * track))) + (campus == Campuses[1] ? 1 : 0)
        from membership in Gen.Choose(0, taught)
        from eligible in Gen.Choose(0, membership)
        from ineligible in Gen.Choose(0, membership - eligible)
        from remote in year is 2021 or 2022 ? Gen.Choose(0, membership - eligible - ineligible) : Gen.Constant(0)
        from synchronous in Gen.Choose(0, remote)
        from economic in Gen.Elements("00", "01", "99")
        from bilingual in Gen.Elements("0", "1")
        from funding in Gen.Elements<string?>(null, "BE")
        select new BasicReportingPeriodAttendance(
            new SchoolYear(year),
            new ReportingPeriodAttendanceKey(CampusId.Parse(campus), StudentId.Parse(student), GradeLevel.Parse(grade), new InstructionalTrack(track), new ReportingPeriod(period)),
            DayCount.FromHalfDays(taught),
            DayCount.FromHalfDays(eligible),
            DayCount.FromHalfDays(ineligible),
            DayCount.FromHalfDays(membership - eligible - ineligible - remote),
            new StudentFundingAttributes(EconomicDisadvantage.Parse(economic), EmergentBilingual.Parse(bilingual), funding is null ? null : BilingualEslFunding.Parse(funding)),
            DayCount.FromHalfDays(synchronous),
            DayCount.FromHalfDays(remote - synchronous),
            AdaEligibility.FromCode(code));

    /// <summary><paramref name="record"/> given to <paramref name="student"/> in <paramref name="period"/> (days taught follow the new period).</summary>
    private static BasicReportingPeriodAttendance WithStudent(BasicReportingPeriodAttendance record, StudentId student, ReportingPeriod period)
    {
        var taught = DayCount.FromHalfDays((2 * (25 + period.Number + (2 * record.InstructionalTrack.Number))) + (record.CampusId.Code == Campuses[1] ? 1 : 0));
        var scale = Math.Min(1m, taught.HalfDays / (decimal)record.NumberDaysTaught.HalfDays);
        DayCount Fit(DayCount days) => DayCount.FromHalfDays((long)decimal.Floor(days.HalfDays * scale));
        return new BasicReportingPeriodAttendance(
            record.SchoolYear,
            new ReportingPeriodAttendanceKey(record.CampusId, student, record.GradeLevel, record.InstructionalTrack, period),
            taught,
            Fit(record.EligibleDaysPresent),
            Fit(record.IneligibleDaysPresent),
            Fit(record.DaysAbsent),
            new StudentFundingAttributes(record.EconomicDisadvantage, record.EmergentBilingual, record.BilingualEslFunding),
            Fit(record.RemoteSynchronousEligibleDaysPresent),
            Fit(record.RemoteAsynchronousEligibleDaysPresent),
            record.AdaEligibility);
    }
}
