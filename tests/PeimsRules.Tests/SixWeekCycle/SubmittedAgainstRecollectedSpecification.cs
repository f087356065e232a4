using PeimsRules.Attendance;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;

namespace PeimsRules.Tests.SixWeekCycle;

/// <summary>
/// Submitted against re-collected: the Summer submission re-collects periods 1 to 5 to correct them (TEA letters
/// 2025-07-10 and 2025-09-18). Comparing a period's six-weeks submission with the same period of the Summer submission
/// gives, per campus, the ADA difference and the dollars it carries at the year's basic allotment (one period is one
/// sixth of the refined ADA).
/// </summary>
public class SubmittedAgainstRecollectedSpecification
{
    private static readonly RuleSet Rules2026 = RuleSet.For(new SchoolYear(2026));

    private static AttendanceComparison Period2() =>
        AttendanceComparison.CompareRecords(
            SixWeekCycleFiles.Read(SixWeekCycleFiles.SixWeeksPeriod2Fixed),
            SixWeekCycleFiles.Read(SixWeekCycleFiles.Summer),
            Rules2026,
            new AttendanceComparisonOptions { GroupBy = AttendanceGrouping.Campus, Period = new ReportingPeriod(2) });

    [Fact]
    public void A_correction_of_2_5_days_in_period_2_is_0_100_ADA_and_103_58_dollars_at_6215()
    {
        // Submitted: 85.0 eligible days ÷ 25 = 3.400. Summer: student 104 corrected from 17.5 to 20.0 present, 87.5 ÷ 25 = 3.500.
        // Difference 2.5 ÷ 25 = 1/10 ADA; dollars 1/10 ÷ 6 × $6,215 = $103.583… → $103.58.
        var comparison = Period2();

        var row = comparison.Find(new AttendanceGroupKey(null, CampusId.Parse("101912101"), null, null), Population.All, new ReportingPeriod(2))!;
        Assert.Equal(3.4m, row.Ada.Before.Published);
        Assert.Equal(3.5m, row.Ada.After.Published);
        Assert.Equal(Ratio.Of(1, 10), row.Ada.ExactDifference);
        Assert.Equal(103.58m, comparison.BasicAllotmentDollars(row));
    }

    [Fact]
    public void Only_the_period_compared_has_rows_the_other_periods_of_the_Summer_file_and_the_year_are_left_out()
    {
        var comparison = Period2();

        Assert.All(comparison.Figures, f => Assert.Equal(new ReportingPeriod(2), f.Period));
        Assert.All(comparison.After.Records, r => Assert.Equal(2, r.ReportingPeriod.Number));
        var changed = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(StudentId.Parse("1000000104"), changed.Key.Student);
    }

    [Fact]
    public void A_year_row_difference_carries_the_whole_basic_allotment_per_ADA()
    {
        // Without a period filter the year row moves by 1/10 ÷ 6 = 1/60 ADA: 1/60 × $6,215 = $103.58 again.
        var comparison = AttendanceComparison.CompareRecords(
            SixWeekCycleFiles.Read(SixWeekCycleFiles.Summer).Select(r => r.StudentId.Value == "1000000104" && r.ReportingPeriod.Number == 2
                ? new BasicReportingPeriodAttendance(r.SchoolYear, r.Key, r.NumberDaysTaught, DayCount.FromDays(17.5m), r.IneligibleDaysPresent, DayCount.FromDays(7.5m), r.FundingAttributes) { BirthDate = r.BirthDate }
                : r),
            SixWeekCycleFiles.Read(SixWeekCycleFiles.Summer),
            Rules2026);

        var year = comparison.Figures.Single(f => f.IsYear && f.Population == Population.All);
        Assert.Equal(Ratio.Of(1, 60), year.Ada.ExactDifference);
        Assert.Equal(103.58m, comparison.BasicAllotmentDollars(year));
    }
}
