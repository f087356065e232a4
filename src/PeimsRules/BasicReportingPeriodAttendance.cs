namespace PeimsRules;

/// <summary>
/// One TSDS 42400 Basic Reporting Period Attendance record (PEIMS record 400 before Ed-Fi;
/// <c>tx.basicReportingPeriodAttendances</c> in the Ed-Fi era): a student's days taught, present and absent at one
/// campus, in one grade, on one instructional track, in one reporting period.
/// </summary>
/// <remarks>
/// <para>
/// <b>Identity.</b> The record is identified by its <see cref="Key"/>: student, campus, track, reporting period and grade
/// (TEA business rule 42400-000A: the key is unique, one record per key). A change of campus, grade or track inside a
/// period makes a separate record; several entries and withdrawals in the same campus, grade, track and period fold
/// into one record whose day totals are summed. A change of ADA eligibility code inside a period does <i>not</i> make a
/// second record: its effect is already in the split between eligible (E0937) and ineligible (E0936) days
/// (TEA data standards, 42400; Ed-Fi Texas reporting-period attendance object logic).
/// </para>
/// <para>
/// <b>Joined, not part of the record.</b> The student's funding attributes (<see cref="FundingAttributes"/>: E0785,
/// E0790, E1651) and the enrollment's ADA eligibility code (<see cref="AdaEligibility"/>, E0787) are joined to the record
/// by student and enrollment. The code is optional (many files do not carry it) and only the integrity audit reads it,
/// to find days that contradict it; no calculator does: ADA counts E0937 as reported.
/// </para>
/// <para>
/// Validated on construction: days taught is more than zero, and the student's membership in the record (days absent +
/// eligible + ineligible days present, remote days included) does not exceed the days taught. Business-rule problems
/// that a record can carry and that an audit reports (a funded day on an unfunded code, remote days outside the years
/// that count them) are not refused here.
/// </para>
/// </remarks>
public sealed record BasicReportingPeriodAttendance
{
    /// <summary>Creates a record, checking that it is consistent.</summary>
    /// <param name="schoolYear">The school year (E0974).</param>
    /// <param name="key">The record's key (42400-000A).</param>
    /// <param name="numberDaysTaught">E0935.</param>
    /// <param name="eligibleDaysPresent">E0937.</param>
    /// <param name="ineligibleDaysPresent">E0936.</param>
    /// <param name="daysAbsent">E0036.</param>
    /// <param name="fundingAttributes">The student's E0785, E0790 and E1651, joined by student.</param>
    /// <param name="remoteSynchronousEligibleDaysPresent">E1678 (2020-21 and 2021-22).</param>
    /// <param name="remoteAsynchronousEligibleDaysPresent">E1679 (2020-21 and 2021-22).</param>
    /// <param name="adaEligibility">The enrollment's ADA eligibility code (E0787), when known; for the audit only.</param>
    /// <exception cref="ArgumentException">Days taught is zero, or the membership exceeds the days taught.</exception>
    public BasicReportingPeriodAttendance(
        SchoolYear schoolYear,
        ReportingPeriodAttendanceKey key,
        DayCount numberDaysTaught,
        DayCount eligibleDaysPresent,
        DayCount ineligibleDaysPresent,
        DayCount daysAbsent,
        StudentFundingAttributes fundingAttributes,
        DayCount remoteSynchronousEligibleDaysPresent = default,
        DayCount remoteAsynchronousEligibleDaysPresent = default,
        AdaEligibility? adaEligibility = null)
    {
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
        Key = key;
        NumberDaysTaught = numberDaysTaught;
        EligibleDaysPresent = eligibleDaysPresent;
        IneligibleDaysPresent = ineligibleDaysPresent;
        DaysAbsent = daysAbsent;
        FundingAttributes = fundingAttributes;
        RemoteSynchronousEligibleDaysPresent = remoteSynchronousEligibleDaysPresent;
        RemoteAsynchronousEligibleDaysPresent = remoteAsynchronousEligibleDaysPresent;
        AdaEligibility = adaEligibility;
    }

    /// <summary>The school year (E0974), named by the year it ends in.</summary>
    public SchoolYear SchoolYear { get; }

    /// <summary>The record's key: student, campus, grade, track and reporting period (42400-000A).</summary>
    public ReportingPeriodAttendanceKey Key { get; }

    /// <summary>The district (E0212): the first six digits of the key's campus.</summary>
    public DistrictId DistrictId => Key.Campus.District;

    /// <summary>The key's campus (E0266 / E0782 campus of enrollment).</summary>
    public CampusId CampusId => Key.Campus;

    /// <summary>The key's student (E1523 or a local id).</summary>
    public StudentId StudentId => Key.Student;

    /// <summary>The key's grade level (E0017).</summary>
    public GradeLevel GradeLevel => Key.GradeLevel;

    /// <summary>The key's instructional track (E0975; the calendar code in Ed-Fi).</summary>
    public InstructionalTrack InstructionalTrack => Key.InstructionalTrack;

    /// <summary>The key's reporting period (E0934).</summary>
    public ReportingPeriod ReportingPeriod => Key.ReportingPeriod;

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

    /// <summary>The student's funding attributes (E0785, E0790, E1651), joined to the record by student.</summary>
    public StudentFundingAttributes FundingAttributes { get; }

    /// <summary>The economic disadvantage code (E0785) of <see cref="FundingAttributes"/>.</summary>
    public EconomicDisadvantage EconomicDisadvantage => FundingAttributes.EconomicDisadvantage;

    /// <summary>The emergent bilingual indicator (E0790) of <see cref="FundingAttributes"/>.</summary>
    public EmergentBilingual EmergentBilingual => FundingAttributes.EmergentBilingual;

    /// <summary>The bilingual/ESL funding code (E1651) of <see cref="FundingAttributes"/>, or <see langword="null"/>.</summary>
    public BilingualEslFunding? BilingualEslFunding => FundingAttributes.BilingualEslFunding;

    /// <summary>
    /// The enrollment's ADA eligibility code (E0787) joined to the record, or <see langword="null"/> when the file does
    /// not carry it. Read by the integrity audit only; no calculator uses it.
    /// </summary>
    public AdaEligibility? AdaEligibility { get; }

    /// <summary>
    /// The student's date of birth (E0006), joined by student, or <see langword="null"/> when the file does not carry
    /// it. Read only by the FSP-eligible pre-K half-day row of 2025-26 (<see cref="Attendance.PreKindergartenHalfDayAda"/>),
    /// which cannot be computed without it.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public NodaTime.LocalDate? BirthDate { get; init; }

    /// <summary>
    /// The days in membership as reported: days absent + eligible + ineligible days present + remote days.
    /// </summary>
    public DayCount DaysInMembership =>
        DaysAbsent + EligibleDaysPresent + IneligibleDaysPresent + RemoteSynchronousEligibleDaysPresent + RemoteAsynchronousEligibleDaysPresent;
}
