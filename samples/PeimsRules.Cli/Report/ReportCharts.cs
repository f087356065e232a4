using PeimsRules.Attendance;

namespace PeimsRules.Cli.Report;

/// <summary>
/// The report's charts as PNG (ScottPlot), where a chart says it faster than a table. Plotting takes floating-point
/// coordinates; the figures plotted are the published ones, and no figure is computed here.
/// </summary>
internal static class ReportCharts
{
    /// <summary>The longest campus name a legend shows: a longer one is cut, so it neither crowds out the chart nor slows its layout.</summary>
    private const int LegendNameLength = 40;

    public static IReadOnlyList<string> Write(DistrictReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        return [AdaByPeriod(report, Path.Combine(folder, "ada-by-period.png")), AbsenceRates(report, Path.Combine(folder, "absence-rates.png"))];
    }

    private static string AdaByPeriod(DistrictReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var campus in report.Campuses)
        {
            var rows = report.ByCampus.Figures
                .Where(f => f.Group.Campus == campus && f.Population == Population.All && f.Period is not null && f.Ada.Published is not null)
                .ToList();
            var xs = rows.Select(f => (double)f.Period!.Value.Number).ToArray();
            var ys = rows.Select(f => (double)f.Ada.Published!.Value).ToArray();
            if (xs.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = CliOutput.Echo(report.NameOf(campus), LegendNameLength);
        }

        plot.Axes.Bottom.SetTicks([1, 2, 3, 4, 5, 6], ["1", "2", "3", "4", "5", "6"]);
        plot.Title("ADA by reporting period");
        plot.XLabel("reporting period");
        plot.YLabel("ADA");
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.SavePng(path, 900, 450);
        return path;
    }

    private static string AbsenceRates(DistrictReport report, string path)
    {
        // Students by absence rate, in bins of two percentage points, the last bin holding 40% and more.
        const int binWidth = 2;
        const int bins = 21;
        var counts = new double[bins];
        foreach (var student in report.StudentYears())
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
        }

        var line = plot.Add.VerticalLine(10);
        line.LegendText = "10% absent";
        plot.Title("Students by absence rate (days absent ÷ days in membership)");
        plot.XLabel("absence rate, percent");
        plot.YLabel("students");
        plot.SavePng(path, 900, 450);
        return path;
    }
}
