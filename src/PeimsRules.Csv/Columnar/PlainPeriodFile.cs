using System.Globalization;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Csv.Columnar;

/// <summary>
/// The streaming pass of <see cref="AttendancePartialsCsv"/>: sums a period-attendance file in its plain form straight
/// from its bytes into the sums of each fine cell, on several threads, keeping no row.
/// </summary>
/// <remarks>
/// <para>
/// A file is in plain form when its header names the layout's columns (in any order, by name or element number) with
/// no other column and no birth date column, its text is ASCII (after an optional UTF-8 byte order mark) with no
/// quote, and every row is written as TEA extracts write it and as <see cref="PeriodRecordRow"/> reads it (the same
/// rules, field by field: <see cref="Fields"/>), holds a record the canonical reader accepts (its days within the
/// days taught, a campus in its district, one school year), and comes in campus order: the rows of a campus together,
/// and within a campus by student id, so that a repeated key (42400-000A) can only be within one student's rows.
/// </para>
/// <para>
/// The pass gives up (returns <see langword="null"/>) at the first row that is not so, and the caller reads the file by
/// the loader or the canonical reader, which accept or refuse it and report its problems as the input contract says.
/// So the pass never decides a problem: it only sums files about which there is nothing to say.
/// </para>
/// </remarks>
internal static partial class PlainPeriodFile
{
    /// <summary>The bytes read at a time by each thread.</summary>
    internal const int DefaultBlockBytes = 1 << 20;

    /// <summary>The longest row the pass reads (a plain row is about 80 bytes); a longer one ends the pass.</summary>
    internal const int MaximumRowBytes = 4096;

    /// <summary>What a row's field is, by its position in the file.</summary>
    private enum Role : byte
    {
        SchoolYear,
        District,
        Campus,
        Student,
        Grade,
        Track,
        Period,
        AdaCode,
        DaysTaught,
        Eligible,
        Ineligible,
        Absent,
        RemoteSynchronous,
        RemoteAsynchronous,
        Economic,
        EmergentBilingual,
        Funding,
    }

    /// <summary>The grade ordinal of PK (<see cref="Fields.ReadGrade"/>).</summary>
    internal const int PreKindergartenGrade = 1;

    /// <summary>The roles of the columns in the order the writer writes them (with no birth date column).</summary>
    private static readonly Role[] WriterOrder =
    [
        Role.SchoolYear, Role.District, Role.Campus, Role.Student, Role.Grade, Role.Track, Role.Period, Role.DaysTaught, Role.Eligible,
        Role.Ineligible, Role.Absent, Role.RemoteSynchronous, Role.RemoteAsynchronous, Role.Economic, Role.EmergentBilingual, Role.Funding,
        Role.AdaCode,
    ];

    /// <summary>Sums <paramref name="path"/>, or <see langword="null"/> when it is not in plain form (see the remarks of the class).</summary>
    /// <param name="path">The file.</param>
    /// <param name="threads">The threads to read on; <see langword="null"/> for one per processor.</param>
    /// <param name="blockBytes">The bytes each thread reads at a time (small values test the block and thread seams).</param>
    public static CellSumsTable? TrySum(string path, int? threads = null, int blockBytes = DefaultBlockBytes) =>
        SumRanges(path, threads, blockBytes, static () => null) is { } chunks ? Join(chunks) : null;

    /// <summary>
    /// The chunks of <paramref name="path"/>'s ranges, one a thread, each with its own sink from <paramref name="newSink"/>,
    /// or <see langword="null"/> when the header is not plain; <see cref="Join"/> says whether the rows were.
    /// </summary>
    private static Chunk[]? SumRanges(string path, int? threads, int blockBytes, Func<RowSink?> newSink)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (ReadHeader(handle, length, path) is not { } header)
        {
            return null;
        }

        var dataStart = header.DataStart;
        // One thread per 4 MiB up to one per processor; a given number is taken as it is (tests cut small files so).
        var count = threads is { } given ? Math.Max(1, given) : (int)Math.Clamp((length - dataStart) / (4L << 20), 1, Environment.ProcessorCount);
        var starts = new long[count + 1];
        starts[0] = dataStart;
        starts[count] = length;
        for (var k = 1; k < count; k++)
        {
            starts[k] = LineStartAtOrAfter(handle, dataStart + ((length - dataStart) * k / count), length);
        }

