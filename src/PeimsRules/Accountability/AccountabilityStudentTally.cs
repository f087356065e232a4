using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>
/// The students of a period file, tallied one record at a time, for the accountability attendance rate and the annual
/// dropout rate: the same figures as <see cref="AttendanceRate.Compute"/> and <see cref="AnnualDropoutRate.Compute"/>
/// over the same records, from one pass whose memory follows the number of students, not the number of records.
/// </summary>
/// <remarks>
/// <para>
/// Neither rate needs a record once it is counted. The attendance rate sums days in membership and days absent by
/// campus and student group and counts students (Appendix D): each record is added to its student's sums at its campus
/// (refined-ADA periods, grades 1 to 12, in membership, as <see cref="AttendanceRate"/> counts). The dropout rate's
/// denominator is the students served at a campus in a grade span: each record of grades 7 to 12 marks its student at
/// its campus in span 7-8 or 9-12, whatever its period or ADA eligibility code, as <see cref="AnnualDropoutRate"/>
/// counts. A student's groups come from the demographic records when the figures are asked for.
/// </para>
/// <para>
/// A student at a campus is one entry of 32 bytes (campus and student as numbers, the two sums, the span marks), in
/// pages of a fixed size: no object per student, so the state's 5.5 million students take about 170 MB. Records of
/// grades EE to KG count in neither rate and make no entry.
/// </para>
/// <para>
/// <see cref="AttendanceRate.Compute"/> and <see cref="AnnualDropoutRate.Compute"/> stay the reference; a property
/// test shows this tally gives the same figures for every generated input.
/// </para>
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): attendance rate, grades 1-12, PEIMS 400; annual dropout rate, grades 7-8 and 7-12")]
public sealed class AccountabilityStudentTally
{
    private static readonly GradeLevel SpanSevenToEight = GradeLevel.Parse("07");
    private static readonly GradeLevel SpanNineToTwelve = GradeLevel.Parse("09");

    /// <summary>An entry's flag: a record of the student at the campus counts in the attendance rate.</summary>
    private const int Counted = 1;

    /// <summary>The flag of span 1 (grades 7-8) in the first school year of the records; span 2 (9-12) is the next bit.</summary>
    private const int ServedFirstSpan = 2;

    /// <summary>
    /// The key of a local student id (not ten digits): its number among the local ids seen, above every ten-digit id
    /// (which is its own number, under 10^10 &lt; 2^34), so that every key is under 2^35.
    /// </summary>
    private const long LocalStudent = 1L << 34;

    /// <summary>The bits of a student key in <see cref="AttendanceRates"/>'s district keys.</summary>
    private const int StudentBits = 35;

    private const int PageShift = 16;
    private const int PageEntries = 1 << PageShift;

    private readonly List<Page> _pages = [];
    private readonly List<SchoolYear> _years = [];
    private readonly Dictionary<string, int> _localIds = new(StringComparer.Ordinal);
    private readonly List<StudentId> _locals = [];

    // The span marks of the years after the first (the figures are asked for one year: a file of two is refused).
    private readonly HashSet<(int Year, int Campus, long Student, int Span)> _laterYearsServed = [];

    // Where each (campus, student) entry is, for records in any order; not kept for a file streamed in campus order.
    private Dictionary<(int Campus, long Student), int>? _index;

    /// <summary>The records added.</summary>
    public long RecordCount { get; private set; }

    /// <summary>The school years of the records added, in the order they first appeared.</summary>
    public IReadOnlyList<SchoolYear> SchoolYears => _years.AsReadOnly();

    /// <summary>Adds one record.</summary>
    /// <exception cref="OverflowException">A student's days add up to more than can be counted.</exception>
    public void Add(BasicReportingPeriodAttendance record)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordCount++;
        var year = _years.IndexOf(record.SchoolYear);
        if (year < 0)
        {
            _years.Add(record.SchoolYear);
            year = _years.Count - 1;
        }

        if (record.GradeLevel.Number < 1)
        {
            return;
        }

