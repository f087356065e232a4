using System.Text;
using Microsoft.Win32.SafeHandles;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The attendance-marks file read from its bytes straight into a <see cref="DailyAttendanceMarks"/>, on several
/// threads: what <see cref="DailyAttendanceMarkCsv.ReadFile(string, CsvErrorMode, CsvInputOptions)"/> does. It gives the
/// records, problems and counts the row-by-row reference reader (<see cref="DailyAttendanceMarkCsv.ReadReference"/>)
/// gives, which a property over generated clean and damaged files checks.
/// </summary>
/// <remarks>
/// <para>
/// A row is read here only when it is written plainly: printable ASCII with no quote, as many fields as the header,
/// each field within the field limit and with no space around it, and each value in the one form the reference reader
/// surely accepts (an id of letters, digits and hyphens, nine digits, <c>yyyy-MM-dd</c> within the known school
/// years, <c>HH:mm</c> or <c>HH:mm:ss</c> ending after the start, <c>P</c>, <c>A</c> or <c>F</c> in either case).
/// Every other row (a bad value, a quoted field, a byte outside ASCII, an over-long line) is handed, with the rows
/// like it, to the reference reader behind the file's header, so that the reference decides each problem and its
/// wording; only its line number is put back. The repeated-mark check then runs over every record in file order, on
/// compact keys (student, day, start, end, campus as numbers): while each student's days come in order (as files sorted
/// by student or by date are, the marks of a day in any order) a repeat can only be among the student's marks of its
/// latest day, and from the first day out of that order an index of all keys so far decides.
/// </para>
/// <para>
/// A file the pass cannot be sure of as a whole (no plain header, a header the layout refuses, a byte order mark
/// other than UTF-8's, a line with no end within 64 times the line limit) is read by the reference reader from its
/// start.
/// </para>
/// </remarks>
internal static class DailyAttendanceMarkFile
{
    /// <summary>The bytes read at a time by each thread.</summary>
    internal const int DefaultBlockBytes = 1 << 20;

    /// <summary>The bytes of rows handed to the reference reader at a time.</summary>
    private const int BatchBytes = 1 << 18;

    /// <summary>Reads <paramref name="path"/> as the reference reader does.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <param name="options">The encoding and limits.</param>
    /// <param name="threads">The threads to read on; <see langword="null"/> for one per 4 MiB of rows, up to one per processor.</param>
    /// <param name="blockBytes">The bytes each thread reads at a time (small values test the seams between blocks).</param>
    public static CsvReadResult<DailyAttendanceMark> Read(string path, CsvErrorMode mode, CsvInputOptions options, int? threads = null, int blockBytes = DefaultBlockBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (Directory.Exists(path))
        {
            return DailyAttendanceMarkCsv.ReadReference(path, mode, options);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var reporter = new Reporter(path, mode, options.MaximumProblems);
        if (ReadHeader(handle, length, path, options, reporter) is not { } header)
        {
            return DailyAttendanceMarkCsv.ReadReference(path, mode, options);
        }

        if (reporter.Stopped)
        {
            return reporter.Result(DailyAttendanceMarks.Empty, [], header.Unused);
        }

        var rows = length - header.DataStart;
        var count = threads is { } given
            ? Math.Max(1, given)
            : (int)Math.Clamp(rows / (4L << 20), 1, Environment.ProcessorCount);
        // A thread's rows stay under 1 GiB, so that its line numbers fit an int.
        count = (int)Math.Max(count, (rows >> 30) + 1);
        var starts = new long[count + 1];
        starts[0] = header.DataStart;
        starts[count] = length;
        for (var k = 1; k < count; k++)
        {
            starts[k] = Math.Max(starts[k - 1], Columnar.PlainPeriodFile.LineStartAtOrAfter(handle, header.DataStart + (rows * k / count), length));
        }

        var chunks = new DailyAttendanceMarkChunk[count];
        var context = new Context(path, header.Index, header.FieldCount, header.HeaderBytes, options);
        ForEach(count, k => chunks[k] = DailyAttendanceMarkChunk.Read(handle, context, starts[k], starts[k + 1], Math.Max(16, blockBytes)));
        if (chunks.Any(c => c.GaveUp))
        {
            return DailyAttendanceMarkCsv.ReadReference(path, mode, options);
        }

        var firstLine = header.Line + 1;
        foreach (var chunk in chunks)
        {
            chunk.FirstLine = firstLine;
            firstLine += chunk.Lines;
        }

        new RepeatedMarks().Decide(chunks, reporter);
        var lines = new long[chunks.Sum(c => c.Accepted)];
        var offsets = new int[count];
        for (var k = 1; k < count; k++)
        {
            offsets[k] = offsets[k - 1] + chunks[k - 1].Accepted;
        }

        var pieces = new DailyAttendanceMarks[count];
        ForEach(count, k => pieces[k] = chunks[k].ToMarks(lines.AsSpan(offsets[k], chunks[k].Accepted)));
        DailyAttendanceMarks marks;
        if (count == 1)
        {
            marks = pieces[0];
        }
        else
        {
            var all = new DailyAttendanceMarks.Builder(lines.Length);
            foreach (var piece in pieces)
            {
                all.AddRange(piece);
            }

            marks = all.ToMarks();
        }

        return reporter.Result(marks, lines, header.Unused);
    }

    private static void ForEach(int count, Action<int> body)
    {
        if (count == 1)
        {
            body(0);
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, body);
        }
    }

