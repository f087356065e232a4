using PeimsRules.Accountability;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// <c>indicators</c> and <c>chronic --demographics</c> on a current-year (2023-24) file: six grade-08 students at campus
/// 101912001 present 29 of 30 days in each of six periods (174 of 180), S6 absent 10 of 30 in each (120 of 180); a
/// demographics file in TEA's current elements (Hispanic/Latino flag and race indicators); a leavers file with current
/// codes (89, a dropout; 87, another leaver).
/// </summary>
public sealed class AccountabilityCommandSpecification
{
    private static IEnumerable<string> Rows()
    {
        for (var s = 1; s <= 6; s++)
        {
            for (var p = 1; p <= 6; p++)
            {
                yield return s == 6
                    ? $"2024,101912,101912001,S{s},08,00,{p},1,30.0,20.0,0.0,10.0,00,0,"
                    : $"2024,101912,101912001,S{s},08,00,{p},1,30.0,29.0,0.0,1.0,00,0,";
            }
        }
    }

    private const string Demographics =
        "StudentId,EconomicDisadvantageCode,HispanicLatino,AmericanIndianOrAlaskaNative,Asian,BlackOrAfricanAmerican,NativeHawaiianOrPacificIslander,White,AtRisk,SpecialEducation,Sex\n"
        + "S1,01,Y,,,,,Y,,,F\nS2,01,Y,,,,,,,,M\nS3,00,Y,,,,,,,,F\nS4,00,N,,Y,,,Y,,,M\nS5,02,,,,Y,,,,,F\nS6,01,,,,,,Y,,,M\n";

