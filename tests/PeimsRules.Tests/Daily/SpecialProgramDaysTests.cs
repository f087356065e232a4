using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// Ed-Fi Texas v4.0 reporting-period attendance object logic, Special Programs Reporting Period Attendance: pregnancy-related services days (E0939) are days present
/// while the PRS program is active; special-education mainstream days (E0940) are days present under an IEP with
/// setting 40; residential facility days (E1652) are days present with an active residential facility record.
/// "Students with ADA Eligibility = 2 or 6 report .5 (1/2) days for every instructional day present."
/// </summary>
public class SpecialProgramDaysTests
{
    private static readonly StudentId Student = S("1000000001");

    [Fact]
    public void Pregnancy_related_services_days_are_the_eligible_days_present_while_the_program_is_active()
    {
        // PRS from Tue to Thu; present Mon-Thu, absent Fri: Tue, Wed, Thu = 3.0.
        var prs = new ProgramParticipation(Student, SpecialProgram.PregnancyRelatedServices, D(8, 20), D(8, 22));

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPPPA"), programs: [prs]);

        var special = Assert.Single(build.SpecialProgramRecords);
        Assert.Equal(DayCount.FromDays(3), special.PregnancyRelatedServicesDaysPresent);
        Assert.Equal((DayCount.Zero, DayCount.Zero), (special.SpecialEducationMainstreamDaysPresent, special.ResidentialFacilityDaysPresent));
        Assert.Same(build.Records[0], special.Record);
    }

    [Fact]
    public void Special_education_mainstream_days_count_only_under_an_IEP_with_instructional_setting_40()
    {
        // Setting 41 Mon-Tue, setting 40 Wed-Fri: mainstream days are Wed, Thu and Fri only.
        var programs = new[]
        {
            new ProgramParticipation(Student, SpecialProgram.SpecialEducation, D(8, 19), D(8, 20), "41"),
            new ProgramParticipation(Student, SpecialProgram.SpecialEducation, D(8, 21), null, "40"),
        };

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPPPP"), programs: programs);

        Assert.Equal(DayCount.FromDays(3), Assert.Single(build.SpecialProgramRecords).SpecialEducationMainstreamDaysPresent);
    }

    [Fact]
    public void Residential_facility_days_are_the_eligible_days_present_with_an_active_residential_facility_record()
    {
        var rf = new ProgramParticipation(Student, SpecialProgram.ResidentialFacility, D(8, 1), null);

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PAPAP"), programs: [rf]);

        Assert.Equal(DayCount.FromDays(3), Assert.Single(build.SpecialProgramRecords).ResidentialFacilityDaysPresent);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Half_day_codes_2_and_6_report_half_a_special_program_day_for_each_day_present(int code)
    {
        var programs = new[]
        {
            new ProgramParticipation(Student, SpecialProgram.PregnancyRelatedServices, D(8, 19), null),
            new ProgramParticipation(Student, SpecialProgram.SpecialEducation, D(8, 19), null, "40"),
            new ProgramParticipation(Student, SpecialProgram.ResidentialFacility, D(8, 19), null),
        };

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code)], Week("1000000001", Monday(1), "PPPAP"), programs: programs);

        var special = Assert.Single(build.SpecialProgramRecords);
        Assert.Equal(
            ["2.0", "2.0", "2.0"],
            new[] { special.PregnancyRelatedServicesDaysPresent, special.SpecialEducationMainstreamDaysPresent, special.ResidentialFacilityDaysPresent }.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Days_present_under_an_ineligible_code_are_no_special_program_days(int code)
    {
        var prs = new ProgramParticipation(Student, SpecialProgram.PregnancyRelatedServices, D(8, 19), null);

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: code)], Week("1000000001", Monday(1), "PPPPP"), programs: [prs]);

        Assert.Single(build.Records);
        Assert.Empty(build.SpecialProgramRecords);
    }

    [Fact]
    public void A_record_without_special_program_days_has_no_special_programs_record()
    {
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPPPP"));

        Assert.Single(build.Records);
        Assert.Empty(build.SpecialProgramRecords);
    }

    [Fact]
    public void A_special_program_record_refuses_more_days_than_the_record_s_eligible_days_present()
    {
        var record = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPAAA")).Records[0];

        Assert.Throws<ArgumentException>(() => new SpecialProgramsAttendancePeriod(record, DayCount.FromDays(3), DayCount.Zero, DayCount.Zero));
    }

    [Fact]
    public void An_instructional_setting_belongs_to_a_special_education_IEP_and_is_two_digits()
    {
        Assert.Throws<ArgumentException>(() => new ProgramParticipation(Student, SpecialProgram.ResidentialFacility, D(8, 19), null, "40"));
        Assert.Throws<ArgumentException>(() => new ProgramParticipation(Student, SpecialProgram.SpecialEducation, D(8, 19), null, "4"));
        Assert.Throws<ArgumentException>(() => new ProgramParticipation(Student, SpecialProgram.SpecialEducation, D(8, 19), D(8, 18)));
    }
}
