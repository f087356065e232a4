using PeimsRules.Attendance;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;
using static PeimsRules.Tests.Reconciliation.ReconciliationFiles;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// Differences in rules rather than data, explained the same way: the figure under each rule set, the parameter that
/// differs, and the records each parameter counts differently.
/// </summary>
public class ComparingTwoRuleSetsSpecification
{
    [Fact]
    public void Two_midpoint_rules_publish_2_0125_as_2_013_and_2_012_and_the_difference_is_flagged_as_purely_rounding()
    {
        // 2023-24, a 40-day period: two students present every day and one present half a day.
        // Period ADA = (40 + 40 + 0.5) / 40 = 161/80 = 2.0125 exactly, a midpoint at three decimals.
        var records = Read(
            "periods.csv",
            "2024,101912,101912001,1000000001,05,00,1,1,40.0,40.0,0.0,0.0,00,0,",
            "2024,101912,101912001,1000000002,05,00,1,1,40.0,40.0,0.0,0.0,00,0,",
            "2024,101912,101912001,1000000003,05,00,1,1,40.0,0.5,0.0,39.5,00,0,");
        var halfAwayFromZero = RuleSet.For(new SchoolYear(2024));
        var bankers = halfAwayFromZero with { Rounding = new RoundingRule(3, MidpointRounding.ToEven) };

        var comparison = AttendanceComparison.CompareRules(records, halfAwayFromZero, bankers);

        Assert.Equal(
            new RuleParameterDifference(
                "Rounding",
                "Published ADA and PIA figures are rounded once, at the end, to three decimals.",
                "3 decimals, AwayFromZero",
                "3 decimals, ToEven"),
            Assert.Single(comparison.RuleDifferences));
        Assert.Empty(comparison.RecordDifferences);

        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(Ratio.Of(161, 80), period.Ada.Before.Exact);
        Assert.Equal(2.013m, period.Ada.Before.Published);
        Assert.Equal(2.012m, period.Ada.After.Published);
        Assert.Equal(Ratio.Zero, period.Ada.ExactDifference);
        Assert.Equal(-0.001m, period.Ada.PublishedDifference);
        Assert.Equal(FigureChangeKind.RoundingOnly, period.Ada.Kind);
        Assert.Empty(period.Explanation);

        // The year, 161/480 = 0.33541..., is no midpoint: 0.335 under both rules.
        Assert.Equal(FigureChangeKind.Unchanged, comparison.Find(DistrictRow, Population.All, null)!.Ada.Kind);
    }

    [Fact]
    public void Counting_2021_22_records_by_2022_23_parameters_takes_out_the_remote_days_record_by_record()
    {
        // 2021-22: 20 days on campus, 5 remote synchronous (E1678), 2 remote asynchronous (E1679), 3 absent, of 30.
        var records = ReadWithRemoteDays(
            "periods.csv",
            "2022,101912,101912001,1000000001,05,00,1,1,30.0,20.0,0.0,3.0,00,0,,5.0,2.0");
        var rules2022 = RuleSet.For(new SchoolYear(2022));
        var withRules2023 = rules2022.WithParametersOf(new SchoolYear(2023));

        var comparison = AttendanceComparison.CompareRules(records, rules2022, withRules2023);

        var parameter = Assert.Single(comparison.RuleDifferences);
        Assert.Equal(("CountsRemoteDays", "yes", "no"), (parameter.Name, parameter.Before, parameter.After));

        var recounted = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(RecordChangeKind.Recounted, recounted.Kind);
        Assert.Empty(recounted.FieldChanges);

        // Period ADA: (20 + 5 + 2)/30 = 0.900 under 2021-22's rules, 20/30 = 0.667 under 2022-23's: -7/30.
        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(0.900m, period.Ada.Before.Published);
        Assert.Equal(0.667m, period.Ada.After.Published);
        Assert.Equal(Ratio.Of(-7, 30), period.Ada.ExactDifference);
        Assert.Equal(Ratio.Of(-7, 30), Assert.Single(period.Explanation).Contribution.Ada);

        // PIA: 27 of 30 = 90.000 before; 20 present of 23 in membership = 86.957 after (remote days count in neither).
        Assert.Equal(90.000m, period.Pia.Before.Published);
        Assert.Equal(86.957m, period.Pia.After.Published);
        Assert.Equal(-7m, period.DaysPresentChange);
        Assert.Equal(-7m, period.DaysInMembershipChange);

        // The year: -7/30 ÷ 6 = -7/180.
        Assert.Equal(Ratio.Of(-7, 180), comparison.Find(DistrictRow, Population.All, null)!.ExplainedAdaDifference);
    }

    [Fact]
    public void Rules_without_the_K3_rows_explain_the_whole_K3_row_as_recounted_records()
    {
        // 2023-24 records counted without the HB 3 rows (as before 2019-20): the K-3 row exists on one side only.
        var records = Read(
            "periods.csv",
            "2024,101912,101912001,1000000001,KG,00,1,1,30.0,27.0,0.0,3.0,01,0,");
        var rules = RuleSet.For(new SchoolYear(2024));

        var comparison = AttendanceComparison.CompareRules(records, rules with { HasEarlyEducationRows = false }, rules);

        Assert.Equal("HasEarlyEducationRows", Assert.Single(comparison.RuleDifferences).Name);
        var k3 = comparison.Find(DistrictRow, Population.K3EconomicallyDisadvantaged, Period(1))!;
        Assert.Null(k3.Before);
        Assert.Equal(0.000m, k3.Ada.Before.Published);
        Assert.Equal(0.900m, k3.Ada.After.Published);
        Assert.Equal(RecordChangeKind.Recounted, Assert.Single(k3.Explanation).Record.Kind);
        Assert.Equal(Ratio.Of(9, 10), k3.ExplainedAdaDifference);
        Assert.Equal(FigureChangeKind.Unchanged, comparison.Find(DistrictRow, Population.All, Period(1))!.Ada.Kind);
    }

    [Fact]
    public void The_rules_of_one_year_with_another_years_parameters_keep_their_own_school_year()
    {
        var rules = RuleSet.For(new SchoolYear(2022)).WithParametersOf(new SchoolYear(2019));

        Assert.Equal(new SchoolYear(2022), rules.SchoolYear);
        Assert.False(rules.CountsRemoteDays);
        Assert.False(rules.HasEarlyEducationRows);
        Assert.Null(rules.BasicAllotment);
        Assert.Equal(
            ["CountsRemoteDays", "HasEarlyEducationRows", "BasicAllotment", "EarlyEducationAllotmentRate"],
            RuleDifferences.Between(RuleSet.For(new SchoolYear(2022)), rules).Select(d => d.Name));
    }
}
