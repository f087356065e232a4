using FsCheck.Xunit;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// For any generated district: the bilingual/ESL days (E0938) of the special-programs records are, by 42400 key and
/// funding code, exactly the eligible days present the plan puts under an enrollment with that code (half a day under
/// codes 2 and 6); and in any district they are never more than the record's eligible days present.
/// </summary>
[Properties(Arbitrary = [typeof(DailyArbitraries)], MaxTest = 60)]
public class BilingualEslDaysProperties
{
    [Property]
    public void Bilingual_ESL_days_are_the_eligible_days_present_under_each_funding_code_as_the_plan_implies(CleanDistrict generated)
    {
        var district = generated.District;
        var expected = new Dictionary<string, long>();
        foreach (var enrollment in district.Enrollments.Where(e => e.BilingualEslFunding is not null))
        {
            var calendar = district.Calendars.Single(c => c.Campus == enrollment.Campus && c.CalendarCode == enrollment.CalendarCode);
            var end = enrollment.WithdrawalDate ?? LocalDate.MaxIsoValue;
            foreach (var period in calendar.ReportingPeriods)
            {
                foreach (var day in calendar.InstructionalDays.Where(d => period.Dates.Contains(d) && d >= enrollment.EntryDate && d < end))
                {
                    var code = enrollment.AdaEligibilityOn(day);
                    if (code.IsEligible && district.Plan[(enrollment.Student, enrollment.Campus, day)])
                    {
                        var key = $"{enrollment.Student} {enrollment.Campus} {enrollment.GradeLevel} {district.Tracks[calendar]} {period.Period} {enrollment.BilingualEslFunding}";
                        expected[key] = expected.GetValueOrDefault(key) + (code.IsHalfDay ? 1 : 2);
                    }
                }
            }
        }

        var actual = district.Build().SpecialProgramRecords
            .Where(s => s.BilingualEslDaysPresent.HalfDays > 0)
            .ToDictionary(
                s => $"{s.Record.StudentId} {s.Record.CampusId} {s.Record.GradeLevel} {s.Record.InstructionalTrack} {s.Record.ReportingPeriod} {s.BilingualEslFunding}",
                s => s.BilingualEslDaysPresent.HalfDays);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Property]
    public void Bilingual_ESL_days_of_a_record_under_all_its_codes_are_never_more_than_its_eligible_days_present(MessyDistrict generated)
    {
        var build = generated.District.Build();

        Assert.All(build.SpecialProgramRecords.GroupBy(s => s.Record), g =>
        {
            Assert.True(g.Aggregate(DayCount.Zero, (sum, s) => sum + s.BilingualEslDaysPresent) <= g.Key.EligibleDaysPresent);
            Assert.Equal(g.Count(), g.Select(s => s.BilingualEslFunding).Distinct().Count());
        });
    }

    [Fact]
    public void The_generated_districts_have_bilingual_ESL_days_under_every_code_so_the_properties_test_something()
    {
        var days = Enumerable.Range(1, 20).SelectMany(seed => new CleanDistrict(seed).District.Build().SpecialProgramRecords)
            .Where(s => s.BilingualEslDaysPresent.HalfDays > 0)
            .ToList();

        Assert.Equal(BilingualEslFunding.All, days.Select(s => s.BilingualEslFunding!.Value).Distinct().Order(Comparer<BilingualEslFunding>.Create((a, b) => string.CompareOrdinal(a.Code, b.Code))));
    }
}
