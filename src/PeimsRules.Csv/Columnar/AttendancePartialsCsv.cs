using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Csv.Columnar;

/// <summary>What <see cref="AttendancePartialsCsv.ReadFile"/> returns: the partial sums of the file's records, and every problem.</summary>
public sealed class AttendancePartialsRead
{
    internal AttendancePartialsRead(
        IReadOnlyList<SchoolYear> schoolYears, AttendancePartials? partials, long recordCount, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns, bool streamed)
    {
        SchoolYears = schoolYears;
        Partials = partials;
        RecordCount = recordCount;
        Problems = problems;
        UnusedColumns = unusedColumns;
        Streamed = streamed;
    }

    /// <summary>The school years of the records, in order: one for a file the figures can be computed from.</summary>
    public IReadOnlyList<SchoolYear> SchoolYears { get; }

    /// <summary>
    /// The partial sums of the records that had no problem, under the rules of their school year
    /// (<see cref="RuleSet.For(SchoolYear)"/>); <see langword="null"/> when the file holds no record or records of more
    /// than one school year (<see cref="SchoolYears"/>).
    /// </summary>
    public AttendancePartials? Partials { get; }

    /// <summary>The records summed (rows with a problem are not records).</summary>
    public long RecordCount { get; }

    /// <summary>Every problem, in file order (with <see cref="CsvErrorMode.CollectAll"/>; the first one is thrown otherwise).</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>
    /// Whether the file was summed as a stream straight from its bytes (a file in plain form and campus order, see
    /// <see cref="AttendancePartialsCsv"/>), rather than loaded into a store or read into records first.
    /// </summary>
    public bool Streamed { get; }
}

/// <summary>
/// Reads a period-attendance file (<see cref="BasicReportingPeriodAttendanceCsv"/>) into the partial sums behind every
/// attendance figure (<see cref="AttendancePartials"/>): what <see cref="AttendanceSummary.FromPartials"/> turns into
/// every period ADA, refined ADA and PIA of any grouping, without keeping a record.
/// </summary>
/// <remarks>
/// <para>
/// The library chooses how, and the sums and problems are the same every way. A file as TEA extracts and
/// <c>generate</c> write it (the layout's columns with no other column, ASCII text, every value in plain form, every
/// record valid, the rows of a campus together and by student id within a campus) is summed as a stream, on every
/// core, straight from its bytes: memory stays that of the sums (a few bytes a fine cell), whatever the size of the
/// file. Any other file (rows in another order, a value written another way, a problem, a birth date column, another
/// encoding) is read by <see cref="AttendanceStoreCsv.ReadFileForSummaries"/>, which loads it into a store or reads it
/// as the input contract says (docs/input-contract.md), and its records are summed.
/// </para>
/// <para>
/// Partial sums keep no records: for drill-down (the records behind a figure), the birth dates of the 2025-26 pre-K
/// four-year-olds row, or the audit, read the records (<see cref="AttendanceStoreCsv.ReadFileForSummaries"/>).
/// </para>
/// </remarks>
public static class AttendancePartialsCsv
{
    /// <summary>Reads <paramref name="path"/> into partial sums (see the remarks of the class).</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">Whether to stop at the first problem or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AttendancePartialsRead ReadFile(string path, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path, mode, threads: null, PlainPeriodFile.DefaultBlockBytes);
    }

    /// <summary>As <see cref="ReadFile(string, CsvErrorMode)"/>, with the stream's threads and block size (small blocks test the seams).</summary>
    internal static AttendancePartialsRead ReadFileCore(string path, CsvErrorMode mode, int? threads, int blockBytes)
    {
        if (PlainPeriodFile.TrySum(path, threads, blockBytes) is { } sums)
        {
            return sums.SchoolYear is { } year
                ? new AttendancePartialsRead([year], sums.ToPartials(RuleSet.For(year)), sums.Records, [], [], streamed: true)
                : new AttendancePartialsRead([], null, 0, [], [], streamed: true);
        }

        if (new FileInfo(path) is { Exists: true, Length: 0 })
        {
            // No length to cut into blocks: an empty file, a device or a pipe is read by the contract's reader, which
            // stops an endless line at its limit.
            var text = BasicReportingPeriodAttendanceCsv.ReadFile(path, mode);
            return OfRecords(text.Records, text.Problems, text.UnusedColumns);
        }

        var read = AttendanceStoreCsv.ReadFileForSummaries(path, mode);
        if (read.Records is AttendanceStore store)
        {
            return store.SchoolYear is { } storeYear
                ? new AttendancePartialsRead([storeYear], store.AggregateCore(RuleSet.For(storeYear), focus: null, maxDegreeOfParallelism: null), store.Count, read.Problems, read.UnusedColumns, streamed: false)
                : new AttendancePartialsRead([], null, 0, read.Problems, read.UnusedColumns, streamed: false);
        }

        return OfRecords(read.Records, read.Problems, read.UnusedColumns);
    }

    /// <summary>The sums of records read as records (<see cref="AttendancePartials.Of"/>), when they are of one school year.</summary>
    private static AttendancePartialsRead OfRecords(
        IReadOnlyCollection<BasicReportingPeriodAttendance> records, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns)
    {
        var years = records.Select(r => r.SchoolYear).Distinct().Order().ToList();
        var partials = years.Count == 1 ? AttendancePartials.Of(records, RuleSet.For(years[0])) : null;
        return new AttendancePartialsRead(years, partials, records.Count, problems, unusedColumns, streamed: false);
    }
}
