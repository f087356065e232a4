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

        // One student once at each campus and in each district: the most serious of the student's verdicts there.
        var statuses = new Dictionary<(RateLevel Level, DistrictId District, CampusId? Campus, StudentId Student), ChronicAbsenceStatus>();
        void Count((RateLevel, DistrictId, CampusId?, StudentId) key, ChronicAbsenceStatus status) =>
            statuses[key] = statuses.TryGetValue(key, out var was) && was > status ? was : status;
        foreach (var v in report.Verdicts)
        {
            foreach (var c in v.Campuses)
            {
                Count((RateLevel.Campus, c.District, c, v.Student), v.Status);
            }

            foreach (var d in ChronicAbsence.DistrictsOf(v.Campuses))
            {
                Count((RateLevel.District, d, null, v.Student), v.Status);
            }
        }

        // Each student considered, in each of the student's groups.
        var rates = new Dictionary<(RateLevel Level, DistrictId District, CampusId? Campus, StudentGroup Group), (int Considered, int Chronic)>();
        foreach (var ((level, district, campus, student), status) in statuses)
        {
            if (status == ChronicAbsenceStatus.Excluded)
            {
                continue;
            }

            foreach (var group in GroupsOf(student))
            {
                var (considered, chronic) = rates.GetValueOrDefault((level, district, campus, group));
                rates[(level, district, campus, group)] = (considered + 1, chronic + (status == ChronicAbsenceStatus.Chronic ? 1 : 0));
            }
        }

        return rates
            .Select(r => new ChronicAbsenceGroupRate(r.Key.Level, r.Key.District, r.Key.Campus, r.Key.Group, r.Value.Considered, r.Value.Chronic))
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
