using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;
using static PeimsRules.Tests.Audit.AuditRecords;

namespace PeimsRules.Tests.Audit;

/// <summary>
/// The rules that find reporting errors TEA's figure would carry, each with a flagged and a clean case and its money
/// worked by hand. 2023-24: basic allotment $6,160 per ADA (TEC §48.051); grade 05, not economically disadvantaged, so
/// no K-3 row. One refined ADA unit of one record = days ÷ days taught ÷ 6.
/// </summary>
public sealed class ReportingRulesSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    private const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode";

    private static AuditReport Audit(IReadOnlyList<BasicReportingPeriodAttendance> records, IReadOnlyList<IepServiceRecord>? services = null, AuditOptions? options = null) =>
        IntegrityAudit.Run(new AuditInput { Records = records, ServiceRecords = services ?? [] }, Rules2024, options);

    private static IReadOnlyList<AuditFinding> Of(AuditReport report, AuditRule rule) => report.Findings.Where(f => f.Rule == rule).ToList();

    private static AuditReport AuditCsvText(params string[] rows)
    {
        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader(Header + "\n" + string.Join("\n", rows) + "\n"), "periods.csv", CsvErrorMode.CollectAll);
        return IntegrityAudit.Run(new AuditInput { Records = result.Records, ReaderFindings = AuditCsv.ReaderFindings(result) }, Rules2024);
    }

    private static IepServiceRecord Service(string student, int required, int delivered, int missedAbsent = 0, int missedProvider = 0) =>
        new(StudentId.Parse(student), CampusId.Parse(Campus), "Speech therapy", null, new ReportingPeriod(1), required, delivered, missedAbsent, missedProvider);

    [Fact]
    public void ATT_01_flags_eligible_days_under_code_0_as_ADA_overstated_because_TEA_counts_them_as_reported()
    {
        // Code 0 with 10 eligible days of 20 taught: 10 / 20 / 6 = 1/12 refined ADA; 1/12 × $6,160 = $513.33.
        var record = Record(code: 0, eligible: 10m, absent: 0m);
        var clean = Record(student: "S0002", code: 0, eligible: 0m, absent: 0m);

        var report = Audit([record, clean]);

        var finding = Assert.Single(Of(report, AuditRules.FundedDayOnUnfundedCode));
        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        Assert.Equal(AuditMoneyColumn.AdaOverstated, finding.MoneyColumn);
        Assert.Equal(Ratio.Of(1, 12), finding.Ada);
        Assert.Equal(513.33m, finding.Dollars);
        Assert.Contains("not in membership", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_42400_000A_prices_a_duplicated_record_at_the_eligible_days_it_adds_not_its_membership()
    {
        // The same key twice; the second has 18 eligible and 2 absent of 20: it adds 18 / 20 / 6 = 0.15 refined ADA,
        // $924.00 (its membership, 20 / 20 / 6, would have said $1,026.67).
        var first = Record(eligible: 18m, absent: 2m);
        var duplicate = Record(eligible: 18m, absent: 2m);
        var otherPeriod = Record(period: 2, eligible: 18m, absent: 2m);

        var report = Audit([first, duplicate, otherPeriod]);

        var finding = Assert.Single(Of(report, AuditRules.DuplicateRecord));
        Assert.Equal("42400-000A", finding.Rule.Id);
        Assert.Equal(AuditMoneyColumn.AdaOverstated, finding.MoneyColumn);
        Assert.Equal(Ratio.Of(3, 20), finding.Ada);
        Assert.Equal(924.00m, finding.Dollars);
        Assert.Equal([first, duplicate], finding.Records);
        // The duplicate is audited once: the overlap rule does not price the same days again.
        Assert.Empty(Of(report, AuditRules.CodeChangeWithoutWithdrawal));
    }

    [Fact]
    public void Rule_42400_000A_on_a_row_the_reader_refused_keeps_its_place_and_its_price()
    {
        var report = AuditCsvText(
            "2024,101912,101912001,S0001,05,00,1,1,20.0,18.0,0.0,2.0,00,0",
            "2024,101912,101912001,S0001,05,00,1,1,20.0,18.0,0.0,2.0,00,0");

        var finding = Assert.Single(Of(report, AuditRules.DuplicateRecord));
        Assert.Equal(CampusId.Parse(Campus), finding.CampusId);
        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        Assert.Equal(new ReportingPeriod(1), finding.ReportingPeriod);
        Assert.Equal(3L, finding.SourceLine);
        Assert.Equal(Ratio.Of(3, 20), finding.Ada);
        Assert.Equal(924.00m, finding.Dollars);
        Assert.Equal(1, Assert.Single(report.Campuses).Errors);
    }

    [Fact]
    public void Rule_42400_0067_prices_days_taught_below_the_calendar_as_overstated_and_above_it_as_unclaimed()
    {
        // Campus 101912001, track 00, period 1: three records carry 20 days taught (the calendar).
        // S0004 carries 19 and 19 eligible: 19/19/6 = 1/6 reported, 19/20/6 at the calendar: 1/120 overstated, $51.33.
        // S0005 carries 21, 20 eligible, 1 absent: 20/21/6 reported, 20/20/6 at the calendar: 1/126 unclaimed, $48.89.
        var records = new[]
        {
            Record(student: "S0001", eligible: 20m, absent: 0m),
            Record(student: "S0002", eligible: 20m, absent: 0m),
            Record(student: "S0003", eligible: 20m, absent: 0m),
            Record(student: "S0004", taught: 19m, eligible: 19m, absent: 0m),
            Record(student: "S0005", taught: 21m, eligible: 20m, absent: 1m),
        };

        var findings = Of(Audit(records), AuditRules.DaysTaughtMismatch);

        Assert.Equal(2, findings.Count);
        var over = Assert.Single(findings, f => f.StudentId == StudentId.Parse("S0004"));
        Assert.Equal(AuditMoneyColumn.AdaOverstated, over.MoneyColumn);
        Assert.Equal(Ratio.Of(1, 120), over.Ada);
        Assert.Equal(51.33m, over.Dollars);
        var under = Assert.Single(findings, f => f.StudentId == StudentId.Parse("S0005"));
        Assert.Equal(AuditMoneyColumn.AdaUnclaimed, under.MoneyColumn);
        Assert.Equal(Ratio.Of(1, 126), under.Ada);
        Assert.Equal(48.89m, under.Dollars);
    }

    [Fact]
    public void Rule_42400_0067_accepts_different_days_taught_on_different_tracks()
    {
        var records = new[]
        {
            Record(student: "S0001", track: "00", taught: 20m, eligible: 20m, absent: 0m),
            Record(student: "S0002", track: "01", taught: 18m, eligible: 18m, absent: 0m),
        };

        Assert.Empty(Of(Audit(records), AuditRules.DaysTaughtMismatch));
    }

    [Fact]
    public void ATT_10_flags_a_student_in_membership_at_two_campuses_for_more_days_than_the_period_has()
    {
        // Period 1, 20 days taught at both: 15 days at 101912001 (3/4) and 10 days at 101912002 (1/2): 5/4 of a period,
        // 1/4 of a period counted twice: 1/4 / 6 = 1/24 refined ADA, $256.67 overstated, placed on 101912002 (the smaller share).
        var a = Record(eligible: 15m, absent: 0m);
        var b = Record(eligible: 10m, absent: 0m, campus: "101912002");

        var finding = Assert.Single(Of(Audit([a, b]), AuditRules.CountedAtTwoCampuses));

        Assert.Equal(CampusId.Parse("101912002"), finding.CampusId);
        Assert.Equal(AuditMoneyColumn.AdaOverstated, finding.MoneyColumn);
        Assert.Equal(Ratio.Of(1, 24), finding.Ada);
        Assert.Equal(256.67m, finding.Dollars);
        Assert.Equal(2, finding.Records.Count);
    }

    [Fact]
    public void ATT_10_accepts_a_transfer_whose_two_campuses_split_the_period()
    {
        // 12 days at the first campus, then 8 at the second: exactly the 20 days taught.
        var a = Record(eligible: 12m, absent: 0m);
        var b = Record(eligible: 7m, absent: 1m, campus: "101912002");

        Assert.Empty(Of(Audit([a, b]), AuditRules.CountedAtTwoCampuses));
    }

    [Fact]
    public void SPED_03_flags_minutes_missed_for_an_absence_the_attendance_file_does_not_show()
    {
        // 180 required, 150 delivered, 30 "missed for student absence"; S0001 has no day absent in period 1: all 30 owed.
        // S0002 has one day absent: the same service log is an ordinary SPED-02.
        var present = Record(student: "S0001", eligible: 20m, absent: 0m);
        var absent = Record(student: "S0002", eligible: 19m, absent: 1m);

        var report = Audit([present, absent], [Service("S0001", 180, 150, missedAbsent: 30), Service("S0002", 180, 150, missedAbsent: 30)]);

        var finding = Assert.Single(Of(report, AuditRules.ServiceAbsenceNotOnFile));
        Assert.Equal(StudentId.Parse("S0001"), finding.StudentId);
        Assert.Contains("the 30 minutes are owed", finding.Message, StringComparison.Ordinal);
        Assert.Equal(StudentId.Parse("S0002"), Assert.Single(Of(report, AuditRules.ServiceShortfallStudentAbsence)).StudentId);
    }

    [Fact]
    public void SPED_04_reports_a_service_for_a_student_the_period_file_does_not_have_instead_of_a_shortfall()
    {
        // S0009 has a service log with a 60-minute deficit but no period record at the campus: SPED-04, not SPED-01.
        var report = Audit([Record(student: "S0001", eligible: 20m, absent: 0m)], [Service("S0009", 180, 120, missedProvider: 60), Service("S0001", 180, 120, missedProvider: 60)]);

        var missing = Assert.Single(Of(report, AuditRules.ServiceWithoutAttendance));
        Assert.Equal(StudentId.Parse("S0009"), missing.StudentId);
        Assert.Equal(StudentId.Parse("S0001"), Assert.Single(Of(report, AuditRules.ServiceShortfallOwed)).StudentId);
    }

    [Fact]
    public void A_row_the_reader_refused_carries_every_field_it_could_read_and_its_campus_counts_it()
    {
        // ADA code 9 does not exist: ATT-00 on line 2, with campus, student, grade, track and period read, and its
        // 15 eligible days of 20 unclaimed until it is corrected: 15 / 20 / 6 = 1/8 refined ADA, $770.00.
        var report = AuditCsvText("2024,101912,101912001,S0004,05,00,1,9,20.0,15.0,0.0,5.0,00,0");

        var finding = Assert.Single(Of(report, AuditRules.UnreadableRecord));
        Assert.Equal(CampusId.Parse(Campus), finding.CampusId);
        Assert.Equal(StudentId.Parse("S0004"), finding.StudentId);
        Assert.Equal(GradeLevel.Parse("05"), finding.GradeLevel);
        Assert.Equal(InstructionalTrack.Parse("00"), finding.InstructionalTrack);
        Assert.Equal(new ReportingPeriod(1), finding.ReportingPeriod);
        Assert.Equal("AdaEligibilityCode", finding.SourceColumn);
        Assert.Equal(AuditMoneyColumn.AdaUnclaimed, finding.MoneyColumn);
        Assert.Equal(Ratio.Of(1, 8), finding.Ada);
        Assert.Equal(770.00m, finding.Dollars);
        var campus = Assert.Single(report.Campuses);
        Assert.Equal(1, campus.Errors);
        Assert.Equal(770.00m, campus.Money.DollarsUnclaimed);
    }

    [Fact]
    public void A_row_whose_campus_cannot_be_read_keeps_the_fields_that_can()
    {
        var report = AuditCsvText("2024,101912,10191200X,S0004,05,00,1,1,20.0,15.0,0.0,5.0,00,0");

        var finding = Assert.Single(report.Findings);
        Assert.Null(finding.CampusId);
        Assert.Equal(StudentId.Parse("S0004"), finding.StudentId);
        Assert.Equal(new ReportingPeriod(1), finding.ReportingPeriod);
        Assert.Empty(report.Campuses);
        Assert.Equal(770.00m, report.Totals.DollarsUnclaimed);
    }
}
