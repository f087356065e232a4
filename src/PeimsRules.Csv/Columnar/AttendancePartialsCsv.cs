using System.Globalization;
using System.Runtime.InteropServices;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Csv.Columnar;

/// <summary>What <see cref="AttendancePartialsCsv.ReadFile"/> returns: the partial sums of the file's records, and every problem.</summary>
public sealed class AttendancePartialsRead
{
    private readonly Func<AttendanceSummaryOptions, IReadOnlyList<AttendanceFigure>> _preKindergarten;

    internal AttendancePartialsRead(
        IReadOnlyList<SchoolYear> schoolYears,
        AttendancePartials? partials,
        long recordCount,
        IReadOnlyList<CsvProblem> problems,
        IReadOnlyList<string> unusedColumns,
        bool streamed,
        Func<AttendanceSummaryOptions, IReadOnlyList<AttendanceFigure>> preKindergarten)
    {
        _preKindergarten = preKindergarten;
        SchoolYears = schoolYears;
        Partials = partials;
        RecordCount = recordCount;
        Problems = problems;
        UnusedColumns = unusedColumns;
        Streamed = streamed;
    }

    /// <summary>The school years of the records, in order: one for a file the figures can be computed from.</summary>
    public IReadOnlyList<SchoolYear> SchoolYears { get; }

    /// <summary>
    /// The partial sums of the records that had no problem, under the rules of their school year
    /// (<see cref="RuleSet.For(SchoolYear)"/>); <see langword="null"/> when the file holds no record or records of more
    /// than one school year (<see cref="SchoolYears"/>).
    /// </summary>
    public AttendancePartials? Partials { get; }

    /// <summary>The records summed (rows with a problem are not records).</summary>
    public long RecordCount { get; }

    /// <summary>Every problem, in file order (with <see cref="CsvErrorMode.CollectAll"/>; the first one is thrown otherwise).</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Columns of the file that the layout does not use.</summary>
    public IReadOnlyList<string> UnusedColumns { get; }

    /// <summary>
    /// The FSP-eligible pre-K four-year-olds rows of the file's records (2025-26 on), exactly as
    /// <see cref="PreKindergartenHalfDayAda.Compute"/> gives them over the records under the rules of their year, for
    /// <paramref name="options"/>: what the partial sums alone cannot give, since the row selects students by age.
    /// </summary>
    /// <remarks>
    /// A file summed as a stream has no birth date column (one with it is read as records), so each group's row with
    /// pre-K records is not computable and names how many pre-K students have no date of birth; the reader keeps only
    /// the grade PK students for that count, never the records. A file read otherwise keeps its records for the row.
    /// </remarks>
    /// <returns>The rows, by group then period; empty when the year has no such row or the file no records of one year.</returns>
    /// <exception cref="ArgumentException">As <see cref="PreKindergartenHalfDayAda.Compute"/>; for a streamed file, a focus list (the sums are already summed).</exception>
    public IReadOnlyList<AttendanceFigure> PreKindergartenFourYearOlds(AttendanceSummaryOptions? options = null) =>
        _preKindergarten(options ?? AttendanceSummaryOptions.Default);

    /// <summary>
    /// Whether the file was summed as a stream straight from its bytes (a file in plain form and campus order, see
    /// <see cref="AttendancePartialsCsv"/>), rather than loaded into a store or read into records first.
    /// </summary>
    public bool Streamed { get; }
}

