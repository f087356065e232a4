using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>What the builder reports instead of dropping or guessing: marks it cannot count, absences-only exports.</summary>
public class BuilderReportsTests
{
    [Fact]
    public void A_mark_on_a_Saturday_the_enrollment_covers_is_listed_as_on_a_non_instructional_day_and_counts_nowhere()
    {
        // Period 1 is Mon 08-19 to Fri 08-23; a mark on Sat 08-24 is inside the enrollment but not a day taught.
        var marks = Week("1000000001", Monday(1), "PPPPP").Concat(DayMarks(S("1000000001"), Elm, D(8, 24), 'P')).ToList();

        var build = Build([Enroll("1000000001", Monday(1))], marks);

        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records, r => r.ReportingPeriod == P(1))));
        Assert.Equal(3, build.MarksOnNonInstructionalDays.Count);
        Assert.All(build.MarksOnNonInstructionalDays, m => Assert.Equal(D(8, 24), m.Date));
        Assert.Empty(build.UnmatchedMarks);
    }

    [Fact]
    public void An_export_of_absences_only_fails_naming_the_negative_attendance_option_and_builds_with_it()
    {
        // Two absences on Tue and Thu of period 1, nothing else: no mark says present. Without the option the build
        // would write a record of 0 days present; with negative attendance the 3 unmarked days count present.
        var absences = new[]
        {
            Mark(S("1000000001"), Elm, D(8, 20), 2, AttendanceMarkStatus.Absent),
            Mark(S("1000000001"), Elm, D(8, 22), 2, AttendanceMarkStatus.Absent),
        };
        var enrollment = Enroll("1000000001", Monday(1), withdrawal: Monday(2));

        var error = Assert.Throws<DailyAttendanceInputException>(() => Build([enrollment], absences));
        var build = Build([enrollment], absences, options: new DailyBuildOptions { NoSnapshotMark = NoSnapshotMarkRule.CountPresent });

        Assert.Contains("--negative-attendance", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.Equal("3.0 / 0.0 / 2.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void An_overlap_of_two_enrollments_read_from_a_file_names_both_lines()
    {
        var first = new StudentEnrollment(S("1000000001"), Elm, "REG", PeimsRules.GradeLevel.Parse("03"), Monday(1), null, AdaEligibility.FullDay) { Source = new SourceLocation("enrollments.csv", 2) };
        var second = new StudentEnrollment(S("1000000001"), Elm, "REG", PeimsRules.GradeLevel.Parse("04"), D(8, 21), null, AdaEligibility.FullDay) { Source = new SourceLocation("enrollments.csv", 7) };

        var error = Assert.Throws<DailyAttendanceInputException>(() => Build([first, second], Week("1000000001", Monday(1), "PPPPP")));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("enrollments.csv, line 2", problem, StringComparison.Ordinal);
        Assert.Contains("enrollments.csv, line 7", problem, StringComparison.Ordinal);
    }
}
