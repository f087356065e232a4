using System.Globalization;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// Builds an <see cref="AttendanceStore"/> one record at a time, without holding the records: each record is
/// dictionary-encoded into narrow columns as it arrives, so memory grows by the store's own bytes a record and
/// nothing else. <see cref="Build"/> then sorts the records by fine cell.
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
/// no dictionary of students (only of other, local ids). Peak memory while building is the store itself plus at most
/// 12 bytes a record, briefly, for the sort by cell in <see cref="Build"/>.
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

    private readonly Dictionary<int, int> _campusByNumber = [];
    private readonly List<CampusId> _campuses = [];
    private readonly Dictionary<string, int> _studentByText = new(StringComparer.Ordinal);
    private readonly List<string> _studentTexts = [];
    private readonly Dictionary<long, int> _cellByKey = [];
    private readonly List<long> _cellKeys = [];

    private readonly ChunkedColumn<int> _cell = new();
    private readonly ChunkedColumn<long> _student = new();
    private readonly ChunkedColumn<byte> _flags = new();
    private readonly ChunkedColumn<byte> _codes = new();
    private readonly ChunkedColumn<byte> _eligible = new();
    private readonly ChunkedColumn<byte> _ineligible = new();
    private readonly ChunkedColumn<byte> _absent = new();
    private ChunkedColumn<byte>? _remoteSynchronous;
    private ChunkedColumn<byte>? _remoteAsynchronous;

    private SchoolYear? _schoolYear;
    private int _lastCampusNumber = -1;
    private int _lastCampus;
    private bool _built;

    /// <summary>The number of records added.</summary>
    public int Count => _cell.Count;

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

        var campus = CampusIndex(row.CampusNumber, campusId);
        var student = StudentKey(row.StudentNumber, row.StudentText);
        var key = ((long)campus << 28) | ((long)row.Grade << 24) | ((long)row.Track << 16) | ((long)row.Period << 8) | (uint)row.DaysTaught;
        if (!_cellByKey.TryGetValue(key, out var cell))
        {
            cell = _cellKeys.Count;
            _cellByKey.Add(key, cell);
            _cellKeys.Add(key);
        }

        var index = _cell.Count;
        _cell.Add(cell);
        _student.Add(student);
        _flags.Add(RecordBits.Flags(row.AdaCode, row.Economic, row.EmergentBilingual, row.Funding));
        _codes.Add(RecordBits.Codes(row.Economic, row.EmergentBilingual, row.Funding));
        _eligible.Add((byte)row.Eligible);
        _ineligible.Add((byte)row.Ineligible);
        _absent.Add((byte)row.Absent);

        // Remote days exist in two school years only: the columns are created by the first record that has any
        // (both together, the loop adds them together), and hold zeros for the records before it.
        if (row.RemoteSynchronous != 0 || row.RemoteAsynchronous != 0 || _remoteSynchronous is not null)
        {
            _remoteSynchronous ??= new ChunkedColumn<byte>();
            _remoteAsynchronous ??= new ChunkedColumn<byte>();
            _remoteSynchronous.PadTo(index);
            _remoteAsynchronous.PadTo(index);
            _remoteSynchronous.Add((byte)row.RemoteSynchronous);
            _remoteAsynchronous.Add((byte)row.RemoteAsynchronous);
        }
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

        _built = true;
        var count = _cell.Count;

        // Campuses by code, so that cells (and a district's campuses) come out in the order of their codes.
        var campusOrder = Enumerable.Range(0, _campuses.Count).OrderBy(i => _campuses[i].Code, StringComparer.Ordinal).ToArray();
        var campusRank = new int[_campuses.Count];
        for (var r = 0; r < campusOrder.Length; r++)
        {
            campusRank[campusOrder[r]] = r;
        }

        var cellCount = _cellKeys.Count;
        var sortKeys = new Int128[cellCount];
        var cellOrder = new int[cellCount];
        for (var c = 0; c < cellCount; c++)
        {
            var key = _cellKeys[c];
            sortKeys[c] = CellTable.SortKey(
                campusRank[(int)(key >> 28)], (int)((key >> 24) & 0xF), (int)((key >> 16) & 0xFF), (int)((key >> 8) & 0xFF), key & 0xFF);
            cellOrder[c] = c;
        }

        Array.Sort(sortKeys, cellOrder);
        var cellRank = new int[cellCount];
        var campusOf = new int[cellCount];
        var grade = new byte[cellCount];
        var track = new byte[cellCount];
        var period = new byte[cellCount];
        var daysTaught = new int[cellCount];
        for (var r = 0; r < cellCount; r++)
        {
            var key = _cellKeys[cellOrder[r]];
            cellRank[cellOrder[r]] = r;
            campusOf[r] = campusRank[(int)(key >> 28)];
            grade[r] = (byte)((key >> 24) & 0xF);
            track[r] = (byte)((key >> 16) & 0xFF);
            period[r] = (byte)((key >> 8) & 0xFF);
            daysTaught[r] = (int)(key & 0xFF);
        }

        // Counting sort: each record's place is the next free slot of its cell; records keep their input order
        // within a cell. The places overwrite the cell column, which is not needed any more.
        var start = new int[cellCount + 1];
        for (var i = 0; i < count; i++)
        {
            start[cellRank[_cell[i]] + 1]++;
        }

        for (var r = 0; r < cellCount; r++)
        {
            if (start[r + 1] > MaximumCellRecords)
            {
                throw new InvalidOperationException(
                    $"A fine cell (campus {_campuses[(int)(_cellKeys[cellOrder[r]] >> 28)]}, one grade, track, period and days taught) has {start[r + 1]:N0} records; "
                    + $"a store holds at most {MaximumCellRecords:N0} in one cell. Summarise these records with the reference path.");
            }

            start[r + 1] += start[r];
        }

        var next = (int[])start.Clone();
        for (var i = 0; i < count; i++)
        {
            _cell[i] = next[cellRank[_cell[i]]]++;
        }

        var ordinal = new int[count];
        for (var i = 0; i < count; i++)
        {
            ordinal[_cell[i]] = i;
        }

        var students = Scatter(_student, 0);
        var flags = Scatter(_flags, AttendanceStore.Padding);
        var codes = Scatter(_codes, 0);
        var eligible = Scatter(_eligible, AttendanceStore.Padding);
        var ineligible = Scatter(_ineligible, AttendanceStore.Padding);
        var absent = Scatter(_absent, AttendanceStore.Padding);
        _remoteSynchronous?.PadTo(count);
        _remoteAsynchronous?.PadTo(count);
        var remoteSynchronous = _remoteSynchronous is null ? null : Scatter(_remoteSynchronous, AttendanceStore.Padding);
        var remoteAsynchronous = _remoteAsynchronous is null ? null : Scatter(_remoteAsynchronous, AttendanceStore.Padding);
        _cell.Release();

        _studentByText.Clear();
        _cellByKey.Clear();

        var cells = new CellTable(campusOrder.Select(i => _campuses[i]).ToArray(), campusOf, grade, track, period, daysTaught);
        return new AttendanceStore(
            _schoolYear, cells, start, _studentTexts.ToArray(),
            new AttendanceStore.RecordColumns(students, ordinal, flags, codes, eligible, ineligible, absent, remoteSynchronous, remoteAsynchronous));
    }

    private T[] Scatter<T>(ChunkedColumn<T> column, int padding)
        where T : unmanaged
    {
        var count = _cell.Count;
        var result = new T[count + padding];
        for (var chunk = 0; chunk < column.ChunkCount; chunk++)
        {
            var values = column.Chunk(chunk);
            var places = _cell.Chunk(chunk);
            var n = Math.Min(ChunkedColumn<T>.ChunkSize, count - (chunk << ChunkedColumn<T>.ChunkShift));
            for (var i = 0; i < n; i++)
            {
                result[places[i]] = values[i];
            }
        }

        column.Release();
        return result;
    }

    private int CampusIndex(int number, CampusId? campusId)
    {
        if (number == _lastCampusNumber)
        {
            return _lastCampus;
        }

        if (!_campusByNumber.TryGetValue(number, out var index))
        {
            index = _campuses.Count;
            _campuses.Add(campusId ?? CampusId.Parse(number.ToString("D9", CultureInfo.InvariantCulture)));
            _campusByNumber.Add(number, index);
        }

        _lastCampusNumber = number;
        _lastCampus = index;
        return index;
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
