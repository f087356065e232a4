using System.Diagnostics;
using System.Text;
using PeimsRules.Csv;
using static PeimsRules.Tests.Reconciliation.ReconciliationFiles;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// The <c>compare</c> verb of the sample CLI, run as a user runs it: a separate process, two files, the changed figures
/// on stdout as CSV, the record-level explanation in the file named by <c>--explain</c>, exit code 0 whatever the
/// differences and 2 for bad input.
/// </summary>
public sealed class CompareCommandSpecification : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("peimsrules-compare-").FullName;

    [Fact]
    public void Compare_prints_the_changed_figures_writes_the_explanation_and_exits_0()
    {
        // Student 3 (24 of 30 days) is added to the resubmission.
        var before = File("before.csv", Text("2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,"));
        var after = File("after.csv", Text(
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000003,05,00,1,1,30.0,24.0,0.0,6.0,00,0,"));
        var explain = Path.Combine(_folder, "explain.csv");

        var result = Cli("compare", "--before", before, "--after", after, "--explain", explain);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(",", ComparisonCsv.FigureColumns), lines[0]);
        Assert.Equal(
            [
                "101912,101912001,,,All,1,0.900,1.700,0.800,4/5,0.800000,Changed,90.000,85.000,-5.000,-5,-5.000000,Changed,24.0,30.0,1",
                "101912,101912001,,,All,Year,0.150,0.283,0.133,2/15,0.133333,Changed,90.000,85.000,-5.000,-5,-5.000000,Changed,24.0,30.0,1",
            ],
            lines[1..]);

        var explanation = System.IO.File.ReadAllText(explain).TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(",", ComparisonCsv.ExplanationColumns), explanation[0]);
        Assert.Equal(
            [
                "101912,101912001,,,All,1,Added,1000000003,101912001,05,00,1,added,4/5,0.800000,24.0,30.0,",
                "101912,101912001,,,All,Year,Added,1000000003,101912001,05,00,1,added,2/15,0.133333,24.0,30.0,",
            ],
            explanation[1..]);
    }

    [Fact]
    public void Compare_of_a_file_with_itself_prints_only_the_header_and_exits_0()
    {
        var file = File("periods.csv", Text("2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,"));

        var result = Cli("compare", "--before", file, "--after", file, "--by", "campus,grade");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Join(",", ComparisonCsv.FigureColumns) + "\n", result.Output);
    }

    [Fact]
    public void A_bad_value_is_reported_on_stderr_with_its_file_line_and_column_and_the_exit_code_is_2()
    {
        var before = File("before.csv", Text("2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,"));
        var after = File("after.csv", Text("2024,101912,101912001,1000000001,05,00,1,1,30.0,27.3,0.0,3.0,00,0,"));

        var result = Cli("compare", "--before", before, "--after", after);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("after.csv, line 2, column EligibleDaysPresent, value '27.3'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_snapshot_is_compared_with_a_later_file_and_an_unchanged_file_is_recognised_by_its_content_hash()
    {
        var fall = File("fall.csv", Text("2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,"));
        var snapshot = Path.Combine(_folder, "fall.json");
        var reordered = File("reordered.csv",
            "DaysAbsent,SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,EconomicDisadvantageCode,EmergentBilingualCode\n"
            + "3,2024,101912,101912001,1000000001,05,00,1,1,30,27,0,00,0\n");

        var saved = Cli("compare", "--before", fall, "--after", fall, "--save-snapshot", snapshot);
        var later = Cli("compare", "--before", snapshot, "--after", reordered, "--by", "district");

        Assert.Equal(0, saved.ExitCode);
        Assert.True(System.IO.File.Exists(snapshot));
        Assert.Equal(0, later.ExitCode);
        Assert.Contains("holds the same records as the snapshot", later.Error, StringComparison.Ordinal);
        Assert.Equal(string.Join(",", ComparisonCsv.FigureColumns) + "\n", later.Output);
    }

    [Fact]
    public void The_totals_of_two_files_print_what_the_record_path_prints_with_the_after_file_in_key_order_or_shuffled()
    {
        // 40 students at two campuses, grades KG to 05, six periods; after: every fifth record half a day less present,
        // every eleventh gone, two students moved to the other campus, and three students added. Without --explain the
        // figures come from the files' sums and one pass over both in key order (a shuffled file goes the other way);
        // with --explain from the records. The output is the same.
        var before = new List<string>();
        var after = new List<string>();
        for (var s = 0; s < 43; s++)
        {
            for (var p = 1; p <= 6; p++)
            {
                var campus = s < 20 ? "101912001" : "101912002";
                var grade = s % 6 == 0 ? "KG" : $"0{s % 6}";
                var absent = (s + p) % 5;
                var row = $"2024,101912,{campus},10000000{s:D2},{grade},00,{p},1,30.0,{30 - absent}.0,0.0,{absent}.0,{(s % 3 == 0 ? "01" : "00")},{(s % 4 == 0 ? "1" : "0")},";
                var n = (s * 6) + p;
                if (s < 40)
                {
                    before.Add(row);
                }

                if (s < 40 && n % 11 == 0)
                {
                    continue;
                }

                if (s is 7 or 25)
                {
                    row = row.Replace(campus, campus == "101912001" ? "101912002" : "101912001", StringComparison.Ordinal);
                }
                else if (n % 5 == 0 && absent < 30)
                {
                    row = $"2024,101912,{campus},10000000{s:D2},{grade},00,{p},1,30.0,{29.5 - absent:0.0},0.0,{absent + 0.5:0.0},{(s % 3 == 0 ? "01" : "00")},{(s % 4 == 0 ? "1" : "0")},";
                }

                after.Add(row);
            }
        }

        var beforePath = File("totals-before.csv", Text([.. before]));
        var ordered = File("totals-after.csv", Text([.. after.OrderBy(r => r.Split(',')[2], StringComparer.Ordinal).ThenBy(r => r.Split(',')[3], StringComparer.Ordinal)]));
        var random = new Random(15);
        var shuffled = File("totals-after-shuffled.csv", Text([.. after.OrderBy(_ => random.Next())]));
        var explain = Path.Combine(_folder, "explain.csv");

        foreach (var grouping in new[] { "campus", "district,grade", "none" })
        {
            var records = Cli("compare", "--before", beforePath, "--after", ordered, "--by", grouping, "--all-rows", "--explain", explain);
            var totals = Cli("compare", "--before", beforePath, "--after", ordered, "--by", grouping, "--all-rows");
            var other = Cli("compare", "--before", beforePath, "--after", shuffled, "--by", grouping, "--all-rows");

            Assert.Equal(0, records.ExitCode);
            Assert.Equal(records, totals);
            Assert.Equal(records, other);
            Assert.Contains(",Changed,", records.Output, StringComparison.Ordinal);
        }

        var same = Cli("compare", "--before", beforePath, "--after", beforePath);
        Assert.Equal(same, Cli("compare", "--before", beforePath, "--after", beforePath, "--explain", explain));
        Assert.Contains("no difference: 240 records", same.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var result = PeimsRules.Tests.Cli.CliRunner.Run(args);
        return (result.ExitCode, result.Output, result.Error);
    }
}
