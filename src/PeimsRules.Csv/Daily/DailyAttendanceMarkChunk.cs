using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The rows of one stretch of the attendance-marks file (whole lines, in file order), read by one thread for
/// <see cref="DailyAttendanceMarkFile"/>: each row a record (its student, date and class-period slot, each a number
/// into this stretch's tables) or a problem, both by line within the stretch.
/// </summary>
internal sealed class DailyAttendanceMarkChunk
{
    private const int NoPeriod = 0;

    private readonly DailyAttendanceMarkFile.Context _context;
    private readonly int[] _bounds;

    private readonly List<StudentId> _students = [];
    private readonly Dictionary<UInt128, int> _studentByCode = [];
    private readonly Dictionary<string, int> _studentByText = new(StringComparer.Ordinal);
    private readonly List<CampusId> _campuses = [];
    private readonly Dictionary<int, int> _campusByNumber = [];
    private readonly List<LocalDate> _dates = [];
    private readonly List<int> _dayNumbers = [];
    private readonly Dictionary<int, int> _dateByNumber = [];
    private readonly List<string?> _periods = [null];
    private readonly Dictionary<UInt128, int> _periodByCode = [];
    private readonly Dictionary<string, int> _periodByText = new(StringComparer.Ordinal);
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<SlotKey, int> _slotByKey = [];

    private int[] _student;
    private int[] _date;
    private int[] _slot;
    private int[] _line;
    private bool[] _accepted = [];

    private readonly List<(int Line, int Student, int Date, int Slot)> _handedRecords = [];
    private readonly Dictionary<int, IReadOnlyDictionary<string, string>> _handedValues = [];
    private readonly List<(int Line, CsvProblem Problem)> _problems = [];
    private readonly List<int> _batchLines = [];
    private readonly MemoryStream _batch = new();

    private readonly byte[] _lastStudentBytes = new byte[StudentId.MaximumLength];
    private int _lastStudentLength = -1;
    private int _lastStudent;
    private int _lastCampusNumber = -1;
    private int _lastCampus;
    private int _lastDateNumber = -1;
    private int _lastDate;

    private DailyAttendanceMarkChunk(DailyAttendanceMarkFile.Context context, long bytes)
    {
        _context = context;
        _bounds = new int[context.FieldCount + 1];
        var capacity = (int)Math.Clamp(bytes / 40, 16, 1 << 26);
        _student = new int[capacity];
        _date = new int[capacity];
        _slot = new int[capacity];
        _line = new int[capacity];
    }

    /// <summary>The records read, in file order (accepted or not).</summary>
    public int Count { get; private set; }

    /// <summary>The lines of the stretch, empty ones included.</summary>
    public int Lines { get; private set; }

    /// <summary>The file line of the stretch's first line.</summary>
    public long FirstLine { get; set; }

    /// <summary>The records the repeated-mark check kept.</summary>
    public int Accepted { get; private set; }

    /// <summary>Whether the stretch holds something only the reference reader can read from the file's start.</summary>
    public bool GaveUp { get; private set; }

    /// <summary>The problems of the rows (not the repeated marks), by line within the stretch, in order.</summary>
    public IReadOnlyList<(int Line, CsvProblem Problem)> Problems => _problems;

    /// <summary>Reads the lines that start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static DailyAttendanceMarkChunk Read(SafeFileHandle handle, DailyAttendanceMarkFile.Context context, long from, long to, int blockBytes)
    {
        var chunk = new DailyAttendanceMarkChunk(context, to - from);
        chunk.ReadLines(handle, from, to, blockBytes);
        return chunk;
    }

    /// <summary>The record's line within the stretch.</summary>
    public int LineOf(int record) => _line[record];

    /// <summary>The record's student, as this stretch's text of the id.</summary>
    public StudentId StudentOf(int record) => _students[_student[record]];

    /// <summary>The distinct students of the stretch; <see cref="StudentIndexOf"/> numbers them.</summary>
    public IReadOnlyList<StudentId> Students => _students;

    /// <summary>The distinct campuses of the stretch; <see cref="KeyOf"/> numbers them.</summary>
    public IReadOnlyList<CampusId> Campuses => _campuses;

