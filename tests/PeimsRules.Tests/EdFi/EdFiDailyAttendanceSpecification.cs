using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// Daily Ed-Fi documents to 42400 records through the core's builder: one small campus, resource by resource, with the
/// numbers an auditor can count on the calendar.
/// </summary>
/// <remarks>
/// The campus: school 101912001, calendar 00 of 2024-25, instructional days Monday 2 to Friday 13 September 2024 with
/// Labor Day (2 September) a holiday, so nine instructional days; reporting period 1 from 2 to 13 September, days taught 9.
/// Student 1000000001 enters on 2 September in grade 03 under ADA code 1.
/// </remarks>
public class EdFiDailyAttendanceSpecification
{
    private static readonly string[] Days = ["2024-09-03", "2024-09-04", "2024-09-05", "2024-09-06", "2024-09-09", "2024-09-10", "2024-09-11", "2024-09-12", "2024-09-13"];

    private static TempFolder Campus(string events, string? classPeriods = null, string eventsFile = "studentSchoolAttendanceEvents.json", int daysTaught = 9, string adaCode = "1")
    {
        var dates = string.Join(",", Days.Select(d => Date(d, "Instructional day")).Append(Date("2024-09-02", "Holiday")));
        var folder = new TempFolder()
            .With("schools.json", "[{`schoolId`:101912001,`nameOfInstitution`:`Travis Elementary`}]")
            .With("calendars.json", "[{`calendarCode`:`00`,`schoolReference`:{`schoolId`:101912001},`schoolYearTypeReference`:{`schoolYear`:2025}}]")
            .With("calendarDates.json", "[" + dates + "]")
            .With("reportingPeriodExts.jsonl",
                "{`calendarDateReference`:{`calendarCode`:`00`,`date`:`2024-09-02`,`schoolId`:101912001,`schoolYear`:2025},`reportingPeriodDescriptor`:`uri://tea.texas.gov/ReportingPeriodDescriptor#1`,"
                + $"`beginDate`:`2024-09-02`,`endDate`:`2024-09-13`,`numberDaysTaught`:{daysTaught}}}\n")
            .With("studentSchoolAssociations.json",
                "[{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`entryDate`:`2024-09-02`,"
                + "`entryGradeLevelDescriptor`:`uri://tea.texas.gov/GradeLevelDescriptor#03`,`calendarReference`:{`calendarCode`:`00`,`schoolId`:101912001,`schoolYear`:2025},"
                + $"`_ext`:{{`tx`:{{`adaEligibilityDescriptor`:`uri://tea.texas.gov/ADAEligibilityDescriptor#{adaCode}`}}}}}}]")
            .With("studentEducationOrganizationAssociations.json",
                "[{`studentReference`:{`studentUniqueId`:`1000000001`},`educationOrganizationReference`:{`educationOrganizationId`:101912},"
                + "`_ext`:{`tx`:{`economicDisadvantageSets`:[{`economicDisadvantageDescriptor`:`uri://tea.texas.gov/EconomicDisadvantageDescriptor#01`,`beginDate`:`2024-07-01`}]}}}]")
            .With(eventsFile, events);
        return classPeriods is null ? folder : folder.With("classPeriods.json", classPeriods);

        static string Date(string date, string kind) =>
            $"{{`calendarReference`:{{`calendarCode`:`00`,`schoolId`:101912001,`schoolYear`:2025}},`date`:`{date}`,`calendarEvents`:[{{`calendarEventDescriptor`:`uri://ed-fi.org/CalendarEventDescriptor#{kind}`}}]}}";
    }

    private static string SchoolEvent(string date, string category) =>
        $"{{`studentReference`:{{`studentUniqueId`:`1000000001`}},`schoolReference`:{{`schoolId`:101912001}},`sessionReference`:{{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`}},"
        + $"`eventDate`:`{date}`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#{category}`}}";

    private static string AbsencesOnly => "[" + string.Join(",", SchoolEvent("2024-09-04", "Excused Absence"), SchoolEvent("2024-09-10", "Unexcused Absence"), SchoolEvent("2024-09-12", "Tardy")) + "]";

