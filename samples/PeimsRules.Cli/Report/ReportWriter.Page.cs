using System.Globalization;
using PeimsRules.Accountability;
using PeimsRules.Attendance;
using PeimsRules.Audit;

namespace PeimsRules.Cli.Report;

/// <summary>
/// The page: the answers first (the district's figures, what to fix before submission, the attendance opportunity),
/// then the six-week grid, the K-3 rows, chronic absence, service minutes, campuses, and the records behind all of it.
/// Every campus, figure and finding links to its records in the drill-down; nothing is loaded from another file.
/// </summary>
internal sealed partial class ReportWriter
{
    private static readonly (Population Population, string Label)[] DistrictRows =
    [
        (Population.All, "all students"),
        (Population.K3EconomicallyDisadvantaged, "K-3 economically disadvantaged"),
        (Population.K3EmergentBilingual, "K-3 emergent bilingual"),
    ];

    private IReadOnlyList<ReportChart>? _charts;

    private IReadOnlyList<ReportChart> Charts => _charts ??= ReportCharts.Build(report);

    private static string CampusAnchor(CampusId campus) => Html.Id("records", campus.Code);

    private static string PeriodAnchor(CampusId campus, ReportingPeriod period) => Html.Id("records", campus.Code, "p" + period);

    private static string RecordAnchor(BasicReportingPeriodAttendance r) =>
        Html.Id("rec", r.CampusId.Code, r.StudentId.Value, r.GradeLevel.Code, r.InstructionalTrack.Code, "p" + r.ReportingPeriod);

    private static string StudentAnchor(CampusId campus, StudentId student) => Html.Id("student", campus.Code, student.Value);

    private static string FindingAnchor(AuditFinding f) => Html.Id("finding", FindingMoney.Id(f));

    private static string MoneyLabel(MoneyColumn column) => column switch
    {
        MoneyColumn.AdaOverstated => "ADA overstated",
        MoneyColumn.AdaUnclaimed => "ADA unclaimed",
        MoneyColumn.AttendanceOpportunity => "attendance opportunity",
        _ => "no ADA moved",
    };

    private (HashSet<(CampusId, StudentId)> Students, HashSet<ReportingPeriodAttendanceKey> Keys)? _targets;

    /// <summary>A link to a campus's records, or null when the campus has none in the report.</summary>
    private string? CampusHref(CampusId campus) => report.HasCampus(campus) ? "#" + CampusAnchor(campus) : null;

    /// <summary>A link to a student's records at a campus, or null when there are none.</summary>
    private string? StudentHref(CampusId campus, StudentId student) =>
        Targets().Students.Contains((campus, student)) ? "#" + StudentAnchor(campus, student) : null;

    /// <summary>Where a finding's records are: its first record, else the student's records, else the campus's.</summary>
    private string? RecordsHref(AuditFinding f) =>
        f.Records.Count > 0 && Targets().Keys.Contains(f.Records[0].Key) ? "#" + RecordAnchor(f.Records[0])
        : f.CampusId is { } c && f.StudentId is { } s && StudentHref(c, s) is { } href ? href
        : f.CampusId is { } campus ? CampusHref(campus)
        : null;

    /// <summary>
    /// Which of the students and records the findings name the file has (a link goes only where there are records):
    /// one pass over the records, keeping only what a finding asks about.
    /// </summary>
    private (HashSet<(CampusId, StudentId)> Students, HashSet<ReportingPeriodAttendanceKey> Keys) Targets()
    {
        if (_targets is { } known)
        {
            return known;
        }

        var askedStudents = new HashSet<(CampusId, StudentId)>();
        var askedKeys = new HashSet<ReportingPeriodAttendanceKey>();
        foreach (var f in report.Audit.Findings)
        {
            if (f.Records.Count > 0)
            {
                askedKeys.Add(f.Records[0].Key);
            }

            if (f.CampusId is { } c && f.StudentId is { } s)
            {
                askedStudents.Add((c, s));
            }
        }

        var students = new HashSet<(CampusId, StudentId)>();
        var keys = new HashSet<ReportingPeriodAttendanceKey>();
        foreach (var r in report.Input.Records)
        {
            if (askedStudents.Contains((r.CampusId, r.StudentId)))
            {
                students.Add((r.CampusId, r.StudentId));
            }

            if (askedKeys.Contains(r.Key))
            {
                keys.Add(r.Key);
            }
        }

        _targets = (students, keys);
        return _targets.Value;
    }

