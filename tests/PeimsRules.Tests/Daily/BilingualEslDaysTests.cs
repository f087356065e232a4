using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// Bilingual/ESL eligible days present (E0938) are the eligible days present on which the student's enrollment carries a
/// bilingual/ESL funding code (E1651: BE, D1, D2), filed under that code; codes 2 and 6 count half a day for each day
/// present, as for the other special-program days (Ed-Fi Texas reporting-period attendance object logic). TEA keys the
/// bilingual/ESL record by its funding code, so days under two codes in one period record are two records.
/// </summary>
public class BilingualEslDaysTests
{
    [Fact]
    public void The_eligible_days_present_under_a_BE_enrollment_are_bilingual_ESL_days_with_the_code_BE()
    {
        // Present Mon-Thu, absent Fri: 4.0 eligible days present, all under BE.
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), bilingual: "1", funding: "BE")], Week("1000000001", Monday(1), "PPPPA"));

        var special = Assert.Single(build.SpecialProgramRecords);
        Assert.Equal((DayCount.FromDays(4), BilingualEslFunding.BilingualEsl), (special.BilingualEslDaysPresent, special.BilingualEslFunding));
        Assert.Equal(build.Records[0].EligibleDaysPresent, special.BilingualEslDaysPresent);
        Assert.Equal(DayCount.Zero, special.PregnancyRelatedServicesDaysPresent);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Half_day_codes_2_and_6_report_half_a_bilingual_ESL_day_for_each_day_present(int code)
    {
        // Present Mon, Tue, Wed and Fri: 4 days × 0.5 = 2.0.
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code, bilingual: "1", funding: "D1")], Week("1000000001", Monday(1), "PPPAP"));

        var special = Assert.Single(build.SpecialProgramRecords);
        Assert.Equal("2.0 D1", $"{special.BilingualEslDaysPresent} {special.BilingualEslFunding}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Days_present_under_an_ineligible_code_are_no_bilingual_ESL_days(int code)
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code, bilingual: "1", funding: "BE")], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Single(build.Records);
        Assert.Empty(build.SpecialProgramRecords);
    }

    [Fact]
    public void A_student_without_a_funding_code_has_no_bilingual_ESL_days()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), bilingual: "1")], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Empty(build.SpecialProgramRecords);
    }

    [Fact]
    public void Days_under_two_funding_codes_in_one_period_record_are_one_special_programs_record_per_code()
    {
        // Mon-Tue under BE, then withdrawn and re-entered on Wed under D2 (same campus, grade, track): one 42400 record of
        // 5.0 eligible days present, and two special-programs records with its key: BE 2.0 and D2 3.0.
        var enrollments = new[]
        {
            Enroll("1000000001", Monday(1), withdrawal: D(8, 21), bilingual: "1", funding: "BE"),
            Enroll("1000000001", D(8, 21), withdrawal: Monday(2), bilingual: "1", funding: "D2"),
        };

        var build = Build(enrollments, Week("1000000001", Monday(1), "PPPPP"));

        var record = Assert.Single(build.Records);
        Assert.Equal(DayCount.FromDays(5), record.EligibleDaysPresent);
        Assert.Equal(["BE 2.0", "D2 3.0"], build.SpecialProgramRecords.Select(s => $"{s.BilingualEslFunding} {s.BilingualEslDaysPresent}"));
        Assert.All(build.SpecialProgramRecords, s => Assert.Same(record, s.Record));
    }

    [Fact]
    public void Pregnancy_related_services_and_bilingual_ESL_days_of_one_record_are_on_one_special_programs_record()
    {
        // PRS from Wed; present every day under BE: E0939 3.0 and E0938 5.0 on one record.
        var prs = new ProgramParticipation(S("1000000001"), SpecialProgram.PregnancyRelatedServices, D(8, 21), null);

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), bilingual: "1", funding: "BE")], Week("1000000001", Monday(1), "PPPPP"), programs: [prs]);

        var special = Assert.Single(build.SpecialProgramRecords);
        Assert.Equal("3.0 5.0 BE", $"{special.PregnancyRelatedServicesDaysPresent} {special.BilingualEslDaysPresent} {special.BilingualEslFunding}");
    }

    [Fact]
    public void A_special_programs_record_refuses_bilingual_ESL_days_without_their_funding_code()
    {
        var record = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPPPP")).Records[0];

        var e = Assert.Throws<ArgumentException>(() => new SpecialProgramsAttendancePeriod(record, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.FromDays(2)));
        Assert.Contains("funding code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_shows_what_each_day_added_to_the_bilingual_ESL_days_and_under_which_code()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 2, bilingual: "1", funding: "D2")], Week("1000000001", Monday(1), "PAPPP"));

        var days = build.Explain(S("1000000001"), P(1)).Where(d => d.Date < Monday(2)).ToList();

        Assert.Equal(DayCount.FromDays(2), days.Aggregate(DayCount.Zero, (sum, d) => sum + d.BilingualEslDaysPresent));
        Assert.Contains("; +0.5 bilingual/ESL D2", days[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bilingual/ESL", days[1].ToString(), StringComparison.Ordinal);
        Assert.Null(days[1].BilingualEslFunding);
    }
}
