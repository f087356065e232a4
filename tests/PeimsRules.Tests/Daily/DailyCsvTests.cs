using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The daily CSV layouts (docs/daily-to-period.md) keep the core's contract for bad input: every problem names the
/// file, line, column and value; nothing is silently dropped; collect-all mode reports every problem.
/// </summary>
public class DailyCsvTests
{
    private const string SixWeeksCalendar =
        """
        SchoolYear,CampusId,CalendarCode,RowType,ReportingPeriod,StartDate,EndDate,NumberDaysTaught,SnapshotTime,CalendarOrder,CalendarExclude,CampusExclude
        2025,101912001,REG,CALENDAR,,,,,09:30,0,N,N
        2025,101912001,REG,PERIOD,1,2024-08-19,2024-08-23,5.0,,,,
        2025,101912001,REG,PERIOD,2,2024-08-26,2024-08-30,5.0,,,,
        2025,101912001,REG,PERIOD,3,2024-09-02,2024-09-06,4.0,,,,
        2025,101912001,REG,PERIOD,4,2024-09-09,2024-09-13,,,,,
        2025,101912001,REG,PERIOD,5,2024-09-16,2024-09-20,,,,,
        2025,101912001,REG,PERIOD,6,2024-09-23,2024-09-27,,,,,
        2025,101912001,REG,HOLIDAY,,2024-09-02,,,,,,

        """;

    [Fact]
    public void The_calendars_file_gives_the_six_week_calendar_weekdays_of_its_periods_less_its_holidays()
    {
        var calendar = Assert.Single(SchoolCalendarCsv.Read(new StringReader(SixWeeksCalendar), "calendars.csv", CsvErrorMode.StopAtFirst).Records);

        var expected = Calendar();
        Assert.Equal(expected.InstructionalDays, calendar.InstructionalDays);
        Assert.Equal(expected.ReportingPeriods, calendar.ReportingPeriods);
        Assert.Equal((Elm, "REG", Snapshot, 0), (calendar.Campus, calendar.CalendarCode, calendar.AttendanceSnapshotTime, calendar.Order));
    }

