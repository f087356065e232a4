using PeimsRules.Accountability;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// TEA's current race/ethnicity elements and seven groups, the leaver-code table by year, dropouts outside the students
/// served, chronic absence by student group and small-group masking. School year 2023-24 unless a case says otherwise.
/// </summary>
public sealed class CodeTablesAndMaskingSpecification
{
    private static readonly SchoolYear Year = new(Given.Year);

    [Theory]
    [InlineData(true, Races.White | Races.BlackOrAfricanAmerican, StudentGroup.Hispanic)]
    [InlineData(true, Races.None, StudentGroup.Hispanic)]
    [InlineData(false, Races.White | Races.Asian, StudentGroup.TwoOrMoreRaces)]
    [InlineData(false, Races.BlackOrAfricanAmerican, StudentGroup.AfricanAmerican)]
    [InlineData(false, Races.AmericanIndianOrAlaskaNative, StudentGroup.AmericanIndianOrAlaskaNative)]
    [InlineData(false, Races.Asian, StudentGroup.Asian)]
    [InlineData(false, Races.NativeHawaiianOrPacificIslander, StudentGroup.PacificIslander)]
    [InlineData(false, Races.White, StudentGroup.White)]
    public void The_group_is_Hispanic_when_the_flag_is_set_else_two_or_more_races_else_the_one_race(bool hispanic, Races races, StudentGroup group)
    {
        Assert.Equal(group, RaceEthnicity.Of(hispanic, races).Group);
    }

    [Fact]
    public void No_flag_and_no_race_is_no_race_group_and_the_student_still_counts_in_all_students()
    {
        var student = new StudentDemographics(StudentId.Parse("A"), EconomicDisadvantage.Parse("01"), RaceEthnicity.Of(false, Races.None), false, false);

        Assert.Null(student.RaceEthnicity.Group);
        Assert.Equal([StudentGroup.All, StudentGroup.EconomicallyDisadvantaged], student.Groups);
        Assert.Equal(7, RaceEthnicityStandard.SevenGroups.Count);
    }

