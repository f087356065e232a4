using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CsvHelper;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Csv.Columnar;

/// <summary>Options of <see cref="AttendanceStoreCsv"/>.</summary>
public sealed record AttendanceStoreCsvOptions
{
    /// <summary>The default options: stop at the first problem, one thread per processor, no progress reports.</summary>
    public static AttendanceStoreCsvOptions Default { get; } = new();

    /// <summary>Whether to stop at the first problem or collect them all.</summary>
    /// <value>Defaults to <see cref="CsvErrorMode.StopAtFirst"/>.</value>
    public CsvErrorMode Mode { get; init; } = CsvErrorMode.StopAtFirst;

    /// <summary>
    /// The threads that parse rows (CsvHelper's parallel reading) while the calling thread appends them to the store;
    /// 1 reads and appends on the calling thread only.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: one per processor.</value>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Receives the rows and bytes read so far, every 65,536 rows and at the end.</summary>
    /// <value>Defaults to <see langword="null"/>: no reports.</value>
    public IProgress<AttendanceStoreCsvProgress>? Progress { get; init; }

    /// <summary>
    /// The input contract's limits the load checks: the line limit (<see cref="CsvInputOptions.MaximumLineLength"/>) is
    /// the contract's default, unless a test sets a small one to keep its files small; the canonical reader that reads a
    /// file again is given the same.
    /// </summary>
    internal CsvInputOptions Input { get; init; } = CsvInputOptions.Default;
}

/// <summary>How far a load has come.</summary>
/// <param name="Rows">The data rows read so far.</param>
/// <param name="Bytes">The bytes of UTF-8 input read so far (the start of the last row read).</param>
/// <param name="TotalBytes">The size of the file, when it is known.</param>
public readonly record struct AttendanceStoreCsvProgress(long Rows, long Bytes, long? TotalBytes);

/// <summary>What a load returns: the store of the rows that had no problem, and every problem.</summary>
public sealed class AttendanceStoreLoadResult
{
    internal AttendanceStoreLoadResult(AttendanceStore store, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns)
    {
        Store = store;
        Problems = problems;
        UnusedColumns = unusedColumns;
    }

    /// <summary>The records of the rows that had no problem.</summary>
    public AttendanceStore Store { get; }

    /// <summary>Every problem, in file order (with <see cref="CsvErrorMode.CollectAll"/>; the first one is thrown otherwise).</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>Whether any problem was found.</summary>
    public bool HasProblems => Problems.Count > 0;
}

/// <summary>What <see cref="AttendanceStoreCsv.ReadFileForSummaries"/> returns: the records, and every problem.</summary>
public sealed class AttendanceFileRead
{
    internal AttendanceFileRead(AttendanceStore store, IReadOnlyList<string> unusedColumns)
    {
        Records = store;
        Problems = [];
        UnusedColumns = unusedColumns;
    }

    internal AttendanceFileRead(CsvReadResult<BasicReportingPeriodAttendance> contractRead)
    {
        Records = contractRead.Records;
        Problems = contractRead.Problems;
        UnusedColumns = contractRead.UnusedColumns;
        ContractRead = contractRead;
    }

    /// <summary>
    /// The input contract's read of the file (<see cref="BasicReportingPeriodAttendanceCsv.ReadFile(string, CsvErrorMode, CsvInputOptions)"/>:
    /// its problems, the line of each record), when that reader read it; <see langword="null"/> when a store holds the
    /// file, which then has no problem.
    /// </summary>
    public CsvReadResult<BasicReportingPeriodAttendance>? ContractRead { get; }

    /// <summary>
    /// The records of the rows that had no problem: an <see cref="AttendanceStore"/> when a store holds the file, a list
    /// otherwise.
    /// </summary>
    public IReadOnlyCollection<BasicReportingPeriodAttendance> Records { get; }

    /// <summary>Every problem, in file order (with <see cref="CsvErrorMode.CollectAll"/>).</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns { get; }
}