    /// <summary>Writes the page into <paramref name="writer"/> as it is built.</summary>
    private void Page(TextWriter writer)
    {
        var rules = report.Rules;
        var districts = report.ByDistrict.Figures.Select(f => f.Group.District).Distinct().ToList();
        var districtId = districts.Count > 1 ? $"{ReportFormat.Count(districts.Count)} districts" : $"district {districts.FirstOrDefault()}";
        var html = new Html(writer);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Element("title", $"Attendance and funding, {rules.SchoolYear.DisplayName}, {districtId}")
            .Raw("<style>").Raw(Css).Raw("</style></head><body>");
        html.Element("h1", $"Attendance and funding, {rules.SchoolYear.DisplayName}: {districtId}");
        var allotment = rules.BasicAllotment is { } b ? ReportFormat.DollarsText(b) : null;
        html.Open("p", ("class", "meta")).Text(
            $"From {report.Input.Source}: {ReportFormat.Count(report.Input.Records.Count)} period records (TSDS 42400), {report.Campuses.Count} campuses. " +
            $"Figures by TEA's rules of {rules.SchoolYear.DisplayName}, computed exactly and rounded once ({rules.Rounding.Decimals} decimals, half away from zero). " +
            (allotment is null
                ? "The year has no basic allotment in the rules, so no dollar amounts are shown. "
                : $"Dollars are basic-allotment equivalents: ADA × the basic allotment of {allotment} (TEC §48.051), plus the early education allotment for K-3 rows (TEC §48.108); they rank the work, they are not the Summary of Finances. ") +
            "Every table is also a CSV in the tables folder beside this page. " +
            $"Periods in: {AdaCommand.PeriodsIn(report.ByCampus)}{(report.ByCampus.IsYearToDate ? "; the year columns are year to date (the mean of those periods), not year figures" : string.Empty)}.").Close("p");
        foreach (var note in notes)
        {
            html.Element("p", note, ("class", "note"));
        }

        html.Open("nav").Open("p", ("class", "meta")).Text("On this page: ");
        var sections = new[] { ("answers", "the answers"), ("actions", "fix before submission"), ("grid", "six-week grid"), ("k3", "K-3 rows"), ("groups", "student groups"), ("opportunity", "attendance opportunity"), ("sped", "service minutes"), ("campuses", "campuses"), ("drill", "the records") };
        for (var i = 0; i < sections.Length; i++)
        {
            html.Text(i == 0 ? string.Empty : " · ").Element("a", sections[i].Item2, ("href", "#" + sections[i].Item1));
        }

        html.Close("p").Close("nav");

        Answers(html);
        ActionList(html);
        Grid(html);
        K3(html);
        StudentGroups(html);
        Opportunity(html);
        Sped(html);
        CampusesAndStudents(html);
        DrillDown(html);

        html.Element("p", "Made with PeimsRules. Not affiliated with or endorsed by the Texas Education Agency.", ("class", "meta"));
        html.Raw("</body></html>\n");
    }

