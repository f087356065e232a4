using PeimsRules.Csv;
using PeimsRules.Tests.Support;
using static PeimsRules.Tests.Support.CsvText;

namespace PeimsRules.Tests.Csv;

/// <summary>
/// Bad input is never guessed at and never dropped silently: the reader stops with a <see cref="PeimsCsvException"/>
/// whose problem names the file, the line (the header is line 1), the column and the value; in collect-all mode it
/// returns every problem and the rows that had none. Source: house style, "a code the handbook does not define is an
/// error with its place (file, line, column, value), not a guess"; TEA business rules 42400-0005/6/7 (day counts).
/// </summary>
public class CsvProblemsSpecification
{
    private static CsvProblem ProblemOf(string text)
    {
        var error = Assert.Throws<PeimsCsvException>(() => BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "attendance.csv"));
        Assert.Equal("attendance.csv", error.Problem.FileName);
        Assert.Equal(error.Problem.ToString(), error.Message);
        return error.Problem;
    }

    [Fact]
    public void An_unknown_code_is_refused_with_its_line_column_and_value()
    {
        // Grade 13 is not in C050. Line 1 is the header, so the second data row is line 3.
        var problem = ProblemOf(Lines(Header, Row("S1"), Row("S2", grade: "13"), Row("S3")));

        Assert.Equal(3, problem.Line);
        Assert.Equal("GradeLevel", problem.Column);
        Assert.Equal("13", problem.Value);
        Assert.Contains("E0017", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code", "9", "AdaEligibilityCode", "E0787")]
    [InlineData("economic", "03", "EconomicDisadvantageCode", "E0785")]
    [InlineData("emergentBilingual", "2", "EmergentBilingualCode", "E0790")]
    [InlineData("funding", "D3", "BilingualEslFundingCode", "E1651")]
    [InlineData("period", "0", "ReportingPeriod", "E0934")]
    [InlineData("track", "1", "InstructionalTrack", "E0975")]
    [InlineData("year", "2023-25", "SchoolYear", "E0974")]
    [InlineData("district", "10191", "DistrictId", "E0212")]
    [InlineData("student", "S#1", "StudentId", "E1523")]
    public void Every_coded_column_refuses_a_code_its_table_does_not_define(string field, string value, string column, string element)
    {
        var row = field switch
        {
            "code" => Row(code: value),
            "economic" => Row(economic: value),
            "emergentBilingual" => Row(emergentBilingual: value),
            "funding" => Row(funding: value, emergentBilingual: "1"),
            "period" => Row(period: value),
            "track" => Row(track: value),
            "year" => Row(year: value),
            "district" => Row(district: value),
            _ => Row(student: value),
        };

        var problem = ProblemOf(Lines(Header, row));

        Assert.Equal(2, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Equal(value, problem.Value);
        Assert.Contains(element, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_count_of_14_3_is_refused()
    {
        // 42400-0007: the last digit of eligible days present is 0 or 5.
        var problem = ProblemOf(Lines(Header, Row("S1"), Row("S2", eligible: "14.3", absent: "0.0")));

        Assert.Equal(3, problem.Line);
        Assert.Equal("EligibleDaysPresent", problem.Column);
        Assert.Equal("14.3", problem.Value);
        Assert.Contains("E0937", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_day_count_is_refused()
    {
        var problem = ProblemOf(Lines(Header, Row(absent: "-1.0")));

        Assert.Equal(2, problem.Line);
        Assert.Equal("DaysAbsent", problem.Column);
        Assert.Equal("-1.0", problem.Value);
    }

    [Theory]
    [InlineData("thirty")]
    [InlineData("1e3")]
    [InlineData("30,0")]
    [InlineData("0x1E")]
    public void An_unreadable_number_is_refused(string value)
    {
        // "30,0" must be quoted to be one field; quoted, it is one unreadable value, not thirty.
        var problem = ProblemOf(Lines(Header, Row(taught: $"\"{value}\"")));

        Assert.Equal(2, problem.Line);
        Assert.Equal("NumberDaysTaught", problem.Column);
        Assert.Equal(value, problem.Value);
    }

    [Fact]
    public void A_membership_above_the_days_taught_is_refused()
    {
        // 28 eligible + 1 ineligible + 2 absent = 31 days in membership, in a period of 30 days taught.
        var problem = ProblemOf(Lines(Header, Row(taught: "30.0", eligible: "28.0", ineligible: "1.0", absent: "2.0")));

        Assert.Equal(2, problem.Line);
        Assert.Equal("NumberDaysTaught", problem.Column);
        Assert.Equal("30.0", problem.Value);
        Assert.Contains("31.0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_days_count_in_the_membership_that_must_fit_the_days_taught()
    {
        // 2020-21: 20 on campus + 6 RS + 5 RA = 31 days in membership, in a period of 30 days taught.
        var problem = ProblemOf(Lines(Header, Row(year: "2021", eligible: "20.0", absent: "0.0", remoteSync: "6.0", remoteAsync: "5.0")));

        Assert.Equal("NumberDaysTaught", problem.Column);
        Assert.Contains("31.0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_days_taught_is_refused()
    {
        var problem = ProblemOf(Lines(Header, Row(taught: "0.0", eligible: "0.0", absent: "0.0")));

        Assert.Equal("NumberDaysTaught", problem.Column);
        Assert.Equal("0.0", problem.Value);
    }

    [Fact]
    public void A_campus_outside_its_district_is_refused()
    {
        var problem = ProblemOf(Lines(Header, Row(district: "057905", campus: "101912001")));

        Assert.Equal("CampusId", problem.Column);
        Assert.Equal("101912001", problem.Value);
    }

    [Fact]
    public void A_missing_required_column_is_refused_on_the_header_line()
    {
        var header = Header.Replace(",DaysAbsent", string.Empty, StringComparison.Ordinal);
        var row = string.Join(',', Row().Split(',').Where((_, i) => i != 11));

        var problem = ProblemOf(Lines(header, row));

        Assert.Equal(1, problem.Line);
        Assert.Equal("DaysAbsent", problem.Column);
        Assert.Null(problem.Value);
        Assert.Contains("E0036", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_given_twice_is_refused_on_the_header_line()
    {
        // DaysAbsent and its element number E0036 are the same column.
        var problem = ProblemOf(Lines(Header + ",E0036", Row() + ",2.0"));

        Assert.Equal(1, problem.Line);
        Assert.Equal("DaysAbsent", problem.Column);
    }

    [Fact]
    public void A_blank_required_value_is_refused()
    {
        var problem = ProblemOf(Lines(Header, Row(student: "")));

        Assert.Equal(2, problem.Line);
        Assert.Equal("StudentId", problem.Column);
        Assert.Contains("required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_quote_is_refused_with_its_line()
    {
        // A quote in the middle of an unquoted field (S"2): RFC 4180 requires the whole field quoted and the quote doubled.
        var problem = ProblemOf(Lines(Header, Row("S1"), Row("S\"2")));

        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Column);
        Assert.Contains("quote", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_field_that_is_never_closed_is_refused()
    {
        var problem = ProblemOf(Lines(Header, Row("S1"), Row("\"S2")));

        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Column);
    }

    [Fact]
    public void A_row_with_too_many_fields_is_refused_with_the_row_as_its_value()
    {
        var row = Row("S2") + ",extra";

        var problem = ProblemOf(Lines(Header, Row("S1"), row));

        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Column);
        Assert.Equal(row, problem.Value);
        Assert.Contains("fields", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_few_fields_is_refused()
    {
        var problem = ProblemOf(Lines(Header, "2024,101912,101912001,S1"));

        Assert.Equal(2, problem.Line);
        Assert.Null(problem.Column);
    }

    [Fact]
    public void An_empty_file_is_refused_on_line_1()
    {
        var problem = ProblemOf(string.Empty);

        Assert.Equal(1, problem.Line);
        Assert.Contains("header", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_break_ends_the_row_even_inside_quotes_so_an_open_quote_cannot_swallow_the_rows_after_it()
    {
        // The layouts hold no text of more than one line (docs/input-contract.md): the quote opened on line 2 is a
        // problem of line 2, the stray quote of line 3 one of line 3, and line 4 is read as its own row, with its code.
        var text = Header + ",Notes\n" + Row("S1") + ",\"first line\nsecond line\"\n" + Row("S2", code: "9") + ",\n";

        using var reader = new StringReader(text);
        var result = BasicReportingPeriodAttendanceCsv.Read(reader, "periods.csv", CsvErrorMode.CollectAll);

        Assert.Equal([2L, 3L, 4L], result.Problems.Select(p => p.Line));
        Assert.Equal(CsvProblemKind.MalformedCsv, result.Problems[0].Kind);
        Assert.Equal("AdaEligibilityCode", result.Problems[2].Column);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.RowsRejected);
    }

    [Fact]
    public void Reading_a_file_names_its_path()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("bad.csv");
        File.WriteAllText(path, Lines(Header, Row(grade: "13")));

        var error = Assert.Throws<PeimsCsvException>(() => BasicReportingPeriodAttendanceCsv.ReadFile(path));

        Assert.Equal(path, error.Problem.FileName);
        Assert.StartsWith($"{path}, line 2, column GradeLevel, value '13': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_all_mode_returns_every_problem_and_the_good_rows()
    {
        // Lines 2, 4 and 6 are good; line 3 has an unknown code, line 5 a day count of 14.3, line 7 too many fields,
        // line 8 a membership of 31 days in 30 days taught.
        var text = Lines(
            Header,
            Row("S1"),
            Row("S2", code: "9"),
            Row("S3"),
            Row("S4", eligible: "14.3"),
            Row("S5"),
            Row("S6") + ",extra",
            Row("S7", eligible: "29.0", absent: "2.0"));

        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "attendance.csv", CsvErrorMode.CollectAll);

        Assert.True(result.HasProblems);
        Assert.Equal(new[] { "S1", "S3", "S5" }, result.Records.Select(r => r.StudentId.Value));
        Assert.Equal(
            new (long, string?, string?)[]
            {
                (3, "AdaEligibilityCode", "9"),
                (5, "EligibleDaysPresent", "14.3"),
                (7, null, Row("S6") + ",extra"),
                (8, "NumberDaysTaught", "30.0"),
            },
            result.Problems.Select(p => (p.Line, p.Column, p.Value)));
    }

    [Fact]
    public void Collect_all_mode_reports_a_missing_column_and_reads_no_rows()
    {
        var header = Header.Replace("GradeLevel,", string.Empty, StringComparison.Ordinal);

        var result = BasicReportingPeriodAttendanceCsv.Read(new StringReader(Lines(header, Row())), "attendance.csv", CsvErrorMode.CollectAll);

        Assert.Empty(result.Records);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1L, "GradeLevel"), (problem.Line, problem.Column));
    }
}
