using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>The accountability attendance rate of one campus or district and student group, with its counts.</summary>
/// <param name="Level">Campus or district.</param>
/// <param name="District">The district.</param>
/// <param name="Campus">The campus, for a campus rate.</param>
/// <param name="Group">The student group.</param>
/// <param name="Students">The students counted.</param>
/// <param name="DaysPresent">Days present, summed.</param>
/// <param name="DaysInMembership">Days in membership, summed.</param>
public sealed record AttendanceRateFigure(RateLevel Level, DistrictId District, CampusId? Campus, StudentGroup Group, int Students, DayCount DaysPresent, DayCount DaysInMembership)
{
    /// <summary>Days present ÷ days in membership × 100, exactly; <see langword="null"/> with no membership.</summary>
    public Ratio? Percent => DaysInMembership.HalfDays == 0 ? null : Ratio.Of(DaysPresent.HalfDays * 100, DaysInMembership.HalfDays);
}

/// <summary>The annual dropout rate of one campus or district, grade span and student group, with its counts.</summary>
/// <param name="Level">Campus or district.</param>
/// <param name="District">The district.</param>
/// <param name="Campus">The campus, for a campus rate.</param>
/// <param name="Grades">The grade span: <c>07-08</c> or <c>07-12</c>.</param>
/// <param name="Group">The student group.</param>
/// <param name="Dropouts">Students with a dropout leaver record (the numerator).</param>
/// <param name="StudentsServed">Students served in the year in the span, ADA-ineligible included (the denominator).</param>
public sealed record DropoutRateFigure(RateLevel Level, DistrictId District, CampusId? Campus, string Grades, StudentGroup Group, int Dropouts, int StudentsServed)
{
    /// <summary>Dropouts ÷ students served × 100, exactly; <see langword="null"/> with no student served.</summary>
    public Ratio? Percent => StudentsServed == 0 ? null : Ratio.Of(Dropouts * 100L, StudentsServed);
}

/// <summary>
/// The accountability attendance rate (TEA Accountability Manual, Appendix D, Data Sources): the total days students in grades 1 to 12 were present ÷ the total
/// days they were in membership (PEIMS 400), by campus and district, for all students and each student group.
/// </summary>
/// <remarks>
/// Days present are days in membership minus days absent, as reported (eligible and ineligible days present, remote days
/// included); the regular school year's six reporting periods count. A student's groups come from the demographic
/// records (TEA Accountability Manual, Appendix D: economic status from PEIMS 110, ethnicity from PEIMS 101); a student without one counts in All
/// only, and is listed by <see cref="StudentsWithoutDemographics"/>.
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): attendance rate, grades 1-12, PEIMS 400")]
public static class AttendanceRate
{
    /// <summary>The rates of every campus and district, for all students and each student group with students.</summary>
    public static IReadOnlyList<AttendanceRateFigure> Compute(IEnumerable<BasicReportingPeriodAttendance> records, IEnumerable<StudentDemographics>? demographics = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var groups = Demographics.Index(demographics);
        var rows = records
            .Where(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.GradeLevel.Number >= 1 && r.AdaEligibility?.IsInMembership != false)
            .SelectMany(r => Demographics.GroupsOf(groups, r.StudentId).Select(g => (Record: r, Group: g)))
            .ToList();
        var campus = rows.GroupBy(x => (Campus: (CampusId?)x.Record.CampusId, x.Record.DistrictId, x.Group))
            .Select(g => Figure(RateLevel.Campus, g.Key.DistrictId, g.Key.Campus, g.Key.Group, g.Select(x => x.Record)));
        var district = rows.GroupBy(x => (x.Record.DistrictId, x.Group))
            .Select(g => Figure(RateLevel.District, g.Key.DistrictId, null, g.Key.Group, g.Select(x => x.Record)));
        return campus.Concat(district)
            .OrderBy(f => f.Level).ThenBy(f => f.District).ThenBy(f => f.Campus?.Code, StringComparer.Ordinal).ThenBy(f => f.Group)
            .ToList().AsReadOnly();
    }

    /// <summary>The students of <paramref name="records"/> (grades 1 to 12) that have no demographic record.</summary>
    public static IReadOnlyList<StudentId> StudentsWithoutDemographics(IEnumerable<BasicReportingPeriodAttendance> records, IEnumerable<StudentDemographics> demographics)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(demographics);
        var known = Demographics.Index(demographics);
        return records.Where(r => r.GradeLevel.Number >= 1).Select(r => r.StudentId).Distinct().Where(s => !known!.ContainsKey(s)).Order().ToList().AsReadOnly();
    }

    private static AttendanceRateFigure Figure(RateLevel level, DistrictId district, CampusId? campus, StudentGroup group, IEnumerable<BasicReportingPeriodAttendance> records)
    {
        var list = records.ToList();
        var membership = list.Aggregate(DayCount.Zero, (sum, r) => sum + r.DaysInMembership);
        var absent = list.Aggregate(DayCount.Zero, (sum, r) => sum + r.DaysAbsent);
        return new AttendanceRateFigure(level, district, campus, group, list.Select(r => r.StudentId).Distinct().Count(), DayCount.FromHalfDays(membership.HalfDays - absent.HalfDays), membership);
    }
}

