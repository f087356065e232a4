namespace PeimsRules.Attendance.Daily;

/// <summary>
/// The special-programs days of one period record (TEA's special-programs reporting-period attendance: in the Ed-Fi era
/// the Texas resources <c>SpecialProgramsReportingPeriodAttendance</c> and <c>BilingualESLProgramReportingPeriodAttendance</c>,
/// with the 42400 record's key): the days a student was present and eligible while receiving pregnancy-related services
/// (E0939), in a special-education IEP with the mainstream setting 40 (E0940), living in a residential facility (E1652),
/// and served in a bilingual/ESL program under a funding code (E0938, with its code E1651).
/// </summary>
/// <remarks>
/// <para>
/// It sits beside the <see cref="BasicReportingPeriodAttendance"/> it belongs to (<see cref="Record"/>: same campus, student,
/// grade, track and period) rather than inside it, so every basic calculator keeps taking the 42400 record unchanged; TEA
/// reports the special-programs attendance as its own record too, with the same key and days taught.
/// </para>
/// <para>
/// Each count is of days present under an eligible code (1, 2, 3, 6) on which the program was active; codes 2 and 6
/// count one half day for each such day (Ed-Fi Texas reporting-period attendance object logic). So each count is at
/// most the record's eligible days present. The bilingual/ESL days carry the funding code they were served under; TEA
/// keys the bilingual/ESL record by that code too, so days of one period record under two codes (a change of program
/// inside the period) are two special-programs records with one key, one per code.
/// </para>
/// </remarks>
public sealed record SpecialProgramsAttendancePeriod
{
    /// <summary>Creates the special-programs days of <paramref name="record"/>.</summary>
    /// <param name="record">The period record the days belong to.</param>
    /// <param name="pregnancyRelatedServicesDaysPresent">E0939.</param>
    /// <param name="specialEducationMainstreamDaysPresent">E0940.</param>
    /// <param name="residentialFacilityDaysPresent">E1652.</param>
    /// <param name="bilingualEslDaysPresent">E0938.</param>
    /// <param name="bilingualEslFunding">E1651: the funding code of the bilingual/ESL days; required when there are such days.</param>
    /// <exception cref="ArgumentException">A count exceeds the record's eligible days present, or bilingual/ESL days have no funding code.</exception>
    public SpecialProgramsAttendancePeriod(
        BasicReportingPeriodAttendance record,
        DayCount pregnancyRelatedServicesDaysPresent,
        DayCount specialEducationMainstreamDaysPresent,
        DayCount residentialFacilityDaysPresent,
        DayCount bilingualEslDaysPresent = default,
        BilingualEslFunding? bilingualEslFunding = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var (count, name) in new[]
                 {
                     (pregnancyRelatedServicesDaysPresent, nameof(pregnancyRelatedServicesDaysPresent)),
                     (specialEducationMainstreamDaysPresent, nameof(specialEducationMainstreamDaysPresent)),
                     (residentialFacilityDaysPresent, nameof(residentialFacilityDaysPresent)),
                     (bilingualEslDaysPresent, nameof(bilingualEslDaysPresent)),
                 })
        {
            if (count > record.EligibleDaysPresent)
            {
                throw new ArgumentException(
                    $"{count} special-program days present exceed the record's {record.EligibleDaysPresent} eligible days present.", name);
            }
        }

        if (bilingualEslDaysPresent.HalfDays > 0 && bilingualEslFunding is null)
        {
            throw new ArgumentException(
                $"{bilingualEslDaysPresent} bilingual/ESL days present need the bilingual/ESL funding code (E1651: BE, D1 or D2) they were served under.",
                nameof(bilingualEslFunding));
        }

        Record = record;
        PregnancyRelatedServicesDaysPresent = pregnancyRelatedServicesDaysPresent;
        SpecialEducationMainstreamDaysPresent = specialEducationMainstreamDaysPresent;
        ResidentialFacilityDaysPresent = residentialFacilityDaysPresent;
        BilingualEslDaysPresent = bilingualEslDaysPresent;
        BilingualEslFunding = bilingualEslFunding;
    }

    /// <summary>The period record these days belong to.</summary>
    public BasicReportingPeriodAttendance Record { get; }

    /// <summary>TOTAL-ELIG-PREG-REL-SVCS-DAYS-PRESENT (E0939): eligible days present while receiving pregnancy-related services.</summary>
    public DayCount PregnancyRelatedServicesDaysPresent { get; }

    /// <summary>TOTAL-ELIG-SP-ED-MAINSTREAM-DAYS-PRESENT (E0940): eligible days present under an IEP with instructional setting 40.</summary>
    public DayCount SpecialEducationMainstreamDaysPresent { get; }

    /// <summary>TOTAL-ELIG-RESIDENTIAL-FACILITY-DAYS-PRESENT (E1652): eligible days present while living in a residential facility.</summary>
    public DayCount ResidentialFacilityDaysPresent { get; }

    /// <summary>TOTAL-ELIG-BILINGUAL/ESL-DAYS-PRESENT (E0938): eligible days present while served under <see cref="BilingualEslFunding"/>.</summary>
    public DayCount BilingualEslDaysPresent { get; }

    /// <summary>BILINGUAL-ESL-FUNDING-CODE (E1651) of <see cref="BilingualEslDaysPresent"/>; <see langword="null"/> when there are no such days.</summary>
    public BilingualEslFunding? BilingualEslFunding { get; }

    /// <summary>Whether any of the four counts is more than zero.</summary>
    public bool HasAnyDays =>
        PregnancyRelatedServicesDaysPresent.HalfDays + SpecialEducationMainstreamDaysPresent.HalfDays + ResidentialFacilityDaysPresent.HalfDays
        + BilingualEslDaysPresent.HalfDays > 0;
}