    /// <summary>
    /// The header, matched to the layout as the reference reader matches it (its problems reported), or
    /// <see langword="null"/> when the file is to be read by the reference reader from its start.
    /// </summary>
    private static Header? ReadHeader(SafeFileHandle handle, long length, string path, CsvInputOptions options, Reporter reporter)
    {
        var buffer = new byte[(int)Math.Min(length, DefaultBlockBytes + (long)options.MaximumLineLength)];
        var read = RandomAccess.Read(handle, buffer, 0);
        var bytes = buffer.AsSpan(0, read);
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return null;
        }

        var pos = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            if (options.Encoding == CsvTextEncoding.Windows1252)
            {
                return null;
            }

            pos = 3;
        }

        long line = 0;
        while (true)
        {
            var rest = bytes[pos..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0 && read < length)
            {
                return null;
            }

            var text = end < 0 ? rest : rest[..end];
            var next = end < 0 ? bytes.Length : pos + end + 1;
            if (end >= 0 && rest[end] == (byte)'\r')
            {
                if (next < bytes.Length && bytes[next] == (byte)'\n')
                {
                    next++;
                }
                else if (next >= bytes.Length && read < length)
                {
                    return null;
                }
            }

            if (text.IsEmpty && end < 0)
            {
                // No header at all: the reference reader says so.
                return null;
            }

            line++;
            if (text.IsEmpty)
            {
                pos = next;
                continue;
            }

            if (text.Length > options.MaximumLineLength || text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) || text.Contains((byte)'"'))
            {
                return null;
            }

            var headers = Encoding.ASCII.GetString(text).Split(',');
            if (headers.Distinct(StringComparer.OrdinalIgnoreCase).Count() != headers.Length)
            {
                return null;
            }

            var unused = new List<string>();
            var problems = new List<CsvProblem>();
            if (!CsvTableReader.MatchHeader(headers, path, DailyAttendanceMarkCsv.Columns, problems.Add, unused, out var index))
            {
                return null;
            }

            foreach (var problem in problems)
            {
                reporter.Report(problem);
                if (reporter.Stopped)
                {
                    break;
                }
            }

            return new Header(line, next, index, headers.Length, text.ToArray(), unused.AsReadOnly());
        }
    }

    private sealed record Header(long Line, long DataStart, int[] Index, int FieldCount, byte[] HeaderBytes, IReadOnlyList<string> Unused);

    /// <summary>What every thread reads with: the file's name, where each layout column is, the header, the limits.</summary>
    internal sealed class Context(string fileName, int[] index, int fieldCount, byte[] headerBytes, CsvInputOptions options)
    {
        public string FileName { get; } = fileName;

        public int FieldCount { get; } = fieldCount;

        public byte[] HeaderBytes { get; } = headerBytes;

        public CsvInputOptions Options { get; } = options;

        /// <summary>The reference reader's options for rows handed to it: every problem collected (the cap is applied once, in file order).</summary>
        public CsvInputOptions ReferenceOptions { get; } = options with { MaximumProblems = int.MaxValue };

        public int Student { get; } = index[0];

        public int Campus { get; } = index[1];

        public int Date { get; } = index[2];

        public int ClassPeriod { get; } = index[3];

        public int Start { get; } = index[4];

        public int End { get; } = index[5];

        public int Status { get; } = index[6];
    }

    /// <summary>Problems in file order under the mode and the cap, and the rows read and rejected.</summary>
    internal sealed class Reporter(string fileName, CsvErrorMode mode, int maximumProblems)
    {
        private readonly List<CsvProblem> _problems = [];

        public bool Stopped { get; private set; }

        public long RowsRead { get; set; }

        public long RowsRejected { get; set; }

        public void Report(CsvProblem problem)
        {
            if (mode == CsvErrorMode.StopAtFirst)
            {
                throw new PeimsCsvException(problem);
            }

            _problems.Add(problem);
            if (_problems.Count >= maximumProblems)
            {
                _problems.Add(CsvTableReader.StopProblem(fileName, problem.Line, _problems.Count));
                Stopped = true;
            }
        }

        public CsvReadResult<DailyAttendanceMark> Result(DailyAttendanceMarks marks, long[] lines, IReadOnlyList<string> unused) =>
            new(marks, _problems.AsReadOnly(), unused, RowsRead, RowsRejected, Array.AsReadOnly(lines));
    }
}

