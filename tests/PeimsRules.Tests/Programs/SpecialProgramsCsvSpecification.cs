using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Programs;

/// <summary>
/// The special-programs file is read beside the period-attendance file it belongs to: each row joins the 42400 record of
/// its key; a row with no such record, other days taught, more days than the record's eligible days present, or
/// bilingual/ESL days without their funding code is refused with its file, line, column and value.
/// </summary>
public class SpecialProgramsCsvSpecification
{
    private const string Header = "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,PregnancyRelatedServicesDaysPresent,SpecialEducationMainstreamDaysPresent,ResidentialFacilityDaysPresent,BilingualEslDaysPresent,BilingualEslFundingCode";

    private static readonly BasicReportingPeriodAttendance S1 = Record("S1", period: 1, taught: 30, eligible: 20, absent: 10);

    private static CsvReadResult<SpecialProgramsAttendancePeriod> Read(params string[] rows) =>
        SpecialProgramsAttendancePeriodCsv.Read(new StringReader(Header + "\n" + string.Join("\n", rows) + "\n"), "special.csv", [S1], CsvErrorMode.CollectAll);

    [Fact]
    public void A_row_joins_the_period_record_of_its_key_and_a_blank_count_is_zero()
    {
        var read = Read("2024,101912,101912001,S1,05,00,1,30.0,,12.5,,20.0,D1");

        var s = Assert.Single(read.Records);
        Assert.Same(S1, s.Record);
        Assert.Equal("0.0 12.5 0.0 20.0 D1", $"{s.PregnancyRelatedServicesDaysPresent} {s.SpecialEducationMainstreamDaysPresent} {s.ResidentialFacilityDaysPresent} {s.BilingualEslDaysPresent} {s.BilingualEslFunding}");
    }

    [Fact]
    public void Each_problem_names_its_line_column_and_value()
    {
        var read = Read(
            "2024,101912,101912001,S9,05,00,1,30.0,1.0,0.0,0.0,0.0,",
            "2024,101912,101912001,S1,05,00,1,29.0,1.0,0.0,0.0,0.0,",
            "2024,101912,101912001,S1,05,00,1,30.0,20.5,0.0,0.0,0.0,",
            "2024,101912,101912001,S1,05,00,1,30.0,0.0,0.0,0.0,2.0,");

        Assert.Empty(read.Records);
        Assert.Equal(
            [
                "special.csv, line 2, column StudentId, value 'S9'",
                "special.csv, line 3, column NumberDaysTaught, value '29.0'",
                "special.csv, line 4, column PregnancyRelatedServicesDaysPresent, value '20.5'",
                "special.csv, line 5, column BilingualEslFundingCode, value ''",
            ],
            read.Problems.Select(p => p.ToString()[..p.ToString().IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void One_key_may_have_a_row_per_funding_code_but_not_two_rows_with_one_code()
    {
        var read = Read(
            "2024,101912,101912001,S1,05,00,1,30.0,0.0,0.0,0.0,5.0,BE",
            "2024,101912,101912001,S1,05,00,1,30.0,0.0,0.0,0.0,5.0,D2",
            "2024,101912,101912001,S1,05,00,1,30.0,0.0,0.0,0.0,5.0,BE");

        Assert.Equal(2, read.Records.Count);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(CsvProblemKind.DuplicateKey, problem.Kind);
        Assert.Contains("line 2 already has this key", problem.ToString(), StringComparison.Ordinal);
    }
}