    private void Answers(Html html)
    {
        var rules = report.Rules;
        html.Element("h2", "The answers", ("id", "answers"));
        var over = FindingMoney.Total(report.Audit.Findings, MoneyColumn.AdaOverstated);
        var unclaimed = FindingMoney.Total(report.Audit.Findings, MoneyColumn.AdaUnclaimed);
        var opportunity = FindingMoney.Total(report.Audit.Findings, MoneyColumn.AttendanceOpportunity);
        // With several districts no one district's figure is the answer: each has its rows in the table below.
        var districts = report.ByDistrict.Figures.Select(f => f.Group.District).Distinct().ToList();
        var year = report.ByDistrict.Figures.FirstOrDefault(f => f.IsYear && f.Population == Population.All);
        html.Open("div", ("class", "answers"));
        if (year is not null && districts.Count == 1)
        {
            Answer(html, "answer", "District refined ADA", ReportFormat.FigureText(year.Ada), $"percent in attendance {ReportFormat.FigureText(year.Pia)}", "#grid");
        }

        Answer(html, "answer error", "Reporting errors to fix before submission", ReportFormat.Count(report.ActionList.Count), "ranked below by the ADA they move", "#actions");
        Answer(html, "answer error", "ADA overstated (TEA could recover it)", ReportFormat.AdaText(over.Ada), $"{ReportFormat.DollarsText(over.Dollars)} basic-allotment equivalent, {ReportFormat.Count(over.Count)} findings", "#actions");
        Answer(html, "answer error", "ADA unclaimed (left on the table)", ReportFormat.AdaText(unclaimed.Ada), $"{ReportFormat.DollarsText(unclaimed.Dollars)} basic-allotment equivalent, {ReportFormat.Count(unclaimed.Count)} findings", "#actions");
        Answer(html, "answer opportunity", "Attendance opportunity (not an error)", ReportFormat.AdaText(opportunity.Ada), $"{ReportFormat.DollarsText(opportunity.Dollars)} basic-allotment equivalent if the {ReportFormat.Count(opportunity.Count)} students below 90% attended; not added to the errors", "#opportunity");
        html.Close("div");

        // The district's figures by period and for the year, beside the prior year's when given.
        var header = new List<string> { "district figure" };
        header.AddRange(ReportingPeriod.SixPeriods.Take(report.ByCampus.ThroughPeriod.Number).Select(p => $"period {p}"));
        header.Add(report.ByCampus.IsYearToDate ? "year to date" : "year");
        var rows = new List<Html.Cell[]>();
        var hints = new HashSet<string>(StringComparer.Ordinal);
        void AddRows(AttendanceSummary summary, string suffix, PeimsRules.Rules.RuleSet yearRules)
        {
            var ofSummary = summary.Figures.Select(f => f.Group.District).Distinct().ToList();
            foreach (var district in ofSummary)
            {
                var named = ofSummary.Count > 1 ? $"District {district}: " : string.Empty;
                foreach (var (population, label) in DistrictRows.Where(r => r.Population == Population.All || yearRules.HasEarlyEducationRows))
                {
                    foreach (var metric in new[] { "ada", "pia" })
                    {
                        var cells = new List<Html.Cell> { $"{named}{(metric == "ada" ? "refined ADA" : "PIA")}, {label}{suffix}" };
                        foreach (var period in ReportingPeriod.SixPeriods.Take(summary.ThroughPeriod.Number).Cast<ReportingPeriod?>().Append(null))
                        {
                            var f = summary.Figures.FirstOrDefault(x => x.Group.District == district && x.Population == population && x.Period == period);
                            if (f is null)
                            {
                                cells.Add(Html.Cell.Number("none"));
                                continue;
                            }

                            var figure = metric == "ada" ? f.Ada : f.Pia;
                            if (ReportFormat.Hint(figure, yearRules, report.Input.PriorYear is not null) is { } hint)
                            {
                                hints.Add(hint);
                            }

                            cells.Add(Html.Cell.Number(ReportFormat.FigureText(figure), null, suffix.Length == 0 ? ("data-district", f.Group.District?.Code) : ("data-prior-district", f.Group.District?.Code), ("data-population", population.ToString()), ("data-period", f.Period?.ToString() ?? "Year"), ("data-metric", metric)) with { Href = "#drill" });
                        }

                        rows.Add([.. cells]);
                    }
                }
            }
        }

        AddRows(report.ByDistrict, string.Empty, rules);
        if (report.PriorByDistrict is { } prior && prior.Figures.Count > 0)
        {
            AddRows(prior, $" (prior year {report.Input.PriorYear![0].SchoolYear.DisplayName})", PeimsRules.Rules.RuleSet.For(report.Input.PriorYear[0].SchoolYear));
        }

        html.Table($"{(districts.Count > 1 ? "Each district" : $"District {districts.FirstOrDefault()}")}: refined ADA and percent in attendance (PIA) by reporting period and for the year", header, rows);
        foreach (var hint in hints)
        {
            html.Element("p", hint, ("class", "note"));
        }
    }

    private static void Answer(Html html, string css, string label, string value, string detail, string href)
    {
        html.Open("div", ("class", css)).Text(label).Open("b").Element("a", value, ("href", href)).Close("b").Element("span", detail, ("class", "meta")).Close("div");
    }

