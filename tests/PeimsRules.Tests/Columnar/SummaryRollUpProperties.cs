using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// The roll-up of a grouping whose parts are runs of cells (by campus, by district) sums each part from its own run
/// when its group's rows are made, on the thread that makes them; any grouping can also be summed in one pass over
/// every cell. Both ways give every slot the same sums and the same eligible days by days taught.
/// </summary>
public class SummaryRollUpProperties
{
    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 300)]
    public void Summing_part_by_part_gives_the_sums_of_one_pass_over_every_cell(ColumnarScenario scenario)
    {
        var store = AttendanceStore.From(scenario.Records());
        var partials = store.Aggregate(scenario.Rules);
        var through = scenario.ThroughPeriod ?? 6;
        var byPart = new SummaryRollUp(partials, scenario.GroupBy, through);
        var onePass = new SummaryRollUp(partials, scenario.GroupBy, through, partByPart: false);
        try
        {
            Assert.False(onePass.SumsPartsFromRuns);
            Assert.Equal(onePass.GroupKeys, byPart.GroupKeys);
            var pairsByPart = new PairBuffer(4);
            var pairsOnePass = new PairBuffer(4);
            for (var g = 0; g < byPart.GroupKeys.Length; g++)
            {
                byPart.Prepare(g);
                onePass.Prepare(g);
                Assert.Equal(onePass.PopulationsWithRows(g), byPart.PopulationsWithRows(g));
                Assert.True(onePass.PartsOf(g).SequenceEqual(byPart.PartsOf(g)));
                for (var k = 0; k < byPart.Populations.Count; k++)
                {
                    for (var period = 0; period < 6; period++)
                    {
                        var expected = onePass.Sum(onePass.PartsOf(g), k, period, pairsOnePass);
                        var actual = byPart.Sum(byPart.PartsOf(g), k, period, pairsByPart);
                        Assert.Equal(expected, actual);
                        Assert.Equal(
                            pairsOnePass.DaysTaught.AsSpan(expected.PairOffset, expected.PairCount).ToArray(),
                            pairsByPart.DaysTaught.AsSpan(actual.PairOffset, actual.PairCount).ToArray());
                        Assert.Equal(
                            pairsOnePass.Eligible.AsSpan(expected.PairOffset, expected.PairCount).ToArray(),
                            pairsByPart.Eligible.AsSpan(actual.PairOffset, actual.PairCount).ToArray());
                    }
                }
            }
        }
        finally
        {
            byPart.Return();
            onePass.Return();
        }
    }

    [Theory]
    [InlineData(AttendanceGrouping.Campus, true)]
    [InlineData(AttendanceGrouping.District, true)]
    [InlineData(AttendanceGrouping.District | AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel, true)]
    [InlineData(AttendanceGrouping.GradeLevel, false)]
    [InlineData(AttendanceGrouping.Campus | AttendanceGrouping.InstructionalTrack, false)]
    public void A_grouping_by_campus_or_district_is_summed_part_by_part_and_one_that_interleaves_its_groups_in_one_pass(AttendanceGrouping groupBy, bool partByPart)
    {
        // Two campuses, grades 1 and 2, tracks 1 and 2: by grade (or by campus and track) a group's cells come back
        // after another group's, so its cells are not one run.
        var campuses = new[] { CampusId.Parse("101912001"), CampusId.Parse("101912002") };
        var records = (
            from campus in campuses
            from grade in new[] { 3, 4 }
            from track in new[] { 1, 2 }
            select new BasicReportingPeriodAttendance(
                new SchoolYear(2024),
                new ReportingPeriodAttendanceKey(campus, StudentId.Parse($"10000000{grade}{track}"), GradeLevel.All[grade], new InstructionalTrack(track), new ReportingPeriod(1)),
                DayCount.FromHalfDays(60),
                DayCount.FromHalfDays(50),
                DayCount.Zero,
                DayCount.Zero,
                new StudentFundingAttributes(EconomicDisadvantage.All[0], EmergentBilingual.All[0], null),
                adaEligibility: AdaEligibility.All[1])).ToList();
        var partials = AttendanceStore.From(records).Aggregate(Rules.RuleSet.For(new SchoolYear(2024)));
        var rollUp = new SummaryRollUp(partials, groupBy, 6);
        try
        {
            Assert.Equal(partByPart, rollUp.SumsPartsFromRuns);
        }
        finally
        {
            rollUp.Return();
        }
    }
}
