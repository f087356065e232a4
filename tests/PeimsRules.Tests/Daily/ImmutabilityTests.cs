using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>The daily types are immutable: the lists they expose cannot be changed, not even through a cast.</summary>
public class ImmutabilityTests
{
    [Fact]
    public void The_lists_of_a_calendar_an_enrollment_and_a_build_are_read_only()
    {
        var calendar = Calendar();
        var enrollment = Enroll("1000000001", Monday(1), changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.HalfDay)]);
        var build = Build([enrollment], Week("1000000001", Monday(1), "PPPPP").Concat(Week("2000000002", Monday(1), "P")), [calendar]);

        var lists = new object[]
        {
            calendar.InstructionalDays, calendar.ReportingPeriods, calendar.ExcludedDateRanges, calendar.InstructionalDaysOf(P(1)),
            enrollment.AdaEligibility, build.Records, build.SpecialProgramRecords, build.UnmatchedMarks, build.Students,
            build.Explain(S("1000000001"), P(1)),
        };

        Assert.All(lists, list => Assert.True(list is System.Collections.IList { IsReadOnly: true }, $"{list.GetType()} can be changed."));
        Assert.False(build.LeftOutDays is System.Collections.IDictionary { IsReadOnly: false });
    }
}
