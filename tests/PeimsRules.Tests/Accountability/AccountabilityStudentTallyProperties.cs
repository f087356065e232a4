using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Accountability;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// The one-pass tally of students (<see cref="AccountabilityStudentTally"/>) gives the reference figures
/// (<see cref="AttendanceRate"/>, <see cref="AnnualDropoutRate"/>) over the same records, whatever they are: students at
/// several campuses of two districts and in several grades, every period (7 to 9 outside the rate), every ADA
/// eligibility code and none, two school years, repeated keys, students without demographics or no demographics at all,
/// dropouts inside and outside the students served; local student ids and ten-digit ones.
/// </summary>
public sealed class AccountabilityStudentTallyProperties
{
    private static readonly string[] Campuses = ["101912001", "101912002", "057905001"];
    private static readonly string[] Grades = ["EE", "PK", "KG", "01", "05", "07", "08", "09", "12"];

    public sealed record Input(
        IReadOnlyList<BasicReportingPeriodAttendance> Records,
        IReadOnlyList<StudentDemographics>? Demographics,
        IReadOnlyList<LeaverRecord> Leavers)
    {
        public override string ToString() =>
            $"{Records.Count} records: {string.Join("; ", Records.Select(r => $"{r.SchoolYear} {r.Key} code {r.AdaEligibility?.ToString() ?? "-"} {r.DaysInMembership}/{r.DaysAbsent}"))}"
            + $" | demographics of {(Demographics is null ? "none" : string.Join(",", Demographics.Select(d => d.Student)))}"
            + $" | leavers {string.Join(", ", Leavers.Select(l => $"{l.Student}@{l.Campus} {l.GradeLevel} {l.LeaverCode}"))}";
    }

    public static class Inputs
    {
        public static Arbitrary<Input> Values() =>
            (from count in Gen.Choose(0, 40)
             from records in Gen.ListOf(Record(), count)
             from withDemographics in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
             from known in Gen.ArrayOf(Gen.Elements(true, true, false), 8)
             from groups in Gen.ArrayOf(Gen.Choose(0, 15), 8)
             from leaverCount in Gen.Choose(0, 5)
             from leavers in Gen.ListOf(Leaver(), leaverCount)
             select new Input(
                 records,
                 withDemographics ? Enumerable.Range(0, 8).Where(s => known[s]).Select(s => Demographics(s, groups[s])).ToList() : null,
                 leavers))
            .ToArbitrary();

        /// <summary>Local ids (S0, S2, ...) and ten-digit ones (1000000001, ...): the tally keys the two kinds apart.</summary>
        private static string Student(int student) => student % 2 == 0 ? $"S{student}" : $"100000000{student}";

        private static Gen<BasicReportingPeriodAttendance> Record() =>
            from student in Gen.Choose(0, 7)
            from campus in Gen.Elements(Campuses)
            from grade in Gen.Elements(Grades)
            from period in Gen.Frequency((6, Gen.Choose(1, 6)), (1, Gen.Choose(7, 9)))
            from code in Gen.Frequency((3, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 8).Select(c => (int?)c)))
            from year in Gen.Frequency((6, Gen.Constant(2024)), (1, Gen.Constant(2023)))
            from taught in Gen.Choose(1, 70)
            from present in Gen.Choose(0, 70)
            from absent in Gen.Choose(0, 70)
            let p = Math.Min(present, taught)
            let a = Math.Min(absent, taught - p)
            select Given.Record(
                student: Student(student), period: period, code: code, taught: taught / 2m, eligible: p / 2m, absent: a / 2m,
                year: year, campus: campus, grade: grade);

        private static Gen<LeaverRecord> Leaver() =>
            from student in Gen.Choose(0, 7)
            from campus in Gen.Elements(Campuses)
            from grade in Gen.Elements("05", "07", "08", "09", "12")
            from code in Gen.Elements("98", "01")
            from year in Gen.Frequency((6, Gen.Constant(2024)), (1, Gen.Constant(2023)))
            select new LeaverRecord(new SchoolYear(year), CampusId.Parse(campus), StudentId.Parse(Student(student)), GradeLevel.Parse(grade), code);

