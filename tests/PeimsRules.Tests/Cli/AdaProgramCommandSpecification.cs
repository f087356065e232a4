using PeimsRules.Attendance.Daily;
using PeimsRules.Attendance.Programs;
using PeimsRules.Cli;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The CLI contract of <c>ada --program basic|bilingual|mainstream|pregnancy|residential --special-programs FILE</c> and
/// <c>ada --best-four-of-six --migrant-certificates N</c>, run as a separate process: the output layout is unchanged
/// (group, Population, ReportingPeriod, Ada, Pia); program rows have Population All, and for bilingual/ESL also one row set
/// per funding code; their Pia column says NotApplicable (TEA defines no PIA for a special program).
/// </summary>
public sealed class AdaProgramCommandSpecification : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("peimsrules-ada-program-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Write(IEnumerable<BasicReportingPeriodAttendance> records, IEnumerable<SpecialProgramsAttendancePeriod>? special, out string specialPath)
    {
        var periods = Path.Combine(_scratch, "periods.csv");
        BasicReportingPeriodAttendanceCsv.WriteFile(periods, records);
        specialPath = Path.Combine(_scratch, "special.csv");
        if (special is not null)
        {
            SpecialProgramsAttendancePeriodCsv.WriteFile(specialPath, special);
        }

        return periods;
    }

    /// <summary>Period 1, 30 days taught: 10 students under BE and 2 under D2, each present all 30 days.</summary>
    private static (List<BasicReportingPeriodAttendance> Records, List<SpecialProgramsAttendancePeriod> Special) Bilingual()
    {
        var be = Students(10, 1, taught: 30, eligible: 30, prefix: "B").ToList();
        var d2 = Students(2, 1, taught: 30, eligible: 30, prefix: "D").ToList();
        var special = be.Select(r => Programs.SpecialProgramAdaSpecification.Days(r, bilingual: 30, funding: "BE"))
            .Concat(d2.Select(r => Programs.SpecialProgramAdaSpecification.Days(r, bilingual: 30, funding: "D2")))
            .ToList();
        return ([.. be, .. d2], special);
    }

    [Fact]
    public void Bilingual_prints_the_all_codes_rows_then_a_row_set_per_funding_code_with_Pia_NotApplicable()
    {
        // Period 1 ADA: 360 / 30 = 12 (BE 10, D2 2); year ÷ 6: 2.000 (BE 1.667, D2 0.333).
        var (records, special) = Bilingual();
        var periods = Write(records, special, out var specialPath);

        var result = CliRunner.Run("ada", "--input", periods, "--special-programs", specialPath, "--program", "bilingual");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("CampusId,Population,ReportingPeriod,Ada,Pia", lines[0]);
        Assert.Equal(1 + 3 * 7, lines.Length);
        Assert.Equal("101912001,All,1,12.000,NotApplicable", lines[1]);
        Assert.Equal("101912001,All,2,0.000,NotApplicable", lines[2]);
        Assert.Equal("101912001,All,Year,2.000,NotApplicable", lines[7]);
        Assert.Equal("101912001,BE,Year,1.667,NotApplicable", lines[14]);
        Assert.Equal("101912001,D2,Year,0.333,NotApplicable", lines[21]);
    }

    [Fact]
    public void A_special_program_from_the_files_periods_writes_equals_the_library_figure()
    {
        // The sample daily files through 'periods', then 'ada --program bilingual' on what it wrote.
        var data = Path.Combine(AppContext.BaseDirectory, "data", "daily");
        var periods = Path.Combine(_scratch, "built.csv");
        var special = Path.Combine(_scratch, "built-special.csv");
        var built = CliRunner.Run(
            "periods", "--calendars", Path.Combine(data, "calendars.csv"), "--enrollments", Path.Combine(data, "enrollments.csv"),
            "--attendance", Path.Combine(data, "attendance.csv"), "--programs", Path.Combine(data, "programs.csv"), "-o", periods, "--special-programs-output", special);
        Assert.Equal(0, built.ExitCode);
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(periods);
        var specialRecords = SpecialProgramsAttendancePeriodCsv.ReadFile(special, records, CsvErrorMode.StopAtFirst).Records;
        Assert.Contains(specialRecords, s => s.BilingualEslDaysPresent.HalfDays > 0);
        var summary = BilingualEslRefinedAda.Compute(specialRecords, RuleSet.For(records[0].SchoolYear), new() { GroupBy = Attendance.AttendanceGrouping.Campus });

        var result = CliRunner.Run("ada", "--input", periods, "--special-programs", special, "--program", "bilingual");

        Assert.Equal(0, result.ExitCode);
        var expected = summary.Figures.Select(f => $"{f.Group.Campus},{f.Funding?.Code ?? "All"},{f.Period?.ToString() ?? "Year"},{f.Ada.Published:0.000},NotApplicable");
        Assert.Equal(expected, result.Output.TrimEnd('\n').Split('\n').Skip(1));
    }

    [Fact]
    public void Json_rows_carry_the_program_days_and_a_Pia_that_is_not_applicable()
    {
        var (records, special) = Bilingual();
        var periods = Write(records, special, out var specialPath);

        var result = CliRunner.Run("ada", "--input", periods, "--special-programs", specialPath, "--program", "bilingual", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("bilingual", json.RootElement.GetProperty("program").GetString());
        var first = json.RootElement.GetProperty("rows")[0];
        Assert.Equal("360.0", first.GetProperty("programDaysPresent").GetString());
        Assert.Equal(12.000m, first.GetProperty("ada").GetProperty("value").GetDecimal());
        Assert.Equal("NotApplicable", first.GetProperty("pia").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--program", "mainstream")]
    [InlineData("--program", "pregnancy", "--input", "PERIODS")]
    public void A_program_without_the_special_programs_file_is_a_usage_error_exit_2(params string[] args)
    {
        var periods = Write([Record(taught: 30, eligible: 30)], null, out _);

        var result = CliRunner.Run(["ada", .. args.Select(a => a == "PERIODS" ? periods : a)]);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("--special-programs FILE", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void A_special_programs_row_with_no_period_record_is_refused_with_its_file_line_and_value()
    {
        var (records, special) = Bilingual();
        var periods = Write(records.Skip(1), special, out var specialPath);

        var result = CliRunner.Run("ada", "--input", periods, "--special-programs", specialPath, "--program", "bilingual");

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("special.csv, line 2, column StudentId, value 'B1'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_four_of_six_with_5_certificate_students_makes_the_district_Year_row_94_833()
    {
        // TEA-RULES.md's example: period ADAs 100, 98, 96, 95, 80, 70 (students present all 30 days).
        // Six-period ADA 89.833; best four 97.25; cap 5 + 89.833 = 94.833, which applies.
        int[] adas = [100, 98, 96, 95, 80, 70];
        var periods = Write(EachPeriod(p => Students(adas[p - 1], p, taught: 30, eligible: 30)), null, out _);

        var plain = CliRunner.Run("ada", "--input", periods, "--by", "district");
        var best = CliRunner.Run("ada", "--input", periods, "--best-four-of-six", "--migrant-certificates", "5");

        Assert.Contains("101912,All,Year,89.833,100.000", plain.Output, StringComparison.Ordinal);
        Assert.Equal(0, best.ExitCode);
        var lines = best.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("DistrictId,Population,ReportingPeriod,Ada,Pia", lines[0]);
        Assert.Contains("101912,All,1,100.000,100.000", lines);
        Assert.Contains("101912,All,Year,94.833,100.000", lines);
        Assert.Contains("19 TAC §129.1021", best.Error, StringComparison.Ordinal);
        Assert.Contains("awaiting confirmation", best.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--best-four-of-six")]
    [InlineData("--migrant-certificates", "5")]
    [InlineData("--best-four-of-six", "--migrant-certificates", "5", "--by", "campus")]
    [InlineData("--best-four-of-six", "--migrant-certificates", "-1")]
    public void Best_four_of_six_options_that_do_not_fit_together_are_a_usage_error_exit_2(params string[] args)
    {
        var periods = Write([Record(taught: 30, eligible: 30)], null, out _);

        var result = CliRunner.Run(["ada", "--input", periods, .. args]);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }
}
