using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// The summary report: refined ADA and PIA by period and for the year, for any combination of district, campus, grade
/// and track, for a focus list of students, with drill-down to the records behind each figure. Records of periods 7 to 9
/// are kept out of the figures and listed. Source: Early Education ADA report specification (OnDataSuite), "Filter on" (district/campus
/// summary, grades, instructional tracks, focus list) and "Drill down on ADA counts to see detailed student lists".
/// </summary>
public class AttendanceSummarySpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    /// <summary>
    /// Period 1 of 2023-24 (the other periods empty):
    /// <list type="bullet">
    /// <item>campus 101912001, grade 01, track 00, 30 days: S1, S2, S3 present every day → 90 / 30 = 3</item>
    /// <item>campus 101912001, grade 02, track 00, 30 days: S4, S5 present 15, absent 15 → 30 / 30 = 1</item>
    /// <item>campus 101912002, grade 01, track 01, 20 days: S6 to S9 present every day → 80 / 20 = 4</item>
    /// <item>campus 057905001, grade 01, track 00, 30 days: S10 present every day → 30 / 30 = 1</item>
    /// </list>
    /// </summary>
    private static List<BasicReportingPeriodAttendance> Period1() =>
    [
        Record("S1", grade: "01", eligible: 30),
        Record("S2", grade: "01", eligible: 30),
        Record("S3", grade: "01", eligible: 30),
        Record("S4", grade: "02", eligible: 15, absent: 15),
        Record("S5", grade: "02", eligible: 15, absent: 15),
        Record("S6", campus: "101912002", grade: "01", track: "01", taught: 20, eligible: 20),
        Record("S7", campus: "101912002", grade: "01", track: "01", taught: 20, eligible: 20),
        Record("S8", campus: "101912002", grade: "01", track: "01", taught: 20, eligible: 20),
        Record("S9", campus: "101912002", grade: "01", track: "01", taught: 20, eligible: 20),
        Record("S10", campus: "057905001", grade: "01", eligible: 30),
    ];

    [Theory]
    [InlineData(AttendanceGrouping.None, "all records = 9")]
    [InlineData(AttendanceGrouping.District, "district 057905 = 1; district 101912 = 8")]
    [InlineData(AttendanceGrouping.Campus, "campus 057905001 = 1; campus 101912001 = 4; campus 101912002 = 4")]
    [InlineData(AttendanceGrouping.GradeLevel, "grade 01 = 8; grade 02 = 1")]
    [InlineData(AttendanceGrouping.InstructionalTrack, "track 00 = 5; track 01 = 4")]
    [InlineData(AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel,
        "campus 057905001, grade 01 = 1; campus 101912001, grade 01 = 3; campus 101912001, grade 02 = 1; campus 101912002, grade 01 = 4")]
    [InlineData(AttendanceGrouping.District | AttendanceGrouping.InstructionalTrack,
        "district 057905, track 00 = 1; district 101912, track 00 = 4; district 101912, track 01 = 4")]
    [InlineData(AttendanceGrouping.District | AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel | AttendanceGrouping.InstructionalTrack,
        "district 057905, campus 057905001, grade 01, track 00 = 1; district 101912, campus 101912001, grade 01, track 00 = 3; "
        + "district 101912, campus 101912001, grade 02, track 00 = 1; district 101912, campus 101912002, grade 01, track 01 = 4")]
    public void Groups_by_any_combination_of_district_campus_grade_and_track(AttendanceGrouping grouping, string expectedPeriod1Adas)
    {
        // The period 1 ADA of each group, from the records above (see Period1): sums of 3, 1, 4 and 1 by group.
        var summary = AttendanceSummary.Compute(Period1(), Rules2024, new AttendanceSummaryOptions { GroupBy = grouping });

        Assert.Equal(expectedPeriod1Adas, Describe(summary, period: 1));
    }

    [Fact]
    public void Groups_by_district_by_default_and_rounds_each_year_row_once()
    {
        // District 101912: period ADAs 8, 0, 0, 0, 0, 0 → 8 / 6 = 1.333…; district 057905: 1 / 6 = 0.1666… → 0.167.
        var summary = AttendanceSummary.Compute(Period1(), Rules2024);

        Assert.Equal(AttendanceGrouping.District, summary.GroupBy);
        Assert.Equal(
            new decimal?[] { 0.167m, 1.333m },
            summary.Figures.Where(f => f.IsYear && f.Population == Population.All).Select(f => f.Ada.Published));
    }

    [Fact]
    public void Lists_each_group_by_population_then_periods_1_to_6_then_the_year()
    {
        // District 057905 has one student in grade 01 (not disadvantaged): all students only, 7 rows. District 101912
        // likewise. 14 rows, the year row last in each group.
        var summary = AttendanceSummary.Compute(Period1(), Rules2024);

        Assert.Equal(14, summary.Figures.Count);
        Assert.Equal(
            new int?[] { 1, 2, 3, 4, 5, 6, null, 1, 2, 3, 4, 5, 6, null },
            summary.Figures.Select(f => f.Period?.Number));
        Assert.Equal(new[] { "057905", "101912" }, summary.Figures.Select(f => f.Group.District!.Value.Code).Distinct());
    }

    [Fact]
    public void Counts_only_the_students_of_a_focus_list()
    {
        // Focus on S1, S2 (campus 101912001, 30 days) and S6 (campus 101912002, 20 days):
        // district 101912 period 1 ADA = 60 / 30 + 20 / 20 = 3. District 057905 has nobody on the list: no row.
        var focus = new HashSet<StudentId> { StudentId.Parse("S1"), StudentId.Parse("S2"), StudentId.Parse("S6") };

        var summary = AttendanceSummary.Compute(Period1(), Rules2024, new AttendanceSummaryOptions { FocusList = focus });

        Assert.Equal("district 101912 = 3", Describe(summary, period: 1));
    }

    [Fact]
    public void Drills_down_to_the_records_behind_a_period_figure()
    {
        var records = Period1();
        var summary = AttendanceSummary.Compute(records, Rules2024, new AttendanceSummaryOptions { GroupBy = AttendanceGrouping.Campus });
        var figure = summary.Find(new AttendanceGroupKey(null, CampusId.Parse("101912002"), null, null), Population.All, new ReportingPeriod(1))!;

        var behind = summary.RecordsBehind(figure);

        Assert.Equal(new[] { "S6", "S7", "S8", "S9" }, behind.Select(r => r.StudentId.Value));
        // The figure can be recomputed from its records by hand: 4 × 20 / 20 = 4.
        Assert.Equal(R(4), PeriodAda.Compute(behind, Rules2024));
        Assert.Equal(R(4), figure.Ada.Exact);
    }

    [Fact]
    public void Drills_down_to_the_records_behind_a_year_figure_of_a_K3_row()
    {
        // S1 (grade 01, free meals) in periods 1 and 2, S2 (grade 01, not disadvantaged) in period 1, S3 (grade 04,
        // free meals) in period 1: the K-3 disadvantaged year row stands on S1's two records.
        var records = new[]
        {
            Record("S1", period: 1, grade: "01", economic: "01", eligible: 30),
            Record("S1", period: 2, grade: "01", economic: "01", eligible: 30),
            Record("S2", period: 1, grade: "01", economic: "00", eligible: 30),
            Record("S3", period: 1, grade: "04", economic: "01", eligible: 30),
        };
        var summary = AttendanceSummary.Compute(records, Rules2024);
        var year = summary.Figures.Single(f => f.IsYear && f.Population == Population.K3EconomicallyDisadvantaged);

        Assert.Equal(new[] { records[0], records[1] }, summary.RecordsBehind(year));
        Assert.Equal(2, year.Totals.RecordCount);
    }

    [Fact]
    public void Drill_down_respects_the_focus_list()
    {
        var focus = new HashSet<StudentId> { StudentId.Parse("S4") };
        var summary = AttendanceSummary.Compute(Period1(), Rules2024, new AttendanceSummaryOptions { FocusList = focus });

        var year = summary.Figures.Single(f => f.IsYear);

        Assert.Equal(new[] { "S4" }, summary.RecordsBehind(year).Select(r => r.StudentId.Value));
    }

    [Fact]
    public void Keeps_records_of_periods_7_to_9_out_of_the_figures_and_lists_them()
    {
        // Extended school year (7, 8) and additional days school year (9) records: not in any figure, never dropped.
        var extended = new[]
        {
            Record("S1", period: 7, grade: "01", taught: 10, eligible: 10),
            Record("S4", period: 8, grade: "02", taught: 10, eligible: 5, absent: 5),
            Record("S11", period: 9, grade: "03", taught: 15, eligible: 15),
        };

        var without = AttendanceSummary.Compute(Period1(), Rules2024);
        var with = AttendanceSummary.Compute(Period1().Concat(extended), Rules2024);

        Assert.Equal(without.Figures, with.Figures);
        Assert.Equal(extended, with.RecordsOutsideRefinedAda);
        Assert.Empty(without.RecordsOutsideRefinedAda);
        Assert.All(with.Figures, f => Assert.DoesNotContain(with.RecordsBehind(f), r => !r.ReportingPeriod.IsRefinedAdaPeriod));
    }

    [Fact]
    public void Summarises_one_school_year_at_a_time()
    {
        var records = Period1().Append(Record("S99", year: 2023, eligible: 30));

        Assert.Throws<ArgumentException>(() => AttendanceSummary.Compute(records, Rules2024));
    }

    [Fact]
    public void Every_row_rounds_by_the_rules_of_the_year()
    {
        // A rounding override (banker's, for a what-if) reaches the published figures. A period ADA at an exact
        // midpoint: 1001 eligible days over 16 days taught = 62.5625 → 62.563 half away from zero, 62.562 to even.
        var records = EligibleDaysInPeriod(period: 1, taught: 16, totalEligible: 1001).ToList();
        var bankers = Rules2024 with { Rounding = new RoundingRule(3, MidpointRounding.ToEven) };

        var byDefault = AttendanceSummary.Compute(records, Rules2024).Figures.Single(f => f.Period?.Number == 1);
        var byBankers = AttendanceSummary.Compute(records, bankers).Figures.Single(f => f.Period?.Number == 1);

        Assert.Equal(62.563m, byDefault.Ada.Published);
        Assert.Equal(62.562m, byBankers.Ada.Published);
    }

    /// <summary>The period ADA of each group, as "group = ADA; ...", exact values written as the ratio's text.</summary>
    private static string Describe(AttendanceSummary summary, int period) =>
        string.Join("; ", summary.Figures
            .Where(f => f.Population == Population.All && f.Period?.Number == period)
            .Select(f => $"{f.Group} = {f.Ada.Exact}"));
}
