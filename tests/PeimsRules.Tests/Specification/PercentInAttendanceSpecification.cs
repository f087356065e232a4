using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// PIA = (eligible + ineligible days present) ÷ (eligible + ineligible days present + days absent) × 100, per period and
/// for the year. Source: Early Education ADA report specification (OnDataSuite), "PIA (Percent in Attendance) by six weeks and total";
/// TEA-RULES.md, Formulas.
/// </summary>
public class PercentInAttendanceSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Fact]
    public void Is_days_present_over_days_in_membership_times_100()
    {
        // A student present 27 and absent 3 of 30 days: 27 / 30 × 100 = 90.
        // With a code-4 student present 20 (ineligible) and absent 10: (27 + 20) / (30 + 30) × 100 = 4700 / 60 = 78.333…
        var first = Record("A", code: 1, taught: 30, eligible: 27, absent: 3);
        var second = Record("B", code: 4, taught: 30, ineligible: 20, absent: 10);

        Assert.Equal(R(90), PercentInAttendance.Compute([first], Rules2024));
        Assert.Equal(R(235, 3), PercentInAttendance.Compute([first, second], Rules2024));
        Assert.Equal(78.333m, Rules2024.Rounding.Apply(R(235, 3)));
    }

    [Fact]
    public void For_the_year_pools_the_days_of_the_six_periods_not_the_mean_of_the_period_PIAs()
    {
        // Period 1: present 30 of 30 (100%). Period 2: present 10, absent 10 of 20 (50%). Periods 3 to 6: present 30 of 30.
        // Year: (30 + 10 + 4 × 30) / (30 + 20 + 4 × 30) × 100 = 160 / 170 × 100 = 94.117…% → 94.118.
        // The mean of the six period PIAs, (5 × 100 + 50) / 6 = 91.667, is not the formula.
        var records = EachPeriod(p => p == 2
            ? new[] { Record(period: 2, taught: 20, eligible: 10, absent: 10) }
            : new[] { Record(period: p, taught: 30, eligible: 30) });

        var summary = AttendanceSummary.Compute(records, Rules2024);
        var year = Assert.Single(summary.Figures, f => f.IsYear);

        Assert.Equal(R(16000, 170), year.Pia.Exact);
        Assert.Equal(94.118m, year.Pia.Published);
        Assert.Equal(50.000m, summary.Figures.Single(f => f.Period?.Number == 2).Pia.Published);
    }

    [Fact]
    public void Has_no_value_without_days_in_membership_not_zero()
    {
        // A record with no day present or absent (a student enrolled after the period's last day but reported): no days
        // in membership, so no PIA. Zero would claim everybody was absent.
        var record = Record(taught: 30);

        Assert.Null(PercentInAttendance.Compute([record], Rules2024));
        Assert.Null(PercentInAttendance.Compute([], Rules2024));
    }

    [Fact]
    public void A_period_with_no_days_in_membership_is_published_as_not_computable()
    {
        // Records only in period 1: periods 2 to 6 have no PIA, and say so.
        var summary = AttendanceSummary.Compute([Record(period: 1, taught: 30, eligible: 30)], Rules2024);
        var period2 = summary.Figures.Single(f => f.Period?.Number == 2);

        Assert.Equal(FigureStatus.NotComputable, period2.Pia.Status);
        Assert.Null(period2.Pia.Published);
        Assert.NotNull(period2.Pia.Reason);
    }

    [Fact]
    public void Counts_half_days_exactly()
    {
        // Present 29.5, absent 0.5 of 30: 29.5 / 30 × 100 = 98.333…
        Assert.Equal(R(295, 3), PercentInAttendance.Compute([Record(taught: 30, eligible: 29.5m, absent: 0.5m)], Rules2024));
    }
}
