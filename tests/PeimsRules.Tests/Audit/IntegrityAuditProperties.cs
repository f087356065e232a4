using FsCheck;
using FsCheck.Fluent;
using PeimsRules.Audit;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Tests.Audit;

/// <summary>Invariants of the integrity audit over generated records.</summary>
public sealed class IntegrityAuditProperties
{
    private static readonly string[] Campuses = ["101912001", "101912002", "227901001"];

    /// <summary>A clean year: one record per student and period, full-day codes 1 or 3 (or 2 in PK), at most one absence in 20 days.</summary>
    private static Gen<List<BasicReportingPeriodAttendance>> CleanRecords(int year) =>
        from students in Gen.Choose(1, 12)
        from plans in Gen.ListOf(
            from campus in Gen.Elements(Campuses)
            from grade in Gen.Elements("PK", "KG", "01", "03", "05", "08", "10", "12")
            from code in grade == "PK" ? Gen.Constant(2) : Gen.Elements(1, 3)
            from economic in Gen.Elements("00", "01", "02", "99")
            from absences in Gen.ListOf(Gen.Choose(0, 1), 6)
            select (campus, grade, code, economic, absences), students)
        select plans.SelectMany((p, i) => Enumerable.Range(1, 6).Select(period =>
        {
            var half = p.code == 2;
            var absent = p.absences[period - 1] * (half ? 0.5m : 1m);
            var membership = half ? 10m : 20m;
            return AuditRecords.Record(
                student: $"S{i:0000}", year: year, period: period, code: p.code, grade: p.grade,
                eligible: membership - absent, absent: absent, economic: p.economic, campus: p.campus);
        })).ToList();

    /// <summary>Any valid records: every code, remote days, half-day codes anywhere, duplicates, low attendance.</summary>
    private static Gen<List<BasicReportingPeriodAttendance>> AnyRecords(int year) =>
        Gen.ListOf(
            from student in Gen.Choose(1, 6)
            from campus in Gen.Elements(Campuses)
            from period in Gen.Choose(1, 6)
            from code in Gen.Choose(0, 8)
            from grade in Gen.Elements("EE", "PK", "KG", "02", "05", "09", "12")
            from taught in Gen.Choose(1, 20)
            from absent in Gen.Choose(0, taught)
            from eligible in Gen.Choose(0, taught - absent)
            from ineligible in Gen.Choose(0, taught - absent - eligible)
            from remote in Gen.Choose(0, taught - absent - eligible - ineligible)
            from async in Gen.Choose(0, remote)
            select AuditRecords.Record(
                student: $"S{student:0000}", year: year, period: period, code: code, grade: grade, taught: taught,
                eligible: eligible / 2m, ineligible: ineligible / 2m, absent: absent / 2m,
                remoteSync: (remote - async) / 2m, remoteAsync: async / 2m, campus: campus))
        .Select(l => l.ToList());

    private static Gen<List<IepServiceRecord>> Services =>
        Gen.ListOf(
            from student in Gen.Choose(1, 6)
            from required in Gen.Choose(1, 300)
            from delivered in Gen.Choose(0, 320)
            from absent in Gen.Choose(0, 100)
            from provider in Gen.Choose(0, 100)
            select new IepServiceRecord(StudentId.Parse($"S{student:0000}"), CampusId.Parse(Campuses[0]), "Speech therapy", null, new ReportingPeriod(1), required, delivered, absent, provider))
        .Select(l => l.ToList());

    [FsCheck.Xunit.Property]
    public Property A_file_with_no_defects_yields_no_findings() =>
        Prop.ForAll(
            Arb.From(from year in Gen.Elements(2019, 2021, 2024, 2026) from records in CleanRecords(year) select (year, records)),
            input =>
            {
                var report = IntegrityAudit.Run(new AuditInput { Records = input.records }, RuleSet.For(new SchoolYear(input.year)));
                return report.Findings.Count == 0;
            });

