using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Funding;

namespace PeimsRules.Tests.Columnar;

/// <summary>
/// The columnar path is a fast path beside the reference implementation, never a second truth: on every generated
/// input it gives exactly the reference's rows (exact values, published values, reasons, totals), historical ratios,
/// drill-down records in the same order, records outside the refined ADA, and the same errors.
/// </summary>
public class ColumnarAgreementProperties
{
    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 300)]
    public void A_store_summarises_exactly_as_the_reference_implementation_does(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var priorYear = scenario.PriorYearRecords();
        var store = AttendanceStore.From(records);
        var priorStore = priorYear is null ? null : AttendanceStore.From(priorYear);

        var reference = Outcome(() => AttendanceSummary.Compute(records, scenario.Rules, scenario.Options(records, priorYear)));
        var columnar = Outcome(() => AttendanceSummary.Compute(store, scenario.Rules, scenario.Options(records, priorStore)));

        Assert.Equal(reference.Error, columnar.Error);
        if (reference.Summary is null)
        {
            return;
        }

        var expected = reference.Summary;
        var actual = columnar.Summary!;
        Assert.Equal(expected.Figures, actual.Figures);
        Assert.Equal(expected.HistoricalRatios.OrderBy(p => p.Key), actual.HistoricalRatios.OrderBy(p => p.Key));
        Assert.Equal(expected.RecordsOutsideRefinedAda, actual.RecordsOutsideRefinedAda);
        foreach (var figure in expected.Figures)
        {
            Assert.Equal(expected.RecordsBehind(figure), actual.RecordsBehind(figure));
        }
    }

    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 200)]
    public void The_calculators_give_a_store_the_reference_results(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var store = AttendanceStore.From(records);
        var rules = scenario.Rules;

        Assert.Equal(AttendanceTotals.Of(records, rules), AttendanceTotals.Of(store, rules));
        Assert.Equal(RefinedAda.PeriodAdas(records, rules), RefinedAda.PeriodAdas(store, rules));
        Assert.Equal(RefinedAda.Compute(records, rules), RefinedAda.Compute(store, rules));
        Assert.Equal(PercentInAttendance.Compute(records, rules), PercentInAttendance.Compute(store, rules));
        Assert.Equal(Outcome(() => PeriodAda.Compute(records, rules)), Outcome(() => PeriodAda.Compute(store, rules)));
        var onePeriod = records.Where(r => r.ReportingPeriod.Number == 2).ToList();
        Assert.Equal(PeriodAda.Compute(onePeriod, rules), PeriodAda.Compute(AttendanceStore.From(onePeriod), rules));
        var expectedRatios = Outcome(() => HistoricalRatio.ByDistrict(records).OrderBy(p => p.Key).ToList());
        var actualRatios = Outcome(() => HistoricalRatio.ByDistrict(store).OrderBy(p => p.Key).ToList());
        Assert.Equal(expectedRatios.Error, actualRatios.Error);
        Assert.Equal(expectedRatios.Value, actualRatios.Value);
    }

    [Property(Arbitrary = [typeof(ColumnarArbitraries)], MaxTest = 100)]
    public void A_store_gives_back_the_records_it_was_given_in_their_order(ColumnarScenario scenario)
    {
        var records = scenario.Records();
        var store = AttendanceStore.From(records);

        Assert.Equal(records, store.ToList());
        Assert.Equal(records.Count, store.Count);
    }

    private static (T? Value, string? Error) Outcome<T>(Func<T> compute)
        where T : class
    {
        try
        {
            return (compute(), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static (Ratio? Value, string? Error) Outcome(Func<Ratio> compute)
    {
        try
        {
            return (compute(), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static (AttendanceSummary? Summary, string? Error) Outcome(Func<AttendanceSummary> compute)
    {
        try
        {
            return (compute(), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