/// <summary>
/// The annual dropout rate (TEA Accountability Manual, Appendix D, Data Sources), for grades 7-8 and for grades 7-12: the students with a leaver record (PEIMS 203)
/// whose reason the year's leaver-code table does not exempt ÷ the students served during the school year in those
/// grades, ADA-ineligible students included (PEIMS 110 and 400), by campus and district, for all students and each
/// student group.
/// </summary>
/// <remarks>
/// A student is served at a campus in a span when any attendance record of the year (any ADA eligibility code, any
/// reporting period) puts the student there in one of the span's grades. A dropout counts at the leaver record's campus,
/// in the span of its grade, once per student. An unknown leaver code is an error (<see cref="PeimsCodeException"/>).
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): annual dropout rate, grades 7-8 and 7-12; table 31 leaver codes")]
public static class AnnualDropoutRate
{
    /// <summary>The rates of every campus and district for <paramref name="year"/>, grades 7-8 and 7-12.</summary>
    /// <exception cref="PeimsCodeException">A leaver record has a code the year's table does not have.</exception>
    /// <exception cref="InvalidOperationException">No leaver-code table is in force for the year.</exception>
    public static IReadOnlyList<DropoutRateFigure> Compute(
        SchoolYear year,
        IEnumerable<LeaverRecord> leavers,
        IEnumerable<BasicReportingPeriodAttendance> served,
        IEnumerable<StudentDemographics>? demographics = null)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        ArgumentNullException.ThrowIfNull(served);
        var table = LeaverCodes.For(year);
        var groups = Demographics.Index(demographics);
        var dropouts = leavers.Where(l => l.SchoolYear == year)
            .Where(l => table.Lookup(l.LeaverCode).IsDropout)
            .Select(l => (l.Student, l.Campus, l.GradeLevel))
            .ToList();
        var students = served.Where(r => r.SchoolYear == year).Select(r => (r.StudentId, r.CampusId, r.GradeLevel)).ToList();

        var figures = new List<DropoutRateFigure>();
        foreach (var (name, low, high) in new[] { ("07-08", 7, 8), ("07-12", 7, 12) })
        {
            var inServed = students.Where(s => s.GradeLevel.Number >= low && s.GradeLevel.Number <= high)
                .SelectMany(s => Demographics.GroupsOf(groups, s.StudentId).Select(g => (s.StudentId, s.CampusId, Group: g))).ToList();
            var inDropouts = dropouts.Where(s => s.GradeLevel.Number >= low && s.GradeLevel.Number <= high)
                .SelectMany(s => Demographics.GroupsOf(groups, s.Student).Select(g => (StudentId: s.Student, s.Campus, Group: g))).ToList();
            var servedByCampus = inServed.GroupBy(s => (s.CampusId, s.Group)).ToDictionary(g => g.Key, g => g.Select(s => s.StudentId).Distinct().Count());
            var droppedByCampus = inDropouts.GroupBy(d => (CampusId: d.Campus, d.Group)).ToDictionary(g => g.Key, g => g.Select(d => d.StudentId).Distinct().Count());
            var servedByDistrict = inServed.GroupBy(s => (s.CampusId.District, s.Group)).ToDictionary(g => g.Key, g => g.Select(s => s.StudentId).Distinct().Count());
            var droppedByDistrict = inDropouts.GroupBy(d => (d.Campus.District, d.Group)).ToDictionary(g => g.Key, g => g.Select(d => d.StudentId).Distinct().Count());
            foreach (var key in servedByCampus.Keys.Union(droppedByCampus.Keys))
            {
                figures.Add(new DropoutRateFigure(
                    RateLevel.Campus, key.CampusId.District, key.CampusId, name, key.Group, droppedByCampus.GetValueOrDefault(key), servedByCampus.GetValueOrDefault(key)));
            }

            foreach (var key in servedByDistrict.Keys.Union(droppedByDistrict.Keys))
            {
                figures.Add(new DropoutRateFigure(
                    RateLevel.District, key.District, null, name, key.Group, droppedByDistrict.GetValueOrDefault(key), servedByDistrict.GetValueOrDefault(key)));
            }
        }

        return figures
            .OrderBy(f => f.Grades, StringComparer.Ordinal).ThenBy(f => f.Level).ThenBy(f => f.District).ThenBy(f => f.Campus?.Code, StringComparer.Ordinal).ThenBy(f => f.Group)
            .ToList().AsReadOnly();
    }
}

/// <summary>Looks up a student's groups.</summary>
internal static class Demographics
{
    private static readonly IReadOnlyList<StudentGroup> AllOnly = [StudentGroup.All];

    public static Dictionary<StudentId, StudentDemographics>? Index(IEnumerable<StudentDemographics>? demographics)
    {
        if (demographics is null)
        {
            return null;
        }

        var index = new Dictionary<StudentId, StudentDemographics>();
        foreach (var d in demographics)
        {
            if (!index.TryAdd(d.Student, d))
            {
                throw new ArgumentException($"Student {d.Student} has two demographic records.", nameof(demographics));
            }
        }

        return index;
    }

    public static IReadOnlyList<StudentGroup> GroupsOf(Dictionary<StudentId, StudentDemographics>? index, StudentId student) =>
        index is not null && index.TryGetValue(student, out var d) ? d.Groups : AllOnly;
}
