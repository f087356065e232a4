using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// The builder sorts its records into cells a batch at a time (a batch ends where a campus does): however the batches
/// fall and in whatever order the records come, the store is the one a single sort of all the records gives.
/// </summary>
public class AttendanceStoreBuilderProperties
{
    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 200)]
    public void Batches_of_any_size_over_records_in_any_order_build_the_store_one_sort_builds(ColumnarScenario scenario, byte batch, bool inCampusOrder)
    {
        var records = scenario.Records();

        // In campus order (as TEA's extracts come, so the runs need no moving) or scattered by the seed (so they do).
        var random = new Random(scenario.Seed);
        var input = inCampusOrder
            ? records.OrderBy(r => r.CampusId.Code, StringComparer.Ordinal).ToList()
            : records.OrderBy(_ => random.Next()).ToList();

        var oneSort = new AttendanceStoreBuilder(int.MaxValue);
        var batched = new AttendanceStoreBuilder(1 + (batch % 9));
        if (batch % 2 == 0)
        {
            // A size expected too small or about right: the columns grow, or are handed over as they are.
            batched.Expect(batch % 4 == 0 ? input.Count / 3 : input.Count);
        }

        oneSort.AddRange(input);
        batched.AddRange(input);
        var expected = oneSort.Build();
        var actual = batched.Build();

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(input, actual);
        Assert.Equal(expected.CellCount, actual.CellCount);
        Assert.Equal(expected.Cells.Campuses, actual.Cells.Campuses);
        Assert.Equal(expected.Cells.Campus, actual.Cells.Campus);
        Assert.Equal(expected.Cells.Grade, actual.Cells.Grade);
        Assert.Equal(expected.Cells.Track, actual.Cells.Track);
        Assert.Equal(expected.Cells.Period, actual.Cells.Period);
        Assert.Equal(expected.Cells.DaysTaught, actual.Cells.DaysTaught);
        for (var c = 0; c <= expected.CellCount; c++)
        {
            Assert.Equal(expected.CellStart(c), actual.CellStart(c));
        }

        Assert.Equal(Prefix(expected.Columns.Student, expected.Count), Prefix(actual.Columns.Student, actual.Count));
        Assert.Equal(Prefix(expected.Columns.Ordinal, expected.Count), Prefix(actual.Columns.Ordinal, actual.Count));
        Assert.Equal(Prefix(expected.Columns.Flags, expected.Count + AttendanceStore.Padding), Prefix(actual.Columns.Flags, actual.Count + AttendanceStore.Padding));
        Assert.Equal(Prefix(expected.Columns.Codes, expected.Count), Prefix(actual.Columns.Codes, actual.Count));
        Assert.Equal(Prefix(expected.Columns.Eligible, expected.Count + AttendanceStore.Padding), Prefix(actual.Columns.Eligible, actual.Count + AttendanceStore.Padding));
        Assert.Equal(Prefix(expected.Columns.Ineligible, expected.Count + AttendanceStore.Padding), Prefix(actual.Columns.Ineligible, actual.Count + AttendanceStore.Padding));
        Assert.Equal(Prefix(expected.Columns.Absent, expected.Count + AttendanceStore.Padding), Prefix(actual.Columns.Absent, actual.Count + AttendanceStore.Padding));
        Assert.Equal(expected.Columns.RemoteSynchronous is null, actual.Columns.RemoteSynchronous is null);
        if (expected.Columns.RemoteSynchronous is not null)
        {
            Assert.Equal(Prefix(expected.Columns.RemoteSynchronous, expected.Count), Prefix(actual.Columns.RemoteSynchronous!, actual.Count));
            Assert.Equal(Prefix(expected.Columns.RemoteAsynchronous!, expected.Count), Prefix(actual.Columns.RemoteAsynchronous!, actual.Count));
        }

        Assert.Equal(AttendanceSummary.Compute(records, scenario.Rules).Figures, AttendanceSummary.Compute(actual, scenario.Rules).Figures);
    }

    private static T[] Prefix<T>(T[] values, int length) => values[..length];
}
