using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// For any student and period, the build can say which days counted, what each added, and why each other day was
/// left out, as an auditor would check it by hand.
/// </summary>
public class ExplainTests
{
    [Fact]
    public void The_explanation_lists_every_instructional_day_of_the_period_with_what_it_added_or_why_it_was_left_out()
    {
        // Period 3: Labor Day (no school) Monday; enrolled from Wednesday, code 2; absent Thursday; no mark Friday.
        var build = Build([Enroll("1000000001", D(9, 4), code: 2)], Week("1000000001", Monday(3), "PPPAn"));

        var lines = build.Explain(S("1000000001"), P(3));

        Assert.Equal(
            [
                "2024-09-02 NotInstructionalDay",
                "2024-09-03 NotEnrolled",
                "2024-09-04 counted eligible 0.5",
                "2024-09-05 counted absent 0.5",
                "2024-09-06 NoSnapshotMark",
            ],
            lines.Select(l => l.IsCounted
                ? $"{l.Date:uuuu-MM-dd} counted " + (l.IsPresent == true ? $"eligible {l.EligibleDaysPresent}" : $"absent {l.DaysAbsent}")
                : $"{l.Date:uuuu-MM-dd} {l.LeftOutBecause}"));
        Assert.Equal("0.5 / 0.0 / 0.5 of 4.0", Counts(Assert.Single(build.Records)));
    }

    [Fact]
    public void Each_line_reads_as_a_sentence_naming_the_mark_and_the_rule()
    {
        var build = Build([Enroll("1000000001", D(8, 19), code: 2)], Week("1000000001", Monday(1), "AP"));

        var monday = build.Explain(S("1000000001"), P(1))[0];

        Assert.Equal(
            "2024-08-19 Mon  campus 101912001 REG track 00 grade 03 code 2  counted: absent: absent in period 2 (09:00-09:50) holds the snapshot time 09:30; code 2, half day (codes 2, 5, 6 count one half day); +0.5 absent",
            monday.ToString());
    }

    [Fact]
    public void The_counted_days_of_the_explanation_add_up_to_the_records()
    {
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 21), grade: "03"), Enroll("1000000001", D(8, 21), grade: "04", code: 5) };
        var build = Build(enrollments, Week("1000000001", Monday(1), "PAPAn"));

        var lines = build.Explain(S("1000000001"), P(1)).Where(l => l.IsCounted).ToList();

        foreach (var record in build.Records)
        {
            var mine = lines.Where(l => l.GradeLevel == record.GradeLevel && l.AdaEligibility == record.AdaEligibility).ToList();
            Assert.Equal(record.EligibleDaysPresent, mine.Aggregate(DayCount.Zero, (s, l) => s + l.EligibleDaysPresent));
            Assert.Equal(record.IneligibleDaysPresent, mine.Aggregate(DayCount.Zero, (s, l) => s + l.IneligibleDaysPresent));
            Assert.Equal(record.DaysAbsent, mine.Aggregate(DayCount.Zero, (s, l) => s + l.DaysAbsent));
        }
    }

    [Fact]
    public void Days_of_an_excluded_enrollment_are_listed_with_the_reason()
    {
        var build = Build([Enroll("1000000001", Monday(1), noShow: true)], []);

        var lines = build.Explain(S("1000000001"), P(1));

        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.Equal(DayExclusionReason.NoShowEnrollment, l.LeftOutBecause));
        Assert.Contains("no show", lines[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_student_with_no_enrollment_has_nothing_to_explain()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "P"));

        Assert.Empty(build.Explain(S("2000000002"), P(1)));
    }

    [Fact]
    public void The_explanation_covers_each_calendar_the_student_was_on_in_the_period()
    {
        var calendars = new[] { Calendar(), Calendar(Oak) };
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 22)), Enroll("1000000001", D(8, 22), campus: Oak) };

        var lines = Build(enrollments, Week("1000000001", Monday(1), "PPP").Concat(Week("1000000001", D(8, 22), "PP", Oak)), calendars)
            .Explain(S("1000000001"), P(1));

        Assert.Equal(10, lines.Count);
        Assert.Equal(5, lines.Count(l => l.IsCounted));
        Assert.Equal([Elm, Elm, Elm, Oak, Oak], lines.Where(l => l.IsCounted).Select(l => l.Campus));
    }
}
