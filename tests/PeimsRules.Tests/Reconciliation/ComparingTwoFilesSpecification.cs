using PeimsRules.Attendance;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;
using static PeimsRules.Tests.Reconciliation.ReconciliationFiles;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// Why two period-attendance files of 2023-24 give different figures: hand-made before and after files, each
/// difference explained by the records behind it, each record's contribution exact. Every file is one campus of
/// district 101912, period 1 of 30 days taught unless a test says otherwise.
/// </summary>
public class ComparingTwoFilesSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Fact]
    public void A_changed_economic_disadvantage_code_moves_a_kindergartner_into_the_K3_row_and_leaves_the_all_students_ADA_as_it_was()
    {
        // Student 1 was present 27 of 30 days, student 2 all 30; the correction codes student 1 as eligible for free meals.
        var before = Read(
            "before.csv",
            "2024,101912,101912001,1000000001,KG,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000002,KG,00,1,1,30.0,30.0,0.0,0.0,01,0,");
        var after = Read(
            "after.csv",
            "2024,101912,101912001,1000000001,KG,00,1,1,30.0,27.0,0.0,3.0,01,0,",
            "2024,101912,101912001,1000000002,KG,00,1,1,30.0,30.0,0.0,0.0,01,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var change = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(RecordChangeKind.Changed, change.Kind);
        Assert.Equal(new FieldChange("EconomicDisadvantageCode", "E0785", "00", "01"), Assert.Single(change.FieldChanges));

        // All students: 27/30 + 30/30 = 57/30 = 1.900 on both sides.
        var all = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(FigureChangeKind.Unchanged, all.Ada.Kind);
        Assert.Equal(1.900m, all.Ada.After.Published);

        // K-3 educationally disadvantaged: 30/30 = 1.000 before, 57/30 = 1.900 after; student 1 brings 27/30 = 9/10.
        var k3 = comparison.Find(DistrictRow, Population.K3EconomicallyDisadvantaged, Period(1))!;
        Assert.Equal(1.000m, k3.Ada.Before.Published);
        Assert.Equal(1.900m, k3.Ada.After.Published);
        Assert.Equal(Ratio.Of(9, 10), k3.Ada.ExactDifference);
        Assert.Equal(0.900m, k3.Ada.PublishedDifference);
        var explaining = Assert.Single(k3.Explanation);
        Assert.Same(change, explaining.Record);
        Assert.Equal(Ratio.Of(9, 10), explaining.Contribution.Ada);
        Assert.Equal(27m, explaining.Contribution.DaysPresentChange);
        Assert.Equal(30m, explaining.Contribution.DaysInMembershipChange);

        // The year is the mean of six periods: 1/6 = 0.167 before, 1.9/6 = 0.317 after; the contribution is 9/10 ÷ 6 = 3/20.
        var year = comparison.Find(DistrictRow, Population.K3EconomicallyDisadvantaged, null)!;
        Assert.Equal(0.167m, year.Ada.Before.Published);
        Assert.Equal(0.317m, year.Ada.After.Published);
        Assert.Equal(Ratio.Of(3, 20), Assert.Single(year.Explanation).Contribution.Ada);
        Assert.Equal(year.Ada.ExactDifference, year.ExplainedAdaDifference);
    }

    [Fact]
    public void An_added_student_adds_her_eligible_days_over_the_days_taught_to_the_period_ADA_and_a_sixth_of_that_to_the_refined_ADA()
    {
        var before = Read("before.csv", "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");
        var after = Read(
            "after.csv",
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000003,05,00,1,1,30.0,24.0,0.0,6.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var added = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(RecordChangeKind.Added, added.Kind);
        Assert.Equal("1000000003", added.Key.Student.Value);

        // Period 1: 27/30 = 0.900 before, 51/30 = 1.700 after; she contributes 24/30 = 4/5.
        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(Ratio.Of(4, 5), period.Ada.ExactDifference);
        Assert.Equal(0.800m, period.Ada.PublishedDifference);
        Assert.Equal(Ratio.Of(4, 5), Assert.Single(period.Explanation).Contribution.Ada);

        // PIA is a ratio of sums: 27/30 = 90.000 before, 51/60 = 85.000 after. Her share is told in days: 24 present, 30 in membership.
        Assert.Equal(90.000m, period.Pia.Before.Published);
        Assert.Equal(85.000m, period.Pia.After.Published);
        Assert.Equal(24m, period.DaysPresentChange);
        Assert.Equal(30m, period.DaysInMembershipChange);

        // Year: 0.9/6 = 0.150 before, 1.7/6 = 0.283 after; exactly 4/5 ÷ 6 = 2/15 more, published 0.133 more.
        var year = comparison.Find(DistrictRow, Population.All, null)!;
        Assert.Equal(0.150m, year.Ada.Before.Published);
        Assert.Equal(0.283m, year.Ada.After.Published);
        Assert.Equal(Ratio.Of(2, 15), year.Ada.ExactDifference);
        Assert.Equal(0.133m, year.Ada.PublishedDifference);
        Assert.Equal(FigureChangeKind.Changed, year.Ada.Kind);
        Assert.Equal(Ratio.Of(2, 15), year.ExplainedAdaDifference);
    }

    [Fact]
    public void A_removed_record_takes_away_exactly_its_own_contribution()
    {
        var before = Read(
            "before.csv",
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000002,05,00,1,1,30.0,30.0,0.0,0.0,00,0,");
        var after = Read("after.csv", "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var removed = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(RecordChangeKind.Removed, removed.Kind);
        Assert.Equal("removed", removed.Description);

        // 57/30 = 1.900 before, 27/30 = 0.900 after: student 2's 30/30 = 1 is gone.
        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(1.900m, period.Ada.Before.Published);
        Assert.Equal(0.900m, period.Ada.After.Published);
        Assert.Equal(Ratio.FromInteger(-1), period.Ada.ExactDifference);
        Assert.Equal(Ratio.FromInteger(-1), Assert.Single(period.Explanation).Contribution.Ada);
        Assert.Equal(-30m, period.DaysPresentChange);
    }

    [Fact]
    public void A_grade_change_is_a_removal_and_an_addition_and_the_explanation_says_the_student_moved_between_grade_rows()
    {
        // Student 1 (27 of 30 days) was reported in grade 02 and is corrected to grade 03, where student 2 (30 of 30) is.
        var before = Read(
            "before.csv",
            "2024,101912,101912001,1000000001,02,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000002,03,00,1,1,30.0,30.0,0.0,0.0,00,0,");
        var after = Read(
            "after.csv",
            "2024,101912,101912001,1000000001,03,00,1,1,30.0,27.0,0.0,3.0,00,0,",
            "2024,101912,101912001,1000000002,03,00,1,1,30.0,30.0,0.0,0.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(
            before, after, Rules2024, new AttendanceComparisonOptions { GroupBy = AttendanceGrouping.GradeLevel });

        Assert.Collection(
            comparison.RecordDifferences,
            left =>
            {
                Assert.Equal(RecordChangeKind.MovedOut, left.Kind);
                Assert.Equal(GradeLevel.Grade(2), left.Key.GradeLevel);
                Assert.Equal(GradeLevel.Grade(3), Assert.Single(left.Counterparts).GradeLevel);
                Assert.Equal("moved out: grade 02 to 03", left.Description);
                Assert.Equal(new FieldChange("GradeLevel", "E0017", "02", "03"), Assert.Single(left.FieldChanges));
            },
            arrived =>
            {
                Assert.Equal(RecordChangeKind.MovedIn, arrived.Kind);
                Assert.Equal("moved in: grade 02 to 03", arrived.Description);
            });

        // Grade 02 row: 27/30 = 0.900 before, no row after (ADA zero); grade 03 row: 1.000 before, 1.900 after.
        var grade02 = comparison.Find(new AttendanceGroupKey(null, null, GradeLevel.Grade(2), null), Population.All, Period(1))!;
        Assert.NotNull(grade02.Before);
        Assert.Null(grade02.After);
        Assert.Equal(Ratio.Of(-9, 10), grade02.Ada.ExactDifference);
        Assert.Equal(RecordChangeKind.MovedOut, Assert.Single(grade02.Explanation).Record.Kind);

        var grade03 = comparison.Find(new AttendanceGroupKey(null, null, GradeLevel.Grade(3), null), Population.All, Period(1))!;
        Assert.Equal(Ratio.Of(9, 10), grade03.Ada.ExactDifference);
        Assert.Equal(Ratio.Of(9, 10), Assert.Single(grade03.Explanation).Contribution.Ada);
    }

    [Fact]
    public void Grouped_by_district_the_same_grade_change_leaves_the_figure_unchanged_and_its_two_halves_cancel_exactly()
    {
        var before = Read("before.csv", "2024,101912,101912001,1000000001,02,00,1,1,30.0,27.0,0.0,3.0,00,0,");
        var after = Read("after.csv", "2024,101912,101912001,1000000001,03,00,1,1,30.0,27.0,0.0,3.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var district = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(FigureChangeKind.Unchanged, district.Ada.Kind);
        Assert.Equal(
            [Ratio.Of(-9, 10), Ratio.Of(9, 10)],
            district.Explanation.Select(e => e.Contribution.Ada!.Value));
        Assert.Equal(Ratio.Zero, district.ExplainedAdaDifference);
    }

    [Fact]
    public void An_ADA_eligibility_code_change_from_full_day_to_ineligible_takes_the_days_out_of_ADA_but_not_out_of_PIA()
    {
        // Code 1 to code 4: the same 27 days present are now ineligible days present (E0936), not funded. The code is
        // not part of the 42400 key, so this is a change of one record, not a move.
        var before = Read("before.csv", "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");
        var after = Read("after.csv", "2024,101912,101912001,1000000001,05,00,1,4,30.0,0.0,27.0,3.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var changed = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(RecordChangeKind.Changed, changed.Kind);
        Assert.Equal(
            ["AdaEligibilityCode 1 to 4", "EligibleDaysPresent 27.0 to 0.0", "IneligibleDaysPresent 0.0 to 27.0"],
            changed.FieldChanges.Select(f => f.ToString()));

        // ADA 27/30 = 0.900 to 0; PIA 27/30 present = 90.000 on both sides.
        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(Ratio.Of(-9, 10), period.Ada.ExactDifference);
        Assert.Equal(FigureChangeKind.Unchanged, period.Pia.Kind);
        Assert.Equal(90.000m, period.Pia.After.Published);
        Assert.Equal(0m, period.DaysPresentChange);
        Assert.Equal(
            [Ratio.Of(-9, 10)],
            period.Explanation.Select(e => e.Contribution.Ada!.Value));
    }

    [Fact]
    public void A_published_difference_of_one_thousandth_that_is_purely_rounding_is_flagged_as_rounding()
    {
        // Two tracks in period 1: track 00 has 30 days taught, track 01 has 29. A correction gives student 2 (track 00)
        // half a day more and takes half a day from student 3 (track 01): +1/60 and -1/58 in the period ADA.
        var before = Read(
            "before.csv",
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,30.0,0.0,0.0,00,0,",
            "2024,101912,101912001,1000000002,05,00,1,1,30.0,25.0,0.0,5.0,00,0,",
            "2024,101912,101912001,1000000003,05,01,1,1,29.0,29.0,0.0,0.0,00,0,",
            "2024,101912,101912001,1000000004,05,01,1,1,29.0,26.5,0.0,2.5,00,0,");
        var after = Read(
            "after.csv",
            "2024,101912,101912001,1000000001,05,00,1,1,30.0,30.0,0.0,0.0,00,0,",
            "2024,101912,101912001,1000000002,05,00,1,1,30.0,25.5,0.0,4.5,00,0,",
            "2024,101912,101912001,1000000003,05,01,1,1,29.0,28.5,0.0,0.5,00,0,",
            "2024,101912,101912001,1000000004,05,01,1,1,29.0,26.5,0.0,2.5,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        // Refined ADA: (55/30 + 55.5/29) ÷ 6 = 163/261 = 0.62452... published 0.625; after 2173/3480 = 0.62442...
        // published 0.624. The reports differ by 0.001, but the exact difference is -1/10440 = -0.0000958: rounding.
        var year = comparison.Find(DistrictRow, Population.All, null)!;
        Assert.Equal(Ratio.Of(163, 261), year.Ada.Before.Exact);
        Assert.Equal(0.625m, year.Ada.Before.Published);
        Assert.Equal(0.624m, year.Ada.After.Published);
        Assert.Equal(-0.001m, year.Ada.PublishedDifference);
        Assert.Equal(Ratio.Of(-1, 10440), year.Ada.ExactDifference);
        Assert.Equal(FigureChangeKind.RoundingOnly, year.Ada.Kind);
        Assert.Equal(
            [Ratio.Of(1, 360), Ratio.Of(-1, 348)],
            year.Explanation.Select(e => e.Contribution.Ada!.Value));

        // Period 1 moves by -1/1740 = -0.000575, from 3.74712... to 3.74655...: both publish as 3.747.
        var period = comparison.Find(DistrictRow, Population.All, Period(1))!;
        Assert.Equal(Ratio.Of(-1, 1740), period.Ada.ExactDifference);
        Assert.Equal(0m, period.Ada.PublishedDifference);
        Assert.Equal(FigureChangeKind.BelowPublishedPrecision, period.Ada.Kind);
    }

    [Fact]
    public void Two_records_under_one_key_are_matched_as_one_and_folding_them_changes_no_figure()
    {
        // Student 1 withdrew and re-entered inside period 1, and a system handed the library two records (12 + 15 days
        // present, 1 + 2 absent); the state folded them into one of 27 present and 3 absent, as 42400-000A asks. The CSV
        // reader refuses such a file; records built in code (or from another source) can still carry the duplicate.
        var before = new[]
        {
            Support.Given.Record(student: "1000000001", taught: 30, eligible: 12, absent: 1, code: 1),
            Support.Given.Record(student: "1000000001", taught: 30, eligible: 15, absent: 2, code: 1),
        };
        var after = Read("after.csv", "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");

        var comparison = AttendanceComparison.CompareRecords(before, after, Rules2024);

        var key = Assert.Single(comparison.DuplicateKeysBefore);
        Assert.Empty(comparison.DuplicateKeysAfter);
        var difference = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(key, difference.Key);
        Assert.True(difference.IsDuplicateKey);
        Assert.Equal(RecordChangeKind.Changed, difference.Kind);
        Assert.Equal(new FieldChange("RecordCount", null, "2", "1"), Assert.Single(difference.FieldChanges));
        Assert.All(difference.Contributions, c => Assert.True(c.IsZero));
        Assert.DoesNotContain(comparison.Figures, f => f.IsDifferent);
    }

    [Fact]
    public void Comparing_a_file_with_itself_finds_no_difference()
    {
        var records = Read(
            "file.csv",
            "2024,101912,101912001,1000000001,KG,00,1,1,30.0,27.0,0.0,3.0,01,1,BE",
            "2024,101912,101912001,1000000002,03,00,2,2,29.0,14.0,0.0,0.5,00,0,");

        var comparison = AttendanceComparison.CompareRecords(records, records.Reverse(), Rules2024);

        Assert.False(comparison.HasDifferences);
        Assert.Empty(comparison.RecordDifferences);
        Assert.All(comparison.Figures, f => Assert.Equal(Ratio.Zero, f.Ada.ExactDifference));
    }

    [Fact]
    public void Records_of_two_school_years_are_not_compared()
    {
        var before = Read("before.csv", "2024,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");
        var after = Read("after.csv", "2025,101912,101912001,1000000001,05,00,1,1,30.0,27.0,0.0,3.0,00,0,");

        var error = Assert.Throws<ArgumentException>(() => AttendanceComparison.Compare(
            new AttendanceSnapshot(Rules2024, before),
            new AttendanceSnapshot(RuleSet.For(new SchoolYear(2025)), after)));
        Assert.Contains("one school year", error.Message, StringComparison.Ordinal);
    }
}