/// <summary>
/// Loads the canonical period-attendance file (<see cref="BasicReportingPeriodAttendanceCsv"/>) straight into an
/// <see cref="AttendanceStore"/>: streaming, on several threads, creating no object per row.
/// </summary>
/// <remarks>
/// <para>
/// A file in plain form and campus order, as TEA's extracts and <c>generate</c> write it (the conditions of
/// <see cref="AttendancePartialsCsv"/>'s stream), is loaded from its bytes in one pass, each row checked by the same
/// field rules and added to the store as it is read (a property holds the store equal to the canonical reader's
/// records). Any other file is read as follows.
/// </para>
/// <para>
/// Rows are parsed by CsvHelper's source-generated record <c>PeriodRecordRow</c> from their UTF-8 bytes, on
/// <see cref="AttendanceStoreCsvOptions.MaxDegreeOfParallelism"/> threads, and appended to the store's columns in file
/// order; memory grows by the store's own bytes a row (plus CsvHelper's read buffers), whatever the file's size.
/// </para>
/// <para>
/// Validation is the canonical reader's: a row the plain-form parser does not settle (a value written another way, or
/// a problem) is read again by <see cref="BasicReportingPeriodAttendanceCsv"/>'s own mapping, so every problem has the same
/// file, line, column, value and message as <see cref="BasicReportingPeriodAttendanceCsv.ReadFile(string, CsvErrorMode)"/>
/// reports, in the same order, and the records are the same; so is a line longer than the input contract's limit
/// (<see cref="CsvInputOptions.MaximumLineLength"/>), found from the bytes between the starts of two rows and reported
/// as its own problem, its row not read. Beyond those, the store reports what it cannot hold: a
/// school year other than the first row's (column SchoolYear), and days taught above 127.5 days (column
/// NumberDaysTaught); such files can still be read by <see cref="BasicReportingPeriodAttendanceCsv"/> and summarised by the
/// reference path.
/// </para>
/// </remarks>
public static class AttendanceStoreCsv
{
    private const int ProgressEvery = 1 << 16;

    /// <summary>Loads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AttendanceStore LoadFile(string path) => LoadFile(path, AttendanceStoreCsvOptions.Default).Store;

    /// <summary>Loads a file with <paramref name="options"/>.</summary>
    /// <remarks>
    /// A file with malformed CSV (a quote that does not close, a row with another number of fields) is read again by the
    /// canonical reader, whose input contract confines a quoting error to its own line (docs/input-contract.md), and the
    /// store is built from its records: the problems and records are then the canonical reader's exactly.
    /// </remarks>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AttendanceStoreLoadResult LoadFile(string path, AttendanceStoreCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);

        // A file in plain form and campus order, as TEA's extracts and `generate` write it, is loaded straight from its
        // bytes (PlainPeriodFile): such a file has nothing to report, so the store is all the load gives.
        if (options.Input.MaximumLineLength >= PlainPeriodFile.MaximumRowBytes
            && new FileInfo(path) is { Exists: true, Length: > 0 } && PlainPeriodFile.TryLoadStore(path) is { } plain)
        {
            options.Progress?.Report(new AttendanceStoreCsvProgress(plain.Count, new FileInfo(path).Length, new FileInfo(path).Length));
            return new AttendanceStoreLoadResult(plain, [], []);
        }

