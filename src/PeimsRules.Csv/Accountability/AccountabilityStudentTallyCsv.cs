using PeimsRules.Accountability;
using PeimsRules.Csv.Columnar;

namespace PeimsRules.Csv.Accountability;

/// <summary>What <see cref="AccountabilityStudentTallyCsv.ReadFile"/> returns: the students' tally of the file's records, and every problem.</summary>
public sealed class AccountabilityStudentTallyRead
{
    internal AccountabilityStudentTallyRead(AccountabilityStudentTally tally, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns, bool streamed)
    {
        Tally = tally;
        Problems = problems;
        UnusedColumns = unusedColumns;
        Streamed = streamed;
    }

    /// <summary>The tally of the records that had no problem.</summary>
    public AccountabilityStudentTally Tally { get; }

    /// <summary>Every problem, in file order (with <see cref="CsvErrorMode.CollectAll"/>; the first one is thrown otherwise).</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>
    /// Whether the file was tallied as a stream straight from its bytes (a file in plain form and campus order, see
    /// <see cref="AttendancePartialsCsv"/>), rather than read into records first.
    /// </summary>
    public bool Streamed { get; }
}

/// <summary>
/// Reads a period-attendance file (<see cref="BasicReportingPeriodAttendanceCsv"/>) into the students' tally of the
/// accountability attendance and dropout rates (<see cref="AccountabilityStudentTally"/>), keeping no record.
/// </summary>
/// <remarks>
/// The library chooses how, and the tally and the problems are the same every way. A file as TEA extracts and
/// <c>generate</c> write it (in plain form and campus order, as <see cref="AttendancePartialsCsv"/> says) is tallied as
/// a stream, on every core, straight from its bytes. Any other file, or other input options, is read record by record
/// by the input contract's reader (docs/input-contract.md), which reports every problem with its file, line, column
/// and value.
/// </remarks>
public static class AccountabilityStudentTallyCsv
{
    /// <summary>Reads <paramref name="path"/> into a students' tally (see the remarks of the class).</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">Whether to stop at the first problem or collect them all.</param>
    /// <param name="options">The encoding and limits; <see langword="null"/> for <see cref="CsvInputOptions.Default"/>.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="OverflowException">A student's days add up to more than can be counted.</exception>
    public static AccountabilityStudentTallyRead ReadFile(string path, CsvErrorMode mode, CsvInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path, mode, options, threads: null, PlainPeriodFile.DefaultBlockBytes);
    }

    /// <summary>As <see cref="ReadFile"/>, with the stream's threads and block size (small blocks test the seams).</summary>
    internal static AccountabilityStudentTallyRead ReadFileCore(string path, CsvErrorMode mode, CsvInputOptions? options, int? threads, int blockBytes)
    {
        // Another encoding or other limits are the input contract's reader's to apply: the stream reads ASCII within its own limits.
        if ((options ?? CsvInputOptions.Default) == CsvInputOptions.Default && PlainPeriodFile.TryTallyStudents(path, threads, blockBytes) is { } streamed)
        {
            return new AccountabilityStudentTallyRead(streamed, [], [], streamed: true);
        }

        var read = BasicReportingPeriodAttendanceCsv.ReadEach(path, mode, options);
        var tally = new AccountabilityStudentTally().AddRange(read);
        return new AccountabilityStudentTallyRead(tally, read.Problems, read.UnusedColumns, streamed: false);
    }
}
