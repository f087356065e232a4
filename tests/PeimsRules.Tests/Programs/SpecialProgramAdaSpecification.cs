using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Attendance.Programs;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Programs;

/// <summary>
/// Special-program refined ADA: per period Σ over records (program days present ÷ that record's days taught E0935), the
/// year the mean of the six period ADAs (÷ 6, as basic refined ADA), rounded once to three decimals. Bilingual/ESL from
/// E0938, in total and by funding code E1651 (BE, D1, D2); special-education mainstream from E0940; pregnancy-related
/// services from E0939; residential facility from E1652. Source: TEA data standards (the elements); OnDataSuite's
/// bilingual/ESL report and Ascender SAT0950 (the formula, vendor-documented); TEA-RULES.md, "Special-program refined
/// ADA and FTE".
/// </summary>
public class SpecialProgramAdaSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));
    private static readonly AttendanceGroupKey District101912 = new(DistrictId.Parse(District), null, null, null);

    /// <summary>The special-programs days of <paramref name="record"/>; each count in days.</summary>
    internal static SpecialProgramsAttendancePeriod Days(
        BasicReportingPeriodAttendance record, decimal prs = 0, decimal mainstream = 0, decimal residential = 0, decimal bilingual = 0, string? funding = null) =>
        new(record, DayCount.FromDays(prs), DayCount.FromDays(mainstream), DayCount.FromDays(residential), DayCount.FromDays(bilingual), funding is null ? null : BilingualEslFunding.Parse(funding));

    private static decimal? Published(SpecialProgramAdaSummary summary, string? funding, int? period) =>
        summary.Find(District101912, funding is null ? null : BilingualEslFunding.Parse(funding), period is { } p ? new ReportingPeriod(p) : null)?.Ada.Published;

    [Fact]
    public void Bilingual_ESL_ADA_is_12_in_period_1_and_2_for_the_year_in_total_and_1_667_BE_and_0_333_D2_by_funding_code()
    {
        // Period 1, 30 days taught: 10 students served under BE present all 30 days (300 days) and 2 under D2 (60 days).
        // Period 1 ADA: 360 / 30 = 12 (BE 300 / 30 = 10, D2 60 / 30 = 2). No bilingual/ESL days in periods 2 to 6.
        // Year: (12 + 0 + 0 + 0 + 0 + 0) / 6 = 2.000; BE 10 / 6 = 1.667; D2 2 / 6 = 0.333. No D1 rows: no D1 records.
        var be = Students(10, 1, taught: 30, eligible: 30, prefix: "B").Select(r => Days(r, bilingual: 30, funding: "BE"));
        var d2 = Students(2, 1, taught: 30, eligible: 30, prefix: "D").Select(r => Days(r, bilingual: 30, funding: "D2"));

        var summary = BilingualEslRefinedAda.Compute(be.Concat(d2), Rules2024);

        Assert.Equal((12.000m, 2.000m), (Published(summary, null, 1), Published(summary, null, null)));
        Assert.Equal((10.000m, 1.667m), (Published(summary, "BE", 1), Published(summary, "BE", null)));
        Assert.Equal((2.000m, 0.333m), (Published(summary, "D2", 1), Published(summary, "D2", null)));
        Assert.Null(summary.Find(District101912, BilingualEslFunding.DualLanguageOneWay, null));
        Assert.Equal(R(2), summary.Find(District101912, null, null)!.Ada.Exact);
        Assert.Equal(3 * 7, summary.Figures.Count);
    }

    [Fact]
    public void Special_education_mainstream_ADA_is_1_5_when_each_period_has_45_mainstream_days_of_30_taught()
    {
        // Each of the six periods: 3 students with 15 mainstream days (E0940) each = 45 days; 45 / 30 = 1.5. Year 1.500.
        var records = EachPeriod(p => Students(3, p, taught: 30, eligible: 30)).Select(r => Days(r, mainstream: 15));

        var summary = SpecialEducationMainstreamRefinedAda.Compute(records, Rules2024);

        Assert.All(Enumerable.Range(1, 6), p => Assert.Equal(1.500m, Published(summary, null, p)));
        Assert.Equal(1.500m, Published(summary, null, null));
        Assert.Equal(DayCount.FromDays(6 * 45), summary.Find(District101912, null, null)!.ProgramDaysPresent);
    }

    [Fact]
    public void Pregnancy_related_services_ADA_divides_the_year_by_6_even_when_only_one_period_has_days()
    {
        // 20 PRS days (E0939) in period 3 of 30 days taught, none in the other periods: period 3 ADA 20 / 30 = 0.667.
        // Year: (20 / 30) / 6 = 0.111, not 0.667 (the mean over the one period with values, which one vendor page describes).
        var records = new[] { Days(Record("P1", period: 3, taught: 30, eligible: 25, absent: 5), prs: 20) };

        var summary = PregnancyRelatedServicesRefinedAda.Compute(records, Rules2024);

        Assert.Equal(0.667m, Published(summary, null, 3));
        Assert.Equal(0.000m, Published(summary, null, 1));
        Assert.Equal(0.111m, Published(summary, null, null));
        Assert.Equal(R(1, 9), summary.Find(District101912, null, null)!.Ada.Exact);
    }

    [Fact]
    public void Residential_facility_ADA_divides_each_record_by_its_own_tracks_days_taught()
    {
        // Period 1, two tracks: 10 residential days (E1652) of 20 taught on track 00 and 15 of 30 on track 01.
        // Period ADA: 10 / 20 + 15 / 30 = 1, where the pooled 25 / 50 would be 0.5. Year 1 / 6 = 0.167.
        var records = new[]
        {
            Days(Record("R1", period: 1, taught: 20, eligible: 10, absent: 10, track: "00"), residential: 10),
            Days(Record("R2", period: 1, taught: 30, eligible: 15, absent: 15, track: "01"), residential: 15),
        };

        var summary = ResidentialFacilityRefinedAda.Compute(records, Rules2024);

        Assert.Equal(1.000m, Published(summary, null, 1));
        Assert.Equal(0.167m, Published(summary, null, null));
    }

    [Fact]
    public void The_year_is_the_mean_of_the_six_period_ADAs_7_5_not_the_pooled_8_0()
    {
        // Basic refined ADA's worked example with mainstream days: periods 1-3 of 30 days with 300 mainstream days
        // (ADA 10), periods 4-6 of 20 days with 100 (ADA 5). (10 × 3 + 5 × 3) / 6 = 7.5; the pooled 1200 / 150 = 8.0 is wrong.
        var records = EachPeriod(p => p <= 3 ? Students(10, p, taught: 30, eligible: 30) : Students(5, p, taught: 20, eligible: 20))
            .Select(r => Days(r, mainstream: r.EligibleDaysPresent.Days));

        var summary = SpecialEducationMainstreamRefinedAda.Compute(records, Rules2024);

        Assert.Equal(R(15, 2), summary.Find(District101912, null, null)!.Ada.Exact);
        Assert.Equal(7.500m, Published(summary, null, null));
    }

    [Fact]
    public void In_2019_20_the_year_is_periods_1_to_4_times_the_districts_historical_ratio_as_for_basic_ADA()
    {
        // 2018-19: 100 students present every day in periods 1-4, 90 in periods 5-6: ratio (560 / 6) / 100 = 29/30.
        // 2019-20: 105 bilingual/ESL students (BE) present all 30 days in periods 1-4: program ADA 105 each period.
        // Year: (105 × 4 / 4) × 29/30 = 101.5; periods 5 and 6 are excluded, not zero.
        var rules = RuleSet.For(new SchoolYear(2020));
        var prior = EachPeriod(p => Students(p <= 4 ? 100 : 90, p, taught: 30, eligible: 30, year: 2019));
        var records = Enumerable.Range(1, 4).SelectMany(p => Students(105, p, taught: 30, eligible: 30, year: 2020)).Select(r => Days(r, bilingual: 30, funding: "BE"));

        var summary = BilingualEslRefinedAda.Compute(records, rules, new AttendanceSummaryOptions { PriorYearRecords = prior });

        Assert.Equal(101.500m, Published(summary, null, null));
        Assert.Equal(FigureStatus.ExcludedCovid19, summary.Find(District101912, null, new ReportingPeriod(5))!.Ada.Status);
        Assert.Equal(R(29, 30), summary.Find(District101912, null, null)!.HistoricalRatio);
        Assert.Equal(FigureStatus.NotComputable, BilingualEslRefinedAda.Compute(records, rules).Find(District101912, null, null)!.Ada.Status);
    }

    [Fact]
    public void Rows_follow_the_grouping_and_the_records_behind_a_row_are_those_with_days_in_the_program()
    {
        // Campus 001: one student with 10 PRS days of 30 in period 1; campus 002: one student with mainstream days only.
        // Grouped by campus, campus 002 has a PRS ADA of 0 (its records are there, with no PRS days) and no record behind it.
        var prs = Days(Record("A", period: 1, taught: 30, eligible: 30, campus: "101912001"), prs: 10);
        var other = Days(Record("B", period: 1, taught: 30, eligible: 30, campus: "101912002"), mainstream: 30);
        var options = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };

        var summary = PregnancyRelatedServicesRefinedAda.Compute([prs, other], Rules2024, options);

        var campus1 = summary.Find(new AttendanceGroupKey(null, CampusId.Parse("101912001"), null, null), null, new ReportingPeriod(1))!;
        var campus2 = summary.Find(new AttendanceGroupKey(null, CampusId.Parse("101912002"), null, null), null, new ReportingPeriod(1))!;
        Assert.Equal((0.333m, 0.000m), (campus1.Ada.Published, campus2.Ada.Published));
        Assert.Equal([prs], summary.RecordsBehind(campus1));
        Assert.Empty(summary.RecordsBehind(campus2));
        Assert.Equal(SpecialProgramAda.PregnancyRelatedServices, summary.Program);
    }

    [Fact]
    public void Records_of_periods_7_to_9_are_listed_apart_and_not_counted()
    {
        var inYear = Days(Record("A", period: 1, taught: 30, eligible: 30), residential: 30);
        var extended = Days(Record("A", period: 7, taught: 10, eligible: 10), residential: 10);

        var summary = ResidentialFacilityRefinedAda.Compute([inYear, extended], Rules2024);

        Assert.Equal([extended], summary.RecordsOutsideRefinedAda);
        Assert.Equal(R(1, 6), summary.Find(District101912, null, null)!.Ada.Exact);
    }

    [Fact]
    public void A_rule_set_asking_for_best_four_of_six_is_refused_for_a_special_program()
    {
        var rules = Rules2024 with { BestFourOfSix = BestFourOfSixOption.ForDistrict(DistrictId.Parse(District), 5) };
        var records = new[] { Days(Record("A", period: 1, taught: 30, eligible: 30), mainstream: 30) };

        var e = Assert.Throws<ArgumentException>(() => SpecialEducationMainstreamRefinedAda.Compute(records, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District }));
        Assert.Contains("basic refined ADA only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_program_counts_its_own_element()
    {
        var s = Days(Record("A", period: 1, taught: 30, eligible: 30), prs: 1, mainstream: 2, residential: 3, bilingual: 4, funding: "D1");

        Assert.Equal(
            [DayCount.FromDays(4), DayCount.FromDays(2), DayCount.FromDays(1), DayCount.FromDays(3)],
            new[] { BilingualEslRefinedAda.DaysPresent(s), SpecialEducationMainstreamRefinedAda.DaysPresent(s), PregnancyRelatedServicesRefinedAda.DaysPresent(s), ResidentialFacilityRefinedAda.DaysPresent(s) });
    }
}
