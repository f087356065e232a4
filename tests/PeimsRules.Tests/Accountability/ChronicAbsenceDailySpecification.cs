using NodaTime;
using PeimsRules.Accountability;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// Chronic absenteeism from daily marks, where a day absent is decided by minutes (EDFacts FS195 as a student information system implements it: more than half of the
/// scheduled minutes missed). The school day below is 400 minutes, 08:00 to 14:40, so half a day is 200 minutes.
/// Campus 101912001, calendar REG of consecutive days from Monday 2024-08-19, school year 2024-25.
/// </summary>
public class ChronicAbsenceDailySpecification
{
    private static readonly CampusId Campus = CampusId.Parse("101912001");
    private static readonly LocalDate First = new(2024, 8, 19);

    private static SchoolCalendar Calendar(int days, string code = "REG") =>
        new(
            new SchoolYear(2025),
            Campus,
            code,
            0,
            new LocalTime(9, 30),
            Enumerable.Range(0, days).Select(i => First.PlusDays(i)),
            [new CalendarReportingPeriod(new ReportingPeriod(1), First, First.PlusDays(days - 1))]);

    private static StudentEnrollment Enroll(string student, int fromDay, int? toDay = null, bool noShow = false, string calendar = "REG") =>
        new(StudentId.Parse(student), Campus, calendar, GradeLevel.Grade(4), First.PlusDays(fromDay), toDay is { } t ? First.PlusDays(t) : null, AdaEligibility.FullDay, isNoShow: noShow);

    /// <summary>One day's marks: <paramref name="missed"/> minutes from 08:00 with <paramref name="status"/>, the rest of the 400 present.</summary>
    private static IEnumerable<DailyAttendanceMark> Day(string student, int day, int missed, AttendanceMarkStatus status = AttendanceMarkStatus.Absent)
    {
        var date = First.PlusDays(day);
        var start = new LocalTime(8, 0);
        var split = start.PlusMinutes(missed);
        var end = start.PlusMinutes(400);
        if (missed > 0)
        {
            yield return new DailyAttendanceMark(StudentId.Parse(student), Campus, date, start, split, status, "1");
        }

        if (missed < 400)
        {
            yield return new DailyAttendanceMark(StudentId.Parse(student), Campus, date, split, end, AttendanceMarkStatus.Present, "2");
        }
    }

    /// <summary>Twenty days of marks for <paramref name="student"/>: day 0 misses <paramref name="missedOnDay0"/> and day 1 too, the rest present.</summary>
    private static IEnumerable<DailyAttendanceMark> TwentyDays(string student, int missedOnDay0) =>
        Enumerable.Range(0, 20).SelectMany(d => Day(student, d, d < 2 ? missedOnDay0 : 0));

    private static ChronicAbsenceVerdict Verdict(ChronicAbsenceDefinition definition, IEnumerable<SchoolCalendar> calendars, IEnumerable<StudentEnrollment> enrollments, IEnumerable<DailyAttendanceMark> marks)
    {
        var input = ChronicAbsenceInput.FromDaily(definition, calendars, enrollments, marks);
        return Assert.Single(ChronicAbsence.Evaluate(definition, input.Spans).Verdicts);
    }

