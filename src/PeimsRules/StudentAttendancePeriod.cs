namespace PeimsRules;

/// <summary>
/// One TSDS 42400 Basic Reporting Period Attendance record (PEIMS record 400 before Ed-Fi): a student's
/// attendance at one campus, in one grade, on one instructional track, in one reporting period, with the
/// student's funding attributes.
/// </summary>
/// <remarks>
/// <para>
/// A change of campus, grade or track inside a period makes a separate record; several entries and withdrawals
/// in the same campus, grade, track and period fold into one record whose day totals are summed (Ed-Fi TX object
/// logic, seed 003). A change of ADA eligibility code inside a period also makes a separate record.
/// </para>
/// <para>
/// Validated on construction: the campus belongs to the district, days taught is more than zero, and the
/// student's membership in the record (days absent + eligible + ineligible days present, remote days included)
/// does not exceed the days taught. Business-rule problems that a record can carry and that an audit reports
/// (a funded day on an unfunded code, remote days outside the years that count them) are not refused here.
/// </para>
/// </remarks>
public sealed record StudentAttendancePeriod
{
    /// <summary>Creates a record, checking that it is consistent.</summary>
    /// <exception cref="ArgumentException">
    /// The campus is not in the district, days taught is zero, or the membership exceeds the days taught.
    /// </exception>
    public StudentAttendancePeriod(
        SchoolYear schoolYear,
        DistrictId districtId,
        CampusId campusId,
        StudentId studentId,
        GradeLevel gradeLevel,
        InstructionalTrack instructionalTrack,
        ReportingPeriod reportingPeriod,
        AdaEligibility adaEligibility,
        DayCount numberDaysTaught,
        DayCount eligibleDaysPresent,
        DayCount ineligibleDaysPresent,
        DayCount daysAbsent,
        EconomicDisadvantage economicDisadvantage,
        EmergentBilingual emergentBilingual,
        BilingualEslFunding? bilingualEslFunding = null,
        DayCount remoteSynchronousEligibleDaysPresent = default,
        DayCount remoteAsynchronousEligibleDaysPresent = default)
    {
        if (campusId.District != districtId)
        {
            throw new ArgumentException(
                $"{TeaElements.CampusId} {campusId} is not in {TeaElements.DistrictId} {districtId}: a campus id starts with its district's six digits.",
                nameof(campusId));
        }

        if (numberDaysTaught.HalfDays == 0)
        {
            throw new ArgumentException($"{TeaElements.NumberDaysTaught} must be more than zero.", nameof(numberDaysTaught));
        }

        var membership = daysAbsent + eligibleDaysPresent + ineligibleDaysPresent
            + remoteSynchronousEligibleDaysPresent + remoteAsynchronousEligibleDaysPresent;
        if (membership > numberDaysTaught)
        {
            throw new ArgumentException(
                $"days in membership {membership} (absent {daysAbsent} + eligible present {eligibleDaysPresent} + ineligible present {ineligibleDaysPresent}"
                + $" + remote {remoteSynchronousEligibleDaysPresent + remoteAsynchronousEligibleDaysPresent}) exceed {TeaElements.NumberDaysTaught} {numberDaysTaught}.",
                nameof(daysAbsent));
        }

        SchoolYear = schoolYear;
        DistrictId = districtId;
        CampusId = campusId;
        StudentId = studentId;
        GradeLevel = gradeLevel;
        InstructionalTrack = instructionalTrack;
        ReportingPeriod = reportingPeriod;
        AdaEligibility = adaEligibility;
        NumberDaysTaught = numberDaysTaught;
        EligibleDaysPresent = eligibleDaysPresent;
        IneligibleDaysPresent = ineligibleDaysPresent;
        DaysAbsent = daysAbsent;
        EconomicDisadvantage = economicDisadvantage;
        EmergentBilingual = emergentBilingual;
        BilingualEslFunding = bilingualEslFunding;
        RemoteSynchronousEligibleDaysPresent = remoteSynchronousEligibleDaysPresent;
        RemoteAsynchronousEligibleDaysPresent = remoteAsynchronousEligibleDaysPresent;
    }

    /// <summary>The school year (E0974), named by the year it ends in.</summary>
    public SchoolYear SchoolYear { get; }

    /// <summary>The district (E0212).</summary>
    public DistrictId DistrictId { get; }

    /// <summary>The campus (E0266).</summary>
    public CampusId CampusId { get; }

    /// <summary>The student (E1523 or a local id).</summary>
    public StudentId StudentId { get; }

    /// <summary>The grade level (E0017).</summary>
    public GradeLevel GradeLevel { get; }

    /// <summary>The instructional track (E0975).</summary>
    public InstructionalTrack InstructionalTrack { get; }

    /// <summary>The reporting period (E0934).</summary>
    public ReportingPeriod ReportingPeriod { get; }

    /// <summary>The ADA eligibility code (E0787) in force for the days of this record.</summary>
    public AdaEligibility AdaEligibility { get; }

    /// <summary>NUMBER-DAYS-TAUGHT (E0935): the instructional days of this campus and track in the period.</summary>
    public DayCount NumberDaysTaught { get; }

    /// <summary>TOTAL-ELIGIBLE-DAYS-PRESENT (E0937): the funded days present, on campus.</summary>
    public DayCount EligibleDaysPresent { get; }

    /// <summary>TOTAL-INELIGIBLE-DAYS-PRESENT (E0936).</summary>
    public DayCount IneligibleDaysPresent { get; }

    /// <summary>TOTAL-DAYS-ABSENT (E0036).</summary>
    public DayCount DaysAbsent { get; }

    /// <summary>RS-TOTAL-ELIGIBLE-DAYS-PRESENT (E1678): remote synchronous days, counted in 2020-21 and 2021-22 only.</summary>
    public DayCount RemoteSynchronousEligibleDaysPresent { get; }

    /// <summary>RA-TOTAL-ELIGIBLE-DAYS-PRESENT (E1679): remote asynchronous days, counted in 2020-21 and 2021-22 only.</summary>
    public DayCount RemoteAsynchronousEligibleDaysPresent { get; }

    /// <summary>The economic disadvantage code (E0785).</summary>
    public EconomicDisadvantage EconomicDisadvantage { get; }

    /// <summary>The emergent bilingual indicator (E0790).</summary>
    public EmergentBilingual EmergentBilingual { get; }

    /// <summary>The bilingual/ESL funding code (E1651), or <see langword="null"/> when the student has none.</summary>
    public BilingualEslFunding? BilingualEslFunding { get; }

    /// <summary>
    /// The days in membership as reported: days absent + eligible + ineligible days present + remote days.
    /// </summary>
    public DayCount DaysInMembership =>
        DaysAbsent + EligibleDaysPresent + IneligibleDaysPresent + RemoteSynchronousEligibleDaysPresent + RemoteAsynchronousEligibleDaysPresent;
}
