using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// ADA of one reporting period = Σ over records of (eligible days present ÷ that record's days taught).
/// Source: Early Education ADA report specification (OnDataSuite), "Refined ADA by six weeks – Sum of all students' total eligible days
/// present (E0937) ... / number days taught (E0935)"; TEA-RULES.md, Formulas; code table C059 for which codes are funded.
/// </summary>
public class PeriodAdaSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Fact]
    public void Is_total_eligible_days_present_over_days_taught_on_one_track()
    {
        // Three students in a period of 30 days taught, present 28, 29.5 and 30 eligible days:
        // (28 + 29.5 + 30) / 30 = 87.5 / 30 = 35/12 = 2.91666…
        var records = new[]
        {
            Record("A", taught: 30, eligible: 28, absent: 2),
            Record("B", taught: 30, eligible: 29.5m, absent: 0.5m),
            Record("C", taught: 30, eligible: 30),
        };

        Assert.Equal(R(35, 12), PeriodAda.Compute(records, Rules2024));
    }

    [Fact]
    public void Divides_each_record_by_its_own_track_days_taught()
    {
        // Track 00 taught 30 days and track 01 taught 20 days in period 1.
        // Track 00: 3 students present every day, 90 eligible days → 90 / 30 = 3.
        // Track 01: 2 students present every day, 40 eligible days → 40 / 20 = 2.
        // Period ADA = 3 + 2 = 5 (five students, every one present every day). Pooling, 130 / 50 = 2.6, is wrong.
        var records = Students(3, period: 1, taught: 30, eligible: 30, prefix: "T0-", track: "00")
            .Concat(Students(2, period: 1, taught: 20, eligible: 20, prefix: "T1-", track: "01"));

        var ada = PeriodAda.Compute(records, Rules2024);

        Assert.Equal(R(5), ada);
        Assert.NotEqual(R(130, 50), ada);
    }

    [Fact]
    public void Counts_both_records_of_a_student_whose_code_changed_inside_the_period()
    {
        // A student withdraws from full-day (code 1) after 10 days, all present, and re-enters as half-day (code 2)
        // for the remaining 20 days, all present: a half-day student's day present is half a day, so 10.0 eligible days.
        // Two records, both counted: (10 + 10) / 30 = 2/3.
        var records = new[]
        {
            Record("S1", code: 1, taught: 30, eligible: 10),
            Record("S1", code: 2, taught: 30, eligible: 10),
        };

        Assert.Equal(R(2, 3), PeriodAda.Compute(records, Rules2024));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(6, true)]
    [InlineData(7, true)]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(8, false)]
    public void Counts_E0937_as_reported_whatever_the_enrollments_ADA_code(int code, bool funded)
    {
        // The 42400 record carries no ADA code: a record of 15 eligible days present in a 30-day period is worth
        // 15 / 30 = 1/2, as TEA computes it, whether the enrollment's code (joined for the audit) is funded or not.
        // Eligible days on an unfunded code (0, 4, 5, 8) are a reporting error the audit finds and prices (ATT-01).
        var record = Record(code: code, taught: 30, eligible: 15);
        var withoutCode = Record(taught: 30, eligible: 15);

        Assert.Equal(R(1, 2), PeriodAda.Compute([record], Rules2024));
        Assert.Equal(PeriodAda.Compute([withoutCode], Rules2024), PeriodAda.Compute([record], Rules2024));
        Assert.Equal(funded, AdaEligibility.FromCode(code).IsEligible);
    }

    [Fact]
    public void Does_not_count_ineligible_days_present()
    {
        // E0936 days present are in membership and count for PIA, never for ADA: 20 ineligible days present → 0.
        Assert.Equal(Ratio.Zero, PeriodAda.Compute([Record(code: 1, taught: 30, ineligible: 20, absent: 10)], Rules2024));
    }

    [Fact]
    public void Is_computed_from_the_records_of_one_period_only()
    {
        var records = new[] { Record("A", period: 1, eligible: 30), Record("A", period: 2, eligible: 30) };

        Assert.Throws<ArgumentException>(() => PeriodAda.Compute(records, Rules2024));
    }

    [Fact]
    public void Is_zero_for_no_records()
    {
        Assert.Equal(Ratio.Zero, PeriodAda.Compute([], Rules2024));
    }
}
