using FsCheck;
using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Properties;

/// <summary>
/// The 42400 record model's invariants: the figures do not depend on the optional ADA code joined to the records,
/// and the daily builder writes one record per key for any district.
/// </summary>
[Properties(Arbitrary = [typeof(AttendanceArbitraries), typeof(Daily.DailyArbitraries)], MaxTest = 40)]
public class RecordModelProperties
{
    [Property]
    public void ADA_and_PIA_do_not_depend_on_the_optional_ADA_code_column(AttendanceFile file, int seed)
    {
        var rules = RuleSet.For(file.Year);
        var random = new Random(seed);
        var recoded = file.Records.Select(r => new BasicReportingPeriodAttendance(
            r.SchoolYear, r.Key, r.NumberDaysTaught, r.EligibleDaysPresent, r.IneligibleDaysPresent, r.DaysAbsent, r.FundingAttributes,
            r.RemoteSynchronousEligibleDaysPresent, r.RemoteAsynchronousEligibleDaysPresent,
            random.Next(10) is var c && c == 9 ? null : AdaEligibility.FromCode(c))).ToList();
        var options = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };

        Assert.Equal(
            AttendanceSummary.Compute(file.Records, rules, options).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada, f.Pia)),
            AttendanceSummary.Compute(recoded, rules, options).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada, f.Pia)));
    }

    [Property]
    public void The_daily_builder_writes_one_record_per_key_for_any_district(Daily.MessyDistrict generated)
    {
        var build = generated.District.Build();

        Assert.Equal(build.Records.Count, build.Records.Select(r => r.Key).Distinct().Count());
    }
}
