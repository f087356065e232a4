using System.Text;
using PeimsRules.Csv;
using PeimsRules.Tests.Support;
using static PeimsRules.Tests.Support.CsvText;

namespace PeimsRules.Tests.Csv;

/// <summary>
/// The canonical period-attendance CSV (one row per TSDS 42400 record): a header row naming the columns, in any order,
/// matched without regard to case, each column also nameable by its TEA element number; the remote columns (E1678,
/// E1679) and the bilingual/ESL funding column (E1651) may be absent or blank. Days are written like 29.0 or 14.5.
/// Source: TEA data standards, complex type 42400 and its elements; TEA-RULES.md, "Data elements".
/// </summary>
public class ReadingCsvSpecification
{
    private static IReadOnlyList<BasicReportingPeriodAttendance> Read(string text) =>
        BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "attendance.csv");

    [Fact]
    public void Reads_each_row_as_one_record()
    {
        var text = Lines(
            Header,
            Row("1234567890", grade: "KG", track: "01", period: "3", code: "2", taught: "29.0", eligible: "13.5", absent: "1.0",
                economic: "01", emergentBilingual: "1", funding: "BE"),
            Row("LOCAL-7", year: "2021", campus: "101912041", grade: "12", code: "1", taught: "30.0", eligible: "10.0", absent: "2.5",
                remoteSync: "8.0", remoteAsync: "9.5"));

        var records = Read(text);

        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal(new SchoolYear(2024), first.SchoolYear);
        Assert.Equal(DistrictId.Parse("101912"), first.DistrictId);
        Assert.Equal(CampusId.Parse("101912001"), first.CampusId);
        Assert.Equal(StudentId.Parse("1234567890"), first.StudentId);
        Assert.Equal(GradeLevel.Kindergarten, first.GradeLevel);
        Assert.Equal(new InstructionalTrack(1), first.InstructionalTrack);
        Assert.Equal(new ReportingPeriod(3), first.ReportingPeriod);
        Assert.Equal(AdaEligibility.HalfDay, first.AdaEligibility);
        Assert.Equal(DayCount.FromDays(29), first.NumberDaysTaught);
        Assert.Equal(DayCount.FromDays(13.5m), first.EligibleDaysPresent);
        Assert.Equal(DayCount.Zero, first.IneligibleDaysPresent);
        Assert.Equal(DayCount.FromDays(1), first.DaysAbsent);
        Assert.Equal(EconomicDisadvantage.FreeMeals, first.EconomicDisadvantage);
        Assert.Equal(EmergentBilingual.Identified, first.EmergentBilingual);
        Assert.Equal(BilingualEslFunding.BilingualEsl, first.BilingualEslFunding);
        Assert.Equal(DayCount.Zero, first.RemoteSynchronousEligibleDaysPresent);

        var second = records[1];
        Assert.Equal(new SchoolYear(2021), second.SchoolYear);
        Assert.Equal(DayCount.FromDays(8), second.RemoteSynchronousEligibleDaysPresent);
        Assert.Equal(DayCount.FromDays(9.5m), second.RemoteAsynchronousEligibleDaysPresent);
        Assert.Null(second.BilingualEslFunding);
    }

    [Fact]
    public void Reads_columns_in_any_order()
    {
        // The canonical header and row, columns reversed: the same record.
        var header = string.Join(',', Header.Split(',').Reverse());
        var row = string.Join(',', Row(funding: "D2", emergentBilingual: "1").Split(',').Reverse());

        Assert.Equal(Read(Lines(Header, Row(funding: "D2", emergentBilingual: "1"))), Read(Lines(header, row)));
    }

    [Fact]
    public void Matches_column_names_without_regard_to_case()
    {
        var header = "schoolyear,DISTRICTID,campusId,STUDENTID,gradelevel,instructionaltrack,REPORTINGPERIOD,adaeligibilitycode,"
            + "numberdaystaught,ELIGIBLEDAYSPRESENT,ineligibledayspresent,daysabsent,remotesynchronouseligibledayspresent,"
            + "REMOTEASYNCHRONOUSELIGIBLEDAYSPRESENT,economicdisadvantagecode,emergentbilingualcode,bilingualeslfundingcode";

        Assert.Equal(Read(Lines(Header, Row())), Read(Lines(header, Row())));
    }

    [Fact]
    public void Accepts_TEA_element_numbers_as_column_names()
    {
        // E0974 school year, E0212 district, E0266 campus, E1523 student, E0017 grade, E0975 track, E0934 period,
        // E0787 ADA code, E0935 days taught, E0937 eligible, E0936 ineligible, E0036 absent, E1678 RS, E1679 RA,
        // E0785 economic disadvantage, E0790 emergent bilingual, E1651 bilingual/ESL funding; in either case.
        const string header = "E0974,E0212,E0266,E1523,E0017,E0975,E0934,E0787,E0935,E0937,E0936,E0036,e1678,e1679,E0785,E0790,E1651";

        Assert.Equal(Read(Lines(Header, Row(eligible: "27.0", remoteSync: "1.0"))), Read(Lines(header, Row(eligible: "27.0", remoteSync: "1.0"))));
    }

    [Fact]
    public void The_remote_and_funding_columns_may_be_absent()
    {
        // Before 2020-21 files have no remote columns, and many have no E1651 column at all.
        const string header = "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,"
            + "AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode";
        const string row = "2019,101912,101912001,S1,05,00,1,1,30.0,28.0,0.0,2.0,00,0";

        var record = Assert.Single(Read(Lines(header, row)));

        Assert.Equal(DayCount.Zero, record.RemoteSynchronousEligibleDaysPresent);
        Assert.Equal(DayCount.Zero, record.RemoteAsynchronousEligibleDaysPresent);
        Assert.Null(record.BilingualEslFunding);
        Assert.Equal(DayCount.FromDays(28), record.EligibleDaysPresent);
    }

    [Fact]
    public void The_remote_and_funding_columns_may_be_blank()
    {
        var record = Assert.Single(Read(Lines(Header, Row(remoteSync: "", remoteAsync: " ", funding: ""))));

        Assert.Equal(DayCount.Zero, record.RemoteSynchronousEligibleDaysPresent);
        Assert.Equal(DayCount.Zero, record.RemoteAsynchronousEligibleDaysPresent);
        Assert.Null(record.BilingualEslFunding);
    }

    [Fact]
    public void Lists_the_columns_it_does_not_use_rather_than_dropping_them_silently()
    {
        var text = Lines(Header + ",CampusName,Notes", Row() + ",Lincoln Elementary,\"moved, then returned\"");

        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "attendance.csv", CsvErrorMode.CollectAll);

        Assert.Single(result.Records);
        Assert.Equal(new[] { "CampusName", "Notes" }, result.UnusedColumns);
        Assert.False(result.HasProblems);
    }

    [Fact]
    public void Reads_quoted_fields_CRLF_line_endings_and_spaces_around_values()
    {
        var text = Header + "\r\n" + "\"2024\",\"101912\", 101912001 ,S1,05,00,1,1, 30.0 ,28.0,0.0,2.0,,,00,0,\r\n";

        Assert.Equal(Read(Lines(Header, Row())), Read(text));
    }

    [Fact]
    public void Accepts_a_header_with_nothing_under_it()
    {
        Assert.Empty(Read(Lines(Header)));
    }

    [Fact]
    public void Writes_the_canonical_layout()
    {
        // One decimal on every day count, codes as TEA writes them, blank for no E1651 code; the joined ADA code last.
        var record = Given.Record("S1", code: 2, taught: 30, eligible: 14.5m, absent: 0.5m, grade: "KG", economic: "99", emergentBilingual: "F");
        var text = new StringWriter();

        BasicReportingPeriodAttendanceCsv.Write(text, [record]);

        Assert.Equal(
            Lines(
                "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,EligibleDaysPresent,"
                + "IneligibleDaysPresent,DaysAbsent,RemoteSynchronousEligibleDaysPresent,RemoteAsynchronousEligibleDaysPresent,EconomicDisadvantageCode,"
                + "EmergentBilingualCode,BilingualEslFundingCode,AdaEligibilityCode",
                "2024,101912,101912001,S1,KG,00,1,30.0,14.5,0.0,0.5,0.0,0.0,99,F,,2"),
            text.ToString());
    }

    [Fact]
    public void Writes_and_reads_back_a_real_file()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("attendance.csv");
        var records = new[]
        {
            Given.Record("S1", eligible: 28, absent: 2),
            Given.Record("S2", year: 2024, grade: "02", economic: "01", emergentBilingual: "1", funding: "D1", eligible: 29.5m, absent: 0.5m),
        };

        BasicReportingPeriodAttendanceCsv.WriteFile(path, records);

        Assert.Equal(records, BasicReportingPeriodAttendanceCsv.ReadFile(path));
    }

    [Fact]
    public void Reads_a_file_saved_with_a_UTF8_byte_order_mark()
    {
        // Spreadsheet programs save "CSV UTF-8" with a byte order mark; the first column must still be found.
        using var directory = new TemporaryDirectory();
        var path = directory.File("excel.csv");
        File.WriteAllText(path, Lines(Header, Row()), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var record = Assert.Single(BasicReportingPeriodAttendanceCsv.ReadFile(path));

        Assert.Equal(new SchoolYear(2024), record.SchoolYear);
    }
}
