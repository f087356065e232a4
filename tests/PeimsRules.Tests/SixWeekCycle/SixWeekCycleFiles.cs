using PeimsRules.Csv;

namespace PeimsRules.Tests.SixWeekCycle;

/// <summary>
/// The 2025-26 sample district of docs/six-week-cycle.md, shipped with the CLI under data/six-week-cycle: one campus
/// (101912101), five students, one track. Days taught: period 1 30, period 2 25, period 3 20 (4 to 6: 30 each).
/// <code>
/// student     grade E0785 E0790 E1651 born        P1 present/absent  P2          P3
/// 1000000101  KG    01    0           2020-02-10  30.0 / 0.0         25.0 / 0.0  18.0 / 2.0
/// 1000000102  01    00    1     BE    2018-11-03  27.0 / 3.0         20.0 / 5.0  20.0 / 0.0
/// 1000000103  PK    01    0           2021-05-14  15.0 / 0.0 (half)  12.5 / 0.0  10.0 / 0.0   four on 2025-09-01
/// 1000000104  05    00    0           2014-08-20  24.0 / 6.0         17.5 / 7.5  14.0 / 6.0
/// 1000000105  PK    01    0           2022-03-01  12.0 / 3.0 (half)  10.0 / 2.5  10.0 / 0.0   three on 2025-09-01
/// </code>
/// periods-1-3.csv holds periods 1 to 3; six-weeks-p2.csv is period 2 as first extracted (student 104's eligible days
/// typed 17.3, student 101 exported twice); six-weeks-p2-fixed.csv is period 2 as submitted; summer.csv is the Summer
/// submission, periods 1 to 6 (4 to 6 as period 1), in which period 2 of student 104 was corrected to 20.0 present, 5.0 absent.
/// </summary>
internal static class SixWeekCycleFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "six-week-cycle");

    public static string PeriodsOneToThree => Path.Combine(Folder, "periods-1-3.csv");

    public static string SixWeeksPeriod2 => Path.Combine(Folder, "six-weeks-p2.csv");

    public static string SixWeeksPeriod2Fixed => Path.Combine(Folder, "six-weeks-p2-fixed.csv");

    public static string Summer => Path.Combine(Folder, "summer.csv");

    public static IReadOnlyList<BasicReportingPeriodAttendance> Read(string path) => BasicReportingPeriodAttendanceCsv.ReadFile(path);
}
