using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic reports attendance for each school the student has an enrollment in, within each period's start and end
/// dates. Texas student information systems record the withdrawal date as the first day the student is not in school
/// (vendor documentation; a named option, awaiting confirmation against the SAAH).
/// </summary>
public class EnrollmentDatesTests
{
    [Fact]
    public void By_default_the_withdrawal_date_is_the_first_day_not_enrolled()
    {
        // Withdrawn Wed 08-21: Mon and Tue count.
        var build = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 21))], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Equal("2.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void With_the_last_day_enrolled_option_the_withdrawal_date_itself_counts()
    {
        var options = new DailyBuildOptions { WithdrawalDate = WithdrawalDateMeaning.LastDayEnrolled };

        var build = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 21))], Week("1000000001", Monday(1), "PPPPP"), options: options);

        Assert.Equal("3.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void A_student_entering_mid_period_counts_from_the_entry_date()
    {
        var build = Build([Enroll("1000000001", D(8, 22))], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Equal("2.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void An_enrollment_that_starts_and_ends_on_the_same_day_has_no_days()
    {
        var build = Build([Enroll("1000000001", D(8, 21), withdrawal: D(8, 21))], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Empty(build.Records);
        Assert.Equal(5, build.UnmatchedMarks.Count(m => m.ClassPeriod == "2"));
    }

    [Fact]
    public void Marks_on_days_without_an_enrollment_are_counted_nowhere_and_listed_as_unmatched()
    {
        // Enrolled Mon-Tue; marks for the whole week, and marks of a student with no enrollment at all.
        var marks = Week("1000000001", Monday(1), "PPPPP").Concat(Week("9999999999", Monday(1), "P"));

        var build = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 21))], marks);

        Assert.Equal(9 + 3, build.UnmatchedMarks.Count);
        Assert.Equal([S("1000000001"), S("9999999999")], build.UnmatchedMarks.Select(m => m.Student).Distinct());
        Assert.Equal(D(8, 21), build.UnmatchedMarks[0].Date);
    }

    [Fact]
    public void An_enrollment_refuses_a_withdrawal_before_its_entry_and_a_code_change_not_after_it()
    {
        Assert.Throws<ArgumentException>(() => Enroll("1000000001", D(8, 21), withdrawal: D(8, 20)));
        Assert.Throws<ArgumentException>(() => Enroll("1000000001", D(8, 21), changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.HalfDay)]));
        Assert.Throws<ArgumentException>(() => Enroll(
            "1000000001",
            D(8, 19),
            changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.HalfDay), new AdaEligibilityChange(D(8, 21), AdaEligibility.FullDay)]));
    }

    [Fact]
    public void The_code_in_force_on_a_day_is_the_latest_change_on_or_before_it()
    {
        var enrollment = Enroll("1000000001", D(8, 19), changes: [new AdaEligibilityChange(D(8, 26), AdaEligibility.HalfDay), new AdaEligibilityChange(D(9, 9), AdaEligibility.IneligibleFullDay)]);

        Assert.Equal([1, 1, 2, 2, 4], new[] { D(8, 19), D(8, 23), D(8, 26), D(9, 6), D(9, 9) }.Select(d => enrollment.AdaEligibilityOn(d).Code));
    }
}
