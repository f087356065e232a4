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
/// <see cref="AttendanceRate.Compute"/> and <see cref="AnnualDropoutRate.Compute"/> stay the reference; a property
/// test shows this tally gives the same figures for every generated input.
/// </para>
/// </remarks>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources): attendance rate, grades 1-12, PEIMS 400; annual dropout rate, grades 7-8 and 7-12")]
public sealed class AccountabilityStudentTally
{
    private static readonly GradeLevel SpanSevenToEight = GradeLevel.Parse("07");
    private static readonly GradeLevel SpanNineToTwelve = GradeLevel.Parse("09");

    private readonly Dictionary<(CampusId Campus, StudentId Student), (long Membership, long Absent)> _days = [];
    private readonly HashSet<StudentId> _gradesOneToTwelve = [];
    private readonly HashSet<(SchoolYear Year, StudentId Student, CampusId Campus, int Span)> _served = [];
    private readonly List<SchoolYear> _years = [];

    // One instance of each campus id for every student's entries (a record's id is its own copy of the text).
    private readonly Dictionary<CampusId, CampusId> _campuses = [];

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
        if (!_years.Contains(record.SchoolYear))
        {
            _years.Add(record.SchoolYear);
        }

        if (record.GradeLevel.Number >= 1)
        {
            _gradesOneToTwelve.Add(record.StudentId);
        }

        ref var campus = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_campuses, record.CampusId, out var known);
        if (!known)
        {
            campus = record.CampusId;
        }

        if (AttendanceRate.Counts(record))
        {
            ref var days = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_days, (campus, record.StudentId), out _);
            days = (checked(days.Membership + record.DaysInMembership.HalfDays), checked(days.Absent + record.DaysAbsent.HalfDays));
        }

        if (AnnualDropoutRate.Span(record.GradeLevel) is var span and > 0)
        {
            _served.Add((record.SchoolYear, record.StudentId, campus, span));
        }
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

    /// <summary>The attendance rates of the records added: <see cref="AttendanceRate.Compute"/> of them.</summary>
    /// <exception cref="ArgumentException">
    /// A student has two demographic records, or an ethnicity category not valid in a school year of the records.
    /// </exception>
    public IReadOnlyList<AttendanceRateFigure> AttendanceRates(IEnumerable<StudentDemographics>? demographics = null)
    {
        var groups = Demographics.Index(demographics, _years);
        return AttendanceRate.Figures(_days.Select(d => new AttendanceRate.StudentDays(d.Key.Campus, d.Key.Student, d.Value.Membership, d.Value.Absent)), groups);
    }

    /// <summary>The students of the records added (grades 1 to 12) that have no demographic record: <see cref="AttendanceRate.StudentsWithoutDemographics"/>.</summary>
    public IReadOnlyList<StudentId> StudentsWithoutDemographics(IEnumerable<StudentDemographics> demographics)
    {
        ArgumentNullException.ThrowIfNull(demographics);
        return AttendanceRate.Without(_gradesOneToTwelve, demographics);
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
            _served.Where(s => s.Year == year).Select(s => (s.Student, s.Campus, s.Span == 1 ? SpanSevenToEight : SpanNineToTwelve)),
            demographics);
    }

    /// <summary>The dropouts of <paramref name="year"/> that the records added do not put at their campus in their grade span: <see cref="AnnualDropoutRate.DropoutsNotServed"/>.</summary>
    public IReadOnlyList<LeaverRecord> DropoutsNotServed(SchoolYear year, IEnumerable<LeaverRecord> leavers)
    {
        ArgumentNullException.ThrowIfNull(leavers);
        return AnnualDropoutRate.NotServed(year, leavers, _served.Where(s => s.Year == year).Select(s => (s.Student, s.Campus, s.Span)).ToHashSet());
    }
}
