using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>Why a published figure is masked.</summary>
public enum MaskReason
{
    /// <summary>Its own group is too small: a denominator of 1 to 4 students, or an attendance rate under 900 days in membership.</summary>
    SmallGroup = 0,

    /// <summary>
    /// Its group is large enough, but a smaller group's count could otherwise be recovered by subtracting the published
    /// figures from a total (all students, or the district), so it is masked too.
    /// </summary>
    Complementary = 1,
}

/// <summary>
/// One published figure, for masking: its level, campus, student group and size (the rate's denominator: students, or
/// days in membership in half days for the attendance rate).
/// </summary>
/// <param name="Level">Campus or district.</param>
/// <param name="District">The district.</param>
/// <param name="Campus">The campus, for a campus figure.</param>
/// <param name="Group">The student group.</param>
/// <param name="Size">The denominator the masking rule reads.</param>
public sealed record MaskingCell(RateLevel Level, DistrictId District, CampusId? Campus, StudentGroup Group, long Size);

/// <summary>
/// TEA's small-group masking of published rates (FERPA), as a named parameter: a rate whose denominator is 1 to
/// <see cref="MinimumStudents"/> − 1 students is masked (dropout, graduation and chronic absenteeism rates), an attendance
/// rate is masked under <see cref="MinimumMembershipDays"/> days in membership (not at 0), and when a group is masked the
/// next smallest group of the same set is masked too, so that no count below the threshold can be recovered by
/// subtracting the published figures from a total.
/// </summary>
/// <remarks>
/// <para>The sets a subtraction could exploit, checked until nothing changes: within a campus or the district, the
/// race/ethnicity groups (with the students who report none) and the two sexes against all students; each other group
/// against all students (its complement: all students minus the group); and, for each group, the district's campuses
/// against the district. A set is safe when what its masked figures hide (the masked sizes plus the students in no
/// published group) is 0 or at least the threshold; otherwise the smallest published member is masked.</para>
/// <para>Masking decides what is published; the figures themselves are computed exactly and are unchanged. A masked
/// figure publishes no rate and no count.</para>
/// </remarks>
/// <param name="MinimumStudents">The smallest denominator published (5: denominators of 1 to 4 are masked).</param>
/// <param name="MinimumMembershipDays">The fewest days in membership for a published attendance rate (900).</param>
[TeaSource("TEA Texas Academic Performance Report (TAPR) masking rules, citing FERPA")]
public sealed record SmallGroupMasking(int MinimumStudents, int MinimumMembershipDays)
{
    /// <summary>The masking rules by school year.</summary>
    public static RuleParameter<SmallGroupMasking> Parameter { get; } = new(
        "SmallGroupMasking",
        "TEA's masking of published rates for small groups: denominators of 1 to 4 students, attendance under 900 days in membership, complementary masking.",
        new RuleParameterValue<SmallGroupMasking>(
            new SchoolYear(2006),
            new SmallGroupMasking(5, 900),
            new Citation("TEA TAPR masking rules (FERPA): rates masked for denominators of 1-4; attendance rate masked under 900 days in membership; the next smallest group masked so no count can be recovered by subtraction")));

    /// <summary>The masking rules for <paramref name="year"/>.</summary>
    public static SmallGroupMasking For(SchoolYear year) => Parameter.ValueFor(year).Value;

    /// <summary>The masking of the accountability attendance rates, aligned with <paramref name="figures"/> (<see langword="null"/>: published).</summary>
    public IReadOnlyList<MaskReason?> MaskAttendance(IReadOnlyList<AttendanceRateFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return Mask(figures.Select(f => new MaskingCell(f.Level, f.District, f.Campus, f.Group, f.DaysInMembership.HalfDays)).ToList(), MinimumMembershipDays * 2L);
    }

    /// <summary>The masking of the annual dropout rates, each grade span masked on its own, aligned with <paramref name="figures"/>.</summary>
    public IReadOnlyList<MaskReason?> MaskDropout(IReadOnlyList<DropoutRateFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var result = new MaskReason?[figures.Count];
        foreach (var span in Enumerable.Range(0, figures.Count).GroupBy(i => figures[i].Grades, StringComparer.Ordinal))
        {
            var indexes = span.ToList();
            var reasons = Mask(indexes.Select(i => new MaskingCell(figures[i].Level, figures[i].District, figures[i].Campus, figures[i].Group, figures[i].StudentsServed)).ToList(), MinimumStudents);
            for (var k = 0; k < indexes.Count; k++)
            {
                result[indexes[k]] = reasons[k];
            }
        }

        return result;
    }