        var campus = CampusNumber(record.CampusId);
        var student = KeyOf(record.StudentId, add: true);
        _index ??= IndexEntries();
        ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, (campus, student), out var known);
        if (!known)
        {
            at = Append(campus, student);
        }

        ref var entry = ref _pages[at >> PageShift].Entries[at & (PageEntries - 1)];
        Tally(ref entry, year, AttendanceRate.Counts(record), AnnualDropoutRate.Span(record.GradeLevel), record.DaysInMembership.HalfDays, record.DaysAbsent.HalfDays);
    }

    /// <summary>Adds every record of <paramref name="records"/>, one at a time.</summary>
    /// <returns>This tally.</returns>
    public AccountabilityStudentTally AddRange(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            Add(record);
        }

        return this;
    }

    /// <summary>
    /// Adds one row of a file read in campus order (the rows of a student at a campus together), of the tally's only
    /// school year, whose record is counted elsewhere (<see cref="Concat"/>): the row extends the last entry when it is
    /// of the same student at the same campus, so that a student's run of rows is one entry with no lookup.
    /// </summary>
    /// <param name="campus">The campus's nine digits as a number.</param>
    /// <param name="student">The ten-digit student id as a number.</param>
    /// <param name="grade">The grade's number (<see cref="GradeLevel.Number"/>).</param>
    /// <param name="period">The reporting period's number.</param>
    /// <param name="adaCode">The ADA eligibility code, or <see langword="null"/> when blank.</param>
    /// <param name="membershipHalfDays">Days in membership (<see cref="BasicReportingPeriodAttendance.DaysInMembership"/>), in half days.</param>
    /// <param name="absentHalfDays">Days absent, in half days.</param>
    internal void AddInCampusOrder(int campus, long student, int grade, int period, int? adaCode, long membershipHalfDays, long absentHalfDays)
    {
        if (grade < 1)
        {
            return;
        }

        var last = _pages.Count == 0 ? null : _pages[^1];
        if (last is null || last.Count == 0 || last.Entries[last.Count - 1].Campus != campus || last.Entries[last.Count - 1].Student != student)
        {
            Append(campus, student);
            last = _pages[^1];
        }

        Tally(ref last.Entries[last.Count - 1], 0, AttendanceRate.Counts(period, grade, adaCode), AnnualDropoutRate.Span(grade), membershipHalfDays, absentHalfDays);
    }

    /// <summary>
    /// The tallies of consecutive ranges of one file in campus order (<see cref="AddInCampusOrder"/>) as one: their pages
    /// as they are, a student's run cut at a seam between two ranges joined into one entry.
    /// </summary>
    /// <param name="parts">The ranges' tallies, in file order (checked to be in campus order across their seams).</param>
    /// <param name="year">The file's school year, or <see langword="null"/> when it holds no record.</param>
    /// <param name="records">The file's records.</param>
    internal static AccountabilityStudentTally Concat(IEnumerable<AccountabilityStudentTally> parts, SchoolYear? year, long records)
    {
        var whole = new AccountabilityStudentTally { RecordCount = records };
        if (year is { } y)
        {
            whole._years.Add(y);
        }

        Page? previous = null;
        foreach (var page in parts.SelectMany(p => p._pages).Where(p => p.Count > 0))
        {
            if (previous is not null)
            {
                ref var last = ref previous.Entries[previous.Count - 1];
                ref var first = ref page.Entries[0];
                if (last.Campus == first.Campus && last.Student == first.Student)
                {
                    first.Membership = checked(first.Membership + last.Membership);
                    first.Absent = checked(first.Absent + last.Absent);
                    first.Flags |= last.Flags;
                    previous.Count--;
                }
            }

            whole._pages.Add(page);
            previous = page;
        }

        return whole;
    }

    /// <summary>The attendance rates of the records added: <see cref="AttendanceRate.Compute"/> of them.</summary>
    /// <exception cref="ArgumentException">
    /// A student has two demographic records, or an ethnicity category not valid in a school year of the records.
    /// </exception>
    public IReadOnlyList<AttendanceRateFigure> AttendanceRates(IEnumerable<StudentDemographics>? demographics = null)
    {
        var groups = Demographics.Index(demographics, _years);

        // By campus and group: students, days in membership and absent. A student is one entry at a campus, so the
        // entries are the campus's students; a district's students are counted once each from its entries sorted by
        // district and student (a student at two campuses of a district is one of its students).
        var campuses = new Dictionary<(int Campus, int Group), (int Students, long Membership, long Absent)>();
        var counted = 0;
        foreach (var page in _pages)
        {
            for (var i = 0; i < page.Count; i++)
            {
                counted += page.Entries[i].Flags & Counted;
            }
        }

        var districtKeys = new long[counted];
        var districtGroups = new int[counted];
        var n = 0;
        foreach (var page in _pages)
        {
            for (var i = 0; i < page.Count; i++)
            {
                var e = page.Entries[i];
                if ((e.Flags & Counted) == 0)
                {
                    continue;
                }

                var mask = groups is null ? 1 << (int)StudentGroup.All : MaskOf(Demographics.GroupsOf(groups, StudentIdOf(e.Student)));
                for (var m = mask; m != 0; m &= m - 1)
                {
                    ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(campuses, (e.Campus, BitOperations.TrailingZeroCount(m)), out _);
                    sums = (sums.Students + 1, checked(sums.Membership + e.Membership), checked(sums.Absent + e.Absent));
                }

                districtKeys[n] = ((long)(e.Campus / 1000) << StudentBits) | e.Student;
                districtGroups[n++] = mask;
            }
        }

        Array.Sort(districtKeys, districtGroups);
        var districts = new Dictionary<(int District, int Group), (int Students, long Membership, long Absent)>();
        for (var i = 0; i < districtKeys.Length; i++)
        {
            if (i > 0 && districtKeys[i] == districtKeys[i - 1])
            {
                continue;
            }

            for (var m = districtGroups[i]; m != 0; m &= m - 1)
            {
                ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(districts, ((int)(districtKeys[i] >> StudentBits), BitOperations.TrailingZeroCount(m)), out _);
                sums.Students++;
            }
        }

        foreach (var ((campus, group), sums) in campuses)
        {
            ref var district = ref CollectionsMarshal.GetValueRefOrNullRef(districts, (campus / 1000, group));
            district = (district.Students, checked(district.Membership + sums.Membership), checked(district.Absent + sums.Absent));
        }

        var campusIds = new Dictionary<int, CampusId>();
        var figures = campuses.Select(c =>
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(campusIds, c.Key.Campus, out var known);
                if (!known)
                {
                    id = CampusOf(c.Key.Campus);
                }

                return Figure(RateLevel.Campus, id.District, id, c.Key.Group, c.Value);
            })
            .Concat(districts.Select(d => Figure(RateLevel.District, DistrictId.Parse(d.Key.District.ToString("D6", CultureInfo.InvariantCulture)), null, d.Key.Group, d.Value)));
        return figures
            .OrderBy(f => f.Level).ThenBy(f => f.District).ThenBy(f => f.Campus?.Code, StringComparer.Ordinal).ThenBy(f => f.Group)
            .ToList().AsReadOnly();
    }

    /// <summary>The students of the records added (grades 1 to 12) that have no demographic record: <see cref="AttendanceRate.StudentsWithoutDemographics"/>.</summary>
    public IReadOnlyList<StudentId> StudentsWithoutDemographics(IEnumerable<StudentDemographics> demographics)
    {
        ArgumentNullException.ThrowIfNull(demographics);
        var known = Demographics.Index(demographics, [])!;
        var students = _pages.SelectMany(p => p.Entries.Take(p.Count)).Select(e => e.Student).ToArray();
        Array.Sort(students);
        var missing = new List<StudentId>();
        for (var i = 0; i < students.Length; i++)
        {
            if (i == 0 || students[i] != students[i - 1])
            {
                var id = StudentIdOf(students[i]);
                if (!known.ContainsKey(id))
                {
                    missing.Add(id);
                }
            }
        }

        return missing.Order().ToList().AsReadOnly();
    }

    /// <summary>The annual dropout rates of <paramref name="year"/> with the records added as the students served: <see cref="AnnualDropoutRate.Compute"/>.</summary>
    /// <exception cref="PeimsCodeException">A leaver record has a code the year's table does not have.</exception>
    /// <exception cref="InvalidOperationException">No leaver-code table is in force for the year.</exception>
    /// <exception cref="ArgumentException">A dropout is not among the students served at its campus in its grade span (see <see cref="DropoutsNotServed"/>).</exception>
    public IReadOnlyList<DropoutRateFigure> AnnualDropoutRates(SchoolYear year, IEnumerable<LeaverRecord> leavers, IEnumerable<StudentDemographics>? demographics = null)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        return AnnualDropoutRate.ComputeServed(
            year,
            leavers,
            Served(year).Select(s => (StudentIdOf(s.Student), CampusOf(s.Campus), s.Span == 1 ? SpanSevenToEight : SpanNineToTwelve)),
            demographics);
    }

    /// <summary>The dropouts of <paramref name="year"/> that the records added do not put at their campus in their grade span: <see cref="AnnualDropoutRate.DropoutsNotServed"/>.</summary>
    public IReadOnlyList<LeaverRecord> DropoutsNotServed(SchoolYear year, IEnumerable<LeaverRecord> leavers)
    {
        ArgumentNullException.ThrowIfNull(leavers);

        // Only the leavers' own students at their campuses are looked for among the students served.
        var list = leavers.ToList();
        var wanted = list.Select(l => (CampusNumber(l.Campus), KeyOf(l.Student, add: false))).ToHashSet();
        var at = Served(year)
            .Where(s => wanted.Contains((s.Campus, s.Student)))
            .Select(s => (StudentIdOf(s.Student), CampusOf(s.Campus), s.Span))
            .ToHashSet();
        return AnnualDropoutRate.NotServed(year, list, at);
    }

    private static AttendanceRateFigure Figure(RateLevel level, DistrictId district, CampusId? campus, int group, (int Students, long Membership, long Absent) sums) =>
        new(level, district, campus, (StudentGroup)group, sums.Students, DayCount.FromHalfDays(sums.Membership - sums.Absent), DayCount.FromHalfDays(sums.Membership));

    private static int MaskOf(IReadOnlyList<StudentGroup> groups)
    {
        var mask = 0;
        foreach (var g in groups)
        {
            mask |= 1 << (int)g;
        }

        return mask;
    }

    private static int CampusNumber(CampusId campus) => int.Parse(campus.Code, NumberStyles.None, CultureInfo.InvariantCulture);

    private static CampusId CampusOf(int campus) => CampusId.Parse(campus.ToString("D9", CultureInfo.InvariantCulture));

    /// <summary>Adds a record's days and span to its student's entry.</summary>
    private void Tally(ref Entry entry, int year, bool counts, int span, long membershipHalfDays, long absentHalfDays)
    {
        if (counts)
        {
            entry.Membership = checked(entry.Membership + membershipHalfDays);
            entry.Absent = checked(entry.Absent + absentHalfDays);
            entry.Flags |= Counted;
        }

        if (span > 0)
        {
            if (year == 0)
            {
                entry.Flags |= ServedFirstSpan << (span - 1);
            }
            else
            {
                _laterYearsServed.Add((year, entry.Campus, entry.Student, span));
            }
        }
    }

    /// <summary>The students served in <paramref name="year"/>: campus, student key and span (1 for grades 7-8, 2 for 9-12).</summary>
    private IEnumerable<(int Campus, long Student, int Span)> Served(SchoolYear year)
    {
        var y = _years.IndexOf(year);
        if (y > 0)
        {
            foreach (var s in _laterYearsServed.Where(s => s.Year == y))
            {
                yield return (s.Campus, s.Student, s.Span);
            }
        }
        else if (y == 0)
        {
            foreach (var page in _pages)
            {
                for (var i = 0; i < page.Count; i++)
                {
                    var e = page.Entries[i];
                    for (var span = 1; span <= 2; span++)
                    {
                        if ((e.Flags & (ServedFirstSpan << (span - 1))) != 0)
                        {
                            yield return (e.Campus, e.Student, span);
                        }
                    }
                }
            }
        }
    }

    /// <summary>A new entry at the end, and where it is.</summary>
    private int Append(int campus, long student)
    {
        if (_pages.Count == 0 || _pages[^1].Count == PageEntries)
        {
            _pages.Add(new Page());
        }

        var page = _pages[^1];
        page.Entries[page.Count] = new Entry { Campus = campus, Student = student };
        return ((_pages.Count - 1) << PageShift) | page.Count++;
    }

    private Dictionary<(int Campus, long Student), int> IndexEntries()
    {
        var index = new Dictionary<(int Campus, long Student), int>();
        for (var p = 0; p < _pages.Count; p++)
        {
            for (var i = 0; i < _pages[p].Count; i++)
            {
                index.Add((_pages[p].Entries[i].Campus, _pages[p].Entries[i].Student), (p << PageShift) | i);
            }
        }

        return index;
    }

    /// <summary>A student's key: a ten-digit id's number, or a local id's place among the local ids (-1 for one not seen, unless <paramref name="add"/>).</summary>
    private long KeyOf(StudentId student, bool add)
    {
        if (student.IsTexasUniqueStudentId)
        {
            return long.Parse(student.Value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (_localIds.TryGetValue(student.Value, out var local))
        {
            return LocalStudent + local;
        }

        if (!add)
        {
            return -1;
        }

        _localIds.Add(student.Value, _locals.Count);
        _locals.Add(student);
        return LocalStudent + _locals.Count - 1;
    }

    private StudentId StudentIdOf(long key) =>
        key >= LocalStudent ? _locals[(int)(key - LocalStudent)] : StudentId.Parse(key.ToString("D10", CultureInfo.InvariantCulture));

    /// <summary>A student at a campus: the sums of the records that count, and the spans it is served in (the first year's).</summary>
    private struct Entry
    {
        public long Student;
        public long Membership;
        public long Absent;
        public int Campus;
        public int Flags;
    }

    /// <summary>Entries in a fixed block: a growing tally adds blocks, never copies them.</summary>
    private sealed class Page
    {
        public Entry[] Entries { get; } = new Entry[PageEntries];

        public int Count { get; set; }
    }
}
