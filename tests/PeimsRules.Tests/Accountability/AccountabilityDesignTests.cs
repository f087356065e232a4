using System.Reflection;
using FsCheck.Xunit;
using PeimsRules.Accountability;
using PeimsRules.Audit;
using PeimsRules.Rules;
using PeimsRules.Tests.Properties;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// The design promises of the other rule namespaces, held for PeimsRules.Accountability too: every static rule class
/// names its source, results hand out read-only collections; and the audit's own chronic-absence rule (ATT-09) and the
/// <c>audit</c> definition flag the same students.
/// </summary>
[Properties(Arbitrary = [typeof(AttendanceArbitraries)])]
public class AccountabilityDesignTests
{
    [Fact]
    public void Every_static_rule_class_of_the_accountability_namespace_names_its_source()
    {
        var classes = typeof(ChronicAbsence).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Namespace == "PeimsRules.Accountability")
            .ToList();

        Assert.Contains(typeof(ChronicAbsence), classes);
        Assert.Contains(typeof(AnnualDropoutRate), classes);
        Assert.All(classes, t => Assert.NotEmpty(t.GetCustomAttributes<TeaSourceAttribute>()));
        Assert.NotEmpty(typeof(ChronicAbsenceDefinition).GetCustomAttributes<TeaSourceAttribute>());
    }

    [Fact]
    public void Collections_handed_out_by_the_accountability_types_are_read_only()
    {
        var report = ChronicAbsence.Evaluate(
            ChronicAbsenceDefinition.Federal,
            [ChronicAbsenceSpecification.Span(20, 3, grade: "PK"), ChronicAbsenceSpecification.Span(20, 3)]);
        var input = ChronicAbsenceInput.FromPeriodRecords([Support.Given.Record(period: 7, eligible: 1)]);
        var demographics = new StudentDemographics(StudentId.Parse("A"), EconomicDisadvantage.FreeMeals, RaceEthnicity.Of(false, Races.White), true, true);

        object[] collections =
        [
            ChronicAbsenceDefinition.All, ChronicAbsenceDefinition.Federal.DescribeParameters(), report.Verdicts, report.Campuses,
            report.Districts, report.Verdicts[0].Campuses, report.Verdicts[0].Exclusions, input.Spans, input.LeftOut,
            demographics.Groups, demographics.FederalGroups, LeaverCodes.Table31.Entries, LeaverCodes.C162.Entries, LeaverCodes.Table.Values,
            AttendanceRate.Compute([Support.Given.Record(eligible: 1)]), AnnualDropoutRate.Compute(new SchoolYear(2024), [], []),
        ];

        Assert.All(collections, c => Assert.True(c is System.Collections.IList { IsReadOnly: true }, $"{c.GetType()} can be changed by a cast."));
        Assert.All(collections, c => Assert.False(c is Array, $"{c.GetType()} is an array."));
    }

    [Property]
    public void The_audit_definition_flags_the_students_ATT_09_flags(AttendanceFile file)
    {
        var rules = RuleSet.For(file.Year);
        // ATT-09 counts remote days only in the years that fund them; the spans take days as reported. Compare where
        // the two readings agree.
        if (!rules.CountsRemoteDays && file.Records.Any(r => r.RemoteSynchronousEligibleDaysPresent.HalfDays + r.RemoteAsynchronousEligibleDaysPresent.HalfDays > 0))
        {
            return;
        }

        var att09 = IntegrityAudit.Run(new AuditInput { Records = file.Records }, rules).Findings
            .Where(f => f.Rule == AuditRules.ChronicAbsence)
            .Select(f => (f.CampusId!.Value, f.StudentId!.Value))
            .Order();
        // The audit reads one record per key (a repeat is 42400-000A's finding): so do the spans compared with it.
        var firstOfKey = file.Records.GroupBy(r => r.Key).Select(g => g.First()).ToList();
        var verdicts = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.IntegrityAudit, ChronicAbsenceInput.FromPeriodRecords(firstOfKey).Spans)
            .Verdicts.Where(v => v.IsChronicallyAbsent)
            .Select(v => (v.Campus!.Value, v.Student))
            .Order();

        Assert.Equal(att09, verdicts);
    }
}
