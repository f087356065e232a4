using PeimsRules.EdFi;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.EdFi;

/// <summary>The TSDS PEIMS XML of 2019-20 to 2023-24: the Summer 42400 records with the 40100 student attributes.</summary>
public class TsdsXmlReaderSpecification
{
    private const string Attendance = """
        <?xml version="1.0" encoding="UTF-8"?>
        <InterchangeStudentAttendanceExtension xmlns="http://www.tea.state.tx.us/tsds">
          <BasicReportingPeriodAttendanceExtension>
            <StudentReference><StudentIdentity><StudentUniqueStateId>1000000001</StudentUniqueStateId></StudentIdentity></StudentReference>
            <TX-CampusIdOfEnrollment>101912001</TX-CampusIdOfEnrollment>
            <TX-AttendanceEventIndicator>01</TX-AttendanceEventIndicator>
            <TX-InstructionalTrack>00</TX-InstructionalTrack>
            <TX-ReportingPeriod>1</TX-ReportingPeriod>
            <TX-NumberDaysTaught>32</TX-NumberDaysTaught>
            <TX-GradeLevel>KG</TX-GradeLevel>
            <TX-TotalDaysAbsent>3.5</TX-TotalDaysAbsent>
            <TX-TotalIneligibleDaysPresent>0.0</TX-TotalIneligibleDaysPresent>
            <TX-TotalEligibleDaysPresent>10.0</TX-TotalEligibleDaysPresent>
          </BasicReportingPeriodAttendanceExtension>
          <SpecialProgramsReportingPeriodAttendanceExtension><TX-ReportingPeriod>1</TX-ReportingPeriod></SpecialProgramsReportingPeriodAttendanceExtension>
          <BasicReportingPeriodAttendanceExtension>
            <StudentReference><StudentIdentity><StudentUniqueStateId>1000000002</StudentUniqueStateId></StudentIdentity></StudentReference>
            <TX-CampusIdOfEnrollment>101912001</TX-CampusIdOfEnrollment>
            <TX-InstructionalTrack>00</TX-InstructionalTrack>
            <TX-ReportingPeriod>1</TX-ReportingPeriod>
            <TX-NumberDaysTaught>32</TX-NumberDaysTaught>
            <TX-GradeLevel>03</TX-GradeLevel>
            <TX-TotalDaysAbsent>2.3</TX-TotalDaysAbsent>
            <TX-TotalIneligibleDaysPresent>0.0</TX-TotalIneligibleDaysPresent>
            <TX-TotalEligibleDaysPresent>29.0</TX-TotalEligibleDaysPresent>
          </BasicReportingPeriodAttendanceExtension>
        </InterchangeStudentAttendanceExtension>
        """;

    // The student interchange of another tool: no namespace, the older LEP element name, a code written as a URI.
    private const string Students = """
        <TEXASInterchangeStudent>
          <StudentExtension>
            <StudentUniqueStateId>1000000001</StudentUniqueStateId>
            <TX-EconomicDisadvantageCode>01</TX-EconomicDisadvantageCode>
            <TX-LEPIndicatorCode>uri://tea.texas.gov/LEPIndicatorCode#1</TX-LEPIndicatorCode>
          </StudentExtension>
        </TEXASInterchangeStudent>
        """;

    [Fact]
    public void The_half_day_KG_record_of_2019_20_reads_with_its_student_attributes_and_the_bad_record_is_named_by_line_and_element()
    {
        using var folder = new TempFolder().With("attendance.xml", Attendance).With("students.xml", Students);

        var read = TsdsXmlReader.Read([folder.Path], new TsdsXmlReadOptions { SchoolYear = new SchoolYear(2020), ErrorMode = EdFiErrorMode.CollectAll });

        Assert.Equal(
            Given.Record(student: "1000000001", year: 2020, grade: "KG", taught: 32, absent: 3.5m, eligible: 10, economic: "01", emergentBilingual: "1"),
            Assert.Single(read.Records));
        var problem = Assert.Single(read.Problems);
        Assert.Equal(("attendance.xml", "line 16", "TX-TotalDaysAbsent", "2.3", EdFiProblemKind.OutOfRange), (problem.Source, problem.Position, problem.Field, problem.Value, problem.Kind));
        Assert.Equal(1, read.ElementsNotRead["SpecialProgramsReportingPeriodAttendanceExtension"]);
    }

    [Fact]
    public void Without_a_school_year_in_the_files_or_the_options_nothing_is_guessed()
    {
        using var folder = new TempFolder().With("attendance.xml", Attendance);

        var e = Assert.Throws<EdFiDataException>(() => TsdsXmlReader.Read([Path.Combine(folder.Path, "attendance.xml")]));

        Assert.Contains("give it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_XML_is_a_problem_naming_the_file_and_line()
    {
        using var folder = new TempFolder().With("attendance.xml", "<Interchange>\n<BasicReportingPeriodAttendance>\n</Oops>");

        var e = Assert.Throws<EdFiDataException>(() => TsdsXmlReader.Read([folder.Path], new TsdsXmlReadOptions { SchoolYear = new SchoolYear(2020) }));

        Assert.Equal(("attendance.xml", "line 3", EdFiProblemKind.MalformedJson), (e.Problems[0].Source, e.Problems[0].Position, e.Problems[0].Kind));
    }
}
