using System.Globalization;
using PeimsRules.Csv;

namespace PeimsRules.Cli.Synthetic;

/// <summary>
/// The synthetic district at statewide size: period records generated directly (no daily data, which at 5.5 million
/// students would be a billion marks) and written as they are made, so memory does not grow with the file. Same
/// distributions as <see cref="SyntheticDistrict"/>: campuses in turn elementary, middle and high, two tracks on one
/// campus in ten, half-day PK and EE, about 60% economically disadvantaged and 20% emergent bilingual, skewed absence,
/// and the share of records given an injected error of each record-level audit class in turn (ATT-01, -04, -08).
/// </summary>
internal static class SyntheticPeriodFile
{
    private static readonly int[] DaysTaught = [29, 30, 28, 31, 29, 30];

    /// <returns>The number of records written and the number given an injected error.</returns>
    public static (long Records, long Injected) Write(string path, int seed, int districts, int campusesPerDistrict, int studentsPerCampus, decimal errorShare, int endYear)
    {
        var random = new Random(seed);
        var year = new SchoolYear(endYear);
        var errorPerMillion = (int)(errorShare * 1_000_000m);
        long written = 0;
        long injected = 0;
        using var writer = new StreamWriter(path);
        writer.NewLine = "\n";
        // No birth dates are generated: the optional BirthDate column is left out, as the canonical writer leaves it out.
        writer.WriteLine(string.Join(',', BasicReportingPeriodAttendanceCsv.Columns.Where(c => c != BasicReportingPeriodAttendanceCsv.BirthDate).Select(c => c.Name)));
        var student = 1_000_000_001L;
        for (var d = 0; d < districts; d++)
        {
            var district = (101_000 + d).ToString("000000", CultureInfo.InvariantCulture);
            for (var c = 0; c < campusesPerDistrict; c++)
            {
                var campus = district + (c + 1).ToString("000", CultureInfo.InvariantCulture);
                var kind = (c % 5) switch { 3 => 1, 4 => 2, _ => 0 };
                var (low, high) = kind switch { 0 => (0, 7), 1 => (8, 10), _ => (11, 14) };
                var tracks = c % 10 == 1 ? 2 : 1;
                for (var s = 0; s < studentsPerCampus; s++, student++)
                {
                    var grade = GradeLevel.All[random.Next(low, high + 1)];
                    var track = random.Next(tracks);
                    var half = grade.Number < 0;
                    var code = half ? 2 : random.Next(100) switch { < 3 => 3, < 4 => 4, _ => 1 };
                    var economic = random.Next(100) switch { < 50 => "01", < 57 => "02", < 60 => "99", _ => "00" };
                    var bilingual = random.Next(100) < 20;
                    var funding = bilingual && random.Next(100) < 85 ? BilingualEslFunding.All[random.Next(3)].Code : string.Empty;
                    var u = random.NextDouble();
                    var perMille = 15 + (int)(260 * u * u * u * u * u);
                    for (var p = 1; p <= 6; p++)
                    {
                        var taught = DaysTaught[p - 1] + track;
                        var absent = 0;
                        for (var day = 0; day < taught; day++)
                        {
                            if (random.Next(1000) < perMille)
                            {
                                absent++;
                            }
                        }

                        // Half-day codes count half a day for each instructional day: membership is half the days taught.
                        var presentHalfDays = (taught - absent) * (half ? 1 : 2);
                        var absentHalfDays = absent * (half ? 1 : 2);
                        var eligibleCode = code is 1 or 2 or 3;
                        var eligible = eligibleCode ? presentHalfDays : 0;
                        var ineligible = eligibleCode ? 0 : presentHalfDays;
                        var rowCode = code;
                        var remote = 0;
                        if (random.Next(1_000_000) < errorPerMillion && code == 1 && eligible >= 4)
                        {
                            switch (injected++ % 3)
                            {
                                case 0: rowCode = 4; break;
                                case 1: remote = 4; eligible -= 4; break;
                                default: rowCode = 0; ineligible = eligible; eligible = 0; break;
                            }
                        }

                        writer.Write(string.Create(CultureInfo.InvariantCulture,
                            $"{year},{district},{campus},{student},{grade.Code},{track:00},{p},{taught}.0,{Days(eligible)},{Days(ineligible)},{Days(absentHalfDays)},{Days(remote)},0.0,{economic},{(bilingual ? '1' : '0')},{funding},{rowCode}\n"));
                        written++;
                    }
                }
            }
        }

        return (written, injected);

        static string Days(int halfDays) => string.Create(CultureInfo.InvariantCulture, $"{halfDays / 2}.{(halfDays % 2 == 0 ? '0' : '5')}");
    }
}
