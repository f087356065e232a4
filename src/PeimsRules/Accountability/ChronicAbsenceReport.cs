namespace PeimsRules.Accountability;

/// <summary>A student's standing under a chronic-absence definition.</summary>
public enum ChronicAbsenceStatus
{
    /// <summary>Not considered: an exclusion of the definition applies (<see cref="ChronicAbsenceVerdict.Exclusions"/> says which).</summary>
    Excluded = 0,

    /// <summary>Considered, below the trending band.</summary>
    NotChronic = 1,

    /// <summary>Considered, in the trending band: not chronically absent yet, but at or above the band's lower edge.</summary>
    Trending = 2,

    /// <summary>Considered and chronically absent.</summary>
    Chronic = 3,
}

/// <summary>An exclusion a definition applied to a student or to some of the student's spans.</summary>
public enum ChronicAbsenceExclusion
{
    /// <summary>A span's grade is outside the definition's grades; the span is left out.</summary>
    GradeNotIncluded = 0,

    /// <summary>A span's calendar has too few attendance days (FS195: 10 or fewer); the span is left out.</summary>
    ShortCalendar = 1,

    /// <summary>A span's enrollment is marked no show; the span is left out.</summary>
    NoShowEnrollment = 2,

    /// <summary>A span's enrollment starts and ends on the same day; the span is left out.</summary>
    SameDayEnrollment = 3,

    /// <summary>No days enrolled remain: the student is not considered.</summary>
    NoDaysEnrolled = 4,

    /// <summary>Fewer days enrolled than the definition's minimum: the student is not considered.</summary>
    BelowMinimumDaysEnrolled = 5,

    /// <summary>Days in membership below the definition's share of the days taught (TEA: 83%): the student is not considered.</summary>
    BelowMinimumMembership = 6,

    /// <summary>The definition measures minutes and the spans carry none (period records): the student is not considered.</summary>
    NoMinuteData = 7,
}

/// <summary>
/// The verdict on one student under one definition, for one attribution unit (a school, a district, or the student
/// across schools): the summed days, the percentage, the verdict and why.
/// </summary>
public sealed record ChronicAbsenceVerdict
{
    internal ChronicAbsenceVerdict(
        StudentId student,
        CampusId? campus,
        DistrictId? district,
        IReadOnlyList<CampusId> campuses,
        GradeLevel grade,
        int spans,
        DayCount daysEnrolled,
        DayCount daysAbsent,
        long? scheduledMinutes,
        long? absentMinutes,
        Ratio? measured,
        Ratio? percentOfDaysAbsent,
        ChronicAbsenceStatus status,
        IReadOnlyList<ChronicAbsenceExclusion> exclusions,
        string reason)
    {
        Student = student;
        Campus = campus;
        District = district;
        Campuses = campuses;
        Grade = grade;
        Spans = spans;
        DaysEnrolled = daysEnrolled;
        DaysAbsent = daysAbsent;
        ScheduledMinutes = scheduledMinutes;
        AbsentMinutes = absentMinutes;
        Measured = measured;
        PercentOfDaysAbsent = percentOfDaysAbsent;
        Status = status;
        Exclusions = exclusions;
        Reason = reason;
    }

    /// <summary>The student.</summary>
    public StudentId Student { get; }

    /// <summary>The school of the verdict under per-school attribution; <see langword="null"/> otherwise.</summary>
    public CampusId? Campus { get; }

    /// <summary>The district of the verdict under per-school or per-district attribution; <see langword="null"/> when following the student.</summary>
    public DistrictId? District { get; }

    /// <summary>Every campus whose spans were summed into the verdict (where it is counted in the campus rates), in id order.</summary>
    public IReadOnlyList<CampusId> Campuses { get; }

    /// <summary>The highest grade among the spans counted (among all spans when none counted).</summary>
    public GradeLevel Grade { get; }

    /// <summary>How many spans (period records or enrollments) were summed.</summary>
    public int Spans { get; }

    /// <summary>The days enrolled, summed over the spans counted (over all the spans when every one was left out).</summary>
    public DayCount DaysEnrolled { get; }

    /// <summary>The days absent, summed over the spans counted (over all the spans when every one was left out).</summary>
    public DayCount DaysAbsent { get; }

    /// <summary>The scheduled minutes, summed as the days are, when every span summed carries minutes.</summary>
    public long? ScheduledMinutes { get; }

