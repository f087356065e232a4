using System.Globalization;
using System.Text.RegularExpressions;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The main job: <c>report</c> on the sample district and on a user's files, checked against the library's own figures
/// for the same data, for escaping, and for the heatmap bounds.
/// </summary>
public sealed partial class ReportCommandSpecification : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"peimsrules-report-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [GeneratedRegex("<td class=\"num(?: (?<heat>heat-\\w+))?\" data-campus=\"(?<campus>\\d{9})\" data-population=\"(?<population>\\w+)\" data-period=\"(?<period>\\w+)\" data-metric=\"(?<metric>ada|pia)\">(?<value>[^<]*)</td>")]
    private static partial Regex FigureCell();

    private sealed record Cell(string Campus, string Population, string Period, string Metric, string Value, string Heat);

    private static List<Cell> Cells(string html) =>
        FigureCell().Matches(html)
            .Select(m => new Cell(m.Groups["campus"].Value, m.Groups["population"].Value, m.Groups["period"].Value, m.Groups["metric"].Value, m.Groups["value"].Value, m.Groups["heat"].Value))
            .ToList();

    [Fact]
    public void The_sample_report_is_a_self_contained_page_with_charts_and_the_CSVs_behind_its_tables()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.True(new FileInfo(Path.Combine(_folder, "charts", "ada-by-period.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(_folder, "charts", "absence-rates.png")).Length > 1000);
        foreach (var table in new[] { "six-week-grid", "k3-rows", "absence-by-campus", "sped-services", "top-campuses", "top-students", "findings", "district", "students" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, "tables", table + ".csv")), table);
        }

        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Every_figure_of_the_sample_report_equals_the_library_figure_for_the_same_data()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);

        // The report keeps the data it used; the library computes the same figures from it.
        var read = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "data", "periods.csv"), CsvErrorMode.CollectAll);
        var rules = RuleSet.For(read.Records[0].SchoolYear);
        var summary = AttendanceSummary.Compute(read.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        var cells = Cells(File.ReadAllText(Path.Combine(_folder, "index.html")));

        // Seven columns (six periods and the year) of ADA and PIA for every campus, and ADA and PIA of each K-3 row a
        // campus has (the elementary campuses; the middle and high schools have no K-3 students).
        var campuses = summary.Figures.Select(f => f.Group.Campus).Distinct().Count();
        var k3Rows = summary.Figures.Count(f => f.IsYear && f.Population != Population.All);
        Assert.True(k3Rows > 0);
        Assert.Equal((campuses * 14) + (k3Rows * 2), cells.Count);
        foreach (var cell in cells)
        {
            var population = Enum.Parse<Population>(cell.Population);
            ReportingPeriod? period = cell.Period == "Year" ? null : ReportingPeriod.Parse(cell.Period);
            var figure = summary.Find(new AttendanceGroupKey(null, CampusId.Parse(cell.Campus), null, null), population, period);
            Assert.NotNull(figure);
            var expected = (cell.Metric == "ada" ? figure.Ada : figure.Pia).Published!.Value;
            Assert.Equal(expected.ToString("0.000", CultureInfo.InvariantCulture), cell.Value);
        }
    }

    [Fact]
    public void The_chronic_absence_rates_are_the_library_rates_under_each_definition()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "data", "periods.csv"), CsvErrorMode.CollectAll).Records;
        var spans = PeimsRules.Accountability.ChronicAbsenceInput.FromPeriodRecords(records).Spans;
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));

        var checkedCells = 0;
        foreach (var definition in new[] { PeimsRules.Accountability.ChronicAbsenceDefinition.Federal, PeimsRules.Accountability.ChronicAbsenceDefinition.Crdc })
        {
            foreach (var rate in PeimsRules.Accountability.ChronicAbsence.Evaluate(definition, spans).Campuses)
            {
                var percent = rate.Percent!.Value.Round(1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
                Assert.Contains(
                    $"data-campus=\"{rate.Campus}\" data-metric=\"chronic-{definition.Name}\">{percent}% ({rate.Chronic} of {rate.Considered})</td>",
                    html,
                    StringComparison.Ordinal);
                checkedCells++;
            }
        }

        Assert.True(checkedCells >= 10);
    }

    [Fact]
    public void The_heatmap_class_of_each_cell_follows_the_bounds_given()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet", "--heatmap", "pia:93.5:95");
        Assert.Equal(0, result.ExitCode);

        var cells = Cells(File.ReadAllText(Path.Combine(_folder, "index.html"))).Where(c => c.Population == "All").ToList();

        Assert.All(cells.Where(c => c.Metric == "ada"), c => Assert.Equal(string.Empty, c.Heat));
        var pia = cells.Where(c => c.Metric == "pia").ToList();
        Assert.NotEmpty(pia);
        foreach (var cell in pia)
        {
            var value = decimal.Parse(cell.Value, CultureInfo.InvariantCulture);
            var expected = value < 93.5m ? "heat-low" : value > 95m ? "heat-high" : "heat-mid";
            Assert.Equal(expected, cell.Heat);
        }

        // The sample's campus PIAs fall on more than one side of these bounds, so the test tells classes apart.
        Assert.True(pia.Select(c => c.Heat).Distinct().Count() > 1);
    }

    [Fact]
    public void A_campus_named_script_stays_text()
    {
        Directory.CreateDirectory(_folder);
        var periods = Path.Combine(_folder, "periods.csv");
        File.WriteAllText(periods, TempCsv.Header + "\n2024,101912,101912001,S0001,05,00,1,1,20.0,18.0,0.0,2.0,00,0,\n");
        var names = Path.Combine(_folder, "campuses.csv");
        File.WriteAllText(names, "CampusId,CampusName\n101912001,\"<script>alert('x')</script> & Co\"\n");

        var result = CliRunner.Run("report", "--input", periods, "--campus-names", names, "--output", Path.Combine(_folder, "out"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "out", "index.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_before_the_K3_rows_says_so_instead_of_showing_them()
    {
        Directory.CreateDirectory(_folder);
        var periods = Path.Combine(_folder, "periods.csv");
        File.WriteAllText(periods, TempCsv.Header + "\n2019,101912,101912001,S0001,02,00,1,1,20.0,18.0,0.0,2.0,01,0,\n");

        var result = CliRunner.Run("report", "--input", periods, "--output", Path.Combine(_folder, "out"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "out", "index.html"));
        Assert.Contains("The K-3 rows start with 2019-20", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-population=\"K3", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pia:97:90")]
    [InlineData("attendance:90:97")]
    [InlineData("pia:ninety:97")]
    public void A_heatmap_that_is_not_metric_min_max_is_an_error(string heatmap)
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet", "--heatmap", heatmap);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--heatmap", result.Error, StringComparison.Ordinal);
    }
}
