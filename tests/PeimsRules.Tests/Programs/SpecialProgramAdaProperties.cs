using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Attendance.Programs;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Rules;
using PeimsRules.Tests.Properties;

namespace PeimsRules.Tests.Programs;

/// <summary>
/// What must hold for every valid file: a special program whose days are every basic eligible day has the basic refined
/// ADA, row for row (the same machinery computes both); bilingual/ESL in total is the sum of its funding codes; the
/// special-programs file reads back as it was written; best four of six lies between the six-period ADA and the best four.
/// </summary>
[Properties(Arbitrary = [typeof(AttendanceArbitraries)])]
public class SpecialProgramAdaProperties
{
    private const AttendanceGrouping Everything =
        AttendanceGrouping.District | AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel | AttendanceGrouping.InstructionalTrack;

    private static readonly Func<IEnumerable<SpecialProgramsAttendancePeriod>, RuleSet, AttendanceSummaryOptions, SpecialProgramAdaSummary>[] Programs =
    [
        BilingualEslRefinedAda.Compute, SpecialEducationMainstreamRefinedAda.Compute, PregnancyRelatedServicesRefinedAda.Compute, ResidentialFacilityRefinedAda.Compute,
    ];

    /// <summary>
    /// The file's records, without those whose remote days the year counts (a program day is an E0937 day, so a program
    /// cannot hold the remote days the basic figure adds in 2020-21 and 2021-22).
    /// </summary>
    private static List<BasicReportingPeriodAttendance> Records(AttendanceFile file, RuleSet rules) =>
        file.Records.Where(r => !rules.CountsRemoteDays || (r.RemoteSynchronousEligibleDaysPresent + r.RemoteAsynchronousEligibleDaysPresent).HalfDays == 0).ToList();

    private static SpecialProgramsAttendancePeriod EveryDay(BasicReportingPeriodAttendance r, int i) =>
        new(r, r.EligibleDaysPresent, r.EligibleDaysPresent, r.EligibleDaysPresent, r.EligibleDaysPresent, BilingualEslFunding.All[i % 3]);

    [Property]
    public void A_program_with_every_basic_eligible_day_has_the_basic_refined_ADA_row_for_row(AttendanceFile file)
    {
        var rules = RuleSet.For(file.Year);
        var records = Records(file, rules);
        var special = records.Select(EveryDay).ToList();

        foreach (var grouping in new[] { AttendanceGrouping.District, AttendanceGrouping.None, Everything })
        {
            var options = new AttendanceSummaryOptions { GroupBy = grouping };
            var basic = AttendanceSummary.Compute(records, rules, options).Figures.Where(f => f.Population == Population.All).ToList();
            foreach (var compute in Programs)
            {
                var program = compute(special, rules, options);

                Assert.Equal(basic.Count, program.Figures.Count(f => f.Funding is null));
                Assert.All(basic, b => Assert.Equal(b.Ada, program.Find(b.Group, null, b.Period)!.Ada));
            }
        }
    }

    [Property]
    public void Bilingual_ESL_in_total_is_the_sum_of_its_funding_codes_period_by_period(AttendanceFile file)
    {
        var rules = RuleSet.For(file.Year);
        var special = Records(file, rules).Select((r, i) =>
            new SpecialProgramsAttendancePeriod(r, DayCount.Zero, DayCount.Zero, DayCount.Zero, DayCount.FromHalfDays(r.EligibleDaysPresent.HalfDays / 2), BilingualEslFunding.All[i % 3]));

        var summary = BilingualEslRefinedAda.Compute(special, rules, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });

        foreach (var total in summary.Figures.Where(f => f.Funding is null && f.Ada.Exact is not null && !f.IsYear))
        {
            var sum = BilingualEslFunding.All
                .Select(code => summary.Find(total.Group, code, total.Period)?.Ada.Exact ?? Ratio.Zero)
                .Aggregate(Ratio.Zero, (a, b) => a + b);
            Assert.Equal(total.Ada.Exact, sum);
        }
    }

    [Property]
    public void The_special_programs_file_reads_back_as_written_joined_to_its_period_records(AttendanceFile file)
    {
        // One record per key, as a 42400 file has (the generator may repeat a key).
        var records = file.Records.GroupBy(r => r.Key).Select(g => g.First()).ToList();
        var special = records.Select(EveryDay).ToList();
        var text = new StringWriter();
        SpecialProgramsAttendancePeriodCsv.Write(text, special);

        var read = SpecialProgramsAttendancePeriodCsv.Read(new StringReader(text.ToString()), "special.csv", records, CsvErrorMode.StopAtFirst);

        Assert.Equal(special, read.Records);
    }

    [Property]
    public void Best_four_of_six_lies_between_the_six_period_ADA_and_the_best_four(byte a, byte b, byte c, byte d, byte e, byte f, byte certificates)
    {
        Ratio[] adas = [.. new[] { a, b, c, d, e, f }.Select(x => Ratio.FromInteger(x))];

        var capped = BestFourOfSixRefinedAda.Of(adas, certificates);

        Assert.True(RefinedAda.Of(adas) <= capped && capped <= BestFourOfSixRefinedAda.BestFour(adas));
        Assert.Equal(certificates == 0 ? RefinedAda.Of(adas) : capped, capped);
    }
}
