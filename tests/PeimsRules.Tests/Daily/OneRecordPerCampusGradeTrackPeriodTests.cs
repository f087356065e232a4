using PeimsRules.Attendance.Daily;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: "A change of school within the Attendance Period will cause a record for each school to report. A change in
/// grade level within the Attendance Period will cause a record for each grade level to report. If a student has
/// multiple entries and withdrawals in the same grade in the same school on the same instructional track during a
/// specific reporting period, only one record is required, and the total days for each data element are reported."
/// </summary>
public class OneRecordPerCampusGradeTrackPeriodTests
{
    [Fact]
    public void A_student_present_every_day_of_period_1_has_one_record_of_five_eligible_days_of_five_taught()
    {
        var build = Build([Enroll("1000000001", Monday(1))], Week("1000000001", Monday(1), "PPPPP"));

        var record = Assert.Single(build.Records);
        Assert.Equal("5.0 / 0.0 / 0.0 of 5.0", Counts(record));
        Assert.Equal((Elm, "03", "00", 1, 1), (record.CampusId, record.GradeLevel.Code, record.InstructionalTrack.Code, record.ReportingPeriod.Number, record.AdaEligibility?.Code));
        Assert.Equal(Elm.District, record.DistrictId);
        Assert.Equal(Year, record.SchoolYear);
    }

    [Fact]
    public void Each_reporting_period_the_student_attends_has_its_own_record()
    {
        var marks = Week("1000000001", Monday(1), "PPPPP").Concat(Week("1000000001", Monday(2), "PPAPP"));

        var build = Build([Enroll("1000000001", Monday(1))], marks);

        Assert.Equal(["5.0 / 0.0 / 0.0 of 5.0", "4.0 / 0.0 / 1.0 of 5.0"], build.Records.Select(Counts));
        Assert.Equal([1, 2], build.Records.Select(r => r.ReportingPeriod.Number));
    }

