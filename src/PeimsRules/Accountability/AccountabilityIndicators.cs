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
/// The accountability attendance rate (TEA Accountability Manual, Appendix D): the total days students in grades 1 to 12 were present ÷ the total
/// days they were in membership (PEIMS 400), by campus and district, for all students and each student group.
/// </summary>
/// <remarks>
/// Days present are days in membership minus days absent, as reported (eligible and ineligible days present, remote days
/// included); the regular school year's six reporting periods count. A student's groups come from the demographic
/// records (Appendix D: economic status from PEIMS 110, ethnicity from PEIMS 101); a student without one counts in All
/// only, and is listed by <see cref="StudentsWithoutDemographics"/>.
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): attendance rate, grades 1-12, PEIMS 400")]
public static class AttendanceRate
{
    /// <summary>The rates of every campus and district, for all students and each student group with students.</summary>
    public static IReadOnlyList<AttendanceRateFigure> Compute(IEnumerable<BasicReportingPeriodAttendance> records, IEnumerable<StudentDemographics>? demographics = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyCollection<BasicReportingPeriodAttendance> ?? records.ToList();
        var groups = Demographics.Index(demographics, list.Select(r => r.SchoolYear).Distinct());
        return Figures(list.Where(Counts).Select(r => new StudentDays(r.CampusId, r.StudentId, r.DaysInMembership.HalfDays, r.DaysAbsent.HalfDays)), groups);
    }

    /// <summary>The students of <paramref name="records"/> (grades 1 to 12) that have no demographic record.</summary>
    public static IReadOnlyList<StudentId> StudentsWithoutDemographics(IEnumerable<BasicReportingPeriodAttendance> records, IEnumerable<StudentDemographics> demographics)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(demographics);
        return Without(records.Where(r => r.GradeLevel.Number >= 1).Select(r => r.StudentId), demographics);
    }

    /// <summary>Whether a record counts in the rate: a refined-ADA period, grades 1 to 12, in membership.</summary>
    internal static bool Counts(BasicReportingPeriodAttendance r) =>
        Counts(r.ReportingPeriod.Number, r.GradeLevel.Number, r.AdaEligibility?.Code);

    /// <summary>
    /// <see cref="Counts(BasicReportingPeriodAttendance)"/> of a record's reporting period (1 to 9), grade number and ADA
    /// eligibility code (<see langword="null"/> when blank, which counts), for a row read as numbers: the one rule both use.
    /// </summary>
    internal static bool Counts(int period, int grade, int? adaCode) =>
        new ReportingPeriod(period).IsRefinedAdaPeriod && grade >= 1 && (adaCode is not { } code || AdaEligibility.FromCode(code).IsInMembership);

    /// <summary>The students of <paramref name="students"/> that have no demographic record, in order.</summary>
    internal static IReadOnlyList<StudentId> Without(IEnumerable<StudentId> students, IEnumerable<StudentDemographics> demographics)
    {
        var known = Demographics.Index(demographics, []);
        return students.Distinct().Where(s => !known!.ContainsKey(s)).Order().ToList().AsReadOnly();
    }

    /// <summary>
    /// The rates of days in membership and absent of students at campuses: one item per counted record, or per student
    /// and campus with the days of its records summed (the sums and the students counted are the same).
    /// </summary>
    internal static IReadOnlyList<AttendanceRateFigure> Figures(IEnumerable<StudentDays> days, Dictionary<StudentId, StudentDemographics>? groups)
    {
        var rows = days
            .SelectMany(d => Demographics.GroupsOf(groups, d.Student).Select(g => (Days: d, Group: g)))
            .ToList();
        var campus = rows.GroupBy(x => (Campus: (CampusId?)x.Days.Campus, x.Days.Campus.District, x.Group))
            .Select(g => Figure(RateLevel.Campus, g.Key.District, g.Key.Campus, g.Key.Group, g.Select(x => x.Days)));
        var district = rows.GroupBy(x => (x.Days.Campus.District, x.Group))
            .Select(g => Figure(RateLevel.District, g.Key.District, null, g.Key.Group, g.Select(x => x.Days)));
        return campus.Concat(district)
            .OrderBy(f => f.Level).ThenBy(f => f.District).ThenBy(f => f.Campus?.Code, StringComparer.Ordinal).ThenBy(f => f.Group)
            .ToList().AsReadOnly();
    }

    private static AttendanceRateFigure Figure(RateLevel level, DistrictId district, CampusId? campus, StudentGroup group, IEnumerable<StudentDays> days)
    {
        var list = days.ToList();
        var membership = list.Aggregate(DayCount.Zero, (sum, d) => sum + DayCount.FromHalfDays(d.MembershipHalfDays));
        var absent = list.Aggregate(DayCount.Zero, (sum, d) => sum + DayCount.FromHalfDays(d.AbsentHalfDays));
        return new AttendanceRateFigure(level, district, campus, group, list.Select(d => d.Student).Distinct().Count(), DayCount.FromHalfDays(membership.HalfDays - absent.HalfDays), membership);
    }

    /// <summary>Days in membership and days absent, in half days, of a student at a campus (one record's, or several summed).</summary>
    internal readonly record struct StudentDays(CampusId Campus, StudentId Student, long MembershipHalfDays, long AbsentHalfDays);
}

