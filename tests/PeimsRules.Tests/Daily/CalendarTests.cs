using NodaTime;
using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: days taught are "the number of instructional days in the Attendance Period", the same for every student of
/// a school and track; the calendar code is 00 for a school's only calendar, else 00 for the first calendar listed,
/// 01 for the second, and so on.
/// </summary>
public class CalendarTests
{
    [Fact]
    public void Days_taught_are_the_calendar_s_instructional_days_in_the_period_whatever_the_student_s_days()
    {
        // Period 3 has Labor Day: 4 days taught. A student enrolled from Wednesday still reports the campus's 4.
        var build = Build([Enroll("1000000001", D(9, 4))], Week("1000000001", Monday(3), "--PPP"));

        var record = Assert.Single(build.Records);
        Assert.Equal("3.0 / 0.0 / 0.0 of 4.0", Counts(record));
    }

    [Fact]
    public void The_calendar_reports_its_days_taught_by_period()
    {
        var calendar = Calendar();

        Assert.Equal([5, 5, 4, 5, 5, 5], ReportingPeriod.SixPeriods.Select(p => (int)calendar.DaysTaught(p).Days));
    }

    [Fact]
    public void A_campus_s_only_calendar_is_track_00()
    {
        var build = Build([Enroll("1000000001", Monday(1), calendar: "ONLY")], Week("1000000001", Monday(1), "PPPPP"), [Calendar(code: "ONLY", order: 7)]);

        Assert.Equal("00", Assert.Single(build.Records).InstructionalTrack.Code);
    }

    [Fact]
    public void Several_calendars_of_a_campus_are_numbered_00_01_02_in_the_order_they_are_listed_not_the_order_given()
    {
        var calendars = new[] { Calendar(code: "C", order: 30), Calendar(code: "A", order: 10), Calendar(code: "B", order: 20) };
        var enrollments = new[] { Enroll("1000000001", Monday(1), calendar: "A"), Enroll("2000000002", Monday(1), calendar: "B"), Enroll("3000000003", Monday(1), calendar: "C") };
        var marks = new[] { "1000000001", "2000000002", "3000000003" }.SelectMany(s => Week(s, Monday(1), "P"));

        var build = Build(enrollments, marks, calendars);

        Assert.Equal(["1000000001 00", "2000000002 01", "3000000003 02"], build.Records.Select(r => $"{r.StudentId} {r.InstructionalTrack}"));
    }

    [Fact]
    public void Each_campus_numbers_its_own_calendars_from_00()
    {
        var calendars = new[] { Calendar(Elm, "REG", 1), Calendar(Oak, "REG", 2) };
        var enrollments = new[] { Enroll("1000000001", Monday(1)), Enroll("2000000002", Monday(1), campus: Oak) };
        var marks = Week("1000000001", Monday(1), "P").Concat(Week("2000000002", Monday(1), "P", Oak));

        var build = Build(enrollments, marks, calendars);

        Assert.All(build.Records, r => Assert.Equal("00", r.InstructionalTrack.Code));
    }

    [Fact]
    public void An_excluded_calendar_takes_no_track_number_so_the_one_reported_calendar_is_00()
    {
        var calendars = new[] { Calendar(code: "TEST", order: 1, excludedCalendar: true), Calendar(code: "REG", order: 2) };

        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "P"), calendars);

        Assert.Equal("00", Assert.Single(build.Records).InstructionalTrack.Code);
    }

    [Fact]
    public void With_the_option_to_number_excluded_calendars_the_second_listed_calendar_is_01()
    {
        var calendars = new[] { Calendar(code: "TEST", order: 1, excludedCalendar: true), Calendar(code: "REG", order: 2) };
        var options = new DailyBuildOptions { NumberExcludedCalendars = true };

        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "P"), calendars, options: options);

        Assert.Equal("01", Assert.Single(build.Records).InstructionalTrack.Code);
    }

    [Fact]
    public void A_calendar_refuses_overlapping_or_repeated_reporting_periods()
    {
        var overlapping = new[] { new CalendarReportingPeriod(P(1), D(8, 19), D(8, 23)), new CalendarReportingPeriod(P(2), D(8, 23), D(8, 30)) };
        var repeated = new[] { new CalendarReportingPeriod(P(1), D(8, 19), D(8, 23)), new CalendarReportingPeriod(P(1), D(8, 26), D(8, 30)) };

        Assert.Throws<ArgumentException>(() => new SchoolCalendar(Year, Elm, "REG", 0, Snapshot, SchoolDays(), overlapping));
        Assert.Throws<ArgumentException>(() => new SchoolCalendar(Year, Elm, "REG", 0, Snapshot, SchoolDays(), repeated));
    }

    [Fact]
    public void A_calendar_refuses_an_instructional_day_listed_twice()
    {
        Assert.Throws<ArgumentException>(() => new SchoolCalendar(Year, Elm, "REG", 0, Snapshot, [D(8, 19), D(8, 19)], []));
    }

    [Fact]
    public void A_reporting_period_refuses_to_end_before_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new CalendarReportingPeriod(P(1), D(8, 23), D(8, 19)));
    }

    [Fact]
    public void A_calendar_knows_its_instructional_days_excluded_ranges_and_periods()
    {
        var calendar = Calendar(excludedRanges: [new DateInterval(D(9, 9), D(9, 10))]);

        Assert.False(calendar.IsInstructionalDay(LaborDay));
        Assert.True(calendar.IsInstructionalDay(D(9, 3)));
        Assert.True(calendar.IsInExcludedRange(D(9, 10)));
        Assert.False(calendar.IsInExcludedRange(D(9, 11)));
        Assert.Equal(P(3), calendar.PeriodOf(D(9, 3))?.Period);
        Assert.Null(calendar.PeriodOf(D(8, 24)));
        Assert.Equal([D(9, 3), D(9, 4), D(9, 5), D(9, 6)], calendar.InstructionalDaysOf(P(3)));
    }
}