        var chunks = new Chunk[count];
        var stop = new StopSignal();
        if (count == 1)
        {
            chunks[0] = SumRange(handle, header.Roles, starts[0], starts[1], blockBytes, stop, newSink());
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, k => chunks[k] = SumRange(handle, header.Roles, starts[k], starts[k + 1], blockBytes, stop, newSink()));
        }

        return chunks;
    }

    /// <summary>
    /// Loads <paramref name="path"/> into a store in one pass over its bytes, or <see langword="null"/> when it is not in
    /// plain form or holds a record the store cannot (more than 127.5 days taught): the same checks as
    /// <see cref="TrySum"/>, on one range read in order (a store keeps the records of a cell in file order), each
    /// accepted row added to the builder as it is read.
    /// </summary>
    public static AttendanceStore? TryLoadStore(string path, int blockBytes = DefaultBlockBytes)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (ReadHeader(handle, length, path) is not { } header)
        {
            return null;
        }

        // The rows are read on this thread and added to the store on another, in batches, in file order, into columns
        // made about the size of the file's rows at once.
        using var sink = new StoreSink(ExpectedRows(handle, header.DataStart, length));
        var chunk = SumRange(handle, header.Roles, header.DataStart, length, blockBytes, new StopSignal(), sink);
        return sink.Finish(accepted: Join([chunk]) is not null);
    }

    /// <summary>
    /// Adds each accepted row to a store, as the loader's converters would encode it: the rows are handed over in
    /// batches to one thread that adds them in the order they came, while the reading goes on.
    /// </summary>
    private sealed class StoreSink : RowSink, IDisposable
    {
        private const int BatchRows = 1 << 14;
        private readonly AttendanceStoreBuilder _builder = new();
        private readonly BlockingCollection<(PeriodRecordRow[] Rows, int Count)> _full = new(boundedCapacity: 8);
        private readonly ConcurrentQueue<PeriodRecordRow[]> _free = new();
        private readonly Task _adder;
        private PeriodRecordRow[] _batch = new PeriodRecordRow[BatchRows];
        private int _count;
        private volatile bool _abandoned;
        private Exception? _failure;

        public StoreSink(int expectedRows)
        {
            _builder.Expect(expectedRows);
            _adder = Task.Factory.StartNew(AddAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public override bool Take(in PeriodRecordRow row)
        {
            if (row.DaysTaught > AttendanceStoreBuilder.MaximumDaysTaughtHalfDays)
            {
                return false;
            }

            _batch[_count++] = row;
            if (_count == BatchRows)
            {
                Flush();
            }

            return true;
        }

        /// <summary>The store of the rows taken, once they are all added; <see langword="null"/> when the pass gave up.</summary>
        public AttendanceStore? Finish(bool accepted)
        {
            if (accepted && _count > 0)
            {
                Flush();
            }

            _abandoned = !accepted;
            _full.CompleteAdding();
            _adder.GetAwaiter().GetResult();
            if (_failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            }

            return accepted ? _builder.Build() : null;
        }

        public void Dispose()
        {
            if (!_full.IsAddingCompleted)
            {
                _abandoned = true;
                _full.CompleteAdding();
                _adder.GetAwaiter().GetResult();
            }

            _full.Dispose();
        }

        private void Flush()
        {
            _full.Add((_batch, _count));
            _batch = _free.TryDequeue(out var free) ? free : new PeriodRecordRow[BatchRows];
            _count = 0;
        }

        private void AddAll()
        {
            foreach (var (rows, count) in _full.GetConsumingEnumerable())
            {
                // After a failure or once the pass gave up, the batches are only taken, so the reader never waits.
                if (_failure is null && !_abandoned)
                {
                    try
                    {
                        for (var i = 0; i < count; i++)
                        {
                            Add(in rows[i]);
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
                    {
                        _failure = e;
                    }
                }

                _free.Enqueue(rows);
            }
        }

        private void Add(in PeriodRecordRow row)
        {
            var encoded = row.Encode();
            _builder.Add(in encoded);
        }
    }

    /// <summary>
    /// The records of <paramref name="path"/> in file order, read from its bytes on another thread, or
    /// <see langword="null"/> when its header is not plain. The stream ends early where a row is not in plain form or
    /// the file is not in campus order (see the remarks of the class); <see cref="PlainRecords.Complete"/> then says
    /// so, and every record handed out until there is one the canonical reader gives for the same row.
    /// </summary>
    public static PlainRecords? TryReadEach(string path, int blockBytes = DefaultBlockBytes)
    {
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
        {
            return null;
        }

        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (ReadHeader(handle, RandomAccess.GetLength(handle), path) is null)
            {
                return null;
            }
        }

        return new PlainRecords(path, blockBytes);
    }

    /// <summary>The records of a plain file, streamed once (<see cref="TryReadEach"/>).</summary>
    internal sealed class PlainRecords : IEnumerable<BasicReportingPeriodAttendance>
    {
        private readonly string _path;
        private readonly int _blockBytes;
        private bool _started;

        public PlainRecords(string path, int blockBytes)
        {
            _path = path;
            _blockBytes = blockBytes;
        }

        /// <summary>Whether every row of the file was handed out (known once the stream has ended).</summary>
        public bool Complete { get; private set; }

        public IEnumerator<BasicReportingPeriodAttendance> GetEnumerator()
        {
            if (_started)
            {
                throw new InvalidOperationException("The records of a stream can be read once.");
            }

            _started = true;
            return Read();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerator<BasicReportingPeriodAttendance> Read()
        {
            using var sink = new RecordSink();
            var producer = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        using var handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                        var length = RandomAccess.GetLength(handle);
                        var header = ReadHeader(handle, length, _path);
                        var accepted = header is { } h && Join([SumRange(handle, h.Roles, h.DataStart, length, _blockBytes, new StopSignal(), sink)]) is not null;
                        sink.Finish(accepted);
                    }
                    catch (Exception e)
                    {
                        sink.Fail(e);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);

            var campusNumber = -1;
            CampusId campus = default;
            foreach (var (rows, count) in sink.Batches())
            {
                for (var i = 0; i < count; i++)
                {
                    ref readonly var row = ref rows[i];
                    if (row.Campus != campusNumber)
                    {
                        campusNumber = row.Campus;
                        campus = CampusId.Parse(campusNumber.ToString("D9", CultureInfo.InvariantCulture));
                    }

                    yield return row.ToRecord(campus);
                }

                sink.Recycle(rows);
            }

            producer.GetAwaiter().GetResult();
            sink.ThrowIfFailed();
            Complete = sink.Accepted;
        }
    }

    /// <summary>Hands the accepted rows over in batches to the thread that reads the stream; stops the pass when that thread stops reading.</summary>
    private sealed class RecordSink : RowSink, IDisposable
    {
        private const int BatchRows = 1 << 12;
        private readonly BlockingCollection<(PeriodRecordRow[] Rows, int Count)> _full = new(boundedCapacity: 4);
        private readonly ConcurrentQueue<PeriodRecordRow[]> _free = new();
        private readonly CancellationTokenSource _abandoned = new();
        private PeriodRecordRow[] _batch = new PeriodRecordRow[BatchRows];
        private int _count;
        private Exception? _failure;

        public bool Accepted { get; private set; }

        public override bool Take(in PeriodRecordRow row)
        {
            _batch[_count++] = row;
            return _count < BatchRows || Flush();
        }

        public void Finish(bool accepted)
        {
            // The rows of a pass that gave up are still handed out: each is a record the canonical reader gives.
            Flush();
            Accepted = accepted;
            _full.CompleteAdding();
        }

        public void Fail(Exception e)
        {
            _failure = e;
            _full.CompleteAdding();
        }

        public void ThrowIfFailed()
        {
            if (_failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            }
        }

        public IEnumerable<(PeriodRecordRow[] Rows, int Count)> Batches() => _full.GetConsumingEnumerable();

        public void Recycle(PeriodRecordRow[] rows) => _free.Enqueue(rows);

        public void Dispose()
        {
            // The reader stopped early (or is done): the pass stops at its next batch.
            _abandoned.Cancel();
            while (!_full.IsCompleted && _full.TryTake(out _, Timeout.Infinite))
            {
            }

            _full.Dispose();
            _abandoned.Dispose();
        }

        private bool Flush()
        {
            if (_count == 0)
            {
                return true;
            }

            try
            {
                _full.Add((_batch, _count), _abandoned.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            _batch = _free.TryDequeue(out var free) ? free : new PeriodRecordRow[BatchRows];
            _count = 0;
            return true;
        }
    }

    /// <summary>
    /// About how many rows the file holds, from the length of its rows in its first 64 KiB (a little over, so that
    /// the store's columns need not grow): only a size to allocate, never a count of anything.
    /// </summary>
    private static int ExpectedRows(SafeFileHandle handle, long dataStart, long length)
    {
        var sample = new byte[(int)Math.Min(64 * 1024, length - dataStart)];
        var read = RandomAccess.Read(handle, sample, dataStart);
        var lines = sample.AsSpan(0, read).Count((byte)'\n');
        if (lines == 0)
        {
            return 0;
        }

        var expected = ((length - dataStart) * lines / read * 102 / 100) + 64;
        return (int)Math.Min(Array.MaxLength / 8, expected);
    }

    /// <summary>The header's column roles and where the rows begin, or <see langword="null"/> when the header is not plain.</summary>
    private static (Role[] Roles, long DataStart)? ReadHeader(SafeFileHandle handle, long length, string path)
    {
        var buffer = new byte[(int)Math.Min(length, 64 * 1024)];
        var read = RandomAccess.Read(handle, buffer, 0);
        var bytes = buffer.AsSpan(0, read);
        var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var end = bytes.IndexOf((byte)'\n');
        if (end < 0)
        {
            if (read < length || read == 0)
            {
                return null;
            }

            // A file of its header alone, with no line end.
            end = read;
        }

        var line = bytes[bom..end];
        if (line.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']))
        {
            line = line[..^1];
        }

        foreach (var b in line)
        {
            if (b is < 0x20 or > 0x7E or (byte)'"')
            {
                return null;
            }
        }

        var headers = Encoding.ASCII.GetString(line).Split(',');
        var layout = BasicReportingPeriodAttendanceCsv.Columns;
        var problems = 0;
        var unused = new List<string>();
        if (!CsvTableReader.MatchHeader(headers, Path.GetFileName(path), layout, _ => problems++, unused, out var index) || problems > 0 || unused.Count > 0)
        {
            return null;
        }

        var roles = new Role[headers.Length];
        var given = new bool[headers.Length];
        for (var c = 0; c < layout.Count; c++)
        {
            if (index[c] < 0)
            {
                continue;
            }

            if (layout[c] == BasicReportingPeriodAttendanceCsv.BirthDate)
            {
                // The store and the partial sums keep no birth dates, and the canonical reader checks them: a file
                // with the column is read by the canonical reader.
                return null;
            }

            roles[index[c]] = RoleOf(layout[c]);
            given[index[c]] = true;
        }

        return given.All(g => g) ? (roles, Math.Min(end + 1, length)) : null;
    }

    private static Role RoleOf(CsvColumn column)
    {
        var columns = new[]
        {
            BasicReportingPeriodAttendanceCsv.SchoolYear, BasicReportingPeriodAttendanceCsv.DistrictId, BasicReportingPeriodAttendanceCsv.CampusId,
            BasicReportingPeriodAttendanceCsv.StudentId, BasicReportingPeriodAttendanceCsv.GradeLevel, BasicReportingPeriodAttendanceCsv.InstructionalTrack,
            BasicReportingPeriodAttendanceCsv.ReportingPeriod, BasicReportingPeriodAttendanceCsv.AdaEligibilityCode, BasicReportingPeriodAttendanceCsv.NumberDaysTaught,
            BasicReportingPeriodAttendanceCsv.EligibleDaysPresent, BasicReportingPeriodAttendanceCsv.IneligibleDaysPresent, BasicReportingPeriodAttendanceCsv.DaysAbsent,
            BasicReportingPeriodAttendanceCsv.RemoteSynchronousEligibleDaysPresent, BasicReportingPeriodAttendanceCsv.RemoteAsynchronousEligibleDaysPresent,
            BasicReportingPeriodAttendanceCsv.EconomicDisadvantageCode, BasicReportingPeriodAttendanceCsv.EmergentBilingualCode, BasicReportingPeriodAttendanceCsv.BilingualEslFundingCode,
        };
        return (Role)Array.IndexOf(columns, column);
    }

    /// <summary>The first line start at or after <paramref name="position"/> (the byte after a line feed); the daily marks file's reader cuts its ranges so too.</summary>
    internal static long LineStartAtOrAfter(SafeFileHandle handle, long position, long length)
    {
        var buffer = new byte[MaximumRowBytes];
        var at = position - 1;
        while (at < length)
        {
            var read = RandomAccess.Read(handle, buffer, at);
            if (read <= 0)
            {
                break;
            }

            var nl = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                return at + nl + 1;
            }

            at += read;
        }

        return length;
    }

    /// <summary>The sums of the rows that start in [<paramref name="from"/>, <paramref name="to"/>), or a chunk that gave up.</summary>
    private static Chunk SumRange(SafeFileHandle handle, Role[] roles, long from, long to, int blockBytes, StopSignal stop, RowSink? sink = null)
    {
        var chunk = new Chunk { Sink = sink };
        // Bytes past the rows: a field parser may read up to 40 bytes past a row's line feed (and fail there).
        var buffer = new byte[blockBytes + MaximumRowBytes + 1 + 64];
        var carry = 0;
        var position = from;
        while (position < to || carry > 0)
        {
            var wanted = (int)Math.Min(blockBytes, to - position);
            var read = wanted > 0 ? RandomAccess.Read(handle, buffer.AsSpan(carry, wanted), position) : 0;
            position += read;
            var valid = carry + read;
            int rowsEnd;
            if (position >= to || read == 0)
            {
                // The last line of the range (the file's, when it has no line feed at the end) ends here.
                if (valid > 0 && buffer[valid - 1] != (byte)'\n')
                {
                    buffer[valid++] = (byte)'\n';
                }

                rowsEnd = valid;
                position = to;
            }
            else
            {
                rowsEnd = buffer.AsSpan(0, valid).LastIndexOf((byte)'\n') + 1;
            }

            if (stop.Stopped || !chunk.SumRows(roles, buffer, rowsEnd))
            {
                // This range, or another one, met a row that is not plain: the file is read the other way, so the
                // other ranges stop too.
                chunk.GaveUp = true;
                stop.Stopped = true;
                return chunk;
            }

            carry = valid - rowsEnd;
            if (carry > MaximumRowBytes)
            {
                chunk.GaveUp = true;
                stop.Stopped = true;
                return chunk;
            }

            buffer.AsSpan(rowsEnd, carry).CopyTo(buffer);
            if (position >= to && carry == 0)
            {
                break;
            }
        }

        chunk.EndCampus();
        return chunk;
    }

    /// <summary>The chunks' sums together, or <see langword="null"/> when one gave up or they break campus order across their seams.</summary>
    private static CellSumsTable? Join(Chunk[] chunks)
    {
        if (chunks.Any(c => c.GaveUp))
        {
            return null;
        }

        var seen = new HashSet<int>();
        Chunk? previous = null;
        int? year = null;
        foreach (var chunk in chunks.Where(c => c.Records > 0))
        {
            if (year is { } y && chunk.Year != y)
            {
                return null;
            }

            year = chunk.Year;
            var straddles = previous is not null && previous.LastCampus == chunk.FirstCampus;
            if (straddles)
            {
                // The campus goes on over the seam: its students must too, in order, with no key on both sides.
                if (chunk.FirstStudent < previous!.LastStudent
                    || (chunk.FirstStudent == previous.LastStudent && chunk.FirstRunKeys.Intersect(previous.LastRunKeys).Any()))
                {
                    return null;
                }
            }

            foreach (var campus in chunk.Campuses)
            {
                if (!seen.Add(campus) && !(straddles && campus == chunk.FirstCampus))
                {
                    return null;
                }
            }

            previous = chunk;
        }

        // Each chunk's pages are kept as they are (no copy): a chunk's cells start on a page of their own.
        var cellCount = chunks.Sum(c => c.CellKeys.Count);
        var keys = new long[cellCount];
        var places = new int[cellCount];
        var pages = new List<int[]>();
        long records = 0;
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CellKeys.CopyTo(keys, at);
            var first = pages.Count * CellSumsTable.PageCells;
            for (var i = 0; i < chunk.CellKeys.Count; i++)
            {
                places[at + i] = first + i;
            }

            pages.AddRange(chunk.Pages);
            at += chunk.CellKeys.Count;
            records += chunk.Records;
        }

        var preK = chunks.SelectMany(c => c.PreKindergartenStudents).ToArray();
        return new CellSumsTable(year is { } found ? new SchoolYear(found) : null, records, keys, places, pages, preK);
    }

    /// <summary>
    /// Each code field's plain forms as a table over its bytes (two read as one little-endian number, or one), filled
    /// from the field's own rule in <see cref="Fields"/>: the value <see cref="Fields"/> gives, or <see cref="Fields.NotPlain"/>.
    /// </summary>
    private static class CodeTables
    {
        public static readonly sbyte[] Grade = Pairs(Fields.ReadGrade);

        public static readonly sbyte[] Economic = Pairs(Fields.ReadEconomic);

        /// <summary>The two-character forms only: a blank funding code is read as blank before the table.</summary>
        public static readonly sbyte[] Funding = Pairs(Fields.ReadFunding);

        public static readonly sbyte[] Period = Singles(Fields.ReadPeriod);

        public static readonly sbyte[] EmergentBilingual = Singles(Fields.ReadEmergentBilingual);

        /// <summary>The one-character forms only: a blank ADA code is read as blank before the table.</summary>
        public static readonly sbyte[] AdaCode = Singles(Fields.ReadAdaCode);

        private delegate int FieldRule(ReadOnlySpan<byte> field);

        private static sbyte[] Pairs(FieldRule rule)
        {
            var table = new sbyte[1 << 16];
            Span<byte> field = stackalloc byte[2];
            for (var i = 0; i < table.Length; i++)
            {
                field[0] = unchecked((byte)i);
                field[1] = unchecked((byte)(i >> 8));
                table[i] = checked((sbyte)rule(field));
            }

            return table;
        }

        private static sbyte[] Singles(FieldRule rule)
        {
            var table = new sbyte[1 << 8];
            Span<byte> field = stackalloc byte[1];
            for (var i = 0; i < table.Length; i++)
            {
                field[0] = unchecked((byte)i);
                table[i] = checked((sbyte)rule(field));
            }

            return table;
        }
    }

    /// <summary>Set by the first range that gives up, read by the others between blocks.</summary>
    private sealed class StopSignal
    {
        private volatile bool _stopped;

        public bool Stopped
        {
            get => _stopped;
            set => _stopped = value;
        }
    }

    /// <summary>What takes each row the pass accepts, after its checks: false gives up the pass.</summary>
    private abstract class RowSink
    {
        public abstract bool Take(in PeriodRecordRow row);
    }

    /// <summary>One thread's rows: the sums of its cells, and what the seams with its neighbours need.</summary>
    private sealed class Chunk
    {
        // Per-campus cell table: open addressing over the cell's key within its campus (grade, track, period, days taught).
        private int[] _slotKey = new int[1024];
        private int[] _slotCell = new int[1024];
        private readonly List<int> _usedSlots = [];
        private readonly int[] _cachedKey = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
        private readonly int[]?[] _cachedPage = new int[10][];
        private readonly int[] _cachedAt = new int[10];
        private readonly HashSet<int> _campuses = [];

        // The current student's keys (grade, track, period), for the repeated-key check.
        private readonly int[] _runKeys = new int[64];
        private int _runCount;

        private int _campus = -1;
        private long _student = -1;
        private bool _first = true;
        private bool _keepPreKindergarten;

        public bool GaveUp { get; set; }

        /// <summary>What takes each accepted row besides the sums, if anything (the store's loader).</summary>
        public RowSink? Sink { get; init; }

        public long Records { get; private set; }

        public int Year { get; private set; }

        public int FirstCampus { get; private set; } = -1;

        public long FirstStudent { get; private set; } = -1;

        public List<int> FirstRunKeys { get; } = [];

        public int LastCampus => _campus;

        public long LastStudent => _student;

        public IEnumerable<int> LastRunKeys => _runKeys.Take(_runCount);

        public IReadOnlyCollection<int> Campuses => _campuses;

        /// <summary>Per cell: campus (30 bits) then the campus's own cell key (26 bits).</summary>
        public List<long> CellKeys { get; } = [];

        /// <summary>
        /// The grade PK students of each campus and track, once for each run of their rows (a student's rows come
        /// together): what the FSP-eligible pre-K row of a file without birth dates needs (<see cref="CellSumsTable.PreKindergartenStudents"/>).
        /// </summary>
        public List<PreKindergartenStudent> PreKindergartenStudents { get; } = [];

        /// <summary>Per cell, <see cref="CellSumsTable.Width"/> sums, <see cref="CellSumsTable.PageCells"/> cells a page (filled as cells are added, never copied).</summary>
        public List<int[]> Pages { get; } = [];

        private int _cellBase;

        /// <summary>Sums the rows of <paramref name="buffer"/>[0, <paramref name="end"/>), each ending in a line feed; false when one is not plain.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool SumRows(Role[] roles, byte[] buffer, int end)
        {
            unchecked
            {
                return roles.AsSpan().SequenceEqual(WriterOrder) ? SumWriterOrderRows(buffer, end) : SumRowsCore(roles, buffer, end);
            }
        }

        /// <summary>
        /// <see cref="SumRowsCore"/> for the columns in the order <see cref="BasicReportingPeriodAttendanceCsv"/> writes them
        /// (as TEA extracts and <c>generate</c> do): the same rules, field by field, written out in that order.
        /// </summary>
        /// <remarks>
        /// The first 41 bytes of such a row have fixed widths (<c>2024,101912,101912001,0000000001,KG,00,1,</c>): their
        /// commas and digits are checked 32 and 16 bytes at a time, then the numbers read eight digits at a time; the
        /// codes are read through <see cref="CodeTables"/>, filled from <see cref="Fields"/>. Reads stay inside the
        /// buffer: it holds at least 64 bytes past <paramref name="end"/>, no check passes a line feed, and a row is read
        /// at most 48 bytes past its start before its line feed is met.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SumWriterOrderRows(byte[] b, int end)
        {
            unchecked
            {
                ref var r = ref MemoryMarshal.GetArrayDataReference(b);
                // The tables are read without bounds checks: a pair's table has an entry for every two bytes, a single's for every byte.
                ref var grades = ref MemoryMarshal.GetArrayDataReference(CodeTables.Grade);
                ref var periods = ref MemoryMarshal.GetArrayDataReference(CodeTables.Period);
                ref var economics = ref MemoryMarshal.GetArrayDataReference(CodeTables.Economic);
                ref var bilinguals = ref MemoryMarshal.GetArrayDataReference(CodeTables.EmergentBilingual);
                ref var fundings = ref MemoryMarshal.GetArrayDataReference(CodeTables.Funding);
                ref var adaCodes = ref MemoryMarshal.GetArrayDataReference(CodeTables.AdaCode);
                var p = 0;
                while (p < end)
                {
                    ref var row = ref Unsafe.Add(ref r, p);
                    if (!FixedStartIsPlain(ref row))
                    {
                        return false;
                    }

                    var grade = (int)Unsafe.Add(ref grades, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref row, 33)));
                    var period = (int)Unsafe.Add(ref periods, Unsafe.Add(ref row, 39));
                    if ((grade | period) < 0)
                    {
                        return false;
                    }

                    var year = Digits4(ref row);
                    var district = (Digits4(ref row, 5) * 100) + Digits2(ref row, 9);
                    var campus = (Digits8(ref row, 12) * 10) + (Unsafe.Add(ref row, 20) - (uint)'0');
                    var student = ((long)Digits8(ref row, 22) * 100) + Digits2(ref row, 30);
                    var track = Digits2(ref row, 36);
                    p += 41;

                    var taught = HalfDays(b, ref r, ref p);
                    if (Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var eligible = HalfDays(b, ref r, ref p);
                    if (Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var ineligible = HalfDays(b, ref r, ref p);
                    if (Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var absent = HalfDays(b, ref r, ref p);
                    if (Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var synchronous = Unsafe.Add(ref r, p) == ',' ? 0 : HalfDays(b, ref r, ref p);
                    if (Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var asynchronous = Unsafe.Add(ref r, p) == ',' ? 0 : HalfDays(b, ref r, ref p);
                    if ((taught | eligible | ineligible | absent | synchronous | asynchronous) < 0 || Unsafe.Add(ref r, p) != ',')
                    {
                        return false;
                    }

                    // Then the codes: economic disadvantage (two characters), emergent bilingual (one), the bilingual/ESL
                    // funding code (blank or two) and the ADA eligibility code (blank or one: validated, not summed).
                    var economic = (int)Unsafe.Add(ref economics, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref r, p + 1)));
                    var bilingual = (int)Unsafe.Add(ref bilinguals, Unsafe.Add(ref r, p + 4));
                    if ((economic | bilingual) < 0 || Unsafe.Add(ref r, p + 3) != ',' || Unsafe.Add(ref r, p + 5) != ',')
                    {
                        return false;
                    }

                    p += 6;
                    var funding = 0;
                    if (Unsafe.Add(ref r, p) != ',')
                    {
                        funding = Unsafe.Add(ref fundings, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref r, p)));
                        p += 2;
                    }

                    if (funding < 0 || Unsafe.Add(ref r, p++) != ',')
                    {
                        return false;
                    }

                    var last = Unsafe.Add(ref r, p);
                    var adaCode = 0;
                    if (last is not ((byte)'\n' or (byte)'\r'))
                    {
                        adaCode = Unsafe.Add(ref adaCodes, last);
                        if (adaCode < 0)
                        {
                            return false;
                        }

                        p++;
                    }

                    if (Unsafe.Add(ref r, p) == '\r')
                    {
                        p++;
                    }

                    if (Unsafe.Add(ref r, p++) != '\n')
                    {
                        return false;
                    }

                    var fields = new PeriodRecordRow
                    {
                        SchoolYear = (int)year,
                        District = (int)district,
                        Campus = (int)campus,
                        Student = student,
                        Grade = grade,
                        Track = (int)track,
                        Period = period,
                        DaysTaught = taught,
                        Eligible = eligible,
                        Ineligible = ineligible,
                        Absent = absent,
                        RemoteSynchronous = synchronous,
                        RemoteAsynchronous = asynchronous,
                        AdaCode = adaCode,
                        Economic = economic,
                        EmergentBilingual = bilingual,
                        Funding = funding,
                    };
                    if (!Add(fields))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        // The commas and digits of a row's fixed-width start: commas at 4, 11, 21, 32, 35, 38 and 40, digits at every
        // other place but the grade's two (33 and 34, read through its table).
        private const uint StartCommas = (1u << 4) | (1u << 11) | (1u << 21);
        private const uint StartDigits = ~StartCommas;
        private const uint RestCommas = (1u << 0) | (1u << 3) | (1u << 6) | (1u << 8);
        private const uint RestDigits = (1u << 4) | (1u << 5) | (1u << 7);

        /// <summary>Whether the 41 bytes at <paramref name="row"/> have their commas and digits where a plain row has them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool FixedStartIsPlain(ref byte row)
        {
            var first = Vector256.LoadUnsafe(ref row);
            var rest = Vector128.LoadUnsafe(ref row, 32);
            var commas = Vector256.Equals(first, Vector256.Create((byte)',')).ExtractMostSignificantBits();
            var digits = Vector256.LessThanOrEqual(first - Vector256.Create((byte)'0'), Vector256.Create((byte)9)).ExtractMostSignificantBits();
            var restCommas = Vector128.Equals(rest, Vector128.Create((byte)',')).ExtractMostSignificantBits() & 0x1FF;
            var restDigits = Vector128.LessThanOrEqual(rest - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits();
            return commas == StartCommas && digits == StartDigits && restCommas == RestCommas && (restDigits & RestDigits) == RestDigits;
        }

        // Digits already checked, combined in pairs, fours and eights (the first digit is the lowest byte).
        private const ulong Zeros8 = 0x3030303030303030;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Digits8(ref byte row, int at)
        {
            unchecked
            {
                var d = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref row, at)) - Zeros8;
                d = ((d * 10) + (d >> 8)) & 0x00FF00FF00FF00FF;
                d = ((d * 100) + (d >> 16)) & 0x0000FFFF0000FFFF;
                return (uint)(((d * 10000) + (d >> 32)) & 0xFFFFFFFF);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Digits4(ref byte row, int at = 0)
        {
            unchecked
            {
                var d = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref row, at)) - 0x30303030u;
                d = ((d * 10) + (d >> 8)) & 0x00FF00FF;
                return ((d * 100) + (d >> 16)) & 0xFFFF;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Digits2(ref byte row, int at) =>
            unchecked(((Unsafe.Add(ref row, at) - (uint)'0') * 10) + (Unsafe.Add(ref row, at + 1) - (uint)'0'));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SumRowsCore(Role[] roles, byte[] buffer, int end)
        {
            var p = 0;
            var last = roles.Length - 1;
            Span<long> values = stackalloc long[17];
            while (p < end)
            {
                values.Clear();
                for (var f = 0; f <= last; f++)
                {
                    var role = roles[f];
                    var value = ParseField(role, buffer, ref p);
                    if (value < 0)
                    {
                        return false;
                    }

                    // The field must end where the layout says: a comma between fields, a line feed (CR LF too) after the last.
                    var delimiter = buffer[p];
                    if (f < last)
                    {
                        if (delimiter != (byte)',')
                        {
                            return false;
                        }
                    }
                    else if (delimiter == (byte)'\r' && buffer[p + 1] == (byte)'\n')
                    {
                        p++;
                    }
                    else if (delimiter != (byte)'\n')
                    {
                        return false;
                    }

                    p++;
                    values[(int)role] = value;
                }

                var row = new PeriodRecordRow
                {
                    SchoolYear = (int)values[(int)Role.SchoolYear],
                    District = (int)values[(int)Role.District],
                    Campus = (int)values[(int)Role.Campus],
                    Student = values[(int)Role.Student],
                    Grade = (int)values[(int)Role.Grade],
                    Track = (int)values[(int)Role.Track],
                    Period = (int)values[(int)Role.Period],
                    DaysTaught = (int)values[(int)Role.DaysTaught],
                    Eligible = (int)values[(int)Role.Eligible],
                    Ineligible = (int)values[(int)Role.Ineligible],
                    Absent = (int)values[(int)Role.Absent],
                    RemoteSynchronous = (int)values[(int)Role.RemoteSynchronous],
                    RemoteAsynchronous = (int)values[(int)Role.RemoteAsynchronous],
                    AdaCode = (int)values[(int)Role.AdaCode],
                    Economic = (int)values[(int)Role.Economic],
                    EmergentBilingual = (int)values[(int)Role.EmergentBilingual],
                    Funding = (int)values[(int)Role.Funding],
                };
                if (!Add(row))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One field's value in plain form, as <see cref="Fields"/> reads it, or -1; <paramref name="p"/> moves to the field's end.</summary>
        private static long ParseField(Role role, byte[] b, ref int p)
        {
            var field = FieldAt(b, p);
            p += field.Length;
            return role switch
            {
                Role.SchoolYear => Fields.Digits(field, 4),
                Role.District => Fields.Digits(field, 6),
                Role.Campus => Fields.Digits(field, 9),
                Role.Student => Fields.LongDigits(field, 10),
                Role.Grade => Fields.ReadGrade(field),
                Role.Track => Fields.Digits(field, 2),
                Role.Period => Fields.ReadPeriod(field),
                Role.AdaCode => Fields.ReadAdaCode(field),
                Role.DaysTaught or Role.Eligible or Role.Ineligible or Role.Absent => Fields.ParseHalfDays(field),
                Role.RemoteSynchronous or Role.RemoteAsynchronous => Fields.ReadOptionalHalfDays(field),
                Role.Economic => Fields.ReadEconomic(field),
                Role.EmergentBilingual => Fields.ReadEmergentBilingual(field),
                _ => Fields.ReadFunding(field),
            };
        }

        /// <summary>The field that starts at <paramref name="p"/>: up to the next comma or line end.</summary>
        private static ReadOnlySpan<byte> FieldAt(byte[] b, int p)
        {
            var rest = b.AsSpan(p);
            var length = rest.IndexOfAny((byte)',', (byte)'\n', (byte)'\r');
            return rest[..(length < 0 ? rest.Length : length)];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsEnd(byte b) => b is (byte)',' or (byte)'\n' or (byte)'\r';

        /// <summary><c>29</c>, <c>29.0</c> or <c>14.5</c> as half days, at most 999.5 days (<see cref="Fields.ParseHalfDays"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int HalfDays(byte[] b, ref byte r, ref int p)
        {
            unchecked
            {
                // The forms extracts write, d.d and dd.d (0.0, 29.5), read at once; any other goes the general way.
                var d0 = (uint)(Unsafe.Add(ref r, p) - '0');
                var d1 = (uint)(Unsafe.Add(ref r, p + 1) - '0');
                if (d0 <= 9)
                {
                    if (Unsafe.Add(ref r, p + 1) == '.' && IsEnd(Unsafe.Add(ref r, p + 3)))
                    {
                        var tenth = Unsafe.Add(ref r, p + 2);
                        if (tenth is (byte)'0' or (byte)'5')
                        {
                            p += 3;
                            return (int)((d0 * 2) + (tenth == '5' ? 1u : 0u));
                        }

                        return Fields.NotPlain;
                    }

                    if (d1 <= 9 && Unsafe.Add(ref r, p + 2) == '.' && IsEnd(Unsafe.Add(ref r, p + 4)))
                    {
                        var tenth = Unsafe.Add(ref r, p + 3);
                        if (tenth is (byte)'0' or (byte)'5')
                        {
                            p += 4;
                            return (int)((((d0 * 10) + d1) * 2) + (tenth == '5' ? 1u : 0u));
                        }

                        return Fields.NotPlain;
                    }
                }
            }

            // Any other form (29, 029.0, or not plain at all) is read by the converters' own rule.
            var field = FieldAt(b, p);
            p += field.Length;
            return Fields.ParseHalfDays(field);
        }

        /// <summary>Adds one row's record to its cell; false when the record is not one the canonical reader accepts as it is, or out of campus order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Add(in PeriodRecordRow r)
        {
            unchecked
            {
                var year = r.SchoolYear;
                var campus = r.Campus;
                var student = r.Student;
                var taught = r.DaysTaught;
                var eligible = r.Eligible;
                var ineligible = r.Ineligible;
                var absent = r.Absent;
                var remote = r.RemoteSynchronous + r.RemoteAsynchronous;

                // The rules of the record's constructor (AttendanceStoreCsv.IsValidPlain, without the store's own limit).
                if (year is < PeimsRules.SchoolYear.MinimumEndYear or > PeimsRules.SchoolYear.MaximumEndYear
                    || campus / 1000 != r.District
                    || taught <= 0
                    || eligible + ineligible + absent + remote > taught)
                {
                    return false;
                }

                if (_first)
                {
                    Year = year;
                    FirstCampus = campus;
                    FirstStudent = student;

                    // The pre-K students are kept only in the years that have the pre-K four-year-olds row.
                    _keepPreKindergarten = RuleSet.For(new PeimsRules.SchoolYear(year)).HasAllStudentsEarlyEducationRows;
                }
                else if (year != Year)
                {
                    return false;
                }

                var grade = r.Grade;
                var track = r.Track;
                var period = r.Period;
                var runKey = (grade << 11) | (track << 4) | period;

                if (campus != _campus)
                {
                    EndCampus();
                    if (!_campuses.Add(campus))
                    {
                        return false;
                    }

                    _campus = campus;
                    _student = student;
                    _runCount = 0;
                }
                else if (student != _student)
                {
                    if (student < _student)
                    {
                        return false;
                    }

                    _student = student;
                    _runCount = 0;
                }
                else
                {
                    for (var i = 0; i < _runCount; i++)
                    {
                        if (_runKeys[i] == runKey)
                        {
                            return false;
                        }
                    }

                    if (_runCount == _runKeys.Length)
                    {
                        return false;
                    }
                }

                _runKeys[_runCount++] = runKey;
                if (_first)
                {
                    FirstRunKeys.Add(runKey);
                }
                else if (campus == FirstCampus && student == FirstStudent)
                {
                    FirstRunKeys.Add(runKey);
                }

                _first = false;
                Records++;
                if (grade == PreKindergartenGrade && _keepPreKindergarten
                    && (PreKindergartenStudents.Count == 0 || PreKindergartenStudents[^1] != new PreKindergartenStudent(campus, track, student)))
                {
                    PreKindergartenStudents.Add(new PreKindergartenStudent(campus, track, student));
                }

                var flags = RecordBits.Flags(
                    RecordBits.NoAdaCode,
                    r.Economic,
                    r.EmergentBilingual,
                    r.Funding);
                // A student's rows are one a period: the cell of each period is kept, so most rows find theirs without the table.
                var cellKey = (grade << 22) | (track << 15) | (period << 11) | taught;
                if (_cachedKey[period] != cellKey)
                {
                    var cell = CellOf(cellKey);
                    _cachedKey[period] = cellKey;
                    _cachedPage[period] = Pages[cell / CellSumsTable.PageCells];
                    _cachedAt[period] = cell % CellSumsTable.PageCells * CellSumsTable.Width;
                }

                var values = _cachedPage[period]!.AsSpan(_cachedAt[period], CellSumsTable.Width);
                AddTo(values, 0, eligible, remote, ineligible, absent);
                if (values[0] >= CellSumsTable.MaximumCellRecords)
                {
                    // Sums of 32 bits hold this many records of at most 999.5 days each; a larger cell goes the other way.
                    return false;
                }

                if (grade is >= 2 and <= 5)
                {
                    if ((flags & RecordBits.EconomicallyDisadvantaged) != 0)
                    {
                        AddTo(values, CellSumsTable.PopulationWidth, eligible, remote, ineligible, absent);
                    }

                    if ((flags & RecordBits.EmergentBilingualFunded) != 0)
                    {
                        AddTo(values, 2 * CellSumsTable.PopulationWidth, eligible, remote, ineligible, absent);
                    }
                }

                return Sink is null || Sink.Take(in r);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddTo(Span<int> values, int at, int eligible, int remote, int ineligible, int absent)
        {
            unchecked
            {
                values[at]++;
                values[at + 1] += eligible;
                values[at + 2] += remote;
                values[at + 3] += ineligible;
                values[at + 4] += absent;
            }
        }

        /// <summary>The cell of the current campus with <paramref name="key"/>, added when new.</summary>
        private int CellOf(int key)
        {
            var mask = _slotKey.Length - 1;
            var slot = (int)(unchecked((uint)key * 2654435769u) >> 16) & mask;
            while (true)
            {
                var cell = _slotCell[slot];
                if (cell == 0)
                {
                    break;
                }

                if (_slotKey[slot] == key)
                {
                    return cell - 1;
                }

                slot = (slot + 1) & mask;
            }

            var added = CellKeys.Count;
            if ((added - _cellBase + 1) * 2 > _slotKey.Length)
            {
                Grow();
                return CellOf(key);
            }

            _slotKey[slot] = key;
            _slotCell[slot] = added + 1;
            _usedSlots.Add(slot);
            CellKeys.Add(((long)_campus << 26) | (uint)key);
            if (added % CellSumsTable.PageCells == 0)
            {
                Pages.Add(new int[CellSumsTable.PageCells * CellSumsTable.Width]);
            }

            return added;
        }

        /// <summary>A table twice the size, with the current campus's cells in it.</summary>
        private void Grow()
        {
            _slotKey = new int[_slotKey.Length * 2];
            _slotCell = new int[_slotCell.Length * 2];
            _usedSlots.Clear();
            var mask = _slotKey.Length - 1;
            for (var cell = _cellBase; cell < CellKeys.Count; cell++)
            {
                var key = (int)(CellKeys[cell] & ((1 << 26) - 1));
                var slot = (int)(unchecked((uint)key * 2654435769u) >> 16) & mask;
                while (_slotCell[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _slotKey[slot] = key;
                _slotCell[slot] = cell + 1;
                _usedSlots.Add(slot);
            }
        }

        /// <summary>Closes the current campus's cell table.</summary>
        public void EndCampus()
        {
            foreach (var slot in _usedSlots)
            {
                _slotCell[slot] = 0;
            }

            _usedSlots.Clear();
            _cellBase = CellKeys.Count;
            Array.Fill(_cachedKey, -1);
        }
    }
}

/// <summary>
/// The raw sums of each fine cell of a file (record count, E0937, E1678 + E1679, E0936 and E0036 in half days, for all
/// records, then for the K-3 economically disadvantaged, then for the K-3 emergent bilingual), before the rules of a
/// year say which days count.
/// </summary>
internal sealed class CellSumsTable
{
    public const int PopulationWidth = 5;
    public const int Width = 3 * PopulationWidth;

    /// <summary>The records a cell's 32-bit sums hold (each adds at most 1,999 half days: 1,999,000,000 in all).</summary>
    public const int MaximumCellRecords = 1_000_000;

    /// <summary>The cells a page of sums holds.</summary>
    public const int PageCells = 4096;

    /// <summary>Per cell (as <see cref="Keys"/>), where its sums are in the pages: page <c>place / PageCells</c>, cell <c>place % PageCells</c> of it.</summary>
    private readonly int[] _places;
    private readonly IReadOnlyList<int[]> _pages;

    public CellSumsTable(SchoolYear? schoolYear, long records, long[] keys, int[] places, IReadOnlyList<int[]> pages, PreKindergartenStudent[] preKindergartenStudents)
    {
        SchoolYear = schoolYear;
        Records = records;
        Keys = keys;
        _places = places;
        _pages = pages;
        PreKindergartenStudents = preKindergartenStudents;
    }

    /// <summary>The grade PK students by campus and track (a student may be listed more than once: distinct them per group).</summary>
    public PreKindergartenStudent[] PreKindergartenStudents { get; }

    public SchoolYear? SchoolYear { get; }

    public long Records { get; }

    /// <summary>Per cell: campus number (30 bits), grade ordinal (4), track (7), period (4), days taught in half days (11).</summary>
    public long[] Keys { get; }

    /// <summary>The partial sums under <paramref name="rules"/>: the days each population's records count.</summary>
    /// <param name="rules">The rules of the year.</param>
    /// <param name="onlyGrade">Only the cells of this grade ordinal (<see cref="Fields.ReadGrade"/>), or every cell.</param>
    public AttendancePartials ToPartials(RuleSet rules, int? onlyGrade = null)
    {
        int[] order;
        long[] keys;
        if (onlyGrade is { } only)
        {
            var kept = Enumerable.Range(0, Keys.Length).Where(i => ((Keys[i] >> 22) & 0xF) == only).ToArray();
            order = [.. kept.Select(i => _places[i])];
            keys = [.. kept.Select(i => Keys[i])];
        }
        else
        {
            order = (int[])_places.Clone();
            keys = (long[])Keys.Clone();
        }

        Array.Sort(keys, order);

        // Cells of the same key from two threads (a campus over a seam) are one cell.
        var distinct = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                distinct++;
            }
        }

        var campusNumbers = new List<int>();
        var campusIndex = new int[distinct];
        var grade = new byte[distinct];
        var track = new byte[distinct];
        var period = new byte[distinct];
        var taught = new int[distinct];
        var first = new int[distinct + 1];
        var c = -1;
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (i > 0 && key == keys[i - 1])
            {
                continue;
            }

            c++;
            first[c] = i;
            var campus = (int)(key >> 26);
            if (campusNumbers.Count == 0 || campusNumbers[^1] != campus)
            {
                campusNumbers.Add(campus);
            }

            campusIndex[c] = campusNumbers.Count - 1;
            grade[c] = (byte)((key >> 22) & 0xF);
            track[c] = (byte)((key >> 15) & 0x7F);
            period[c] = (byte)((key >> 11) & 0xF);
            taught[c] = (int)(key & 0x7FF);
        }

        first[distinct] = keys.Length;
        var campuses = campusNumbers.Select(n => CampusId.Parse(n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var cells = new CellTable(campuses, campusIndex, grade, track, period, taught);
        var remote = rules.CountsRemoteDays;
        var all = new int[distinct * AttendancePartials.AllWidth];
        var k3 = rules.HasEarlyEducationRows ? new int[cells.K3Count * AttendancePartials.K3Width] : [];
        for (var cell = 0; cell < distinct; cell++)
        {
            AttendancePartials.Store(all, cell * AttendancePartials.AllWidth, Counted(order, first[cell], first[cell + 1], 0, remote));
            if (k3.Length > 0 && cells.K3Rank[cell] >= 0)
            {
                AttendancePartials.Store(k3, cells.K3Rank[cell] * AttendancePartials.K3Width, Counted(order, first[cell], first[cell + 1], 1, remote));
                AttendancePartials.Store(k3, (cells.K3Rank[cell] * AttendancePartials.K3Width) + AttendancePartials.AllWidth, Counted(order, first[cell], first[cell + 1], 2, remote));
            }
        }

        return new AttendancePartials(rules, cells, all, k3);
    }

    /// <summary>
    /// What a population's records of a cell (its rows [<paramref name="from"/>, <paramref name="to"/>) of
    /// <paramref name="order"/>) count under the rules: E0937 (+ remote days in the years that count them) toward ADA
    /// (<see cref="Attendance.PeriodAda.CountedEligibleDaysPresent"/>), that plus E0936 present and E0036 absent toward
    /// PIA (<see cref="Attendance.PercentInAttendance.CountedDaysPresent"/>).
    /// </summary>
    private CellSums Counted(int[] order, int from, int to, int population, bool remote)
    {
        var sums = default(CellSums);
        for (var i = from; i < to; i++)
        {
            var page = _pages[order[i] / PageCells];
            var at = (order[i] % PageCells * Width) + (population * PopulationWidth);
            long eligible = page[at + 1] + (remote ? (long)page[at + 2] : 0);
            sums.Add(new CellSums { Count = page[at], Eligible = eligible, Present = eligible + page[at + 3], Absent = page[at + 4] });
        }

        return sums;
    }
}

/// <summary>A grade PK student of a file summed as a stream: campus number, track and student id, as the row gives them.</summary>
internal readonly record struct PreKindergartenStudent(int Campus, int Track, long Student);