    [Fact]
    public void Missing_201_of_400_minutes_just_over_half_is_a_day_absent_2_of_20_days_is_10_percent_chronic()
    {
        var verdict = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], TwentyDays("S1", 201));

        Assert.Equal(DayCount.FromDays(2), verdict.DaysAbsent);
        Assert.Equal(DayCount.FromDays(20), verdict.DaysEnrolled);
        Assert.Equal(ChronicAbsenceStatus.Chronic, verdict.Status);
    }

    [Fact]
    public void Missing_199_of_400_minutes_just_under_half_is_not_a_day_absent_0_of_20_days()
    {
        var verdict = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], TwentyDays("S1", 199));

        Assert.Equal(DayCount.Zero, verdict.DaysAbsent);
        Assert.Equal(ChronicAbsenceStatus.NotChronic, verdict.Status);
    }

    [Fact]
    public void Missing_exactly_200_of_400_minutes_is_not_absent_federally_more_than_half_but_is_for_CRDC_at_least_half()
    {
        Assert.False(ChronicAbsenceInput.IsDayAbsent(200, 400, AbsentDayRule.MoreThanHalfOfScheduledMinutes));
        Assert.True(ChronicAbsenceInput.IsDayAbsent(200, 400, AbsentDayRule.AtLeastHalfOfScheduledMinutes));
        Assert.True(ChronicAbsenceInput.IsDayAbsent(201, 400, AbsentDayRule.MoreThanHalfOfScheduledMinutes));
        Assert.False(ChronicAbsenceInput.IsDayAbsent(0, 0, AbsentDayRule.AtLeastHalfOfScheduledMinutes));

        var federal = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], TwentyDays("S1", 200));
        var crdc = Verdict(ChronicAbsenceDefinition.Crdc, [Calendar(20)], [Enroll("S1", 0)], TwentyDays("S1", 200));

        Assert.Equal(DayCount.Zero, federal.DaysAbsent);
        Assert.Equal(DayCount.FromDays(2), crdc.DaysAbsent);
    }

    [Fact]
    public void A_school_related_activity_marked_present_for_funding_for_the_whole_day_is_not_an_absence()
    {
        var marks = Enumerable.Range(0, 20).SelectMany(d => Day("S1", d, d < 5 ? 400 : 0, AttendanceMarkStatus.PresentForFunding));

        var verdict = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], marks);

        Assert.Equal(DayCount.Zero, verdict.DaysAbsent);
        Assert.Equal(0L, verdict.AbsentMinutes);
    }

    [Fact]
    public void Two_enrollments_in_one_school_8_days_with_1_absent_and_12_days_with_1_absent_are_summed_to_2_of_20_chronic()
    {
        var enrollments = new[] { Enroll("S1", 0, 8), Enroll("S1", 10, 22) };
        var marks = Enumerable.Range(0, 22).Where(d => d is < 8 or >= 10).SelectMany(d => Day("S1", d, d is 0 or 10 ? 400 : 0));

        var verdict = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(30)], enrollments, marks);

        Assert.Equal(2, verdict.Spans);
        Assert.Equal(DayCount.FromDays(20), verdict.DaysEnrolled);
        Assert.Equal(ChronicAbsenceStatus.Chronic, verdict.Status);
    }

    [Fact]
    public void A_calendar_of_10_attendance_days_is_left_out_federally_and_one_of_11_is_kept()
    {
        var ten = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(10)], [Enroll("S1", 0)], Enumerable.Range(0, 10).SelectMany(d => Day("S1", d, d < 3 ? 400 : 0)));
        var eleven = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(11)], [Enroll("S1", 0)], Enumerable.Range(0, 11).SelectMany(d => Day("S1", d, d < 3 ? 400 : 0)));

        Assert.Equal(ChronicAbsenceStatus.Excluded, ten.Status);
        Assert.Contains(ChronicAbsenceExclusion.ShortCalendar, ten.Exclusions);
        Assert.Equal(ChronicAbsenceStatus.Chronic, eleven.Status);
    }

    [Fact]
    public void A_same_day_enrollment_and_a_no_show_are_left_out_federally()
    {
        var enrollments = new[] { Enroll("S1", 0, 0), Enroll("S1", 1, 3, noShow: true), Enroll("S1", 5) };
        var marks = Enumerable.Range(5, 20).SelectMany(d => Day("S1", d, 0));

        var verdict = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(25)], enrollments, marks);

        Assert.Equal([ChronicAbsenceExclusion.NoShowEnrollment, ChronicAbsenceExclusion.SameDayEnrollment], verdict.Exclusions);
        Assert.Equal(DayCount.FromDays(20), verdict.DaysEnrolled);
    }

    [Fact]
    public void A_day_with_no_marks_is_not_a_scheduled_day_unless_absences_only_are_recorded()
    {
        var marks = Enumerable.Range(0, 15).SelectMany(d => Day("S1", d, d == 0 ? 400 : 0));

        var scheduled = Verdict(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], marks);
        var input = ChronicAbsenceInput.FromDaily(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0)], marks, new DailyBuildOptions { NoSnapshotMark = NoSnapshotMarkRule.CountPresent });

        Assert.Equal(DayCount.FromDays(15), scheduled.DaysEnrolled);
        Assert.Equal(DayCount.FromDays(20), input.Spans[0].DaysEnrolled);
    }

    [Fact]
    public void The_Texas_proposal_from_daily_marks_counts_minutes_2_days_of_201_minutes_in_20_days_is_5_025_percent()
    {
        var verdict = Verdict(ChronicAbsenceDefinition.TexasProposedHb213, [Calendar(20)], [Enroll("S1", 0)], TwentyDays("S1", 201));

        Assert.Equal(8000L, verdict.ScheduledMinutes);
        Assert.Equal(402L, verdict.AbsentMinutes);
        Assert.Equal(Ratio.Of(402 * 100, 8000), verdict.Measured);
        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
    }

    [Fact]
    public void An_enrollment_on_a_calendar_not_given_is_an_error_naming_it()
    {
        var e = Assert.Throws<DailyAttendanceInputException>(() => ChronicAbsenceInput.FromDaily(ChronicAbsenceDefinition.Federal, [Calendar(20)], [Enroll("S1", 0, calendar: "ALT")], []));

        Assert.Contains("no calendar ALT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_calendar_gives_no_span_and_is_listed_as_left_out()
    {
        var calendar = new SchoolCalendar(new SchoolYear(2025), Campus, "REG", 0, new LocalTime(9, 30), [First], [new CalendarReportingPeriod(new ReportingPeriod(1), First, First)], isExcluded: true);

        var input = ChronicAbsenceInput.FromDaily(ChronicAbsenceDefinition.Federal, [calendar], [Enroll("S1", 0)], []);

        Assert.Empty(input.Spans);
        Assert.Single(input.LeftOut);
    }
}
