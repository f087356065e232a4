using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>The chronic-absence rate of one campus or district and one student group, with its counts.</summary>
/// <param name="Level">Campus or district.</param>
/// <param name="District">The district.</param>
/// <param name="Campus">The campus, for a campus rate.</param>
/// <param name="Group">The student group.</param>
/// <param name="Considered">Students of the group considered (the denominator).</param>
/// <param name="Chronic">Students of the group chronically absent (the numerator).</param>
public sealed record ChronicAbsenceGroupRate(RateLevel Level, DistrictId District, CampusId? Campus, StudentGroup Group, int Considered, int Chronic)
{
    /// <summary>Chronic ÷ considered × 100, exactly; <see langword="null"/> when no student is considered.</summary>
    public Ratio? Percent => Considered == 0 ? null : Ratio.Of(Chronic * 100L, Considered);
}

/// <summary>
/// Chronic absence by student group: the rates of a <see cref="ChronicAbsenceReport"/> for all students and for each
/// group the federal file (EDFacts FS195) reports by: the seven race/ethnicity groups, sex, children with disabilities
/// (special education), English learners (emergent bilingual), economically disadvantaged, homeless, migrant.
/// </summary>
/// <remarks>
/// Each student counts once per campus and once per district, with the most serious verdict there (as the report's own
/// rates count), in every group of the student's demographic record; a student without a record counts in All only. Only
/// students considered are in a denominator; a group with none considered is not listed.
/// </remarks>
[TeaSource("EDFacts file specification FS195 (chronic absenteeism), reported by student group")]
public static class ChronicAbsenceByGroup
{
    /// <summary>The rates of every campus and district by group, campus rates first, then by district, campus and group.</summary>
    /// <exception cref="ArgumentException">A demographic record's race/ethnicity is not valid in <paramref name="year"/>, or a student has two records.</exception>
    public static IReadOnlyList<ChronicAbsenceGroupRate> Compute(ChronicAbsenceReport report, IEnumerable<StudentDemographics> demographics, SchoolYear year)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(demographics);
        var index = Demographics.Index(demographics, [year])!;
        IReadOnlyList<StudentGroup> GroupsOf(StudentId s) => index.TryGetValue(s, out var d) ? d.FederalGroups : [StudentGroup.All];

        var byCampus = report.Verdicts
            .SelectMany(v => v.Campuses.Select(c => (Level: RateLevel.Campus, c.District, Campus: (CampusId?)c, Verdict: v)));
        var byDistrict = report.Verdicts
            .SelectMany(v => v.Campuses.Select(c => c.District).Distinct().Select(d => (Level: RateLevel.District, District: d, Campus: (CampusId?)null, Verdict: v)));
        return byCampus.Concat(byDistrict)
            .GroupBy(x => (x.Level, x.District, x.Campus, x.Verdict.Student))
            .Select(g => (g.Key, Status: g.Max(x => x.Verdict.Status)))
            .Where(x => x.Status != ChronicAbsenceStatus.Excluded)
            .SelectMany(x => GroupsOf(x.Key.Student).Select(group => (x.Key.Level, x.Key.District, x.Key.Campus, Group: group, x.Status)))
            .GroupBy(x => (x.Level, x.District, x.Campus, x.Group))
            .Select(g => new ChronicAbsenceGroupRate(g.Key.Level, g.Key.District, g.Key.Campus, g.Key.Group, g.Count(), g.Count(x => x.Status == ChronicAbsenceStatus.Chronic)))
            .OrderBy(r => r.Level).ThenBy(r => r.District).ThenBy(r => r.Campus?.Code, StringComparer.Ordinal).ThenBy(r => r.Group)
            .ToList().AsReadOnly();
    }

    /// <summary>The masking cells of <paramref name="rates"/>, for <see cref="SmallGroupMasking.MaskChronicAbsence"/>.</summary>
    public static IReadOnlyList<MaskingCell> MaskingCells(IReadOnlyList<ChronicAbsenceGroupRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return rates.Select(r => new MaskingCell(r.Level, r.District, r.Campus, r.Group, r.Considered)).ToList();
    }
}
