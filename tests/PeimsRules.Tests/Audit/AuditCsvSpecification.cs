using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Audit;

/// <summary>Rows a reader cannot read become findings of the audit, with their line; the file's own problems stop it.</summary>
public sealed class AuditCsvSpecification
{
    private const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode";

    private static IReadOnlyList<AuditFinding> FindingsOf(params string[] rows)
    {
        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader(Header + "\n" + string.Join("\n", rows) + "\n"), "periods.csv", CsvErrorMode.CollectAll);
        return AuditCsv.ReaderFindings(result);
    }

    [Fact]
    public void A_day_count_of_14_3_is_ATT_03_on_its_line()
    {
        var finding = Assert.Single(FindingsOf(
            "2024,101912,101912001,S0001,05,00,1,1,20.0,20.0,0.0,0.0,00,0",
            "2024,101912,101912001,S0002,05,00,1,1,20.0,14.3,0.0,5.0,00,0"));

        Assert.Equal(AuditRules.DayCountNotHalfDay, finding.Rule);
        Assert.Equal(3, finding.SourceLine);
        Assert.Equal("periods.csv", finding.SourceFile);
        Assert.Contains("EligibleDaysPresent", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Membership_above_days_taught_is_ATT_02_and_an_unknown_code_is_ATT_00()
    {
        var findings = FindingsOf(
            "2024,101912,101912001,S0001,05,00,1,1,20.0,15.0,0.0,6.0,00,0",
            "2024,101912,101912001,S0002,05,00,1,9,20.0,15.0,0.0,5.0,00,0");

        Assert.Equal([AuditRules.MembershipOverDaysTaught, AuditRules.UnreadableRecord], findings.Select(f => f.Rule));
        Assert.Equal([2L, 3L], findings.Select(f => f.SourceLine!.Value));
    }

    [Fact]
    public void A_missing_column_stops_the_audit_with_the_reader_error()
    {
        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader("SchoolYear,DistrictId\n2024,101912\n"), "periods.csv", CsvErrorMode.CollectAll);

        var error = Assert.Throws<PeimsCsvException>(() => AuditCsv.ReaderFindings(result));
        Assert.Equal(CsvProblemKind.MissingColumn, error.Problem.Kind);
    }

    [Fact]
    public void Reader_findings_are_reported_with_the_others_by_the_audit()
    {
        var result = BasicReportingPeriodAttendanceCsv.Read(
            new StringReader(Header + "\n2024,101912,101912001,S0001,05,00,1,4,20.0,18.0,0.0,2.0,00,0\n2024,101912,101912001,S0002,05,00,1,1,20.0,14.3,0.0,5.0,00,0\n"),
            "periods.csv",
            CsvErrorMode.CollectAll);

        var report = IntegrityAudit.Run(
            new AuditInput { Records = result.Records, ReaderFindings = AuditCsv.ReaderFindings(result) },
            RuleSet.For(new SchoolYear(2024)));

        Assert.Equal(
            [AuditRules.FundedDayOnUnfundedCode.Id, AuditRules.DayCountNotHalfDay.Id],
            report.Findings.Select(f => f.Rule.Id));
    }
}
