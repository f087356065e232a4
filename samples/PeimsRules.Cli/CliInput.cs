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
        NoteUnusedColumns(path, result.UnusedColumns);
        return result;
    }

    /// <summary>Writes a note on stderr naming the columns of <paramref name="path"/> that its layout does not read, if any.</summary>
    public static void NoteUnusedColumns(string path, IReadOnlyList<string> unusedColumns)
    {
        if (unusedColumns.Count > 0)
        {
            Console.Error.WriteLine($"note: {Path.GetFileName(path)}: column(s) not part of the layout, not read: {string.Join(", ", unusedColumns.Select(c => CliOutput.Echo(c)))}.");
        }
    }

    /// <summary>
    /// Reads a period-attendance file for figures: the library's columnar store where it holds the file (the fast path
    /// the summaries take), and the reader of the input contract whenever the run asks for another encoding or the file
    /// has any problem or a column the store does not hold, so that every problem is reported as the contract says (file, line, column, value).
    /// </summary>
    public static IReadOnlyCollection<BasicReportingPeriodAttendance> ReadForSummaries(string path)
    {
        if (Options == CsvInputOptions.Default)
        {
            var fast = PeimsRules.Csv.Columnar.AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.CollectAll);

            // A column the store does not hold (a misspelt column the contract's reader refuses) sends the file to the
            // contract's reader too. A file with birth dates is read as records already: the store keeps none.
            if (fast.Problems.Count == 0 && fast.UnusedColumns.Count == 0)
            {
                return fast.Records;
            }
        }

        return Read(path, BasicReportingPeriodAttendanceCsv.ReadFile, CsvErrorMode.StopAtFirst).Records;
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
