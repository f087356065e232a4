using PeimsRules.Rules;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// One row of <see cref="AttendancePartials"/>: the sums of one population's records in one fine cell (a campus,
/// grade, track and reporting period, with the days taught its records report).
/// </summary>
/// <remarks>
/// These are the sums <see cref="AttendanceTotals"/> keeps, split finely enough that every figure of every grouping
/// is a sum of rows: a period ADA is Σ over its rows of <see cref="EligibleDaysPresent"/> ÷
/// <see cref="NumberDaysTaught"/>, a PIA is Σ <see cref="DaysPresent"/> ÷ Σ (<see cref="DaysPresent"/> +
/// <see cref="DaysAbsent"/>) × 100. A row of the same cell and population from another partition adds to this one,
/// field by field.
/// </remarks>
/// <param name="Campus">The campus (its district is the campus's first six digits).</param>
/// <param name="GradeLevel">The grade level.</param>
/// <param name="InstructionalTrack">The instructional track.</param>
/// <param name="ReportingPeriod">The reporting period.</param>
/// <param name="NumberDaysTaught">The days taught the records report.</param>
/// <param name="Population">The population the sums are of; the K-3 rows only for grades KG to 03 from 2019-20.</param>
/// <param name="RecordCount">The number of records.</param>
/// <param name="EligibleDaysPresent">The eligible days present counted toward ADA (<see cref="PeriodAda.CountedEligibleDaysPresent"/>).</param>
/// <param name="DaysPresent">The days present counted toward PIA (<see cref="PercentInAttendance.CountedDaysPresent"/>).</param>
/// <param name="DaysAbsent">The days absent counted toward PIA (records in membership only).</param>
public readonly record struct AttendancePartial(
    CampusId Campus,
    GradeLevel GradeLevel,
    InstructionalTrack InstructionalTrack,
    ReportingPeriod ReportingPeriod,
    DayCount NumberDaysTaught,
    Population Population,
    long RecordCount,
    DayCount EligibleDaysPresent,
    DayCount DaysPresent,
    DayCount DaysAbsent);

/// <summary>
/// The partial sums behind every attendance figure, by fine cell (campus, grade, track, reporting period, days
/// taught) and population: what one pass over a set of records computes, and what partitions merge.
/// </summary>
/// <remarks>
/// <para>
/// The sums are those <see cref="AttendanceTotals"/> merges, only finer, so partials of any partition of the records
/// merge (<see cref="Merge"/>) into exactly the partials of the whole, in any order and any grouping of the
/// partitions, and <see cref="AttendanceSummary.FromPartials"/> turns them into the same figures as
/// <see cref="AttendanceSummary.Compute"/>
/// over all the records. Data too large for one machine can be summed per partition elsewhere (see
/// docs/scale/partials.md: one SQL GROUP BY gives the rows) and merged here with <see cref="FromRows"/>.
/// </para>
/// <para>
/// Computed under one <see cref="RuleSet"/> (which days count depends on the year's rules): partials of different
/// rules do not merge. A cell with no records of a population has no row for it.
/// </para>
/// </remarks>
public sealed class AttendancePartials
{
    internal const int AllWidth = 4;
    internal const int K3Width = 8;

    internal AttendancePartials(RuleSet rules, CellTable cells, int[] all, int[] k3)
    {
        Rules = rules;
        Cells = cells;
        All = all;
        K3 = k3;
    }

    /// <summary>The rules the sums were computed under.</summary>
    public RuleSet Rules { get; }

    /// <summary>The number of fine cells.</summary>
    public int CellCount => Cells.Count;

    internal CellTable Cells { get; }

    /// <summary>
    /// Per cell: count, eligible, present, absent of every record (32-bit: a store's cell holds at most
    /// <see cref="AttendanceStoreBuilder.MaximumCellRecords"/> records of at most 255 half days each).
    /// </summary>
    internal int[] All { get; }

    /// <summary>Per K-3 cell (<see cref="CellTable.K3Rank"/>): the same four of the economically disadvantaged, then of the emergent bilingual; empty without K-3 rows.</summary>
    internal int[] K3 { get; }

    internal bool HasK3 => K3.Length > 0;

