using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// In 2020-21 and 2021-22, remote synchronous (RS, E1678) and asynchronous (RA, E1679) eligible days present count as
/// eligible days present, in ADA and in PIA; in no other year. Source: Early Education ADA report specification (OnDataSuite),
/// "2020-2021 &amp; 2021-2022 RA/RS included"; TEA-RULES.md, Formulas.
/// </summary>
public class RemoteDaysSpecification
{
    [Theory]
    [InlineData(2019, false)]
    [InlineData(2020, false)]
    [InlineData(2021, true)]
    [InlineData(2022, true)]
    [InlineData(2023, false)]
    [InlineData(2025, false)]
    public void Count_only_in_2020_21_and_2021_22(int year, bool counted)
    {
        Assert.Equal(counted, RuleSet.For(new SchoolYear(year)).CountsRemoteDays);
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    public void Count_toward_ADA_and_PIA_in_the_remote_years(int year)
    {
        // 30 days taught: 10 on campus, 8 remote synchronous, 5 remote asynchronous, 7 absent.
        // ADA: (10 + 8 + 5) / 30 = 23/30. PIA: (10 + 8 + 5) / (10 + 8 + 5 + 7) × 100 = 2300 / 30 = 76.666… → 76.667.
        var rules = RuleSet.For(new SchoolYear(year));
        var record = Record(year: year, taught: 30, eligible: 10, remoteSync: 8, remoteAsync: 5, absent: 7);

        Assert.Equal(R(23, 30), PeriodAda.Compute([record], rules));
        Assert.Equal(R(230, 3), PercentInAttendance.Compute([record], rules));
        Assert.Equal(76.667m, rules.Rounding.Apply(R(230, 3)));
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2023)]
    [InlineData(2024)]
    public void Do_not_count_outside_the_remote_years(int year)
    {
        // The same record in a year that does not count remote days. ADA: 10 / 30 = 1/3.
        // PIA: 10 / (10 + 7) × 100 = 1000 / 17 = 58.823… → 58.824 (remote days are in neither numerator nor denominator).
        var rules = RuleSet.For(new SchoolYear(year));
        var record = Record(year: year, taught: 30, eligible: 10, remoteSync: 8, remoteAsync: 5, absent: 7);

        Assert.Equal(R(1, 3), PeriodAda.Compute([record], rules));
        Assert.Equal(R(1000, 17), PercentInAttendance.Compute([record], rules));
        Assert.Equal(58.824m, rules.Rounding.Apply(R(1000, 17)));
    }

    [Fact]
    public void Count_toward_ADA_as_reported_even_under_an_unfunded_code()
    {
        // 2020-21: E1678 counts as reported, like E0937: 12 remote synchronous days present and 18 absent of 30 give
        // ADA 12 / 30 = 2/5 and PIA 12 / 30 × 100 = 40, with or without the enrollment's code 4 joined (the audit's
        // business to flag remote days on an ineligible code, not the calculator's to drop them).
        var rules = RuleSet.For(new SchoolYear(2021));
        var record = Record(year: 2021, code: 4, taught: 30, remoteSync: 12, absent: 18);

        Assert.Equal(R(2, 5), PeriodAda.Compute([record], rules));
        Assert.Equal(PeriodAda.Compute([record with { }], rules), PeriodAda.Compute([Record(year: 2021, taught: 30, remoteSync: 12, absent: 18)], rules));
        Assert.Equal(R(40), PercentInAttendance.Compute([record], rules));
    }

    [Fact]
    public void Enter_the_refined_ADA_of_2020_21_and_the_drill_down()
    {
        // 2020-21: one student each period, 15 on campus and 15 remote asynchronous of 30 days: each period ADA 1,
        // refined ADA 1.000. The drill-down lists the record with its remote days (Early Education ADA report specification (OnDataSuite): "RA/RS included in drilldowns").
        var rules = RuleSet.For(new SchoolYear(2021));
        var records = EachPeriod(p => [Record(year: 2021, period: p, taught: 30, eligible: 15, remoteAsync: 15)]).ToList();

        var summary = AttendanceSummary.Compute(records, rules);
        var year = summary.Figures.Single(f => f.IsYear);

        Assert.Equal(1.000m, year.Ada.Published);
        Assert.Equal(100.000m, year.Pia.Published);
        Assert.Equal(records, summary.RecordsBehind(year));
    }
}
