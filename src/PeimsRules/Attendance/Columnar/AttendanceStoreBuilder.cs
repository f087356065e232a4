using System.Globalization;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// Builds an <see cref="AttendanceStore"/> one record at a time, without holding the records: each record is
/// dictionary-encoded into narrow columns as it arrives, so memory grows by the store's own bytes a record and
/// nothing else. The store keeps the records sorted by fine cell.
/// </summary>
/// <remarks>
/// <para>
/// A store holds one school year. It refuses, with an error that names the value and the limit, what its narrow
/// columns cannot hold exactly, rather than guess: days taught above 127.5 days in one reporting period (a day count
/// is a byte of half days; TEA's six-week periods are far shorter, and every other count of a record is at most its
/// days taught). Records the store refuses can always be summarised by the reference path
/// (<see cref="AttendanceSummary.Compute"/> over the records).
/// </para>
/// <para>
/// Nothing but the store grows with the records: a ten-digit TX-UNIQUE-STUDENT-ID is stored as its number, so there is
/// no dictionary of students (only of other, local ids). The records are sorted by cell as they come, a batch of
/// records at a time (a batch ends where a campus does), so a file in campus order, as TEA's extracts are, is in the
/// store's order once added, and <see cref="Build"/> only copies each column to its final array; records in any other
/// order are put in place a run of one cell at a time, in a copy of one column at a time (at most 8 bytes a record
/// more, briefly).
/// A builder is not thread-safe, and cannot be used after <see cref="Build"/>.
/// </para>
/// </remarks>
public sealed class AttendanceStoreBuilder
{
    /// <summary>The largest days taught a store holds, in half days (127.5 days): a day count is one byte of half days.</summary>
    public const int MaximumDaysTaughtHalfDays = byte.MaxValue;

    /// <summary>
    /// The most records a fine cell (one campus, grade, track, period and days taught) holds: 8,388,608, so that a
    /// cell's sums fit 32 bits. Far above any real cell (Texas has 5.5 million students in all).
    /// </summary>
    public const int MaximumCellRecords = 1 << 23;

    /// <summary>The records gathered before they are sorted into runs: at the first change of campus after this many.</summary>
    internal const int DefaultBatchRecords = 1 << 15;

    private readonly int _batchRecords;
    private readonly Dictionary<int, int> _campusByNumber = [];
    private readonly List<CampusId> _campuses = [];
    private readonly Dictionary<string, int> _studentByText = new(StringComparer.Ordinal);
    private readonly List<string> _studentTexts = [];

    // The batch: the records added since the last sort, and the cells they fall in (by cell key).
    private readonly Dictionary<long, int> _batchCellByKey = [];
    private readonly List<long> _batchCellKeys = [];
    private int[] _batchCell = new int[64];
    private long[] _batchStudent = new long[64];
    private byte[] _batchFlags = new byte[64];
    private byte[] _batchCodes = new byte[64];
    private byte[] _batchEligible = new byte[64];
    private byte[] _batchIneligible = new byte[64];
    private byte[] _batchAbsent = new byte[64];
    private byte[] _batchRemoteSynchronous = new byte[64];
    private byte[] _batchRemoteAsynchronous = new byte[64];
    private int[] _batchSource = [];
    private int _batchCount;
    private bool _batchHasRemote;

    // The sorted records: the batches, each cut into runs of one cell (in cell order within its batch).
    private readonly List<long> _runKeys = [];
    private readonly List<int> _runLengths = [];
    private readonly GrowingColumn<int> _ordinal = new();
    private readonly GrowingColumn<long> _student = new();
    private readonly GrowingColumn<byte> _flags = new();
    private readonly GrowingColumn<byte> _codes = new();
    private readonly GrowingColumn<byte> _eligible = new();
    private readonly GrowingColumn<byte> _ineligible = new();
    private readonly GrowingColumn<byte> _absent = new();
    private GrowingColumn<byte>? _remoteSynchronous;
    private GrowingColumn<byte>? _remoteAsynchronous;

    // Whether the runs so far are in cell order with no cell twice (true for a file in campus order): then the
    // records are already where the store keeps them.
    private bool _runsInCellOrder = true;

    private SchoolYear? _schoolYear;
    private int _lastCampusNumber = -1;
    private bool _built;

    /// <summary>Starts an empty builder.</summary>
    public AttendanceStoreBuilder()
        : this(DefaultBatchRecords)
    {
    }

