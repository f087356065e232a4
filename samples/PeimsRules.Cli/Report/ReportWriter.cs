using System.Globalization;
using PeimsRules.Accountability;
using PeimsRules.Attendance;
using PeimsRules.Audit;
using PeimsRules.Csv;

namespace PeimsRules.Cli.Report;

/// <summary>Writes a report folder: index.html (self-contained), charts/*.png, and tables/*.csv behind every table.</summary>
internal sealed class ReportWriter(DistrictReport report, HeatmapBounds heatmap, IReadOnlyList<string> notes)
{
    private const int DrillDownRowsInPage = 600;
    private const int TopCount = 15;

    private static readonly Population[] K3Rows = [Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual];

    public IReadOnlyList<string> Write(string folder)
    {
        var written = new List<string>();
        Directory.CreateDirectory(folder);
        var tables = Path.Combine(folder, "tables");
        var records = Path.Combine(tables, "records");
        Directory.CreateDirectory(records);

        written.Add(WriteCsv(Path.Combine(tables, "six-week-grid.csv"), GridCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "district.csv"), DistrictCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "k3-rows.csv"), K3Csv()));
        written.Add(WriteCsv(Path.Combine(tables, "absence-by-campus.csv"), AbsenceCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "students.csv"), StudentsCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "sped-services.csv"), SpedCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "top-campuses.csv"), TopCampusesCsv()));
        written.Add(WriteCsv(Path.Combine(tables, "top-students.csv"), TopStudentsCsv()));
        using (var writer = new StreamWriter(Path.Combine(tables, "findings.csv")))
        {
            AuditCommand.WriteFindings(writer, report.Audit);
        }

        written.Add(Path.Combine(tables, "findings.csv"));
        foreach (var campus in report.Campuses)
        {
            var path = Path.Combine(records, $"{campus.Code}.csv");
            BasicReportingPeriodAttendanceCsv.WriteFile(path, report.Input.Records.Where(r => r.CampusId == campus));
            written.Add(path);
        }

        written.AddRange(ReportCharts.Write(report, Path.Combine(folder, "charts")));
        var index = Path.Combine(folder, "index.html");
        File.WriteAllText(index, Page());
        written.Add(index);
        return written;
    }

    private static string WriteCsv(string path, IEnumerable<IEnumerable<string>> rows)
    {
        File.WriteAllLines(path, rows.Select(r => string.Join(',', r.Select(CliOutput.CsvField))));
        return path;
    }

    private IEnumerable<AttendanceFigure> Rows(CampusId campus, Population population) =>
        report.ByCampus.Figures.Where(f => f.Group.Campus == campus && f.Population == population);

    private IEnumerable<IEnumerable<string>> GridCsv()
    {
        yield return ["CampusId", "CampusName", "Population", "ReportingPeriod", "Ada", "Pia", "Records"];
        foreach (var f in report.ByCampus.Figures)
        {
            yield return [f.Group.Campus!.Value.Code, report.NameOf(f.Group.Campus.Value), f.Population.ToString(), AdaCommand.PeriodLabel(f), ReportFormat.Figure(f.Ada), ReportFormat.Figure(f.Pia), f.Totals.RecordCount.ToString(CultureInfo.InvariantCulture)];
        }
    }

    private IEnumerable<IEnumerable<string>> DistrictCsv()
    {
        yield return ["DistrictId", "Population", "ReportingPeriod", "Ada", "Pia", "Records"];
        foreach (var f in report.ByDistrict.Figures)
        {
            yield return [f.Group.District!.Value.Code, f.Population.ToString(), AdaCommand.PeriodLabel(f), ReportFormat.Figure(f.Ada), ReportFormat.Figure(f.Pia), f.Totals.RecordCount.ToString(CultureInfo.InvariantCulture)];
        }
    }

    private IEnumerable<IEnumerable<string>> K3Csv()
    {
        yield return ["CampusId", "CampusName", "Population", "RefinedAda", "Pia", "EarlyEducationAllotment"];
        foreach (var f in report.ByCampus.Figures.Where(f => f.Period is null && f.Population != Population.All))
        {
            yield return [f.Group.Campus!.Value.Code, report.NameOf(f.Group.Campus.Value), f.Population.ToString(), ReportFormat.Figure(f.Ada), ReportFormat.Figure(f.Pia), ReportFormat.Dollars(report.AllotmentOf(f))];
        }
    }

    /// <summary>Each campus's chronic absence rate under each definition the report shows (null where it has no rate).</summary>
    private IEnumerable<(CampusId Campus, IReadOnlyList<ChronicAbsenceRate?> Rates)> AbsenceRows()
    {
        foreach (var campus in report.Campuses)
        {
            yield return (campus, report.Chronic.Select(c => c.Campuses.FirstOrDefault(r => r.Campus == campus)).ToList());
        }
    }

    private static string RateText(ChronicAbsenceRate? rate) =>
        rate?.Percent is { } p ? $"{ReportFormat.Percent(p)}% ({rate.Chronic} of {rate.Considered})" : "n/a";

    private IEnumerable<IEnumerable<string>> AbsenceCsv()
    {
        var header = new List<string> { "CampusId", "CampusName" };
        foreach (var d in DistrictReport.ChronicDefinitions)
        {
            header.AddRange([$"{d.Name}.Considered", $"{d.Name}.Chronic", $"{d.Name}.Percent", $"{d.Name}.Trending"]);
        }

        yield return header;
        foreach (var (campus, rates) in AbsenceRows())
        {
            var row = new List<string> { campus.Code, report.NameOf(campus) };
            foreach (var rate in rates)
            {
                row.AddRange([
                    Count(rate?.Considered ?? 0), Count(rate?.Chronic ?? 0),
                    rate?.Percent is { } p ? ReportFormat.Percent(p) : string.Empty, Count(rate?.Trending ?? 0)]);
            }

            yield return row;
        }
    }

    private IEnumerable<IEnumerable<string>> StudentsCsv()
    {
        yield return ["CampusId", "StudentId", "DaysPresent", "DaysInMembership", "AbsencePercent", "AttendanceBelow90"];
        foreach (var s in report.StudentYears())
        {
            yield return [s.Campus.Code, s.Student.Value, s.Present.ToString(), s.Membership.ToString(), ReportFormat.Percent(s.AbsencePercent), s.Flagged ? "yes" : "no"];
        }
    }

    private IEnumerable<IEnumerable<string>> SpedCsv()
    {
        yield return ["CampusId", "CampusName", "Service", "Records", "ShortfallRecords", "MinutesRequired", "MinutesDelivered", "CompliancePercent", "DeficitMinutes", "DeficitOwedMinutes"];
        foreach (var s in report.Audit.ServiceCompliance)
        {
            yield return [s.CampusId.Code, report.NameOf(s.CampusId), s.Service, Count(s.Records), Count(s.ShortfallRecords), Count(s.MinutesRequired), Count(s.MinutesDelivered), ReportFormat.Percent(s.ComplianceRatio * Ratio.FromInteger(100)), Count(s.DeficitMinutes), Count(s.DeficitOwedMinutes)];
        }
    }

    private IEnumerable<IEnumerable<string>> TopCampusesCsv()
    {
        yield return ["CampusId", "CampusName", "Findings", "Errors", "Warnings", "Notices", "AdaOverstated", "DollarsOverstated", "AdaUnclaimed", "DollarsUnclaimed", "AttendanceOpportunityAda", "AttendanceOpportunityDollars", "RefinedAda", "AdaGainAtTarget", "DollarsGainAtTarget"];
        foreach (var c in report.Audit.Campuses)
        {
            var m = c.Money;
            yield return [c.CampusId.Code, report.NameOf(c.CampusId), Count(c.Findings), Count(c.Errors), Count(c.Warnings), Count(c.Notices), ReportFormat.Ada(m.AdaOverstated), ReportFormat.Dollars(m.DollarsOverstated), ReportFormat.Ada(m.AdaUnclaimed), ReportFormat.Dollars(m.DollarsUnclaimed), ReportFormat.Ada(m.AttendanceOpportunityAda), ReportFormat.Dollars(m.AttendanceOpportunityDollars), ReportFormat.Ada(c.RefinedAda), ReportFormat.Ada(c.AdaGainAtTarget), ReportFormat.Dollars(c.DollarsGainAtTarget)];
        }
    }

    private IEnumerable<IEnumerable<string>> TopStudentsCsv()
    {
        yield return ["CampusId", "CampusName", "StudentId", "Rules", "Ada", "DollarsOverstated", "DollarsUnclaimed"];
        foreach (var s in report.TopStudents(int.MaxValue))
        {
            yield return [s.Campus.Code, report.NameOf(s.Campus), s.Student.Value, s.Rules, ReportFormat.Ada(s.Ada), ReportFormat.Dollars(s.DollarsOverstated), ReportFormat.Dollars(s.DollarsUnclaimed)];
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string Page()
    {
        var rules = report.Rules;
        var district = report.ByDistrict.Figures.FirstOrDefault(f => f.Period is null && f.Population == Population.All);
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Element("title", $"PeimsRules report, {rules.SchoolYear.DisplayName}")
            .Raw("<style>").Raw(Css).Raw("</style></head><body>");
        html.Element("h1", $"Attendance and funding, {rules.SchoolYear.DisplayName}");
        html.Open("p", ("class", "meta")).Text($"Source: {report.Input.Source}. {report.Input.Records.Count:N0} period records, {report.Campuses.Count} campuses. Figures by TEA's rules of {rules.SchoolYear.DisplayName}, computed exactly and rounded once ({rules.Rounding.Decimals} decimals, {rules.Rounding.Midpoint}). Every number below is in a CSV under tables/. Periods in: {AdaCommand.PeriodsIn(report.ByCampus)}{(report.ByCampus.IsYearToDate ? "; the year columns are year to date (the mean of those periods), not year figures" : string.Empty)}.").Close("p");
        foreach (var note in notes)
        {
            html.Element("p", note, ("class", "note"));
        }

        // Summary.
        html.Element("h2", "District summary", ("id", "summary"));
        var summaryRows = new List<Html.Cell[]>();
        if (district is not null)
        {
            summaryRows.Add([report.ByDistrict.IsYearToDate ? "ADA, year to date (all students)" : "Refined ADA (all students)", Html.Cell.Number(ReportFormat.Figure(district.Ada), null, ("data-district", district.Group.District!.Value.Code), ("data-metric", "ada"))]);
            summaryRows.Add(["Percent in attendance", Html.Cell.Number(ReportFormat.Figure(district.Pia), null, ("data-district", district.Group.District.Value.Code), ("data-metric", "pia"))]);
        }

        summaryRows.Add(["Audit findings", Html.Cell.Number(Count(report.Audit.Findings.Count))]);
        summaryRows.Add(["ADA overstated (TEA could recover), dollars", Html.Cell.Number(ReportFormat.DollarsText(report.Audit.Totals.DollarsOverstated))]);
        summaryRows.Add(["ADA unclaimed (left on the table), dollars", Html.Cell.Number(ReportFormat.DollarsText(report.Audit.Totals.DollarsUnclaimed))]);
        summaryRows.Add(["Attendance opportunity (not an error), dollars", Html.Cell.Number(ReportFormat.DollarsText(report.Audit.Totals.AttendanceOpportunityDollars))]);
        html.Table(["figure", "value"], summaryRows);

        // The six-week grid.
        html.Element("h2", "Six-week grid: ADA and PIA by campus", ("id", "grid"));
        html.Open("p", ("class", "legend")).Text($"Heatmap on {heatmap.Metric.ToUpperInvariant()}: ")
            .Element("span", $"below {heatmap.Minimum.ToString(CultureInfo.InvariantCulture)}", ("class", "heat-low"))
            .Text(" ").Element("span", $"{heatmap.Minimum.ToString(CultureInfo.InvariantCulture)} to {heatmap.Maximum.ToString(CultureInfo.InvariantCulture)}", ("class", "heat-mid"))
            .Text(" ").Element("span", $"above {heatmap.Maximum.ToString(CultureInfo.InvariantCulture)}", ("class", "heat-high"))
            .Text(" (set with --heatmap metric:min:max).").Close("p");
        var gridHeader = new List<string> { "campus", "figure" };
        gridHeader.AddRange(ReportingPeriod.SixPeriods.Take(report.ByCampus.ThroughPeriod.Number).Select(p => $"period {p}"));
        gridHeader.Add(report.ByCampus.IsYearToDate ? "year to date" : "year");
        var gridRows = new List<Html.Cell[]>();
        foreach (var campus in report.Campuses)
        {
            var rows = Rows(campus, Population.All).ToList();
            foreach (var metric in new[] { "ada", "pia" })
            {
                var cells = new List<Html.Cell> { new(report.NameOf(campus), ("class", "name"), ("title", campus.Code)), metric.ToUpperInvariant() };
                foreach (var f in rows)
                {
                    var figure = metric == "ada" ? f.Ada : f.Pia;
                    cells.Add(Html.Cell.Number(
                        ReportFormat.Figure(figure),
                        heatmap.ClassOf(metric, figure.Published),
                        ("data-campus", campus.Code),
                        ("data-population", "All"),
                        ("data-period", AdaCommand.PeriodLabel(f)),
                        ("data-metric", metric)));
                }

                gridRows.Add([.. cells]);
            }
        }

        html.Table(gridHeader, gridRows);
        html.Raw("<p><img src=\"charts/ada-by-period.png\" alt=\"ADA by reporting period, one line per campus\" width=\"800\"></p>");

        // K-3 rows.
        html.Element("h2", "HB 3 early education rows (K-3)", ("id", "k3"));
        if (!rules.HasEarlyEducationRows)
        {
            html.Element("p", $"The K-3 rows start with 2019-20 (TEC §48.108); {rules.SchoolYear.DisplayName} has none.", ("class", "note"));
        }
        else
        {
            var k3Rows = new List<Html.Cell[]>();
            foreach (var f in report.ByCampus.Figures.Where(f => f.Period is null && K3Rows.Contains(f.Population)))
            {
                var campus = f.Group.Campus!.Value;
                k3Rows.Add([
                    new(report.NameOf(campus), ("class", "name"), ("title", campus.Code)),
                    f.Population == Population.K3EconomicallyDisadvantaged ? "economically disadvantaged" : "emergent bilingual",
                    Html.Cell.Number(ReportFormat.Figure(f.Ada), null, ("data-campus", campus.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "ada")),
                    Html.Cell.Number(ReportFormat.Figure(f.Pia), null, ("data-campus", campus.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "pia")),
                    Html.Cell.Number(ReportFormat.DollarsText(report.AllotmentOf(f))),
                ]);
            }

            html.Table(["campus", "row", "refined ADA", "PIA", "early education allotment"], k3Rows);
            html.Element("p", "A student may count in both rows; the allotment is 0.1 × basic allotment × the row's refined ADA (TEC §48.108).", ("class", "meta"));
        }

        // Absence.
        html.Element("h2", "Chronic absence", ("id", "absence"));
        html.Element("p", "Each authority counts it differently (docs/chronic-absenteeism.md): federal EDFacts FS195 (at least 10 days enrolled, absent 10% or more, kindergarten to 12); CRDC (15 or more days absent); TEA accountability as vendors rebuild it (in membership at least 83% of the days taught, absent 10% or more; vendor documented); the integrity audit (attendance below 90%). From the period records: rate (chronic of students considered), and the federal trending band (5% to 10% absent).", ("class", "meta"));
        html.Table(
            ["campus", .. DistrictReport.ChronicDefinitions.Select(d => d.Name), "federal trending"],
            AbsenceRows().Select(a => new[] { new Html.Cell(report.NameOf(a.Campus), ("class", "name"), ("title", a.Campus.Code)) }
                .Concat(a.Rates.Select((rate, i) => Html.Cell.Number(RateText(rate), null, ("data-campus", a.Campus.Code), ("data-metric", "chronic-" + DistrictReport.ChronicDefinitions[i].Name))))
                .Append(Html.Cell.Number(a.Rates[0] is { } federal ? Count(federal.Trending) : "n/a"))));
        html.Raw("<p><img src=\"charts/absence-rates.png\" alt=\"Distribution of students' absence rates\" width=\"800\"></p>");

        // SPED.
        html.Element("h2", "Special education service minutes", ("id", "sped"));
        if (report.Audit.ServiceCompliance.Count == 0)
        {
            html.Element("p", "No IEP service file was given (--services).", ("class", "note"));
        }
        else
        {
            html.Table(
                ["campus", "service", "records", "shortfalls", "required", "delivered", "compliance", "deficit", "owed"],
                report.Audit.ServiceCompliance.Select(s => new Html.Cell[]
                {
                    new(report.NameOf(s.CampusId), ("class", "name"), ("title", s.CampusId.Code)),
                    s.Service,
                    Html.Cell.Number(Count(s.Records)),
                    Html.Cell.Number(Count(s.ShortfallRecords)),
                    Html.Cell.Number(Count(s.MinutesRequired)),
                    Html.Cell.Number(Count(s.MinutesDelivered)),
                    Html.Cell.Number(ReportFormat.Percent(s.ComplianceRatio * Ratio.FromInteger(100)) + "%"),
                    Html.Cell.Number(Count(s.DeficitMinutes)),
                    Html.Cell.Number(Count(s.DeficitOwedMinutes), s.DeficitOwedMinutes > 0 ? "heat-low" : null),
                }));
        }

        // Funding at risk.
        html.Element("h2", "Highest-risk campuses and students: reporting errors first", ("id", "risk"));
        html.Table(
            ["campus", "errors", "warnings", "notices", "$ ADA overstated", "$ ADA unclaimed", "$ attendance opportunity", "refined ADA", $"ADA gain at {report.Audit.Options.TargetAttendanceRate.ToString(CultureInfo.InvariantCulture)}%", "dollars gain"],
            report.Audit.Campuses.Take(TopCount).Select(c => new Html.Cell[]
            {
                new(report.NameOf(c.CampusId), ("class", "name"), ("title", c.CampusId.Code)),
                Html.Cell.Number(Count(c.Errors)),
                Html.Cell.Number(Count(c.Warnings)),
                Html.Cell.Number(Count(c.Notices)),
                Html.Cell.Number(ReportFormat.DollarsText(c.Money.DollarsOverstated), null, ("data-campus", c.CampusId.Code), ("data-metric", "dollars-overstated")),
                Html.Cell.Number(ReportFormat.DollarsText(c.Money.DollarsUnclaimed), null, ("data-campus", c.CampusId.Code), ("data-metric", "dollars-unclaimed")),
                Html.Cell.Number(ReportFormat.DollarsText(c.Money.AttendanceOpportunityDollars), null, ("data-campus", c.CampusId.Code), ("data-metric", "dollars-opportunity")),
                Html.Cell.Number(ReportFormat.Ada(c.RefinedAda)),
                Html.Cell.Number(ReportFormat.Ada(c.AdaGainAtTarget)),
                Html.Cell.Number(ReportFormat.DollarsText(c.DollarsGainAtTarget)),
            }));
        html.Table(
            ["campus", "student", "findings", "ADA", "$ overstated", "$ unclaimed"],
            report.TopStudents(TopCount).Select(s => new Html.Cell[]
            {
                new(report.NameOf(s.Campus), ("class", "name"), ("title", s.Campus.Code)),
                s.Student.Value,
                s.Rules,
                Html.Cell.Number(ReportFormat.Ada(s.Ada)),
                Html.Cell.Number(ReportFormat.DollarsText(s.DollarsOverstated)),
                Html.Cell.Number(ReportFormat.DollarsText(s.DollarsUnclaimed)),
            }));
        html.Element("p", $"Dollars: {report.Audit.DollarsBasis}. ADA overstated is what TEA could recover (duplicates, days counted twice, funded days on unfunded codes); ADA unclaimed is left on the table (rows TEA would reject, days not counted); attendance opportunity is what better attendance would earn, not an error. Each finding is in one column only (docs/audit.md). Every finding: tables/findings.csv.", ("class", "meta"));

        // Drill-down.
        html.Element("h2", "Drill-down: the student records behind each campus", ("id", "drill"));
        foreach (var campus in report.Campuses)
        {
            var rows = report.Input.Records.Where(r => r.CampusId == campus).OrderBy(r => r.StudentId).ThenBy(r => r.ReportingPeriod).ToList();
            html.Open("details").Open("summary").Text($"{report.NameOf(campus)} ({campus.Code}): {rows.Count:N0} records").Close("summary");
            html.Table(
                ["student", "grade", "track", "period", "code", "days taught", "eligible present", "ineligible present", "absent"],
                rows.Take(DrillDownRowsInPage).Select(r => new Html.Cell[]
                {
                    r.StudentId.Value, r.GradeLevel.Code, r.InstructionalTrack.Code, r.ReportingPeriod.ToString(), r.AdaEligibility.ToString(),
                    Html.Cell.Number(r.NumberDaysTaught.ToString()), Html.Cell.Number(r.EligibleDaysPresent.ToString()),
                    Html.Cell.Number(r.IneligibleDaysPresent.ToString()), Html.Cell.Number(r.DaysAbsent.ToString()),
                }));
            if (rows.Count > DrillDownRowsInPage)
            {
                html.Element("p", $"The first {DrillDownRowsInPage} of {rows.Count:N0} records; all of them: tables/records/{campus.Code}.csv.", ("class", "meta"));
            }

            html.Close("details");
        }

        html.Element("p", "Made with PeimsRules. Not affiliated with or endorsed by the Texas Education Agency.", ("class", "meta"));
        html.Raw("</body></html>\n");
        return html.ToString();
    }

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;color:#1b1f24;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.85rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem}
        th{background:#f6f8fa;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.name{white-space:nowrap}
        .heat-low{background:#f8d7da}.heat-mid{background:#fff3cd}.heat-high{background:#d1e7dd}
        .legend span{padding:.1rem .4rem;border-radius:.2rem}.meta{color:#57606a;font-size:.85rem}.note{background:#fff8c5;padding:.4rem .6rem;border-left:3px solid #d4a72c}
        details{margin:.4rem 0}summary{cursor:pointer}img{max-width:100%;height:auto}
        @media print{body{margin:0;max-width:none}details{display:block}details>summary{list-style:none}details:not([open])>*:not(summary){display:block}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}.heat-low,.heat-mid,.heat-high{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """;
}