    /// <summary>
    /// The records of <paramref name="period"/>: each record is in exactly one cell, so this is the count of all the
    /// records of the period's cells (what a caller checking which periods a file holds needs, without a row apiece).
    /// </summary>
    public long RecordCountOf(ReportingPeriod period)
    {
        long count = 0;
        var periods = Cells.Period;
        for (var c = 0; c < periods.Length; c++)
        {
            if (periods[c] == period.Number)
            {
                count += All[c * AllWidth];
            }
        }

        return count;
    }

    /// <summary>Every row, by cell (campus code, grade, track, period, days taught) then population.</summary>
    public IEnumerable<AttendancePartial> Rows()
    {
        for (var c = 0; c < Cells.Count; c++)
        {
            foreach (var population in Populations.For(Rules))
            {
                if (population == Population.K3AllStudents)
                {
                    // Derived from the All sums of the K-3 cells (grade is part of the cell): no row of its own.
                    continue;
                }

                var sums = SumsOf(c, population);
                if (sums.Count > 0)
                {
                    yield return new AttendancePartial(
                        Cells.CampusOf(c), Cells.GradeOf(c), Cells.TrackOf(c), Cells.PeriodOf(c), Cells.DaysTaughtOf(c), population,
                        sums.Count, DayCount.FromHalfDays(sums.Eligible), DayCount.FromHalfDays(sums.Present), DayCount.FromHalfDays(sums.Absent));
                }
            }
        }
    }

    /// <summary>
    /// The partials of <paramref name="records"/> under <paramref name="rules"/>, record by record: each record adds
    /// one to the count of its cell for every population that includes it (<see cref="Populations.Includes"/>),
    /// its <see cref="PeriodAda.CountedEligibleDaysPresent"/>, its <see cref="PercentInAttendance.CountedDaysPresent"/>
    /// and its days absent. The reference the store's pass and the streaming file reader are held to.
    /// </summary>
    /// <exception cref="ArgumentException">A cell's sums exceed 2,147,483,647 (half days or records).</exception>
    public static AttendancePartials Of(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        var populations = Populations.For(rules).Where(p => p != Population.K3AllStudents).ToList();
        return FromRows(
            rules,
            records.SelectMany(record => populations
                .Where(population => population.Includes(record))
                .Select(population => new AttendancePartial(
                    record.CampusId, record.GradeLevel, record.InstructionalTrack, record.ReportingPeriod, record.NumberDaysTaught, population, 1,
                    PeriodAda.CountedEligibleDaysPresent(record, rules), PercentInAttendance.CountedDaysPresent(record, rules), record.DaysAbsent))));
    }

    /// <summary>
    /// The partials whose rows are <paramref name="rows"/>, rows of the same cell and population added together: how
    /// the per-partition results of another engine come in.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A row is of a K-3 population but not of grades KG to 03, or of a K-3 population under rules without the K-3
    /// rows, or has a negative record count, or a cell's sums exceed 2,147,483,647 (half days or records).
    /// </exception>
    public static AttendancePartials FromRows(RuleSet rules, IEnumerable<AttendancePartial> rows)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(rows);
        var sums = new Dictionary<(CampusId Campus, int Grade, int Track, int Period, long DaysTaught), CellSums[]>();
        foreach (var row in rows)
        {
            if (row.RecordCount < 0)
            {
                throw new ArgumentException($"A partial row cannot have a negative record count ({row}).", nameof(rows));
            }

            if (row.Population == Population.K3AllStudents)
            {
                throw new ArgumentException(
                    $"The all K-3 students sums are those of the All rows of grades KG to 03: give the All rows, not a {row.Population} row ({row}).",
                    nameof(rows));
            }

            if (row.Population != Population.All && (!rules.HasEarlyEducationRows || !row.GradeLevel.IsKindergartenThroughThird))
            {
                throw new ArgumentException(
                    $"A {row.Population} row is for grades KG to 03 from 2019-20; this one is for grade {row.GradeLevel} under the rules of {rules.SchoolYear.DisplayName}.",
                    nameof(rows));
            }

            var key = (row.Campus, CellTable.GradeOrdinal(row.GradeLevel), row.InstructionalTrack.Number, row.ReportingPeriod.Number, row.NumberDaysTaught.HalfDays);
            if (!sums.TryGetValue(key, out var cell))
            {
                cell = new CellSums[3];
                sums.Add(key, cell);
            }

            cell[(int)row.Population].Add(new CellSums
            {
                Count = row.RecordCount,
                Eligible = row.EligibleDaysPresent.HalfDays,
                Present = row.DaysPresent.HalfDays,
                Absent = row.DaysAbsent.HalfDays,
            });
        }

