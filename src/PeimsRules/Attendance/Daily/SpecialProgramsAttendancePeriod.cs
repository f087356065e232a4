namespace PeimsRules.Attendance.Daily;

/// <summary>
/// The special-programs days of one period record (the Ed-Fi TX Special Programs Reporting Period Attendance object,
/// in the Ed-Fi Texas v4.0 object logic): the days a student was present and eligible while receiving pregnancy-related services (E0939), in a
/// special-education IEP with the mainstream setting 40 (E0940), and living in a residential facility (E1652).
/// </summary>
/// <remarks>
/// <para>
/// It sits beside the <see cref="BasicReportingPeriodAttendance"/> it belongs to (<see cref="Record"/>: same campus, student,
/// grade, track, period and ADA code) rather than inside it, so every calculator keeps taking the 42400 record
/// unchanged; TSDS reports the special-programs attendance as its own object too.
/// </para>
/// <para>
/// Each count is of days present under an eligible code (1, 2, 3, 6) on which the program was active; codes 2 and 6
/// count one half day for each such day (Ed-Fi Texas v4.0 reporting-period attendance object logic). So each count is at most the record's eligible days present.
/// </para>
/// </remarks>
public sealed record SpecialProgramsAttendancePeriod
{
    /// <summary>Creates the special-programs days of <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">A count exceeds the record's eligible days present.</exception>
    public SpecialProgramsAttendancePeriod(
        BasicReportingPeriodAttendance record,
        DayCount pregnancyRelatedServicesDaysPresent,
        DayCount specialEducationMainstreamDaysPresent,
        DayCount residentialFacilityDaysPresent)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var (count, name) in new[]
                 {
                     (pregnancyRelatedServicesDaysPresent, nameof(pregnancyRelatedServicesDaysPresent)),
                     (specialEducationMainstreamDaysPresent, nameof(specialEducationMainstreamDaysPresent)),
                     (residentialFacilityDaysPresent, nameof(residentialFacilityDaysPresent)),
                 })
        {
            if (count > record.EligibleDaysPresent)
            {
                throw new ArgumentException(
                    $"{count} special-program days present exceed the record's {record.EligibleDaysPresent} eligible days present.", name);
            }
        }

        Record = record;
        PregnancyRelatedServicesDaysPresent = pregnancyRelatedServicesDaysPresent;
        SpecialEducationMainstreamDaysPresent = specialEducationMainstreamDaysPresent;
        ResidentialFacilityDaysPresent = residentialFacilityDaysPresent;
    }

    /// <summary>The period record these days belong to.</summary>
    public BasicReportingPeriodAttendance Record { get; }

    /// <summary>TOTAL-ELIG-PREG-REL-SVCS-DAYS-PRESENT (E0939): eligible days present while receiving pregnancy-related services.</summary>
    public DayCount PregnancyRelatedServicesDaysPresent { get; }

    /// <summary>TOTAL-ELIG-SP-ED-MAINSTREAM-DAYS-PRESENT (E0940): eligible days present under an IEP with instructional setting 40.</summary>
    public DayCount SpecialEducationMainstreamDaysPresent { get; }

    /// <summary>TOTAL-ELIG-RESIDENTIAL-FACILITY-DAYS-PRESENT (E1652): eligible days present while living in a residential facility.</summary>
    public DayCount ResidentialFacilityDaysPresent { get; }

    /// <summary>Whether any of the three counts is more than zero.</summary>
    public bool HasAnyDays =>
        PregnancyRelatedServicesDaysPresent.HalfDays + SpecialEducationMainstreamDaysPresent.HalfDays + ResidentialFacilityDaysPresent.HalfDays > 0;
}
