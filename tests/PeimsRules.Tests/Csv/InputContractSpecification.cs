using System.Text;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Tests.Support;
using static PeimsRules.Tests.Support.CsvText;

namespace PeimsRules.Tests.Csv;

/// <summary>The input contract of the readers (docs/input-contract.md), case by case, on real files.</summary>
public sealed class InputContractSpecification
{
    private static CsvReadResult<BasicReportingPeriodAttendance> ReadBytes(byte[] bytes, CsvInputOptions? options = null)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("periods.csv");
        File.WriteAllBytes(path, bytes);
        return BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll, options ?? CsvInputOptions.Default);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_UTF_8_file_reads_the_same_with_and_without_a_byte_order_mark()
    {
        var text = Lines(Header, Row("S1"), Row("S2"));

        var plain = ReadBytes(Utf8(text));
        var marked = ReadBytes([0xEF, 0xBB, 0xBF, .. Utf8(text)]);

        Assert.Equal(2, plain.Records.Count);
        Assert.Equal(plain.Records, marked.Records);
        Assert.Empty(marked.Problems);
    }

    [Fact]
    public void A_Windows_1252_byte_is_a_problem_of_its_line_in_UTF_8_and_the_letter_it_stands_for_in_Windows_1252()
    {
        // 0xD1 is Ñ in Windows-1252 and no character in UTF-8.
        var bytes = Encoding.Latin1.GetBytes(Lines(Header, Row("S1"), Row("N\u00d1O"), Row("S3")));

        var utf8 = ReadBytes(bytes);
        var windows = ReadBytes(bytes, CsvInputOptions.Default with { Encoding = CsvTextEncoding.Windows1252 });

        var problem = Assert.Single(utf8.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("byte 0xD1 at byte 24 of the line is not valid UTF-8", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["S1", "S3"], utf8.Records.Select(r => r.StudentId.Value));
        // Ñ is not a letter a student id may hold: the Windows-1252 reading sees it, and says so about the id.
        Assert.Equal(3, Assert.Single(windows.Problems).Line);
        Assert.Equal("StudentId", windows.Problems[0].Column);
        Assert.Equal("N\u00d1O", windows.Problems[0].Value);
    }

    [Fact]
    public void The_five_bytes_Windows_1252_does_not_define_are_refused_not_guessed()
    {
        var bytes = Utf8(Lines(Header, Row("S1"))).ToList();
        bytes.InsertRange(bytes.Count - 1, [0x81]);

        var result = ReadBytes([.. bytes], CsvInputOptions.Default with { Encoding = CsvTextEncoding.Windows1252 });

        Assert.Contains("not a Windows-1252 character", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF_16_file_is_refused_at_line_1_with_what_to_do()
    {
        var result = ReadBytes(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Lines(Header, Row()))).ToArray());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("UTF-16", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void CR_LF_and_lone_CR_line_ends_are_each_one_line()
    {
        var text = Header + "\r\n" + Row("S1") + "\r" + Row("S2", code: "9") + "\n" + Row("S3") + "\r\n";

        var result = ReadBytes(Utf8(text));

        Assert.Equal(3, Assert.Single(result.Problems).Line);
        Assert.Equal([2L, 4L], result.RecordLines);
    }

    [Fact]
    public void A_line_over_the_limit_is_its_own_problem_and_the_next_line_is_read_on_its_own_number()
    {
        var options = CsvInputOptions.Default with { MaximumLineLength = 400 };
        var text = Lines(Header, Row("S1") + new string(' ', 400), "", Row("S3"));

        var result = ReadBytes(Utf8(text), options);

        Assert.Equal(2, Assert.Single(result.Problems).Line);
        Assert.Contains("more than the limit of 400", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal([4L], result.RecordLines);
        Assert.Equal(2, result.RowsRead);
        Assert.Equal(1, result.RowsRejected);
    }

    [Fact]
    public void A_field_over_the_limit_is_named_by_its_column_and_its_value_is_cut_in_the_message()
    {
        var result = ReadBytes(Utf8(Lines(Header, Row(student: new string('7', 2_000)))));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("StudentId", problem.Column);
        Assert.Contains("2,000 characters long, more than the limit of 1,000", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.ToString().Length < 400);
    }

    [Fact]
    public void Collect_all_stops_after_the_maximum_number_of_problems_and_says_where()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Row($"S{i}", grade: "13"));
        var options = CsvInputOptions.Default with { MaximumProblems = 10 };

        var result = ReadBytes(Utf8(Lines([Header, .. rows])), options);

        Assert.Equal(11, result.Problems.Count);
        Assert.Contains("the reader stops here, after line 11", result.Problems[^1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RemoteSynchronousEligibleDaysPresnt", "RemoteSynchronousEligibleDaysPresent")]
    [InlineData("remote_asynchronous_eligible_days_present", "RemoteAsynchronousEligibleDaysPresent")]
    [InlineData("Ada Eligibility Code", "AdaEligibilityCode")]
    [InlineData("EligibleDaysPresen", "EligibleDaysPresent")]
    public void A_misspelt_column_is_a_problem_naming_the_column_it_is_close_to(string misspelt, string meant)
    {
        var header = Header.Replace(meant, misspelt, StringComparison.Ordinal);
        if (header == Header)
        {
            header = Header + "," + misspelt;
        }

        using var reader = new StringReader(Lines(header, Row() + (header.EndsWith(misspelt, StringComparison.Ordinal) && !Header.Contains(meant + ",", StringComparison.Ordinal) ? string.Empty : string.Empty)));
        var result = BasicReportingPeriodAttendanceCsv.Read(reader, "periods.csv", CsvErrorMode.CollectAll);

        var problem = result.Problems.First(p => p.Kind == CsvProblemKind.UnknownColumn);
        Assert.Equal(1, problem.Line);
        Assert.Equal(meant, problem.Column);
    }

    [Fact]
    public void A_column_far_from_every_column_of_the_layout_is_listed_not_refused()
    {
        using var reader = new StringReader(Lines(Header + ",CampusName", Row() + ",Bluebonnet"));

        var result = BasicReportingPeriodAttendanceCsv.Read(reader, "periods.csv", CsvErrorMode.CollectAll);

        Assert.Empty(result.Problems);
        Assert.Equal(["CampusName"], result.UnusedColumns);
    }

    [Fact]
    public void A_repeated_IEP_row_is_refused_so_its_minutes_count_once()
    {
        const string header = "StudentId,CampusId,Service,WeekOf,ReportingPeriod,MinutesRequired,MinutesDelivered";
        using var reader = new StringReader(Lines(header, "S1,101912001,Speech therapy,2024-09-09,,120,60", "S1,101912001,speech therapy,2024-09-09,,120,60"));

        var result = IepServiceRecordCsv.Read(reader, "iep.csv", CsvErrorMode.CollectAll);

        Assert.Single(result.Records);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(CsvProblemKind.DuplicateKey, problem.Kind);
        Assert.Contains("line 2 already has this key", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrollments_that_overlap_or_name_no_calendar_are_named_by_file_and_line()
    {
        using var calendarsText = new StringReader(Lines(
            "SchoolYear,CampusId,CalendarCode,RowType,ReportingPeriod,StartDate,EndDate,SnapshotTime",
            "2025,101912001,REG,CALENDAR,,,,09:30",
            "2025,101912001,REG,PERIOD,1,2024-08-19,2024-09-27,"));
        using var enrollmentsText = new StringReader(Lines(
            "StudentId,CampusId,CalendarCode,GradeLevel,EntryDate,WithdrawalDate,AdaEligibilityCode",
            "S1,101912001,REG,05,2024-08-19,2024-09-09,1",
            "S1,101912001,REG,05,2024-09-09,,1",
            "S2,101912001,REG,05,2024-08-19,,1",
            "S2,101912001,REG,05,2024-09-02,,2",
            "S3,101912001,SUMMER,05,2024-08-19,,1"));
        var calendars = SchoolCalendarCsv.Read(calendarsText, "calendars.csv", CsvErrorMode.CollectAll);
        var enrollments = StudentEnrollmentCsv.Read(enrollmentsText, "enrollments.csv", CsvErrorMode.CollectAll);

        var problems = DailyAttendanceFiles.Check(calendars, "calendars.csv", enrollments, "enrollments.csv");

        // S1 changes campus status on 2024-09-09 (the withdrawal date is the first day not enrolled): no overlap.
        Assert.Equal([5L, 6L], problems.Select(p => p.Line));
        Assert.Contains("the enrollment on line 4 also covers", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("names calendar SUMMER, which campus 101912001 does not have in calendars.csv", problems[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1900-01-01")]
    public void A_date_outside_the_school_years_the_rules_know_is_refused(string date)
    {
        using var reader = new StringReader(Lines("StudentId,Program,StartDate,EndDate", $"S1,SPED,2024-08-19,{date}"));

        var result = ProgramParticipationCsv.Read(reader, "programs.csv", CsvErrorMode.CollectAll);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("EndDate", problem.Column);
        Assert.Contains("outside the school years the rules know", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_a_file_is_a_problem_naming_it()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<PeimsCsvException>(() => BasicReportingPeriodAttendanceCsv.ReadFile(directory.Path, CsvErrorMode.CollectAll));

        Assert.Contains("this is a folder, not a file", error.Message, StringComparison.Ordinal);
    }
}