        var campuses = sums.Keys.Select(k => k.Campus).Distinct().Order().ToArray();
        var campusIndex = campuses.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var keys = sums.Keys
            .OrderBy(k => k.Campus).ThenBy(k => k.Grade).ThenBy(k => k.Track).ThenBy(k => k.Period).ThenBy(k => k.DaysTaught)
            .ToArray();
        var cells = new CellTable(
            campuses,
            keys.Select(k => campusIndex[k.Campus]).ToArray(),
            keys.Select(k => (byte)k.Grade).ToArray(),
            keys.Select(k => (byte)k.Track).ToArray(),
            keys.Select(k => (byte)k.Period).ToArray(),
            keys.Select(k => checked((int)k.DaysTaught)).ToArray());
        var all = new int[keys.Length * AllWidth];
        var k3 = rules.HasEarlyEducationRows ? new int[cells.K3Count * K3Width] : [];
        for (var c = 0; c < keys.Length; c++)
        {
            var cell = sums[keys[c]];
            Store(all, c * AllWidth, cell[(int)Population.All]);
            if (k3.Length > 0 && cells.K3Rank[c] >= 0)
            {
                Store(k3, cells.K3Rank[c] * K3Width, cell[(int)Population.K3EconomicallyDisadvantaged]);
                Store(k3, (cells.K3Rank[c] * K3Width) + AllWidth, cell[(int)Population.K3EmergentBilingual]);
            }
        }

        return new AttendancePartials(rules, cells, all, k3);
    }

    /// <summary>The partials of both sets of records: every row of either, rows of the same cell and population added.</summary>
    /// <exception cref="ArgumentException">The two were computed under different rules.</exception>
    public AttendancePartials Merge(AttendancePartials other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Rules != Rules)
        {
            throw new ArgumentException("Partials computed under different rules do not merge: the days that count differ.", nameof(other));
        }

        return FromRows(Rules, Rows().Concat(other.Rows()));
    }

    /// <summary>The merge of any number of partials computed under <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">One of them was computed under other rules.</exception>
    public static AttendancePartials MergeAll(RuleSet rules, IEnumerable<AttendancePartials> partials)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(partials);
        var list = partials.ToList();
        if (list.Any(p => p.Rules != rules))
        {
            throw new ArgumentException("Partials computed under different rules do not merge: the days that count differ.", nameof(partials));
        }

        return FromRows(rules, list.SelectMany(p => p.Rows()));
    }

    internal CellSums SumsOf(int cell, Population population) => SumsOf(Cells, All, K3, cell, population);

    internal static CellSums SumsOf(CellTable cells, int[] all, int[] k3, int cell, Population population)
    {
        if (population == Population.All)
        {
            return Load(all, cell * AllWidth);
        }

        if (population == Population.K3AllStudents)
        {
            return CellTable.IsK3Grade(cells.Grade[cell]) ? Load(all, cell * AllWidth) : default;
        }

        var rank = cells.K3Rank[cell];
        if (k3.Length == 0 || rank < 0)
        {
            return default;
        }

        return Load(k3, (rank * K3Width) + (population == Population.K3EconomicallyDisadvantaged ? 0 : AllWidth));
    }

    internal static void Store(int[] target, int at, in CellSums sums)
    {
        try
        {
            target[at] = checked((int)sums.Count);
            target[at + 1] = checked((int)sums.Eligible);
            target[at + 2] = checked((int)sums.Present);
            target[at + 3] = checked((int)sums.Absent);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("A fine cell's sums are held in 32 bits; these exceed 2,147,483,647 (records or half days).", nameof(sums), e);
        }
    }

    private static CellSums Load(int[] source, int at) =>
        new() { Count = source[at], Eligible = source[at + 1], Present = source[at + 2], Absent = source[at + 3] };
}
