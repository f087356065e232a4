using PeimsRules.Accountability;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// The accountability attendance rate and annual dropout rate of the TEA Accountability Manual, Appendix D, with the leaver codes of its table 31 and the
/// student groups of its table 30. School year 2023-24, district 101912, campuses 101912001 and 101912002.
/// </summary>
public class AccountabilityIndicatorsSpecification
{
    private static readonly SchoolYear Year = new(Given.Year);

    private static StudentDemographics Demo(string student, string economic = "00", Ethnicity ethnicity = Ethnicity.Hispanic, bool atRisk = false, bool sped = false) =>
        new(StudentId.Parse(student), EconomicDisadvantage.Parse(economic), ethnicity, atRisk, sped);

    private static LeaverRecord Leaver(string student, string code, string grade = "08", string campus = "101912001") =>
        new(Year, CampusId.Parse(campus), StudentId.Parse(student), GradeLevel.Parse(grade), code);

    [Fact]
    public void The_attendance_rate_is_days_present_over_days_in_membership_of_grades_1_to_12_170_of_180_is_94_44_percent()
    {
        var records = new[]
        {
            Given.Record(student: "A", taught: 90, eligible: 85, absent: 5, grade: "03"),
            Given.Record(student: "B", taught: 90, eligible: 85, absent: 5, grade: "04"),
            Given.Record(student: "K", taught: 90, eligible: 45, absent: 45, grade: "KG"), // kindergarten is not part of it
        };

        var rates = AttendanceRate.Compute(records);

        var campus = rates.Single(f => f.Level == RateLevel.Campus && f.Group == StudentGroup.All);
        Assert.Equal((2, DayCount.FromDays(170), DayCount.FromDays(180)), (campus.Students, campus.DaysPresent, campus.DaysInMembership));
        Assert.Equal(Ratio.Of(17000, 180), campus.Percent);
        Assert.Equal(campus.Percent, rates.Single(f => f.Level == RateLevel.District && f.Group == StudentGroup.All).Percent);
    }

    [Fact]
    public void The_attendance_rate_is_disaggregated_by_economic_status_ethnicity_at_risk_and_special_education()
    {
        var records = new[]
        {
            Given.Record(student: "A", taught: 90, eligible: 80, absent: 10),
            Given.Record(student: "B", taught: 90, eligible: 90, absent: 0),
        };
        var demographics = new[] { Demo("A", "01", Ethnicity.White, atRisk: true), Demo("B", "00", Ethnicity.Hispanic, sped: true) };

        var rates = AttendanceRate.Compute(records, demographics).Where(f => f.Level == RateLevel.Campus).ToDictionary(f => f.Group);

        Assert.Equal(Ratio.Of(8000, 90), rates[StudentGroup.EconomicallyDisadvantaged].Percent);
        Assert.Equal(Ratio.Of(8000, 90), rates[StudentGroup.White].Percent);
        Assert.Equal(Ratio.Of(8000, 90), rates[StudentGroup.AtRisk].Percent);
        Assert.Equal(Ratio.FromInteger(100), rates[StudentGroup.SpecialEducation].Percent);
        Assert.Equal(Ratio.Of(17000, 180), rates[StudentGroup.All].Percent);
        Assert.DoesNotContain(StudentGroup.AfricanAmerican, rates.Keys);
    }

    [Fact]
    public void The_grade_7_to_8_dropout_rate_counts_code_98_and_not_the_exempt_codes_1_of_4_served_is_25_percent()
    {
        var served = new[]
        {
            Given.Record(student: "A", grade: "07", eligible: 20),
            Given.Record(student: "B", grade: "08", eligible: 20),
            Given.Record(student: "C", grade: "08", code: 4, ineligible: 20), // ADA-ineligible students are served too
            Given.Record(student: "D", grade: "08", code: 0),
            Given.Record(student: "E", grade: "09", eligible: 20),
        };
        var leavers = new[] { Leaver("B", "98"), Leaver("C", "82"), Leaver("D", "03") };

        var rates = AnnualDropoutRate.Compute(Year, leavers, served);

        var middle = rates.Single(f => f.Grades == "07-08" && f.Level == RateLevel.Campus && f.Group == StudentGroup.All);
        Assert.Equal((1, 4), (middle.Dropouts, middle.StudentsServed));
        Assert.Equal(Ratio.FromInteger(25), middle.Percent);
        var all = rates.Single(f => f.Grades == "07-12" && f.Level == RateLevel.District && f.Group == StudentGroup.All);
        Assert.Equal((1, 5), (all.Dropouts, all.StudentsServed));
    }

