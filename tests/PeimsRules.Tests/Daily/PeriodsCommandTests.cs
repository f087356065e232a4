using System.CommandLine;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Cli;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The <c>periods</c> verb on the sample district in samples/PeimsRules.Cli/data/daily: it writes the canonical
/// period-attendance CSV that <c>ada</c> reads, so <c>periods</c> then <c>ada</c> is the whole pipeline from daily data.
/// </summary>
public sealed class PeriodsCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "daily");
    private readonly string _scratch = Directory.CreateTempSubdirectory("periods-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void On_the_sample_district_periods_writes_the_records_the_library_builds_in_the_canonical_layout()
    {
        var (exit, stdout, stderr) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", File("enrollments.csv"), "--attendance", File("attendance.csv"), "--programs", File("programs.csv"));

        Assert.Equal(0, exit);
        var written = BasicReportingPeriodAttendanceCsv.Read(new StringReader(stdout), "stdout");
        var built = Build().Records;
        Assert.Equal(built, written);
        Assert.Contains($"periods: {built.Count} period records", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Periods_then_ADA_gives_the_refined_ADA_of_the_records_built_from_the_daily_data()
    {
        var output = Path.Combine(_scratch, "periods.csv");

        var (exit, _, _) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", File("enrollments.csv"), "--attendance", File("attendance.csv"), "--programs", File("programs.csv"), "-o", output);

        Assert.Equal(0, exit);
        var rules = RuleSet.For(new SchoolYear(2025));
        var fromFile = AttendanceSummary.Compute(BasicReportingPeriodAttendanceCsv.ReadFile(output), rules);
        var fromBuild = AttendanceSummary.Compute(Build().Records, rules);
        Assert.Equal(fromBuild.Figures.Select(f => (f.Period, f.Ada, f.Pia)), fromFile.Figures.Select(f => (f.Period, f.Ada, f.Pia)));
        Assert.True(fromFile.Figures.Single(f => f.IsYear && f.Population == Population.All).Ada.Published > 0);
    }

    [Fact]
    public void The_special_programs_days_can_be_written_beside_the_records()
    {
        var output = Path.Combine(_scratch, "periods.csv");
        var special = Path.Combine(_scratch, "special.csv");

        var (exit, _, _) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", File("enrollments.csv"), "--attendance", File("attendance.csv"), "--programs", File("programs.csv"), "-o", output, "--special-programs-output", special);

        Assert.Equal(0, exit);
        var lines = System.IO.File.ReadAllLines(special);
        Assert.Equal("SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,PregnancyRelatedServicesDaysPresent,SpecialEducationMainstreamDaysPresent,ResidentialFacilityDaysPresent,BilingualEslDaysPresent,BilingualEslFundingCode", lines[0]);
        Assert.Equal(Build().SpecialProgramRecords.Count, lines.Length - 1);
        var readBack = SpecialProgramsAttendancePeriodCsv.ReadFile(special, BasicReportingPeriodAttendanceCsv.ReadFile(output), CsvErrorMode.StopAtFirst).Records;
        Assert.Equal(Build().SpecialProgramRecords, readBack);
    }

    [Fact]
    public void Explain_shows_each_day_of_the_student_and_the_record_it_built()
    {
        var (exit, stdout, _) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", File("enrollments.csv"), "--attendance", File("attendance.csv"), "--explain", "1000000001");

        Assert.Equal(0, exit);
        Assert.Contains("Student 1000000001, reporting period 2:", stdout, StringComparison.Ordinal);
        Assert.Contains("2024-10-02 Wed  campus 101912001 REG track 00 grade 03 code 1  left out (NoSnapshotMark)", stdout, StringComparison.Ordinal);
        Assert.Contains("=> record campus 101912001 grade 03 track 00 code 1: days taught 29.0", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SchoolYear,DistrictId", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_reported_on_stderr_with_file_line_column_and_value_and_nothing_is_written()
    {
        var enrollments = Path.Combine(_scratch, "enrollments.csv");
        System.IO.File.WriteAllText(enrollments, System.IO.File.ReadAllText(File("enrollments.csv")).Replace("1000000003,101912001,REG,PK", "1000000003,101912001,REG,P3", StringComparison.Ordinal));

        var (exit, stdout, stderr) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", enrollments, "--attendance", File("attendance.csv"));

        Assert.Equal(CliOutput.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("enrollments.csv, line 4, column GradeLevel, value 'P3'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_contradict_each_other_are_reported_and_nothing_is_written()
    {
        var enrollments = Path.Combine(_scratch, "enrollments.csv");
        System.IO.File.WriteAllText(enrollments, "StudentId,CampusId,CalendarCode,GradeLevel,EntryDate,AdaEligibilityCode\n1000000001,101912001,SUMMER,03,2024-08-19,1\n");

        var (exit, stdout, stderr) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", enrollments, "--attendance", File("attendance.csv"));

        Assert.Equal(CliOutput.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("names calendar SUMMER, which campus 101912001 does not have", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Marks_on_no_enrollment_are_warned_about_not_dropped_silently()
    {
        var enrollments = Path.Combine(_scratch, "enrollments.csv");
        var kept = System.IO.File.ReadAllLines(File("enrollments.csv")).Where(l => !l.StartsWith("1000000009", StringComparison.Ordinal));
        System.IO.File.WriteAllLines(enrollments, kept);

        var (exit, _, stderr) = Run("periods", "--calendars", File("calendars.csv"), "--enrollments", enrollments, "--attendance", File("attendance.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("attendance mark(s) fall on no enrollment", stderr, StringComparison.Ordinal);
        Assert.Contains("student 1000000009 campus 101912002", stderr, StringComparison.Ordinal);
    }

    private static PeriodAttendanceBuild Build() => PeriodAttendanceBuilder.Build(
        SchoolCalendarCsv.ReadFile(File("calendars.csv")),
        StudentEnrollmentCsv.ReadFile(File("enrollments.csv")),
        DailyAttendanceMarkCsv.ReadFile(File("attendance.csv")),
        ProgramParticipationCsv.ReadFile(File("programs.csv")));

    private static string File(string name) => Path.Combine(Data, name);

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var root = new RootCommand { PeriodsCommand.Create() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
