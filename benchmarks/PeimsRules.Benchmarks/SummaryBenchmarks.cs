using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// What a caller waits for: the full statewide summary (the pass, the roll-up to the groups, and every published
/// figure as an exact rational rounded once), by district and by campus, on every core.
/// </summary>
[MemoryDiagnoser]
public class SummaryBenchmarks
{
    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private AttendanceStore _store = null!;

    /// <summary>Builds the store.</summary>
    [GlobalSetup]
    public void Setup() => _store = new StatewideData(BenchmarkScale.Current).BuildStore();

    /// <summary>Every row by district: periods 1-6 and the year, all students and the two K-3 rows.</summary>
    [Benchmark]
    public AttendanceSummary ByDistrict() => AttendanceSummary.Compute(_store, _rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.District });

    /// <summary>Every row by campus.</summary>
    [Benchmark]
    public AttendanceSummary ByCampus() => AttendanceSummary.Compute(_store, _rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });
}
