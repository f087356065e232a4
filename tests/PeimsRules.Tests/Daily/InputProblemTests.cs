using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// Inputs that contradict each other make the records ill-defined; the builder refuses them and lists every problem,
/// rather than guessing.
/// </summary>
public class InputProblemTests
{
    [Fact]
    public void An_enrollment_on_a_calendar_the_campus_does_not_have_is_refused()
    {
        var error = Assert.Throws<DailyAttendanceInputException>(() => Build([Enroll("1000000001", Monday(1), calendar: "YR")], []));

        Assert.Contains("names calendar 'YR', which campus 101912001 does not have", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_enrollments_of_a_student_at_one_campus_covering_the_same_day_are_refused()
    {
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 23)), Enroll("1000000001", D(8, 22), grade: "04") };

        var error = Assert.Throws<DailyAttendanceInputException>(() => Build(enrollments, []));

        Assert.Contains("cover the same days", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Enrollments_at_two_campuses_on_the_same_days_are_allowed_each_campus_counts_its_own_marks()
    {
        // Concurrent enrollment (a half day at each campus, code 2 at both).
        var enrollments = new[] { Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 2), Enroll("1000000001", Monday(1), withdrawal: Monday(2), code: 2, campus: Oak) };
        var marks = Week("1000000001", Monday(1), "PPPPP").Concat(Week("1000000001", Monday(1), "AAAAA", Oak));

        var build = Build(enrollments, marks, [Calendar(), Calendar(Oak)]);

        Assert.Equal(["2.5 / 0.0 / 0.0 of 5.0", "0.0 / 0.0 / 2.5 of 5.0"], build.Records.Select(Counts));
    }

    [Fact]
    public void Every_contradiction_is_listed_not_only_the_first()
    {
        var calendars = new[]
        {
            Calendar(code: "REG", order: 1),
            Calendar(code: "REG", order: 2),
            Calendar(code: "YR", order: 1, excludedCampus: true),
            new SchoolCalendar(new SchoolYear(2024), Oak, "REG", 0, Snapshot, [], []),
        };
        var enrollments = new[] { Enroll("1000000001", Monday(1), calendar: "NONE") };

        var error = Assert.Throws<DailyAttendanceInputException>(() => Build(enrollments, [], calendars));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("school years", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("2 calendars named REG", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("disagree on whether the campus is excluded", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("listed in place 1", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("names calendar 'NONE'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mark_refuses_a_class_period_that_ends_before_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new DailyAttendanceMark(S("1"), Elm, D(8, 19), new NodaTime.LocalTime(9, 0), new NodaTime.LocalTime(9, 0), AttendanceMarkStatus.Present));
    }

    [Fact]
    public void No_inputs_build_no_records()
    {
        var build = PeriodAttendanceBuilder.Build([], [], []);

        Assert.Empty(build.Records);
        Assert.Null(build.SchoolYear);
    }
}