    [Fact]
    public void Several_entries_and_withdrawals_in_one_campus_grade_track_and_period_fold_into_one_record()
    {
        // Enrolled Mon-Tue (withdrawn Wed, the first day not enrolled), re-entered Thu: 4 days, one record.
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 21)), Enroll("1000000001", D(8, 22)) };

        var build = Build(enrollments, Week("1000000001", Monday(1), "PA-PP"));

        var record = Assert.Single(build.Records);
        Assert.Equal("3.0 / 0.0 / 1.0 of 5.0", Counts(record));
    }

    [Fact]
    public void A_grade_change_inside_a_period_makes_a_record_for_each_grade()
    {
        // Grade 03 Mon-Tue, grade 04 from Wed (the withdrawal date of the first enrollment is the entry of the second).
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 21), grade: "03"), Enroll("1000000001", D(8, 21), grade: "04") };

        var build = Build(enrollments, Week("1000000001", Monday(1), "PPPAP"));

        Assert.Equal(["03: 2.0 / 0.0 / 0.0 of 5.0", "04: 2.0 / 0.0 / 1.0 of 5.0"], build.Records.Select(r => $"{r.GradeLevel}: {Counts(r)}"));
    }

    [Fact]
    public void A_campus_change_inside_a_period_makes_a_record_for_each_campus()
    {
        // Elm Mon-Wed, Oak from Thu; each campus's marks count at that campus.
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 22)), Enroll("1000000001", D(8, 22), campus: Oak) };
        var marks = Week("1000000001", Monday(1), "PAP").Concat(Week("1000000001", D(8, 22), "PP", Oak));

        var build = Build(enrollments, marks, [Calendar(), Calendar(Oak)]);

        Assert.Equal(
            ["101912001: 2.0 / 0.0 / 1.0 of 5.0", "101912002: 2.0 / 0.0 / 0.0 of 5.0"],
            build.Records.Select(r => $"{r.CampusId}: {Counts(r)}"));
    }

    [Fact]
    public void A_track_change_on_one_campus_makes_a_record_for_each_track()
    {
        // Elm lists two calendars: REG (track 00) and YR (track 01). The student moves from REG to YR on Thursday.
        var calendars = new[] { Calendar(code: "REG", order: 1), Calendar(code: "YR", order: 2) };
        var enrollments = new[] { Enroll("1000000001", D(8, 19), withdrawal: D(8, 22), calendar: "REG"), Enroll("1000000001", D(8, 22), calendar: "YR") };

        var build = Build(enrollments, Week("1000000001", Monday(1), "PPPPP"), calendars);

        Assert.Equal(["00: 3.0 / 0.0 / 0.0 of 5.0", "01: 2.0 / 0.0 / 0.0 of 5.0"], build.Records.Select(r => $"{r.InstructionalTrack}: {Counts(r)}"));
    }

    [Fact]
    public void An_ADA_code_change_inside_a_period_folds_into_one_record_split_by_the_code_in_force_each_day()
    {
        // TEA business rule 42400-000A: one record per student, campus, grade, track and period; the code is not part of
        // the key. Code 1 (full day) Mon-Tue present: 2.0 eligible; code 2 (half day) from Wed: present Wed and Fri,
        // absent Thu, half a day each: 1.0 eligible, 0.5 absent. One record: 3.0 eligible, 0.0 ineligible, 0.5 absent of
        // 5.0 days taught. It carries no single code (the code changed), so the audit checks no code against it.
        var enrollment = Enroll("1000000001", D(8, 19), code: 1, changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.HalfDay)]);

        var build = Build([enrollment], Week("1000000001", Monday(1), "PPPAP"));

        var record = Assert.Single(build.Records);
        Assert.Equal("3.0 / 0.0 / 0.5 of 5.0", Counts(record));
        Assert.Null(record.AdaEligibility);
    }

    [Fact]
    public void A_change_from_an_eligible_to_an_ineligible_code_splits_the_days_into_eligible_and_ineligible()
    {
        // Code 1 Mon-Tue present (2.0 eligible), code 4 (ineligible, full day) from Wed, present Wed-Fri: 3.0 ineligible.
        var enrollment = Enroll("1000000001", D(8, 19), code: 1, changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.IneligibleFullDay)]);

        var record = Assert.Single(Build([enrollment], Week("1000000001", Monday(1), "PPPPP")).Records);

        Assert.Equal("2.0 / 3.0 / 0.0 of 5.0", Counts(record));
    }

    [Fact]
    public void A_code_change_recorded_as_a_withdrawal_and_re_entry_builds_the_same_records_as_an_in_enrollment_change()
    {
        var marks = Week("1000000001", Monday(1), "PPPAP").ToList();
        var asChange = Build([Enroll("1000000001", D(8, 19), changes: [new AdaEligibilityChange(D(8, 21), AdaEligibility.HalfDay)])], marks);
        var asReentry = Build([Enroll("1000000001", D(8, 19), withdrawal: D(8, 21)), Enroll("1000000001", D(8, 21), code: 2)], marks);

        Assert.Equal(asChange.Records, asReentry.Records);
    }

    [Fact]
    public void A_record_carries_the_funding_codes_of_the_enrollment_covering_its_last_counted_day()
    {
        // Two entries in one period fold into one record; the later enrollment's E0785 / E0790 / E1651 are reported.
        var enrollments = new[]
        {
            Enroll("1000000001", D(8, 19), withdrawal: D(8, 21), economic: "00"),
            Enroll("1000000001", D(8, 21), economic: "01", bilingual: "1", funding: "D2"),
        };

        var record = Assert.Single(Build(enrollments, Week("1000000001", Monday(1), "PPPPP")).Records);

        Assert.Equal(("01", "1", "D2"), (record.EconomicDisadvantage.Code, record.EmergentBilingual.Code, record.BilingualEslFunding?.Code));
    }

    [Fact]
    public void Records_come_by_student_then_period_whatever_the_order_of_the_inputs()
    {
        var enrollments = new[] { Enroll("2000000002", Monday(1)), Enroll("1000000001", Monday(1)) };
        var marks = Week("2000000002", Monday(2), "PPPPP").Concat(Week("1000000001", Monday(2), "PPPPP")).Concat(Week("2000000002", Monday(1), "PPPPP"));

        var build = Build(enrollments, marks);

        Assert.Equal(["1000000001 2", "2000000002 1", "2000000002 2"], build.Records.Select(r => $"{r.StudentId} {r.ReportingPeriod}"));
    }
}
