using PeimsRules.Attendance;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// The HB 3 early education rows, from 2019-20, grades KG to 03 only, a student may count in both:
/// K-3 educationally disadvantaged (E0785 = 01, 02 or 99) and K-3 emergent bilingual (E0790 = 1 and E1651 = BE, D1 or
/// D2). Each row is the basic ADA formula over the students it selects.
/// Source: TEC §48.108; Early Education ADA report specification (OnDataSuite); TEA-RULES.md, "HB 3 early education".
/// </summary>
public class EarlyEducationRowsSpecification
{
    private static readonly RuleSet Rules2024 = RuleSet.For(new SchoolYear(2024));

    [Theory]
    [InlineData("KG", "01", true)]
    [InlineData("01", "02", true)]
    [InlineData("02", "99", true)]
    [InlineData("03", "01", true)]
    [InlineData("03", "00", false)]
    [InlineData("PK", "01", false)]
    [InlineData("EE", "01", false)]
    [InlineData("04", "01", false)]
    [InlineData("12", "99", false)]
    public void The_disadvantaged_row_takes_grades_KG_to_03_with_E0785_01_02_or_99(string grade, string economic, bool included)
    {
        var record = Record(grade: grade, economic: economic);

        Assert.Equal(included, Population.K3EconomicallyDisadvantaged.Includes(record));
    }

    [Theory]
    [InlineData("KG", "1", "BE", true)]
    [InlineData("01", "1", "D1", true)]
    [InlineData("03", "1", "D2", true)]
    [InlineData("02", "1", null, false)]
    [InlineData("02", "0", "BE", false)]
    [InlineData("02", "F", "BE", false)]
    [InlineData("02", "S", "BE", false)]
    [InlineData("02", "5", "BE", false)]
    [InlineData("PK", "1", "BE", false)]
    [InlineData("04", "1", "BE", false)]
    public void The_emergent_bilingual_row_takes_grades_KG_to_03_with_E0790_1_and_E1651_BE_D1_or_D2(
        string grade, string emergentBilingual, string? funding, bool included)
    {
        // Monitored students (F, S, 3, 4) and former ones (5) are no longer identified: they are not in the row.
        var record = Record(grade: grade, emergentBilingual: emergentBilingual, funding: funding);

        Assert.Equal(included, Population.K3EmergentBilingual.Includes(record));
    }

    [Fact]
    public void Each_row_is_the_basic_ADA_over_its_students_and_a_student_may_count_in_both()
    {
        // Period 1, 30 days taught, everyone present every day (each student is worth 1 ADA):
        //   A grade 01, free meals, emergent bilingual with BE    → both rows
        //   B grade KG, reduced price                             → disadvantaged row
        //   C grade 03, not disadvantaged, emergent bilingual D2  → emergent bilingual row
        //   D grade 04, free meals, emergent bilingual BE         → neither (grade 4)
        //   E grade PK, free meals                                → neither (pre-kindergarten)
        // Period ADA: all students 5; disadvantaged row A + B = 2; emergent bilingual row A + C = 2.
        // Refined ADA (periods 2 to 6 empty): 5 / 6 = 0.833; 2 / 6 = 0.333 in each K-3 row.
        var records = new[]
        {
            Record("A", grade: "01", economic: "01", emergentBilingual: "1", funding: "BE", eligible: 30),
            Record("B", grade: "KG", economic: "02", eligible: 30),
            Record("C", grade: "03", economic: "00", emergentBilingual: "1", funding: "D2", eligible: 30),
            Record("D", grade: "04", economic: "01", emergentBilingual: "1", funding: "BE", eligible: 30),
            Record("E", grade: "PK", economic: "01", eligible: 30),
        };

        var summary = AttendanceSummary.Compute(records, Rules2024);
        Figure AdaOf(Population population, ReportingPeriod? period) =>
            summary.Find(new AttendanceGroupKey(DistrictId.Parse(District), null, null, null), population, period)!.Ada;

        Assert.Equal(R(5), AdaOf(Population.All, new ReportingPeriod(1)).Exact);
        Assert.Equal(R(2), AdaOf(Population.K3EconomicallyDisadvantaged, new ReportingPeriod(1)).Exact);
        Assert.Equal(R(2), AdaOf(Population.K3EmergentBilingual, new ReportingPeriod(1)).Exact);
        Assert.Equal(0.833m, AdaOf(Population.All, null).Published);
        Assert.Equal(0.333m, AdaOf(Population.K3EconomicallyDisadvantaged, null).Published);
        Assert.Equal(0.333m, AdaOf(Population.K3EmergentBilingual, null).Published);
    }

    [Fact]
    public void The_rows_use_the_students_codes_of_each_record()
    {
        // A student who qualifies only in period 2 (free meals from then on) counts in the row only in period 2.
        // Period ADAs of the disadvantaged row: 0, 1, 0, 0, 0, 0.
        var records = new[]
        {
            Record("A", period: 1, grade: "02", economic: "00", eligible: 30),
            Record("A", period: 2, grade: "02", economic: "01", eligible: 30),
            Record("A", period: 3, grade: "02", economic: "00", eligible: 30),
        };

        var row = records.Where(r => Population.K3EconomicallyDisadvantaged.Includes(r));

        Assert.Equal(Adas(0, 1, 0, 0, 0, 0), RefinedAda.PeriodAdas(row, Rules2024));
    }

    [Theory]
    [InlineData(2018, false)]
    [InlineData(2019, false)]
    [InlineData(2020, true)]
    [InlineData(2024, true)]
    public void The_rows_exist_only_from_2019_20(int year, bool rows)
    {
        var rules = RuleSet.For(new SchoolYear(year));
        var expected = rows
            ? new[] { Population.All, Population.K3EconomicallyDisadvantaged, Population.K3EmergentBilingual }
            : [Population.All];

        Assert.Equal(rows, rules.HasEarlyEducationRows);
        Assert.Equal(expected, Populations.For(rules));
    }

    [Fact]
    public void A_summary_of_2018_19_has_no_K3_rows()
    {
        // The same K-3 disadvantaged student in 2018-19: only the all-students rows.
        var record = Record(year: 2019, grade: "01", economic: "01", eligible: 30);

        var summary = AttendanceSummary.Compute([record], RuleSet.For(new SchoolYear(2019)));

        Assert.All(summary.Figures, f => Assert.Equal(Population.All, f.Population));
    }

    [Fact]
    public void A_K3_row_with_no_students_is_not_shown()
    {
        // A grade 05 student only: the K-3 rows select nobody and are left out rather than shown as zero.
        var summary = AttendanceSummary.Compute([Record(grade: "05", economic: "01", eligible: 30)], Rules2024);

        Assert.All(summary.Figures, f => Assert.Equal(Population.All, f.Population));
        Assert.Equal(7, summary.Figures.Count);
    }
}
