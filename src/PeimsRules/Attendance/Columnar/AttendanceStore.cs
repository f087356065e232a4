using System.Collections;
using System.Globalization;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The period records of one school year in columns: a struct of arrays with narrow, dictionary-encoded values and
/// day counts as bytes of half days, sorted by fine cell, for statewide aggregation in one pass with no allocation
/// per record.
/// </summary>
/// <remarks>
/// <para>
/// A store is a collection of <see cref="BasicReportingPeriodAttendance"/> (enumerated in the order the records were added),
/// so the same calculators take it as they take a list: <see cref="AttendanceSummary.Compute"/>,
/// <see cref="AttendanceTotals.Of"/>, <see cref="PeriodAda.Compute"/>, <see cref="RefinedAda.Compute"/>,
/// <see cref="PercentInAttendance.Compute"/> and <see cref="Funding.HistoricalRatio.ByDistrict"/> see a store and run
/// the columnar path, with exactly the reference results (a property test holds them to it). Drill-down
/// (<see cref="AttendanceSummary.RecordsBehind(AttendanceFigure)"/>) rebuilds the records it returns, in input order.
/// </para>
/// <para>
/// Layout, per record: the student (8 bytes: a TX-UNIQUE-STUDENT-ID as its number), its input position (4), a flags
/// byte (ADA code and the four questions the rules ask of it), a byte of population codes, and one byte each of
/// eligible, ineligible and absent half days; remote days add two bytes only to stores that have any. Campus, grade,
/// track, period and days taught are stored once per fine cell, not per record. See <see cref="SizeInBytes"/>.
/// </para>
/// <para>Immutable once built, so it can be read by any number of threads.</para>
/// </remarks>
public sealed class AttendanceStore : IReadOnlyCollection<BasicReportingPeriodAttendance>
{
    /// <summary>Bytes after the end of each byte column, so the vector loop can read a full block at the end of the last cell.</summary>
    internal const int Padding = 64;

    private const int MinimumChunk = 1 << 16;

    private readonly int[] _cellStart;
    private readonly string[] _studentTexts;

    internal AttendanceStore(SchoolYear? schoolYear, CellTable cells, int[] cellStart, string[] studentTexts, RecordColumns columns)
    {
        SchoolYear = schoolYear;
        Cells = cells;
        _cellStart = cellStart;
        _studentTexts = studentTexts;
        Columns = columns;
    }

    /// <summary>The school year of the records; <see langword="null"/> for an empty store.</summary>
    public SchoolYear? SchoolYear { get; }

    /// <summary>The number of records.</summary>
    public int Count => _cellStart[^1];

    /// <summary>The number of fine cells (campus, grade, track, reporting period, days taught).</summary>
    public int CellCount => Cells.Count;

    /// <summary>The number of campuses.</summary>
    public int CampusCount => Cells.Campuses.Length;

    /// <summary>The campuses the store has records of, by code.</summary>
    internal IReadOnlyList<CampusId> Campuses => Cells.Campuses;

    /// <summary>
    /// The bytes the store holds: its columns, its cells and its campus and local student id tables (object headers
    /// and string contents estimated).
    /// </summary>
    public long SizeInBytes
    {
        get
        {
            var c = Columns;
            long bytes = (c.Student.Length * 8L) + (c.Ordinal.Length * 4L) + c.Flags.Length + c.Codes.Length
                + c.Eligible.Length + c.Ineligible.Length + c.Absent.Length
                + (c.RemoteSynchronous?.Length ?? 0) + (c.RemoteAsynchronous?.Length ?? 0);
            bytes += _cellStart.Length * 4L;
            bytes += Cells.SizeInBytes;
            bytes += _studentTexts.Sum(s => 24L + (2L * s.Length) + 8);
            return bytes;
        }
    }

    internal CellTable Cells { get; }

    internal RecordColumns Columns { get; }

