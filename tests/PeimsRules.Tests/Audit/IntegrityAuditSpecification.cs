using PeimsRules.Audit;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;
using static PeimsRules.Tests.Audit.AuditRecords;

namespace PeimsRules.Tests.Audit;

/// <summary>
/// The integrity audit, rule by rule: one flagged and one clean example each, with the ADA and dollars at stake worked
/// by hand. 2023-24 rules: basic allotment $6,160 (TEC §48.051), early education allotment 0.1 × $6,160 per K-3 row.
/// </summary>
public sealed class IntegrityAuditSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    private static AuditReport Audit(IReadOnlyList<BasicReportingPeriodAttendance> records, RuleSet? rules = null, AuditOptions? options = null, IReadOnlyList<IepServiceRecord>? services = null) =>
        IntegrityAudit.Run(new AuditInput { Records = records, ServiceRecords = services ?? [] }, rules ?? Rules2024, options);

    private static IReadOnlyList<AuditFinding> Of(AuditReport report, AuditRule rule) => report.Findings.Where(f => f.Rule == rule).ToList();

    [Fact]
    public void ATT_01_flags_eligible_days_present_under_ineligible_code_4_and_puts_their_ADA_at_stake()
    {
        // Code 4 (ineligible, full day) with 18 eligible days of 20 taught: 18 / 20 / 6 = 0.15 refined ADA; 0.15 × $6,160 = $924.00.
        var record = Record(code: 4, eligible: 18m, absent: 2m);

        var finding = Assert.Single(Of(Audit([record]), AuditRules.FundedDayOnUnfundedCode));

        Assert.Equal(Ratio.Of(3, 20), finding.Ada);
        Assert.Equal(924.00m, finding.Dollars);
        Assert.Same(record, Assert.Single(finding.Records));
        Assert.Equal(AuditSeverity.Error, finding.Severity);
        Assert.Contains("ineligible days present", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATT_01_leaves_code_4_alone_when_its_days_are_reported_as_ineligible()
    {
        var record = Record(code: 4, eligible: 0m, ineligible: 18m, absent: 2m);

        Assert.Empty(Of(Audit([record]), AuditRules.FundedDayOnUnfundedCode));
    }

    [Fact]
    public void ATT_02_flags_a_half_day_code_carrying_more_than_half_the_days_taught()
    {
        // Code 2 over 20 days taught allows 10 days of membership; 11 present + 1 absent = 12, 2 days over.
        // At stake: 2 of the 11 eligible days, 2 / 20 / 6 = 1/60 refined ADA; × $6,160 = $102.67.
        var record = Record(code: 2, grade: "PK", eligible: 11m, absent: 1m);

        var finding = Assert.Single(Of(Audit([record]), AuditRules.MembershipOverDaysTaught));

        Assert.Equal(Ratio.Of(1, 60), finding.Ada);
        Assert.Equal(102.67m, finding.Dollars);
    }

    [Fact]
    public void ATT_02_accepts_a_half_day_code_at_exactly_half_the_days_taught()
    {
        var record = Record(code: 2, grade: "PK", eligible: 9.5m, absent: 0.5m);

        Assert.Empty(Of(Audit([record]), AuditRules.MembershipOverDaysTaught));
    }

    [Fact]
    public void ATT_04_flags_remote_days_reported_in_2023_24_and_not_in_2020_21()
    {
        var in2024 = Record(eligible: 10m, remoteSync: 5m, remoteAsync: 4m, absent: 1m);
        var in2021 = Record(year: 2021, eligible: 10m, remoteSync: 5m, remoteAsync: 4m, absent: 1m);

        var finding = Assert.Single(Of(Audit([in2024]), AuditRules.RemoteDaysOutsideRemoteYears));
        // 9 remote days / 20 / 6 = 3/40 refined ADA claimed on days that earn nothing.
        Assert.Equal(Ratio.Of(3, 40), finding.Ada);
        Assert.Empty(Of(Audit([in2021], RuleSet.For(new SchoolYear(2021))), AuditRules.RemoteDaysOutsideRemoteYears));
    }

    [Fact]
    public void ATT_05_flags_remote_asynchronous_days_for_a_student_attending_below_80_percent_in_2020_21()
    {
        // 2020-21: present = 5 on campus + 5 asynchronous = 10 of 20 days in membership (50%), below 80%.
        var low = Record(year: 2021, eligible: 5m, remoteAsync: 5m, absent: 10m);
        // 17 of 20 present (85%): not flagged.
        var fine = Record(student: "S0002", year: 2021, eligible: 12m, remoteAsync: 5m, absent: 3m);

        var findings = Of(Audit([low, fine], RuleSet.For(new SchoolYear(2021))), AuditRules.RemoteAsynchronousForLowAttendance);

        var finding = Assert.Single(findings);
        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        // The 5 asynchronous days at stake: 5 / 20 / 6 = 1/24.
        Assert.Equal(Ratio.Of(1, 24), finding.Ada);
    }

    [Fact]
    public void ATT_06_flags_a_half_day_code_on_grade_05_and_not_on_pre_kindergarten()
    {
        var grade5 = Record(code: 2, grade: "05", eligible: 9m, absent: 1m);
        var preK = Record(student: "S0002", code: 2, grade: "PK", eligible: 9m, absent: 1m);

        var finding = Assert.Single(Of(Audit([grade5, preK]), AuditRules.HalfDayCodeOnFullDayGrade));

        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        Assert.Null(finding.Ada);
    }

    [Fact]
    public void ATT_06_follows_the_district_setting_of_grades_allowing_half_day_codes()
    {
        var grade5 = Record(code: 2, grade: "05", eligible: 9m, absent: 1m);
        var options = new AuditOptions { GradesAllowingHalfDayCodes = new HashSet<GradeLevel> { GradeLevel.Parse("05") } };

        Assert.Empty(Of(Audit([grade5], options: options), AuditRules.HalfDayCodeOnFullDayGrade));
    }

    [Fact]
    public void ATT_07_flags_two_records_in_one_period_that_together_cover_more_than_the_days_taught()
    {
        // Grade 05 under code 1 for 12 days (11 present, 1 absent), then grade 06 under code 2 for 10 instructional days
        // (5 half days): 22 days of 20 taught. (Two records need two keys: the grade differs, 42400-000A.)
        var first = Record(code: 1, eligible: 11m, absent: 1m);
        var second = Record(code: 2, grade: "06", eligible: 4.5m, absent: 0.5m);

        var finding = Assert.Single(Of(Audit([first, second]), AuditRules.CodeChangeWithoutWithdrawal));

        Assert.Equal(2, finding.Records.Count);
        // 2 excess days / 20 / 6 = 1/60 refined ADA at stake.
        Assert.Equal(Ratio.Of(1, 60), finding.Ada);
    }

    [Fact]
    public void ATT_07_accepts_a_code_change_whose_records_split_the_period()
    {
        // Code 1 for 12 days, then code 2 for the remaining 8 days (4 half days): exactly 20.
        var first = Record(code: 1, eligible: 11m, absent: 1m);
        var second = Record(code: 2, grade: "PK", eligible: 4m, absent: 0m);

        Assert.Empty(Of(Audit([first, second]), AuditRules.CodeChangeWithoutWithdrawal));
    }

    [Fact]
    public void ATT_08_flags_a_code_0_record_with_days_and_not_one_without()
    {
        var withDays = Record(code: 0, eligible: 0m, ineligible: 5m, absent: 1m);
        var without = Record(student: "S0002", code: 0, eligible: 0m, absent: 0m);

        var finding = Assert.Single(Of(Audit([withDays, without]), AuditRules.NotInMembershipWithDays));

        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
    }

    [Fact]
    public void ATT_09_flags_attendance_below_90_percent_and_not_exactly_90_percent()
    {
        // S0001: 17 of 20 days in each of two periods = 34 / 40 = 85%. S0002: 18 of 20 = 90.0%, not below 90%.
        var low = new[] { Record(period: 1, eligible: 17m, absent: 3m), Record(period: 2, eligible: 17m, absent: 3m) };
        var exact = new[] { Record(student: "S0002", period: 1, eligible: 18m, absent: 2m), Record(student: "S0002", period: 2, eligible: 18m, absent: 2m) };

        var finding = Assert.Single(Of(Audit([.. low, .. exact]), AuditRules.ChronicAbsence));

        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        Assert.Null(finding.ReportingPeriod);
        // 6 absent days / 20 / 6 = 1/20 refined ADA the campus would gain; × $6,160 = $308.00.
        Assert.Equal(Ratio.Of(1, 20), finding.Ada);
        Assert.Equal(308.00m, finding.Dollars);
    }

    [Fact]
    public void Dollars_at_stake_add_the_early_education_allotment_for_a_K_3_economically_disadvantaged_record()
    {
        // Grade 02, E0785 = 01: 0.15 refined ADA × ($6,160 + 0.1 × $6,160) = 0.15 × $6,776 = $1,016.40.
        var record = Record(code: 4, grade: "02", economic: "01", eligible: 18m, absent: 2m);

        var finding = Assert.Single(Of(Audit([record]), AuditRules.FundedDayOnUnfundedCode));

        Assert.Equal(1016.40m, finding.Dollars);
    }

    [Fact]
    public void Dollars_at_stake_are_not_computable_before_2019_20_where_the_library_carries_no_basic_allotment()
    {
        var record = Record(year: 2019, code: 4, eligible: 18m, absent: 2m);

        var finding = Assert.Single(Of(Audit([record], RuleSet.For(new SchoolYear(2019))), AuditRules.FundedDayOnUnfundedCode));

        Assert.Equal(Ratio.Of(3, 20), finding.Ada);
        Assert.Null(finding.Dollars);
    }

    [Fact]
    public void SPED_01_flags_a_shortfall_not_explained_by_student_absence_and_SPED_02_one_that_is()
    {
        // Speech therapy, 180 required, 120 delivered: deficit 60. 30 missed while the student was absent: 30 owed.
        var owed = new IepServiceRecord(StudentId.Parse("S0001"), CampusId.Parse(Campus), "Speech therapy", null, new ReportingPeriod(1), 180, 120, minutesMissedStudentAbsent: 30, minutesMissedProviderAbsent: 30);
        // 180 required, 150 delivered, 30 missed while absent: nothing owed.
        var excused = new IepServiceRecord(StudentId.Parse("S0002"), CampusId.Parse(Campus), "Speech therapy", null, new ReportingPeriod(1), 180, 150, minutesMissedStudentAbsent: 30);
        // Delivered in full: no finding.
        var full = new IepServiceRecord(StudentId.Parse("S0003"), CampusId.Parse(Campus), "Speech therapy", null, new ReportingPeriod(1), 180, 180);

        var report = Audit([], services: [owed, excused, full]);

        var sped01 = Assert.Single(Of(report, AuditRules.ServiceShortfallOwed));
        Assert.Same(owed, sped01.ServiceRecord);
        Assert.Contains("30 minutes of compensatory service", sped01.Message, StringComparison.Ordinal);
        var sped02 = Assert.Single(Of(report, AuditRules.ServiceShortfallStudentAbsence));
        Assert.Same(excused, sped02.ServiceRecord);
        var summary = Assert.Single(report.ServiceCompliance);
        Assert.Equal(540, summary.MinutesRequired);
        Assert.Equal(450, summary.MinutesDelivered);
        Assert.Equal(Ratio.Of(5, 6), summary.ComplianceRatio);
        Assert.Equal(90, summary.DeficitMinutes);
        Assert.Equal(30, summary.DeficitOwedMinutes);
    }

    [Fact]
    public void A_switched_off_rule_reports_nothing()
    {
        var record = Record(code: 4, eligible: 18m, absent: 2m);
        var options = new AuditOptions { DisabledRules = new HashSet<string> { "att-01" } };

        Assert.Empty(Of(Audit([record], options: options), AuditRules.FundedDayOnUnfundedCode));
    }

    [Fact]
    public void Findings_and_campuses_are_ranked_by_dollars_at_stake()
    {
        var small = Record(code: 4, eligible: 2m, absent: 18m, campus: "101912002");
        var large = Record(student: "S0002", code: 4, eligible: 18m, absent: 2m, campus: "101912003");

        var report = Audit([small, large]);

        var dollars = report.Findings.Select(f => f.Dollars ?? -1m).ToList();
        Assert.Equal(dollars.OrderByDescending(d => d), dollars);
        Assert.Equal(CampusId.Parse("101912003"), report.Campuses[0].CampusId);
    }

    [Fact]
    public void A_campus_gains_the_ADA_of_the_days_between_its_attendance_and_the_target_rate()
    {
        // One period: 10 students × 20 days in membership = 200 days; 180 eligible days present (90%).
        // At 95%: 190 days, 10 more, / 20 days taught = 0.5 period ADA, / 6 = 1/12 refined ADA.
        var records = Enumerable.Range(1, 10).Select(i => Record(student: $"S{i:0000}", eligible: 18m, absent: 2m)).ToList();

        var campus = Assert.Single(Audit(records).Campuses);

        Assert.Equal(Ratio.Of(1, 12), campus.AdaGainAtTarget);
        Assert.Equal(513.33m, campus.DollarsGainAtTarget);
        // Refined ADA as reported: 180 / 20 = 9 in period 1, nothing in periods 2-6: 9 / 6 = 1.5.
        Assert.Equal(Ratio.Of(3, 2), campus.RefinedAda);
    }

    [Fact]
    public void The_catalogue_lists_every_rule_once_with_a_citation()
    {
        Assert.Equal(AuditRules.Catalogue.Count, AuditRules.Catalogue.Select(r => r.Id).Distinct().Count());
        Assert.All(AuditRules.Catalogue, r => Assert.False(string.IsNullOrWhiteSpace(r.Citation.Source)));
        Assert.Equal(AuditRules.ChronicAbsence, AuditRules.Find("att-09"));
    }
}
