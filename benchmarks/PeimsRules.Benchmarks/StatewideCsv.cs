using System.Globalization;
using PeimsRules.Csv;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The ingest benchmark's file: one six-weeks submission of the whole synthetic state (period 1 of every student,
/// 5.5 million rows at scale 1) in the canonical layout, written once per scale into the temp directory.
/// </summary>
public static class StatewideCsv
{
    /// <summary>The file's path, written first if it is not there yet.</summary>
    public static string Ensure(double scale)
    {
        var directory = Path.Combine(Path.GetTempPath(), "peims-benchmarks");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"statewide-period1-scale{scale}.csv"));
        if (!File.Exists(path))
        {
            var partial = path + ".partial";
            BasicReportingPeriodAttendanceCsv.WriteFile(partial, new StatewideData(scale).BuildList(period: 1));
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    /// <summary>
    /// The end-to-end benchmark's file: all six periods of the synthetic state (33 million rows at scale 1, what
    /// a year's final submission holds), in the canonical layout, written once per scale as a stream.
    /// </summary>
    /// <param name="scale">The fraction of the state.</param>
    /// <param name="schoolYear">The school year, by the year it ends in: 2024 (2023-24), or 2026 (2025-26, the first year with the pre-K four-year-olds row) for the same records.</param>
    public static string EnsureYear(double scale, int schoolYear = 2024)
    {
        var directory = Path.Combine(Path.GetTempPath(), "peims-benchmarks");
        Directory.CreateDirectory(directory);
        var name = schoolYear == 2024 ? $"statewide-year-scale{scale}.csv" : $"statewide-year{schoolYear}-scale{scale}.csv";
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}"));
        if (!File.Exists(path))
        {
            var partial = path + ".partial";
            BasicReportingPeriodAttendanceCsv.WriteFile(partial, new StatewideData(scale, schoolYear: schoolYear).RecordObjects());
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
