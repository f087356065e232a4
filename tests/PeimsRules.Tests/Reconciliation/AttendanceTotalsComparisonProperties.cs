using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// A comparison of totals (<see cref="AttendanceTotalsComparison"/>: the figures from partial sums, the record
/// differences counted in one pass over both sides in key order) gives the rows of the reference
/// <see cref="AttendanceComparison"/>: the same figures, differences, day changes and number of record differences behind
/// each row, for runs with records changed, removed, added and moved between campuses and grades, in every grouping,
/// in years with and without the K-3 rows, and in 2019-20 (whose year row is not computable without prior-year records).
/// Records out of key order, or of another year, are left to the reference.
/// </summary>
public sealed class AttendanceTotalsComparisonProperties
{
    private static readonly string[] Campuses = ["101912001", "101912002", "057905001"];
    private static readonly string[] Grades = ["PK", "KG", "01", "03", "05", "09"];
    private static readonly AttendanceGrouping[] Groupings =
    [
        AttendanceGrouping.None, AttendanceGrouping.District, AttendanceGrouping.Campus,
        AttendanceGrouping.Campus | AttendanceGrouping.GradeLevel, AttendanceGrouping.District | AttendanceGrouping.InstructionalTrack,
    ];

    public sealed record Runs(int Year, AttendanceGrouping GroupBy, IReadOnlyList<BasicReportingPeriodAttendance> Before, IReadOnlyList<BasicReportingPeriodAttendance> After)
    {
        public override string ToString() =>
            $"{Year} by {GroupBy}; before: {string.Join("; ", Before.Select(Describe))}; after: {string.Join("; ", After.Select(Describe))}";

        private static string Describe(BasicReportingPeriodAttendance r) =>
            $"{r.Key} {r.EligibleDaysPresent}/{r.DaysAbsent}/{r.NumberDaysTaught} {r.EconomicDisadvantage.Code} {r.AdaEligibility?.ToString() ?? "-"}";
    }

    public static class Pairs
    {
        public static Arbitrary<Runs> Values() =>
            (from year in Gen.Elements(2024, 2024, 2020, 2021, 2026)
             from groupBy in Gen.Elements(Groupings)
             from count in Gen.Choose(0, 30)
             from before in Gen.ListOf(Record(year), count)
             from changes in Gen.ArrayOf(Gen.Choose(0, 9), count)
             from extra in Gen.Choose(0, 4)
             from added in Gen.ListOf(Record(year), extra)
             select Make(year, groupBy, before, changes, added))
            .ToArbitrary();

        private static Runs Make(int year, AttendanceGrouping groupBy, IReadOnlyList<BasicReportingPeriodAttendance> records, int[] changes, IReadOnlyList<BasicReportingPeriodAttendance> added)
        {
            var before = records.DistinctBy(r => r.Key).ToList();
            var after = new List<BasicReportingPeriodAttendance>();
            for (var i = 0; i < before.Count; i++)
            {
                var r = before[i];
                switch (changes[i])
                {
                    case 0:
                        break; // removed
                    case 1:
                        after.Add(With(r, campus: r.CampusId.Code == Campuses[0] ? Campuses[1] : Campuses[0])); // moved between campuses
                        break;
                    case 2:
                        after.Add(With(r, grade: r.GradeLevel.Code == "03" ? "05" : "03")); // moved between grades
                        break;
                    case 3:
                        after.Add(With(r, absentShift: true)); // half a day present became absent
                        break;
                    case 4:
                        after.Add(With(r, economic: r.EconomicDisadvantage.Code == "01" ? "00" : "01"));
                        break;
                    case 5:
                        after.Add(With(r, code: r.AdaEligibility?.Code == 1 ? 0 : 1)); // an eligibility code
                        break;
                    default:
                        after.Add(r);
                        break;
                }
            }

            after.AddRange(added);
            after = after.DistinctBy(r => r.Key).ToList();
            return new Runs(year, groupBy, [.. before.OrderBy(r => r.Key)], [.. after.OrderBy(r => r.Key)]);
        }

