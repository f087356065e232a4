using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// A change of a student's ADA eligibility code (E0787) inside an enrollment: the code in force from
/// <see cref="EffectiveDate"/> until the next change or the end of the enrollment.
/// </summary>
/// <param name="EffectiveDate">The first day the code is in force.</param>
/// <param name="Code">The code in force from that day.</param>
public readonly record struct AdaEligibilityChange(LocalDate EffectiveDate, AdaEligibility Code);

/// <summary>
/// One enrollment of a student at a campus (a Student School Association in Ed-Fi): the calendar the student
/// follows, the grade, the entry and withdrawal dates, the ADA eligibility codes in force, the no-show and
/// state-exclude flags, and the funding attributes copied onto the student's period records.
/// </summary>
/// <remarks>
/// <para>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: attendance is reported for each school the student has an enrollment in, only while an ADA
/// eligibility other than 0 is in force; a change of school or grade within a reporting period makes a record for each;
/// several entries and withdrawals in the same grade, school and track in one period make one record whose days are
/// summed; nothing is sent from an enrollment marked state exclude or no show.
/// </para>
/// <para>
/// The withdrawal date is, by default, the first day the student is no longer in membership, as Texas student
/// information systems record it (a transfer within the district enters the new campus on the withdrawal date from
/// the old one); <see cref="DailyBuildOptions.WithdrawalDate"/> selects the other reading. A code change inside an
/// enrollment is an <see cref="AdaEligibilityChange"/>; many systems record it instead as a withdrawal and a re-entry
/// on the same day (a status change), which builds the same records.
/// </para>
/// </remarks>
public sealed class StudentEnrollment
{
    private readonly AdaEligibilityChange[] _codes;

