using NodaTime;
using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: "Do not send record if attendance records are associated with: an enrollment marked as State Exclude or No
/// Show; a Calendar when the Exclude checkbox is marked; a School when the Exclude checkbox is marked." and "Exclude any
/// attendance/membership found between Exclude Start Date and Exclude End Date."
/// </summary>
public class ExclusionTests
{
    [Fact]
    public void An_enrollment_marked_state_exclude_sends_no_record()
    {
        var build = Build([Enroll("1000000001", Monday(1), stateExclude: true)], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Empty(build.Records);
        Assert.Equal(new Dictionary<DayExclusionReason, long> { [DayExclusionReason.StateExcludeEnrollment] = 29 }, build.LeftOutDays);
        Assert.Empty(build.UnmatchedMarks);
    }

    [Fact]
    public void An_enrollment_marked_no_show_sends_no_record()
    {
        var build = Build([Enroll("1000000001", Monday(1), noShow: true)], []);

        Assert.Empty(build.Records);
        Assert.Equal(29, build.LeftOutDays[DayExclusionReason.NoShowEnrollment]);
    }

    [Fact]
    public void A_calendar_marked_exclude_sends_no_record()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "PPPPP"), [Calendar(excludedCalendar: true)]);

        Assert.Empty(build.Records);
        Assert.Equal(29, build.LeftOutDays[DayExclusionReason.CalendarExcluded]);
    }

    [Fact]
    public void A_campus_marked_exclude_sends_no_record()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "PPPPP"), [Calendar(excludedCampus: true)]);

        Assert.Empty(build.Records);
        Assert.Equal(29, build.LeftOutDays[DayExclusionReason.CampusExcluded]);
    }

    [Fact]
    public void Only_the_excluded_student_is_left_out_the_others_of_the_campus_are_reported()
    {
        var enrollments = new[] { Enroll("1000000001", Monday(1), stateExclude: true), Enroll("2000000002", Monday(1)) };
        var marks = Week("1000000001", Monday(1), "PPPPP").Concat(Week("2000000002", Monday(1), "PPPPP"));

        var record = Assert.Single(Build(enrollments, marks).Records);

        Assert.Equal(S("2000000002"), record.StudentId);
    }

    [Fact]
    public void Days_in_an_excluded_date_range_are_neither_days_taught_nor_days_of_membership()
    {
        // Wed 08-21 to Thu 08-22 excluded (say a low-attendance waiver): Mon, Tue, Fri count, and the period has 3 days
        // taught, not 5. The student present on every counted day has 3.0 of 3.0, full attendance (ADA 3/3 = 1), not
        // 3.0 of 5.0 (0.6), which would charge the waived days to every student.
        var calendar = Calendar(excludedRanges: [new DateInterval(D(8, 21), D(8, 22))]);

        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "PPAAP"), [calendar]);

        var record = Assert.Single(build.Records);
        Assert.Equal("3.0 / 0.0 / 0.0 of 3.0", Counts(record));
        Assert.Equal(Ratio.Of(1, 1), PeimsRules.Attendance.PeriodAda.Compute([record], PeimsRules.Rules.RuleSet.For(record.SchoolYear)));
        Assert.Equal(2, build.LeftOutDays[DayExclusionReason.ExcludedDateRange]);
    }

    [Fact]
    public void An_early_education_student_s_days_count_only_where_an_IEP_overlaps_them()
    {
        // Grade EE, IEP from Wed 08-21: Mon and Tue are left out, Wed to Fri count.
        var iep = new ProgramParticipation(S("1000000001"), SpecialProgram.SpecialEducation, D(8, 21), null, "41");

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), grade: "EE")], Week("1000000001", Monday(1), "PPPPP"), programs: [iep]);

        Assert.Equal("3.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
        Assert.Equal(2, build.LeftOutDays[DayExclusionReason.EarlyEducationWithoutIep]);
    }

    [Fact]
    public void An_early_education_student_without_any_IEP_has_no_record()
    {
        var build = Build([Enroll("1000000001", Monday(1), grade: "EE")], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Empty(build.Records);
    }

    [Fact]
    public void A_pre_kindergarten_student_needs_no_IEP()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), grade: "PK")], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void When_several_reasons_apply_the_campus_s_comes_first()
    {
        var calendar = Calendar(excludedCalendar: true, excludedCampus: true);

        var build = Build([Enroll("1000000001", Monday(1), noShow: true, code: 0)], [], [calendar]);

        Assert.All(build.Explain(S("1000000001"), P(1)), l => Assert.Equal(DayExclusionReason.CampusExcluded, l.LeftOutBecause));
    }
}
