using PeimsRules.Csv;

namespace PeimsRules.Cli;

/// <summary>How every verb reads its files: the input contract's options (--encoding) and a note for each column not read.</summary>
internal static class CliInput
{
    /// <summary>The options of this run (set once from the command line, before the verb runs).</summary>
    public static CsvInputOptions Options { get; set; } = CsvInputOptions.Default;

    /// <summary>
    /// Reads <paramref name="path"/> with <paramref name="reader"/> under this run's options, and writes a note on
    /// stderr for each column of the file that its layout does not read (a misspelt one is a problem of the file).
    /// </summary>
    public static CsvReadResult<T> Read<T>(string path, Func<string, CsvErrorMode, CsvInputOptions, CsvReadResult<T>> reader, CsvErrorMode mode)
    {
        var result = reader(path, mode, Options);
        if (result.UnusedColumns.Count > 0)
        {
            Console.Error.WriteLine($"note: {Path.GetFileName(path)}: column(s) not part of the layout, not read: {string.Join(", ", result.UnusedColumns.Select(c => CliOutput.Echo(c)))}.");
        }

        return result;
    }

    /// <summary>Reads a --prior-year file: 2018-19 records only, a record of another year named by its line.</summary>
    public static IReadOnlyList<BasicReportingPeriodAttendance> ReadPriorYear(string path)
    {
        var result = Read(path, BasicReportingPeriodAttendanceCsv.ReadFile, CsvErrorMode.StopAtFirst);
        var priorYear = new SchoolYear(2019);
        for (var i = 0; i < result.Records.Count; i++)
        {
            if (result.Records[i].SchoolYear != priorYear)
            {
                throw new PeimsCsvException(new CsvProblem(
                    path, result.RecordLines[i], BasicReportingPeriodAttendanceCsv.SchoolYear.Name, result.Records[i].SchoolYear.ToString(),
                    $"the --prior-year file holds the 2018-19 records behind the 2019-20 COVID-19 historical ratio; this record is of {result.Records[i].SchoolYear.DisplayName}."));
            }
        }

        return result.Records;
    }
}
