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

    /// <summary>
    /// Reads a period-attendance file whole, for a verb that shows records (audit, audit-period, report, chronic, compare):
    /// a clean file through the library's columnar store (read on every core, no object per row until the records are
    /// handed out), and any other file by the reader of the input contract in <paramref name="mode"/>, so that every
    /// problem is reported as the contract says (file, line, column, value) and the records are the same either way.
    /// </summary>
    /// <remarks>
    /// The contract's reader takes the file when this run reads another encoding, when the header names a birth date
    /// (the store keeps none), and when the store finds any problem or a column it does not hold.
    /// </remarks>
    public static PeriodFileRead ReadWhole(string path, CsvErrorMode mode)
    {
        if (Options == CsvInputOptions.Default && !MayHoldBirthDates(path) && !HasOverLongLine(path, CsvInputOptions.DefaultMaximumLineLength))
        {
            try
            {
                var loaded = PeimsRules.Csv.Columnar.AttendanceStoreCsv.LoadFile(path, PeimsRules.Csv.Columnar.AttendanceStoreCsvOptions.Default with { Mode = CsvErrorMode.CollectAll });
                if (loaded.Problems.Count == 0 && loaded.UnusedColumns.Count == 0)
                {
                    return new PeriodFileRead(loaded.Store.ToArray(), null);
                }
            }
            catch (PeimsCsvException)
            {
                // Read below by the contract's reader, which names the problem.
            }
        }

        var result = Read(path, BasicReportingPeriodAttendanceCsv.ReadFile, mode);
        return new PeriodFileRead(result.Records, result);
    }

    /// <summary>
    /// Whether a line of <paramref name="path"/> is longer than <paramref name="limit"/> bytes: the contract's reader
    /// reports such a line as its own problem, which the store does not check, so such a file is left to that reader.
    /// </summary>
    private static bool HasOverLongLine(string path, int limit)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[1 << 20];
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var rest = buffer.AsSpan(0, read);
                for (var nl = rest.IndexOf((byte)'\n'); nl >= 0; nl = rest.IndexOf((byte)'\n'))
                {
                    if (length + nl > limit)
                    {
                        return true;
                    }

                    length = 0;
                    rest = rest[(nl + 1)..];
                }

                length += rest.Length;
                if (length > limit)
                {
                    return true;
                }
            }

            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>
    /// Whether the header line of <paramref name="path"/> may name the birth date column (BirthDate or E0006); a header
    /// this cannot read plainly (quoted, or not there) counts as may, leaving the file to the contract's reader.
    /// </summary>
    private static bool MayHoldBirthDates(string path)
    {
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            var header = reader.ReadLine();
            if (header is null || header.Contains('"', StringComparison.Ordinal))
            {
                return true;
            }

            return header.Split(',').Any(h => h.Trim() is var name
                && (name.Equals(BasicReportingPeriodAttendanceCsv.BirthDate.Name, StringComparison.OrdinalIgnoreCase)
                    || name.Equals(BasicReportingPeriodAttendanceCsv.BirthDate.Element, StringComparison.OrdinalIgnoreCase)));
        }
        catch (IOException)
        {
            return true;
        }
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

/// <summary>A period-attendance file read whole: its records, and the contract reader's result when that reader read it.</summary>
/// <param name="Records">The records of the rows that had no problem, in file order.</param>
/// <param name="ByContract">The input contract's read (problems, lines of records), or null for a clean file read through the store.</param>
internal sealed record PeriodFileRead(IReadOnlyList<BasicReportingPeriodAttendance> Records, CsvReadResult<BasicReportingPeriodAttendance>? ByContract)
{
    /// <summary>The problems of the file as audit findings (none for a clean file).</summary>
    public IReadOnlyList<PeimsRules.Audit.AuditFinding> ReaderFindings() => ByContract is null ? [] : AuditCsv.ReaderFindings(ByContract);
}

