using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// ADA eligibility codes (E0787, code table C059): how much a day counts and whether it is funded. Codes 2, 5 and 6
/// count half a day of presence or absence for each instructional day; only 2 and 6 put their half days into eligible
/// days present; a code-5 day present is an ineligible day present.
/// Source: TEA data standards, C059; Ed-Fi TX object logic; TEA-RULES.md, "ADA eligibility".
/// </summary>
public class AdaEligibilitySpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Theory]
    [InlineData(0, DayWeight.None, false, false)]
    [InlineData(1, DayWeight.Full, true, true)]
    [InlineData(2, DayWeight.Half, true, true)]
    [InlineData(3, DayWeight.Full, true, true)]
    [InlineData(4, DayWeight.Full, false, true)]
    [InlineData(5, DayWeight.Half, false, true)]
    [InlineData(6, DayWeight.Half, true, true)]
    [InlineData(7, DayWeight.FlexibleMinutes, true, true)]
    [InlineData(8, DayWeight.FlexibleMinutes, false, true)]
    public void Follows_table_C059(int code, DayWeight weight, bool eligible, bool inMembership)
    {
        var c = AdaEligibility.FromCode(code);

        Assert.Equal(weight, c.Weight);
        Assert.Equal(eligible, c.IsEligible);
        Assert.Equal(inMembership, c.IsInMembership);
        Assert.Equal(code is 2 or 5 or 6, c.IsHalfDay);
        Assert.Equal(code is 3 or 6, c.IsTransfer);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void A_half_day_student_present_every_day_counts_as_half_a_student(int code)
    {
        // Present on all 30 instructional days of the period, each day counting one half: 15.0 eligible days.
        // 15 / 30 = 1/2 ADA; beside a full-day student present every day (30 / 30 = 1) the period ADA is 1.5.
        var records = new[]
        {
            Record("HALF", code: code, taught: 30, eligible: 15),
            Record("FULL", code: 1, taught: 30, eligible: 30),
        };

        Assert.Equal(R(3, 2), PeriodAda.Compute(records, Rules2024));
    }

    [Fact]
    public void A_half_day_absence_counts_half_a_day_absent()
    {
        // A code-2 student present 26 and absent 4 of 30 days reports 13.0 eligible days present and 2.0 days absent:
        // membership 15 days, PIA 13 / 15 × 100 = 86.666…, ADA 13 / 30.
        var record = Record(code: 2, taught: 30, eligible: 13, absent: 2);

        Assert.Equal(R(13, 30), PeriodAda.Compute([record], Rules2024));
        Assert.Equal(R(1300, 15), PercentInAttendance.Compute([record], Rules2024));
        Assert.Equal(86.667m, Rules2024.Rounding.Apply(R(1300, 15)));
    }

    [Fact]
    public void Code_5_days_present_are_ineligible_they_count_for_PIA_not_for_ADA()
    {
        // A code-5 (ineligible, half day) student present 25 and absent 5 of 30 days reports 12.5 ineligible days
        // present and 2.5 days absent. ADA: nothing. PIA: 12.5 / (12.5 + 2.5) = 83.333…%.
        var record = Record(code: 5, taught: 30, ineligible: 12.5m, absent: 2.5m);

        Assert.Equal(Ratio.Zero, PeriodAda.Compute([record], Rules2024));
        Assert.Equal(R(250, 3), PercentInAttendance.Compute([record], Rules2024));
    }

    [Fact]
    public void Eligible_days_reported_under_code_5_count_as_reported_and_the_audit_prices_them()
    {
        // TEA computes ADA from E0937 as reported; the 42400 record has no code to re-check it against. Beside a
        // code-1 student present 30 of 30, a code-5 record with 10 eligible days present and 5 absent makes
        // ADA 30/30 + 10/30 = 4/3 and PIA (30 + 10) / (30 + 10 + 5) = 40 / 45 = 88.888…%. The audit's ATT-01 finds
        // the 10 days (10 / 30 / 6 = 0.0556 refined ADA overstated).
        var records = new[]
        {
            Record("FULL", code: 1, taught: 30, eligible: 30),
            Record("INEL", code: 5, taught: 30, eligible: 10, absent: 5),
        };

        Assert.Equal(R(4, 3), PeriodAda.Compute(records, Rules2024));
        Assert.Equal(R(800, 9), PercentInAttendance.Compute(records, Rules2024));
        var finding = Assert.Single(PeimsRules.Audit.IntegrityAudit.Run(new PeimsRules.Audit.AuditInput { Records = records }, Rules2024).Findings, f => f.Rule == PeimsRules.Audit.AuditRules.FundedDayOnUnfundedCode);
        Assert.Equal(R(10, 180), finding.Ada);
    }

    [Fact]
    public void A_record_joined_to_code_0_counts_as_reported_and_the_audit_flags_it()
    {
        // Code 0: enrolled but not in membership (served under two hours a day): such a student should have no 42400
        // record at all. When one is reported, TEA's figure counts it as reported: beside a student present 27 and
        // absent 3 of 30 days, ADA is 27/30 + 5/30 = 32/30 = 16/15 and PIA (27 + 10) / (30 + 30) = 37/60 = 61.666…%.
        // The audit finds both the funded days (ATT-01) and the attendance of a student not in membership (ATT-08).
        var records = new[]
        {
            Record("IN", code: 1, taught: 30, eligible: 27, absent: 3),
            Record("OUT", code: 0, taught: 30, eligible: 5, ineligible: 5, absent: 20),
        };

        Assert.Equal(R(16, 15), PeriodAda.Compute(records, Rules2024));
        Assert.Equal(R(185, 3), PercentInAttendance.Compute(records, Rules2024));
        var rules = PeimsRules.Audit.IntegrityAudit.Run(new PeimsRules.Audit.AuditInput { Records = records }, Rules2024).Findings.Select(f => f.Rule.Id).Order().ToArray();
        Assert.Equal(["ATT-01", "ATT-08"], rules);
    }
}
