using FsCheck.Xunit;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// A big build runs on every core, in runs of students, over the marks packed by student: its output is the
/// one-thread build's, record for record, in the same order (forced here on small districts by tiny runs).
/// </summary>
[Properties(Arbitrary = [typeof(DailyArbitraries)], MaxTest = 60)]
public class ParallelBuildProperties
{
    [Property]
    public void Building_in_parallel_runs_of_students_gives_the_one_thread_build(MessyDistrict generated, byte runSize)
    {
        var d = generated.District;
        var studentsPerRun = 1 + (runSize % 4);

        var oneThread = Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, int.MaxValue, 1));
        var parallel = Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, 0, studentsPerRun));

        Assert.Equal(oneThread.Error, parallel.Error);
        if (oneThread.Build is not { } expected)
        {
            return;
        }

        var actual = parallel.Build!;
        Assert.Equal(expected.Records, actual.Records);
        Assert.Equal(expected.SpecialProgramRecords, actual.SpecialProgramRecords);
        Assert.Equal(expected.UnmatchedMarks, actual.UnmatchedMarks);
        Assert.Equal(expected.LeftOutDays.OrderBy(p => p.Key), actual.LeftOutDays.OrderBy(p => p.Key));
    }

    private static (PeriodAttendanceBuild? Build, string? Error) Outcome(Func<PeriodAttendanceBuild> build)
    {
        try
        {
            return (build(), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
