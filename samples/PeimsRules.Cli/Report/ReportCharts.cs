using System.Globalization;
using PeimsRules.Attendance;

namespace PeimsRules.Cli.Report;

/// <summary>One chart of the page: its heading, the text that says what it shows, and the picture as SVG.</summary>
internal sealed record ReportChart(string Id, string Title, string Alt, string Svg);

/// <summary>
/// The report's charts as SVG (ScottPlot), inlined into the page, where a chart says it faster than a table. Plotting
/// takes floating-point coordinates; the figures plotted are the published ones, and no figure is computed here.
/// Elementary and secondary campuses are on separate charts (their attendance runs at different levels), each with the
/// district's line; the colours are the Okabe-Ito palette (told apart with colour vision deficiency), and each line
/// also has its own marker and a label in the legend.
/// </summary>
internal static class ReportCharts
{
    /// <summary>The longest campus name a legend shows: a longer one is cut, so it neither crowds out the chart nor slows its layout.</summary>
    private const int LegendNameLength = 40;

    /// <summary>The page's one font, which the charts use too.</summary>
    public const string Font = "DejaVu Sans";

    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

    private static readonly ScottPlot.MarkerShape[] Markers =
    [
        ScottPlot.MarkerShape.FilledCircle, ScottPlot.MarkerShape.FilledSquare, ScottPlot.MarkerShape.FilledTriangleUp,
        ScottPlot.MarkerShape.FilledDiamond, ScottPlot.MarkerShape.OpenCircle, ScottPlot.MarkerShape.OpenSquare, ScottPlot.MarkerShape.OpenTriangleUp,
    ];

    public static IReadOnlyList<ReportChart> Build(DistrictReport report)
    {
        ScottPlot.Fonts.Default = Font;
        var charts = new List<ReportChart>();
        var elementary = report.Campuses.Where(report.IsElementary).ToList();
        var secondary = report.Campuses.Where(c => !report.IsElementary(c)).ToList();
        if (elementary.Count > 0)
        {
            charts.Add(PiaByPeriod(report, elementary, "pia-elementary", "elementary"));
        }

        if (secondary.Count > 0)
        {
            charts.Add(PiaByPeriod(report, secondary, "pia-secondary", "secondary"));
        }

        charts.Add(AbsenceRates(report));
        return charts;
    }

    private static List<(int Period, decimal Pia)> Series(IEnumerable<AttendanceFigure> figures) =>
        figures.Where(f => f.Population == Population.All && f.Period is not null && f.Pia.Published is not null)
            .Select(f => (f.Period!.Value.Number, f.Pia.Published!.Value))
            .OrderBy(p => p.Number)
            .ToList();

    private static string P(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static ReportChart PiaByPeriod(DistrictReport report, IReadOnlyList<CampusId> campuses, string id, string level)
    {
        var plot = new ScottPlot.Plot();
        var described = new List<string>();
        var lowest = (Name: string.Empty, Period: 0, Pia: decimal.MaxValue);
        for (var i = 0; i < campuses.Count; i++)
        {
            var campus = campuses[i];
            var points = Series(report.ByCampus.Figures.Where(f => f.Group.Campus == campus));
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => (double)p.Period).ToArray(), points.Select(p => (double)p.Pia).ToArray());
            line.LegendText = CliOutput.Echo(report.NameOf(campus), LegendNameLength);
            line.Color = ScottPlot.Color.FromHex(Palette[i % Palette.Length]);
            line.MarkerShape = Markers[i % Markers.Length];
            line.MarkerSize = 8;
            line.LineWidth = 2;
            foreach (var p in points.Where(p => p.Pia < lowest.Pia))
            {
                lowest = (report.NameOf(campus), p.Period, p.Pia);
            }
        }

        var district = Series(report.ByDistrict.Figures);
        if (district.Count > 0)
        {
            var line = plot.Add.Scatter(district.Select(p => (double)p.Period).ToArray(), district.Select(p => (double)p.Pia).ToArray());
            line.LegendText = "District";
            line.Color = ScottPlot.Color.FromHex("#000000");
            line.LinePattern = ScottPlot.LinePattern.Dashed;
            line.LineWidth = 3;
            line.MarkerShape = ScottPlot.MarkerShape.None;
            described.Add($"the district runs from {P(district[0].Pia)} in period {district[0].Period} to {P(district[^1].Pia)} in period {district[^1].Period}");
        }

        if (lowest.Period > 0)
        {
            described.Add($"the lowest point is {lowest.Name}, {P(lowest.Pia)} in period {lowest.Period}");
        }

        plot.Axes.Bottom.SetTicks([1, 2, 3, 4, 5, 6], ["1", "2", "3", "4", "5", "6"]);
        var title = $"Percent in attendance by reporting period, {level} campuses and the district";
        plot.XLabel("reporting period (six weeks)");
        plot.YLabel("percent in attendance (PIA)");
        plot.ShowLegend(ScottPlot.Edge.Right);
        var alt = $"Line chart: percent in attendance in each of the six reporting periods for {campuses.Count} {level} campus{(campuses.Count == 1 ? string.Empty : "es")} ({string.Join(", ", campuses.Select(report.NameOf))}) and the district as a dashed line; {string.Join("; ", described)}. The figures are in the six-week grid above.";
        return new ReportChart(id, title, alt, plot.GetSvgXml(900, 420));
    }

    private static ReportChart AbsenceRates(DistrictReport report)
    {
        // Students by absence rate, in bins of two percentage points, the last bin holding 40% and more.
        const int binWidth = 2;
        const int bins = 21;
        var counts = new double[bins];
        var students = report.StudentYears();
        foreach (var student in students)
        {
            var percent = (int)student.AbsencePercent.Round(0, MidpointRounding.ToZero);
            counts[Math.Min(bins - 1, percent / binWidth)]++;
        }

        var plot = new ScottPlot.Plot();
        var positions = Enumerable.Range(0, bins).Select(i => (double)((i * binWidth) + (binWidth / 2.0))).ToArray();
        var bars = plot.Add.Bars(positions, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = binWidth * 0.9;
            bar.FillColor = ScottPlot.Color.FromHex(bar.Position >= 10 ? "#D55E00" : "#0072B2");
        }

        var line = plot.Add.VerticalLine(10);
        line.LegendText = "10% absent: chronic absence from here (federal FS195)";
        line.Color = ScottPlot.Color.FromHex("#000000");
        line.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        var title = "Students by absence rate (days absent ÷ days in membership)";
        plot.XLabel("absence rate, percent (bins of 2 points; the last holds 40% and more)");
        plot.YLabel("students");
        var chronic = students.Count(s => s.AbsencePercent >= Ratio.FromInteger(10));
        var alt = $"Bar chart: {ReportFormat.Count(students.Count)} students at their campuses by absence rate over the year, in bins of two percentage points; {ReportFormat.Count(chronic)} of them are absent 10% or more (to the right of the dashed line, bars in orange). The counts are in tables/students.csv.";
        return new ReportChart("absence-rates", title, alt, plot.GetSvgXml(900, 420));
    }
}
