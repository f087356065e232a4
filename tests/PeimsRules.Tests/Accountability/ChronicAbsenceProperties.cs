using FsCheck.Xunit;
using PeimsRules.Accountability;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// What must hold for every district, not only for the worked examples: a student's verdict does not depend on the
/// order of the records; raising the threshold never adds a student; attribution per district never counts a student
/// twice. The spans are generated from lists of numbers: five students over three campuses in two districts, up to 30
/// days enrolled per span in half days, some with minutes.
/// </summary>
public class ChronicAbsenceProperties
{
    private static readonly string[] Campuses = ["101912001", "101912002", "227901001"];
    private static readonly string[] Grades = ["PK", "KG", "03", "08", "12"];

    private static readonly ChronicAbsenceAttribution[] Attributions =
        [ChronicAbsenceAttribution.School, ChronicAbsenceAttribution.District, ChronicAbsenceAttribution.Student];

    private static List<ChronicAbsenceSpan> Spans(int[] seeds)
    {
        var spans = new List<ChronicAbsenceSpan>();
        foreach (var seed in seeds ?? [])
        {
            var n = unchecked((uint)seed);
            var enrolled = (long)(n % 61);
            var absent = enrolled == 0 ? 0 : (long)((n / 61) % (ulong)(enrolled + 1));
            var withMinutes = (n / 4000) % 2 == 0;
            long? scheduled = withMinutes ? enrolled * 200 : null;
            long? absentMinutes = withMinutes ? absent * 100 + ((n / 7) % 50) : null;
            if (absentMinutes > scheduled)
            {
                absentMinutes = scheduled;
            }

            spans.Add(new ChronicAbsenceSpan(
                StudentId.Parse("S" + (n / 13 % 5)),
                CampusId.Parse(Campuses[n / 17 % 3]),
                GradeLevel.Parse(Grades[n / 19 % 5]),
                DayCount.FromHalfDays(enrolled),
                DayCount.FromHalfDays(absent),
                DayCount.FromDays((int)(5 + (n / 23 % 20))),
                scheduled,
                absentMinutes,
                n / 29 % 11 == 0,
                n / 31 % 13 == 0,
                "span " + (n % 3)));
        }

        return spans;
    }

    private static IEnumerable<ChronicAbsenceDefinition> Definitions() =>
        ChronicAbsenceDefinition.All.SelectMany(d => Attributions.Select(a => d with { Attribution = a }));

    private static IEnumerable<string> Described(ChronicAbsenceReport report) =>
        report.Verdicts.Select(v => $"{v.Student}|{v.Campus}|{v.District}|{string.Join(',', v.Campuses)}|{v.Grade}|{v.DaysEnrolled}|{v.DaysAbsent}|{v.Measured}|{v.Status}|{string.Join(',', v.Exclusions)}|{v.Reason}")
            .Concat(report.Campuses.Concat(report.Districts).Select(r => r.ToString()));

    [Property]
    public void A_students_verdict_does_not_depend_on_the_order_of_the_records(int[] seeds, int shuffle)
    {
        var spans = Spans(seeds);
        var shuffled = spans.ToList();
        var random = new Random(shuffle);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        foreach (var definition in Definitions())
        {
            Assert.Equal(Described(ChronicAbsence.Evaluate(definition, spans)), Described(ChronicAbsence.Evaluate(definition, shuffled)));
        }
    }

    [Property]
    public void Raising_the_threshold_never_adds_a_chronically_absent_student(int[] seeds, byte low, byte raise)
    {
        var spans = Spans(seeds);
        foreach (var definition in Definitions())
        {
            var lower = definition with { Threshold = low % 40 };
            var higher = definition with { Threshold = (low % 40) + (raise % 40) };

            var before = ChronicAbsence.Evaluate(lower, spans).Verdicts.Where(v => v.IsChronicallyAbsent).Select(v => (v.Student, v.Campus, v.District)).ToHashSet();
            var after = ChronicAbsence.Evaluate(higher, spans).Verdicts.Where(v => v.IsChronicallyAbsent).Select(v => (v.Student, v.Campus, v.District));

            Assert.All(after, key => Assert.Contains(key, before));
        }
    }

    [Property]
    public void Attribution_per_district_never_counts_a_student_twice(int[] seeds)
    {
        var spans = Spans(seeds);
        foreach (var definition in ChronicAbsenceDefinition.All.Select(d => d with { Attribution = ChronicAbsenceAttribution.District }))
        {
            var report = ChronicAbsence.Evaluate(definition, spans);

            var keys = report.Verdicts.Select(v => (v.Student, v.District)).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            foreach (var district in report.Districts)
            {
                var students = spans.Where(s => s.District == district.District).Select(s => s.Student).Distinct().Count();
                Assert.Equal(students, district.Considered + district.Excluded);
                Assert.True(district.Chronic + district.Trending <= district.Considered);
            }
        }
    }

    [Property]
    public void Every_student_and_school_of_the_input_has_a_verdict_per_school(int[] seeds)
    {
        var spans = Spans(seeds);

        var report = ChronicAbsence.Evaluate(ChronicAbsenceDefinition.Federal, spans);

        Assert.Equal(
            spans.Select(s => (s.Student, s.Campus)).Distinct().Order(),
            report.Verdicts.Select(v => (v.Student, v.Campus!.Value)).Order());
    }
}
