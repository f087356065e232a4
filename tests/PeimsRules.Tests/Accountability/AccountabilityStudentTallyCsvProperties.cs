using FsCheck.Xunit;
using PeimsRules.Accountability;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.Tests.Columnar;
using static PeimsRules.Tests.Accountability.AccountabilityStudentTallyProperties;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// The students' tally read from a file (<see cref="AccountabilityStudentTallyCsv"/>) gives the reference figures
/// (<see cref="AttendanceRate"/>, <see cref="AnnualDropoutRate"/>) of the canonical reader's records, whichever way the
/// library reads the file: streamed from its bytes (a plain file in campus order, cut into 1 to 4 threads and blocks
/// of 90 bytes to 1 MiB, so that students' runs are cut at the seams), or record by record; with the canonical reader's
/// problems for a damaged file.
/// </summary>
public sealed class AccountabilityStudentTallyCsvProperties
{
    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 150)]
    public void A_plain_file_in_campus_order_is_streamed_into_the_tally_of_its_records(StreamableFile file, int seed)
    {
        using var temp = new AttendancePartialsCsvProperties.TempFile(file.Text);

        var read = AccountabilityStudentTallyCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, null, file.Threads, file.BlockBytes);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.Empty(canonical.Problems);
        Assert.True(read.Streamed, file.ToString());
        AssertSameFigures(canonical.Records, read.Tally, seed);

        // Records added to a streamed tally afterwards, as to any other: the figures of all of them.
        var again = canonical.Records.Take(1 + (Math.Abs(seed) % 5)).ToList();
        read.Tally.AddRange(again);
        AssertSameFigures([.. canonical.Records, .. again], read.Tally, seed);
    }

    [Property(Arbitrary = [typeof(StreamableFiles)], MaxTest = 60)]
    public void Rows_out_of_campus_order_are_read_record_by_record_into_the_same_tally(StreamableFile file, int seed)
    {
        var lines = file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var random = new Random(seed);
        var shuffled = string.Join('\n', [lines[0], .. lines.Skip(1).OrderBy(_ => random.Next())]) + "\n";
        using var temp = new AttendancePartialsCsvProperties.TempFile(shuffled);

        var read = AccountabilityStudentTallyCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, null, file.Threads, file.BlockBytes);

        AssertSameFigures(BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll).Records, read.Tally, seed);
    }

    [Property(Arbitrary = [typeof(CorruptedFiles)], MaxTest = 150)]
    public void A_damaged_file_gets_the_canonical_readers_problems_and_the_tally_of_its_records(CorruptedFile file, int seed)
    {
        using var temp = new AttendancePartialsCsvProperties.TempFile(file.Text);

        var read = AccountabilityStudentTallyCsv.ReadFileCore(temp.Path, CsvErrorMode.CollectAll, null, file.MaxDegreeOfParallelism, 97);

        var canonical = BasicReportingPeriodAttendanceCsv.ReadFile(temp.Path, CsvErrorMode.CollectAll);
        Assert.Equal(canonical.Problems, read.Problems);
        Assert.Equal(canonical.UnusedColumns, read.UnusedColumns);
        Assert.False(read.Streamed && canonical.Problems.Count > 0);
        AssertSameFigures(canonical.Records, read.Tally, seed);
    }

    /// <summary>
    /// The tally's figures are the reference's over <paramref name="records"/>: attendance rates with no demographics
    /// and with demographics of some of the students, the students without one, and the dropout rates (and refusals) of
    /// leavers of some of the students at campuses and in grades chosen from <paramref name="seed"/>.
    /// </summary>
    private static void AssertSameFigures(IReadOnlyList<BasicReportingPeriodAttendance> records, AccountabilityStudentTally tally, int seed)
    {
        var random = new Random(seed);
        Assert.Equal(records.Count, tally.RecordCount);
        Assert.Equal(records.Select(r => r.SchoolYear).Distinct(), tally.SchoolYears);
        Assert.Equal(AttendanceRate.Compute(records), tally.AttendanceRates());

        var students = records.Select(r => r.StudentId).Distinct().ToList();
        var demographics = students.Where(_ => random.Next(4) > 0).Select(s => Demographics(s, random.Next(16))).ToList();
        Assert.Equal(Outcome(() => AttendanceRate.Compute(records, demographics)), Outcome(() => tally.AttendanceRates(demographics)));
        Assert.Equal(AttendanceRate.StudentsWithoutDemographics(records, demographics), tally.StudentsWithoutDemographics(demographics));

        var year = records.Count > 0 ? records[0].SchoolYear : new SchoolYear(2024);
        string[] grades = ["05", "07", "08", "09", "12"];
        var campuses = records.Select(r => r.CampusId).Distinct().ToList();
        var leavers = records.Count == 0 ? [] : Enumerable.Range(0, random.Next(6)).Select(_ =>
        {
            // Mostly a record's own student, campus and grade (a dropout served), else another campus or grade.
            var r = records[random.Next(records.Count)];
            var campus = random.Next(3) == 0 ? campuses[random.Next(campuses.Count)] : r.CampusId;
            var grade = random.Next(3) == 0 ? GradeLevel.Parse(grades[random.Next(grades.Length)]) : r.GradeLevel;
            return new LeaverRecord(year, campus, r.StudentId, grade, random.Next(2) == 0 ? "98" : "01");
        }).ToList();
        Assert.Equal(Outcome(() => AnnualDropoutRate.DropoutsNotServed(year, leavers, records)), Outcome(() => tally.DropoutsNotServed(year, leavers)));
        Assert.Equal(Outcome(() => AnnualDropoutRate.Compute(year, leavers, records, demographics)), Outcome(() => tally.AnnualDropoutRates(year, leavers, demographics)));
    }

    private static StudentDemographics Demographics(StudentId student, int groups) =>
        new(
            student,
            EconomicDisadvantage.Parse((groups & 1) == 0 ? "00" : "01"),
            RaceEthnicity.Of((groups & 2) != 0, (groups & 4) != 0 ? Races.White : Races.Asian | Races.White),
            IsAtRisk: (groups & 8) != 0,
            IsSpecialEducation: (groups & 4) != 0);
}
