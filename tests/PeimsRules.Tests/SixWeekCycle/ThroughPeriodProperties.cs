using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Tests.Columnar;

namespace PeimsRules.Tests.SixWeekCycle;

/// <summary>
/// What holds for figures as of a period on every generated district (the columnar scenarios, in their years and in
/// 2025-26, which adds the all K-3 students row): through period 6 the figures are the whole-year figures; through N
/// the period rows are those of the whole year and the year-to-date ADA is their mean; the columnar path agrees.
/// </summary>
public class ThroughPeriodProperties
{
    public static class Arbitraries
    {
        public static Arbitrary<(ColumnarScenario Scenario, int Through)> Cases() =>
            (from scenario in ColumnarArbitraries.Scenarios().Generator
             from in2026 in Gen.Elements(false, true)
             from through in Gen.Choose(1, 6)
             select (in2026 ? scenario with { SchoolYear = 2026, PriorYear = Columnar.PriorYear.None } : scenario, through))
            .ToArbitrary();
    }

    /// <summary>The scenario's prior-year records where the year uses them (elsewhere the scenarios give them to test the error).</summary>
    private static IReadOnlyList<BasicReportingPeriodAttendance>? PriorYear(ColumnarScenario scenario) =>
        scenario.Rules.AppliesCovid19Adjustment ? scenario.PriorYearRecords() : null;

    private static AttendanceSummaryOptions Through(AttendanceSummaryOptions options, int through) =>
        options with { ThroughPeriod = new ReportingPeriod(through) };

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void Figures_through_period_6_equal_the_whole_year_figures((ColumnarScenario Scenario, int Through) input)
    {
        var (scenario, _) = input;
        var records = scenario.Records();
        var options = scenario.Options(records, PriorYear(scenario));

        var year = AttendanceSummary.Compute(records, scenario.Rules, options);
        var through6 = AttendanceSummary.Compute(records, scenario.Rules, Through(options, 6));

        Assert.Equal(year.Figures, through6.Figures);
        Assert.Equal(year.ThroughPeriod, through6.ThroughPeriod);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void Through_period_N_the_period_rows_are_the_years_and_the_year_to_date_is_their_mean((ColumnarScenario Scenario, int Through) input)
    {
        var (scenario, through) = input;
        var records = scenario.Records();
        var options = scenario.Options(records, null);

        var year = AttendanceSummary.Compute(records, scenario.Rules, options);
        var asOf = AttendanceSummary.Compute(records, scenario.Rules, Through(options, through));

        foreach (var f in asOf.Figures.Where(f => f.Period is not null))
        {
            Assert.True(f.Period!.Value.Number <= through);
            Assert.Equal(year.Find(f.Group, f.Population, f.Period), f);
        }

        if (through == 6)
        {
            return;
        }

        foreach (var ytd in asOf.Figures.Where(f => f.Period is null))
        {
            Assert.True(ytd.IsYearToDate);
            var counted = scenario.Rules.AppliesCovid19Adjustment ? Math.Min(through, 4) : through;
            var periods = Enumerable.Range(1, counted).Select(p => asOf.Find(ytd.Group, ytd.Population, new ReportingPeriod(p))!.Ada.Exact!.Value).ToArray();
            Assert.Equal(RefinedAda.YearToDate(periods), ytd.Ada.Exact);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void A_store_summarises_through_period_N_exactly_as_the_reference_does((ColumnarScenario Scenario, int Through) input)
    {
        var (scenario, through) = input;
        var records = scenario.Records();
        var priorYear = PriorYear(scenario);
        var store = AttendanceStore.From(records);
        var priorStore = priorYear is null ? null : AttendanceStore.From(priorYear);

        var reference = AttendanceSummary.Compute(records, scenario.Rules, Through(scenario.Options(records, priorYear), through));
        var columnar = AttendanceSummary.Compute(store, scenario.Rules, Through(scenario.Options(records, priorStore), through));

        Assert.Equal(reference.Figures, columnar.Figures);
        Assert.Equal(reference.ThroughPeriod, columnar.ThroughPeriod);
        foreach (var figure in reference.Figures)
        {
            Assert.Equal(reference.RecordsBehind(figure), columnar.RecordsBehind(figure));
        }

        var partials = AttendanceSummary.FromPartials(store.Aggregate(scenario.Rules), Through(scenario.Options(records, priorStore), through) with { FocusList = null });
        var unfocused = AttendanceSummary.Compute(records, scenario.Rules, Through(scenario.Options(records, priorYear), through) with { FocusList = null });
        Assert.Equal(unfocused.Figures, partials.Figures);
    }
}