    /// <summary>The masking of chronic absence rates (students considered), aligned with <paramref name="cells"/>.</summary>
    public IReadOnlyList<MaskReason?> MaskChronicAbsence(IReadOnlyList<MaskingCell> cells) => Mask(cells, MinimumStudents);

    /// <summary>
    /// Masks one table of figures (one indicator, one grade span) against <paramref name="threshold"/>, in the cells' unit:
    /// a cell of size 1 to threshold − 1 is masked, then complementary cells until no set leaks (see remarks).
    /// </summary>
    /// <returns>Each cell's reason, aligned with <paramref name="cells"/>; <see langword="null"/> for a published cell.</returns>
    /// <exception cref="ArgumentException">Two cells have the same level, campus and group.</exception>
    public static IReadOnlyList<MaskReason?> Mask(IReadOnlyList<MaskingCell> cells, long threshold)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var reasons = new MaskReason?[cells.Count];
        var index = new Dictionary<(RateLevel, DistrictId, CampusId?, StudentGroup), int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (!index.TryAdd((c.Level, c.District, c.Campus, c.Group), i))
            {
                throw new ArgumentException($"Two figures for {c.Level} {c.Campus?.Code ?? c.District.Code}, group {c.Group}: mask one table at a time.", nameof(cells));
            }

            if (c.Size > 0 && c.Size < threshold)
            {
                reasons[i] = MaskReason.SmallGroup;
            }
        }

        var families = Families(cells, index);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (total, members) in families)
            {
                changed |= Fix(cells, reasons, total, members, threshold);
            }
        }

        return reasons;
    }

    private static bool Fix(IReadOnlyList<MaskingCell> cells, MaskReason?[] reasons, int total, List<int> members, long threshold)
    {
        if (reasons[total] is not null)
        {
            return false;
        }

        var residual = cells[total].Size - members.Sum(m => cells[m].Size);
        var hidden = residual + members.Where(m => reasons[m] is not null).Sum(m => cells[m].Size);
        if (hidden <= 0 || hidden >= threshold)
        {
            return false;
        }

        var next = members.Where(m => reasons[m] is null).OrderBy(m => cells[m].Size).ThenBy(m => cells[m].Group).ThenBy(m => cells[m].Campus).Cast<int?>().FirstOrDefault();
        if (next is not { } n)
        {
            return false;
        }

        reasons[n] = MaskReason.Complementary;
        return true;
    }

    /// <summary>Every set a subtraction from a total could exploit: (the total's cell, its members' cells).</summary>
    private static List<(int Total, List<int> Members)> Families(IReadOnlyList<MaskingCell> cells, Dictionary<(RateLevel, DistrictId, CampusId?, StudentGroup), int> index)
    {
        var families = new List<(int, List<int>)>();
        var race = RaceEthnicityStandard.SevenGroups.Append(StudentGroup.AsianOrPacificIslander).ToHashSet();
        var sex = new HashSet<StudentGroup> { StudentGroup.Female, StudentGroup.Male };
        foreach (var unit in Enumerable.Range(0, cells.Count).GroupBy(i => (cells[i].Level, cells[i].District, cells[i].Campus)))
        {
            if (!index.TryGetValue((unit.Key.Level, unit.Key.District, unit.Key.Campus, StudentGroup.All), out var all))
            {
                continue;
            }

            var members = unit.Where(i => i != all).ToList();
            families.Add((all, members.Where(i => race.Contains(cells[i].Group)).ToList()));
            families.Add((all, members.Where(i => sex.Contains(cells[i].Group)).ToList()));
            families.AddRange(members.Where(i => !race.Contains(cells[i].Group) && !sex.Contains(cells[i].Group)).Select(i => (all, new List<int> { i })));
        }

        // The district's campuses against the district, group by group.
        foreach (var group in Enumerable.Range(0, cells.Count).Where(i => cells[i].Level == RateLevel.Campus).GroupBy(i => (cells[i].District, cells[i].Group)))
        {
            if (index.TryGetValue((RateLevel.District, group.Key.District, null, group.Key.Group), out var district))
            {
                families.Add((district, group.ToList()));
            }
        }

        return families.Where(f => f.Item2.Count > 0).ToList();
    }
}
