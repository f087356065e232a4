using System.Collections;
using System.Runtime.InteropServices;
using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// A district's class-period attendance marks, held compactly: what the readers of daily attendance fill and what
/// <see cref="PeriodAttendanceBuilder.Build"/> reads fastest. Each mark is its student (one of the distinct students
/// held once), its day, and its class-period slot (campus, start and end times, local class period and status, each
/// distinct slot held once): about 12 bytes a mark, where a list of <see cref="DailyAttendanceMark"/> takes 48.
/// </summary>
/// <remarks>
/// It is a list of <see cref="DailyAttendanceMark"/> in the order the marks were added; reading an item makes the mark
/// again from its columns, equal to the one added. Fill it with a <see cref="Builder"/>, or make it from any marks with
/// <see cref="From"/>.
/// </remarks>
public sealed class DailyAttendanceMarks : IReadOnlyList<DailyAttendanceMark>
{
    private static readonly LocalDate DayZero = new(1970, 1, 1);

    private readonly StudentId[] _students;
    private readonly MarkSlot[] _slots;
    private readonly int[] _student;
    private readonly int[] _day;
    private readonly int[] _slot;

    private DailyAttendanceMarks(StudentId[] students, MarkSlot[] slots, int[] student, int[] day, int[] slot, int count)
    {
        _students = students;
        _slots = slots;
        _student = student;
        _day = day;
        _slot = slot;
        Count = count;
    }

    /// <summary>No marks.</summary>
    public static DailyAttendanceMarks Empty { get; } = new([], [], [], [], [], 0);

    /// <summary>How many marks there are.</summary>
    public int Count { get; }

    /// <summary>The distinct students, in the order they first appear.</summary>
    internal ReadOnlySpan<StudentId> StudentTable => _students;

    /// <summary>The distinct class-period slots, in the order they first appear.</summary>
    internal ReadOnlySpan<MarkSlot> SlotTable => _slots;

    /// <summary>Each mark's student, as an index into <see cref="StudentTable"/>.</summary>
    internal ReadOnlySpan<int> StudentOfMark => _student.AsSpan(0, Count);

    /// <summary>Each mark's date as a day number (days since 1970-01-01).</summary>
    internal ReadOnlySpan<int> DayOfMark => _day.AsSpan(0, Count);

    /// <summary>Each mark's slot, as an index into <see cref="SlotTable"/>.</summary>
    internal ReadOnlySpan<int> SlotOfMark => _slot.AsSpan(0, Count);