    /// <summary>Starts an empty builder that sorts its records into runs at the first change of campus after <paramref name="batchRecords"/> (small values test the seams).</summary>
    internal AttendanceStoreBuilder(int batchRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRecords, 1);
        _batchRecords = batchRecords;
    }

    /// <summary>
    /// Makes room for <paramref name="records"/> records in all, so that each column is allocated once (a reader
    /// that knows about how many records its input holds says so before adding them).
    /// </summary>
    internal void Expect(int records)
    {
        _ordinal.Reserve(records, 0);
        _student.Reserve(records, 0);
        _flags.Reserve(records, AttendanceStore.Padding);
        _codes.Reserve(records, 0);
        _eligible.Reserve(records, AttendanceStore.Padding);
        _ineligible.Reserve(records, AttendanceStore.Padding);
        _absent.Reserve(records, AttendanceStore.Padding);
    }

    /// <summary>The number of records added.</summary>
    public int Count => _ordinal.Count + _batchCount;

    /// <summary>The school year of the records, once one has been added.</summary>
    public SchoolYear? SchoolYear => _schoolYear;

    /// <summary>Adds <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The record is of another school year than the records before it, or its days taught exceed
    /// <see cref="MaximumDaysTaughtHalfDays"/> half days.
    /// </exception>
    /// <exception cref="InvalidOperationException">The store has already been built.</exception>
    public void Add(BasicReportingPeriodAttendance record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var student = record.StudentId;
        var row = new EncodedRow
        {
            SchoolYear = record.SchoolYear.EndYear,
            CampusNumber = int.Parse(record.CampusId.Code, NumberStyles.None, CultureInfo.InvariantCulture),
            StudentNumber = student.IsTexasUniqueStudentId ? long.Parse(student.Value, NumberStyles.None, CultureInfo.InvariantCulture) : -1,
            StudentText = student.IsTexasUniqueStudentId ? null : student.Value,
            Grade = CellTable.GradeOrdinal(record.GradeLevel),
            Track = record.InstructionalTrack.Number,
            Period = record.ReportingPeriod.Number,
            AdaCode = RecordBits.CodeOf(record.AdaEligibility),
            DaysTaught = Narrow(record.NumberDaysTaught, record),
            Eligible = (int)record.EligibleDaysPresent.HalfDays,
            Ineligible = (int)record.IneligibleDaysPresent.HalfDays,
            Absent = (int)record.DaysAbsent.HalfDays,
            RemoteSynchronous = (int)record.RemoteSynchronousEligibleDaysPresent.HalfDays,
            RemoteAsynchronous = (int)record.RemoteAsynchronousEligibleDaysPresent.HalfDays,
            Economic = RecordBits.IndexOf(record.EconomicDisadvantage),
            EmergentBilingual = RecordBits.IndexOf(record.EmergentBilingual),
            Funding = RecordBits.IndexOf(record.BilingualEslFunding),
        };

        // A validated record's membership is at most its days taught, so once the days taught fit, every count fits.
        Add(in row, record.CampusId);
    }

    /// <summary>Adds every record of <paramref name="records"/>.</summary>
    /// <exception cref="ArgumentException">A record cannot be added (see <see cref="Add(BasicReportingPeriodAttendance)"/>).</exception>
    public void AddRange(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            Add(record);
        }
    }

    /// <summary>
    /// Adds a record already parsed and validated by a reader (membership within days taught, campus within its
    /// district, days taught in 0.5 to 127.5 days), without creating a <see cref="BasicReportingPeriodAttendance"/>.
    /// </summary>
    internal void Add(in EncodedRow row, CampusId? campusId = null)
    {
        if (_built)
        {
            throw new InvalidOperationException("The store has been built; start a new builder to build another.");
        }

        if (_schoolYear is not { } year)
        {
            _schoolYear = new SchoolYear(row.SchoolYear);
        }
        else if (year.EndYear != row.SchoolYear)
        {
            throw new ArgumentException(
                $"A store holds one school year: the records so far are of {year.DisplayName}, this one of {new SchoolYear(row.SchoolYear).DisplayName}.",
                nameof(row));
        }

        // A batch ends where a campus does, once it is big enough, so that a file in campus order gives each campus's
        // records to one batch and its runs come out in cell order.
        if (row.CampusNumber != _lastCampusNumber && _batchCount >= _batchRecords)
        {
            SortBatch();
        }

        NoteCampus(row.CampusNumber, campusId);
        var student = StudentKey(row.StudentNumber, row.StudentText);
        var key = CellKey(row.CampusNumber, row.Grade, row.Track, row.Period, row.DaysTaught);
        if (!_batchCellByKey.TryGetValue(key, out var cell))
        {
            cell = _batchCellKeys.Count;
            _batchCellByKey.Add(key, cell);
            _batchCellKeys.Add(key);
        }

        if (_batchCount == _batchCell.Length)
        {
            GrowBatch();
        }

        var i = _batchCount++;
        _batchCell[i] = cell;
        _batchStudent[i] = student;
        _batchFlags[i] = RecordBits.Flags(row.AdaCode, row.Economic, row.EmergentBilingual, row.Funding);
        _batchCodes[i] = RecordBits.Codes(row.Economic, row.EmergentBilingual, row.Funding);
        _batchEligible[i] = (byte)row.Eligible;
        _batchIneligible[i] = (byte)row.Ineligible;
        _batchAbsent[i] = (byte)row.Absent;
        _batchRemoteSynchronous[i] = (byte)row.RemoteSynchronous;
        _batchRemoteAsynchronous[i] = (byte)row.RemoteAsynchronous;
        _batchHasRemote |= (row.RemoteSynchronous | row.RemoteAsynchronous) != 0;
    }

    /// <summary>
    /// Sorts the records by fine cell (campus, grade, track, period, days taught; input order within a cell) and
    /// returns the store. The builder cannot be used afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store has already been built.</exception>
    public AttendanceStore Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The store has already been built.");
        }

        SortBatch();
        _built = true;
        var count = _ordinal.Count;
        var runs = _runKeys.Count;

        // Each run's place in the store: the runs in cell order (a stable sort, so a cell's runs keep their order,
        // and with them the input order of the cell's records), the runs of one cell together.
        var order = new int[runs];
        for (var r = 0; r < runs; r++)
        {
            order[r] = r;
        }

        if (!_runsInCellOrder)
        {
            var keys = _runKeys.ToArray();
            Array.Sort(keys, order);
            SortRunsOfEachKey(keys, order);
        }

        var runStart = new int[runs + 1];
        for (var r = 0; r < runs; r++)
        {
            runStart[r + 1] = runStart[r] + _runLengths[r];
        }

        // The cells: one per distinct key, in key order, and where each begins in the store.
        var cellKeys = new List<long>();
        var cellStart = new List<int> { 0 };
        var destination = new int[runs];
        var at = 0;
        foreach (var r in order)
        {
            if (cellKeys.Count == 0 || cellKeys[^1] != _runKeys[r])
            {
                if (cellKeys.Count > 0)
                {
                    cellStart.Add(at);
                }

                cellKeys.Add(_runKeys[r]);
            }

            destination[r] = at;
            at += _runLengths[r];
        }

        if (count > 0)
        {
            cellStart.Add(at);
        }

        var cellCount = cellKeys.Count;
        for (var c = 0; c < cellCount; c++)
        {
            if (cellStart[c + 1] - cellStart[c] > MaximumCellRecords)
            {
                throw new InvalidOperationException(
                    $"A fine cell (campus {CampusOfKey(cellKeys[c])}, one grade, track, period and days taught) has {cellStart[c + 1] - cellStart[c]:N0} records; "
                    + $"a store holds at most {MaximumCellRecords:N0} in one cell. Summarise these records with the reference path.");
            }
        }

        // Campuses by code (the cell keys begin with the campus number, so the cells are in that order already).
        var campusOrder = Enumerable.Range(0, _campuses.Count).OrderBy(i => _campuses[i].Code, StringComparer.Ordinal).ToArray();
        var campusRank = new int[_campuses.Count];
        for (var r = 0; r < campusOrder.Length; r++)
        {
            campusRank[campusOrder[r]] = r;
        }

        var campusOf = new int[cellCount];
        var grade = new byte[cellCount];
        var track = new byte[cellCount];
        var period = new byte[cellCount];
        var daysTaught = new int[cellCount];
        for (var c = 0; c < cellCount; c++)
        {
            var key = cellKeys[c];
            campusOf[c] = campusRank[_campusByNumber[(int)(key >> 28)]];
            grade[c] = (byte)((key >> 24) & 0xF);
            track[c] = (byte)((key >> 16) & 0xFF);
            period[c] = (byte)((key >> 8) & 0xFF);
            daysTaught[c] = (int)(key & 0xFF);
        }

        var ordinal = Place(_ordinal, 0, runStart, destination, count);
        var students = Place(_student, 0, runStart, destination, count);
        var flags = Place(_flags, AttendanceStore.Padding, runStart, destination, count);
        var codes = Place(_codes, 0, runStart, destination, count);
        var eligible = Place(_eligible, AttendanceStore.Padding, runStart, destination, count);
        var ineligible = Place(_ineligible, AttendanceStore.Padding, runStart, destination, count);
        var absent = Place(_absent, AttendanceStore.Padding, runStart, destination, count);
        var remoteSynchronous = _remoteSynchronous is null ? null : Place(_remoteSynchronous, AttendanceStore.Padding, runStart, destination, count);
        var remoteAsynchronous = _remoteAsynchronous is null ? null : Place(_remoteAsynchronous, AttendanceStore.Padding, runStart, destination, count);

        _studentByText.Clear();
        _batchCellByKey.Clear();
        var cells = new CellTable(campusOrder.Select(i => _campuses[i]).ToArray(), campusOf, grade, track, period, daysTaught);
        return new AttendanceStore(
            _schoolYear, cells, cellStart.ToArray(), _studentTexts.ToArray(),
            new AttendanceStore.RecordColumns(students, ordinal, flags, codes, eligible, ineligible, absent, remoteSynchronous, remoteAsynchronous));
    }

    /// <summary>The key of a fine cell: campus number, grade, track, period and days taught, which sorts as the cells do.</summary>
    private static long CellKey(int campusNumber, int grade, int track, int period, int daysTaught) =>
        ((long)campusNumber << 28) | ((long)grade << 24) | ((long)track << 16) | ((long)period << 8) | (uint)daysTaught;

    private CampusId CampusOfKey(long key) => _campuses[_campusByNumber[(int)(key >> 28)]];

    /// <summary>After a sort by key alone, puts the runs of each key back in the order they were made.</summary>
    private static void SortRunsOfEachKey(long[] keys, int[] order)
    {
        var from = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[from])
            {
                if (i - from > 1)
                {
                    Array.Sort(order, from, i - from);
                }

                from = i;
            }
        }
    }

    /// <summary>
    /// Sorts the batch by cell (input order within a cell, by a counting sort) and appends it to the columns as runs,
    /// one a cell of the batch.
    /// </summary>
    private void SortBatch()
    {
        var n = _batchCount;
        if (n == 0)
        {
            return;
        }

        var cells = _batchCellKeys.Count;
        var keys = _batchCellKeys.ToArray();
        var byKey = new int[cells];
        for (var c = 0; c < cells; c++)
        {
            byKey[c] = c;
        }

        Array.Sort(keys, byKey);
        var rank = new int[cells];
        for (var r = 0; r < cells; r++)
        {
            rank[byKey[r]] = r;
        }

        var next = new int[cells + 1];
        for (var i = 0; i < n; i++)
        {
            next[rank[_batchCell[i]] + 1]++;
        }

        for (var r = 0; r < cells; r++)
        {
            var length = next[r + 1];
            if (_runKeys.Count > 0 && _runKeys[^1] >= keys[r])
            {
                _runsInCellOrder = false;
            }

            _runKeys.Add(keys[r]);
            _runLengths.Add(length);
            next[r + 1] += next[r];
        }

        if (_batchSource.Length < n)
        {
            _batchSource = new int[_batchCell.Length];
        }

        var source = _batchSource;
        for (var i = 0; i < n; i++)
        {
            source[next[rank[_batchCell[i]]]++] = i;
        }

        if (_batchHasRemote && _remoteSynchronous is null)
        {
            _remoteSynchronous = new GrowingColumn<byte>();
            _remoteAsynchronous = new GrowingColumn<byte>();
            _remoteSynchronous.PadTo(_ordinal.Count);
            _remoteAsynchronous!.PadTo(_ordinal.Count);
        }

        var first = _ordinal.Count;
        for (var p = 0; p < n; p++)
        {
            var i = source[p];
            _ordinal.Add(first + i);
            _student.Add(_batchStudent[i]);
            _flags.Add(_batchFlags[i]);
            _codes.Add(_batchCodes[i]);
            _eligible.Add(_batchEligible[i]);
            _ineligible.Add(_batchIneligible[i]);
            _absent.Add(_batchAbsent[i]);
        }

        // Remote days exist in two school years only: the columns are made by the first batch that has any, and hold
        // zeros for the records before it.
        if (_remoteSynchronous is not null)
        {
            for (var p = 0; p < n; p++)
            {
                _remoteSynchronous.Add(_batchRemoteSynchronous[source[p]]);
                _remoteAsynchronous!.Add(_batchRemoteAsynchronous[source[p]]);
            }
        }

        _batchCount = 0;
        _batchHasRemote = false;
        _batchCellByKey.Clear();
        _batchCellKeys.Clear();
    }

    private void GrowBatch()
    {
        var size = _batchCell.Length * 2;
        Array.Resize(ref _batchCell, size);
        Array.Resize(ref _batchStudent, size);
        Array.Resize(ref _batchFlags, size);
        Array.Resize(ref _batchCodes, size);
        Array.Resize(ref _batchEligible, size);
        Array.Resize(ref _batchIneligible, size);
        Array.Resize(ref _batchAbsent, size);
        Array.Resize(ref _batchRemoteSynchronous, size);
        Array.Resize(ref _batchRemoteAsynchronous, size);
    }

    /// <summary>
    /// The values of <paramref name="column"/> where the store keeps them: the column itself when the runs are in cell
    /// order already, otherwise each run copied whole to its place; the column is then given back.
    /// </summary>
    private T[] Place<T>(GrowingColumn<T> column, int padding, int[] runStart, int[] destination, int count)
        where T : unmanaged
    {
        if (_runsInCellOrder)
        {
            return column.Take(padding);
        }

        var result = new T[count + padding];
        for (var r = 0; r < destination.Length; r++)
        {
            column.CopyTo(runStart[r], result, destination[r], runStart[r + 1] - runStart[r]);
        }

        column.Release();
        return result;
    }

    /// <summary>Keeps the campus of a record the first time one comes (the cells name campuses by number until <see cref="Build"/>).</summary>
    private void NoteCampus(int number, CampusId? campusId)
    {
        if (number != _lastCampusNumber && !_campusByNumber.ContainsKey(number))
        {
            _campusByNumber.Add(number, _campuses.Count);
            _campuses.Add(campusId ?? CampusId.Parse(number.ToString("D9", CultureInfo.InvariantCulture)));
        }

        _lastCampusNumber = number;
    }

    /// <summary>A ten-digit id is stored as its number; any other id as the complement of its index among the other ids.</summary>
    private long StudentKey(long number, string? text)
    {
        if (number >= 0)
        {
            return number;
        }

        ArgumentNullException.ThrowIfNull(text);
        if (!_studentByText.TryGetValue(text, out var index))
        {
            index = _studentTexts.Count;
            _studentTexts.Add(text);
            _studentByText.Add(text, index);
        }

        return ~(long)index;
    }

    private static int Narrow(DayCount daysTaught, BasicReportingPeriodAttendance record)
    {
        if (daysTaught.HalfDays > MaximumDaysTaughtHalfDays)
        {
            throw new ArgumentException(
                $"{TeaElements.NumberDaysTaught} {daysTaught} (student {record.StudentId}, campus {record.CampusId}, period {record.ReportingPeriod}) "
                + $"is more than the {DayCount.FromHalfDays(MaximumDaysTaughtHalfDays)} days a columnar store holds for one reporting period; "
                + "summarise these records with the reference path (AttendanceSummary.Compute over the records).",
                nameof(record));
        }

        return (int)daysTaught.HalfDays;
    }
}

/// <summary>
/// A record as a reader has parsed and validated it, before it is stored: the codes as indexes, the day counts in
/// half days, the campus and a ten-digit student id as numbers.
/// </summary>
internal struct EncodedRow
{
    public int SchoolYear;
    public int CampusNumber;

    /// <summary>A ten-digit TX-UNIQUE-STUDENT-ID as a number, or -1 for another id (then <see cref="StudentText"/>).</summary>
    public long StudentNumber;
    public string? StudentText;
    public int Grade;
    public int Track;
    public int Period;
    public int AdaCode;
    public int DaysTaught;
    public int Eligible;
    public int Ineligible;
    public int Absent;
    public int RemoteSynchronous;
    public int RemoteAsynchronous;
    public int Economic;
    public int EmergentBilingual;
    public int Funding;
}