    /// <summary>The store of <paramref name="records"/>.</summary>
    /// <exception cref="ArgumentException">The records are of more than one school year, or a record does not fit (see <see cref="AttendanceStoreBuilder"/>).</exception>
    public static AttendanceStore From(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new AttendanceStoreBuilder();
        if (records is IReadOnlyCollection<BasicReportingPeriodAttendance> collection)
        {
            builder.Expect(collection.Count);
        }

        builder.AddRange(records);
        return builder.Build();
    }

    /// <summary>
    /// The partial sums of every record, by fine cell and population, under <paramref name="rules"/>: one pass over
    /// the columns, split by record ranges across one thread per processor.
    /// </summary>
    /// <param name="rules">The rules of the store's school year.</param>
    /// <exception cref="ArgumentException">The rules are for another school year.</exception>
    public AttendancePartials Aggregate(RuleSet rules) => Aggregate(rules, null, null);

    /// <summary>
    /// The partial sums of every record, by fine cell and population, under <paramref name="rules"/>, on at most
    /// <paramref name="maxDegreeOfParallelism"/> threads (1 for the single-threaded pass).
    /// </summary>
    /// <param name="rules">The rules of the store's school year.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use.</param>
    /// <exception cref="ArgumentException">The rules are for another school year.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is less than 1.</exception>
    public AttendancePartials Aggregate(RuleSet rules, int maxDegreeOfParallelism) => Aggregate(rules, null, maxDegreeOfParallelism);

    /// <summary>
    /// The partial sums of the records of the students of <paramref name="focusList"/> (all records when
    /// <see langword="null"/>), by fine cell and population, under <paramref name="rules"/>.
    /// </summary>
    /// <param name="rules">The rules of the store's school year.</param>
    /// <param name="focusList">The students whose records count, or <see langword="null"/> for every student.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; <see langword="null"/> for one per processor.</param>
    /// <exception cref="ArgumentException">The rules are for another school year.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is less than 1.</exception>
    public AttendancePartials Aggregate(RuleSet rules, IReadOnlySet<StudentId>? focusList, int? maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(rules);
        CheckYear(rules);
        if (maxDegreeOfParallelism is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1, nameof(maxDegreeOfParallelism));
        }