    /// <summary>The mark at <paramref name="index"/>, as it was added.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a mark's place.</exception>
    public DailyAttendanceMark this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            ref readonly var slot = ref _slots[_slot[index]];
            return new DailyAttendanceMark(_students[_student[index]], slot.Campus, DateOf(_day[index]), slot.Start, slot.End, slot.Status, slot.ClassPeriod);
        }
    }

    /// <summary>
    /// The marks of <paramref name="marks"/> held compactly, in their order: <paramref name="marks"/> itself when it
    /// already is a <see cref="DailyAttendanceMarks"/>.
    /// </summary>
    public static DailyAttendanceMarks From(IEnumerable<DailyAttendanceMark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks is DailyAttendanceMarks held)
        {
            return held;
        }

        var builder = new Builder(marks.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var mark in marks)
        {
            builder.Add(mark);
        }

        return builder.ToMarks();
    }

    /// <inheritdoc />
    public IEnumerator<DailyAttendanceMark> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The date of day number <paramref name="day"/>.</summary>
    internal static LocalDate DateOf(int day) => DayZero.PlusDays(day);

    /// <summary>
    /// Fills a <see cref="DailyAttendanceMarks"/>, mark by mark, in order. Consecutive marks of one student (the same
    /// id text, as a reader that keeps one string per student gives) or of one slot cost no look-up, nor does the
    /// student who first came after the last one (the next student of a file sorted by date).
    /// </summary>
    public sealed class Builder
    {
        private readonly List<StudentId> _students = [];
        private readonly Dictionary<string, int> _studentIndex = new(StringComparer.Ordinal);
        private readonly List<MarkSlot> _slots = [];
        private readonly Dictionary<MarkSlot, int> _slotIndex = [];
        private int[] _student;
        private int[] _day;
        private int[] _slot;
        private string? _lastId;
        private int _lastStudent = -1;
        private MarkSlot _lastSlot;
        private int _lastSlotIndex = -1;
        private LocalDate _lastDate;
        private int _lastDay;
        private bool _built;

        /// <summary>Starts an empty set of marks, with room for <paramref name="capacity"/> marks before it grows.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
        public Builder(int capacity = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(capacity);

            // Not zeroed: only the first Count items are ever read, and a reader sizes these from the whole file (megabytes).
            _student = GC.AllocateUninitializedArray<int>(capacity);
            _day = GC.AllocateUninitializedArray<int>(capacity);
            _slot = GC.AllocateUninitializedArray<int>(capacity);
            _lastDay = DayNumber.Of(_lastDate);
        }

        /// <summary>How many marks have been added.</summary>
        public int Count { get; private set; }

        /// <summary>Adds <paramref name="mark"/>.</summary>
        /// <exception cref="InvalidOperationException"><see cref="ToMarks"/> was called.</exception>
        public void Add(in DailyAttendanceMark mark)
        {
            ThrowIfBuilt();
            Append(mark.Student, mark.Date, new MarkSlot(mark.Campus, mark.Start, mark.End, mark.Status, mark.ClassPeriod));
        }

        /// <summary>Adds a mark, checked as <see cref="DailyAttendanceMark"/>'s constructor checks it.</summary>
        /// <param name="student">The student.</param>
        /// <param name="campus">The campus where the mark was taken.</param>
        /// <param name="date">The school day.</param>
        /// <param name="start">When the class period starts.</param>
        /// <param name="end">When the class period ends; after <paramref name="start"/>.</param>
        /// <param name="status">Present, absent, or present for funding.</param>
        /// <param name="classPeriod">The class period's local name, for explanations.</param>
        /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>, the status is unknown, or the date is not ISO.</exception>
        /// <exception cref="InvalidOperationException"><see cref="ToMarks"/> was called.</exception>
        public void Add(StudentId student, CampusId campus, LocalDate date, LocalTime start, LocalTime end, AttendanceMarkStatus status, string? classPeriod = null)
        {
            ThrowIfBuilt();
            if (date.Calendar != CalendarSystem.Iso)
            {
                throw new ArgumentException("Attendance dates are ISO (Gregorian) dates.", nameof(date));
            }

            var slot = new MarkSlot(campus, start, end, status, classPeriod);
            Append(student, date, slot);
        }

        /// <summary>Adds every mark of <paramref name="marks"/>, in order.</summary>
        /// <exception cref="InvalidOperationException"><see cref="ToMarks"/> was called.</exception>
        public void AddRange(DailyAttendanceMarks marks)
        {
            ArgumentNullException.ThrowIfNull(marks);
            ThrowIfBuilt();
            Join(marks._students, marks._slots, marks.StudentOfMark, marks.DayOfMark, marks.SlotOfMark);
        }

        /// <summary>
        /// Adds every mark of <paramref name="other"/>, in order, straight from its columns (no table of its own made
        /// first, as <see cref="ToMarks"/> would); <paramref name="other"/> takes no more marks after this.
        /// </summary>
        /// <exception cref="InvalidOperationException">Either builder was made into marks already, or they are the same.</exception>
        internal void AddRange(Builder other)
        {
            ArgumentNullException.ThrowIfNull(other);
            ThrowIfBuilt();
            other.ThrowIfBuilt();
            if (ReferenceEquals(other, this))
            {
                throw new InvalidOperationException("A builder cannot take its own marks.");
            }

            other._built = true;
            Join(CollectionsMarshal.AsSpan(other._students), CollectionsMarshal.AsSpan(other._slots), other._student.AsSpan(0, other.Count), other._day.AsSpan(0, other.Count), other._slot.AsSpan(0, other.Count));
        }

        /// <summary>
        /// The number of <paramref name="student"/> in this builder's table of students, which it joins if new: what
        /// <see cref="Add(int, int, int)"/> takes. Marks added either way share the one table. As for a mark added, the
        /// last student asked for and the one after it cost no look-up.
        /// </summary>
        internal int StudentNumber(StudentId student)
        {
            ThrowIfBuilt();
            return NextStudent(student);
        }

        /// <summary>
        /// The number of a class-period slot in this builder's table of slots, which it joins if new, checked as
        /// <see cref="DailyAttendanceMark"/>'s constructor checks a mark: what <see cref="Add(int, int, int)"/> takes.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>, or the status is unknown.</exception>
        internal int SlotNumber(CampusId campus, LocalTime start, LocalTime end, AttendanceMarkStatus status, string? classPeriod)
        {
            ThrowIfBuilt();
            return SlotIndex(new MarkSlot(campus, start, end, status, classPeriod));
        }

        /// <summary>
        /// Adds a mark by numbers already resolved (a reader that keeps them costs no look-up per mark): a
        /// <see cref="StudentNumber"/>, a day number (days since 1970-01-01, <see cref="DayNumber"/>) and a
        /// <see cref="SlotNumber"/>. The mark is the one the same student, date and slot would add.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The student or slot is not one of this builder's numbers.</exception>
        internal void Add(int student, int day, int slot)
        {
            ThrowIfBuilt();
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unchecked((uint)student), (uint)_students.Count, nameof(student));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unchecked((uint)slot), (uint)_slots.Count, nameof(slot));
            Store(student, day, slot);
        }

        /// <summary>The marks added. The builder takes no more marks after this.</summary>
        /// <exception cref="InvalidOperationException"><see cref="ToMarks"/> was called already.</exception>
        public DailyAttendanceMarks ToMarks()
        {
            ThrowIfBuilt();
            _built = true;
            return Count == 0 ? Empty : new DailyAttendanceMarks([.. _students], [.. _slots], _student, _day, _slot, Count);
        }

        /// <summary>Adds marks of another table: its students and slots mapped to this builder's, its columns copied.</summary>
        private void Join(ReadOnlySpan<StudentId> studentTable, ReadOnlySpan<MarkSlot> slotTable, ReadOnlySpan<int> student, ReadOnlySpan<int> day, ReadOnlySpan<int> slot)
        {
            var students = new int[studentTable.Length];
            for (var k = 0; k < students.Length; k++)
            {
                students[k] = StudentIndex(studentTable[k]);
            }

            var slots = new int[slotTable.Length];
            for (var k = 0; k < slots.Length; k++)
            {
                slots[k] = SlotIndex(slotTable[k]);
            }

            EnsureRoom(Count + student.Length);
            day.CopyTo(_day.AsSpan(Count));
            for (var i = 0; i < student.Length; i++)
            {
                _student[Count + i] = students[student[i]];
                _slot[Count + i] = slots[slot[i]];
            }

            Count += student.Length;
        }

        private void Append(StudentId student, LocalDate date, MarkSlot slot)
        {
            var s = NextStudent(student);
            if (date != _lastDate)
            {
                (_lastDate, _lastDay) = (date, DayNumber.Of(date));
            }

            if (_lastSlotIndex < 0 || !slot.Equals(_lastSlot))
            {
                (_lastSlot, _lastSlotIndex) = (slot, SlotIndex(slot));
            }

            Store(s, _lastDay, _lastSlotIndex);
        }

        private void Store(int student, int day, int slot)
        {
            if (Count == _student.Length)
            {
                EnsureRoom(Count + 1);
            }

            _student[Count] = student;
            _day[Count] = day;
            _slot[Count] = slot;
            Count++;
        }

        /// <summary>The number of the student of the next mark: the last one's, the one after it, else looked up.</summary>
        private int NextStudent(StudentId student)
        {
            // A file sorted by date lists each day's students in the same order as the day before: the student after the
            // last one is tried before the dictionary.
            var next = _lastStudent + 1;
            var s = ReferenceEquals(student.Value, _lastId) ? _lastStudent
                : (uint)next < (uint)_students.Count && string.Equals(_students[next].Value, student.Value, StringComparison.Ordinal) ? next
                : StudentIndex(student);
            (_lastId, _lastStudent) = (student.Value, s);
            return s;
        }

        private int StudentIndex(StudentId student)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_studentIndex, student.Value, out var exists);
            if (!exists)
            {
                index = _students.Count;
                _students.Add(student);
            }

            return index;
        }

        private int SlotIndex(MarkSlot slot)
        {
            if (_slotIndex.TryGetValue(slot, out var index))
            {
                return index;
            }

            // A slot not seen before is checked once, as the mark's constructor checks a mark.
            _ = new DailyAttendanceMark(default, slot.Campus, default, slot.Start, slot.End, slot.Status, slot.ClassPeriod);
            index = _slots.Count;
            _slotIndex.Add(slot, index);
            _slots.Add(slot);
            return index;
        }

        private void EnsureRoom(int count)
        {
            if (count <= _student.Length)
            {
                return;
            }

            var size = (int)Math.Min(Array.MaxLength, Math.Max(count, Math.Max(1024L, _student.Length * 2L)));
            _student = Grown(_student, size, Count);
            _day = Grown(_day, size, Count);
            _slot = Grown(_slot, size, Count);

            static int[] Grown(int[] column, int size, int count)
            {
                var grown = GC.AllocateUninitializedArray<int>(size);
                column.AsSpan(0, count).CopyTo(grown);
                return grown;
            }
        }

        private void ThrowIfBuilt()
        {
            if (_built)
            {
                throw new InvalidOperationException("These marks were already made into a DailyAttendanceMarks; start a new builder for more.");
            }
        }
    }
}

/// <summary>What marks of one class period share: the campus, the period's times, the status and the local class period.</summary>
internal readonly record struct MarkSlot(CampusId Campus, LocalTime Start, LocalTime End, AttendanceMarkStatus Status, string? ClassPeriod)
{
    /// <summary>Whether the class period holds <paramref name="time"/>: it starts at or before it and ends after it.</summary>
    public bool Holds(LocalTime time) => Start <= time && time < End;

    /// <summary>Whether the status counts the student present.</summary>
    public bool IsPresent => Status != AttendanceMarkStatus.Absent;
}