    [Fact]
    public void Stated_days_taught_that_disagree_with_the_calendar_are_a_problem_at_their_line_and_column()
    {
        var text = SixWeeksCalendar.Replace("2024-09-02,2024-09-06,4.0", "2024-09-02,2024-09-06,5.0", StringComparison.Ordinal);

        var error = Assert.Throws<PeimsCsvException>(() => SchoolCalendarCsv.Read(new StringReader(text), "calendars.csv", CsvErrorMode.StopAtFirst));

        Assert.Equal(("calendars.csv", 5L, "NumberDaysTaught", "5.0"), (error.Problem.FileName, error.Problem.Line, error.Problem.Column, error.Problem.Value));
        Assert.Contains("has 4.0 days taught in reporting period 3", error.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_school_days_and_excluded_ranges_are_rows_of_their_own()
    {
        var text = SixWeeksCalendar + "2025,101912001,REG,SCHOOLDAY,,2024-08-24,,,,,,\n2025,101912001,REG,EXCLUDE,,2024-09-10,2024-09-11,,,,,\n";

        var calendar = Assert.Single(SchoolCalendarCsv.Read(new StringReader(text), "calendars.csv", CsvErrorMode.StopAtFirst).Records);

        Assert.True(calendar.IsInstructionalDay(D(8, 24)));
        Assert.Equal(DayCount.FromDays(5), calendar.DaysTaught(P(1)));
        Assert.True(calendar.IsInExcludedRange(D(9, 11)));
    }

    [Fact]
    public void TEA_element_numbers_are_accepted_as_column_names()
    {
        var text = SixWeeksCalendar.Replace("SchoolYear,CampusId,CalendarCode,RowType,ReportingPeriod,StartDate,EndDate,NumberDaysTaught", "E0974,E0266,CalendarCode,RowType,E0934,StartDate,EndDate,E0935", StringComparison.Ordinal);
        var enrollments = "E1523,E0266,CalendarCode,E0017,EntryDate,E0787\n1000000001,101912001,REG,03,2024-08-19,1\n";

        Assert.Single(SchoolCalendarCsv.Read(new StringReader(text), "calendars.csv", CsvErrorMode.StopAtFirst).Records);
        Assert.Single(StudentEnrollmentCsv.Read(new StringReader(enrollments), "enrollments.csv", CsvErrorMode.StopAtFirst).Records);
    }

    [Fact]
    public void In_collect_all_mode_every_calendar_problem_is_listed_in_line_order_and_bad_calendars_are_left_out()
    {
        var text =
            """
            SchoolYear,CampusId,CalendarCode,RowType,ReportingPeriod,StartDate,EndDate,NumberDaysTaught,SnapshotTime,CalendarOrder,CalendarExclude,CampusExclude
            2025,101912001,REG,CALENDAR,,,,,9h30,,,
            2025,101912001,YR,CALENDAR,,,,,09:30,,,
            2025,101912001,YR,PERIOD,1,2024-08-19,2024-08-23,,,,,
            2025,101912001,YR,PERIOD,2,2024-08-23,2024-08-30,,,,,
            2025,101912001,YR,HOLIDAY,,2024-08-32,,,,,,
            2025,101912001,XX,PERIOD,1,2024-08-19,2024-08-23,,,,,
            2025,101912001,YR,BREAK,,2024-08-19,,,,,,
            2025,101912002,OAK,CALENDAR,,,,,08:00,,,
            2025,101912001,YR,EXCLUDE,,2024-08-20,,,09:30,,,

            """;

        var result = SchoolCalendarCsv.Read(new StringReader(text), "calendars.csv", CsvErrorMode.CollectAll);

        Assert.Equal(
            [
                "2 SnapshotTime 9h30",
                "5 StartDate 2024-08-23",
                "6 StartDate 2024-08-32",
                "7 CalendarCode XX",
                "8 RowType BREAK",
                "9 RowType CALENDAR",
                "10 SnapshotTime 09:30",
            ],
            result.Problems.Select(p => $"{p.Line} {p.Column} {p.Value}"));
        Assert.Empty(result.Records);
    }

    [Fact]
    public void An_enrollment_row_with_bad_values_is_reported_and_the_good_rows_are_read()
    {
        var text =
            """
            StudentId,CampusId,CalendarCode,GradeLevel,EntryDate,WithdrawalDate,AdaEligibilityCode,NoShow,StateExclude
            1000000001,101912001,REG,03,2024-08-19,,1,,
            1000000002,101912001,REG,13,2024-08-19,,1,,
            1000000003,101912001,REG,03,2024-08-19,2024-08-18,1,,
            1000000004,101912001,REG,03,2024-08-19,,9,maybe,
            1000000005,101912001,REG,KG,2024-08-19,2024-12-20,2,Y,N

            """;

        var result = StudentEnrollmentCsv.Read(new StringReader(text), "enrollments.csv", CsvErrorMode.CollectAll);

        Assert.Equal(["3 GradeLevel 13", "4 WithdrawalDate 2024-08-18", "5 AdaEligibilityCode 9"], result.Problems.Select(p => $"{p.Line} {p.Column} {p.Value}"));
        Assert.Equal(["1000000001", "1000000005"], result.Records.Select(e => e.Student.Value));
        var kg = result.Records[1];
        Assert.Equal((true, false, "00", "0", (BilingualEslFunding?)null), (kg.IsNoShow, kg.IsStateExcluded, kg.EconomicDisadvantage.Code, kg.EmergentBilingual.Code, kg.BilingualEslFunding));
    }

    [Fact]
    public void A_mark_row_needs_a_readable_date_times_in_order_and_a_known_status()
    {
        var text =
            """
            StudentId,CampusId,Date,ClassPeriod,StartTime,EndTime,Status
            1000000001,101912001,2024-08-19,2,09:00,09:50,P
            1000000001,101912001,19/08/2024,2,09:00,09:50,P
            1000000001,101912001,2024-08-19,2,9:0,09:50,P
            1000000001,101912001,2024-08-19,2,09:50,09:00,A
            1000000001,101912001,2024-08-19,2,09:00,09:50,T
            1000000001,101912001,2024-08-19,,13:00:30,14:00,f

            """;

        var result = DailyAttendanceMarkCsv.Read(new StringReader(text), "attendance.csv", CsvErrorMode.CollectAll);

        Assert.Equal(["3 Date 19/08/2024", "4 StartTime 9:0", "5 EndTime 09:00", "6 Status T"], result.Problems.Select(p => $"{p.Line} {p.Column} {p.Value}"));
        Assert.Equal([AttendanceMarkStatus.Present, AttendanceMarkStatus.PresentForFunding], result.Records.Select(m => m.Status));
        Assert.Null(result.Records[1].ClassPeriod);
        Assert.Contains("yyyy-MM-dd", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_row_refuses_a_setting_outside_special_education_and_an_end_before_its_start()
    {
        var text =
            """
            StudentId,Program,StartDate,EndDate,InstructionalSetting
            1000000001,SPED,2024-08-19,,40
            1000000001,PRS,2024-08-19,,40
            1000000001,RF,2024-08-19,2024-08-01,
            1000000001,ESL,2024-08-19,,

            """;

        var result = ProgramParticipationCsv.Read(new StringReader(text), "programs.csv", CsvErrorMode.CollectAll);

        Assert.Equal(["3 InstructionalSetting 40", "4 EndDate 2024-08-01", "5 Program ESL"], result.Problems.Select(p => $"{p.Line} {p.Column} {p.Value}"));
        Assert.True(Assert.Single(result.Records).IsMainstreamIep);
    }

    [Fact]
    public void Columns_the_layout_does_not_use_are_listed_not_silently_ignored()
    {
        var text = "StudentId,Program,StartDate,Notes\n1000000001,RF,2024-08-19,group home\n";

        var result = ProgramParticipationCsv.Read(new StringReader(text), "programs.csv", CsvErrorMode.CollectAll);

        Assert.Equal(["Notes"], result.UnusedColumns);
        Assert.Single(result.Records);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(4242)]
    [InlineData(90210)]
    public void Writing_the_four_daily_files_and_reading_them_back_builds_the_same_records(int seed)
    {
        var district = GeneratedDistrict.Create(seed, clean: false);

        var calendars = RoundTrip(w => SchoolCalendarCsv.Write(w, district.Calendars), r => SchoolCalendarCsv.Read(r, "calendars.csv", CsvErrorMode.StopAtFirst));
        var enrollments = RoundTrip(w => StudentEnrollmentCsv.Write(w, district.Enrollments), r => StudentEnrollmentCsv.Read(r, "enrollments.csv", CsvErrorMode.StopAtFirst));
        var marks = RoundTrip(w => DailyAttendanceMarkCsv.Write(w, district.Marks), r => DailyAttendanceMarkCsv.Read(r, "attendance.csv", CsvErrorMode.StopAtFirst));
        var programs = RoundTrip(w => ProgramParticipationCsv.Write(w, district.Programs), r => ProgramParticipationCsv.Read(r, "programs.csv", CsvErrorMode.StopAtFirst));

        var direct = district.Build();
        var fromFiles = PeriodAttendanceBuilder.Build(calendars, enrollments, marks, programs);

        Assert.Equal(direct.Records, fromFiles.Records);
        Assert.Equal(direct.SpecialProgramRecords, fromFiles.SpecialProgramRecords);
        Assert.Equal(direct.UnmatchedMarks, fromFiles.UnmatchedMarks);
    }

    private static IReadOnlyList<T> RoundTrip<T>(Action<TextWriter> write, Func<TextReader, CsvReadResult<T>> read)
    {
        using var writer = new StringWriter();
        write(writer);
        return read(new StringReader(writer.ToString())).Records;
    }
}
