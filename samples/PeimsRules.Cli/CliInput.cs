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
    /// the summaries take), and the reader of the input contract otherwise (another encoding, any problem, birth dates),
    /// stopping at the first problem, so that every problem is reported as the contract says (file, line, column, value).
    /// </summary>
    public static IReadOnlyCollection<BasicReportingPeriodAttendance> ReadForSummaries(string path)
    {
        var read = PeimsRules.Csv.Columnar.AttendanceStoreCsv.ReadFileForSummaries(path, CsvErrorMode.StopAtFirst, Options);
        NoteUnusedColumns(path, read.UnusedColumns);
        return read.Records;
    }

    /// <summary>
    /// Reads a period-attendance file whole, for a verb that shows records (audit, audit-period, report, chronic, compare):
    /// a clean file through the library's columnar store (read on every core, no object per row until the records are
    /// handed out), and any other file by the reader of the input contract in <paramref name="mode"/>
    /// (<see cref="PeimsRules.Csv.Columnar.AttendanceStoreCsv.ReadFileForSummaries"/> chooses), so that every problem is
    /// reported as the contract says (file, line, column, value) and the records are the same either way.
    /// </summary>
    public static PeriodFileRead ReadWhole(string path, CsvErrorMode mode)
    {
        var read = PeimsRules.Csv.Columnar.AttendanceStoreCsv.ReadFileForSummaries(path, mode, Options);
        NoteUnusedColumns(path, read.UnusedColumns);
        if (read.ContractRead is { } contract)
        {
            return new PeriodFileRead(contract.Records, contract);
        }

        return new PeriodFileRead(read.Records, null);
    }

    /// <summary>The school years of <paramref name="records"/>, in order: a store's one year without rebuilding a record.</summary>
    public static IReadOnlyList<SchoolYear> YearsOf(IEnumerable<BasicReportingPeriodAttendance> records) =>
        records is PeimsRules.Attendance.Columnar.AttendanceStore store
            ? (store.SchoolYear is { } year ? [year] : [])
            : records.Select(r => r.SchoolYear).Distinct().Order().ToList();

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

/// <summary>A period-attendance file read whole: its records, and the contract reader's result when that reader read it.</summary>
/// <param name="Records">
/// The records of the rows that had no problem, in file order: the columnar store a clean file was read into (the
/// calculators and the audit take its own paths, rebuilding records only as they need them), or the contract reader's list.
/// </param>
/// <param name="ByContract">The input contract's read (problems, lines of records), or null for a clean file read through the store.</param>
internal sealed record PeriodFileRead(IReadOnlyCollection<BasicReportingPeriodAttendance> Records, CsvReadResult<BasicReportingPeriodAttendance>? ByContract)
{
    /// <summary>The school years of the records, in order.</summary>
    public IReadOnlyList<SchoolYear> Years => CliInput.YearsOf(Records);

    /// <summary>The problems of the file as audit findings (none for a clean file).</summary>
    public IReadOnlyList<PeimsRules.Audit.AuditFinding> ReaderFindings() => ByContract is null ? [] : AuditCsv.ReaderFindings(ByContract);
}
