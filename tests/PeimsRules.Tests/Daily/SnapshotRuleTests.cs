using NodaTime;
using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: "There is an Attendance Snapshot Time designated in Calendar Information for each School. Students who are
/// marked absent in the period that contains the snapshot time are considered absent for the day. Students who are
/// marked present in the period that contains the snapshot time are considered present for the day. Attendance marks
/// in any other period do not count."
/// </summary>
public class SnapshotRuleTests
{
    [Fact]
    public void Absent_in_the_class_period_holding_the_snapshot_time_is_absent_for_the_day_though_present_in_the_others()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "AAAAA"));

        Assert.Equal("0.0 / 0.0 / 5.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Present_in_the_class_period_holding_the_snapshot_time_is_present_for_the_day_though_absent_in_the_others()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "aaaaa"));

        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Present_for_funding_at_the_snapshot_time_counts_present()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "FFPPP"));

        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Each_calendar_uses_its_own_snapshot_time()
    {
        // At 08:30 class period 1 decides: the 'A' days (absent only in period 2) are present days.
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "AAAAA"), [Calendar(snapshot: new LocalTime(8, 30))]);

        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void A_class_period_holds_the_snapshot_time_from_its_start_up_to_but_not_including_its_end()
    {
        // Snapshot 09:50: period 2 (09:00-09:50) has ended; period 3 starting at 09:50 holds it.
        var student = S("1000000001");
        var marks = new[]
        {
            new DailyAttendanceMark(student, Elm, D(8, 19), new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present, "2"),
            new DailyAttendanceMark(student, Elm, D(8, 19), new LocalTime(9, 50), new LocalTime(10, 40), AttendanceMarkStatus.Absent, "3"),
        };

        var build = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 20))], marks, [Calendar(snapshot: new LocalTime(9, 50))]);

        Assert.Equal("0.0 / 0.0 / 1.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void A_day_with_no_mark_at_the_snapshot_time_is_left_out_for_that_named_reason()
    {
        // Wed has marks in periods 1 and 3 only; Thu has no marks at all. Neither is a present nor an absent day.
        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPn-P"));

        Assert.Equal("3.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
        Assert.Equal(2, build.LeftOutDays[DayExclusionReason.NoSnapshotMark]);
        var wednesday = build.Explain(S("1000000001"), P(1)).Single(l => l.Date == D(8, 21));
        Assert.Equal(DayExclusionReason.NoSnapshotMark, wednesday.LeftOutBecause);
    }

    [Fact]
    public void With_the_count_present_option_a_day_with_no_mark_at_the_snapshot_time_counts_present()
    {
        // For systems that record absences only.
        var options = new DailyBuildOptions { NoSnapshotMark = NoSnapshotMarkRule.CountPresent };

        var build = Build([Enroll("1000000001", Monday(1), withdrawal: Monday(2))], Week("1000000001", Monday(1), "PPn-A"), options: options);

        Assert.Equal("4.0 / 0.0 / 1.0 of 5.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Marks_that_disagree_at_the_snapshot_time_leave_the_day_out_as_a_conflict()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "PPXPP"));

        Assert.Equal("4.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
        var wednesday = build.Explain(S("1000000001"), P(1)).Single(l => l.Date == D(8, 21));
        Assert.Equal(DayExclusionReason.ConflictingSnapshotMarks, wednesday.LeftOutBecause);
        Assert.Contains("absent in period makeup (09:15-09:45)", wednesday.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_marks_that_agree_at_the_snapshot_time_count_the_day_once()
    {
        var student = S("1000000001");
        var marks = new[]
        {
            Mark(student, Elm, D(8, 19), 2, AttendanceMarkStatus.Present),
            Mark(student, Elm, D(8, 19), 2, AttendanceMarkStatus.PresentForFunding),
        };

        var build = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 20))], marks);

        Assert.Equal("1.0 / 0.0 / 0.0 of 5.0", Counts(Assert.Single(build.Records)));
    }
}
