using NodaTime;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Rules;
using static PeimsRules.Tests.Daily.SixWeeks;

namespace PeimsRules.Tests.Specification;

/// <summary>
/// TEA's own worked examples of the 42400 Basic Reporting Period Attendance record (TEA data standards, PEIMS record
/// 400 examples), with every number inline, and the record-model rules behind them: one record per key (business rule
/// 42400-000A), E0937 counted as reported, the ADA code joined for the audit only.
/// </summary>
public class TeaWorkedExamplesSpecification
{
    private static readonly RuleSet Rules2025 = RuleSet.For(new SchoolYear(2025));

    [Fact]
    public void The_half_day_kindergarten_student_who_withdrew_and_re_entered_is_one_record_of_10_eligible_days_in_32_worth_10_32()
    {
        // A 32-day period 1 (Mon 2024-08-19 to Tue 2024-10-01, every weekday taught). The student, half day (code 2),
        // is enrolled days 1-15, withdraws (first day not enrolled: day 16, Mon 09-09) and re-enters on day 21
        // (Mon 09-16) through day 32. Present 12 of the first 15 days and 8 of the last 12: 20 days present at one
        // half each = 10.0 eligible days present; 7 days absent at one half = 3.5 days absent. Same campus, grade and
        // track: ONE record, 32 days taught, 3.5 absent, 10.0 eligible present; its ADA contribution is 10/32.
        var days = Enumerable.Range(0, 45).Select(i => D(8, 19).PlusDays(i)).Where(d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)).Take(32).ToList();
        var calendar = new SchoolCalendar(Year, Elm, "REG", 0, Snapshot, days, [new CalendarReportingPeriod(P(1), days[0], days[31])]);
        var enrollments = new[]
        {
            Enroll("1000000001", days[0], withdrawal: days[15], grade: "KG", code: 2),
            Enroll("1000000001", days[20], grade: "KG", code: 2),
        };
        var absentOn = new HashSet<int> { 2, 6, 10, 22, 25, 28, 31 };
        var enrolled = Enumerable.Range(0, 15).Concat(Enumerable.Range(20, 12));
        var marks = enrolled.Select(i => Mark(S("1000000001"), Elm, days[i], 2, absentOn.Contains(i) ? AttendanceMarkStatus.Absent : AttendanceMarkStatus.Present));

        var record = Assert.Single(Build(enrollments, marks, [calendar]).Records);

        Assert.Equal("10.0 / 0.0 / 3.5 of 32.0", Counts(record));
        Assert.Equal(Ratio.Of(10, 32), PeriodAda.Compute([record], Rules2025));
        Assert.Equal(AdaEligibility.HalfDay, record.AdaEligibility);
    }

    [Fact]
    public void The_year_round_grade_11_student_present_25_of_28_days_contributes_25_28_to_the_period_ADA()
    {
        // A year-round grade 11 student in a 28-day period, present 25 eligible days and absent 3. In the XML era TEA's
        // example sent three records for the student (basic, bilingual and mainstream attendance, told apart by the
        // attendance event indicator E1085); the basic 42400 record alone carries E0937 = 25.0 of E0935 = 28: its
        // contribution to the period ADA is 25/28, and the program days are in their own records.
        var text = "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,"
            + "EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode\n"
            + "2025,101912,101912001,1000000002,11,01,1,28.0,25.0,0.0,3.0,01,1,BE\n";

        var record = Assert.Single(BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "year-round.csv"));

        Assert.Equal(Ratio.Of(25, 28), PeriodAda.Compute([record], Rules2025));
        Assert.Null(record.AdaEligibility);
    }

    [Fact]
    public void A_file_with_two_records_under_one_key_is_refused_naming_both_lines()
    {
        // 42400-000A: one record per student, campus, grade, track and period. The second row of the same key is
        // refused with its line (3) and the first's (2), whatever its ADA code.
        var text = "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,NumberDaysTaught,"
            + "EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,AdaEligibilityCode\n"
            + "2025,101912,101912001,1000000001,KG,00,1,32.0,6.0,0.0,1.5,00,0,2\n"
            + "2025,101912,101912001,1000000001,KG,00,1,32.0,4.0,0.0,2.0,00,0,6\n";

        var error = Assert.Throws<PeimsCsvException>(() => BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "periods.csv"));
        var all = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "periods.csv", CsvErrorMode.CollectAll);

        Assert.Equal(3, error.Problem.Line);
        Assert.Equal(CsvProblemKind.DuplicateKey, error.Problem.Kind);
        Assert.Contains("line 2 already has this key", error.Problem.Message, StringComparison.Ordinal);
        Assert.Single(all.Records);
        Assert.Single(all.Problems);
    }
}
