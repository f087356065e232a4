using PeimsRules.Attendance;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The naive baseline: a LINQ GroupBy over a <see cref="List{T}"/> of records and a Sum per figure, each record's
/// days counted by the library's own per-record rules (<see cref="PeriodAda.CountedEligibleDaysPresent"/>,
/// <see cref="PercentInAttendance.CountedDaysPresent"/>, <see cref="Populations.Includes"/>). Single-threaded.
/// </summary>
public static class LinqBaseline
{
    /// <summary>The fine-cell figures of <paramref name="records"/>.</summary>
    public static List<(int Campus, int Grade, int Track, int Period, int DaysTaught, long[] Sums)> Compute(List<BasicReportingPeriodAttendance> records, RuleSet rules) =>
        records
            .GroupBy(r => (r.CampusId, r.GradeLevel, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught))
            .Select(g => (
                int.Parse(g.Key.CampusId.Code, System.Globalization.CultureInfo.InvariantCulture),
                g.Key.GradeLevel.Number + 2,
                g.Key.InstructionalTrack.Number,
                g.Key.ReportingPeriod.Number,
                (int)g.Key.NumberDaysTaught.HalfDays,
                new[] { Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual }
                    .SelectMany(p => Sums(g.Where(r => rules.HasEarlyEducationRows || p == Population.All).Where(r => p.Includes(r)), rules))
                    .ToArray()))
            .ToList();

    private static long[] Sums(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules) =>
    [
        records.LongCount(),
        records.Sum(r => PeriodAda.CountedEligibleDaysPresent(r, rules).HalfDays),
        records.Sum(r => PercentInAttendance.CountedDaysPresent(r, rules).HalfDays),
        records.Sum(r => r.DaysAbsent.HalfDays),
    ];
}
