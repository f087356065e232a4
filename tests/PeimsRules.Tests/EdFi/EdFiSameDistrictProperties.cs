using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Cli.Synthetic;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.EdFi;
using PeimsRules.Rules;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// One district, two inputs: its daily data as the library's CSV files and as Ed-Fi documents build the same period
/// records through the one builder, and so the same figures.
/// </summary>
public class EdFiSameDistrictProperties
{
    [Property(MaxTest = 4)]
    public void CSV_and_Ed_Fi_inputs_of_the_same_district_give_identical_records_and_figures(int seed)
    {
        // A seeded sample district: three campuses (one with a second track), transfers, grade changes, IEPs, late entries.
        var options = new SyntheticOptions(seed & 0xFFFF, Campuses: 3, StudentsPerCampus: 25, ErrorShare: 0, EndYear: 2025);
        var district = SyntheticDistrict.Generate(options);
        using var folder = new TempFolder();
        district.WriteTo(folder.Path);
        var daily = Path.Combine(folder.Path, "daily");
        var fromCsv = PeriodAttendanceBuilder.Build(
            SchoolCalendarCsv.ReadFile(Path.Combine(daily, "calendars.csv"), CsvErrorMode.StopAtFirst).Records,
            StudentEnrollmentCsv.ReadFile(Path.Combine(daily, "enrollments.csv"), CsvErrorMode.StopAtFirst).Records,
            DailyAttendanceMarkCsv.ReadFile(Path.Combine(daily, "attendance.csv"), CsvErrorMode.StopAtFirst).Records,
            ProgramParticipationCsv.ReadFile(Path.Combine(daily, "programs.csv"), CsvErrorMode.StopAtFirst).Records);

        var edfi = Path.Combine(folder.Path, "edfi");
        EdFiDailyWriter.WriteFolder(edfi, district.Calendars, district.Enrollments, district.Marks, district.Programs);
        var inputs = EdFiDailyAttendance.ReadAsync(new EdFiFolderSource(edfi)).GetAwaiter().GetResult();
        var fromEdFi = inputs.Build();

        Assert.Empty(inputs.Problems);
        Assert.NotEmpty(fromCsv.Records);
        Assert.Equal(fromCsv.Records, fromEdFi.Records);
        var rules = RuleSet.For(new SchoolYear(options.EndYear));
        var grouping = new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus };
        Assert.Equal(
            AttendanceSummary.Compute(fromCsv.Records, rules, grouping).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada.Exact, f.Pia.Exact)),
            AttendanceSummary.Compute(fromEdFi.Records, rules, grouping).Figures.Select(f => (f.Group, f.Population, f.Period, f.Ada.Exact, f.Pia.Exact)));
    }
}