    /// <summary>Creates an enrollment, checking that it is consistent.</summary>
    /// <param name="student">The student (E1523 or a local id).</param>
    /// <param name="campus">The campus of enrollment (E0266).</param>
    /// <param name="calendarCode">The local name of the campus calendar the student follows (<see cref="SchoolCalendar.CalendarCode"/>).</param>
    /// <param name="gradeLevel">The grade level (E0017) of the enrollment.</param>
    /// <param name="entryDate">The first day of the enrollment.</param>
    /// <param name="withdrawalDate">The withdrawal date, or <see langword="null"/> while the student is enrolled.</param>
    /// <param name="adaEligibility">The ADA eligibility code (E0787) in force from the entry date.</param>
    /// <param name="adaEligibilityChanges">Later changes of the code inside the enrollment, each after the entry date and on a different day.</param>
    /// <param name="isNoShow">Whether the enrollment is marked no show: nothing is reported from it.</param>
    /// <param name="isStateExcluded">Whether the enrollment is marked state exclude: nothing is reported from it.</param>
    /// <param name="economicDisadvantage">The economic disadvantage code (E0785) for the records; defaults to 00.</param>
    /// <param name="emergentBilingual">The emergent bilingual indicator (E0790) for the records; defaults to 0.</param>
    /// <param name="bilingualEslFunding">The bilingual/ESL funding code (E1651) for the records, if any.</param>
    /// <exception cref="ArgumentException">The withdrawal date is before the entry date, or a code change is not after the entry date or repeats a day.</exception>
    public StudentEnrollment(
        StudentId student,
        CampusId campus,
        string calendarCode,
        GradeLevel gradeLevel,
        LocalDate entryDate,
        LocalDate? withdrawalDate,
        AdaEligibility adaEligibility,
        IEnumerable<AdaEligibilityChange>? adaEligibilityChanges = null,
        bool isNoShow = false,
        bool isStateExcluded = false,
        EconomicDisadvantage economicDisadvantage = default,
        EmergentBilingual emergentBilingual = default,
        BilingualEslFunding? bilingualEslFunding = null)
    {
        ArgumentNullException.ThrowIfNull(calendarCode);
        if (entryDate.Calendar != CalendarSystem.Iso || (withdrawalDate is { } w0 && w0.Calendar != CalendarSystem.Iso))
        {
            throw new ArgumentException("Enrollment dates are ISO (Gregorian) dates.", nameof(entryDate));
        }

        if (withdrawalDate is { } w && w < entryDate)
        {
            throw new ArgumentException(
                $"Student {student} at campus {campus}: the withdrawal date {DailyText.Date(w)} is before the entry date {DailyText.Date(entryDate)}.",
                nameof(withdrawalDate));
        }

        var changes = (adaEligibilityChanges ?? []).OrderBy(c => c.EffectiveDate).ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].EffectiveDate <= entryDate || (i > 0 && changes[i].EffectiveDate == changes[i - 1].EffectiveDate))
            {
                throw new ArgumentException(
                    $"Student {student} at campus {campus}: an ADA eligibility change on {DailyText.Date(changes[i].EffectiveDate)} must come after the entry date {DailyText.Date(entryDate)}, one change a day.",
                    nameof(adaEligibilityChanges));
            }
        }

        Student = student;
        Campus = campus;
        CalendarCode = calendarCode.Trim();
        GradeLevel = gradeLevel;
        EntryDate = entryDate;
        WithdrawalDate = withdrawalDate;
        IsNoShow = isNoShow;
        IsStateExcluded = isStateExcluded;
        EconomicDisadvantage = economicDisadvantage;
        EmergentBilingual = emergentBilingual;
        BilingualEslFunding = bilingualEslFunding;
        _codes = [new AdaEligibilityChange(entryDate, adaEligibility), .. changes];
    }

    /// <summary>The student (E1523 or a local id).</summary>
    public StudentId Student { get; }

    /// <summary>The campus of enrollment (E0266).</summary>
    public CampusId Campus { get; }

    /// <summary>The local name of the campus calendar the student follows.</summary>
    public string CalendarCode { get; }

    /// <summary>The grade level (E0017).</summary>
    public GradeLevel GradeLevel { get; }

    /// <summary>The first day of the enrollment.</summary>
    public LocalDate EntryDate { get; }

    /// <summary>The withdrawal date, or <see langword="null"/> while the student is enrolled (its meaning: <see cref="DailyBuildOptions.WithdrawalDate"/>).</summary>
    public LocalDate? WithdrawalDate { get; }

    /// <summary>The ADA eligibility codes (E0787) in force, each from its effective date; the first is in force from the entry date.</summary>
    public IReadOnlyList<AdaEligibilityChange> AdaEligibility => Array.AsReadOnly(_codes);

    /// <summary>Whether the enrollment is marked no show (Ed-Fi Texas v4.0 reporting-period attendance object logic: no record is sent).</summary>
    public bool IsNoShow { get; }

    /// <summary>Whether the enrollment is marked state exclude (Ed-Fi Texas v4.0 reporting-period attendance object logic: no record is sent).</summary>
    public bool IsStateExcluded { get; }

    /// <summary>The economic disadvantage code (E0785) copied onto the records.</summary>
    public EconomicDisadvantage EconomicDisadvantage { get; }

    /// <summary>The emergent bilingual indicator (E0790) copied onto the records.</summary>
    public EmergentBilingual EmergentBilingual { get; }

    /// <summary>The bilingual/ESL funding code (E1651) copied onto the records, or <see langword="null"/>.</summary>
    public BilingualEslFunding? BilingualEslFunding { get; }

    /// <summary>The ADA eligibility code in force on <paramref name="date"/> (the entry code before the entry date).</summary>
    public AdaEligibility AdaEligibilityOn(LocalDate date)
    {
        var code = _codes[0].Code;
        for (var i = 1; i < _codes.Length && _codes[i].EffectiveDate <= date; i++)
        {
            code = _codes[i].Code;
        }

        return code;
    }

    /// <summary>
    /// The first day after the enrollment (exclusive end), under <paramref name="meaning"/>; <see langword="null"/> while
    /// the student is enrolled.
    /// </summary>
    public LocalDate? EndExclusive(WithdrawalDateMeaning meaning) => WithdrawalDate is not { } w
        ? null
        : meaning == WithdrawalDateMeaning.LastDayEnrolled ? w.PlusDays(1) : w;

    /// <summary>Whether the student is enrolled on <paramref name="date"/> under <paramref name="meaning"/>.</summary>
    public bool IsEnrolledOn(LocalDate date, WithdrawalDateMeaning meaning) =>
        date >= EntryDate && (EndExclusive(meaning) is not { } end || date < end);

    /// <summary>The enrollment as people name it: <c>student 1234567890 at campus 101912001 (REG, grade 03) from 2024-08-19</c>.</summary>
    public override string ToString() =>
        $"student {Student} at campus {Campus} ({CalendarCode}, grade {GradeLevel}) from {DailyText.Date(EntryDate)}"
        + (WithdrawalDate is { } w ? $", withdrawn {DailyText.Date(w)}" : string.Empty)
        + (Source is { } s ? $" ({s})" : string.Empty);

    /// <summary>Where the enrollment was read from, when a reader says so; named in messages about it.</summary>
    public SourceLocation? Source { get; init; }
}
