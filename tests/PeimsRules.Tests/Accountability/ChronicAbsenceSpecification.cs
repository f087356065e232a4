using PeimsRules.Accountability;
using PeimsRules.Rules;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// Chronic absenteeism, each definition a named rule: the known disputes between them, with the worked numbers inline.
/// Campus Elm is 101912001 and campus Oak 101912002, both in district 101912; campus Pine 227901001 is in district 227901.
/// </summary>
public class ChronicAbsenceSpecification
{
    private const string Elm = "101912001";
    private const string Oak = "101912002";
    private const string Pine = "227901001";

    internal static ChronicAbsenceSpan Span(
        decimal enrolled,
        decimal absent,
        string student = "S1",
        string campus = Elm,
        string grade = "05",
        int? calendarDays = 170,
        long? scheduled = null,
        long? absentMinutes = null,
        bool noShow = false,
        bool sameDay = false,
        string source = "span") =>
        new(
            StudentId.Parse(student),
            CampusId.Parse(campus),
            GradeLevel.Parse(grade),
            DayCount.FromDays(enrolled),
            DayCount.FromDays(absent),
            calendarDays is { } c ? DayCount.FromDays(c) : null,
            scheduled,
            absentMinutes,
            noShow,
            sameDay,
            source);

    private static ChronicAbsenceVerdict One(ChronicAbsenceDefinition definition, params ChronicAbsenceSpan[] spans) =>
        Assert.Single(ChronicAbsence.Evaluate(definition, spans).Verdicts);

    // Exactly 10.0% absent: the definitions part ways.

    [Fact]
    public void Federal_counts_a_student_absent_exactly_10_percent_18_of_180_days_as_chronically_absent()
    {
        var verdict = One(ChronicAbsenceDefinition.Federal, Span(180, 18));

        Assert.Equal(ChronicAbsenceStatus.Chronic, verdict.Status);
        Assert.Equal(Ratio.FromInteger(10), verdict.Measured);
        Assert.Contains("10.00% >= 10%", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_integrity_audit_does_not_flag_exactly_90_percent_attendance_18_of_180_days_absent_as_below_90()
    {
        var verdict = One(ChronicAbsenceDefinition.IntegrityAudit, Span(180, 18));

        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
        Assert.Contains("10.00% <= 10%", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_integrity_audit_flags_18_and_a_half_of_180_days_absent_attendance_89_72_percent()
    {
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.IntegrityAudit, Span(180, 18.5m)).Status);
    }

    [Fact]
    public void Federal_with_the_threshold_made_exclusive_no_longer_counts_18_of_180_days()
    {
        var verdict = One(ChronicAbsenceDefinition.Federal with { Inclusive = false }, Span(180, 18));

        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
    }

    [Fact]
    public void A_17_and_a_half_of_180_days_absent_is_9_72_percent_not_chronic_but_trending_under_federal()
    {
        var verdict = One(ChronicAbsenceDefinition.Federal, Span(180, 17.5m));

        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
        Assert.Equal(Ratio.Of(35 * 100, 360), verdict.Measured);
    }

    [Fact]
    public void A_student_absent_8_of_180_days_4_44_percent_is_below_the_trending_band_of_5_percent()
    {
        Assert.Equal(ChronicAbsenceStatus.NotChronic, One(ChronicAbsenceDefinition.Federal, Span(180, 8)).Status);
        Assert.Equal(ChronicAbsenceStatus.Trending, One(ChronicAbsenceDefinition.Federal, Span(180, 9)).Status);
    }

    // 9 vs 10 days enrolled.

    [Fact]
    public void Federal_leaves_out_a_student_enrolled_9_days_even_absent_all_9()
    {
        var verdict = One(ChronicAbsenceDefinition.Federal, Span(9, 9));

        Assert.Equal(ChronicAbsenceStatus.Excluded, verdict.Status);
        Assert.Equal([ChronicAbsenceExclusion.BelowMinimumDaysEnrolled], verdict.Exclusions);
        Assert.Contains("fewer than the minimum 10.0", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Federal_considers_a_student_enrolled_10_days_and_1_day_absent_is_exactly_10_percent_chronic()
    {
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.Federal, Span(10, 1)).Status);
    }

    [Fact]
    public void CRDC_has_no_minimum_9_days_enrolled_and_1_absent_is_considered_and_not_chronic()
    {
        Assert.Equal(ChronicAbsenceStatus.NotChronic, One(ChronicAbsenceDefinition.Crdc, Span(9, 1)).Status);
    }

    [Fact]
    public void The_minimum_days_enrolled_can_be_overridden_to_20_leaving_out_a_student_of_15_days()
    {
        var definition = ChronicAbsenceDefinition.Federal with { MinimumDaysEnrolled = DayCount.FromDays(20) };

        Assert.Equal(ChronicAbsenceStatus.Excluded, One(definition, Span(15, 5)).Status);
    }

    // CRDC counts days, not a share.

    [Fact]
    public void CRDC_counts_15_days_absent_of_180_as_chronic_though_it_is_only_8_33_percent()
    {
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.Crdc, Span(180, 15)).Status);
        Assert.Equal(ChronicAbsenceStatus.Trending, One(ChronicAbsenceDefinition.Federal, Span(180, 15)).Status);
    }

