namespace PeimsRules.Tests.Specification;

/// <summary>
/// Domain values parse the codes of the TEA code tables and print them back exactly; a code the tables do not define is
/// refused with a <see cref="PeimsCodeException"/> that names the element, never guessed.
/// Source: TEA data standards, code tables C050 (grade), C054 (economic disadvantage), C059 (ADA eligibility), C061
/// (emergent bilingual), C130 (reporting period), C225 (bilingual/ESL funding); business rules 42400-0005/6/7 (day
/// counts end in 0 or 5); TEA-RULES.md, "Data elements".
/// </summary>
public class DomainValuesSpecification
{
    [Theory]
    [InlineData("EE", -2)]
    [InlineData("PK", -1)]
    [InlineData("KG", 0)]
    [InlineData("01", 1)]
    [InlineData("09", 9)]
    [InlineData("12", 12)]
    public void Grade_levels_are_the_codes_of_C050(string code, int number)
    {
        var grade = GradeLevel.Parse(code);

        Assert.Equal(code, grade.ToString());
        Assert.Equal(number, grade.Number);
        Assert.Equal(GradeLevel.Parse(code.ToLowerInvariant()), grade);
    }

    [Fact]
    public void There_are_15_grade_levels_in_order_from_EE_to_12()
    {
        Assert.Equal(
            new[] { "EE", "PK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12" },
            GradeLevel.All.Select(g => g.Code));
        Assert.Equal(GradeLevel.All.OrderBy(g => g), GradeLevel.All);
        Assert.Equal(GradeLevel.Parse("07"), GradeLevel.Grade(7));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData("8")]
    public void ADA_eligibility_codes_are_0_to_8(string code)
    {
        Assert.Equal(code, AdaEligibility.Parse(code).ToString());
        Assert.Equal(code, AdaEligibility.FromCode(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture)).ToString());
    }

    [Theory]
    [InlineData("00", false)]
    [InlineData("01", true)]
    [InlineData("02", true)]
    [InlineData("99", true)]
    public void Economic_disadvantage_codes_are_00_01_02_and_99(string code, bool disadvantaged)
    {
        var value = EconomicDisadvantage.Parse(code);

        Assert.Equal(code, value.ToString());
        Assert.Equal(disadvantaged, value.IsEconomicallyDisadvantaged);
    }

    [Theory]
    [InlineData("0", false, false)]
    [InlineData("1", true, false)]
    [InlineData("F", false, true)]
    [InlineData("S", false, true)]
    [InlineData("3", false, true)]
    [InlineData("4", false, true)]
    [InlineData("5", false, false)]
    public void Emergent_bilingual_codes_are_those_of_C061(string code, bool identified, bool monitored)
    {
        var value = EmergentBilingual.Parse(code);

        Assert.Equal(code, value.ToString());
        Assert.Equal(identified, value.IsIdentified);
        Assert.Equal(monitored, value.IsMonitored);
    }

    [Theory]
    [InlineData("BE")]
    [InlineData("D1")]
    [InlineData("D2")]
    public void Bilingual_ESL_funding_codes_are_BE_D1_and_D2(string code)
    {
        Assert.Equal(code, BilingualEslFunding.Parse(code).ToString());
        Assert.Equal(BilingualEslFunding.Parse(code), BilingualEslFunding.Parse(code.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("01", "1", true)]
    [InlineData("6", "6", true)]
    [InlineData("7", "7", false)]
    [InlineData("9", "9", false)]
    public void Reporting_periods_are_1_to_9_and_only_1_to_6_are_refined_ADA_periods(string code, string printed, bool refined)
    {
        var period = ReportingPeriod.Parse(code);

        Assert.Equal(printed, period.ToString());
        Assert.Equal(refined, period.IsRefinedAdaPeriod);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("99")]
    public void Instructional_tracks_are_two_digits(string code)
    {
        Assert.Equal(code, InstructionalTrack.Parse(code).ToString());
    }

    [Theory]
    [InlineData("2024", 2024, "2023-24")]
    [InlineData("2023-24", 2024, "2023-24")]
    [InlineData("2023-2024", 2024, "2023-24")]
    [InlineData("2019-20", 2020, "2019-20")]
    [InlineData("1999-00", 2000, "1999-00")]
    public void School_years_are_named_by_the_year_they_end_in(string text, int endYear, string displayName)
    {
        var year = SchoolYear.Parse(text);

        Assert.Equal(endYear, year.EndYear);
        Assert.Equal(displayName, year.DisplayName);
        Assert.Equal(endYear.ToString(System.Globalization.CultureInfo.InvariantCulture), year.ToString());
    }

    [Fact]
    public void Identifiers_keep_their_digits_and_a_campus_knows_its_district()
    {
        var campus = CampusId.Parse("101912001");

        Assert.Equal("101912001", campus.ToString());
        Assert.Equal(DistrictId.Parse("101912"), campus.District);
        Assert.Equal("057905", DistrictId.Parse("057905").ToString());
        Assert.True(StudentId.Parse("1234567890").IsTexasUniqueStudentId);
        Assert.False(StudentId.Parse("LOCAL-42").IsTexasUniqueStudentId);
    }

    public static TheoryData<string, Action> UnknownCodes => new()
    {
        { TeaElements.GradeLevel, () => GradeLevel.Parse("13") },
        { TeaElements.GradeLevel, () => GradeLevel.Parse("K") },
        { TeaElements.GradeLevel, () => GradeLevel.Parse("1") },
        { TeaElements.GradeLevel, () => GradeLevel.Grade(0) },
        { TeaElements.AdaEligibility, () => AdaEligibility.Parse("9") },
        { TeaElements.AdaEligibility, () => AdaEligibility.Parse("10") },
        { TeaElements.AdaEligibility, () => AdaEligibility.Parse("-1") },
        { TeaElements.AdaEligibility, () => AdaEligibility.FromCode(9) },
        { TeaElements.EconomicDisadvantage, () => EconomicDisadvantage.Parse("03") },
        { TeaElements.EconomicDisadvantage, () => EconomicDisadvantage.Parse("1") },
        { TeaElements.EmergentBilingual, () => EmergentBilingual.Parse("2") },
        { TeaElements.EmergentBilingual, () => EmergentBilingual.Parse("Y") },
        { TeaElements.BilingualEslFunding, () => BilingualEslFunding.Parse("D3") },
        { TeaElements.BilingualEslFunding, () => BilingualEslFunding.Parse("ESL") },
        { TeaElements.ReportingPeriod, () => ReportingPeriod.Parse("0") },
        { TeaElements.ReportingPeriod, () => ReportingPeriod.Parse("10") },
        { TeaElements.ReportingPeriod, () => _ = new ReportingPeriod(10) },
        { TeaElements.InstructionalTrack, () => InstructionalTrack.Parse("0") },
        { TeaElements.InstructionalTrack, () => InstructionalTrack.Parse("100") },
        { TeaElements.SchoolYear, () => SchoolYear.Parse("2023-25") },
        { TeaElements.SchoolYear, () => SchoolYear.Parse("24") },
        { TeaElements.SchoolYear, () => _ = new SchoolYear(1990) },
        { TeaElements.DistrictId, () => DistrictId.Parse("10191") },
        { TeaElements.CampusId, () => CampusId.Parse("10191200A") },
        { TeaElements.StudentId, () => StudentId.Parse("S 1") },
        { TeaElements.StudentId, () => StudentId.Parse(new string('9', 33)) },
    };

    [Theory]
    [MemberData(nameof(UnknownCodes))]
    public void Unknown_codes_are_refused_naming_the_element(string element, Action parse)
    {
        var error = Assert.Throws<PeimsCodeException>(parse);

        Assert.Equal(element, error.Element);
        Assert.StartsWith(element[..5], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_code_is_refused_as_missing()
    {
        var error = Assert.Throws<PeimsCodeException>(() => AdaEligibility.Parse(null));

        Assert.Null(error.Value);
        Assert.Contains("no value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29", 58)]
    [InlineData("29.0", 58)]
    [InlineData("14.5", 29)]
    [InlineData("14.50", 29)]
    [InlineData("0", 0)]
    [InlineData("0.5", 1)]
    [InlineData("180.0", 360)]
    public void Day_counts_are_whole_or_half_days(string text, long halfDays)
    {
        var days = DayCount.Parse(text);

        Assert.Equal(halfDays, days.HalfDays);
        Assert.Equal(halfDays / 2m, days.Days);
    }

    [Theory]
    [InlineData("14.3")]
    [InlineData("14.55")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("1 000")]
    [InlineData("14,5")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("twenty")]
    [InlineData("0x1E")]
    [InlineData("1234567890123456")]
    public void Day_counts_refuse_anything_but_a_non_negative_number_of_half_days(string text)
    {
        // 42400-0005/6/7: the last digit of a day count is 0 or 5 (###.#). 14.3 is not a count of half days.
        var error = Assert.Throws<PeimsCodeException>(() => DayCount.Parse(text, TeaElements.TotalEligibleDaysPresent));

        Assert.Equal(TeaElements.TotalEligibleDaysPresent, error.Element);
        Assert.Equal(text, error.Value);
        Assert.False(DayCount.TryParse(text, out _));
    }

    [Theory]
    [InlineData("14.3")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("0.25")]
    public void Day_counts_refuse_decimals_that_are_not_non_negative_half_days(string days)
    {
        // InlineData cannot hold a decimal literal, so the test writes it as text.
        var value = decimal.Parse(days, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<PeimsCodeException>(() => DayCount.FromDays(value));
    }

    [Fact]
    public void Day_counts_refuse_a_number_too_large_to_count_rather_than_overflow()
    {
        // FromDays documents PeimsCodeException for a count it cannot hold; doubling decimal.MaxValue to half days
        // must not escape as an OverflowException.
        Assert.Throws<PeimsCodeException>(() => DayCount.FromDays(decimal.MaxValue));
        Assert.Throws<PeimsCodeException>(() => DayCount.FromDays(decimal.MinValue));
    }

    [Fact]
    public void Day_counts_are_never_negative()
    {
        Assert.Throws<PeimsCodeException>(() => DayCount.FromHalfDays(-1));
        Assert.Throws<PeimsCodeException>(() => DayCount.FromDays(-1));
    }

    [Fact]
    public void Day_counts_print_one_decimal_as_TEA_writes_them()
    {
        Assert.Equal("29.0", DayCount.FromDays(29).ToString());
        Assert.Equal("14.5", DayCount.FromDays(14.5m).ToString());
        Assert.Equal("0.0", DayCount.Zero.ToString());
        Assert.Equal(DayCount.FromHalfDays(5), DayCount.FromDays(2) + DayCount.FromHalfDays(1));
    }

    [Fact]
    public void A_record_refuses_a_membership_above_the_days_taught()
    {
        // 28 present + 1 ineligible + 2 absent = 31 days in membership in a period of 30 days taught.
        Assert.Throws<ArgumentException>(() => Support.Given.Record(taught: 30, eligible: 28, ineligible: 1, absent: 2));
        // Remote days are days in membership too (2020-21): 20 + 6 + 5 = 31.
        Assert.Throws<ArgumentException>(() => Support.Given.Record(year: 2021, taught: 30, eligible: 20, remoteSync: 6, remoteAsync: 5));
    }

    [Fact]
    public void A_record_refuses_zero_days_taught_and_takes_its_district_from_its_campus()
    {
        // A record's district is the first six digits of its campus (E0266 starts with E0212): it cannot disagree.
        Assert.Throws<ArgumentException>(() => Support.Given.Record(taught: 0));
        var record = new BasicReportingPeriodAttendance(
            new SchoolYear(2024),
            new ReportingPeriodAttendanceKey(CampusId.Parse("101912001"), StudentId.Parse("S1"), GradeLevel.Parse("05"), InstructionalTrack.First, new ReportingPeriod(1)),
            DayCount.FromDays(30),
            DayCount.FromDays(30),
            DayCount.Zero,
            DayCount.Zero,
            new StudentFundingAttributes(EconomicDisadvantage.NotDisadvantaged, EmergentBilingual.NotEmergentBilingual));
        Assert.Equal(DistrictId.Parse("101912"), record.DistrictId);
        Assert.Null(record.AdaEligibility);
    }
}
