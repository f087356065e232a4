using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>Records written as Ed-Fi documents read back as the same records, in every year's model.</summary>
public class EdFiPeriodRecordsProperties
{
    private static readonly CampusId[] Campuses = [CampusId.Parse("101912001"), CampusId.Parse("101912002"), CampusId.Parse("057905041")];

    /// <summary>
    /// A year's records as Ed-Fi can hold them: one record per key, one E0785/E0790 status per student, one ADA code per
    /// student, campus and grade (else none), remote days only in years whose model has the fields.
    /// </summary>
    public static Arbitrary<(IReadOnlyList<BasicReportingPeriodAttendance> Records, IReadOnlyList<SpecialProgramsAttendancePeriod> Special)> Records() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(Build));

    private static (IReadOnlyList<BasicReportingPeriodAttendance>, IReadOnlyList<SpecialProgramsAttendancePeriod>) Build(int seed)
    {
        var random = new Random(seed);
        var year = new SchoolYear(random.Next(2019, 2028));
        var remote = EdFiModelVersion.For(year).HasRemoteDays;
        var records = new Dictionary<ReportingPeriodAttendanceKey, BasicReportingPeriodAttendance>();
        var special = new List<SpecialProgramsAttendancePeriod>();
        for (var s = 0; s < random.Next(0, 12); s++)
        {
            var student = StudentId.Parse($"10000000{s:00}");
            var attributes = new StudentFundingAttributes(
                EconomicDisadvantage.All[random.Next(4)],
                EmergentBilingual.All[random.Next(EmergentBilingual.All.Count)],
                random.Next(3) == 0 ? BilingualEslFunding.All[random.Next(3)] : null);
            var codes = new Dictionary<(CampusId, GradeLevel), AdaEligibility?>();
            for (var n = 0; n < random.Next(1, 8); n++)
            {
                var key = new ReportingPeriodAttendanceKey(
                    Campuses[random.Next(Campuses.Length)], student, GradeLevel.All[random.Next(GradeLevel.All.Count)],
                    new InstructionalTrack(random.Next(2)), new ReportingPeriod(random.Next(1, 10)));
                if (!codes.TryGetValue((key.Campus, key.GradeLevel), out var code))
                {
                    codes[(key.Campus, key.GradeLevel)] = code = random.Next(5) == 0 ? null : AdaEligibility.All[random.Next(9)];
                }

                var taught = random.Next(1, 181);
                var halves = new long[5];
                var room = taught * 2L;
                for (var i = 0; i < halves.Length; i++)
                {
                    if (i >= 3 && !remote)
                    {
                        continue;
                    }

                    halves[i] = random.NextInt64(0, (room / 2) + 1);
                    room -= halves[i];
                }

                var record = new BasicReportingPeriodAttendance(
                    year, key, DayCount.FromDays(taught), DayCount.FromHalfDays(halves[0]), DayCount.FromHalfDays(halves[1]), DayCount.FromHalfDays(halves[2]),
                    attributes, DayCount.FromHalfDays(halves[3]), DayCount.FromHalfDays(halves[4]), code);
                if (records.TryAdd(key, record) && random.Next(4) == 0)
                {
                    var eligible = record.EligibleDaysPresent.HalfDays;
                    special.Add(new SpecialProgramsAttendancePeriod(record, DayCount.FromHalfDays(random.NextInt64(eligible + 1)), DayCount.FromHalfDays(random.NextInt64(eligible + 1)), DayCount.FromHalfDays(random.NextInt64(eligible + 1))));
                }
            }
        }

        return (records.Values.ToList(), special);
    }

    [Property(Arbitrary = [typeof(EdFiPeriodRecordsProperties)], MaxTest = 60)]
    public void Records_written_as_Ed_Fi_documents_read_back_as_the_same_records((IReadOnlyList<BasicReportingPeriodAttendance> Records, IReadOnlyList<SpecialProgramsAttendancePeriod> Special) input)
    {
        if (input.Records.Count == 0)
        {
            return;
        }

        using var folder = new TempFolder();
        EdFiPeriodWriter.WriteFolder(folder.Path, input.Records, input.Special);

        var read = EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path)).GetAwaiter().GetResult();

        Assert.Empty(read.Problems);
        Assert.Equal(input.Records, read.Records);
        Assert.Equal(
            input.Special.Select(s => (s.Record.Key, s.PregnancyRelatedServicesDaysPresent, s.SpecialEducationMainstreamDaysPresent, s.ResidentialFacilityDaysPresent)),
            read.SpecialProgramRecords.Select(s => (s.Record.Key, s.PregnancyRelatedServicesDaysPresent, s.SpecialEducationMainstreamDaysPresent, s.ResidentialFacilityDaysPresent)));
    }
}