        private static StudentDemographics Demographics(int student, int groups) =>
            new(
                StudentId.Parse(Student(student)),
                EconomicDisadvantage.Parse((groups & 1) == 0 ? "00" : "01"),
                RaceEthnicity.Of((groups & 2) != 0, (groups & 4) != 0 ? Races.White : Races.Asian),
                IsAtRisk: (groups & 8) != 0,
                IsSpecialEducation: (groups & 4) != 0);
    }

    [Property(Arbitrary = [typeof(Inputs)], MaxTest = 300)]
    public void The_tally_gives_the_reference_attendance_rates_and_students_without_demographics(Input input)
    {
        var tally = new AccountabilityStudentTally().AddRange(input.Records);

        Assert.Equal(AttendanceRate.Compute(input.Records, input.Demographics), tally.AttendanceRates(input.Demographics));
        Assert.Equal(AttendanceRate.Compute(input.Records), tally.AttendanceRates());
        Assert.Equal(input.Records.Count, tally.RecordCount);
        Assert.Equal(input.Records.Select(r => r.SchoolYear).Distinct(), tally.SchoolYears);
        if (input.Demographics is { } demographics)
        {
            Assert.Equal(AttendanceRate.StudentsWithoutDemographics(input.Records, demographics), tally.StudentsWithoutDemographics(demographics));
        }
    }

    [Property(Arbitrary = [typeof(Inputs)], MaxTest = 300)]
    public void The_tally_gives_the_reference_dropout_rates_and_the_same_refusal_of_dropouts_not_served(Input input)
    {
        var year = new SchoolYear(2024);
        var tally = new AccountabilityStudentTally().AddRange(input.Records);

        Assert.Equal(AnnualDropoutRate.DropoutsNotServed(year, input.Leavers, input.Records), tally.DropoutsNotServed(year, input.Leavers));
        Assert.Equal(Outcome(() => AnnualDropoutRate.Compute(year, input.Leavers, input.Records, input.Demographics)), Outcome(() => tally.AnnualDropoutRates(year, input.Leavers, input.Demographics)));

        // Only the dropouts served can be counted: the same leavers without the refused ones give figures on both sides.
        var served = input.Leavers.Except(AnnualDropoutRate.DropoutsNotServed(year, input.Leavers, input.Records)).ToList();
        var reference = AnnualDropoutRate.Compute(year, served, input.Records, input.Demographics);
        Assert.Equal(reference, tally.AnnualDropoutRates(year, served, input.Demographics));
    }

    [Fact]
    public void A_student_at_two_campuses_of_one_district_counts_once_in_the_district_and_once_at_each_campus()
    {
        // S1: 20 of 30 days at campus 001, then 25 of 30 at campus 002 (grade 07 both); S2: 30 of 30 at campus 001.
        var records = new[]
        {
            Given.Record("S1", period: 1, taught: 30, eligible: 20, absent: 10, grade: "07", campus: "101912001"),
            Given.Record("S1", period: 2, taught: 30, eligible: 25, absent: 5, grade: "07", campus: "101912002"),
            Given.Record("S2", period: 1, taught: 30, eligible: 30, grade: "08", campus: "101912001"),
        };

        var tally = new AccountabilityStudentTally().AddRange(records);
        var rates = tally.AttendanceRates();

        var district = rates.Single(f => f.Level == RateLevel.District);
        Assert.Equal((2, DayCount.FromDays(75), DayCount.FromDays(90)), (district.Students, district.DaysPresent, district.DaysInMembership));
        Assert.Equal([2, 1], rates.Where(f => f.Level == RateLevel.Campus).Select(f => f.Students));
        Assert.Equal(AttendanceRate.Compute(records), rates);
    }

    /// <summary>The figures, or the refusal's type and message.</summary>
    internal static string Outcome<T>(Func<IReadOnlyList<T>> compute)
    {
        try
        {
            return string.Join("\n", compute());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or PeimsCodeException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