        return WithCanonicalQuoting(
            () =>
            {
                var malformed = new ConcurrentQueue<CsvMalformedRecord>();
                using var csv = CsvReader.FromFile(path, ReaderOptions(malformed));
                using var lines = LineLimitCheck.ForFile(path, options.Input.MaximumLineLength);
                return Load(csv, path, lines, options, malformed);
            },
            () => BasicReportingPeriodAttendanceCsv.ReadFile(path, options.Mode, options.Input));
    }

    /// <summary>
    /// The load, or where it met malformed CSV (a quote that does not close, a row of another width) the canonical
    /// reader's records and problems: its input contract confines a quoting error to its own line
    /// (docs/input-contract.md), so both readers report the same problems.
    /// </summary>
    private static AttendanceStoreLoadResult WithCanonicalQuoting(Func<AttendanceStoreLoadResult> load, Func<CsvReadResult<BasicReportingPeriodAttendance>> canonical)
    {
        AttendanceStoreLoadResult loaded;
        try
        {
            loaded = load();
        }
        catch (PeimsCsvException e) when (e.Problem.Kind == CsvProblemKind.MalformedCsv)
        {
            if (CanonicalLoad(canonical) is { } read)
            {
                return read;
            }

            throw;
        }

        return loaded.Problems.Any(p => p.Kind == CsvProblemKind.MalformedCsv) ? CanonicalLoad(canonical) ?? loaded : loaded;
    }

    /// <summary>The canonical reader's records and problems as a load, or <see langword="null"/> when a store cannot hold its records.</summary>
    private static AttendanceStoreLoadResult? CanonicalLoad(Func<CsvReadResult<BasicReportingPeriodAttendance>> canonical)
    {
        var read = canonical();
        var builder = new AttendanceStoreBuilder();
        try
        {
            foreach (var record in read.Records)
            {
                builder.Add(record);
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        return new AttendanceStoreLoadResult(builder.Build(), read.Problems, read.UnusedColumns);
    }

    /// <summary>
    /// Reads a period-attendance file for summaries and calculators, the fastest way its records allow: into an
    /// <see cref="AttendanceStore"/> (streamed on every core, no object per row; <see cref="Attendance.AttendanceSummary"/>
    /// and the calculators then take their columnar path) when a store can hold the file, otherwise, for a file of
    /// several school years or with more than 127.5 days taught in a period, a file with birth dates, a file with any
    /// problem, or <paramref name="options"/> other than the defaults, into a list by the input contract's reader
    /// (<see cref="BasicReportingPeriodAttendanceCsv.ReadFile(string, CsvErrorMode, CsvInputOptions)"/>), whose read
    /// comes with it (<see cref="AttendanceFileRead.ContractRead"/>), so a file's problems are always the input
    /// contract's. The records and the problems are the same either way.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">Whether to stop at the first problem or collect them all.</param>
    /// <param name="options">The encoding and limits (docs/input-contract.md); <see langword="null"/> for the defaults.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AttendanceFileRead ReadFileForSummaries(string path, CsvErrorMode mode, CsvInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CsvInputOptions.Default;
        try
        {
            // The store serves a clean file; a file with any problem is read again by the canonical reader, so its
            // problems are the input contract's (docs/input-contract.md), whatever the store could or could not hold.
            // So is a file with birth dates: the store keeps none (the pre-K four-year-olds row needs them), and the
            // canonical reader checks them. A path that is not a file is left to that reader, which says why, and so is
            // a device or pipe (no length): that reader stops an endless line at its limit, where the store's header
            // read would not.
            if (options == CsvInputOptions.Default && new FileInfo(path) is { Exists: true, Length: > 0 } && !HasBirthDateColumn(path))
            {
                var loaded = LoadFile(path, AttendanceStoreCsvOptions.Default with { Mode = CsvErrorMode.CollectAll });
                if (loaded.Problems.Count == 0)
                {
                    return new AttendanceFileRead(loaded.Store, loaded.UnusedColumns);
                }
            }
        }
        catch (PeimsCsvException)
        {
            // Read below by the canonical reader.
        }

        return new AttendanceFileRead(BasicReportingPeriodAttendanceCsv.ReadFile(path, mode, options));
    }

    /// <summary>Whether the header of <paramref name="path"/> names the birth date column (false when the header cannot be read: the reader then says why).</summary>
    private static bool HasBirthDateColumn(string path)
    {
        try
        {
            var malformed = new ConcurrentQueue<CsvMalformedRecord>();
            using var csv = CsvReader.FromFile(path, ReaderOptions(malformed));
            return csv.Headers.Any(BasicReportingPeriodAttendanceCsv.BirthDate.Matches);
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>How a problem of the store's own limits begins (a record the canonical reader accepts).</summary>
    private const string StoreLimitPrefix = "an attendance store holds";

    /// <summary>Loads UTF-8 (or byte-order-marked UTF-16) CSV from <paramref name="stream"/>.</summary>
    /// <param name="stream">The input, read from its current position; left open.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the input has a problem.</exception>
    public static AttendanceStoreLoadResult Load(Stream stream, string fileName, AttendanceStoreCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        var start = stream.CanSeek ? stream.Position : -1;
        AttendanceStoreLoadResult LoadStream()
        {
            var malformed = new ConcurrentQueue<CsvMalformedRecord>();
            using var lines = LineLimitCheck.ForStream(stream, stream.CanSeek ? stream.Position : 0, fileName, options.Input.MaximumLineLength);
            using var csv = CsvReader.Create(stream, ReaderOptions(malformed), leaveOpen: true);
            return Load(csv, fileName, lines, options, malformed);
        }

        if (start < 0)
        {
            // A stream that cannot be read twice keeps the loader's own reading of malformed CSV.
            return LoadStream();
        }

        return WithCanonicalQuoting(LoadStream, () =>
        {
            stream.Position = start;
            using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            return BasicReportingPeriodAttendanceCsv.Read(text, fileName, options.Mode);
        });
    }

    /// <summary>Loads CSV text (held whole in memory: for large data, load a file or a seekable stream).</summary>
    /// <param name="reader">The text; left open.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static AttendanceStoreLoadResult Load(TextReader reader, string fileName, AttendanceStoreCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        // Held whole, so that malformed CSV can be read again by the canonical reader (files and seekable streams are not).
        var text = reader.ReadToEnd();
        return WithCanonicalQuoting(
            () =>
            {
                var malformed = new ConcurrentQueue<CsvMalformedRecord>();
                using var csv = CsvReader.Create(new StringReader(text), ReaderOptions(malformed), leaveOpen: false);
                return Load(csv, fileName, LineLimitCheck.ForText(text, fileName, options.Input.MaximumLineLength), options, malformed);
            },
            () => BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), fileName, options.Mode));
    }

    /// <summary>
    /// The canonical reader's options: malformed rows and rows of the wrong width are reported and skipped, and a line
    /// break always ends a row (the input contract confines a quote left open to its own line, so a quoted field that
    /// spans lines is malformed, and the file is read again by the canonical reader).
    /// </summary>
    private static CsvReaderOptions ReaderOptions(ConcurrentQueue<CsvMalformedRecord> malformed) => new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        AllowLineBreaksInQuotes = false,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        OnMalformedRecord = malformed.Enqueue,
    };

    private static AttendanceStoreLoadResult Load(
        CsvReader csv, string fileName, LineLimitCheck lines, AttendanceStoreCsvOptions options, ConcurrentQueue<CsvMalformedRecord> malformed)
    {
        var totalBytes = lines.TotalBytes;
        var layout = BasicReportingPeriodAttendanceCsv.Columns;
        List<CsvProblem> problems = [];
        var unused = new List<string>();
        var builder = new AttendanceStoreBuilder();
        long rows = 0;

        // The line of each stored record, for the repeated-key problems found after the load: a record's line is its
        // ordinal plus an offset that changes only where a row was refused or spans lines, so only the changes are kept.
        var lineBreaks = new List<(int Ordinal, long Line)>();
        void Added(long line)
        {
            var ordinal = builder.Count - 1;
            if (lineBreaks.Count == 0 || lineBreaks[^1].Line + (ordinal - lineBreaks[^1].Ordinal) != line)
            {
                lineBreaks.Add((ordinal, line));
            }
        }

        PeimsCsvException? stopped = null;

        // Rows the canonical reader accepts and the store refuses (days taught above its limit) still hold their key.
        var refusedRows = new List<(long Line, int ProblemIndex, BasicReportingPeriodAttendance Record)>();

        void Report(CsvProblem problem)
        {
            if (options.Mode == CsvErrorMode.StopAtFirst)
            {
                throw new PeimsCsvException(problem);
            }

            problems.Add(problem);
            if (problems.Count >= options.Input.MaximumProblems)
            {
                // Where the contract's reader stops collecting (its last problem says so, a malformed-CSV one, so the
                // file is read again by that reader, whose records end there too).
                problems.Add(CsvTableReader.StopProblem(fileName, problem.Line, problems.Count));
                throw new StopReading();
            }
        }

        void FlushMalformed(long beforeLine)
        {
            while (malformed.TryPeek(out var m) && m.LineNumber < beforeLine)
            {
                malformed.TryDequeue(out _);
                Report(new CsvProblem(fileName, m.LineNumber, null, CsvTableReader.Shorten(m.RawRecord), CsvTableReader.Describe(m.Reason), CsvProblemKind.MalformedCsv));
            }
        }

        try
        {
            LoadRows();
        }
        catch (PeimsCsvException e) when (options.Mode == CsvErrorMode.StopAtFirst)
        {
            // The canonical reader would have stopped at a repeated key before this problem if the rows read so far
            // hold one: look for it first.
            stopped = e;
        }

        var store = builder.Build();
        if (stopped is not null)
        {
            problems = [stopped.Problem];
        }

        var repeats = RepeatedKeyProblems(store, lineBreaks, refusedRows, problems, fileName);
        if (repeats.Problems.Count > 0)
        {
            problems = [.. problems.Concat(repeats.Problems).OrderBy(p => p.Line)];
        }

        if (options.Mode == CsvErrorMode.StopAtFirst && problems.Count > 0)
        {
            throw stopped is not null && problems[0] == stopped.Problem ? stopped : new PeimsCsvException(problems[0]);
        }

        if (repeats.Ordinals.Count > 0)
        {
            store = Without(store, repeats.Ordinals);
        }

        options.Progress?.Report(new AttendanceStoreCsvProgress(rows, totalBytes ?? 0, totalBytes));
        return new AttendanceStoreLoadResult(store, problems, unused);

        void LoadRows()
        {
            try
            {
                var headers = csv.Headers;
                List<CsvProblem> headerProblems = [];
                var matched = CsvTableReader.MatchHeader(headers, fileName, layout, headerProblems.Add, unused, out var index);
                if (!matched || headerProblems.Count > 0)
                {
                    // An over-long header line is the only problem the contract's reader reports of the file: it reads
                    // nothing more. (A good header's length is checked with the first row's.)
                    var header = lines.Check(0, null, 1, Report, firstLineOnly: true);
                    if (header.FirstOver || header.Stop)
                    {
                        unused.Clear();
                        return;
                    }

                    headerProblems.ForEach(Report);
                    if (!matched)
                    {
                        return;
                    }
                }

                var mapper = CsvRecordMapper.Create<PeriodRecordRow>(csv);
                var fieldLimit = options.Input.MaximumFieldLength;
                ParsedRow Parse(CsvReader reader) => ParseRow(reader, mapper, fileName, layout, index, headers, fieldLimit);
                var dop = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
                // The calling thread appends to the store while CsvHelper's workers parse; measured on 2 cores, CsvHelper
                // runs best with one worker more than the threads meant to parse (3: 0.78 s, 2: 1.27 s for 5.5 M rows),
                // as the enumerating thread takes a worker's share.
                var parsed = dop <= 1 ? ReadSequentially(csv, Parse) : csv.ParallelEnumerate(Parse, dop + 1);

                // A row is taken once the next one's start is known: its bytes, up to there, hold its lines, which the
                // line limit is checked on first. The lines before the first row (the header's too) are checked when it
                // comes: the contract's reader reads nothing more after an over-long header.
                ParsedRow pending = default;
                var hasPending = false;
                foreach (var row in parsed)
                {
                    if (hasPending ? !Take(in pending, row.ByteOffset) : !Gap(row.ByteOffset))
                    {
                        return;
                    }

                    (pending, hasPending) = (row, true);
                }

                if (hasPending ? !Take(in pending, totalBytes) : !Gap(totalBytes))
                {
                    return;
                }

                FlushMalformed(long.MaxValue);

                bool Gap(long? end) => lines.Check(0, end, 1, Report) is { FirstOver: false, Stop: false };
            }
            catch (CsvFormatException e)
            {
                Report(new CsvProblem(fileName, e.LineNumber, null, null, $"the file is not valid CSV here: {e.Message}", CsvProblemKind.MalformedCsv));
            }
            catch (DecoderFallbackException e)
            {
                Report(new CsvProblem(fileName, 0, null, null, $"the file is not valid text: {e.Message}", CsvProblemKind.MalformedCsv));
            }
            catch (StopReading)
            {
                // The problems reached the most a read collects.
            }

            // Whether to read on: false where the contract's reader stops (a line with no end in sight).
            bool Take(in ParsedRow row, long? end)
            {
                FlushMalformed(row.Line);
                var check = lines.Check(row.ByteOffset, end, row.Line, Report);
                if (!check.FirstOver)
                {
                    Add(in row);
                }

                return !check.Stop;
            }

            void Add(in ParsedRow row)
            {
                if (row.Problem is { } problem)
                {
                    Report(problem);
                }
                else if (StoreProblem(builder, row, fileName) is { } refused)
                {
                    if (row.Record is { } tooLong && tooLong.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays)
                    {
                        refusedRows.Add((row.Line, problems.Count, tooLong));
                    }

                    Report(refused);
                }
                else if (row.Record is { } record)
                {
                    builder.Add(record);
                    Added(row.Line);
                }
                else
                {
                    builder.Add(in row.Encoded);
                    Added(row.Line);
                }

                if (++rows % ProgressEvery == 0)
                {
                    options.Progress?.Report(new AttendanceStoreCsvProgress(rows, row.ByteOffset, totalBytes));
                }
            }
        }
    }

    /// <summary>
    /// The canonical reader's problem for each stored record whose key an earlier row has (42400-000A), and the
    /// ordinals of those records. A row the store refused for its days taught still holds its key, as it does in the
    /// canonical reader: stored records after it with its key are repeats of it, and its own problem becomes the
    /// repeated key's when an earlier row has that key (it is replaced in <paramref name="problems"/>).
    /// </summary>
    private static (List<CsvProblem> Problems, HashSet<int> Ordinals) RepeatedKeyProblems(
        AttendanceStore store,
        List<(int Ordinal, long Line)> lineBreaks,
        List<(long Line, int ProblemIndex, BasicReportingPeriodAttendance Record)> refusedRows,
        List<CsvProblem> problems,
        string fileName)
    {
        var rule = BasicReportingPeriodAttendanceCsv.OneRecordPerKey;
        var repeats = new SortedDictionary<int, CsvProblem>();
        foreach (var (first, repeat, position, _) in store.RepeatedKeys())
        {
            repeats[repeat] = Repeat(LineOf(repeat), LineOf(first), store.RecordAt(position, store.CellOfPosition(position)));
        }

        foreach (var group in refusedRows.GroupBy(r => rule.Of(r.Record)))
        {
            var stored = store.PositionsOf(group.Key.Item2).Select(o => (Line: LineOf(o.Ordinal), o.Ordinal, o.Position)).ToList();
            var claimant = Math.Min(group.Min(r => r.Line), stored.Count == 0 ? long.MaxValue : stored.Min(o => o.Line));
            foreach (var (line, ordinal, position) in stored.Where(o => o.Line != claimant))
            {
                repeats[ordinal] = Repeat(line, claimant, store.RecordAt(position, store.CellOfPosition(position)));
            }

            foreach (var refused in group.Where(r => r.Line != claimant && r.ProblemIndex < problems.Count))
            {
                problems[refused.ProblemIndex] = Repeat(refused.Line, claimant, refused.Record);
            }
        }

        return ([.. repeats.Values.OrderBy(p => p.Line)], [.. repeats.Keys]);

        CsvProblem Repeat(long line, long firstLine, BasicReportingPeriodAttendance record) =>
            new(fileName, line, null, rule.Describe(rule.Of(record)), $"line {firstLine} already has this key; {rule.Rule}", CsvProblemKind.DuplicateKey);

        long LineOf(int ordinal)
        {
            var at = lineBreaks.BinarySearch((ordinal, long.MaxValue));
            var (from, line) = lineBreaks[at < 0 ? ~at - 1 : at];
            return line + (ordinal - from);
        }
    }

    /// <summary>The store without the records of <paramref name="ordinals"/> (the repeats of a key, which the canonical reader leaves out).</summary>
    private static AttendanceStore Without(AttendanceStore store, HashSet<int> ordinals)
    {
        var builder = new AttendanceStoreBuilder();
        var ordinal = 0;
        foreach (var record in store)
        {
            if (!ordinals.Contains(ordinal++))
            {
                builder.Add(record);
            }
        }

        return builder.Build();
    }

    private static IEnumerable<ParsedRow> ReadSequentially(CsvReader csv, Func<CsvReader, ParsedRow> parse)
    {
        while (csv.Read())
        {
            yield return parse(csv);
        }
    }

    /// <summary>
    /// Parses the reader's current row: in plain form straight to an <see cref="EncodedRow"/>, otherwise by the
    /// canonical reader's mapping, to a record or to its problem. Runs on CsvHelper's worker threads.
    /// </summary>
    /// <remarks>
    /// A row whose bytes pass the field limit (<see cref="CsvInputOptions.MaximumFieldLength"/>, in any column, read or
    /// not) may hold a field beyond it: it goes the canonical way with the limit, which names such a field.
    /// </remarks>
    private static ParsedRow ParseRow(
        CsvReader reader, CsvRecordMapper<PeriodRecordRow> mapper, string fileName, IReadOnlyList<CsvColumn> layout, int[] index, IReadOnlyList<string> headers, int fieldLimit)
    {
        var line = reader.LineNumber;
        var offset = reader.ByteOffset;
        var raw = reader.RawRecord;
        if (!System.Text.Ascii.IsValid(raw) && CsvInputText.Utf8Problem(raw) is { } notUtf8)
        {
            // CsvHelper reads such bytes as U+FFFD; the input contract refuses the line (and a row is one line).
            return new ParsedRow { Line = line, ByteOffset = offset, Problem = new CsvProblem(fileName, line, null, null, notUtf8, CsvProblemKind.MalformedCsv) };
        }

        var mayHoldLongField = raw.Length > fieldLimit;
        var row = mayHoldLongField ? default : mapper.Read(reader);
        if (!mayHoldLongField && row.IsPlain && IsValidPlain(row))
        {
            return new ParsedRow
            {
                Line = line,
                ByteOffset = offset,
                Encoded = row.Encode(),
            };
        }

        var canonical = mayHoldLongField
            ? new CsvRowReader(fileName, layout, index, headers, fieldLimit)
            : new CsvRowReader(fileName, layout, index, reader.FieldCount);
        try
        {
            canonical.MoveTo(reader);
            var record = BasicReportingPeriodAttendanceCsv.Map(canonical);
            return new ParsedRow
            {
                Line = line,
                ByteOffset = offset,
                Record = record,
                RawSchoolYear = canonical.Raw(BasicReportingPeriodAttendanceCsv.SchoolYear),
                RawDaysTaught = canonical.Raw(BasicReportingPeriodAttendanceCsv.NumberDaysTaught),
            };
        }
        catch (CsvRowException e)
        {
            return new ParsedRow { Line = line, ByteOffset = offset, Problem = e.Problem };
        }
    }

    /// <summary>
    /// Whether a row in plain form is one the canonical reader accepts as it is and the store can hold: the rules of
    /// <see cref="BasicReportingPeriodAttendance"/>'s constructor, a school year in range, and days taught within the store's
    /// limit. Any other row goes the canonical way, which accepts it or says why not.
    /// </summary>
    private static bool IsValidPlain(in PeriodRecordRow row)
    {
        var membership = row.Eligible + row.Ineligible + row.Absent + row.RemoteSynchronous + row.RemoteAsynchronous;
        return row.SchoolYear is >= SchoolYear.MinimumEndYear and <= SchoolYear.MaximumEndYear
            && row.Campus / 1000 == row.District
            && row.DaysTaught is > 0 and <= AttendanceStoreBuilder.MaximumDaysTaughtHalfDays
            && membership <= row.DaysTaught;
    }

    /// <summary>What the store cannot hold of a row the canonical reader accepts: another school year, or too many days taught.</summary>
    private static CsvProblem? StoreProblem(AttendanceStoreBuilder builder, in ParsedRow row, string fileName)
    {
        var year = row.Record?.SchoolYear.EndYear ?? row.Encoded.SchoolYear;
        if (builder.SchoolYear is { } first && first.EndYear != year)
        {
            return new CsvProblem(
                fileName,
                row.Line,
                BasicReportingPeriodAttendanceCsv.SchoolYear.Name,
                row.RawSchoolYear ?? year.ToString(CultureInfo.InvariantCulture),
                $"{StoreLimitPrefix} one school year: the rows before this one are of {first.DisplayName}, this one is of {new SchoolYear(year).DisplayName}.",
                CsvProblemKind.InconsistentRecord);
        }

        if (row.Record is { } record && record.NumberDaysTaught.HalfDays > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays)
        {
            return new CsvProblem(
                fileName,
                row.Line,
                BasicReportingPeriodAttendanceCsv.NumberDaysTaught.Name,
                row.RawDaysTaught,
                $"{StoreLimitPrefix} at most {DayCount.FromHalfDays(AttendanceStoreBuilder.MaximumDaysTaughtHalfDays)} days taught in one reporting period "
                + "(a day count is a byte of half days); read this file with BasicReportingPeriodAttendanceCsv and summarise the records by the reference path.",
                CsvProblemKind.InconsistentRecord);
        }

        return null;
    }

    /// <summary>One parsed row: encoded (plain form), a record (read the canonical way), or the row's problem.</summary>
    private struct ParsedRow
    {
        public long Line;
        public long ByteOffset;
        public EncodedRow Encoded;
        public BasicReportingPeriodAttendance? Record;
        public CsvProblem? Problem;
        public string? RawSchoolYear;
        public string? RawDaysTaught;
    }
}