    [FsCheck.Xunit.Property]
    public Property Findings_never_reference_a_record_that_does_not_exist() =>
        Prop.ForAll(
            Arb.From(from year in Gen.Elements(2021, 2024) from records in AnyRecords(year) from services in Services select (year, records, services)),
            input =>
            {
                var report = IntegrityAudit.Run(
                    new AuditInput { Records = input.records, ServiceRecords = input.services },
                    RuleSet.For(new SchoolYear(input.year)));
                return report.Findings.All(f =>
                    f.Records.All(r => input.records.Any(x => ReferenceEquals(x, r)))
                    && (f.ServiceRecord is null || input.services.Any(x => ReferenceEquals(x, f.ServiceRecord)))
                    && (f.Records.Count > 0 || f.ServiceRecord is not null));
            });

    [FsCheck.Xunit.Property]
    public Property Dollars_and_ADA_at_risk_are_never_negative() =>
        Prop.ForAll(
            Arb.From(from year in Gen.Elements(2019, 2021, 2024) from records in AnyRecords(year) select (year, records)),
            input =>
            {
                var report = IntegrityAudit.Run(new AuditInput { Records = input.records }, RuleSet.For(new SchoolYear(input.year)));
                return report.Findings.All(f => (f.Dollars ?? 0m) >= 0m && (f.Ada ?? Ratio.Zero) >= Ratio.Zero)
                    && report.Campuses.All(c => (c.Money.DollarsOverstated ?? 0m) >= 0m && (c.Money.DollarsUnclaimed ?? 0m) >= 0m && (c.Money.AttendanceOpportunityDollars ?? 0m) >= 0m && c.AdaGainAtTarget >= Ratio.Zero && (c.DollarsGainAtTarget ?? 0m) >= 0m);
            });

    [FsCheck.Xunit.Property]
    public Property Switching_a_rule_off_removes_exactly_its_findings() =>
        Prop.ForAll(
            Arb.From(from records in AnyRecords(2024) from rule in Gen.Elements(AuditRules.Catalogue.ToArray()) select (records, rule)),
            input =>
            {
                var rules = RuleSet.For(new SchoolYear(2024));
                var all = IntegrityAudit.Run(new AuditInput { Records = input.records }, rules);
                var without = IntegrityAudit.Run(new AuditInput { Records = input.records }, rules, new AuditOptions { DisabledRules = new HashSet<string> { input.rule.Id } });
                return without.Findings.Count == all.Findings.Count(f => f.Rule != input.rule)
                    && without.Findings.All(f => f.Rule != input.rule);
            });

    /// <summary>
    /// A finding's ADA never exceeds the ADA its records contribute: ADA overstated is at most the eligible days they count
    /// (÷ days taught ÷ 6); any column at most their days in membership; and its dollars at most that ADA at the highest
    /// rate per ADA among them.
    /// </summary>
    [FsCheck.Xunit.Property]
    public Property A_findings_dollars_never_exceed_the_ADA_its_records_contribute() =>
        Prop.ForAll(
            Arb.From(from year in Gen.Elements(2021, 2024) from records in AnyRecords(year) select (year, records)),
            input =>
            {
                var rules = RuleSet.For(new SchoolYear(input.year));
                var report = IntegrityAudit.Run(new AuditInput { Records = input.records }, rules);
                return report.Findings.Where(f => f.Records.Count > 0 && f.Ada is not null).All(f =>
                {
                    var counted = f.Records.Aggregate(Ratio.Zero, (sum, r) => sum + Ratio.Of(Attendance.PeriodAda.CountedEligibleDaysPresent(r, rules).HalfDays, r.NumberDaysTaught.HalfDays * 6L));
                    var membership = f.Records.Aggregate(Ratio.Zero, (sum, r) => sum + Ratio.Of(r.DaysInMembership.HalfDays, r.NumberDaysTaught.HalfDays * 6L));
                    var bound = f.MoneyColumn == AuditMoneyColumn.AdaOverstated ? counted : membership;
                    var rate = f.Records.Select(r => Funding.FundingAtRisk.PerAda(r, rules, null)!.Value).Max();
                    return f.Ada!.Value <= bound && f.Dollars <= (bound * rate).Round(2, MidpointRounding.AwayFromZero);
                });
            });

