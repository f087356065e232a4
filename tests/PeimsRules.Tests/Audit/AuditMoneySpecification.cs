using PeimsRules.Audit;
using PeimsRules.Rules;
using static PeimsRules.Tests.Audit.AuditRecords;

namespace PeimsRules.Tests.Audit;

/// <summary>
/// The three money columns, the revenue per ADA, the ranking and the finding ids. 2023-24: basic allotment $6,160.
/// </summary>
public sealed class AuditMoneySpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    private static AuditReport Audit(IReadOnlyList<BasicReportingPeriodAttendance> records, AuditOptions? options = null) =>
        IntegrityAudit.Run(new AuditInput { Records = records }, Rules2024, options);

    /// <summary>
    /// One finding per column: ATT-01 overstated (code 4, 18 eligible of 20: 0.15 ADA, $924.00); ATT-04 unclaimed (3
    /// remote days in 2023-24: 3/20/6 = 1/40 ADA, $154.00); ATT-09 opportunity (S0003, 16 of 20 present, 4 absent: 4/20/6 =
    /// 1/30 ADA, $205.33).
    /// </summary>
    private static BasicReportingPeriodAttendance[] OneOfEach() =>
    [
        Record(student: "S0001", code: 4, eligible: 18m, absent: 2m),
        Record(student: "S0002", eligible: 17m, remoteSync: 3m, absent: 0m),
        Record(student: "S0003", eligible: 16m, absent: 4m),
    ];

    [Fact]
    public void Each_finding_is_in_exactly_one_money_column_and_the_columns_add_up_separately()
    {
        var report = Audit(OneOfEach());

        Assert.Equal(AuditMoneyColumn.AdaOverstated, Assert.Single(report.Findings, f => f.Rule == AuditRules.FundedDayOnUnfundedCode).MoneyColumn);
        Assert.Equal(AuditMoneyColumn.AdaUnclaimed, Assert.Single(report.Findings, f => f.Rule == AuditRules.RemoteDaysOutsideRemoteYears).MoneyColumn);
        Assert.Equal(AuditMoneyColumn.AttendanceOpportunity, Assert.Single(report.Findings, f => f.Rule == AuditRules.ChronicAbsence).MoneyColumn);
        var money = Assert.Single(report.Campuses).Money;
        Assert.Equal(Ratio.Of(3, 20), money.AdaOverstated);
        Assert.Equal(924.00m, money.DollarsOverstated);
        Assert.Equal(Ratio.Of(1, 40), money.AdaUnclaimed);
        Assert.Equal(154.00m, money.DollarsUnclaimed);
        Assert.Equal(Ratio.Of(1, 30), money.AttendanceOpportunityAda);
        Assert.Equal(205.33m, money.AttendanceOpportunityDollars);
        Assert.Equal(money, report.Totals);
    }

    [Fact]
    public void Reporting_errors_rank_before_attendance_opportunity_even_when_they_are_worth_less()
    {
        // ATT-04 is worth $154.00 and ATT-09 $205.33: the reporting error still comes first.
        var report = Audit(OneOfEach()[1..]);

        Assert.Equal([AuditRules.RemoteDaysOutsideRemoteYears, AuditRules.ChronicAbsence], report.Findings.Select(f => f.Rule));
    }

    [Fact]
    public void A_district_revenue_per_ADA_replaces_the_basic_allotment_equivalent()
    {
        // 0.15 ADA × $7,500 = $1,125.00 (against $924.00 at the basic allotment).
        var report = Audit([OneOfEach()[0]], new AuditOptions { RevenuePerAda = 7500m });

        Assert.Equal(1125.00m, Assert.Single(report.Findings).Dollars);
        Assert.Equal("at the district's revenue of $7,500.00 per ADA", report.DollarsBasis);
        Assert.StartsWith("basic-allotment equivalent ($6,160 per ADA", Audit([OneOfEach()[0]]).DollarsBasis, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditOptions { RevenuePerAda = 0m });
    }

    [Fact]
    public void A_revenue_per_ADA_gives_dollars_in_a_year_the_library_has_no_basic_allotment_for()
    {
        var record = Record(year: 2019, code: 4, eligible: 18m, absent: 2m);

        var finding = Assert.Single(IntegrityAudit.Run(new AuditInput { Records = [record] }, RuleSet.For(new SchoolYear(2019)), new AuditOptions { RevenuePerAda = 5000m }).Findings);

        Assert.Equal(750.00m, finding.Dollars);
    }

    [Fact]
    public void The_same_defect_gets_the_same_id_whatever_the_order_of_the_rows_and_the_other_rows()
    {
        var first = Audit(OneOfEach());
        var reordered = Audit([.. OneOfEach().Reverse(), Record(student: "S0009", code: 5, eligible: 4m, absent: 0m)]);

        var before = first.Findings.ToDictionary(f => (f.Rule.Id, f.StudentId), f => f.Id);
        Assert.All(before, kv => Assert.Equal(kv.Value, reordered.Findings.Single(f => (f.Rule.Id, f.StudentId) == kv.Key).Id));
        Assert.Equal(first.Findings.Count, first.Findings.Select(f => f.Id).Distinct().Count());
        Assert.StartsWith("ATT-01-", before[("ATT-01", StudentId.Parse("S0001"))], StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_student_or_period_is_a_different_id()
    {
        var one = Audit([Record(student: "S0001", code: 4, eligible: 18m, absent: 2m)]).Findings.Single().Id;
        var other = Audit([Record(student: "S0002", code: 4, eligible: 18m, absent: 2m)]).Findings.Single().Id;
        var later = Audit([Record(student: "S0001", period: 2, code: 4, eligible: 18m, absent: 2m)]).Findings.Single().Id;

        Assert.NotEqual(one, other);
        Assert.NotEqual(one, later);
    }

    [Fact]
    public void Campus_names_from_a_directory_appear_on_findings_and_summaries()
    {
        var names = new Dictionary<CampusId, string> { [CampusId.Parse(Campus)] = "Lamar Elementary" };

        var report = Audit([OneOfEach()[0]], new AuditOptions { CampusNames = names });

        Assert.Equal("Lamar Elementary", Assert.Single(report.Findings).CampusName);
        Assert.Equal("Lamar Elementary", Assert.Single(report.Campuses).CampusName);
    }
}