    public int StudentIndexOf(int record) => _student[record];

    /// <summary>
    /// The record's key within its student (day, start, end, campus), as one number that orders keys by day, then
    /// start, end and campus (the campus by <paramref name="campusNumbers"/>, its number in the whole file).
    /// </summary>
    public UInt128 KeyOf(int record, int[] campusNumbers)
    {
        ref readonly var slot = ref CollectionsMarshal.AsSpan(_slots)[_slot[record]];
        // Day numbers count from 1970 and the first date a file may hold is in 1989: moved up so that they are positive.
        var time = ((ulong)(uint)(_dayNumbers[_date[record]] + 100_000) << 34) | ((ulong)(uint)slot.StartSeconds << 17) | (uint)slot.EndSeconds;
        return ((UInt128)time << 32) | (uint)campusNumbers[slot.Campus];
    }

    /// <summary>The problem of a repeated mark on line <paramref name="line"/> of the file, naming the first.</summary>
    public CsvProblem Repeated(int record, long line, long first)
    {
        ref readonly var slot = ref CollectionsMarshal.AsSpan(_slots)[_slot[record]];
        var key = (StudentOf(record), _campuses[slot.Campus], _dates[_date[record]], slot.Start, slot.End);
        var values = _handedValues.TryGetValue(_line[record], out var handed) ? handed : ValuesOf(record);
        return DailyAttendanceMarkCsv.OneMarkPerClassPeriod.Repeated(_context.FileName, line, key, first, values);
    }

    /// <summary>Whether the record was kept.</summary>
    public bool IsAccepted(int record) => record < _accepted.Length && _accepted[record];

    /// <summary>Marks the record as kept or not.</summary>
    public void Accept(int record, bool accepted)
    {
        if (_accepted.Length < Count)
        {
            _accepted = new bool[Count];
        }

        _accepted[record] = accepted;
        if (accepted)
        {
            Accepted++;
        }
    }

    /// <summary>The kept records, in file order, their file lines written to <paramref name="lines"/>.</summary>
    public DailyAttendanceMarks ToMarks(Span<long> lines)
    {
        if (Accepted == 0)
        {
            return DailyAttendanceMarks.Empty;
        }

        var campuses = _campuses.ToArray();
        var slots = CollectionsMarshal.AsSpan(_slots);
        var builder = new DailyAttendanceMarks.Builder(Accepted);
        var at = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!_accepted[i])
            {
                continue;
            }

