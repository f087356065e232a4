using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic and code table C059: only an ADA eligibility other than 0 is reported; "Students with ADA Eligibility = 2,
/// 5, or 6 count one-half day of absence or presence for each instructional day". Days present under 1, 2, 3, 6 are
/// eligible (E0937), under 4 and 5 ineligible (E0936).
/// </summary>
public class AdaEligibilityCodeTests
{
    // The week every test below uses: present Mon, Tue, Thu, Fri; absent at the snapshot on Wed.
    private const string Week1 = "PPAPP";

    [Fact]
    public void Code_0_contributes_nothing_and_its_days_are_left_out_as_code_zero()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 0)], Week("1000000001", Monday(1), Week1));

        Assert.Empty(build.Records);
        Assert.Equal(5, build.LeftOutDays[DayExclusionReason.AdaCodeZero]);
    }

    [Theory]
    [InlineData(1, "4.0 / 0.0 / 1.0 of 5.0")]
    [InlineData(3, "4.0 / 0.0 / 1.0 of 5.0")]
    public void Full_day_eligible_codes_1_and_3_count_a_whole_eligible_day_present_or_absent(int code, string expected)
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code)], Week("1000000001", Monday(1), Week1));

        Assert.Equal(expected, Counts(Assert.Single(build.Records)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Half_day_eligible_codes_2_and_6_count_half_a_day_present_into_eligible_days_and_half_a_day_absent(int code)
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code)], Week("1000000001", Monday(1), Week1));

        // 4 days present x 1/2 = 2.0 eligible; 1 day absent x 1/2 = 0.5 absent; days taught stay the calendar's 5.
        Assert.Equal("2.0 / 0.0 / 0.5 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Code_4_ineligible_full_day_counts_whole_days_present_into_ineligible_days()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 4)], Week("1000000001", Monday(1), Week1));

        Assert.Equal("0.0 / 4.0 / 1.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Code_5_ineligible_half_day_counts_half_days_present_into_ineligible_days()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 5)], Week("1000000001", Monday(1), Week1));

        Assert.Equal("0.0 / 2.0 / 0.5 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Flexible_attendance_codes_7_and_8_are_counted_in_minutes_elsewhere_and_left_out_of_daily_records(int code)
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code)], Week("1000000001", Monday(1), Week1));

        Assert.Empty(build.Records);
        Assert.Equal(5, build.LeftOutDays[DayExclusionReason.FlexibleAttendanceProgram]);
    }

    [Fact]
    public void A_change_to_code_0_mid_period_stops_the_count_on_the_day_it_takes_effect()
    {
        // Code 1 Mon-Tue, code 0 from Wed (served under two hours a day): only Mon and Tue count.
        var enrollment = Enroll("1000000001", Monday(1), withdrawal: Monday(2), changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.NotInMembership)]);

        var build = Build([enrollment], Week("1000000001", Monday(1), Week1));

        Assert.Equal("2.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
        Assert.Equal(3, build.LeftOutDays[DayExclusionReason.AdaCodeZero]);
    }

    [Fact]
    public void A_half_day_student_s_present_plus_absent_days_are_the_enrolled_instructional_days_times_one_half()
    {
        // Enrolled all of period 3 (4 instructional days: Labor Day is not one), code 2: 4 x 1/2 = 2.0 days in membership.
        var build = Build([Enroll("1000000001", Monday(3), withdrawal: Monday(4), code: 2)], Week("1000000001", Monday(3), "-APAP"));

        var record = Assert.Single(build.Records);
        Assert.Equal("1.0 / 0.0 / 1.0 of 4.0", Counts(record));
        Assert.Equal(DayCount.FromDays(2), record.DaysInMembership);
    }
}