    private const string Leavers = "SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n2024,101912001,S1,08,89\n2024,101912001,S2,08,87\n";

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    [Fact]
    public void Indicators_read_a_current_year_demographics_and_leaver_file_and_mask_the_small_groups()
    {
        using var periods = TempCsv.WithRows(Rows());
        using var demographics = new TempCsv(Demographics);
        using var leavers = new TempCsv(Leavers);

        var result = CliRunner.Run("indicators", "--input", periods.Path, "--demographics", demographics.Path, "--leavers", leavers.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        // Code 89 is a dropout under the current table, 87 is not: 1 of 6 served, 16.7%.
        Assert.Contains("AnnualDropoutRate,07-08,Campus,101912,101912001,All,6,1,6,16.7,", lines);
        // Attendance: 5 × 174 + 120 = 990 of 1,080 days, 91.7%; 1,080 days in membership is at least 900, so published.
        Assert.Contains("AttendanceRate,01-12,Campus,101912,101912001,All,6,990.0,1080.0,91.7,", lines);
        // Hispanic (S1, S2, S3) is 3 students: masked, rate and counts alike; so is the next smallest race group.
        Assert.Contains("AnnualDropoutRate,07-08,Campus,101912,101912001,Hispanic,,,,,SmallGroup", lines);
        Assert.Contains(lines, l => l.StartsWith("AttendanceRate,01-12,Campus,101912,101912001,TwoOrMoreRaces,,,,,", StringComparison.Ordinal));
        Assert.Contains("note: small groups masked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicators_print_the_reference_rates_the_same_from_a_file_in_key_order_and_from_the_same_rows_shuffled()
    {
        // 60 students at two campuses, grades 06 to 12, six periods each; every seventh student misses period 4; days
        // absent vary by student and period. The file in key order is read without an index of its keys, the shuffled
        // copy with one: the same rows either way, and the reference's rates (AttendanceRate, AnnualDropoutRate).
        var rows = new List<string>();
        for (var s = 0; s < 60; s++)
        {
            var campus = s < 30 ? "101912001" : "101912002";
            var grade = (6 + (s % 7)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            for (var p = 1; p <= 6; p++)
            {
                if (s % 7 == 0 && p == 4)
                {
                    continue;
                }

                var absent = ((s * 7) + (p * 3)) % 9 / 2m;
                rows.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2024,101912,{campus},S{s:D3},{grade},00,{p},1,30.0,{30 - absent:0.0},0.0,{absent:0.0},00,0,"));
            }
        }

        var random = new Random(15);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        using var ordered = TempCsv.WithRows(rows);
        using var mixed = TempCsv.WithRows(shuffled);
        using var leavers = new TempCsv("SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n2024,101912001,S001,07,98\n2024,101912002,S040,11,98\n2024,101912002,S041,12,01\n");

        var first = CliRunner.Run("indicators", "--input", ordered.Path, "--leavers", leavers.Path, "--unmasked");
        var second = CliRunner.Run("indicators", "--input", mixed.Path, "--leavers", leavers.Path, "--unmasked");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Error, second.Error);
        var records = PeimsRules.Csv.BasicReportingPeriodAttendanceCsv.ReadFile(mixed.Path);
        var year = new SchoolYear(2024);
        var leaverRecords = PeimsRules.Csv.Accountability.LeaverRecordCsv.ReadFile(leavers.Path, PeimsRules.Csv.CsvErrorMode.StopAtFirst).Records;
        static string Percent(Ratio? r) => r is { } v ? v.Round(1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        var expected = AttendanceRate.Compute(records)
            .Select(f => $"AttendanceRate,01-12,{f.Level},{f.District},{f.Campus?.Code},{f.Group},{f.Students},{f.DaysPresent},{f.DaysInMembership},{Percent(f.Percent)},")
            .Concat(AnnualDropoutRate.Compute(year, leaverRecords, records)
                .Select(f => $"AnnualDropoutRate,{f.Grades},{f.Level},{f.District},{f.Campus?.Code},{f.Group},{f.StudentsServed},{f.Dropouts},{f.StudentsServed},{Percent(f.Percent)},"));
        Assert.Equal(expected, Lines(first.Output).Skip(1));
    }

    [Fact]
    public void Indicators_print_the_same_bytes_from_a_file_streamed_in_campus_order_and_from_its_rows_shuffled_read_record_by_record()
    {
        // 240 students with ten-digit ids at four campuses of two districts, grades KG to 12, periods 1 to 6 and some 7;
        // ADA codes blank, 0 (out of membership) and 1 to 8; every eleventh student also at the next campus of the
        // district. The file as the writer writes it is streamed from its bytes on every core; the same rows shuffled
        // are read record by record. Every output (csv and json, masked and unmasked, with and without demographics
        // and leavers) and every note on stderr is the same, byte for byte.
        string[] campuses = ["101912001", "101912002", "057905001", "057905002"];
        string[] grades = ["KG", "01", "03", "05", "07", "08", "09", "10", "12"];
        var records = new List<BasicReportingPeriodAttendance>();
        for (var s = 0; s < 240; s++)
        {
            var student = (1_000_000_000L + (s * 7919L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var at = s % campuses.Length;
            foreach (var campus in s % 11 == 0 ? new[] { campuses[at], campuses[at ^ 1] } : [campuses[at]])
            {
                for (var p = 1; p <= (s % 5 == 0 ? 7 : 6); p++)
                {
                    var absent = ((s * 7) + (p * 3)) % 9 / 2m;
                    var code = (s + p) % 13 is var c and < 9 ? (int?)c : null;
                    records.Add(Given.Record(student, period: p, code: code, taught: 30, eligible: 30 - absent - 1, ineligible: 1, absent: absent, year: 2024, campus: campus, grade: grades[s % grades.Length]));
                }
            }
        }

        var ordered = records.OrderBy(r => r.CampusId.Code, StringComparer.Ordinal).ThenBy(r => r.StudentId.Value, StringComparer.Ordinal).ToList();
        var text = PeimsRules.Tests.Columnar.AttendanceStoreCsvProperties.Write(ordered);
        var lines = text.TrimEnd('\n').Split('\n');
        var random = new Random(15);
        using var inOrder = new TempCsv(text);
        using var mixed = new TempCsv(string.Join('\n', [lines[0], .. lines.Skip(1).OrderBy(_ => random.Next())]) + "\n");
        var demographicRows = records.Select(r => r.StudentId.Value).Distinct().Where((_, i) => i % 9 != 4).Select((id, i) =>
            $"{id},{(i % 3 == 0 ? "01" : "00")},{(i % 2 == 0 ? "Y" : "N")},,{(i % 5 == 0 ? "Y" : "")},{(i % 7 == 0 ? "Y" : "")},,{(i % 5 != 0 && i % 7 != 0 ? "Y" : "")},{(i % 4 == 0 ? "Y" : "")},{(i % 6 == 0 ? "Y" : "")},{(i % 2 == 0 ? "F" : "M")}");
        using var demographics = new TempCsv(Demographics.Split('\n')[0] + "\n" + string.Join('\n', demographicRows) + "\n");
        var dropouts = ordered.Where(r => r.GradeLevel.Number >= 7).Where((_, i) => i % 37 == 0)
            .Select((r, i) => $"2024,{r.CampusId},{r.StudentId},{r.GradeLevel},{(i % 3 == 0 ? "01" : "98")}");
        using var leavers = new TempCsv("SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n" + string.Join('\n', dropouts) + "\n");

        Assert.True(PeimsRules.Csv.Accountability.AccountabilityStudentTallyCsv.ReadFile(inOrder.Path, PeimsRules.Csv.CsvErrorMode.CollectAll).Streamed);
        Assert.False(PeimsRules.Csv.Accountability.AccountabilityStudentTallyCsv.ReadFile(mixed.Path, PeimsRules.Csv.CsvErrorMode.CollectAll).Streamed);
        string[][] runs =
        [
            ["--format", "csv"], ["--format", "json"], ["--format", "csv", "--unmasked"], ["--format", "json", "--unmasked"],
            ["--demographics", demographics.Path], ["--leavers", leavers.Path, "--format", "json"],
            ["--demographics", demographics.Path, "--leavers", leavers.Path], ["--demographics", demographics.Path, "--leavers", leavers.Path, "--unmasked"],
            ["--demographics", demographics.Path, "--leavers", leavers.Path, "--format", "json"], ["--demographics", demographics.Path, "--leavers", leavers.Path, "--format", "json", "--unmasked"],
        ];
        foreach (var options in runs)
        {
            var streamed = CliRunner.Run(["indicators", "--input", inOrder.Path, .. options]);
            var read = CliRunner.Run(["indicators", "--input", mixed.Path, .. options]);

            Assert.Equal(0, streamed.ExitCode);
            Assert.Equal(read.ExitCode, streamed.ExitCode);
            Assert.Equal(read.Output, streamed.Output);
            Assert.Equal(read.Error.Replace(mixed.Path, inOrder.Path, StringComparison.Ordinal), streamed.Error);
            Assert.Contains("AttendanceRate", streamed.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_legacy_ethnicity_category_in_a_2023_24_demographics_file_is_refused_with_its_line()
    {
        using var periods = TempCsv.WithRows(Rows());
        using var demographics = new TempCsv("StudentId,EconomicDisadvantageCode,Ethnicity\nS1,01,H\n");

        var result = CliRunner.Run("indicators", "--input", periods.Path, "--demographics", demographics.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2, column Ethnicity, value 'H'", result.Error, StringComparison.Ordinal);
        Assert.Contains("valid up to 2009-10 only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropout_who_is_not_among_the_students_served_is_refused()
    {
        using var periods = TempCsv.WithRows(Rows());
        using var leavers = new TempCsv("SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode\n2024,101912001,S9,08,98\n");

        var result = CliRunner.Run("indicators", "--input", periods.Path, "--leavers", leavers.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("dropout S9", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chronic_by_student_group_reads_the_current_demographics_and_reports_the_federal_groups()
    {
        using var periods = TempCsv.WithRows(Rows());
        using var demographics = new TempCsv(Demographics);

        var result = CliRunner.Run("chronic", "--input", periods.Path, "--demographics", demographics.Path, "--unmasked");

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        // S6 is absent 60 of 180 days (33.3%): chronic. All: 1 of 6; economically disadvantaged (S1, S2, S5, S6): 1 of 4;
        // White (S6 alone: S1 is Hispanic, S4 two or more races): 1 of 1; male (S2, S4, S6): 1 of 3.
        Assert.Contains("federal,Campus,101912,101912001,All,6,0,1,0,16.67,0.00,", lines);
        Assert.Contains(lines, l => l.StartsWith("federal,Campus,101912,101912001,EconomicallyDisadvantaged,4,,1,,25.00,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("federal,Campus,101912,101912001,White,1,,1,,100.00,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("federal,Campus,101912,101912001,Male,3,,1,,33.33,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("federal,Campus,101912,101912001,TwoOrMoreRaces,1,", StringComparison.Ordinal));

        var masked = Lines(CliRunner.Run("chronic", "--input", periods.Path, "--demographics", demographics.Path).Output);
        Assert.Contains("federal,Campus,101912,101912001,White,,,,,,,SmallGroup", masked);
    }
}