    [Fact]
    public void Every_code_of_table_31_but_98_is_not_a_dropout()
    {
        var table = LeaverCodes.For(Year);

        Assert.Equal(["01", "03", "16", "24", "60", "66", "78", "81", "82", "83", "85", "86"], table.Entries.Where(e => !e.IsDropout).Select(e => e.Code));
        Assert.True(table.Lookup("98").IsDropout);
        Assert.Equal(PeimsRules.Rules.CitationStatus.AwaitingConfirmation, LeaverCodes.Table.Values[0].Citation.Status);
    }

    [Fact]
    public void An_unknown_leaver_code_is_an_error_not_a_guess()
    {
        var e = Assert.Throws<PeimsCodeException>(() => AnnualDropoutRate.Compute(Year, [Leaver("A", "99")], []));

        Assert.Equal("99", e.Value);
    }

    [Fact]
    public void A_year_before_the_first_leaver_table_has_no_dropout_rate()
    {
        Assert.Throws<InvalidOperationException>(() => AnnualDropoutRate.Compute(new SchoolYear(2005), [], []));
    }

    [Fact]
    public void The_leavers_file_reports_an_unknown_code_with_its_file_line_column_and_value_and_collects_all()
    {
        var csv = "SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n2024,101912001,A,08,98\n2024,101912001,B,08,99\n2024,101912001,C,13,01\n2004,101912001,D,08,01\n";

        var result = LeaverRecordCsv.Read(new StringReader(csv), "leavers.csv", CsvErrorMode.CollectAll);

        Assert.Single(result.Records);
        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(("leavers.csv", 3L, "LeaverCode", "99"), (result.Problems[0].FileName, result.Problems[0].Line, result.Problems[0].Column, result.Problems[0].Value));
        Assert.Equal("GradeLevel", result.Problems[1].Column);
        Assert.Contains("no leaver-code table", result.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demographics_file_reads_codes_and_flags_and_reports_an_unknown_ethnicity_and_a_repeated_student()
    {
        var csv = "StudentId,EconomicDisadvantageCode,Ethnicity,AtRisk,SpecialEducation\nA,01,H,Y,\nB,00,X,N,N\nA,00,W,,\n";

        var result = StudentDemographicsCsv.Read(new StringReader(csv), "demographics.csv", CsvErrorMode.CollectAll);

        var a = Assert.Single(result.Records);
        Assert.Equal([StudentGroup.All, StudentGroup.EconomicallyDisadvantaged, StudentGroup.Hispanic, StudentGroup.AtRisk], a.Groups);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal(("Ethnicity", "X", 3L), (result.Problems[0].Column, result.Problems[0].Value, result.Problems[0].Line));
        Assert.Equal(("StudentId", 4L), (result.Problems[1].Column, result.Problems[1].Line));
    }

    [Fact]
    public void Students_without_a_demographic_record_count_in_all_students_only_and_are_listed()
    {
        var records = new[] { Given.Record(student: "A", eligible: 10), Given.Record(student: "Z", eligible: 10) };
        var demographics = new[] { Demo("A") };

        Assert.Equal([StudentId.Parse("Z")], AttendanceRate.StudentsWithoutDemographics(records, demographics));
        Assert.Equal(2, AttendanceRate.Compute(records, demographics).Single(f => f.Level == RateLevel.Campus && f.Group == StudentGroup.All).Students);
        Assert.Equal(1, AttendanceRate.Compute(records, demographics).Single(f => f.Level == RateLevel.Campus && f.Group == StudentGroup.Hispanic).Students);
    }
}
