using PeimsRules.Funding;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// The 2019-20 COVID-19 historical ratio of a district = its 2018-19 refined ADA over periods 1 to 6 ÷ its 2018-19
/// refined ADA over periods 1 to 4, each the mean of its periods, computed once per district from all its students.
/// Source: TEA letter "2019-2020 near-final Summary of Finances", 2020-09-24, General Funding Question 1, step 1;
/// Early Education ADA report specification (OnDataSuite), "2018-2019 Historical Ratio"; TEA-RULES.md, "COVID-19, 2019-20".
/// </summary>
public class HistoricalRatioSpecification
{
    [Fact]
    public void Is_the_six_period_refined_ADA_over_the_four_period_refined_ADA()
    {
        // TEA-RULES.md's example: 2018-19 period ADAs 100, 100, 100, 100, 90, 90.
        // (580 / 6) / (400 / 4) = 96.666… / 100 = 29/30.
        Assert.Equal(R(29, 30), HistoricalRatio.Of(Adas(100, 100, 100, 100, 90, 90)));
    }

    [Fact]
    public void Is_kept_exact_not_rounded_to_three_decimals_before_it_is_applied()
    {
        // 96.667 / 100 would be 0.96667; the ratio stays 29/30 = 0.96666…
        var ratio = HistoricalRatio.Of(Adas(100, 100, 100, 100, 90, 90))!.Value;

        Assert.NotEqual(Ratio.FromDecimal(0.96667m), ratio);
        Assert.NotEqual(Ratio.FromDecimal(96.667m) / R(100), ratio);
    }

    [Fact]
    public void Is_computed_from_2018_19_records_by_district_from_all_its_students()
    {
        // District 101912, 2018-19, 30 days taught in every period, everyone present every day:
        //   campus 001: 100 students in periods 1 to 4, 90 in periods 5 and 6 (its own ratio would be 29/30);
        //   campus 002: 50 students in every period (its own ratio would be 1).
        // District period ADAs: 150, 150, 150, 150, 140, 140.
        // Ratio = (880 / 6) / (600 / 4) = 146.666… / 150 = 44/45: one ratio for the district, not one per campus.
        var records = EachPeriod(p => Students(p <= 4 ? 100 : 90, p, taught: 30, eligible: 30, prefix: "A", year: 2019, campus: "101912001")
            .Concat(Students(50, p, taught: 30, eligible: 30, prefix: "B", year: 2019, campus: "101912002")));

        var ratios = HistoricalRatio.ByDistrict(records);

        var (district, ratio) = Assert.Single(ratios);
        Assert.Equal(DistrictId.Parse("101912"), district);
        Assert.Equal(R(44, 45), ratio);
    }

    [Fact]
    public void Gives_each_district_its_own_ratio()
    {
        // District 101912: 100, 100, 100, 100, 90, 90 → 29/30. District 057905: 10 in every period → 1.
        var records = EachPeriod(p => Students(p <= 4 ? 100 : 90, p, taught: 30, eligible: 30, year: 2019, campus: "101912001")
            .Concat(Students(10, p, taught: 30, eligible: 30, year: 2019, campus: "057905001")));

        var ratios = HistoricalRatio.ByDistrict(records);

        Assert.Equal(R(29, 30), ratios[DistrictId.Parse("101912")]);
        Assert.Equal(R(1), ratios[DistrictId.Parse("057905")]);
    }

    [Fact]
    public void Has_no_value_when_periods_1_to_4_have_no_ADA()
    {
        // Dividing by a four-period ADA of zero has no answer; the district gets no ratio (its 2019-20 figure is then
        // not computable), never a ratio of zero.
        Assert.Null(HistoricalRatio.Of(Adas(0, 0, 0, 0, 5, 5)));

        var records = new[] { 5, 6 }.SelectMany(p => Students(5, p, taught: 30, eligible: 30, year: 2019));
        Assert.Empty(HistoricalRatio.ByDistrict(records));
    }

    [Fact]
    public void Refuses_records_that_are_not_of_2018_19()
    {
        var records = Students(10, period: 1, taught: 30, eligible: 30, year: 2020);

        Assert.Throws<ArgumentException>(() => HistoricalRatio.ByDistrict(records));
    }
}