/// <summary>
/// The annual dropout rate (TEA Accountability Manual, Appendix D), for grades 7-8 and for grades 7-12: the students with a leaver record (PEIMS 203)
/// whose reason the year's leaver-code table does not exempt ÷ the students served during the school year in those
/// grades, ADA-ineligible students included (PEIMS 110 and 400), by campus and district, for all students and each
/// student group.
/// </summary>
/// <remarks>
/// A student is served at a campus in a span when any attendance record of the year (any ADA eligibility code, any
/// reporting period) puts the student there in one of the span's grades. A dropout counts at the leaver record's campus,
/// in the span of its grade, once per student. An unknown leaver code is an error (<see cref="PeimsCodeException"/>).
/// A dropout is by definition among the students served: a dropout the attendance records do not put at its campus in
/// its grade span is refused (<see cref="DropoutsNotServed"/> lists them), never counted in a numerator outside its
/// denominator.
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): annual dropout rate, grades 7-8 and 7-12; leaver codes by year (LeaverCodes)")]
public static class AnnualDropoutRate
{
    /// <summary>The rates of every campus and district for <paramref name="year"/>, grades 7-8 and 7-12.</summary>
    /// <exception cref="PeimsCodeException">A leaver record has a code the year's table does not have.</exception>
    /// <exception cref="InvalidOperationException">No leaver-code table is in force for the year.</exception>
    /// <exception cref="ArgumentException">A dropout is not among the students served at its campus in its grade span (see <see cref="DropoutsNotServed"/>).</exception>
    public static IReadOnlyList<DropoutRateFigure> Compute(
        SchoolYear year,
        IEnumerable<LeaverRecord> leavers,
        IEnumerable<BasicReportingPeriodAttendance> served,
        IEnumerable<StudentDemographics>? demographics = null)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        ArgumentNullException.ThrowIfNull(served);
        return ComputeServed(year, leavers, served.Where(r => r.SchoolYear == year).Select(r => (r.StudentId, r.CampusId, r.GradeLevel)), demographics);
    }

    /// <summary>
    /// The rates of <paramref name="year"/> from the students served, each one at a campus in a grade: one item per
    /// record of the year, or per student, campus and grade span (the students counted are the same).
    /// </summary>
    internal static IReadOnlyList<DropoutRateFigure> ComputeServed(
        SchoolYear year,
        IEnumerable<LeaverRecord> leavers,
        IEnumerable<(StudentId StudentId, CampusId CampusId, GradeLevel GradeLevel)> served,
        IEnumerable<StudentDemographics>? demographics)
    {
        var table = LeaverCodes.For(year);
        var groups = Demographics.Index(demographics, [year]);
        var leaverList = leavers.ToList();
        var students = served.ToList();
        var outside = NotServed(year, leaverList, students.Where(s => Span(s.GradeLevel) > 0).Select(s => (s.StudentId, s.CampusId, Span(s.GradeLevel))).ToHashSet());
        if (outside.Count > 0)
        {
            var l = outside[0];
            throw new ArgumentException(
                $"{outside.Count} dropout(s) are not among the students served, first: student {l.Student}, campus {l.Campus}, grade {l.GradeLevel}, leaver code {l.LeaverCode}: no attendance record of {year.DisplayName} puts the student at that campus in that grade span, so the dropout would be counted in a rate whose denominator does not hold it. Correct the leaver record's campus or grade, or add the missing attendance.",
                nameof(leavers));
        }

        var dropouts = leaverList.Where(l => l.SchoolYear == year)
            .Where(l => table.Lookup(l.LeaverCode).IsDropout)
            .Select(l => (l.Student, l.Campus, l.GradeLevel))
            .ToList();

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

    /// <summary>
    /// The dropouts of <paramref name="year"/> (leaver records whose code is a dropout) that no attendance record of the
    /// year puts at their campus in their grade span (7-8 or 9-12): the records the rate refuses.
    /// </summary>
    public static IReadOnlyList<LeaverRecord> DropoutsNotServed(SchoolYear year, IEnumerable<LeaverRecord> leavers, IEnumerable<BasicReportingPeriodAttendance> served)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        ArgumentNullException.ThrowIfNull(served);
        var table = LeaverCodes.For(year);
        var at = served.Where(r => r.SchoolYear == year && Span(r.GradeLevel) > 0).Select(r => (r.StudentId, r.CampusId, Span(r.GradeLevel))).ToHashSet();
        return NotServed(year, table, leavers, at);
    }

    /// <summary>The grade span of the served check: 1 for grades 7-8, 2 for 9-12, 0 outside them.</summary>
    internal static int Span(GradeLevel g) => Span(g.Number);

    /// <summary><see cref="Span(GradeLevel)"/> of a grade's number.</summary>
    internal static int Span(int grade) => grade is >= 7 and <= 8 ? 1 : grade is >= 9 and <= 12 ? 2 : 0;

    /// <summary>The dropouts of <paramref name="year"/> that are not at their campus in their span in <paramref name="at"/>.</summary>
    internal static IReadOnlyList<LeaverRecord> NotServed(SchoolYear year, IEnumerable<LeaverRecord> leavers, HashSet<(StudentId, CampusId, int)> at) =>
        NotServed(year, LeaverCodes.For(year), leavers, at);

    private static IReadOnlyList<LeaverRecord> NotServed(SchoolYear year, LeaverCodeTable table, IEnumerable<LeaverRecord> leavers, HashSet<(StudentId, CampusId, int)> at)
    {
        return leavers
            .Where(l => l.SchoolYear == year && Span(l.GradeLevel) > 0 && table.Lookup(l.LeaverCode).IsDropout)
            .Where(l => !at.Contains((l.Student, l.Campus, Span(l.GradeLevel))))
            .ToList().AsReadOnly();
    }
}

/// <summary>Looks up a student's groups.</summary>
internal static class Demographics
{
    private static readonly IReadOnlyList<StudentGroup> AllOnly = [StudentGroup.All];

    /// <summary>Indexes the records by student, refusing a record whose race/ethnicity is not valid in one of <paramref name="years"/>.</summary>
    public static Dictionary<StudentId, StudentDemographics>? Index(IEnumerable<StudentDemographics>? demographics, IEnumerable<SchoolYear> years)
    {
        if (demographics is null)
        {
            return null;
        }

        var yearList = years.ToList();
        var index = new Dictionary<StudentId, StudentDemographics>();
        foreach (var d in demographics)
        {
            var invalid = yearList.Where(y => !RaceEthnicityStandard.IsValidFor(d.RaceEthnicity, y)).Cast<SchoolYear?>().FirstOrDefault();
            if (invalid is { } y)
            {
                throw new ArgumentException(
                    $"Student {d.Student} has the pre-2010 ethnicity category {StudentDemographics.EthnicityCode(d.RaceEthnicity.Legacy!.Value)}, valid up to 2009-10 only; {y.DisplayName} needs the Hispanic/Latino flag and the race indicators.",
                    nameof(demographics));
            }

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