/// <summary>
/// Reads a period-attendance file (<see cref="BasicReportingPeriodAttendanceCsv"/>) into the partial sums behind every
/// attendance figure (<see cref="AttendancePartials"/>): what <see cref="AttendanceSummary.FromPartials"/> turns into
/// every period ADA, refined ADA and PIA of any grouping, without keeping a record.
/// </summary>
/// <remarks>
/// <para>
/// The library chooses how, and the sums and problems are the same every way. A file as TEA extracts and
/// <c>generate</c> write it (the layout's columns with no other column, ASCII text, every value in plain form, every
/// record valid, the rows of a campus together and by student id within a campus) is summed as a stream, on every
/// core, straight from its bytes: memory stays that of the sums (a few bytes a fine cell), whatever the size of the
/// file. Any other file (rows in another order, a value written another way, a problem, a birth date column, another
/// encoding) is read by <see cref="AttendanceStoreCsv.ReadFileForSummaries"/>, which loads it into a store or reads it
/// as the input contract says (docs/input-contract.md), and its records are summed.
/// </para>
/// <para>
/// Partial sums keep no records: for drill-down (the records behind a figure) or the audit, read the records
/// (<see cref="AttendanceStoreCsv.ReadFileForSummaries"/>). The 2025-26 pre-K four-year-olds row, which selects students
/// by age, comes with the read (<see cref="AttendancePartialsRead.PreKindergartenFourYearOlds"/>).
/// </para>
/// </remarks>
public static class AttendancePartialsCsv
{
    /// <summary>Reads <paramref name="path"/> into partial sums (see the remarks of the class).</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">Whether to stop at the first problem or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AttendancePartialsRead ReadFile(string path, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileCore(path, mode, threads: null, PlainPeriodFile.DefaultBlockBytes);
    }

    /// <summary>As <see cref="ReadFile(string, CsvErrorMode)"/>, with the stream's threads and block size (small blocks test the seams).</summary>
    internal static AttendancePartialsRead ReadFileCore(string path, CsvErrorMode mode, int? threads, int blockBytes)
    {
        if (PlainPeriodFile.TrySum(path, threads, blockBytes) is { } sums)
        {
            if (sums.SchoolYear is not { } year)
            {
                return new AttendancePartialsRead([], null, 0, [], [], streamed: true, NoRows);
            }

            var rules = RuleSet.For(year);
            var partials = sums.ToPartials(rules);
            if (!rules.HasAllStudentsEarlyEducationRows)
            {
                return new AttendancePartialsRead([year], partials, sums.Records, [], [], streamed: true, NoRows);
            }

            // The pre-K cells' own sums, and the pre-K students: all the pre-K row needs of the file, summed when asked.
            var preKPartials = new Lazy<AttendancePartials>(() => sums.ToPartials(rules, PlainPeriodFile.PreKindergartenGrade));
            var preK = sums.PreKindergartenStudents;
            return new AttendancePartialsRead([year], partials, sums.Records, [], [], streamed: true, options => PreKindergartenOfStream(preKPartials.Value, preK, options));
        }

        if (new FileInfo(path) is { Exists: true, Length: 0 })
        {
            // No length to cut into blocks: an empty file, a device or a pipe is read by the contract's reader, which
            // stops an endless line at its limit.
            var text = BasicReportingPeriodAttendanceCsv.ReadFile(path, mode);
            return OfRecords(text.Records, text.Problems, text.UnusedColumns);
        }

        var read = AttendanceStoreCsv.ReadFileForSummaries(path, mode);
        if (read.Records is AttendanceStore store)
        {
            if (store.SchoolYear is not { } storeYear)
            {
                return new AttendancePartialsRead([], null, 0, read.Problems, read.UnusedColumns, streamed: false, NoRows);
            }

            var rules = RuleSet.For(storeYear);
            return new AttendancePartialsRead(
                [storeYear], store.AggregateCore(rules, focus: null, maxDegreeOfParallelism: null), store.Count, read.Problems, read.UnusedColumns, streamed: false, PreKindergartenOf(store, rules));
        }

        return OfRecords(read.Records, read.Problems, read.UnusedColumns);
    }

    /// <summary>The sums of records read as records (<see cref="AttendancePartials.Of"/>), when they are of one school year.</summary>
    private static AttendancePartialsRead OfRecords(
        IReadOnlyCollection<BasicReportingPeriodAttendance> records, IReadOnlyList<CsvProblem> problems, IReadOnlyList<string> unusedColumns)
    {
        var years = records.Select(r => r.SchoolYear).Distinct().Order().ToList();
        if (years.Count != 1)
        {
            return new AttendancePartialsRead(years, null, records.Count, problems, unusedColumns, streamed: false, NoRows);
        }

        var rules = RuleSet.For(years[0]);
        return new AttendancePartialsRead(years, AttendancePartials.Of(records, rules), records.Count, problems, unusedColumns, streamed: false, PreKindergartenOf(records, rules));
    }

    private static IReadOnlyList<AttendanceFigure> NoRows(AttendanceSummaryOptions options) => [];

    /// <summary>The pre-K row of records kept (only in a year that has the row: other years keep nothing).</summary>
    private static Func<AttendanceSummaryOptions, IReadOnlyList<AttendanceFigure>> PreKindergartenOf(IReadOnlyCollection<BasicReportingPeriodAttendance> records, RuleSet rules) =>
        rules.HasAllStudentsEarlyEducationRows ? options => PreKindergartenHalfDayAda.Compute(records, rules, options) : NoRows;

    /// <summary>
    /// The pre-K row of a file summed as a stream, which has no birth dates: the groups and periods of its pre-K
    /// records (the summary of the partial sums of its pre-K cells, <paramref name="preK"/>, as
    /// <see cref="PreKindergartenHalfDayAda.Compute"/> takes them from the summary of the records), each not computable
    /// with the number of distinct pre-K students of the group.
    /// </summary>
    internal static IReadOnlyList<AttendanceFigure> PreKindergartenOfStream(AttendancePartials preK, PreKindergartenStudent[] students, AttendanceSummaryOptions options)
    {
        var rules = preK.Rules;
        if (!rules.HasAllStudentsEarlyEducationRows)
        {
            return [];
        }

        if (options.FocusList is not null)
        {
            throw new ArgumentException(
                "Partial sums are already summed: apply a focus list when computing them (AttendanceStore.Aggregate with a focus list).",
                nameof(options));
        }

        var shape = AttendanceSummary.FromPartials(preK, options with { PriorYearRecords = null });

        // Distinct students per group. Each listed (campus, track, student) gets its group's number (the list comes
        // campus by campus, so the last group's number is mostly the one asked for), the students are put group by
        // group (a counting sort), and each group's students are sorted and counted.
        var grouping = options.GroupBy;
        var byDistrict = grouping.HasFlag(AttendanceGrouping.District);
        var byCampus = grouping.HasFlag(AttendanceGrouping.Campus);
        var byTrack = grouping.HasFlag(AttendanceGrouping.InstructionalTrack);
        var numbers = new Dictionary<long, int>();
        var groupKeys = new List<long>();
        var groupOf = new int[students.Length];
        var sizes = new List<int>();
        var lastKey = -1L;
        var lastGroup = -1;
        for (var i = 0; i < students.Length; i++)
        {
            var s = students[i];
            var key = ((((long)(byDistrict ? s.Campus / 1000 : 0) * 1_000_000_000) + (byCampus ? s.Campus : 0)) * 100) + (byTrack ? s.Track : 0);
            if (key != lastKey)
            {
                ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, key, out var known);
                if (!known)
                {
                    number = groupKeys.Count;
                    groupKeys.Add(key);
                    sizes.Add(0);
                }

                (lastKey, lastGroup) = (key, number);
            }

            groupOf[i] = lastGroup;
            sizes[lastGroup]++;
        }

        var starts = new int[groupKeys.Count + 1];
        for (var g = 0; g < groupKeys.Count; g++)
        {
            starts[g + 1] = starts[g] + sizes[g];
        }

        var placed = new long[students.Length];
        var next = starts[..^1];
        for (var i = 0; i < students.Length; i++)
        {
            placed[next[groupOf[i]]++] = students[i].Student;
        }

        var missing = new Dictionary<AttendanceGroupKey, int>(groupKeys.Count);
        for (var g = 0; g < groupKeys.Count; g++)
        {
            var group = placed.AsSpan(starts[g], starts[g + 1] - starts[g]);
            group.Sort();
            var count = 1;
            for (var i = 1; i < group.Length; i++)
            {
                count += group[i] != group[i - 1] ? 1 : 0;
            }

            var key = groupKeys[g];
            var track = (int)(key % 100);
            var campus = (int)(key / 100 % 1_000_000_000);
            var district = (int)(key / 100 / 1_000_000_000);
            missing.Add(
                new AttendanceGroupKey(
                    byDistrict ? DistrictId.Parse(district.ToString("D6", CultureInfo.InvariantCulture)) : null,
                    byCampus ? CampusId.Parse(campus.ToString("D9", CultureInfo.InvariantCulture)) : null,
                    grouping.HasFlag(AttendanceGrouping.GradeLevel) ? GradeLevel.PreKindergarten : null,
                    byTrack ? new InstructionalTrack(track) : null),
                count);
        }

        // Every group of the shape has pre-K records, and none of them has a birth date: one not-computable figure a
        // group, its rows in the shape's order.
        var rows = new List<AttendanceFigure>();
        AttendanceGroupKey? current = null;
        Figure notComputable = null!;
        foreach (var row in shape.Figures)
        {
            if (row.Population != Population.All)
            {
                continue;
            }

            if (current != row.Group)
            {
                current = row.Group;
                notComputable = PreKindergartenHalfDayAda.WithoutBirthDates(missing[row.Group]);
            }

            rows.Add(PreKindergartenHalfDayAda.WithoutBirthDates(row, notComputable));
        }

        return rows.AsReadOnly();
    }
}