            ref readonly var slot = ref slots[_slot[i]];
            builder.Add(_students[_student[i]], campuses[slot.Campus], _dates[_date[i]], slot.Start, slot.End, slot.Status, _periods[slot.Period]);
            lines[at++] = FirstLine + _line[i];
        }

        // The stretch's rows are in the marks now: their columns go, before the stretches' marks are joined.
        (_student, _date, _slot, _line, _accepted, Count) = ([], [], [], [], [], 0);
        return builder.ToMarks();
    }

    private void ReadLines(SafeFileHandle handle, long from, long to, int blockBytes)
    {
        var longest = 64L * _context.Options.MaximumLineLength;
        var buffer = new byte[blockBytes];
        var position = from;
        var carry = 0;
        var line = 0;
        while (true)
        {
            var wanted = (int)Math.Min(buffer.Length - carry, to - position);
            var read = wanted > 0 ? RandomAccess.Read(handle, buffer.AsSpan(carry, wanted), position) : 0;
            position += read;
            var valid = carry + read;
            var atEnd = position >= to || read == 0;
            var pos = 0;
            while (pos < valid)
            {
                var span = buffer.AsSpan(pos, valid - pos);
                var end = span.IndexOfAny((byte)'\r', (byte)'\n');
                if (end < 0)
                {
                    break;
                }

                var next = pos + end + 1;
                if (span[end] == (byte)'\r')
                {
                    if (next < valid)
                    {
                        if (buffer[next] == (byte)'\n')
                        {
                            next++;
                        }
                    }
                    else if (!atEnd)
                    {
                        // A carriage return at the end of the block: a line feed may follow it in the next.
                        break;
                    }
                }

                ReadLine(span[..end], line++);
                pos = next;
            }

            if (atEnd)
            {
                if (pos < valid)
                {
                    ReadLine(buffer.AsSpan(pos, valid - pos), line++);
                }

                break;
            }

            carry = valid - pos;
            if (carry > longest)
            {
                // The reference reader stops inside a line this long, at a place that depends on its own buffering.
                GaveUp = true;
                return;
            }

            buffer.AsSpan(pos, carry).CopyTo(buffer);
            if (carry == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        Lines = line;
        HandOver();
        MergeHandedRecords();
    }

    private void ReadLine(ReadOnlySpan<byte> line, int number)
    {
        if (line.IsEmpty || GaveUp)
        {
            return;
        }

        if (line.Length > 64L * _context.Options.MaximumLineLength)
        {
            GaveUp = true;
            return;
        }

        if (!TryRead(line, number))
        {
            if (_batch.Length == 0)
            {
                _batch.Write(_context.HeaderBytes);
                _batch.WriteByte((byte)'\n');
            }

            _batch.Write(line);
            _batch.WriteByte((byte)'\n');
            _batchLines.Add(number);
            if (_batch.Length >= 1 << 18)
            {
                HandOver();
            }
        }
    }

    /// <summary>Reads a plain row (see <see cref="DailyAttendanceMarkFile"/>); <see langword="false"/> for any other.</summary>
    private bool TryRead(ReadOnlySpan<byte> line, int number)
    {
        var options = _context.Options;
        if (line.Length > options.MaximumLineLength || line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) || line.Contains((byte)'"'))
        {
            return false;
        }

        var bounds = _bounds;
        var fields = 1;
        var at = 0;
        while (true)
        {
            var comma = line[at..].IndexOf((byte)',');
            if (comma < 0)
            {
                break;
            }

            if (fields == _context.FieldCount)
            {
                return false;
            }

            at += comma + 1;
            bounds[fields++] = at;
        }

        if (fields != _context.FieldCount)
        {
            return false;
        }

        bounds[fields] = line.Length + 1;
        if (line.Length > options.MaximumFieldLength)
        {
            for (var f = 0; f < fields; f++)
            {
                if (bounds[f + 1] - 1 - bounds[f] > options.MaximumFieldLength)
                {
                    return false;
                }
            }
        }

        if (!TryStudent(Field(line, _context.Student), out var student)
            || !TryCampus(Field(line, _context.Campus), out var campus)
            || !TryDate(Field(line, _context.Date), out var date)
            || !TryPeriod(_context.ClassPeriod < 0 ? [] : Field(line, _context.ClassPeriod), out var period)
            || !TryTime(Field(line, _context.Start), out var start, out var startLong)
            || !TryTime(Field(line, _context.End), out var end, out var endLong)
            || end <= start
            || !TryStatus(Field(line, _context.Status), out var status))
        {
            return false;
        }

        var slot = SlotOf(new SlotKey(campus, start, end, status, (byte)((startLong ? 1 : 0) | (endLong ? 2 : 0)), period));
        Append(number, student, date, slot);
        return true;
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int field) => line[_bounds[field]..(_bounds[field + 1] - 1)];

    private static bool Plain(ReadOnlySpan<byte> field) => !field.IsEmpty && field[0] != (byte)' ' && field[^1] != (byte)' ';

    private bool TryStudent(ReadOnlySpan<byte> field, out int student)
    {
        student = 0;
        if (field.Length is 0 or > StudentId.MaximumLength)
        {
            return false;
        }

        if (field.Length == _lastStudentLength && field.SequenceEqual(_lastStudentBytes.AsSpan(0, field.Length)))
        {
            student = _lastStudent;
            return true;
        }

        UInt128 code = 0;
        foreach (var b in field)
        {
            // Six bits a character (1-10 digits, 11-36 capitals, 37-62 small letters, 63 the hyphen), so that ids of up to 21 characters are one number.
            int c = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0' + 1,
                >= (byte)'A' and <= (byte)'Z' => b - 'A' + 11,
                >= (byte)'a' and <= (byte)'z' => b - 'a' + 37,
                (byte)'-' => 63,
                _ => 0,
            };
            if (c == 0)
            {
                return false;
            }

            code = (code << 6) | (uint)c;
        }

        if (field.Length <= 21)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_studentByCode, code, out var exists);
            if (!exists)
            {
                index = AddStudent(System.Text.Encoding.ASCII.GetString(field));
            }

            student = index;
        }
        else
        {
            student = StudentIndex(System.Text.Encoding.ASCII.GetString(field));
        }

        field.CopyTo(_lastStudentBytes);
        (_lastStudentLength, _lastStudent) = (field.Length, student);
        return true;
    }

    private int StudentIndex(string id)
    {
        if (id.Length <= 21 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            UInt128 code = 0;
            foreach (var c in id)
            {
                code = (code << 6) | (uint)(c switch
                {
                    >= '0' and <= '9' => c - '0' + 1,
                    >= 'A' and <= 'Z' => c - 'A' + 11,
                    >= 'a' and <= 'z' => c - 'a' + 37,
                    _ => 63,
                });
            }

            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_studentByCode, code, out var exists);
            if (!exists)
            {
                index = AddStudent(id);
            }

            return index;
        }

        ref var byText = ref CollectionsMarshal.GetValueRefOrAddDefault(_studentByText, id, out var known);
        if (!known)
        {
            byText = AddStudent(id);
        }

        return byText;
    }

    private int AddStudent(string id)
    {
        _students.Add(StudentId.Parse(id));
        return _students.Count - 1;
    }

    private bool TryCampus(ReadOnlySpan<byte> field, out int campus)
    {
        campus = 0;
        if (field.Length != 9)
        {
            return false;
        }

        var number = 0;
        foreach (var b in field)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            number = (number * 10) + (b - '0');
        }

        campus = CampusIndex(number);
        return true;
    }

    private int CampusIndex(int number)
    {
        if (number == _lastCampusNumber)
        {
            return _lastCampus;
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_campusByNumber, number, out var exists);
        if (!exists)
        {
            index = _campuses.Count;
            _campuses.Add(CampusId.Parse(number.ToString("D9", System.Globalization.CultureInfo.InvariantCulture)));
        }

        (_lastCampusNumber, _lastCampus) = (number, index);
        return index;
    }

    private bool TryDate(ReadOnlySpan<byte> field, out int date)
    {
        date = 0;
        if (field.Length != 10 || field[4] != (byte)'-' || field[7] != (byte)'-'
            || !TryDigits(field[..4], out var year) || !TryDigits(field[5..7], out var month) || !TryDigits(field[8..], out var day))
        {
            return false;
        }

        var number = (year * 10_000) + (month * 100) + day;
        if (number == _lastDateNumber)
        {
            date = _lastDate;
            return true;
        }

        if (!_dateByNumber.TryGetValue(number, out date))
        {
            if (month is < 1 or > 12 || day < 1 || year < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                return false;
            }

            var value = new LocalDate(year, month, day);
            if (value < CsvDailyValues.FirstDate || value > CsvDailyValues.LastDate)
            {
                return false;
            }

            date = DateIndex(value);
        }

        (_lastDateNumber, _lastDate) = (number, date);
        return true;
    }

    private int DateIndex(LocalDate value)
    {
        var number = (value.Year * 10_000) + (value.Month * 100) + value.Day;
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_dateByNumber, number, out var exists);
        if (!exists)
        {
            index = _dates.Count;
            _dates.Add(value);
            _dayNumbers.Add(DayNumber.Of(value));
        }

        return index;
    }

    private static bool TryDigits(ReadOnlySpan<byte> field, out int value)
    {
        value = 0;
        foreach (var b in field)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private bool TryPeriod(ReadOnlySpan<byte> field, out int period)
    {
        period = NoPeriod;
        if (field.IsEmpty)
        {
            return true;
        }

        if (!Plain(field))
        {
            return false;
        }

        if (field.Length <= 16)
        {
            period = ShortPeriodIndex(field);
            return true;
        }

        period = PeriodIndex(System.Text.Encoding.ASCII.GetString(field));
        return true;
    }

    private int PeriodIndex(string? text)
    {
        if (text is null)
        {
            return NoPeriod;
        }

        if (text.Length <= 16 && text.All(c => c is >= ' ' and <= '~'))
        {
            Span<byte> ascii = stackalloc byte[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                ascii[i] = (byte)text[i];
            }

            return ShortPeriodIndex(ascii);
        }

        ref var byText = ref CollectionsMarshal.GetValueRefOrAddDefault(_periodByText, text, out var known);
        if (!known)
        {
            byText = _periods.Count;
            _periods.Add(text);
        }

        return byText;
    }

    /// <summary>The number of a class period's name of at most 16 printable ASCII bytes, its bytes read as one number.</summary>
    private int ShortPeriodIndex(ReadOnlySpan<byte> ascii)
    {
        UInt128 code = 0;
        foreach (var b in ascii)
        {
            code = (code << 8) | b;
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_periodByCode, code, out var exists);
        if (!exists)
        {
            index = _periods.Count;
            _periods.Add(System.Text.Encoding.ASCII.GetString(ascii));
        }

        return index;
    }

    /// <summary>A time of <c>HH:mm</c> or <c>HH:mm:ss</c> as seconds of the day; <paramref name="withSeconds"/> for the second form.</summary>
    private static bool TryTime(ReadOnlySpan<byte> field, out int seconds, out bool withSeconds)
    {
        seconds = 0;
        withSeconds = field.Length == 8;
        if ((field.Length != 5 && !withSeconds) || field[2] != (byte)':' || (withSeconds && field[5] != (byte)':')
            || !TryDigits(field[..2], out var hour) || !TryDigits(field[3..5], out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var second = 0;
        if (withSeconds && (!TryDigits(field[6..], out second) || second > 59))
        {
            return false;
        }

        seconds = (hour * 3600) + (minute * 60) + second;
        return true;
    }

    private static bool TryStatus(ReadOnlySpan<byte> field, out byte status)
    {
        status = field.Length == 1 ? field[0] : (byte)0;
        return status is (byte)'P' or (byte)'A' or (byte)'F' or (byte)'p' or (byte)'a' or (byte)'f';
    }

    private int SlotOf(SlotKey key)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotByKey, key, out var exists);
        if (!exists)
        {
            index = _slots.Count;
            var status = char.ToUpperInvariant((char)key.Status) switch
            {
                'P' => AttendanceMarkStatus.Present,
                'A' => AttendanceMarkStatus.Absent,
                _ => AttendanceMarkStatus.PresentForFunding,
            };
            _slots.Add(new Slot(key.Campus, LocalTime.FromSecondsSinceMidnight(key.Start), LocalTime.FromSecondsSinceMidnight(key.End), status, key.Period, key.Start, key.End, key.Status, key.Forms));
        }

        return index;
    }

    private void Append(int line, int student, int date, int slot)
    {
        if (Count == _student.Length)
        {
            var size = _student.Length * 2;
            Array.Resize(ref _student, size);
            Array.Resize(ref _date, size);
            Array.Resize(ref _slot, size);
            Array.Resize(ref _line, size);
        }

        _student[Count] = student;
        _date[Count] = date;
        _slot[Count] = slot;
        _line[Count] = line;
        Count++;
    }

    /// <summary>The row's values as the reference reader's problem of the row carries them (a plain row is its own text).</summary>
    private Dictionary<string, string> ValuesOf(int record)
    {
        ref readonly var slot = ref CollectionsMarshal.AsSpan(_slots)[_slot[record]];
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [DailyAttendanceMarkCsv.StudentId.Name] = _students[_student[record]].Value,
            [DailyAttendanceMarkCsv.CampusId.Name] = _campuses[slot.Campus].Code,
            [DailyAttendanceMarkCsv.Date.Name] = CsvDailyValues.FormatDate(_dates[_date[record]]),
            [DailyAttendanceMarkCsv.StartTime.Name] = Time(slot.Start, (slot.Forms & 1) != 0),
            [DailyAttendanceMarkCsv.EndTime.Name] = Time(slot.End, (slot.Forms & 2) != 0),
            [DailyAttendanceMarkCsv.Status.Name] = ((char)slot.StatusText).ToString(),
        };
        if (_context.ClassPeriod >= 0)
        {
            values[DailyAttendanceMarkCsv.ClassPeriod.Name] = _periods[slot.Period] ?? string.Empty;
        }

        return values;

        static string Time(LocalTime time, bool withSeconds) =>
            time.ToString(withSeconds ? "HH:mm:ss" : "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Hands the rows not read here to the reference reader, behind the file's header, and takes what it says of each.</summary>
    private void HandOver()
    {
        if (_batchLines.Count == 0 || GaveUp)
        {
            return;
        }

        _batch.Position = 0;
        var options = _context.ReferenceOptions;
        using (var input = CsvInputText.FromStream(_batch, _context.FileName, options))
        using (var cursor = new CsvTableCursor<DailyAttendanceMark, int>(input, _context.FileName, DailyAttendanceMarkCsv.Columns, DailyAttendanceMarkCsv.Map, CsvErrorMode.CollectAll, null, options, null))
        {
            var outcomes = 0;
            while (cursor.TryRead(out var mark))
            {
                var line = _batchLines[(int)cursor.RecordLine - 2];
                var slot = SlotOf(new SlotKey(
                    CampusIndex(int.Parse(mark.Campus.Code, System.Globalization.CultureInfo.InvariantCulture)),
                    (int)(mark.Start.TickOfDay / NodaConstants.TicksPerSecond),
                    (int)(mark.End.TickOfDay / NodaConstants.TicksPerSecond),
                    (byte)CsvDailyValues.FormatStatus(mark.Status)[0],
                    0,
                    PeriodIndex(mark.ClassPeriod)));
                _handedRecords.Add((line, StudentIndex(mark.Student.Value), DateIndex(mark.Date), slot));
                _handedValues[line] = cursor.RecordValues;
                outcomes++;
            }

            foreach (var problem in cursor.Problems)
            {
                if (problem.Line < 2)
                {
                    // The header's own problems, which the file's reading reported once already.
                    continue;
                }

                _problems.Add((_batchLines[(int)problem.Line - 2], problem));
                outcomes++;
            }

            if (outcomes != _batchLines.Count || cursor.RowsRead != _batchLines.Count || input.Stopped
                || cursor.Problems.Any(p => p.Line >= 2 && (p.Line - 2 >= _batchLines.Count)))
            {
                GaveUp = true;
            }
        }

        _batch.SetLength(0);
        _batchLines.Clear();
    }

    /// <summary>Puts the records the reference reader gave among the plain ones, in line order.</summary>
    private void MergeHandedRecords()
    {
        if (_handedRecords.Count == 0)
        {
            return;
        }

        var total = Count + _handedRecords.Count;
        var student = new int[total];
        var date = new int[total];
        var slot = new int[total];
        var line = new int[total];
        int i = 0, j = 0;
        for (var k = 0; k < total; k++)
        {
            if (j >= _handedRecords.Count || (i < Count && _line[i] < _handedRecords[j].Line))
            {
                (student[k], date[k], slot[k], line[k]) = (_student[i], _date[i], _slot[i], _line[i]);
                i++;
            }
            else
            {
                (line[k], student[k], date[k], slot[k]) = _handedRecords[j];
                j++;
            }
        }

        (_student, _date, _slot, _line, Count) = (student, date, slot, line, total);
        _handedRecords.Clear();
    }

    /// <summary>What a class-period slot is read from: the campus, the times in seconds and their form, the status letter as written, the class period.</summary>
    private readonly record struct SlotKey(int Campus, int Start, int End, byte Status, byte Forms, int Period);

    private readonly record struct Slot(int Campus, LocalTime Start, LocalTime End, AttendanceMarkStatus Status, int Period, int StartSeconds, int EndSeconds, byte StatusText, byte Forms);
}