        return AggregateCore(rules, focusList is null ? null : FocusKeys(focusList), maxDegreeOfParallelism);
    }

    /// <summary>The pass behind <see cref="Aggregate(RuleSet, IReadOnlySet{StudentId}?, int?)"/>, without its checks (the calculators do not check the year).</summary>
    internal AttendancePartials AggregateCore(RuleSet rules, HashSet<long>? focus, int? maxDegreeOfParallelism, int? chunkRecords = null)
    {
        var dop = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
        var remote = rules.CountsRemoteDays && Columns.RemoteSynchronous is not null;
        var withK3 = rules.HasEarlyEducationRows;
        var all = GC.AllocateUninitializedArray<int>(Cells.Count * AttendancePartials.AllWidth);
        var k3 = withK3 ? GC.AllocateUninitializedArray<int>(Cells.K3Count * AttendancePartials.K3Width) : [];
        var results = new Results(Cells, all, k3);

        var chunk = chunkRecords ?? Math.Max(MinimumChunk, (Count + (dop * 4) - 1) / (dop * 4));
        var chunks = dop == 1 && chunkRecords is null ? 1 : Math.Max(1, (Count + chunk - 1) / chunk);
        if (chunks == 1)
        {
            var boundary = new Boundary();
            SumRange(0, Count, remote, withK3, focus, results, ref boundary);
            results.Merge(boundary);
        }
        else
        {
            var boundaries = new Boundary[chunks];
            Parallel.For(
                0,
                chunks,
                new ParallelOptions { MaxDegreeOfParallelism = dop },
                k => SumRange(k * chunk, (int)Math.Min(Count, (k + 1L) * chunk), remote, withK3, focus, results, ref boundaries[k]));
            foreach (var boundary in boundaries)
            {
                results.Merge(boundary);
            }
        }

        return new AttendancePartials(rules, Cells, all, k3);
    }

    /// <summary>The records in the order they were added.</summary>
    public IEnumerator<BasicReportingPeriodAttendance> GetEnumerator()
    {
        var positionOf = new int[Count];
        for (var p = 0; p < positionOf.Length; p++)
        {
            positionOf[Columns.Ordinal[p]] = p;
        }

        // A student's records usually come one after another: they share one id (and its text).
        var lastKey = long.MinValue;
        var student = default(StudentId);
        foreach (var position in positionOf)
        {
            var key = Columns.Student[position];
            if (key != lastKey)
            {
                lastKey = key;
                student = StudentOf(key);
            }

            yield return RecordAt(position, CellOf(position), student);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The records of the cells <paramref name="includeCell"/> accepts that <paramref name="includeRecord"/> accepts, in input order.</summary>
    internal List<BasicReportingPeriodAttendance> RecordsWhere(Func<int, bool> includeCell, Func<int, int, bool> includeRecord)
    {
        var found = new List<(int Ordinal, int Position, int Cell)>();
        for (var c = 0; c < Cells.Count; c++)
        {
            if (!includeCell(c))
            {
                continue;
            }

            for (var p = _cellStart[c]; p < _cellStart[c + 1]; p++)
            {
                if (includeRecord(c, p))
                {
                    found.Add((Columns.Ordinal[p], p, c));
                }
            }
        }

        found.Sort((x, y) => x.Ordinal.CompareTo(y.Ordinal));
        return found.ConvertAll(f => RecordAt(f.Position, f.Cell));
    }

    /// <summary>
    /// The records of <paramref name="campus"/>, in the order they were added, rebuilt from the columns: the drill-down
    /// of one campus, without an object for any record of another (none when the store has no record there).
    /// </summary>
    /// <param name="campus">The campus.</param>
    public IReadOnlyList<BasicReportingPeriodAttendance> RecordsOf(CampusId campus)
    {
        var (from, end) = CellsOf(campus);
        return RecordsOfCells(from, end);
    }

    /// <summary>The cells [from, end) of <paramref name="campus"/>: next to each other, as the campus index is the cells' first sort key (empty when the store has none).</summary>
    private (int From, int End) CellsOf(CampusId campus)
    {
        var index = Array.BinarySearch(Cells.Campuses, campus);
        if (index < 0)
        {
            return (0, 0);
        }

        var from = 0;
        var to = Cells.Count;
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (Cells.Campus[mid] < index)
            {
                from = mid + 1;
            }
            else
            {
                to = mid;
            }
        }

        var end = from;
        while (end < Cells.Count && Cells.Campus[end] == index)
        {
            end++;
        }

        return (from, end);
    }

    /// <summary>
    /// Whether the records of <paramref name="campus"/> here are those of <paramref name="other"/>, cell by cell and in
    /// the same order within each cell (a campus that no change touched), read from the columns without rebuilding a
    /// record. <see langword="false"/> says only that they may differ (the same records in another order, for one).
    /// </summary>
    internal bool HasSameRecordsAt(CampusId campus, AttendanceStore other)
    {
        var (from, end) = CellsOf(campus);
        var (otherFrom, otherEnd) = other.CellsOf(campus);
        if (end - from != otherEnd - otherFrom || SchoolYear != other.SchoolYear)
        {
            return false;
        }

        var c = Columns;
        var o = other.Columns;
        for (var k = 0; k < end - from; k++)
        {
            int cell = from + k, otherCell = otherFrom + k;
            if (Cells.Grade[cell] != other.Cells.Grade[otherCell] || Cells.Track[cell] != other.Cells.Track[otherCell]
                || Cells.Period[cell] != other.Cells.Period[otherCell] || Cells.DaysTaught[cell] != other.Cells.DaysTaught[otherCell]
                || _cellStart[cell + 1] - _cellStart[cell] != other._cellStart[otherCell + 1] - other._cellStart[otherCell])
            {
                return false;
            }

            for (int p = _cellStart[cell], q = other._cellStart[otherCell]; p < _cellStart[cell + 1]; p++, q++)
            {
                var student = c.Student[p];
                var otherStudent = o.Student[q];
                if ((student >= 0 || otherStudent >= 0 ? student != otherStudent : !string.Equals(_studentTexts[~student], other._studentTexts[~otherStudent], StringComparison.Ordinal))
                    || c.Flags[p] != o.Flags[q] || c.Codes[p] != o.Codes[q]
                    || c.Eligible[p] != o.Eligible[q] || c.Ineligible[p] != o.Ineligible[q] || c.Absent[p] != o.Absent[q]
                    || (c.RemoteSynchronous?[p] ?? 0) != (o.RemoteSynchronous?[q] ?? 0)
                    || (c.RemoteAsynchronous?[p] ?? 0) != (o.RemoteAsynchronous?[q] ?? 0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The 42400 keys that have more than one record, in key order.</summary>
    internal List<ReportingPeriodAttendanceKey> DuplicateKeys()
    {
        var keys = RepeatedKeys().Select(r => RecordAt(r.RepeatPosition, r.Cell).Key).Distinct().ToList();
        keys.Sort();
        return keys;
    }

    /// <summary>
    /// The records of regular school-year attendance, read from the columns: of periods 1 to 6, with an ADA code other
    /// than 0 (or none) and some days in membership; and, rebuilt in input order, every other record.
    /// </summary>
    internal (int Count, List<BasicReportingPeriodAttendance> Others) RegularAttendance()
    {
        var count = 0;
        var others = new List<(int Ordinal, int Position, int Cell)>();
        var c = Columns;
        for (var cell = 0; cell < Cells.Count; cell++)
        {
            var regularPeriod = Cells.Period[cell] <= 6;
            for (var p = _cellStart[cell]; p < _cellStart[cell + 1]; p++)
            {
                var membership = c.Eligible[p] + c.Ineligible[p] + c.Absent[p] + (c.RemoteSynchronous?[p] ?? 0) + (c.RemoteAsynchronous?[p] ?? 0);
                if (regularPeriod && membership > 0 && RecordBits.AdaCode(c.Flags[p])?.IsInMembership != false)
                {
                    count++;
                }
                else
                {
                    others.Add((c.Ordinal[p], p, cell));
                }
            }
        }

        others.Sort((x, y) => x.Ordinal.CompareTo(y.Ordinal));
        return (count, others.ConvertAll(o => RecordAt(o.Position, o.Cell)));
    }

    /// <summary>The campus, track, reporting period and days taught of every cell (records of a cell share them).</summary>
    internal IEnumerable<(CampusId Campus, InstructionalTrack Track, ReportingPeriod Period, DayCount DaysTaught)> CellsDaysTaught()
    {
        for (var c = 0; c < Cells.Count; c++)
        {
            yield return (Cells.CampusOf(c), Cells.TrackOf(c), Cells.PeriodOf(c), Cells.DaysTaughtOf(c));
        }
    }

    /// <summary>The records of each campus (campuses by code), in input order within the campus: one campus's records at a time.</summary>
    internal IEnumerable<(CampusId Campus, List<BasicReportingPeriodAttendance> Records)> RecordsByCampus()
    {
        for (var c = 0; c < Cells.Count;)
        {
            var end = c + 1;
            while (end < Cells.Count && Cells.Campus[end] == Cells.Campus[c])
            {
                end++;
            }

            yield return (Cells.CampusOf(c), RecordsOfCells(c, end));
            c = end;
        }
    }

    /// <summary>The records of cells [<paramref name="fromCell"/>, <paramref name="endCell"/>), in input order.</summary>
    private List<BasicReportingPeriodAttendance> RecordsOfCells(int fromCell, int endCell)
    {
        var n = _cellStart[endCell] - _cellStart[fromCell];
        var ordinals = new int[n];
        var positions = new int[n];
        for (var i = 0; i < n; i++)
        {
            positions[i] = _cellStart[fromCell] + i;
            ordinals[i] = Columns.Ordinal[positions[i]];
        }

        // Within a cell the records are in input order already; sorting by ordinal merges the campus's cells.
        Array.Sort(ordinals, positions);
        var records = new List<BasicReportingPeriodAttendance>(n);
        // A student's records share one id (and its text), made once: the campus's records are often kept (findings).
        var students = new Dictionary<long, StudentId>();
        var cell = fromCell;
        foreach (var p in positions)
        {
            records.Add(RecordAt(p, p >= _cellStart[cell] && p < _cellStart[cell + 1] ? cell : cell = CellOf(p), students));
        }

        return records;
    }

    /// <summary>The students with records at more than one campus, found from the student column (no record rebuilt but theirs).</summary>
    internal HashSet<StudentId> StudentsAtSeveralCampuses()
    {
        var campusOf = new Dictionary<long, int>();
        var several = new Dictionary<long, int>();
        for (var c = 0; c < Cells.Count; c++)
        {
            var campus = Cells.Campus[c];
            for (var p = _cellStart[c]; p < _cellStart[c + 1]; p++)
            {
                ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(campusOf, Columns.Student[p], out var exists);
                if (!exists)
                {
                    seen = campus;
                }
                else if (seen != campus)
                {
                    several.TryAdd(Columns.Student[p], p);
                }
            }
        }

        var result = new HashSet<StudentId>();
        foreach (var position in several.Values)
        {
            result.Add(RecordAt(position, CellOf(position)).StudentId);
        }

        return result;
    }

    /// <summary>
    /// The records whose 42400 key (student, campus, grade, track, period) an earlier record already has: each with
    /// the ordinal (input order) of the first record of its key and its own, in input order of the repeats.
    /// </summary>
    /// <remarks>
    /// A key's records are in one section of cells (one campus, grade, track and period; the cells of a section differ
    /// only in days taught), so each section is checked on its own: in one pass when its students come in strictly
    /// rising order (a TSDS extract is ordered student by student, so they usually do), otherwise by sorting its
    /// student numbers. No set of all the keys is built.
    /// </remarks>
    internal List<(int FirstOrdinal, int RepeatOrdinal, int RepeatPosition, int Cell)> RepeatedKeys()
    {
        var sections = new List<(int FirstCell, int EndCell)>();
        for (var c = 0; c < Cells.Count;)
        {
            var end = c + 1;
            while (end < Cells.Count
                && Cells.Campus[end] == Cells.Campus[c] && Cells.Grade[end] == Cells.Grade[c]
                && Cells.Track[end] == Cells.Track[c] && Cells.Period[end] == Cells.Period[c])
            {
                end++;
            }

            sections.Add((c, end));
            c = end;
        }

        var found = new System.Collections.Concurrent.ConcurrentBag<(int, int, int, int)>();
        Parallel.For(
            0,
            sections.Count,
            () => (Students: new long[256], Positions: new int[256]),
            (s, _, scratch) =>
            {
                var (firstCell, endCell) = sections[s];
                var from = _cellStart[firstCell];
                var to = _cellStart[endCell];
                var students = Columns.Student;
                var rising = true;
                for (var p = from + 1; p < to && rising; p++)
                {
                    rising = students[p] > students[p - 1];
                }

                if (rising && endCell - firstCell == 1)
                {
                    return scratch;
                }

                var n = to - from;
                if (scratch.Students.Length < n)
                {
                    scratch = (new long[n], new int[n]);
                }

                var keys = scratch.Students.AsSpan(0, n);
                var positions = scratch.Positions.AsSpan(0, n);
                students.AsSpan(from, n).CopyTo(keys);
                for (var i = 0; i < n; i++)
                {
                    positions[i] = from + i;
                }

                keys.Sort(positions);
                for (var i = 0; i < n;)
                {
                    var end = i + 1;
                    while (end < n && keys[end] == keys[i])
                    {
                        end++;
                    }

                    if (end - i > 1)
                    {
                        var first = i;
                        for (var j = i + 1; j < end; j++)
                        {
                            if (Columns.Ordinal[positions[j]] < Columns.Ordinal[positions[first]])
                            {
                                first = j;
                            }
                        }

                        for (var j = i; j < end; j++)
                        {
                            if (j != first)
                            {
                                found.Add((Columns.Ordinal[positions[first]], Columns.Ordinal[positions[j]], positions[j], CellOf(positions[j])));
                            }
                        }
                    }

                    i = end;
                }

                return scratch;
            },
            _ => { });

        var result = found.ToList();
        result.Sort((x, y) => x.Item2.CompareTo(y.Item2));
        return result;
    }

    /// <summary>The ordinal and position of every record with 42400 key <paramref name="key"/> (a scan: for rare cases).</summary>
    internal List<(int Ordinal, int Position)> PositionsOf(ReportingPeriodAttendanceKey key)
    {
        var found = new List<(int, int)>();
        for (var c = 0; c < Cells.Count; c++)
        {
            if (Cells.CampusOf(c) != key.Campus || Cells.GradeOf(c) != key.GradeLevel || Cells.TrackOf(c) != key.InstructionalTrack || Cells.PeriodOf(c) != key.ReportingPeriod)
            {
                continue;
            }

            for (var p = _cellStart[c]; p < _cellStart[c + 1]; p++)
            {
                if (RecordAt(p, c).StudentId == key.Student)
                {
                    found.Add((Columns.Ordinal[p], p));
                }
            }
        }

        return found;
    }

    /// <summary>The cell of the record at <paramref name="position"/>.</summary>
    internal int CellOfPosition(int position) => CellOf(position);

    /// <summary>Whether the record at <paramref name="position"/> is of a student in <paramref name="focus"/>.</summary>
    internal bool IsInFocus(int position, HashSet<long>? focus) => focus is null || focus.Contains(Columns.Student[position]);

    /// <summary>The store keys of the students of <paramref name="focusList"/> that the store has.</summary>
    internal HashSet<long> FocusKeys(IReadOnlySet<StudentId> focusList)
    {
        var texts = _studentTexts.Length == 0 ? null : _studentTexts.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var keys = new HashSet<long>();
        foreach (var student in focusList)
        {
            if (student.IsTexasUniqueStudentId)
            {
                keys.Add(long.Parse(student.Value, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            else if (texts is not null && texts.TryGetValue(student.Value, out var index))
            {
                keys.Add(~(long)index);
            }
        }

        return keys;
    }

    internal int CellStart(int cell) => _cellStart[cell];

    internal void CheckYear(RuleSet rules, string parameterName = "rules")
    {
        if (Count > 0 && SchoolYear != rules.SchoolYear)
        {
            var first = RecordAt(PositionOfOrdinal(0), CellOf(PositionOfOrdinal(0)));
            throw new ArgumentException(
                $"The rules are for {rules.SchoolYear.DisplayName}, but student {first.StudentId} at campus {first.CampusId} has a record of {first.SchoolYear.DisplayName}: summarise one school year at a time.",
                parameterName);
        }
    }

    private int PositionOfOrdinal(int ordinal) => Array.IndexOf(Columns.Ordinal, ordinal, 0, Count);

    private int CellOf(int position)
    {
        var found = Array.BinarySearch(_cellStart, position);
        if (found < 0)
        {
            return ~found - 1;
        }

        // Cells are never empty, so a start equal to the position is that cell's own.
        return found;
    }

    /// <summary>The record at <paramref name="position"/> of cell <paramref name="cell"/>, rebuilt from the columns.</summary>
    internal BasicReportingPeriodAttendance RecordAt(int position, int cell) => RecordAt(position, cell, StudentOf(Columns.Student[position]));

    /// <summary>The record at <paramref name="position"/>, its student's id taken from (or added to) <paramref name="students"/>.</summary>
    internal BasicReportingPeriodAttendance RecordAt(int position, int cell, Dictionary<long, StudentId> students)
    {
        ref var known = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(students, Columns.Student[position], out var exists);
        return RecordAt(position, cell, exists ? known : known = StudentOf(Columns.Student[position]));
    }

    /// <summary>The record at <paramref name="position"/> of cell <paramref name="cell"/>, of <paramref name="student"/> (the student its column holds).</summary>
    private BasicReportingPeriodAttendance RecordAt(int position, int cell, StudentId student)
    {
        var c = Columns;
        var campus = Cells.CampusOf(cell);
        var codes = c.Codes[position];
        return new BasicReportingPeriodAttendance(
            SchoolYear!.Value,
            new ReportingPeriodAttendanceKey(campus, student, Cells.GradeOf(cell), Cells.TrackOf(cell), Cells.PeriodOf(cell)),
            Cells.DaysTaughtOf(cell),
            DayCount.FromHalfDays(c.Eligible[position]),
            DayCount.FromHalfDays(c.Ineligible[position]),
            DayCount.FromHalfDays(c.Absent[position]),
            new StudentFundingAttributes(RecordBits.Economic(codes), RecordBits.EmergentBilingualCode(codes), RecordBits.Funding(codes)),
            DayCount.FromHalfDays(c.RemoteSynchronous?[position] ?? 0),
            DayCount.FromHalfDays(c.RemoteAsynchronous?[position] ?? 0),
            RecordBits.AdaCode(c.Flags[position]));
    }

    /// <summary>The student of store key <paramref name="key"/>: a TX-UNIQUE-STUDENT-ID by its number, a local id by its text.</summary>
    private StudentId StudentOf(long key) =>
        key >= 0 ? StudentId.Parse(key.ToString("D10", CultureInfo.InvariantCulture)) : StudentId.Parse(_studentTexts[~key]);

    /// <summary>Sums the records [<paramref name="from"/>, <paramref name="to"/>): whole cells straight into the results, the cells the range cuts into its boundary.</summary>
    private void SumRange(int from, int to, bool remote, bool withK3, HashSet<long>? focus, Results results, ref Boundary boundary)
    {
        if (from >= to)
        {
            return;
        }

        // A range that starts inside a cell sums that cell's part into its boundary.
        var cell = CellOf(from);
        if (from != _cellStart[cell])
        {
            var end = Math.Min(to, _cellStart[cell + 1]);
            SumPart(cell, from, end, remote, withK3, focus, ref boundary);
            from = end;
            cell++;
            if (from >= to)
            {
                return;
            }
        }

        // The whole cells, then the part of the cell the range ends inside, if it does.
        var last = CellOf(to - 1);
        var wholeEnd = _cellStart[last + 1] == to ? last + 1 : last;
        if (focus is null)
        {
            CellKernel.SumCells(Columns, Cells, _cellStart, cell, wholeEnd, remote, withK3, results.AllSums, results.K3Sums);
        }
        else
        {
            for (var c = cell; c < wholeEnd; c++)
            {
                var k3 = withK3 && Cells.K3Rank[c] >= 0;
                CellKernel.SumFocused(Columns, _cellStart[c], _cellStart[c + 1], remote, k3, focus, out var all, out var economic, out var bilingual);
                results.Set(c, all, economic, bilingual);
            }
        }

        if (wholeEnd == last && wholeEnd >= cell)
        {
            SumPart(last, _cellStart[last], to, remote, withK3, focus, ref boundary);
        }
    }

    private void SumPart(int cell, int from, int to, bool remote, bool withK3, HashSet<long>? focus, ref Boundary boundary)
    {
        var k3 = withK3 && Cells.K3Rank[cell] >= 0;
        CellSums all, economic, bilingual;
        if (focus is null)
        {
            CellKernel.Sum(Columns, from, to, remote, k3, out all, out economic, out bilingual);
        }
        else
        {
            CellKernel.SumFocused(Columns, from, to, remote, k3, focus, out all, out economic, out bilingual);
        }

        boundary.Add(cell, all, economic, bilingual);
    }

    /// <summary>
    /// The columns of the records, sorted by cell (input order within a cell). An array may be longer than the store's
    /// <see cref="Count"/> (a builder hands over the columns it filled): what lies past the last cell is never read as a record.
    /// </summary>
    internal sealed record RecordColumns(
        long[] Student,
        int[] Ordinal,
        byte[] Flags,
        byte[] Codes,
        byte[] Eligible,
        byte[] Ineligible,
        byte[] Absent,
        byte[]? RemoteSynchronous,
        byte[]? RemoteAsynchronous);

    /// <summary>Where a pass writes its sums: the partials' arrays.</summary>
    private sealed class Results(CellTable cells, int[] all, int[] k3)
    {
        private int _lastMerged = -1;

        public void Set(int cell, in CellSums all, in CellSums economic, in CellSums bilingual)
        {
            AttendancePartials.Store(AllSums, cell * AttendancePartials.AllWidth, all);
            var rank = cells.K3Rank[cell];
            if (K3Sums.Length > 0 && rank >= 0)
            {
                AttendancePartials.Store(K3Sums, rank * AttendancePartials.K3Width, economic);
                AttendancePartials.Store(K3Sums, (rank * AttendancePartials.K3Width) + AttendancePartials.AllWidth, bilingual);
            }
        }

        /// <summary>Adds a range's boundary cells; the first part of a cell sets it, the others add to it (ranges come in order).</summary>
        public void Merge(in Boundary boundary)
        {
            for (var b = 0; b < boundary.Count; b++)
            {
                var (cell, all, economic, bilingual) = boundary[b];
                if (cell != _lastMerged)
                {
                    Set(cell, all, economic, bilingual);
                    _lastMerged = cell;
                    continue;
                }

                var sums = Get(cell);
                sums.All.Add(all);
                sums.Economic.Add(economic);
                sums.Bilingual.Add(bilingual);
                Set(cell, sums.All, sums.Economic, sums.Bilingual);
            }
        }

        public int[] AllSums { get; } = all;

        public int[] K3Sums { get; } = k3;

        private (CellSums All, CellSums Economic, CellSums Bilingual) Get(int cell) =>
            (AttendancePartials.SumsOf(cells, AllSums, K3Sums, cell, Population.All),
             AttendancePartials.SumsOf(cells, AllSums, K3Sums, cell, Population.K3EconomicallyDisadvantaged),
             AttendancePartials.SumsOf(cells, AllSums, K3Sums, cell, Population.K3EmergentBilingual));
    }

    /// <summary>The (at most two) cells a range of records cuts: the one it starts inside and the one it ends inside.</summary>
    private struct Boundary
    {
        private (int Cell, CellSums All, CellSums Economic, CellSums Bilingual) _first;
        private (int Cell, CellSums All, CellSums Economic, CellSums Bilingual) _second;

        public int Count { get; private set; }

        public readonly (int Cell, CellSums All, CellSums Economic, CellSums Bilingual) this[int index] => index == 0 ? _first : _second;

        public void Add(int cell, in CellSums all, in CellSums economic, in CellSums bilingual)
        {
            if (Count == 0)
            {
                _first = (cell, all, economic, bilingual);
            }
            else
            {
                _second = (cell, all, economic, bilingual);
            }

            Count++;
        }
    }
}