    [Fact]
    public async Task Under_negative_attendance_nine_days_taught_with_two_absences_and_a_tardy_are_7_eligible_days_present_and_2_absent()
    {
        using var folder = Campus(AbsencesOnly);

        var inputs = await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiDailyReadOptions { NegativeAttendance = true });
        var build = inputs.Build();

        var record = Assert.Single(build.Records);
        Assert.Equal((9m, 7m, 0m, 2m), (record.NumberDaysTaught.Days, record.EligibleDaysPresent.Days, record.IneligibleDaysPresent.Days, record.DaysAbsent.Days));
        Assert.Equal(("101912001", "03", "00", 1), (record.CampusId.Code, record.GradeLevel.Code, record.InstructionalTrack.Code, record.ReportingPeriod.Number));
        Assert.Equal(EconomicDisadvantage.FreeMeals, record.EconomicDisadvantage);
        Assert.Equal(AdaEligibility.FullDay, record.AdaEligibility);

        // Six days had no event and were counted present: the summary says so.
        Assert.Equal(6, build.DaysCountedPresentWithoutMark);
        Assert.Equal(3, inputs.DocumentsRead["studentSchoolAttendanceEvents"]);
    }

    [Fact]
    public async Task The_worked_example_of_docs_edfi_7_of_9_days_in_period_1_is_a_period_ADA_of_7_9_and_a_refined_ADA_of_0_130()
    {
        using var folder = Campus(AbsencesOnly);

        var build = (await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiDailyReadOptions { NegativeAttendance = true })).Build();
        var summary = PeimsRules.Attendance.AttendanceSummary.Compute(build.Records, PeimsRules.Rules.RuleSet.For(new SchoolYear(2025)), new PeimsRules.Attendance.AttendanceSummaryOptions { GroupBy = PeimsRules.Attendance.AttendanceGrouping.Campus });
        var all = summary.Figures.Where(f => f.Population == PeimsRules.Attendance.Population.All).ToList();

        // Period 1: 7 eligible days present / 9 days taught. Refined ADA: (7/9 + 0 + 0 + 0 + 0 + 0) / 6 = 7/54 = 0.1296..., published 0.130.
        Assert.Equal(0.778m, all.Single(f => f.Period?.Number == 1).Ada.Published);
        Assert.Equal(0.130m, all.Single(f => f.IsYear).Ada.Published);
    }

    [Fact]
    public async Task Without_negative_attendance_the_six_days_with_no_event_are_left_out_and_listed_never_guessed()
    {
        using var folder = Campus(AbsencesOnly);

        var build = (await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path))).Build();

        var record = Assert.Single(build.Records);
        Assert.Equal((1m, 2m), (record.EligibleDaysPresent.Days, record.DaysAbsent.Days));
        Assert.Equal(6, build.LeftOutDays[DayExclusionReason.NoSnapshotMark]);
        Assert.Equal(0, build.DaysCountedPresentWithoutMark);
    }

    [Fact]
    public async Task Section_attendance_counts_only_the_official_attendance_period()
    {
        // Absent in period 1 (08:00-08:50) on the 4th: not the official period, so the day stays present. Absent in
        // period 2 (09:00-09:50, official) on the 5th: the day is absent.
        const string periods = "[{`classPeriodName`:`1`,`schoolReference`:{`schoolId`:101912001},`meetingTimes`:[{`startTime`:`08:00:00`,`endTime`:`08:50:00`}],`officialAttendancePeriod`:false},"
            + "{`classPeriodName`:`2`,`schoolReference`:{`schoolId`:101912001},`meetingTimes`:[{`startTime`:`09:00:00`,`endTime`:`09:50:00`}],`officialAttendancePeriod`:true}]";
        static string Section(string date, string period) =>
            $"{{`studentReference`:{{`studentUniqueId`:`1000000001`}},`sectionReference`:{{`localCourseCode`:`MATH3`,`schoolId`:101912001,`schoolYear`:2025,`sectionIdentifier`:`M3-{period}`,`sessionName`:`Fall`}},"
            + $"`eventDate`:`{date}`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Unexcused Absence`,`classPeriods`:[{{`classPeriodReference`:{{`classPeriodName`:`{period}`,`schoolId`:101912001}}}}]}}";
        using var folder = Campus("[" + Section("2024-09-04", "1") + "," + Section("2024-09-05", "2") + "]", periods, "studentSectionAttendanceEvents.json");

        var build = (await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiDailyReadOptions { NegativeAttendance = true })).Build();

        var record = Assert.Single(build.Records);
        Assert.Equal((8m, 1m), (record.EligibleDaysPresent.Days, record.DaysAbsent.Days));
    }

    [Fact]
    public async Task A_category_the_map_does_not_hold_is_an_error_naming_the_resource_document_and_value_until_the_district_maps_it()
    {
        var events = "[" + SchoolEvent("2024-09-04", "Excused Absence") + "," + SchoolEvent("2024-09-05", "School Activity") + "]";
        using var folder = Campus(events);

        var e = await Assert.ThrowsAsync<EdFiDataException>(() => EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("studentSchoolAttendanceEvents.json", "document 2", "attendanceEventCategoryDescriptor", "uri://ed-fi.org/AttendanceEventCategoryDescriptor#School Activity", EdFiProblemKind.UnknownDescriptor),
            (problem.Source, problem.Position, problem.Field, problem.Value, problem.Kind));

        var map = AttendanceCategoryMap.Default.With(new StringReader("Descriptor,Counts\nSchool Activity,present-for-funding\nuri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence,present\n"), "categories.csv");
        var build = (await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiDailyReadOptions { Categories = map, NegativeAttendance = true })).Build();
        Assert.Equal((9m, 0m), (Assert.Single(build.Records).EligibleDaysPresent.Days, build.Records[0].DaysAbsent.Days));
    }

    [Fact]
    public void A_bad_category_file_lists_every_bad_row_by_line()
    {
        var e = Assert.Throws<EdFiDataException>(() => AttendanceCategoryMap.Default.With(new StringReader("Descriptor,Counts\nTardy,late\nPresent\nTardy,absent\nTardy,present\n"), "categories.csv"));

        Assert.Equal(["line 2", "line 3", "line 5"], e.Problems.Select(p => p.Position));
        Assert.Equal("late", e.Problems[0].Value);
    }

    [Fact]
    public async Task Days_taught_that_disagree_with_the_calendar_and_references_to_missing_schools_and_calendars_are_errors()
    {
        using var folder = Campus(AbsencesOnly, daysTaught: 10);
        folder.With("studentSchoolAssociations.json",
            "[{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912009},`entryDate`:`2024-09-02`,`entryGradeLevelDescriptor`:`#03`,`_ext`:{`tx`:{`adaEligibilityDescriptor`:`#1`}}},"
            + "{`studentReference`:{`studentUniqueId`:`1000000002`},`schoolReference`:{`schoolId`:101912001},`entryDate`:`2024-09-02`,`entryGradeLevelDescriptor`:`#03`,`calendarReference`:{`calendarCode`:`07`},`_ext`:{`tx`:{`adaEligibilityDescriptor`:`#1`}}},"
            + "{`studentReference`:{`studentUniqueId`:`1000000003`},`schoolReference`:{`schoolId`:101912001},`entryDate`:`2024-09-02`,`entryGradeLevelDescriptor`:`#03`}]");

        var inputs = await EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiDailyReadOptions { ErrorMode = EdFiErrorMode.CollectAll });

        Assert.Equal(
            [
                ("reportingPeriodExts.jsonl", "line 1", "numberDaysTaught", "10", EdFiProblemKind.InconsistentDocument),
                ("studentSchoolAssociations.json", "document 1", "schoolReference.schoolId", "101912009", EdFiProblemKind.MissingReference),
                ("studentSchoolAssociations.json", "document 2", "calendarReference.calendarCode", "07", EdFiProblemKind.MissingReference),
                ("studentSchoolAssociations.json", "document 3", "_ext.tx.adaEligibilityDescriptor", null, EdFiProblemKind.MissingField),
            ],
            inputs.Problems.Select(p => (p.Source, p.Position, p.Field, p.Value, p.Kind)));
        Assert.Contains("9 instructional days", inputs.Problems[0].Message, StringComparison.Ordinal);
        Assert.Throws<EdFiDataException>(() => inputs.Build());
    }
}