    /// <summary>The absent minutes, summed as the days are, when every span summed carries minutes.</summary>
    public long? AbsentMinutes { get; }

    /// <summary>The measured value compared with the threshold (a percentage, or days absent), exactly; <see langword="null"/> when not measured.</summary>
    public Ratio? Measured { get; }

    /// <summary>Days absent ÷ days enrolled × 100, exactly; <see langword="null"/> with no days enrolled.</summary>
    public Ratio? PercentOfDaysAbsent { get; }

    /// <summary>The verdict.</summary>
    public ChronicAbsenceStatus Status { get; }

    /// <summary>Whether the student was considered (not excluded).</summary>
    public bool IsConsidered => Status != ChronicAbsenceStatus.Excluded;

    /// <summary>Whether the student is chronically absent.</summary>
    public bool IsChronicallyAbsent => Status == ChronicAbsenceStatus.Chronic;

    /// <summary>The exclusions that applied, to the student or to some of the student's spans, each once.</summary>
    public IReadOnlyList<ChronicAbsenceExclusion> Exclusions { get; }

    /// <summary>Why, in a sentence: the rule, the numbers, the comparison, the exclusions.</summary>
    public string Reason { get; }
}

/// <summary>Whether a rate is a campus's or a district's.</summary>
public enum RateLevel
{
    /// <summary>A campus.</summary>
    Campus = 0,

    /// <summary>A district.</summary>
    District = 1,
}

/// <summary>
/// The chronic-absence rate of one campus or district: chronically absent students ÷ students considered, with the
/// counts. Each student is counted once per campus and once per district, whatever the attribution: a student with
/// several verdicts there counts with the most serious (chronic, then trending, then not chronic, then excluded).
/// </summary>
public sealed record ChronicAbsenceRate
{
    internal ChronicAbsenceRate(RateLevel level, DistrictId district, CampusId? campus, int considered, int excluded, int chronic, int trending)
    {
        Level = level;
        District = district;
        Campus = campus;
        Considered = considered;
        Excluded = excluded;
        Chronic = chronic;
        Trending = trending;
    }

    /// <summary>Campus or district.</summary>
    public RateLevel Level { get; }

    /// <summary>The district (the campus's district for a campus rate).</summary>
    public DistrictId District { get; }

    /// <summary>The campus, for a campus rate.</summary>
    public CampusId? Campus { get; }

    /// <summary>Students considered (the denominator).</summary>
    public int Considered { get; }

    /// <summary>Students excluded by the definition (not in the denominator).</summary>
    public int Excluded { get; }

    /// <summary>Students chronically absent (the numerator).</summary>
    public int Chronic { get; }

    /// <summary>Students in the trending band.</summary>
    public int Trending { get; }

    /// <summary>Chronic ÷ considered × 100, exactly; <see langword="null"/> when no student is considered.</summary>
    public Ratio? Percent => Considered == 0 ? null : Ratio.Of(Chronic * 100L, Considered);

    /// <summary>Trending ÷ considered × 100, exactly; <see langword="null"/> when no student is considered.</summary>
    public Ratio? TrendingPercent => Considered == 0 ? null : Ratio.Of(Trending * 100L, Considered);
}

/// <summary>The result of applying one definition: a verdict per student and attribution unit, and the rates.</summary>
public sealed class ChronicAbsenceReport
{
    internal ChronicAbsenceReport(ChronicAbsenceDefinition definition, List<ChronicAbsenceVerdict> verdicts, List<ChronicAbsenceRate> campuses, List<ChronicAbsenceRate> districts)
    {
        Definition = definition;
        Verdicts = verdicts.AsReadOnly();
        Campuses = campuses.AsReadOnly();
        Districts = districts.AsReadOnly();
    }

    /// <summary>The definition applied, with its parameters.</summary>
    public ChronicAbsenceDefinition Definition { get; }

    /// <summary>Every verdict, by student then campus or district.</summary>
    public IReadOnlyList<ChronicAbsenceVerdict> Verdicts { get; }

    /// <summary>The rate of every campus, in id order.</summary>
    public IReadOnlyList<ChronicAbsenceRate> Campuses { get; }

    /// <summary>The rate of every district, in id order.</summary>
    public IReadOnlyList<ChronicAbsenceRate> Districts { get; }
}
