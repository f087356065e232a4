using System.Globalization;
using System.Text.RegularExpressions;
using PeimsRules.Attendance;
using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The main job: <c>report</c> on the sample district and on a user's files, checked against the library's own figures
/// and findings for the same data (the district row, the action list), for the heatmap's bounds, for escaping, and for a
/// page that stands alone (no file referenced, no script, no path of the machine it ran on).
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

    [GeneratedRegex("<td class=\"num(?: (?<heat>heat-\\w+))?\" data-campus=\"(?<campus>\\d{9})\" data-population=\"(?<population>\\w+)\" data-period=\"(?<period>\\w+)\" data-metric=\"(?<metric>ada|pia)\">(?:<a href=\"#[^\"]*\">)?(?<value>[^<]*)")]
    private static partial Regex FigureCell();

    [GeneratedRegex("<td class=\"num\" data-district=\"(?<district>\\d{6})\" data-population=\"(?<population>\\w+)\" data-period=\"(?<period>\\w+)\" data-metric=\"(?<metric>ada|pia)\">(?:<a href=\"#[^\"]*\">)?(?<value>[^<]*)")]
    private static partial Regex DistrictCell();

    [GeneratedRegex("(?:src|href|action|poster|data)\\s*=\\s*\"(?<target>[^\"]*)\"")]
    private static partial Regex Reference();

    private static string Published(decimal value) => value.ToString("#,##0.000", CultureInfo.InvariantCulture);

    private sealed record Cell(string Campus, string Population, string Period, string Metric, string Value, string Heat);

    private static List<Cell> Cells(string html) =>
        FigureCell().Matches(html)
            .Select(m => new Cell(m.Groups["campus"].Value, m.Groups["population"].Value, m.Groups["period"].Value, m.Groups["metric"].Value, m.Groups["value"].Value, m.Groups["heat"].Value))
            .ToList();

    [Fact]
    public void The_sample_report_is_one_page_that_references_no_other_file_and_names_no_folder_of_the_machine()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);

        // Every reference is in the page itself: an in-page link, or a chart inlined as a data URI.
        var references = Reference().Matches(html).Select(m => m.Groups["target"].Value).ToList();
        Assert.Contains(references, r => r.StartsWith("data:image/svg+xml;base64,", StringComparison.Ordinal));
        Assert.All(references, r => Assert.True(r.StartsWith('#') || r.StartsWith("data:image/svg+xml;base64,", StringComparison.Ordinal), r));

        // Every in-page link goes to an id the page has.
        var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(references.Where(r => r.StartsWith('#')), r => Assert.Contains(r[1..], ids));

        // No path of the machine the report ran on, in the page or in the charts inlined into it.
        var charts = Regex.Matches(html, "data:image/svg\\+xml;base64,([^\"]+)").Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        foreach (var text in charts.Prepend(html))
        {
            Assert.DoesNotContain(_folder, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        }

        // Every chart says what it shows, and every table has a caption and scoped headers.
        Assert.DoesNotMatch("<img(?![^>]*alt=\"[^\"]{40,})", html);
        Assert.Equal(Regex.Matches(html, "<table").Count, Regex.Matches(html, "<caption>").Count);
        Assert.DoesNotMatch("<th>", html);
        Assert.False(Directory.Exists(Path.Combine(_folder, "charts")));
        foreach (var table in new[] { "six-week-grid", "k3-rows", "absence-by-campus", "sped-services", "top-campuses", "top-students", "findings", "district", "students", "action-list" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, "tables", table + ".csv")), table);
        }

        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void The_six_week_grid_opens_with_the_district_row_and_every_district_figure_is_the_library_figure()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var read = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "data", "periods.csv"), CsvErrorMode.CollectAll);
        var rules = RuleSet.For(read.Records[0].SchoolYear);
        var district = AttendanceSummary.Compute(read.Records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District });
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));

        var cells = DistrictCell().Matches(html).ToList();

        // The answers table (ADA and PIA of all students and of the two K-3 rows, six periods and the year), the grid's
        // two district rows, and the district's two K-3 year rows.
        Assert.Equal((3 * 2 * 7) + (2 * 7) + (2 * 2), cells.Count);
        foreach (var m in cells)
        {
            var population = Enum.Parse<Population>(m.Groups["population"].Value);
            ReportingPeriod? period = m.Groups["period"].Value == "Year" ? null : ReportingPeriod.Parse(m.Groups["period"].Value);
            var figure = district.Find(new AttendanceGroupKey(DistrictId.Parse(m.Groups["district"].Value), null, null, null), population, period);
            Assert.NotNull(figure);
            Assert.Equal(Published((m.Groups["metric"].Value == "ada" ? figure.Ada : figure.Pia).Published!.Value), m.Groups["value"].Value);
        }

        // In the grid, the district's rows come before the first campus's.
        var grid = html[html.IndexOf("id=\"six-week-grid\"", StringComparison.Ordinal)..];
        Assert.True(grid.IndexOf("data-district=", StringComparison.Ordinal) < grid.IndexOf("data-campus=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_action_list_is_the_library_reporting_errors_ranked_by_the_ADA_they_move_without_the_attendance_opportunity()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var data = Path.Combine(_folder, "data");
        var read = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(data, "periods.csv"), CsvErrorMode.CollectAll);
        var rules = RuleSet.For(read.Records[0].SchoolYear);
        var audit = IntegrityAudit.Run(
            new AuditInput { Records = read.Records, ServiceRecords = IepServiceRecordCsv.ReadFile(Path.Combine(data, "iep-services.csv")).Records, ReaderFindings = AuditCsv.ReaderFindings(read) },
            rules,
            new AuditOptions());

        // The library's reporting errors (AuditFinding.IsReportingError); never the attendance opportunity (ATT-09,
        // students below 90%).
        var expected = audit.Findings
            .Where(f => f.IsReportingError)
            .ToList();
        var rows = File.ReadAllLines(Path.Combine(_folder, "tables", "action-list.csv")).Skip(1).Select(ParseCsvLine).ToList();

        Assert.Equal(expected.Count, rows.Count);
        Assert.DoesNotContain(rows, r => r[2] == AuditRules.ChronicAbsence.Id);
        Assert.Equal(
            expected.Select(f => (f.Rule.Id, f.CampusId?.Code ?? "", f.StudentId?.Value ?? "", f.ReportingPeriod?.ToString() ?? "")).Order(),
            rows.Select(r => (r[2], r[6], r[7], r[8])).Order());

        // Ranked by ADA, largest first; the findings that move no ADA last.
        var ada = rows.Select(r => r[9].Length == 0 ? -1m : decimal.Parse(r[9], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ada.OrderByDescending(a => a), ada);
        Assert.Equal(expected.Max(f => (f.MoneyColumn == AuditMoneyColumn.None ? null : f.Ada) ?? Ratio.Zero).Round(3, MidpointRounding.AwayFromZero), ada[0]);

        // The page lists them in the same order, each with its rule in words and a link to its records.
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        var onPage = Regex.Matches(html, "data-finding=\"([^\"]+)\" data-rule=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(rows.Select(r => r[1]), onPage);
        Assert.Contains($"{AuditRules.CodeChangeWithoutWithdrawal.Title} (ATT-07, error)", html.Replace("&#215;", "×", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("basic-allotment equivalent", html, StringComparison.Ordinal);

        // The opportunity is shown, apart.
        Assert.Contains("id=\"opportunity\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drill_down_holds_every_record_sorted_and_marks_the_records_with_a_finding()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "data", "periods.csv"), CsvErrorMode.CollectAll).Records;
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));

        var rows = Regex.Matches(html, "<tr id=\"rec-(\\d{9})-([^\"]+)\"( class=\"flagged\")?>").ToList();
        Assert.Equal(records.Count, rows.Count);
        Assert.True(records.GroupBy(r => r.CampusId).Max(g => g.Count()) > 600);
        foreach (var campus in rows.GroupBy(m => m.Groups[1].Value))
        {
            var expected = records.Where(r => r.CampusId.Code == campus.Key)
                .OrderBy(r => r.ReportingPeriod.Number).ThenBy(r => r.StudentId).ThenBy(r => r.GradeLevel).ThenBy(r => r.InstructionalTrack.Code, StringComparer.Ordinal)
                .Select(r => $"{r.StudentId}-{r.GradeLevel}-{r.InstructionalTrack}-p{r.ReportingPeriod}");
            Assert.Equal(expected, campus.Select(m => m.Groups[2].Value));
        }

        Assert.Contains(rows, m => m.Groups[3].Success);
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
            Assert.Equal(Published(expected), cell.Value);
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
    public void By_default_the_heatmap_bounds_are_the_district_quartiles_of_the_campus_period_ADA_and_PIA()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var records = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "data", "periods.csv"), CsvErrorMode.CollectAll).Records;
        var summary = AttendanceSummary.Compute(records, RuleSet.For(records[0].SchoolYear), new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });
        var cells = Cells(File.ReadAllText(Path.Combine(_folder, "index.html"))).Where(c => c.Population == "All" && c.Period != "Year").ToList();

        foreach (var metric in new[] { "ada", "pia" })
        {
            // Nearest-rank quartiles, by hand: the values at ranks ceil(n/4) and ceil(3n/4) of the sorted cells.
            var values = summary.Figures.Where(f => f.Population == Population.All && f.Period is not null)
                .Select(f => (metric == "ada" ? f.Ada : f.Pia).Published!.Value).Order().ToList();
            var n = values.Count;
            var (q1, q3) = (values[(int)Math.Ceiling(n / 4m) - 1], values[(int)Math.Ceiling(3 * n / 4m) - 1]);
            var ofMetric = cells.Where(c => c.Metric == metric).ToList();
            Assert.Equal(n, ofMetric.Count);
            foreach (var cell in ofMetric)
            {
                var value = decimal.Parse(cell.Value, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                Assert.Equal(value < q1 ? "heat-low" : value > q3 ? "heat-high" : "heat-mid", cell.Heat);
            }

            // A quarter or so of the cells on each side: the colours tell the campuses apart on any district.
            Assert.InRange(ofMetric.Count(c => c.Heat == "heat-low"), n / 8, n / 4);
            Assert.InRange(ofMetric.Count(c => c.Heat == "heat-high"), n / 8, n / 4);
        }
    }

    [Fact]
    public void The_heatmap_class_of_each_cell_follows_the_bounds_given()
    {
        var result = CliRunner.Run("report", "--output", _folder, "--quiet", "--heatmap", "pia:93.5:95");
        Assert.Equal(0, result.ExitCode);

        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        var cells = Cells(html).Where(c => c.Population == "All" && c.Period != "Year").ToList();

        var pia = cells.Where(c => c.Metric == "pia").ToList();
        Assert.NotEmpty(pia);
        foreach (var cell in pia)
        {
            var value = decimal.Parse(cell.Value, CultureInfo.InvariantCulture);
            var expected = value < 93.5m ? "heat-low" : value > 95m ? "heat-high" : "heat-mid";
            Assert.Equal(expected, cell.Heat);
        }

        // The sample's campus PIAs fall on more than one side of these bounds, so the test tells classes apart; ADA keeps
        // its quartiles, and each colour has a label besides.
        Assert.True(pia.Select(c => c.Heat).Distinct().Count() > 1);
        Assert.Contains(cells, c => c.Metric == "ada" && c.Heat == "heat-low");
        Assert.Contains("▼ below 93.5", html, StringComparison.Ordinal);
        Assert.Contains("▲ above 95", html, StringComparison.Ordinal);
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

    [Fact]
    public void A_2019_20_report_without_the_prior_year_says_why_the_year_figure_is_not_computable_and_what_to_give()
    {
        Directory.CreateDirectory(_folder);
        var periods = Path.Combine(_folder, "periods.csv");
        File.WriteAllText(periods, TempCsv.Header + "\n2020,101912,101912001,S0001,05,00,1,1,20.0,18.0,0.0,2.0,00,0,\n");

        var result = CliRunner.Run("report", "--input", periods, "--output", Path.Combine(_folder, "out"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "out", "index.html"));
        Assert.Contains("not computable", html, StringComparison.Ordinal);
        Assert.Contains("--prior-year FILE", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NotComputable", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_prior_year_the_2019_20_year_figure_is_computed_and_the_prior_year_stands_beside_it()
    {
        Directory.CreateDirectory(_folder);
        var periods = Path.Combine(_folder, "periods.csv");
        File.WriteAllText(periods, TempCsv.Header + "\n" + string.Join("\n", Enumerable.Range(1, 4).Select(p => $"2020,101912,101912001,S0001,05,00,{p},1,20.0,18.0,0.0,2.0,00,0,")) + "\n");
        var prior = Path.Combine(_folder, "prior.csv");
        File.WriteAllText(prior, TempCsv.Header + "\n" + string.Join("\n", Enumerable.Range(1, 6).Select(p => $"2019,101912,101912001,S0001,05,00,{p},1,20.0,19.0,0.0,1.0,00,0,")) + "\n");

        var result = CliRunner.Run("report", "--input", periods, "--prior-year", prior, "--output", Path.Combine(_folder, "out"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "out", "index.html"));
        Assert.Contains("(prior year 2018-19)", html, StringComparison.Ordinal);

        // The prior year's refined ADA: 19 of 20 days in each of six periods, 0.950 (its own rules, not COVID-19 adjusted).
        Assert.Contains("data-prior-district=\"101912\" data-population=\"All\" data-period=\"Year\" data-metric=\"ada\"><a href=\"#drill\">0.950</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("--prior-year FILE", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_demographics_the_report_shows_the_accountability_attendance_rate_of_each_student_group()
    {
        var periods = Path.Combine(AppContext.BaseDirectory, "data", "sample-periods.csv");
        var demographics = Path.Combine(AppContext.BaseDirectory, "data", "sample-demographics.csv");
        var expected = PeimsRules.Accountability.AttendanceRate.Compute(
            BasicReportingPeriodAttendanceCsv.ReadFile(periods),
            PeimsRules.Csv.Accountability.StudentDemographicsCsv.ReadFile(demographics, CsvErrorMode.StopAtFirst, new SchoolYear(2024)).Records);

        var result = CliRunner.Run("report", "--input", periods, "--demographics", demographics, "--output", _folder, "--quiet");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        var district = expected.Where(f => f.Campus is null && f.Percent is not null).ToList();
        Assert.Contains(district, f => f.Group != PeimsRules.Accountability.StudentGroup.All);
        foreach (var f in district)
        {
            var text = $"{f.Percent!.Value.Round(1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)}% ({f.Students:#,##0})";
            Assert.Contains($"data-group=\"{f.Group}\">{text}</td>", html, StringComparison.Ordinal);
        }
    }

    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
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