    [Fact]
    public void The_five_pre_2010_categories_are_valid_up_to_2009_10_and_refused_after()
    {
        var legacy = RaceEthnicity.FromLegacy(Ethnicity.AsianOrPacificIslander);

        Assert.True(RaceEthnicityStandard.IsValidFor(legacy, new SchoolYear(2010)));
        Assert.False(RaceEthnicityStandard.IsValidFor(legacy, new SchoolYear(2011)));
        Assert.Equal(StudentGroup.AsianOrPacificIslander, legacy.Group);
        var demographics = new StudentDemographics(StudentId.Parse("A"), EconomicDisadvantage.Parse("00"), legacy, false, false);
        var e = Assert.Throws<ArgumentException>(() => AttendanceRate.Compute([Given.Record(student: "A", eligible: 10)], [demographics]));
        Assert.Contains("valid up to 2009-10 only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demographics_file_reads_the_Hispanic_flag_and_race_indicators_and_refuses_a_2023_24_legacy_category_on_its_line()
    {
        var csv = "StudentId,EconomicDisadvantageCode,HispanicLatino,Asian,White,Ethnicity,Sex\nA,01,N,Y,Y,,F\nB,00,Y,,Y,,M\nC,00,,,,H,\n";

        var result = StudentDemographicsCsv.Read(new StringReader(csv), "demographics.csv", CsvErrorMode.CollectAll, Year);

        Assert.Equal([StudentGroup.TwoOrMoreRaces, StudentGroup.Hispanic], result.Records.Select(r => r.RaceEthnicity.Group!.Value));
        Assert.Equal([StudentGroup.All, StudentGroup.TwoOrMoreRaces, StudentGroup.Female, StudentGroup.EconomicallyDisadvantaged], result.Records[0].FederalGroups);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4L, "Ethnicity", "H"), (problem.Line, problem.Column, problem.Value));
        Assert.Contains("valid up to 2009-10 only", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_leaver_table_by_year_takes_the_current_codes_08_20_88_89_as_dropouts_and_87_90_as_other_leavers()
    {
        var current = LeaverCodes.For(Year);

        Assert.Same(LeaverCodes.C162, current);
        Assert.Equal(["08", "20", "88", "89", "98"], current.Entries.Where(e => e.IsDropout).Select(e => e.Code));
        Assert.False(current.Lookup("87").IsDropout);
        Assert.False(current.Lookup("90").IsDropout);
        // Checked against TEA's leaver reports for 2020-21 (and 2022-23); assumed for 2019-20 and after 2022-23.
        Assert.Equal(PeimsRules.Rules.CitationStatus.Verified, LeaverCodes.Table.ValueFor(new SchoolYear(2021)).Citation.Status);
        Assert.Equal(PeimsRules.Rules.CitationStatus.AwaitingConfirmation, LeaverCodes.Table.ValueFor(new SchoolYear(2020)).Citation.Status);
        Assert.Equal(PeimsRules.Rules.CitationStatus.AwaitingConfirmation, LeaverCodes.Table.ValueFor(Year).Citation.Status);
        Assert.Throws<PeimsCodeException>(() => LeaverCodes.Table31.Lookup("89"));
    }

    [Fact]
    public void A_dropout_who_is_not_among_the_students_served_is_refused_not_counted_outside_the_denominator()
    {
        // B is served in grade 08 at 101912001; Z has a dropout record (code 89) but no attendance record there.
        var served = new[] { Given.Record(student: "B", grade: "08", eligible: 20) };
        var leavers = new[]
        {
            new LeaverRecord(Year, CampusId.Parse(Given.Campus), StudentId.Parse("B"), GradeLevel.Parse("08"), "98"),
            new LeaverRecord(Year, CampusId.Parse(Given.Campus), StudentId.Parse("Z"), GradeLevel.Parse("08"), "89"),
        };

        Assert.Equal([StudentId.Parse("Z")], AnnualDropoutRate.DropoutsNotServed(Year, leavers, served).Select(l => l.Student));
        var e = Assert.Throws<ArgumentException>(() => AnnualDropoutRate.Compute(Year, leavers, served));
        Assert.Contains("student Z", e.Message, StringComparison.Ordinal);
        var rate = AnnualDropoutRate.Compute(Year, leavers[..1], served).First(f => f.Level == RateLevel.Campus && f.Group == StudentGroup.All);
        Assert.Equal((1, 1), (rate.Dropouts, rate.StudentsServed));
    }

    [Fact]
    public void Chronic_absence_by_group_counts_each_considered_student_in_each_federal_group()
    {
        // Three students at one campus, 20 days each: A absent 4 (20%, chronic), B absent 1, C absent 0.
        var spans = new[] { ChronicAbsenceSpecification.Span(20, 4, student: "A"), ChronicAbsenceSpecification.Span(20, 1, student: "B"), ChronicAbsenceSpecification.Span(20, 0, student: "C") };
        var report = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal, spans);
        var demographics = new[]
        {
            new StudentDemographics(StudentId.Parse("A"), EconomicDisadvantage.Parse("01"), RaceEthnicity.Of(true, Races.None), false, true) { Sex = Sex.Female },
            new StudentDemographics(StudentId.Parse("B"), EconomicDisadvantage.Parse("00"), RaceEthnicity.Of(true, Races.White), false, false) { Sex = Sex.Male },
        };

        var rates = ChronicAbsenceByGroup.Compute(report, demographics, Year).Where(r => r.Level == RateLevel.Campus).ToDictionary(r => r.Group);

        Assert.Equal((3, 1), (rates[StudentGroup.All].Considered, rates[StudentGroup.All].Chronic));
        Assert.Equal((2, 1), (rates[StudentGroup.Hispanic].Considered, rates[StudentGroup.Hispanic].Chronic));
        Assert.Equal(Ratio.FromInteger(50), rates[StudentGroup.Hispanic].Percent);
        Assert.Equal((1, 1), (rates[StudentGroup.SpecialEducation].Considered, rates[StudentGroup.SpecialEducation].Chronic));
        Assert.Equal((1, 0), (rates[StudentGroup.Male].Considered, rates[StudentGroup.Male].Chronic));
        Assert.DoesNotContain(StudentGroup.White, rates.Keys);
    }

    private static MaskingCell Cell(StudentGroup group, long size, string? campus = Given.Campus) =>
        new(campus is null ? RateLevel.District : RateLevel.Campus, DistrictId.Parse("101912"), campus is null ? null : CampusId.Parse(campus), group, size);

    [Fact]
    public void A_rate_of_1_to_4_students_is_masked_and_5_is_not_and_0_is_not()
    {
        var masks = SmallGroupMasking.Mask([Cell(StudentGroup.All, 40), Cell(StudentGroup.SpecialEducation, 4), Cell(StudentGroup.AtRisk, 5), Cell(StudentGroup.Homeless, 0)], 5);

        Assert.Equal([null, MaskReason.SmallGroup, null, null], masks);
        Assert.Equal(new SmallGroupMasking(5, 900), SmallGroupMasking.For(Year));
    }

    [Fact]
    public void When_one_race_group_is_masked_the_next_smallest_is_masked_so_subtraction_from_all_students_reveals_nothing()
    {
        // 30 students: 20 Hispanic, 7 White, 3 African American. 3 is masked; 30 - 20 - 7 would give it back, so White
        // (the next smallest) is masked too: 30 - 20 = 10 is all that can be recovered.
        var masks = SmallGroupMasking.Mask([Cell(StudentGroup.All, 30), Cell(StudentGroup.Hispanic, 20), Cell(StudentGroup.White, 7), Cell(StudentGroup.AfricanAmerican, 3)], 5);

        Assert.Equal([null, null, MaskReason.Complementary, MaskReason.SmallGroup], masks);
    }

    [Fact]
    public void A_group_whose_complement_is_1_to_4_students_is_masked()
    {
        // 30 students, 27 economically disadvantaged: 30 - 27 = 3 students not disadvantaged would be revealed.
        var masks = SmallGroupMasking.Mask([Cell(StudentGroup.All, 30), Cell(StudentGroup.EconomicallyDisadvantaged, 27)], 5);

        Assert.Equal([null, MaskReason.Complementary], masks);
    }

    [Fact]
    public void A_campus_masked_within_its_district_masks_the_next_smallest_campus()
    {
        // District 40 = campus 101912001 (37) + campus 101912002 (3): 40 - 37 would give the 3 back.
        var masks = SmallGroupMasking.Mask([Cell(StudentGroup.All, 37), Cell(StudentGroup.All, 3, "101912002"), Cell(StudentGroup.All, 40, null)], 5);

        Assert.Equal([MaskReason.Complementary, MaskReason.SmallGroup, null], masks);
    }

    [Fact]
    public void An_attendance_rate_under_900_days_in_membership_is_masked()
    {
        var rates = AttendanceRate.Compute([Given.Record(student: "A", taught: 180, eligible: 170, absent: 10, grade: "03")]);

        var masks = SmallGroupMasking.For(Year).MaskAttendance(rates);

        Assert.All(masks, m => Assert.Equal(MaskReason.SmallGroup, m));
    }
}
