using System.Globalization;
using PeimsRules.Accountability;
using PeimsRules.Attendance;
using PeimsRules.Audit;
using PeimsRules.Csv;

namespace PeimsRules.Cli.Report;

/// <summary>
/// Writes a report folder: index.html (one self-contained page: charts inlined, no script, no file referenced), and
/// tables/*.csv behind every table.
/// </summary>
internal sealed partial class ReportWriter
{
    private const int TopCount = 15;

    private readonly DistrictReport report;
    private readonly HeatmapBounds heatmap;
    private readonly IReadOnlyList<string> notes;

    /// <param name="report">What the report shows.</param>
    /// <param name="given">Bounds given with --heatmap for one figure; the other (or both) are the district's quartiles.</param>
    /// <param name="notes">Notes shown under the title.</param>
    public ReportWriter(DistrictReport report, HeatmapRange? given, IReadOnlyList<string> notes)
    {
        this.report = report;
        this.notes = notes;
        heatmap = DefaultBounds(report, given);
    }

    /// <summary>The heatmap's bounds: the quartiles of the campus period cells of each figure, unless given.</summary>
    public static HeatmapBounds DefaultBounds(DistrictReport report, HeatmapRange? given)
    {
        var cells = report.ByCampus.Figures.Where(f => f.Population == Population.All && f.Period is not null).ToList();
        return HeatmapBounds.FromData(
            cells.Where(f => f.Ada.Published is not null).Select(f => f.Ada.Published!.Value).ToList(),
            cells.Where(f => f.Pia.Published is not null).Select(f => f.Pia.Published!.Value).ToList(),
            given);
    }

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
        written.Add(WriteCsv(Path.Combine(tables, "action-list.csv"), ActionListCsv()));
        using (var writer = new StreamWriter(Path.Combine(tables, "findings.csv")))
        {
            AuditCommand.WriteFindings(writer, report.Audit);
        }

        written.Add(Path.Combine(tables, "findings.csv"));
        foreach (var campus in report.Campuses)
        {
            var path = Path.Combine(records, $"{campus.Code}.csv");
            BasicReportingPeriodAttendanceCsv.WriteFile(path, report.RecordsOf(campus));
            written.Add(path);
        }

        var index = Path.Combine(folder, "index.html");
        using (var writer = new StreamWriter(index))
        {
            Page(writer);
        }

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
            yield return (campus, report.ChronicByCampus.Select(rates => rates.FirstOrDefault(r => r.Campus == campus)).ToList());
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
            var findings = report.FindingsOf(c.CampusId).ToList();
            var over = FindingMoney.Total(findings, MoneyColumn.AdaOverstated);
            var unclaimed = FindingMoney.Total(findings, MoneyColumn.AdaUnclaimed);
            var opportunity = FindingMoney.Total(findings, MoneyColumn.AttendanceOpportunity);
            yield return [c.CampusId.Code, report.NameOf(c.CampusId), Count(c.Findings), Count(c.Errors), Count(c.Warnings), Count(c.Notices), ReportFormat.Ada(over.Ada), ReportFormat.Dollars(over.Dollars), ReportFormat.Ada(unclaimed.Ada), ReportFormat.Dollars(unclaimed.Dollars), ReportFormat.Ada(opportunity.Ada), ReportFormat.Dollars(opportunity.Dollars), ReportFormat.Ada(c.RefinedAda), ReportFormat.Ada(c.AdaGainAtTarget), ReportFormat.Dollars(c.DollarsGainAtTarget)];
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

    private IEnumerable<IEnumerable<string>> ActionListCsv()
    {
        yield return ["Rank", "FindingId", "RuleId", "Rule", "Severity", "MoneyColumn", "CampusId", "StudentId", "ReportingPeriod", "Ada", "DollarsBasicAllotmentEquivalent", "Message"];
        var rank = 0;
        foreach (var f in report.ActionList)
        {
            yield return [Count(++rank), FindingMoney.Id(f), f.Rule.Id, f.Rule.Title, f.Severity.ToString(), FindingMoney.Column(f).ToString(), f.CampusId?.Code ?? string.Empty, f.StudentId?.Value ?? string.Empty, f.ReportingPeriod?.ToString() ?? string.Empty, FindingMoney.Ada(f) is { } a ? ReportFormat.Ada(a) : string.Empty, ReportFormat.Dollars(FindingMoney.Dollars(f)), f.Message];
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The page is in ReportWriter.Page.cs.

    private const string Css = """
        body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:2rem auto;max-width:76rem;color:#1b1f24;padding:0 1rem;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1.05rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.85rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top}thead th{background:#f6f8fa;text-align:left}
        tbody th{text-align:left;font-weight:normal;white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tr.district th,tr.district td{font-weight:bold;background:#eef3f8}
        .heat-low{background:#fdb863}.heat-mid{background:#f7f7f7}.heat-high{background:#92c5de}
        .mark{font-size:.7rem;margin-left:.2rem}.legend span{padding:.1rem .4rem;border:1px solid #d0d7de}
        .meta{color:#4d5560;font-size:.85rem}.note{background:#fff8c5;padding:.4rem .6rem;border-left:3px solid #d4a72c}
        .answers{display:flex;flex-wrap:wrap;gap:1rem}.answer{border:1px solid #d0d7de;padding:.6rem .9rem;min-width:14rem}.answer b{display:block;font-size:1.4rem}
        .answer.error{border-left:6px solid #D55E00}.answer.opportunity{border-left:6px solid #0072B2}
        tr.flagged td{background:#fff1e0}tr.flagged td:first-child{border-left:4px solid #D55E00}
        a{color:#0550ae}details{margin:.4rem 0}summary{cursor:pointer;font-weight:bold}img{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#4d5560}
        dl.rules dt{font-weight:bold;margin-top:.4rem}dl.rules dd{margin-left:1.2rem}code{font-size:.8rem}
        @media print{body{margin:0;max-width:none;font-size:10pt}details::details-content{display:block;content-visibility:visible}details>summary{list-style:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}.heat-low,.heat-mid,.heat-high,tr.district td,tr.flagged td,.answer{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """;
}
