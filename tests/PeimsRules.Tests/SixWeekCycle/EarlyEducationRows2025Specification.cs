using NodaTime;
using PeimsRules.Attendance;
using PeimsRules.Funding;
using PeimsRules.Rules;
using static PeimsRules.Tests.Support.Given;

namespace PeimsRules.Tests.SixWeekCycle;

/// <summary>
/// The 2025-26 early-education rows (HB 2, 89th Legislature; TEC §48.108 as amended, as vendors describe it, awaiting
/// confirmation of the enacted text): all K-3 students' ADA with a weight of 0.01 beside the 0.1 rows, and the
/// FSP-eligible pre-K half-day ADA row of four-year-olds, which needs each pre-K student's date of birth (E0006).
/// </summary>
public class EarlyEducationRows2025Specification
{
    private static readonly RuleSet Rules2025 = RuleSet.For(new SchoolYear(2025));
    private static readonly RuleSet Rules2026 = RuleSet.For(new SchoolYear(2026));

    [Fact]
    public void The_rows_start_with_2025_26_and_are_flagged_awaiting_confirmation()
    {
        Assert.DoesNotContain(Population.K3AllStudents, Populations.For(Rules2025));
        Assert.Contains(Population.K3AllStudents, Populations.For(Rules2026));
        Assert.False(Rules2025.HasAllStudentsEarlyEducationRows);
        Assert.Equal(0.01m, Rules2026.AllStudentsEarlyEducationAllotmentRate);
        Assert.Equal(0.1m, Rules2026.EarlyEducationAllotmentRate);
        Assert.Equal(4, Rules2026.PreKindergartenAgeOnSeptemberFirst);
        Assert.Equal(CitationStatus.AwaitingConfirmation, RuleParameters.AllStudentsEarlyEducationRows.ValueFor(new SchoolYear(2026)).Citation.Status);
        Assert.Equal(CitationStatus.AwaitingConfirmation, RuleParameters.AllStudentsEarlyEducationAllotmentRate.ValueFor(new SchoolYear(2026)).Citation.Status);
    }

    [Fact]
    public void All_K_3_students_of_the_sample_district_are_1_9_1_8_and_1_9_ADA_in_periods_1_to_3_and_1_867_to_date()
    {
        // Students 101 (KG) and 102 (grade 01), whatever their funding attributes:
        // period 1 (30 + 27) ÷ 30 = 1.9; period 2 (25 + 20) ÷ 25 = 1.8; period 3 (18 + 20) ÷ 20 = 1.9; to date 5.6 ÷ 3 = 1.867.
        // The 0.1 rows keep their students: disadvantaged is 101 alone (0.967), emergent bilingual 102 alone (0.900).
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.PeriodsOneToThree);

        var figures = AttendanceSummary.Compute(records, Rules2026, new AttendanceSummaryOptions { ThroughPeriod = new ReportingPeriod(3) }).Figures;

        Assert.Equal([1.9m, 1.8m, 1.9m, 1.867m], figures.Where(f => f.Population == Population.K3AllStudents).Select(f => f.Ada.Published!.Value));
        Assert.Equal(0.967m, figures.Single(f => f.Population == Population.K3EconomicallyDisadvantaged && f.IsYearToDate).Ada.Published);
        Assert.Equal(0.9m, figures.Single(f => f.Population == Population.K3EmergentBilingual && f.IsYearToDate).Ada.Published);
    }

    [Fact]
    public void The_all_K_3_row_earns_0_01_of_the_basic_allotment_per_ADA_and_the_other_rows_keep_0_1()
    {
        // 0.01 × $6,215 × 1.867 = $116.034 05; 0.1 × $6,215 × 0.967 = $600.990 5.
        Assert.Equal(116.03405m, EarlyEducationAllotment.Amount(Population.K3AllStudents, 1.867m, Rules2026));
        Assert.Equal(600.9905m, EarlyEducationAllotment.Amount(Population.K3EconomicallyDisadvantaged, 0.967m, Rules2026));
        Assert.Throws<InvalidOperationException>(() => EarlyEducationAllotment.Amount(Population.K3AllStudents, 1m, Rules2025));
        Assert.Throws<ArgumentException>(() => EarlyEducationAllotment.Amount(Population.All, 1m, Rules2026));
    }

    [Fact]
    public void The_pre_K_row_counts_only_the_four_year_olds_half_a_day_each_0_5_ADA_a_period()
    {
        // Student 103 (born 2021-05-14) is four on 2025-09-01, half-day: 15 ÷ 30, 12.5 ÷ 25, 10 ÷ 20 = 0.5 each period.
        // Student 105 (born 2022-03-01) is three: not in the row.
        var records = SixWeekCycleFiles.Read(SixWeekCycleFiles.PeriodsOneToThree);

        var rows = PreKindergartenHalfDayAda.Compute(records, Rules2026, new AttendanceSummaryOptions { ThroughPeriod = new ReportingPeriod(3) });

        Assert.All(rows, r => Assert.Equal(Population.PreKindergartenFourYearOlds, r.Population));
        Assert.Equal([0.5m, 0.5m, 0.5m, 0.5m], rows.Select(r => r.Ada.Published!.Value));
        Assert.True(rows[^1].IsYearToDate);
        Assert.Equal(1, rows[0].Totals.RecordCount);
    }

    [Theory]
    [InlineData("2021-09-01", 4)]
    [InlineData("2021-09-02", 3)]
    [InlineData("2020-09-02", 4)]
    [InlineData("2020-09-01", 5)]
    public void A_student_four_on_September_1_2025_counts_in_the_2025_26_row(string born, int age)
    {
        var birth = NodaTime.Text.LocalDatePattern.Iso.Parse(born).Value;

        Assert.Equal(age, PreKindergartenHalfDayAda.AgeOnSeptemberFirst(birth, new SchoolYear(2026)));
        Assert.Equal(age == 4, PreKindergartenHalfDayAda.Counts(Record(year: 2026, grade: "PK", taught: 30, eligible: 15) with { BirthDate = birth }, Rules2026));
    }

    [Fact]
    public void Without_a_pre_K_students_birth_date_the_row_cannot_be_computed_and_says_why_never_0()
    {
        var records = new[]
        {
            Record(student: "P1", year: 2026, grade: "PK", taught: 30, eligible: 15) with { BirthDate = new LocalDate(2021, 5, 14) },
            Record(student: "P2", year: 2026, grade: "PK", taught: 30, eligible: 15),
        };

        var rows = PreKindergartenHalfDayAda.Compute(records, Rules2026);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(FigureStatus.NotComputable, r.Ada.Status));
        Assert.Contains("date of birth (E0006) of 1 pre-K student", rows[0].Ada.Reason, StringComparison.Ordinal);
        Assert.Empty(PreKindergartenHalfDayAda.Compute(records, Rules2025));
    }
}