    private void ActionList(Html html)
    {
        html.Element("h2", "Fix before submission: reporting errors, largest first", ("id", "actions"));
        var list = report.ActionList;
        if (list.Count == 0)
        {
            html.Element("p", "The audit found no reporting error.", ("class", "note"));
            return;
        }

        html.Element("p", "Each row is one reporting error: what is wrong in plain words, the record it is in (follow the link), and the ADA it overstates (claimed but not allowed: TEA could recover it) or leaves unclaimed (earned but not claimed). Errors that move no ADA come last; fix them too, TEA's edits reject them. The attendance opportunity is not here: nothing in the file is wrong there.", ("class", "meta"));
        var rank = 0;
        html.Table(
            $"{ReportFormat.Count(list.Count)} reporting errors, ranked by the ADA they move (tables/action-list.csv)",
            ["#", "what is wrong", "campus", "student", "period", "money", "ADA", "basic-allotment equivalent", "what to do"],
            list.Select(f =>
            {
                rank++;
                var column = FindingMoney.Column(f);
                return new Html.Cell[]
                {
                    new Html.Cell(ReportFormat.Count(rank), ("data-finding", FindingMoney.Id(f)), ("data-rule", f.Rule.Id)) { Anchor = FindingAnchor(f) },
                    $"{f.Rule.Title} ({f.Rule.Id}, {f.Severity.ToString().ToLowerInvariant()})",
                    f.CampusId is { } c ? new Html.Cell(report.NameOf(c)) { Href = CampusHref(c) } : "—",
                    f.StudentId is { } s ? new Html.Cell(s.Value) { Href = RecordsHref(f) } : f.SourceLine is { } line ? $"line {line.ToString(CultureInfo.InvariantCulture)} of {Path.GetFileName(f.SourceFile ?? report.Input.Source)}" : "—",
                    f.ReportingPeriod?.ToString() ?? "year",
                    MoneyLabel(column),
                    Html.Cell.Number(FindingMoney.Ada(f) is { } a ? ReportFormat.AdaText(a) : "—"),
                    Html.Cell.Number(FindingMoney.Dollars(f) is { } d ? ReportFormat.DollarsText(d) : "—"),
                    f.Message,
                };
            }),
            rowHeaders: false,
            id: "action-list");

        html.Element("h3", "The rules behind these findings");
        html.Open("dl", ("class", "rules"));
        foreach (var rule in list.Select(f => f.Rule).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            html.Element("dt", $"{rule.Id}: {rule.Title}").Open("dd").Text(rule.Description).Text(" Source: ").Text(rule.Citation.ToString()).Text(".").Close("dd");
        }

        html.Close("dl");
    }