    [Fact]
    public void CRDC_does_not_count_14_and_a_half_days_absent_and_puts_it_in_the_trending_band_from_10_days()
    {
        var verdict = One(ChronicAbsenceDefinition.Crdc, Span(180, 14.5m));

        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
        Assert.Equal(Ratio.Of(29, 2), verdict.Measured);
    }

    [Fact]
    public void Federal_counts_a_student_absent_3_of_20_days_as_chronic_where_CRDC_does_not()
    {
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.Federal, Span(20, 3)).Status);
        Assert.Equal(ChronicAbsenceStatus.NotChronic, One(ChronicAbsenceDefinition.Crdc, Span(20, 3)).Status);
    }

    // Several enrollments in one school, and transfers between schools.

    [Fact]
    public void Federal_sums_two_enrollments_in_one_school_8_days_with_1_absent_and_12_with_1_absent_is_2_of_20_chronic()
    {
        // Neither enrollment alone has 10 days with 10% absent: 8 days is under the minimum, 1 of 12 is 8.33%.
        var verdict = One(ChronicAbsenceDefinition.Federal, Span(8, 1, source: "fall"), Span(12, 1, source: "spring"));

        Assert.Equal(ChronicAbsenceStatus.Chronic, verdict.Status);
        Assert.Equal(DayCount.FromDays(20), verdict.DaysEnrolled);
        Assert.Equal(DayCount.FromDays(2), verdict.DaysAbsent);
        Assert.Equal(2, verdict.Spans);
    }

    [Fact]
    public void A_transfer_from_Elm_50_days_6_absent_to_Oak_50_days_2_absent_is_counted_once_at_each_school_per_school()
    {
        var spans = new[] { Span(50, 6, campus: Elm), Span(50, 2, campus: Oak) };

        var report = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal, spans);

        Assert.Equal(2, report.Verdicts.Count);
        Assert.Equal(ChronicAbsenceStatus.Chronic, report.Verdicts.Single(v => v.Campus == CampusId.Parse(Elm)).Status);
        Assert.Equal(ChronicAbsenceStatus.NotChronic, report.Verdicts.Single(v => v.Campus == CampusId.Parse(Oak)).Status);
        // The district counts the student once, with the more serious verdict.
        var district = Assert.Single(report.Districts);
        Assert.Equal((1, 1), (district.Considered, district.Chronic));
    }

    [Fact]
    public void The_same_transfer_per_district_is_8_of_100_days_8_percent_one_verdict_not_chronic_shown_at_both_campuses()
    {
        var spans = new[] { Span(50, 6, campus: Elm), Span(50, 2, campus: Oak) };

        var report = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal with { Attribution = ChronicAbsenceAttribution.District }, spans);

        var verdict = Assert.Single(report.Verdicts);
        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
        Assert.Equal(Ratio.FromInteger(8), verdict.Measured);
        Assert.Equal([CampusId.Parse(Elm), CampusId.Parse(Oak)], verdict.Campuses);
        Assert.Equal(2, report.Campuses.Count);
        Assert.All(report.Campuses, c => Assert.Equal((1, 0, 1), (c.Considered, c.Chronic, c.Trending)));
    }

    [Fact]
    public void A_transfer_between_districts_Elm_30_days_2_absent_then_Pine_30_days_2_absent_following_the_student_is_4_of_60()
    {
        var spans = new[] { Span(30, 2, campus: Elm), Span(30, 2, campus: Pine) };

        var perDistrict = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal with { Attribution = ChronicAbsenceAttribution.District }, spans);
        var following = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal with { Attribution = ChronicAbsenceAttribution.Student }, spans);

        Assert.Equal(2, perDistrict.Verdicts.Count);
        var verdict = Assert.Single(following.Verdicts);
        Assert.Null(verdict.District);
        Assert.Equal(DayCount.FromDays(60), verdict.DaysEnrolled);
        Assert.Equal(Ratio.Of(400, 60), verdict.Measured);
        Assert.Equal(2, following.Districts.Count);
    }

    [Fact]
    public void A_transfer_with_9_days_at_Elm_is_left_out_at_Elm_per_school_but_counted_per_district()
    {
        var spans = new[] { Span(9, 2, campus: Elm), Span(40, 3, campus: Oak) };

        var perSchool = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal, spans);
        var perDistrict = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal with { Attribution = ChronicAbsenceAttribution.District }, spans);

        Assert.Equal(ChronicAbsenceStatus.Excluded, perSchool.Verdicts.Single(v => v.Campus == CampusId.Parse(Elm)).Status);
        Assert.Equal(ChronicAbsenceStatus.Chronic, Assert.Single(perDistrict.Verdicts).Status); // 5 of 49 = 10.2%
    }

    // Grades, calendars and enrollments left out.

    [Fact]
    public void Federal_leaves_out_prekindergarten_and_says_so()
    {
        var verdict = One(ChronicAbsenceDefinition.Federal, Span(100, 30, grade: "PK"));

        Assert.Equal(ChronicAbsenceStatus.Excluded, verdict.Status);
        Assert.Contains(ChronicAbsenceExclusion.GradeNotIncluded, verdict.Exclusions);
    }

    [Fact]
    public void The_grades_can_be_overridden_to_include_prekindergarten()
    {
        var definition = ChronicAbsenceDefinition.Federal with { LowestGrade = GradeLevel.PreKindergarten };

        Assert.Equal(ChronicAbsenceStatus.Chronic, One(definition, Span(100, 30, grade: "PK")).Status);
    }

    [Fact]
    public void Federal_leaves_out_a_calendar_of_10_attendance_days_and_keeps_one_of_11()
    {
        var ten = One(ChronicAbsenceDefinition.Federal, Span(10, 5, calendarDays: 10));
        var eleven = One(ChronicAbsenceDefinition.Federal, Span(10, 5, calendarDays: 11));

        Assert.Equal(ChronicAbsenceStatus.Excluded, ten.Status);
        Assert.Contains(ChronicAbsenceExclusion.ShortCalendar, ten.Exclusions);
        Assert.Equal(ChronicAbsenceStatus.Chronic, eleven.Status);
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.Crdc with { Threshold = 5 }, Span(10, 5, calendarDays: 10)).Status);
    }

    [Fact]
    public void Federal_leaves_out_a_no_show_enrollment_and_a_same_day_enrollment_but_keeps_the_other_enrollments()
    {
        var verdict = One(
            ChronicAbsenceDefinition.Federal,
            Span(0, 0, noShow: true),
            Span(1, 1, sameDay: true),
            Span(20, 1));

        Assert.Equal(ChronicAbsenceStatus.Trending, verdict.Status);
        Assert.Equal(DayCount.FromDays(20), verdict.DaysEnrolled);
        Assert.Equal([ChronicAbsenceExclusion.NoShowEnrollment, ChronicAbsenceExclusion.SameDayEnrollment], verdict.Exclusions);
        Assert.Contains("2 of 3 spans left out", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TEA_accountability_leaves_out_a_student_in_membership_140_of_170_days_82_35_percent_and_keeps_one_of_142()
    {
        var low = One(ChronicAbsenceDefinition.TeaAccountability, Span(140, 20, calendarDays: 170));
        var enough = One(ChronicAbsenceDefinition.TeaAccountability, Span(142, 20, calendarDays: 170));

        Assert.Equal(ChronicAbsenceStatus.Excluded, low.Status);
        Assert.Equal([ChronicAbsenceExclusion.BelowMinimumMembership], low.Exclusions);
        Assert.Equal(ChronicAbsenceStatus.Chronic, enough.Status);
    }

    [Fact]
    public void TEA_accountability_leaves_out_kindergarten_its_grades_are_1_to_12()
    {
        Assert.Equal(ChronicAbsenceStatus.Excluded, One(ChronicAbsenceDefinition.TeaAccountability, Span(170, 30, grade: "KG")).Status);
    }

    // The Texas proposal: minutes, not law.

    [Fact]
    public void The_Texas_proposal_is_labelled_proposed_not_law_and_awaits_confirmation()
    {
        var texas = ChronicAbsenceDefinition.TexasProposedHb213;

        Assert.Equal(CitationStatus.AwaitingConfirmation, texas.Citation.Status);
        Assert.Contains("proposed, not law", texas.Authority, StringComparison.Ordinal);
        Assert.Contains("not law", texas.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(texas.Citation.Note));
    }

    [Fact]
    public void The_Texas_proposal_needs_minutes_and_leaves_out_a_student_known_only_from_period_records()
    {
        var verdict = One(ChronicAbsenceDefinition.TexasProposedHb213, Span(170, 30));

        Assert.Equal(ChronicAbsenceStatus.Excluded, verdict.Status);
        Assert.Equal([ChronicAbsenceExclusion.NoMinuteData], verdict.Exclusions);
    }

    [Fact]
    public void The_Texas_proposal_counts_more_than_10_percent_of_minutes_10_01_percent_yes_exactly_10_percent_no()
    {
        Assert.Equal(ChronicAbsenceStatus.Chronic, One(ChronicAbsenceDefinition.TexasProposedHb213, Span(100, 0, scheduled: 10_000, absentMinutes: 1_001)).Status);
        Assert.Equal(ChronicAbsenceStatus.Trending, One(ChronicAbsenceDefinition.TexasProposedHb213, Span(100, 0, scheduled: 10_000, absentMinutes: 1_000)).Status);
    }

    [Fact]
    public void The_Texas_proposal_counts_an_enrollment_of_31_days_missing_11_percent_though_the_year_is_under_10_percent()
    {
        var verdict = One(
            ChronicAbsenceDefinition.TexasProposedHb213,
            Span(31, 0, scheduled: 31 * 400, absentMinutes: 1_364, source: "enrollment A"), // 11% of 12,400
            Span(140, 0, scheduled: 140 * 400, absentMinutes: 2_000, source: "enrollment B"));

        Assert.Equal(ChronicAbsenceStatus.Chronic, verdict.Status);
        Assert.Contains("enrollment A", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Texas_proposal_does_not_test_an_enrollment_of_exactly_30_days_alone()
    {
        var verdict = One(
            ChronicAbsenceDefinition.TexasProposedHb213,
            Span(30, 0, scheduled: 30 * 400, absentMinutes: 1_320, source: "enrollment A"),
            Span(140, 0, scheduled: 140 * 400, absentMinutes: 2_000, source: "enrollment B"));

        Assert.NotEqual(ChronicAbsenceStatus.Chronic, verdict.Status);
    }

    // Rates, and every definition named and cited.

    [Fact]
    public void Campus_rates_count_3_students_considered_1_chronic_1_trending_1_excluded()
    {
        var spans = new[] { Span(100, 12, student: "A"), Span(100, 6, student: "B"), Span(100, 1, student: "C"), Span(5, 5, student: "D") };

        var rate = Assert.Single(ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal, spans).Campuses);

        Assert.Equal((3, 1, 1, 1), (rate.Considered, rate.Excluded, rate.Chronic, rate.Trending));
        Assert.Equal(Ratio.Of(100, 3), rate.Percent);
    }

    [Fact]
    public void Every_predefined_definition_has_a_name_an_authority_a_citation_and_shows_its_parameters()
    {
        Assert.Equal(["federal", "crdc", "audit", "tea-accountability", "texas-proposed"], ChronicAbsenceDefinition.All.Select(d => d.Name));
        Assert.All(ChronicAbsenceDefinition.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Authority));
            Assert.False(string.IsNullOrWhiteSpace(d.Citation.Source));
            Assert.Contains(d.DescribeParameters(), p => p.Key == "threshold");
            Assert.Same(d, ChronicAbsenceDefinition.Find(d.Name.ToUpperInvariant()));
        });
        Assert.Null(ChronicAbsenceDefinition.Find("nope"));
    }

    // From period records.

    [Fact]
    public void From_period_records_a_half_day_student_code_2_with_14_half_days_in_membership_and_1_5_absent_is_10_7_percent()
    {
        // Six periods of a half-day (code 2) record: 14.0 days in membership each reported as half days.
        var records = Given.EachPeriod(p => [Given.Record(code: 2, taught: 28, eligible: p == 1 ? 12.5m : 14m, absent: p == 1 ? 1.5m : 0, grade: "KG")]);

        var input = ChronicAbsenceInput.FromPeriodRecords(records);
        var verdict = One(ChronicAbsenceDefinition.Federal, [.. input.Spans]);

        Assert.Equal(DayCount.FromDays(84), verdict.DaysEnrolled);
        Assert.Equal(ChronicAbsenceStatus.NotChronic, verdict.Status); // 1.5 of 84 = 1.79%
        Assert.Equal(6, verdict.Spans);
        Assert.Empty(input.LeftOut);
    }

    [Fact]
    public void From_period_records_summer_records_and_records_without_membership_are_listed_as_left_out()
    {
        var records = new[]
        {
            Given.Record(period: 1, eligible: 27, absent: 3),
            Given.Record(period: 7, taught: 20, eligible: 10),
            Given.Record(period: 2, code: 0),
        };

        var input = ChronicAbsenceInput.FromPeriodRecords(records);

        Assert.Single(input.Spans);
        Assert.Equal(2, input.LeftOut.Count);
        Assert.Equal(DayCount.FromDays(60), input.Spans[0].CalendarDays);
    }
}

/// <summary>Overrides that make a definition meaningless are refused, naming the definition and the problem.</summary>
public class ChronicAbsenceDefinitionChecks
{
    public static TheoryData<string> Broken() => new(["negative threshold", "101 percent", "KG to PK", "negative band"]);

    [Theory]
    [MemberData(nameof(Broken))]
    public void An_inconsistent_override_is_refused(string which)
    {
        var definition = which switch
        {
            "negative threshold" => ChronicAbsenceDefinition.Federal with { Threshold = -1 },
            "101 percent" => ChronicAbsenceDefinition.Federal with { Threshold = 101 },
            "KG to PK" => ChronicAbsenceDefinition.Federal with { HighestGrade = GradeLevel.PreKindergarten },
            _ => ChronicAbsenceDefinition.Federal with { TrendingFrom = -1 },
        };

        var e = Assert.Throws<ArgumentException>(() => ChronicAbsence.Evaluate(definition, []));

        Assert.StartsWith("Chronic absence definition federal:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CRDC_accepts_a_threshold_of_more_than_100_days_because_it_counts_days()
    {
        Assert.Empty(ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Crdc with { Threshold = 120 }, []).Verdicts);
    }
}
