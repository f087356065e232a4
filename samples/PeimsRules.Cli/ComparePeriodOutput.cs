using System.Globalization;
using PeimsRules.Reconciliation;

namespace PeimsRules.Cli;

/// <summary>
/// What <c>compare --period N</c> prints: submitted against re-collected. One CSV row per group (campus by default) and
/// population of period N: the ADA before and after, their difference, and the dollars that difference carries at the
/// year's basic allotment (the period is one sixth of the refined ADA: ADA difference ÷ 6 × basic allotment; basic
/// allotment only). Then a line on stderr, for scripts:
/// <c>compare-period: period=2 rows=3 ada-difference=-0.567 dollars=-581.59</c> (the All population's printed rows
/// summed, dollars as the sum of the rows' rounded dollars).
/// </summary>
internal static class ComparePeriodOutput
{
    public static void Write(TextWriter output, TextWriter summary, AttendanceComparison comparison, int period, bool changedOnly)
    {
        output.WriteLine("DistrictId,CampusId,GradeLevel,InstructionalTrack,Population,ReportingPeriod,AdaBefore,AdaAfter,AdaDifference,AdaDifferenceExact,BasicAllotmentDollars");
        var rows = comparison.Figures.Where(f => !changedOnly || f.IsDifferent).ToList();
        foreach (var row in rows)
        {
            var dollars = comparison.BasicAllotmentDollars(row);
            output.WriteLine(string.Join(
                ',',
                (row.Group.District ?? row.Group.Campus?.District)?.Code ?? string.Empty,
                row.Group.Campus?.Code ?? string.Empty,
                row.Group.GradeLevel?.Code ?? string.Empty,
                row.Group.InstructionalTrack?.Code ?? string.Empty,
                row.Population.ToString(),
                row.Period?.ToString() ?? "Year",
                AdaCommand.CsvValue(row.Ada.Before),
                AdaCommand.CsvValue(row.Ada.After),
                row.Ada.PublishedDifference is { } published ? CliOutput.Format(published) : "NotComputable",
                row.Ada.ExactDifference?.ToString() ?? "NotComputable",
                dollars?.ToString("0.00", CultureInfo.InvariantCulture) ?? "NotComputable"));
        }

        var all = rows.Where(r => r.Population == Attendance.Population.All).ToList();
        var adaSum = all.Aggregate((Ratio?)Ratio.Zero, (sum, r) => sum is { } s && r.Ada.ExactDifference is { } d ? s + d : null);
        var dollarSum = all.Aggregate((decimal?)0m, (sum, r) => sum is { } s && comparison.BasicAllotmentDollars(r) is { } d ? s + d : null);
        summary.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"compare-period: period={period} rows={rows.Count} ada-difference={(adaSum is { } a ? CliOutput.Format(a.Round(3, MidpointRounding.AwayFromZero)) : "NotComputable")} dollars={dollarSum?.ToString("0.00", CultureInfo.InvariantCulture) ?? "NotComputable"}"));
    }
}