    private void Grid(Html html)
    {
        html.Element("h2", "Six-week grid: refined ADA and PIA, the district and each campus", ("id", "grid"));
        html.Open("p", ("class", "legend")).Text("Heatmap on ADA and PIA: ");
        foreach (var range in new[] { heatmap.Ada, heatmap.Pia })
        {
            var name = range.Metric.ToUpperInvariant();
            var min = range.Minimum.ToString(CultureInfo.InvariantCulture);
            var max = range.Maximum.ToString(CultureInfo.InvariantCulture);
            html.Text($"{name} ").Element("span", $"▼ below {min}", ("class", "heat-low"))
                .Text(" ").Element("span", $"{min} to {max}", ("class", "heat-mid"))
                .Text(" ").Element("span", $"▲ above {max}", ("class", "heat-high"))
                .Text(range.FromData ? $" (the district's own quartiles of the campus period {name}s); " : " (set with --heatmap); ");
        }

        html.Text("set one with --heatmap metric:min:max, such as pia:90:97. The district rows are not coloured; a campus's ADA is in students, so its colour tells its size as much as its attendance.").Close("p");
        var header = new List<string> { "campus", "figure" };
        header.AddRange(ReportingPeriod.SixPeriods.Take(report.ByCampus.ThroughPeriod.Number).Select(p => $"period {p}"));
        header.Add(report.ByCampus.IsYearToDate ? "year to date" : "year");
        html.Open("table", ("id", "six-week-grid")).Element("caption", $"Refined ADA and percent in attendance by reporting period, {report.Rules.SchoolYear.DisplayName} (tables/six-week-grid.csv, tables/district.csv)");
        html.Open("thead").Open("tr");
        foreach (var h in header)
        {
            html.Element("th", h, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        var hints = new HashSet<string>(StringComparer.Ordinal);
        // One pair of rows for each district, with its own figures.
        foreach (var district in report.ByDistrict.Figures.Where(f => f.Population == Population.All).GroupBy(f => f.Group.District))
        {
            foreach (var metric in new[] { "ada", "pia" })
            {
                html.Open("tr", ("class", "district")).Open("th", ("scope", "row")).Element("a", $"District {district.Key}", ("href", "#drill")).Close("th").Element("td", metric.ToUpperInvariant());
                foreach (var f in district)
                {
                    var figure = metric == "ada" ? f.Ada : f.Pia;
                    if (ReportFormat.Hint(figure, report.Rules, report.Input.PriorYear is not null) is { } hint)
                    {
                        hints.Add(hint);
                    }

                    html.Open("td", ("class", "num"), ("data-district", f.Group.District?.Code), ("data-population", "All"), ("data-period", f.Period?.ToString() ?? "Year"), ("data-metric", metric))
                        .Text(ReportFormat.FigureText(figure)).Close("td");
                }

                html.Close("tr");
            }
        }

        foreach (var campus in report.Campuses)
        {
            var rows = report.ByCampus.Figures.Where(f => f.Group.Campus == campus && f.Population == Population.All).ToList();
            foreach (var metric in new[] { "ada", "pia" })
            {
                html.Open("tr").Open("th", ("scope", "row"), ("title", campus.Code)).Element("a", report.NameOf(campus), ("href", "#" + CampusAnchor(campus))).Close("th").Element("td", metric.ToUpperInvariant());
                foreach (var f in rows)
                {
                    var figure = metric == "ada" ? f.Ada : f.Pia;
                    var range = heatmap.For(metric);
                    var heat = f.Period is null ? string.Empty : range.ClassOf(figure.Published);
                    html.Open("td", ("class", string.IsNullOrEmpty(heat) ? "num" : "num " + heat), ("data-campus", campus.Code), ("data-population", "All"), ("data-period", f.Period?.ToString() ?? "Year"), ("data-metric", metric))
                        .Element("a", ReportFormat.FigureText(figure), ("href", "#" + (f.Period is { } p && f.Totals.RecordCount > 0 ? PeriodAnchor(campus, p) : CampusAnchor(campus))));
                    if (heat == "heat-low")
                    {
                        html.Element("span", "▼", ("class", "mark"), ("title", $"below {range.Minimum.ToString(CultureInfo.InvariantCulture)}"));
                    }
                    else if (heat == "heat-high")
                    {
                        html.Element("span", "▲", ("class", "mark"), ("title", $"above {range.Maximum.ToString(CultureInfo.InvariantCulture)}"));
                    }

                    html.Close("td");
                }

                html.Close("tr");
            }
        }

        html.Close("tbody").Close("table");
        foreach (var hint in hints)
        {
            html.Element("p", hint, ("class", "note"));
        }

        foreach (var chart in Charts.Where(c => c.Id.StartsWith("pia-", StringComparison.Ordinal)))
        {
            Figure(html, chart);
        }
    }

    private static void Figure(Html html, ReportChart chart)
    {
        var uri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(chart.Svg));
        html.Element("h3", chart.Title).Open("figure", ("id", "chart-" + chart.Id)).Open("img", ("src", uri), ("alt", chart.Alt), ("width", "900"), ("height", "420"))
            .Element("figcaption", chart.Alt).Close("figure");
    }

    private void K3(Html html)
    {
        var rules = report.Rules;
        html.Element("h2", "HB 3 early education rows (K-3)", ("id", "k3"));
        if (!rules.HasEarlyEducationRows)
        {
            html.Element("p", $"The K-3 rows start with 2019-20 (TEC §48.108); {rules.SchoolYear.DisplayName} has none.", ("class", "note"));
            return;
        }

        var rows = new List<Html.Cell[]>();
        foreach (var f in report.ByDistrict.Figures.Where(f => f.IsYear && f.Population != Population.All))
        {
            rows.Add([
                new Html.Cell($"District {f.Group.District}") { Href = "#drill" },
                f.Population == Population.K3EconomicallyDisadvantaged ? "economically disadvantaged" : "emergent bilingual",
                Html.Cell.Number(ReportFormat.FigureText(f.Ada), null, ("data-district", f.Group.District?.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "ada")),
                Html.Cell.Number(ReportFormat.FigureText(f.Pia), null, ("data-district", f.Group.District?.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "pia")),
                Html.Cell.Number(ReportFormat.DollarsText(report.AllotmentOf(f))),
            ]);
        }

        foreach (var f in report.ByCampus.Figures.Where(f => f.IsYear && f.Population != Population.All))
        {
            var campus = f.Group.Campus!.Value;
            rows.Add([
                new Html.Cell(report.NameOf(campus), ("title", campus.Code)) { Href = CampusHref(campus) },
                f.Population == Population.K3EconomicallyDisadvantaged ? "economically disadvantaged" : "emergent bilingual",
                Html.Cell.Number(ReportFormat.FigureText(f.Ada), null, ("data-campus", campus.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "ada")),
                Html.Cell.Number(ReportFormat.FigureText(f.Pia), null, ("data-campus", campus.Code), ("data-population", f.Population.ToString()), ("data-period", "Year"), ("data-metric", "pia")),
                Html.Cell.Number(ReportFormat.DollarsText(report.AllotmentOf(f))),
            ]);
        }

        html.Table("K-3 rows for the year: the district, then each campus that has K-3 students (tables/k3-rows.csv)", ["district or campus", "row", "refined ADA", "PIA", "early education allotment"], rows);
        html.Element("p", "A student may count in both rows; the allotment is 0.1 × the basic allotment × the row's refined ADA (TEC §48.108).", ("class", "meta"));
    }

    private void StudentGroups(Html html)
    {
        var figures = report.AttendanceByGroup;
        if (report.Input.Demographics is null)
        {
            html.Element("h2", "Student groups", ("id", "groups"));
            html.Element("p", "Give your students' demographics with --demographics FILE to see the attendance rate by student group (economically disadvantaged, ethnicity, at risk, special education), as TEA's accountability disaggregates it.", ("class", "note"));
            return;
        }

        html.Element("h2", "Attendance rate by student group", ("id", "groups"));
        html.Element("p", "The accountability attendance rate: days present ÷ days in membership × 100, grades 1 to 12, by the student groups of TEA's accountability (TEA Accountability Manual, Appendix D; docs/accountability-indicators.md). A student without a demographic record counts in All only.", ("class", "meta"));
        var groups = figures.Select(f => f.Group).Distinct().Order().ToList();
        var places = figures.Select(f => f.Campus).Distinct().OrderBy(c => c is null ? 0 : 1).ThenBy(c => c).ToList();
        html.Table(
            "Attendance rate (percent) by student group, the district and each campus",
            ["district or campus", .. groups.Select(g => g.ToString())],
            places.Select(place => new[] { place is { } c ? new Html.Cell(report.NameOf(c), ("title", c.Code)) { Href = CampusHref(c) } : new Html.Cell($"District {figures.First(f => f.Campus is null).District}") }
                .Concat(groups.Select(g => figures.FirstOrDefault(f => f.Campus == place && f.Group == g) is { Percent: { } p } f
                    ? Html.Cell.Number($"{ReportFormat.Percent(p)}% ({ReportFormat.Count(f.Students)})", null, ("data-group", g.ToString()), ("data-campus", place?.Code))
                    : Html.Cell.Number("—")))));
        html.Element("p", "In brackets: the students counted.", ("class", "meta"));
    }

    private void Opportunity(Html html)
    {
        html.Element("h2", "Attendance opportunity: not a reporting error", ("id", "opportunity"));
        var target = report.Audit.Options.TargetAttendanceRate.ToString(CultureInfo.InvariantCulture);
        html.Element("p", $"What better attendance would earn. Nothing in the file is wrong here, so none of it is added to the reporting errors above. Students below 90% attendance at a campus over the year (the district PEIMS integrity audit's line, its rule ATT-09): the ADA their absences on funded codes cost. And each campus's refined ADA gain if it attended at {target}% (--target-rate).", ("class", "meta"));
        html.Table(
            "Attendance opportunity by campus (tables/top-campuses.csv)",
            ["campus", "students below 90%", "ADA of their absences", "basic-allotment equivalent", "refined ADA", $"ADA gain at {target}%", "basic-allotment equivalent of the gain"],
            report.Audit.Campuses.OrderBy(c => c.CampusId).Select(c =>
            {
                var o = FindingMoney.Total(report.FindingsOf(c.CampusId), MoneyColumn.AttendanceOpportunity);
                return new Html.Cell[]
                {
                    new Html.Cell(report.NameOf(c.CampusId), ("title", c.CampusId.Code)) { Href = CampusHref(c.CampusId) },
                    Html.Cell.Number(ReportFormat.Count(o.Count)),
                    Html.Cell.Number(ReportFormat.AdaText(o.Ada)),
                    Html.Cell.Number(ReportFormat.DollarsText(o.Dollars), null, ("data-campus", c.CampusId.Code), ("data-metric", "dollars-opportunity")),
                    Html.Cell.Number(ReportFormat.AdaText(c.RefinedAda)),
                    Html.Cell.Number(ReportFormat.AdaText(c.AdaGainAtTarget)),
                    Html.Cell.Number(ReportFormat.DollarsText(c.DollarsGainAtTarget)),
                };
            }));

        html.Element("h3", "Chronic absence, by each authority's definition");
        html.Element("p", "Each authority counts it differently (docs/chronic-absenteeism.md): federal EDFacts FS195 (at least 10 days enrolled, absent 10% or more, kindergarten to 12); CRDC (15 or more days absent); TEA accountability as vendors rebuild it (in membership at least 83% of the days taught, absent 10% or more; vendor documented); the district PEIMS integrity audit (attendance below 90%). From the period records: rate (chronic of students considered), and the federal trending band (5% to 10% absent).", ("class", "meta"));
        html.Table(
            "Chronic absence rate by campus and definition (tables/absence-by-campus.csv)",
            ["campus", .. DistrictReport.ChronicDefinitions.Select(d => d.Name), "federal trending"],
            AbsenceRows().Select(a => new[] { new Html.Cell(report.NameOf(a.Campus), ("title", a.Campus.Code)) { Href = CampusHref(a.Campus) } }
                .Concat(a.Rates.Select((rate, i) => Html.Cell.Number(RateText(rate), null, ("data-campus", a.Campus.Code), ("data-metric", "chronic-" + DistrictReport.ChronicDefinitions[i].Name))))
                .Append(Html.Cell.Number(a.Rates[0] is { } federal ? ReportFormat.Count(federal.Trending) : "n/a"))));
        foreach (var chart in Charts.Where(c => c.Id == "absence-rates"))
        {
            Figure(html, chart);
        }
    }

    private void Sped(Html html)
    {
        html.Element("h2", "Special education service minutes", ("id", "sped"));
        if (report.Audit.ServiceCompliance.Count == 0)
        {
            html.Element("p", "No IEP service file was given (--services).", ("class", "note"));
            return;
        }

        html.Table(
            "IEP service minutes by campus and service (tables/sped-services.csv)",
            ["campus", "service", "records", "shortfalls", "required", "delivered", "compliance", "deficit", "owed (compensatory)"],
            report.Audit.ServiceCompliance.Select(s => new Html.Cell[]
            {
                new Html.Cell(report.NameOf(s.CampusId), ("title", s.CampusId.Code)) { Href = CampusHref(s.CampusId) },
                s.Service,
                Html.Cell.Number(ReportFormat.Count(s.Records)),
                Html.Cell.Number(ReportFormat.Count(s.ShortfallRecords)),
                Html.Cell.Number(ReportFormat.Minutes(s.MinutesRequired)),
                Html.Cell.Number(ReportFormat.Minutes(s.MinutesDelivered)),
                Html.Cell.Number(ReportFormat.Percent(s.ComplianceRatio * Ratio.FromInteger(100)) + "%"),
                Html.Cell.Number(ReportFormat.Minutes(s.DeficitMinutes)),
                Html.Cell.Number(ReportFormat.Minutes(s.DeficitOwedMinutes), s.DeficitOwedMinutes > 0 ? "heat-low" : null),
            }));
        html.Element("p", "Owed: deficit minutes not explained by the student's absence, which the district owes as compensatory service (34 CFR §300.323(c)(2); audit rule SPED-01).", ("class", "meta"));
    }

    private void CampusesAndStudents(Html html)
    {
        html.Element("h2", "Campuses and students: reporting errors by campus", ("id", "campuses"));
        html.Table(
            "Findings and reporting-error money by campus; attendance opportunity in its own column, not added in (tables/top-campuses.csv)",
            ["campus", "errors", "warnings", "notices", "ADA overstated", "ADA unclaimed", "errors, basic-allotment equivalent", "attendance opportunity (separate)"],
            report.Audit.Campuses.Take(TopCount).Select(c =>
            {
                var findings = report.FindingsOf(c.CampusId).ToList();
                var over = FindingMoney.Total(findings, MoneyColumn.AdaOverstated);
                var unclaimed = FindingMoney.Total(findings, MoneyColumn.AdaUnclaimed);
                var opportunity = FindingMoney.Total(findings, MoneyColumn.AttendanceOpportunity);
                return new Html.Cell[]
                {
                    new Html.Cell(report.NameOf(c.CampusId), ("title", c.CampusId.Code)) { Href = CampusHref(c.CampusId) },
                    Html.Cell.Number(ReportFormat.Count(c.Errors)),
                    Html.Cell.Number(ReportFormat.Count(c.Warnings)),
                    Html.Cell.Number(ReportFormat.Count(c.Notices)),
                    Html.Cell.Number(ReportFormat.AdaText(over.Ada)),
                    Html.Cell.Number(ReportFormat.AdaText(unclaimed.Ada)),
                    Html.Cell.Number(ReportFormat.DollarsText(over.Dollars + unclaimed.Dollars), null, ("data-campus", c.CampusId.Code), ("data-metric", "dollars-errors")),
                    Html.Cell.Number(ReportFormat.DollarsText(opportunity.Dollars)),
                };
            }));
        var students = report.TopStudents(TopCount);
        if (students.Count > 0)
        {
            html.Table(
                $"The {students.Count} students whose reporting errors move the most ADA (tables/top-students.csv)",
                ["campus", "student", "rules", "ADA", "basic-allotment equivalent"],
                students.Select(s => new Html.Cell[]
                {
                    new Html.Cell(report.NameOf(s.Campus), ("title", s.Campus.Code)) { Href = CampusHref(s.Campus) },
                    new Html.Cell(s.Student.Value) { Href = StudentHref(s.Campus, s.Student) },
                    s.Rules,
                    Html.Cell.Number(ReportFormat.AdaText(s.Ada)),
                    Html.Cell.Number(ReportFormat.DollarsText(s.Dollars)),
                }));
        }

        html.Element("p", "Every finding, warnings and notices included: tables/findings.csv.", ("class", "meta"));
    }

    private static readonly string?[] DayTexts = new string?[512];

    /// <summary><see cref="DayCount.ToString"/>, each text of up to 255.5 days made once: the drill-down writes four a record.</summary>
    private static string DaysText(DayCount days) =>
        days.HalfDays < DayTexts.Length ? DayTexts[days.HalfDays] ??= days.ToString() : days.ToString();

    private void DrillDown(Html html)
    {
        html.Element("h2", "The records behind every figure", ("id", "drill"));
        html.Element("p", "Each campus's period records (TSDS 42400), by period, student, grade and track. A record with a finding is marked and names it; follow the finding to the action list. Opened in the browser by clicking a campus; printed, all are shown. The same records: tables/records/CAMPUS.csv.", ("class", "meta"));
        var byRecord = new Dictionary<ReportingPeriodAttendanceKey, List<AuditFinding>>();
        var byStudent = new Dictionary<(CampusId, StudentId), List<AuditFinding>>();
        foreach (var f in report.Audit.Findings)
        {
            if (f.Records.Count > 0)
            {
                foreach (var r in f.Records)
                {
                    (byRecord.TryGetValue(r.Key, out var list) ? list : byRecord[r.Key] = []).Add(f);
                }
            }
            else if (f.CampusId is { } c && f.StudentId is { } s)
            {
                (byStudent.TryGetValue((c, s), out var list) ? list : byStudent[(c, s)] = []).Add(f);
            }
        }

        var actions = report.ActionList.ToHashSet();
        foreach (var campus in report.Campuses)
        {
            var rows = report.RecordsOf(campus)
                .OrderBy(r => r.ReportingPeriod.Number).ThenBy(r => r.StudentId).ThenBy(r => r.GradeLevel).ThenBy(r => r.InstructionalTrack.Code, StringComparer.Ordinal)
                .Select(r => (Record: r, Own: byRecord.GetValueOrDefault(r.Key)))
                .ToList();
            var flagged = rows.Count(r => r.Own is not null);
            html.Open("details", ("id", CampusAnchor(campus))).Open("summary")
                .Text($"{report.NameOf(campus)} ({campus.Code}): {ReportFormat.Count(rows.Count)} records, {ReportFormat.Count(flagged)} with a finding").Close("summary");
            html.Open("table").Element("caption", $"{report.NameOf(campus)}: every period record, by period and student");
            html.Open("thead").Open("tr");
            foreach (var h in new[] { "student", "grade", "track", "period", "ADA code", "days taught", "eligible present", "ineligible present", "absent", "findings" })
            {
                html.Element("th", h, ("scope", "col"));
            }

            html.Close("tr").Close("thead").Open("tbody");
            ReportingPeriod? period = null;
            var studentsSeen = new HashSet<StudentId>();
            foreach (var (r, own) in rows)
            {
                // Most records have no finding: only those with one build a list.
                var year = byStudent.GetValueOrDefault((campus, r.StudentId));
                List<AuditFinding> findings = own is null && year is null ? [] : [.. own ?? [], .. year ?? []];
                html.Open("tr", ("id", RecordAnchor(r)), ("class", findings.Count > 0 ? "flagged" : null));
                html.Open("th", ("scope", "row"));
                if (period != r.ReportingPeriod)
                {
                    period = r.ReportingPeriod;
                    html.Open("span", ("id", PeriodAnchor(campus, r.ReportingPeriod))).Close("span");
                }

                if (studentsSeen.Add(r.StudentId))
                {
                    html.Open("span", ("id", StudentAnchor(campus, r.StudentId))).Close("span");
                }

                html.Text(r.StudentId.Value).Close("th");
                foreach (var text in new[] { r.GradeLevel.Code, r.InstructionalTrack.Code, r.ReportingPeriod.ToString(), r.AdaEligibility?.ToString() ?? "—" })
                {
                    html.Element("td", text);
                }

                foreach (var days in new[] { r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent })
                {
                    html.Element("td", DaysText(days), ("class", "num"));
                }

                html.Open("td");
                var first = true;
                foreach (var f in findings.Distinct())
                {
                    if (!first)
                    {
                        html.Text(", ");
                    }

                    first = false;
                    if (actions.Contains(f))
                    {
                        html.Element("a", $"{f.Rule.Id} {f.Rule.Title}", ("href", "#" + FindingAnchor(f)), ("data-rule", f.Rule.Id));
                    }
                    else
                    {
                        html.Element("span", $"{f.Rule.Id} {f.Rule.Title}", ("data-rule", f.Rule.Id));
                    }
                }

                html.Close("td").Close("tr");
            }

            html.Close("tbody").Close("table").Close("details");
        }
    }
}