    [FsCheck.Xunit.Property]
    public Property Every_finding_is_in_one_money_column_and_the_totals_are_the_columns_sums() =>
        Prop.ForAll(
            Arb.From(AnyRecords(2024)),
            records =>
            {
                var report = IntegrityAudit.Run(new AuditInput { Records = records }, RuleSet.For(new SchoolYear(2024)));
                var columns = new[] { AuditMoneyColumn.AdaOverstated, AuditMoneyColumn.AdaUnclaimed, AuditMoneyColumn.AttendanceOpportunity };
                Ratio Sum(AuditMoneyColumn c) => report.Findings.Where(f => f.MoneyColumn == c).Aggregate(Ratio.Zero, (sum, f) => sum + f.Ada!.Value);
                return report.Findings.All(f => (f.MoneyColumn == AuditMoneyColumn.None) == (f.Ada is null))
                    && report.Totals.AdaOverstated == Sum(columns[0])
                    && report.Totals.AdaUnclaimed == Sum(columns[1])
                    && report.Totals.AttendanceOpportunityAda == Sum(columns[2])
                    && report.Totals.DollarsOverstated == report.Campuses.Sum(c => c.Money.DollarsOverstated);
            });

    [FsCheck.Xunit.Property]
    public Property Finding_ids_do_not_depend_on_the_order_of_the_records() =>
        Prop.ForAll(
            Arb.From(from records in AnyRecords(2024) from seed in Gen.Choose(0, 1000) select (records, seed)),
            input =>
            {
                var rules = RuleSet.For(new SchoolYear(2024));
                var shuffled = input.records.OrderBy(r => HashCode.Combine(r.Key, input.seed)).ToList();
                var a = IntegrityAudit.Run(new AuditInput { Records = input.records }, rules).Findings.Select(f => f.Id).Order(StringComparer.Ordinal);
                var b = IntegrityAudit.Run(new AuditInput { Records = shuffled }, rules).Findings.Select(f => f.Id).Order(StringComparer.Ordinal);

                // Duplicated keys are the one place order matters (which copy is "the second"): compare files without them.
                return input.records.GroupBy(r => r.Key).Any(g => g.Skip(1).Any()) || a.SequenceEqual(b);
            });
    /// <summary>
    /// The audit of a columnar store (which hands out one campus's records at a time, rebuilt from its columns) finds
    /// exactly what the audit of the same records as a list finds: the same findings in the same order, with the same ids,
    /// records, ADA, dollars and messages, the same campus rows and totals. The records cover several campuses with the
    /// same students (ATT-10), repeated keys, every code and service records.
    /// </summary>
    [FsCheck.Xunit.Property]
    public Property Auditing_the_store_a_file_was_read_into_finds_what_auditing_its_records_finds() =>
        Prop.ForAll(
            Arb.From(from year in Gen.Elements(2021, 2024) from records in AnyRecords(year) from services in Services select (year, records, services)),
            input =>
            {
                var rules = RuleSet.For(new SchoolYear(input.year));
                var store = Attendance.Columnar.AttendanceStore.From(input.records);
                var fromList = IntegrityAudit.Run(new AuditInput { Records = input.records, ServiceRecords = input.services }, rules);
                var fromStore = IntegrityAudit.Run(new AuditInput { Records = store, ServiceRecords = input.services }, rules);
                static object Shape(AuditFinding f) =>
                    (f.Id, f.Rule.Id, f.CampusId, f.StudentId, f.GradeLevel, f.InstructionalTrack, f.ReportingPeriod, f.MoneyColumn, f.Ada, f.Dollars, f.Message, f.ServiceRecord,
                        string.Join(";", f.Records.Select(r => r.ToString())));
                return fromList.Findings.Select(Shape).SequenceEqual(fromStore.Findings.Select(Shape))
                    && fromList.Campuses.SequenceEqual(fromStore.Campuses)
                    && fromList.Totals == fromStore.Totals
                    && fromList.ServiceCompliance.SequenceEqual(fromStore.ServiceCompliance);
            });
}
