using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// Properties of the builder over random districts (see <see cref="GeneratedDistrict"/>; a failure names its seed).
/// </summary>
[Properties(Arbitrary = [typeof(DailyArbitraries)], MaxTest = 60)]
public class DailyBuilderProperties
{
    private static readonly RuleSet Rules = RuleSet.For(new SchoolYear(2025));

    [Property]
    public void Present_plus_absent_days_are_the_instructional_days_enrolled_times_the_code_weight(CleanDistrict generated)
    {
        var district = generated.District;
        var build = district.Build();

        // The plan's enrolled instructional days, each weighing 1 (codes 1, 3, 4) or 1/2 (codes 2, 5, 6), by student and period.
        var expected = district.Expected()
            .GroupBy(r => (r.StudentId, r.ReportingPeriod))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.DaysInMembership.HalfDays));
        var actual = build.Records
            .GroupBy(r => (r.StudentId, r.ReportingPeriod))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.EligibleDaysPresent.HalfDays + r.IneligibleDaysPresent.HalfDays + r.DaysAbsent.HalfDays));

        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), actual.OrderBy(p => p.Key).ToList());
    }

    [Property]
    public void The_built_records_are_the_records_the_plan_implies(CleanDistrict generated)
    {
        var district = generated.District;

        var build = district.Build();

        Assert.Equal(Sorted(district.Expected()), Sorted(build.Records));
    }

    [Property]
    public void Building_then_computing_ADA_equals_computing_ADA_from_hand_made_records_of_the_same_data(CleanDistrict generated)
    {
        var district = generated.District;
        var handMade = district.Expected();

        var built = district.Build().Records;

        Assert.Equal(RefinedAda.PeriodAdas(handMade, Rules), RefinedAda.PeriodAdas(built, Rules));
        Assert.Equal(RefinedAda.Compute(handMade, Rules), RefinedAda.Compute(built, Rules));
        var byCampus = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };
        Assert.Equal(
            AttendanceSummary.Compute(handMade, Rules, byCampus).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada, f.Pia)),
            AttendanceSummary.Compute(built, Rules, byCampus).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada, f.Pia)));
    }

    [Property]
    public void Every_counted_day_is_in_the_explanation_and_the_explanation_adds_up_to_the_records(MessyDistrict generated)
    {
        var build = generated.District.Build();

        foreach (var student in build.Students)
        {
            foreach (var period in ReportingPeriod.SixPeriods)
            {
                var lines = build.Explain(student, period);
                var records = build.Records.Where(r => r.StudentId == student && r.ReportingPeriod == period).ToList();
                Assert.All(lines, l => Assert.True(l.IsCounted || l.LeftOutBecause is not null));
                Assert.All(lines.Where(l => l.IsCounted), l => Assert.Equal(l.AdaEligibility!.Value.IsHalfDay ? 1 : 2, l.EligibleDaysPresent.HalfDays + l.IneligibleDaysPresent.HalfDays + l.DaysAbsent.HalfDays));
                foreach (var record in records)
                {
                    var mine = lines.Where(l => l.IsCounted && l.Campus == record.CampusId && l.GradeLevel == record.GradeLevel && l.Track == record.InstructionalTrack && (record.AdaEligibility is null || l.AdaEligibility == record.AdaEligibility)).ToList();
                    Assert.Equal(record.EligibleDaysPresent.HalfDays, mine.Sum(l => l.EligibleDaysPresent.HalfDays));
                    Assert.Equal(record.IneligibleDaysPresent.HalfDays, mine.Sum(l => l.IneligibleDaysPresent.HalfDays));
                    Assert.Equal(record.DaysAbsent.HalfDays, mine.Sum(l => l.DaysAbsent.HalfDays));
                }

                Assert.Equal(records.Sum(r => r.DaysInMembership.HalfDays), lines.Where(l => l.IsCounted).Sum(l => l.EligibleDaysPresent.HalfDays + l.IneligibleDaysPresent.HalfDays + l.DaysAbsent.HalfDays));
            }
        }
    }

    [Property]
    public void The_days_left_out_by_reason_are_the_explained_enrolled_days_left_out(MessyDistrict generated)
    {
        var build = generated.District.Build();

        var explained = build.Students
            .SelectMany(s => ReportingPeriod.SixPeriods.SelectMany(p => build.Explain(s, p)))
            .Where(l => l.LeftOutBecause is { } r && r is not (DayExclusionReason.NotEnrolled or DayExclusionReason.NotInstructionalDay))
            .GroupBy(l => l.LeftOutBecause!.Value)
            .ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(explained.OrderBy(p => p.Key), build.LeftOutDays.OrderBy(p => p.Key));
    }

    [Property]
    public void The_sum_over_records_split_by_grade_equals_the_totals_when_the_grade_does_not_change(MessyDistrict generated)
    {
        var district = generated.District;
        var split = district.Build();

        // The same data with one grade for every enrollment (none EE, so the IEP rule is not in play): nothing splits by grade.
        var oneGrade = district.Enrollments.Select(e => new StudentEnrollment(
            e.Student, e.Campus, e.CalendarCode, GradeLevel.Grade(5), e.EntryDate, e.WithdrawalDate, e.AdaEligibility[0].Code, e.AdaEligibility.Skip(1), e.IsNoShow, e.IsStateExcluded, e.EconomicDisadvantage, e.EmergentBilingual, e.BilingualEslFunding));
        var splitWithoutEe = PeriodAttendanceBuilder.Build(
            district.Calendars,
            district.Enrollments.Select(e => e.GradeLevel == GradeLevel.EarlyEducation ? WithGrade(e, GradeLevel.PreKindergarten) : e),
            district.Marks,
            district.Programs);
        var unsplit = PeriodAttendanceBuilder.Build(district.Calendars, oneGrade, district.Marks, district.Programs);

        Assert.Equal(Totals(splitWithoutEe.Records), Totals(unsplit.Records));
        Assert.True(unsplit.Records.Count <= splitWithoutEe.Records.Count);
        // Renaming EE to PK touches only the students who have an EE enrollment (it may fold an EE and a PK record of
        // one period into one, so the counts of records are not comparable).
        var early = district.Enrollments.Where(e => e.GradeLevel == GradeLevel.EarlyEducation).Select(e => e.Student).ToHashSet();
        Assert.Equal(split.Records.Where(r => !early.Contains(r.StudentId)), splitWithoutEe.Records.Where(r => !early.Contains(r.StudentId)));
    }

    [Property]
    public void Building_does_not_depend_on_the_order_of_the_inputs(MessyDistrict generated)
    {
        var district = generated.District;
        var random = new Random(district.Seed + 1);

        var original = district.Build();
        var shuffled = PeriodAttendanceBuilder.Build(
            district.Calendars.OrderBy(_ => random.Next()).ToList(),
            district.Enrollments.OrderBy(_ => random.Next()).ToList(),
            district.Marks.OrderBy(_ => random.Next()).ToList(),
            district.Programs.OrderBy(_ => random.Next()).ToList());

        Assert.Equal(original.Records, shuffled.Records);
        Assert.Equal(original.SpecialProgramRecords, shuffled.SpecialProgramRecords);
        Assert.Equal(original.UnmatchedMarks, shuffled.UnmatchedMarks);
        Assert.Equal(original.LeftOutDays.OrderBy(p => p.Key), shuffled.LeftOutDays.OrderBy(p => p.Key));
        foreach (var student in original.Students)
        {
            Assert.Equal(
                original.Explain(student, new ReportingPeriod(1)).Select(l => l.ToString()),
                shuffled.Explain(student, new ReportingPeriod(1)).Select(l => l.ToString()));
        }
    }

    [Property]
    public void Special_program_days_are_never_more_than_the_eligible_days_present(MessyDistrict generated)
    {
        var build = generated.District.Build();

        Assert.All(build.SpecialProgramRecords, s =>
        {
            Assert.Contains(s.Record, build.Records);
            Assert.True(s.HasAnyDays);
            Assert.True(s.PregnancyRelatedServicesDaysPresent <= s.Record.EligibleDaysPresent);
            Assert.True(s.SpecialEducationMainstreamDaysPresent <= s.Record.EligibleDaysPresent);
            Assert.True(s.ResidentialFacilityDaysPresent <= s.Record.EligibleDaysPresent);
        });
    }

    [Fact]
    public void The_generated_districts_exercise_every_reason_and_every_kind_of_split()
    {
        // The properties above are only as strong as the districts they run on: check the generator reaches every case.
        var builds = Enumerable.Range(1, 150).Select(seed => GeneratedDistrict.Create(seed, clean: false).Build()).ToList();

        var reasons = builds.SelectMany(b => b.LeftOutDays.Keys).ToHashSet();
        Assert.Equal(Enum.GetValues<DayExclusionReason>().Except([DayExclusionReason.NotEnrolled, DayExclusionReason.NotInstructionalDay]).Order(), reasons.Order());
        var records = builds.SelectMany(b => b.Records).ToList();
        var perStudentPeriod = records.GroupBy(r => (r.StudentId, r.ReportingPeriod, r.SchoolYear, Seed: builds.FindIndex(b => b.Records.Contains(r))));
        Assert.Contains(perStudentPeriod, g => g.Select(r => r.GradeLevel).Distinct().Count() > 1);
        Assert.Contains(perStudentPeriod, g => g.Select(r => r.CampusId).Distinct().Count() > 1);
        Assert.Contains(perStudentPeriod, g => g.Select(r => r.AdaEligibility).Distinct().Count() > 1);
        Assert.Contains(records, r => r.InstructionalTrack.Number == 1);
        Assert.Contains(builds, b => b.UnmatchedMarks.Count > 0);
        Assert.Contains(builds, b => b.SpecialProgramRecords.Any(s => s.SpecialEducationMainstreamDaysPresent.HalfDays % 2 == 1));
    }

    private static StudentEnrollment WithGrade(StudentEnrollment e, GradeLevel grade) => new(
        e.Student, e.Campus, e.CalendarCode, grade, e.EntryDate, e.WithdrawalDate, e.AdaEligibility[0].Code, e.AdaEligibility.Skip(1), e.IsNoShow, e.IsStateExcluded, e.EconomicDisadvantage, e.EmergentBilingual, e.BilingualEslFunding);

    private static List<(StudentId, ReportingPeriod, long, long, long)> Totals(IEnumerable<BasicReportingPeriodAttendance> records) =>
        records.GroupBy(r => (r.StudentId, r.ReportingPeriod))
            .Select(g => (g.Key.StudentId, g.Key.ReportingPeriod, g.Sum(r => r.EligibleDaysPresent.HalfDays), g.Sum(r => r.IneligibleDaysPresent.HalfDays), g.Sum(r => r.DaysAbsent.HalfDays)))
            .OrderBy(t => t.StudentId).ThenBy(t => t.ReportingPeriod)
            .ToList();

    private static List<BasicReportingPeriodAttendance> Sorted(IEnumerable<BasicReportingPeriodAttendance> records) =>
        [.. records.OrderBy(r => r.StudentId).ThenBy(r => r.ReportingPeriod).ThenBy(r => r.CampusId).ThenBy(r => r.GradeLevel).ThenBy(r => r.InstructionalTrack)];
}
