using PeimsRules.Audit;
using PeimsRules.Cli;
using PeimsRules.Cli.Report;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// A report on a file of several districts (an education service center's, or a shared-services arrangement's): each
/// district is its own row, with its own figure and its own findings, on the console and in the page's grid.
/// </summary>
public sealed class ReportSummarySpecification : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"peimsrules-summary-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// District 101912: one reporting error, ATT-01, ADA code 4 with 18 eligible days of 20 taught: 18 / 20 / 6 = 0.150
    /// ADA overstated, $924.00 at the 2023-24 basic allotment of $6,160. District 227901: one student present 19 of 20
    /// days on code 1, no finding.
    /// </summary>
    private static DistrictReport TwoDistricts() => DistrictReport.Compute(
        new ReportInput(
            [
                Given.Record(student: "S1", code: 4, taught: 20, eligible: 18, absent: 2, campus: "101912001"),
                Given.Record(student: "S2", code: 1, taught: 20, eligible: 19, absent: 1, campus: "227901001"),
            ],
            [],
            [],
            new Dictionary<CampusId, string>(),
            null,
            "two-districts.csv"),
        AuditOptions.Default);

    [Fact]
    public void With_two_districts_the_console_summary_has_one_row_per_district_each_counting_only_its_own_findings()
    {
        var rows = ReportCommand.SummaryRows(TwoDistricts());

        Assert.Equal(["District 101912", "101912001", "District 227901", "227901001"], rows.Select(r => r.Name));
        var first = rows[0];
        var second = rows[2];
        Assert.Equal(DistrictId.Parse("101912"), first.Year!.Group.District);
        Assert.Equal(DistrictId.Parse("227901"), second.Year!.Group.District);
        Assert.Equal(1, first.Errors);
        Assert.Equal(924.00m, FindingMoney.Total(first.Findings, AuditMoneyColumn.AdaOverstated).Dollars);
        Assert.Equal(0, second.Errors);
        Assert.Empty(second.Findings);
        Assert.Equal(0m, FindingMoney.Total(second.Findings, AuditMoneyColumn.AdaOverstated).Dollars);
    }

    [Fact]
    public void With_two_districts_the_six_week_grid_has_a_row_for_each_district_with_its_own_figures()
    {
        var report = TwoDistricts();
        new ReportWriter(report, null, []).Write(_folder);

        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        var grid = html[html.IndexOf("<table id=\"six-week-grid\">", StringComparison.Ordinal)..];
        grid = grid[..grid.IndexOf("</table>", StringComparison.Ordinal)];
        var districtRows = grid.Split("<tr class=\"district\">")[1..].Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)]).ToList();
        Assert.Equal(4, districtRows.Count);
        foreach (var (row, district) in districtRows.Zip(new[] { "101912", "101912", "227901", "227901" }))
        {
            Assert.Contains($">District {district}</a>", row, StringComparison.Ordinal);
            Assert.Contains($"data-district=\"{district}\"", row, StringComparison.Ordinal);
            Assert.DoesNotContain(district == "101912" ? "data-district=\"227901\"" : "data-district=\"101912\"", row, StringComparison.Ordinal);
        }

        Assert.Contains("<h1>Attendance and funding, 2023-24: 2 districts</h1>", html, StringComparison.Ordinal);
    }
}