/// <summary>
/// The repeated-mark check (one mark per student, campus, date and class period) over the records of every stretch in
/// file order, with the rows' problems put among them by line and reported under the mode and the cap.
/// </summary>
internal sealed class RepeatedMarks
{
    private readonly Dictionary<string, int> _students = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _campuses = new(StringComparer.Ordinal);
    private readonly List<(int[] Students, int[] Campuses)> _numbers = [];
    private List<(UInt128 Key, long Line)>?[] _day = new List<(UInt128 Key, long Line)>?[1024];
    private Dictionary<(int Student, UInt128 Key), long>? _all;

    /// <summary>Decides which records are kept, counting and reporting every row up to where the reader stops.</summary>
    public void Decide(DailyAttendanceMarkChunk[] chunks, DailyAttendanceMarkFile.Reporter reporter)
    {
        for (var k = 0; k < chunks.Length && !reporter.Stopped; k++)
        {
            var chunk = chunks[k];
            var students = Numbers(chunk.Students.Select(s => s.Value), _students);
            var campuses = Numbers(chunk.Campuses.Select(c => c.Code), _campuses);
            _numbers.Add((students, campuses));
            if (_all is null && _day.Length < _students.Count)
            {
                Array.Resize(ref _day, Math.Max(_students.Count, _day.Length * 2));
            }

            var problems = chunk.Problems;
            var p = 0;
            for (var r = 0; r < chunk.Count && !reporter.Stopped; r++)
            {
                var line = chunk.LineOf(r);
                for (; p < problems.Count && problems[p].Line < line && !reporter.Stopped; p++)
                {
                    Reject(reporter, problems[p].Problem with { Line = chunk.FirstLine + problems[p].Line });
                }

                if (reporter.Stopped)
                {
                    break;
                }

                reporter.RowsRead++;
                var at = chunk.FirstLine + line;
                var student = students[chunk.StudentIndexOf(r)];
                if (IsRepeated(student, chunk.KeyOf(r, campuses), at, chunks, k, r, out var first))
                {
                    chunk.Accept(r, false);
                    reporter.RowsRejected++;
                    reporter.Report(chunk.Repeated(r, at, first));
                }
                else
                {
                    chunk.Accept(r, true);
                }
            }

            for (; p < problems.Count && !reporter.Stopped; p++)
            {
                Reject(reporter, problems[p].Problem with { Line = chunk.FirstLine + problems[p].Line });
            }
        }
    }

    /// <summary>Counts a row that is named by its problem, and reports the problem.</summary>
    private static void Reject(DailyAttendanceMarkFile.Reporter reporter, CsvProblem problem)
    {
        reporter.RowsRead++;
        reporter.RowsRejected++;
        reporter.Report(problem);
    }

    private static int[] Numbers(IEnumerable<string> values, Dictionary<string, int> numbers) =>
        [.. values.Select(v => numbers.TryGetValue(v, out var n) ? n : numbers[v] = numbers.Count)];

    /// <summary>
    /// Whether an earlier kept record has the key (and on which line); records the key otherwise. While each student's
    /// days come in order (the marks of a day in any order), a repeat can only be among the student's marks of its
    /// latest day, which are kept; from the first day out of order, an index of every kept key decides.
    /// </summary>
    private bool IsRepeated(int student, UInt128 key, long line, DailyAttendanceMarkChunk[] chunks, int chunk, int record, out long first)
    {
        first = 0;
        if (_all is null)
        {
            var day = DayOf(key);
            var marks = _day[student] ??= [];
            var latest = marks.Count == 0 ? -1 : DayOf(marks[0].Key);
            if (day > latest)
            {
                marks.Clear();
                marks.Add((key, line));
                return false;
            }

            if (day == latest)
            {
                foreach (var (k, l) in marks)
                {
                    if (k == key)
                    {
                        first = l;
                        return true;
                    }
                }

                marks.Add((key, line));
                return false;
            }

            _all = IndexBefore(chunks, chunk, record);
            _day = [];
        }

        if (_all.TryGetValue((student, key), out first))
        {
            return true;
        }

        _all[(student, key)] = line;
        return false;
    }

    /// <summary>The day part of a key (<see cref="DailyAttendanceMarkChunk.KeyOf"/>).</summary>
    private static long DayOf(UInt128 key) => (long)(ulong)(key >> 66);

    private Dictionary<(int Student, UInt128 Key), long> IndexBefore(DailyAttendanceMarkChunk[] chunks, int chunk, int record)
    {
        var index = new Dictionary<(int Student, UInt128 Key), long>();
        for (var k = 0; k <= chunk; k++)
        {
            var (students, campuses) = _numbers[k];
            var c = chunks[k];
            var end = k == chunk ? record : c.Count;
            for (var r = 0; r < end; r++)
            {
                if (c.IsAccepted(r))
                {
                    index.Add((students[c.StudentIndexOf(r)], c.KeyOf(r, campuses)), c.FirstLine + c.LineOf(r));
                }
            }
        }

        return index;
    }
}