        private static BasicReportingPeriodAttendance With(BasicReportingPeriodAttendance r, string? campus = null, string? grade = null, bool absentShift = false, string? economic = null, int? code = null)
        {
            var shift = absentShift && r.EligibleDaysPresent.HalfDays > 0 ? 1 : 0;
            return new BasicReportingPeriodAttendance(
                r.SchoolYear,
                r.Key with { Campus = campus is null ? r.CampusId : CampusId.Parse(campus), GradeLevel = grade is null ? r.GradeLevel : GradeLevel.Parse(grade) },
                r.NumberDaysTaught,
                DayCount.FromHalfDays(r.EligibleDaysPresent.HalfDays - shift),
                r.IneligibleDaysPresent,
                DayCount.FromHalfDays(r.DaysAbsent.HalfDays + shift),
                r.FundingAttributes with { EconomicDisadvantage = economic is null ? r.EconomicDisadvantage : EconomicDisadvantage.Parse(economic) },
                r.RemoteSynchronousEligibleDaysPresent,
                r.RemoteAsynchronousEligibleDaysPresent,
                code is null ? r.AdaEligibility : AdaEligibility.FromCode(code.Value));
        }

        private static Gen<BasicReportingPeriodAttendance> Record(int year) =>
            from student in Gen.Choose(0, 6)
            from campus in Gen.Elements(Campuses)
            from grade in Gen.Elements(Grades)
            from track in Gen.Elements("00", "01")
            from period in Gen.Frequency((8, Gen.Choose(1, 6)), (1, Gen.Choose(7, 9)))
            from code in Gen.Frequency((4, Gen.Constant<int?>(1)), (1, Gen.Constant<int?>(null)), (2, Gen.Choose(0, 8).Select(c => (int?)c)))
            from taught in Gen.Choose(1, 60)
            from present in Gen.Choose(0, 60)
            from absent in Gen.Choose(0, 60)
            from economic in Gen.Elements("00", "01", "99")
            from bilingual in Gen.Elements("0", "1")
            let p = Math.Min(present, taught)
            let a = Math.Min(absent, taught - p)
            select Given.Record(
                student: $"S{student}", period: period, code: code, taught: taught / 2m, eligible: p / 2m, absent: a / 2m,
                year: year, campus: campus, grade: grade, track: track, economic: economic, emergentBilingual: bilingual);
    }

    [Property(Arbitrary = [typeof(Pairs)], MaxTest = 300)]
    public void A_comparison_of_totals_has_the_rows_of_the_reference_comparison(Runs runs)
    {
        var rules = RuleSet.For(new SchoolYear(runs.Year));
        var reference = AttendanceComparison.CompareRecords(runs.Before, runs.After, rules, new AttendanceComparisonOptions { GroupBy = runs.GroupBy });
        var options = new AttendanceSummaryOptions { GroupBy = runs.GroupBy };

        var totals = AttendanceTotalsComparison.Compare(
            AttendanceSummary.FromPartials(AttendancePartials.Of(runs.Before, rules), options),
            AttendanceSummary.FromPartials(AttendancePartials.Of(runs.After, rules), options),
            runs.Before,
            runs.After);

        Assert.NotNull(totals);
        Assert.Equal(reference.Figures.Select(Row), totals.Figures.Select(Row));
        Assert.All(reference.Figures, f => Assert.Equal(f.Explanation.Count, f.ExplainingRecordCount));
        Assert.Equal(reference.RecordDifferences.Count, totals.RecordDifferenceCount);
        Assert.Equal(reference.HasDifferences, totals.HasDifferences);
        Assert.Equal((runs.Before.Count, runs.After.Count), ((int)totals.RecordCountBefore, (int)totals.RecordCountAfter));
    }

    [Property(Arbitrary = [typeof(Pairs)], MaxTest = 100)]
    public void Records_out_of_key_order_are_left_to_the_reference(Runs runs)
    {
        var rules = RuleSet.For(new SchoolYear(runs.Year));
        var summary = AttendanceSummary.FromPartials(AttendancePartials.Of(runs.Before, rules), new AttendanceSummaryOptions { GroupBy = runs.GroupBy });
        var reversed = runs.Before.AsEnumerable().Reverse().ToList();

        var totals = AttendanceTotalsComparison.Compare(summary, summary, reversed, reversed);

        Assert.Equal(runs.Before.Count < 2, totals is not null);
    }

    private static string Row(FigureDifference f) =>
        $"{f} | ada {f.Ada.Kind} {f.Ada.PublishedDifference} {f.Ada.Before.Status}/{f.Ada.After.Status} | pia {f.Pia.Kind} {f.Pia.PublishedDifference} {f.Pia.Before.Status}/{f.Pia.After.Status}"
        + $" | days {f.DaysPresentChange} {f.DaysInMembershipChange} | different {f.IsDifferent} | explained by {f.ExplainingRecordCount} | sides {f.Before is null}/{f.After is null}";
}
