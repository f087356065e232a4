using System.Text;
using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// One day of a student's reporting period as the builder saw it: whether it counted, what it added to which record,
/// or the named reason it was left out, with the mark that decided it.
/// </summary>
/// <remarks>Returned by <see cref="PeriodAttendanceBuild.Explain"/>; the explanation is a trace of the same computation that built the records.</remarks>
public sealed record DayExplanation
{
    internal DayExplanation(
        LocalDate date,
        ReportingPeriod period,
        SchoolCalendar calendar,
        InstructionalTrack? track,
        StudentEnrollment? enrollment,
        AdaEligibility? code,
        DayExclusionReason? leftOutBecause,
        DailyAttendanceMark? snapshotMark,
        bool? isPresent,
        DayCount eligibleDaysPresent,
        DayCount ineligibleDaysPresent,
        DayCount daysAbsent,
        DayCount pregnancyRelatedServicesDaysPresent,
        DayCount specialEducationMainstreamDaysPresent,
        DayCount residentialFacilityDaysPresent,
        DayCount bilingualEslDaysPresent,
        string detail)
    {
        Date = date;
        Period = period;
        Campus = calendar.Campus;
        CalendarCode = calendar.CalendarCode;
        Track = track;
        GradeLevel = enrollment?.GradeLevel;
        AdaEligibility = code;
        LeftOutBecause = leftOutBecause;
        SnapshotMark = snapshotMark;
        IsPresent = isPresent;
        EligibleDaysPresent = eligibleDaysPresent;
        IneligibleDaysPresent = ineligibleDaysPresent;
        DaysAbsent = daysAbsent;
        PregnancyRelatedServicesDaysPresent = pregnancyRelatedServicesDaysPresent;
        SpecialEducationMainstreamDaysPresent = specialEducationMainstreamDaysPresent;
        ResidentialFacilityDaysPresent = residentialFacilityDaysPresent;
        BilingualEslDaysPresent = bilingualEslDaysPresent;
        BilingualEslFunding = bilingualEslDaysPresent.HalfDays > 0 ? enrollment?.BilingualEslFunding : null;
        Detail = detail;
    }

    /// <summary>The day.</summary>
    public LocalDate Date { get; }

    /// <summary>The reporting period the day belongs to.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The campus.</summary>
    public CampusId Campus { get; }

    /// <summary>The calendar's local name.</summary>
    public string CalendarCode { get; }

    /// <summary>The instructional track (E0975) the calendar is reported as, when it is reported.</summary>
    public InstructionalTrack? Track { get; }

    /// <summary>The grade of the enrollment that covers the day, if one does.</summary>
    public GradeLevel? GradeLevel { get; }

    /// <summary>The ADA eligibility code in force that day, if the student is enrolled.</summary>
    public AdaEligibility? AdaEligibility { get; }

    /// <summary>Why the day was left out, or <see langword="null"/> when it counted.</summary>
    public DayExclusionReason? LeftOutBecause { get; }

    /// <summary>Whether the day counted toward a record.</summary>
    public bool IsCounted => LeftOutBecause is null;

    /// <summary>The mark that held the snapshot time, if one did.</summary>
    public DailyAttendanceMark? SnapshotMark { get; }

    /// <summary>For a counted day, whether the student counted present (<see langword="false"/>: absent).</summary>
    public bool? IsPresent { get; }

    /// <summary>What the day added to E0937 (eligible days present).</summary>
    public DayCount EligibleDaysPresent { get; }

    /// <summary>What the day added to E0936 (ineligible days present).</summary>
    public DayCount IneligibleDaysPresent { get; }

    /// <summary>What the day added to E0036 (days absent).</summary>
    public DayCount DaysAbsent { get; }

    /// <summary>What the day added to E0939 (pregnancy-related services days present).</summary>
    public DayCount PregnancyRelatedServicesDaysPresent { get; }

    /// <summary>What the day added to E0940 (special-education mainstream days present).</summary>
    public DayCount SpecialEducationMainstreamDaysPresent { get; }

    /// <summary>What the day added to E1652 (residential facility days present).</summary>
    public DayCount ResidentialFacilityDaysPresent { get; }

    /// <summary>What the day added to E0938 (bilingual/ESL days present), under <see cref="BilingualEslFunding"/>.</summary>
    public DayCount BilingualEslDaysPresent { get; }

    /// <summary>The funding code (E1651) the day's bilingual/ESL days are filed under; <see langword="null"/> when it added none.</summary>
    public BilingualEslFunding? BilingualEslFunding { get; }

    /// <summary>The reason, in words, with the rule it applies.</summary>
    public string Detail { get; }

    /// <summary>
    /// One line an auditor can read: <c>2024-08-20 Tue  campus 101912001 REG track 00 grade 03 code 1  counted: present ... +1.0 eligible</c>.
    /// </summary>
    public override string ToString()
    {
        var line = new StringBuilder();
        line.Append(DailyText.Date(Date)).Append(' ').Append(Date.DayOfWeek.ToString()[..3]);
        line.Append("  campus ").Append(Campus.Code).Append(' ').Append(CalendarCode);
        if (Track is { } t)
        {
            line.Append(" track ").Append(t.Code);
        }

        if (GradeLevel is { } g)
        {
            line.Append(" grade ").Append(g.Code);
        }

        if (AdaEligibility is { } c)
        {
            line.Append(" code ").Append(c.ToString());
        }

        line.Append("  ");
        if (LeftOutBecause is { } reason)
        {
            line.Append("left out (").Append(reason.ToString()).Append("): ").Append(Detail);
            return line.ToString();
        }

        line.Append("counted: ").Append(Detail);
        Add(line, EligibleDaysPresent, "eligible present");
        Add(line, IneligibleDaysPresent, "ineligible present");
        Add(line, DaysAbsent, "absent");
        Add(line, PregnancyRelatedServicesDaysPresent, "PRS");
        Add(line, SpecialEducationMainstreamDaysPresent, "sp-ed mainstream");
        Add(line, ResidentialFacilityDaysPresent, "residential facility");
        Add(line, BilingualEslDaysPresent, $"bilingual/ESL {BilingualEslFunding}");
        return line.ToString();

        static void Add(StringBuilder line, DayCount count, string what)
        {
            if (count.HalfDays > 0)
            {
                line.Append("; +").Append(count.ToString()).Append(' ').Append(what);
            }
        }
    }
}
