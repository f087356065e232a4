using System.Globalization;
using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>
/// Applies a <see cref="ChronicAbsenceDefinition"/> to a district's spans: sums each student's spans over the
/// definition's attribution (FS195: several enrollments in one school summed before the test), applies the
/// exclusions, compares the measure with the threshold exactly, and counts the rates by campus and district.
/// </summary>
/// <remarks>
/// <para>The steps, for each student and attribution unit (a school, a district, or the student across schools):</para>
/// <list type="number">
/// <item>Spans outside the definition's grades, on a calendar with too few attendance days, or (when the definition
/// says so) from a no-show or same-day enrollment are left out, and the exclusion is named.</item>
/// <item>Days enrolled and days absent (and minutes) are summed over the spans that remain.</item>
/// <item>A student with no days enrolled, fewer than the minimum days enrolled, or membership below the definition's
/// share of days taught (the largest calendar among the spans) is not considered.</item>
/// <item>The measure (days absent ÷ days enrolled × 100, days absent, or absent ÷ scheduled minutes × 100) is compared
/// with the threshold as an exact fraction: 1 of 10 days is exactly 10%, never 9.999...; "10% or more" includes it and
/// "more than 10%" does not.</item>
/// <item>With <see cref="ChronicAbsenceDefinition.AlsoTestEnrollmentsLongerThanDays"/>, each long enough span is also
/// tested alone.</item>
/// <item>A student considered and not chronically absent is trending at or above <see cref="ChronicAbsenceDefinition.TrendingFrom"/>.</item>
/// </list>
/// <para>The result does not depend on the order of the spans.</para>
/// </remarks>
[TeaSource("EDFacts FS195; CRDC; district PEIMS integrity audit; TEA accountability [vendor documented]; HB 213 (2025), not law")]
public static class ChronicAbsence
{
    /// <summary>Applies <paramref name="definition"/> to <paramref name="spans"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The definition is inconsistent: a negative threshold or minimum, a percentage threshold above 100, a lowest grade
    /// above the highest, or a negative trending band. A band that starts above the threshold is allowed: it is then empty.
    /// </exception>
    public static ChronicAbsenceReport Evaluate(ChronicAbsenceDefinition definition, IEnumerable<ChronicAbsenceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(spans);
        Check(definition, nameof(definition));
        var lines = new Lines(definition);

        // A store's spans are judged a district at a time: under school or district attribution every verdict and every
        // rate lies within one district. Following a student across districts needs them all at once.
        if (spans is StoreSpans byStore && definition.Attribution != ChronicAbsenceAttribution.Student)
        {
            var all = new List<ChronicAbsenceVerdict>();
            var campusRates = new List<ChronicAbsenceRate>();
            var districtRates = new List<ChronicAbsenceRate>();
            foreach (var district in byStore.ByDistrict())
            {
                var own = Verdicts(definition, lines, district);
                all.AddRange(own);
                var (campuses, districts) = Rates(own);
                campusRates.AddRange(campuses);
                districtRates.AddRange(districts);
            }

            return new ChronicAbsenceReport(definition, InOrder(all), [.. campusRates.OrderBy(r => r.Campus)], [.. districtRates.OrderBy(r => r.District)]);
        }

        var verdicts = InOrder(Verdicts(definition, lines, spans));
        var (campusRatesOfAll, districtRatesOfAll) = Rates(verdicts);
        return new ChronicAbsenceReport(definition, verdicts, campusRatesOfAll, districtRatesOfAll);
    }

    /// <summary>A verdict for each student's spans by the attribution unit: a school (and its district), a district, or the student alone.</summary>
    private static List<ChronicAbsenceVerdict> Verdicts(ChronicAbsenceDefinition definition, Lines lines, IEnumerable<ChronicAbsenceSpan> spans)
    {
        var groups = definition.Attribution switch
        {
            ChronicAbsenceAttribution.School => GroupBy(spans, s => (s.Student, s.Campus))
                .Select(g => (g.Key.Student, Campus: (CampusId?)g.Key.Campus, District: (DistrictId?)g.Key.Campus.District, Spans: g.Value)),
            ChronicAbsenceAttribution.District => GroupBy(spans, s => (s.Student, s.District))
                .Select(g => (g.Key.Student, Campus: (CampusId?)null, District: (DistrictId?)g.Key.District, Spans: g.Value)),
            _ => GroupBy(spans, s => s.Student)
                .Select(g => (Student: g.Key, Campus: (CampusId?)null, District: (DistrictId?)null, Spans: g.Value)),
        };
        return groups.Select(g => Judge(definition, lines, g.Student, g.Campus, g.District, g.Spans)).ToList();
    }

    /// <summary>The verdicts in order of student, district and campus (each once): the order of the groups does not matter.</summary>
    private static List<ChronicAbsenceVerdict> InOrder(List<ChronicAbsenceVerdict> verdicts) =>
        verdicts
            .OrderBy(v => v.Student)
            .ThenBy(v => v.District?.Code, StringComparer.Ordinal)
            .ThenBy(v => v.Campus?.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>The campus and district rates of <paramref name="verdicts"/>, each in id order: each verdict counts at each of its campuses, and once in each of their districts.</summary>
    private static (List<ChronicAbsenceRate> Campuses, List<ChronicAbsenceRate> Districts) Rates(List<ChronicAbsenceVerdict> verdicts)
    {
        var byCampus = new Dictionary<CampusId, List<ChronicAbsenceVerdict>>();
        var byDistrict = new Dictionary<DistrictId, List<ChronicAbsenceVerdict>>();
        foreach (var v in verdicts)
        {
            foreach (var c in v.Campuses)
            {
                Add(byCampus, c, v);
            }

            foreach (var d in DistrictsOf(v.Campuses))
            {
                Add(byDistrict, d, v);
            }
        }

        var campusRates = byCampus.OrderBy(g => g.Key).Select(g => Rate(RateLevel.Campus, g.Key.District, g.Key, g.Value)).ToList();
        var districtRates = byDistrict.OrderBy(g => g.Key).Select(g => Rate(RateLevel.District, g.Key, null, g.Value)).ToList();
        return (campusRates, districtRates);
    }

    /// <summary>The spans of each key, each list in the order of the spans.</summary>
    private static Dictionary<TKey, List<ChronicAbsenceSpan>> GroupBy<TKey>(IEnumerable<ChronicAbsenceSpan> spans, Func<ChronicAbsenceSpan, TKey> key)
        where TKey : notnull
    {
        var groups = new Dictionary<TKey, List<ChronicAbsenceSpan>>();
        foreach (var s in spans)
        {
            var k = key(s);
            if (!groups.TryGetValue(k, out var list))
            {
                groups[k] = list = [];
            }

            list.Add(s);
        }

        return groups;
    }

    /// <summary>The districts of <paramref name="campuses"/>, each once.</summary>
    internal static IEnumerable<DistrictId> DistrictsOf(IReadOnlyList<CampusId> campuses) =>
        campuses.Count == 1 ? [campuses[0].District] : campuses.Select(c => c.District).Distinct();

    private static void Add<TKey>(Dictionary<TKey, List<ChronicAbsenceVerdict>> groups, TKey key, ChronicAbsenceVerdict verdict)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(verdict);
    }

    /// <summary>A definition's lines as exact fractions, converted once for all its students.</summary>
    private sealed class Lines(ChronicAbsenceDefinition d)
    {
        public Ratio Threshold { get; } = Ratio.FromDecimal(d.Threshold);

        public Ratio? TrendingFrom { get; } = d.TrendingFrom is { } from ? Ratio.FromDecimal(from) : null;

        public Ratio? MinimumMembership { get; } = d.MinimumMembershipPercentOfDaysTaught is { } share ? Ratio.FromDecimal(share) : null;

        public bool Crosses(Ratio measured, bool inclusive) => inclusive ? measured >= Threshold : measured > Threshold;
    }

    /// <summary>
    /// Whether <paramref name="measured"/> crosses <paramref name="threshold"/>: at or above it when
    /// <paramref name="inclusive"/>, strictly above it otherwise. Exact: both are fractions.
    /// </summary>
    public static bool Crosses(Ratio measured, decimal threshold, bool inclusive)
    {
        var line = Ratio.FromDecimal(threshold);
        return inclusive ? measured >= line : measured > line;
    }

    private static void Check(ChronicAbsenceDefinition d, string parameter)
    {
        var percent = d.Measure != ChronicAbsenceMeasure.DaysAbsent;
        var problem = d switch
        {
            _ when d.Threshold < 0 => "the threshold is negative",
            _ when percent && d.Threshold > 100 => "a percentage threshold is above 100",
            _ when d.MinimumMembershipPercentOfDaysTaught is < 0 or > 100 => "the minimum membership is not a percentage",
            _ when d.ExcludeCalendarsWithAtMostDays is < 0 || d.AlsoTestEnrollmentsLongerThanDays is < 0 => "a day count is negative",
            _ when d.LowestGrade.CompareTo(d.HighestGrade) > 0 => $"the lowest grade {d.LowestGrade} is above the highest {d.HighestGrade}",
            _ when d.TrendingFrom is < 0 => "the trending band starts below zero",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ArgumentException($"Chronic absence definition {d.Name}: {problem}.", parameter);
        }
    }

    private static ChronicAbsenceRate Rate(RateLevel level, DistrictId district, CampusId? campus, IEnumerable<ChronicAbsenceVerdict> verdicts)
    {
        // One student once: the most serious of the student's verdicts here.
        var perStudent = new Dictionary<StudentId, ChronicAbsenceStatus>();
        foreach (var v in verdicts)
        {
            perStudent[v.Student] = perStudent.TryGetValue(v.Student, out var was) && was > v.Status ? was : v.Status;
        }

        int excluded = 0, chronic = 0, trending = 0;
        foreach (var status in perStudent.Values)
        {
            excluded += status == ChronicAbsenceStatus.Excluded ? 1 : 0;
            chronic += status == ChronicAbsenceStatus.Chronic ? 1 : 0;
            trending += status == ChronicAbsenceStatus.Trending ? 1 : 0;
        }

        return new ChronicAbsenceRate(level, district, campus, perStudent.Count - excluded, excluded, chronic, trending);
    }

    private static ChronicAbsenceVerdict Judge(ChronicAbsenceDefinition d, Lines lines, StudentId student, CampusId? campus, DistrictId? district, List<ChronicAbsenceSpan> all)
    {
        var exclusions = default(Exclusions);
        string? note = null;
        var counted = new List<ChronicAbsenceSpan>(all.Count);
        foreach (var s in all)
        {
            if (!d.IncludesGrade(s.Grade))
            {
                exclusions.Add(ChronicAbsenceExclusion.GradeNotIncluded);
            }
            else if (d.ExcludeCalendarsWithAtMostDays is { } most && s.CalendarDays is { } days && days <= DayCount.FromDays(most))
            {
                exclusions.Add(ChronicAbsenceExclusion.ShortCalendar);
            }
            else if (d.ExcludesSameDayAndNoShowEnrollments && s.IsNoShow)
            {
                exclusions.Add(ChronicAbsenceExclusion.NoShowEnrollment);
            }
            else if (d.ExcludesSameDayAndNoShowEnrollments && s.IsSameDayEnrollment)
            {
                exclusions.Add(ChronicAbsenceExclusion.SameDayEnrollment);
            }
            else
            {
                counted.Add(s);
            }
        }

        if (counted.Count < all.Count)
        {
            note = string.Create(CultureInfo.InvariantCulture, $"{all.Count - counted.Count} of {all.Count} spans left out ({string.Join(", ", exclusions.List.Select(Describe))})");
        }

        // With no span left, the figures shown are those of all the spans, so the reader sees what was left out.
        var shown = counted.Count > 0 ? counted : all;
        var campuses = CampusesOf(shown);
        var grade = shown[0].Grade;
        var enrolled = DayCount.Zero;
        var absent = DayCount.Zero;
        var hasMinutes = true;
        long scheduledSum = 0, absentSum = 0;
        foreach (var s in shown)
        {
            grade = s.Grade.CompareTo(grade) > 0 ? s.Grade : grade;
            enrolled += s.DaysEnrolled;
            absent += s.DaysAbsent;
            hasMinutes &= s.ScheduledMinutes.HasValue;
            scheduledSum += s.ScheduledMinutes ?? 0;
            absentSum += s.AbsentMinutes ?? 0;
        }

        long? scheduledMinutes = hasMinutes ? scheduledSum : null;
        long? absentMinutes = hasMinutes ? absentSum : null;
        Ratio? percentDays = enrolled.HalfDays == 0 ? null : Ratio.Of(absent.HalfDays * 100, enrolled.HalfDays);
        var sums = string.Create(CultureInfo.InvariantCulture, $"{absent} of {enrolled} days enrolled absent")
            + (percentDays is { } p ? string.Create(CultureInfo.InvariantCulture, $" ({Percent(p)}%)") : string.Empty)
            + (hasMinutes && d.Measure == ChronicAbsenceMeasure.PercentOfInstructionalMinutes
                ? string.Create(CultureInfo.InvariantCulture, $", {absentMinutes} of {scheduledMinutes} minutes missed") : string.Empty);

        ChronicAbsenceVerdict Verdict(ChronicAbsenceStatus status, Ratio? measured, string why)
        {
            var reason = $"{d.Name}: {sums}; {why}" + (note is not null ? "; " + note : string.Empty) + ".";
            return new ChronicAbsenceVerdict(
                student, campus, district, campuses, grade, all.Count, enrolled, absent, scheduledMinutes, absentMinutes,
                measured, percentDays, status, exclusions.List, reason);
        }

        ChronicAbsenceVerdict Exclude(ChronicAbsenceExclusion exclusion, string why)
        {
            exclusions.Add(exclusion);
            return Verdict(ChronicAbsenceStatus.Excluded, null, "not considered: " + why);
        }

        if (counted.Count == 0)
        {
            return Verdict(ChronicAbsenceStatus.Excluded, null, "not considered: every span was left out");
        }

        if (enrolled.HalfDays == 0)
        {
            return Exclude(ChronicAbsenceExclusion.NoDaysEnrolled, "no days enrolled");
        }

        if (enrolled < d.MinimumDaysEnrolled)
        {
            return Exclude(ChronicAbsenceExclusion.BelowMinimumDaysEnrolled, $"enrolled {enrolled} days, fewer than the minimum {d.MinimumDaysEnrolled}");
        }

        if (d.MinimumMembershipPercentOfDaysTaught is { } share
            && LargestCalendar(counted) is var taught
            && taught.HalfDays > 0
            && Ratio.Of(enrolled.HalfDays * 100, taught.HalfDays) < lines.MinimumMembership!.Value)
        {
            return Exclude(
                ChronicAbsenceExclusion.BelowMinimumMembership,
                string.Create(CultureInfo.InvariantCulture, $"in membership {enrolled} of {taught} days taught ({Percent(Ratio.Of(enrolled.HalfDays * 100, taught.HalfDays))}%), below {share}%"));
        }

        Ratio measured;
        string unit;
        switch (d.Measure)
        {
            case ChronicAbsenceMeasure.DaysAbsent:
                measured = Ratio.Of(absent.HalfDays, 2);
                unit = " days absent";
                break;
            case ChronicAbsenceMeasure.PercentOfInstructionalMinutes:
                if (!hasMinutes)
                {
                    return Exclude(ChronicAbsenceExclusion.NoMinuteData, "the definition measures instructional minutes, which only daily marks carry");
                }

                if (scheduledMinutes == 0)
                {
                    return Exclude(ChronicAbsenceExclusion.NoDaysEnrolled, "no scheduled minutes");
                }

                measured = Ratio.Of(absentMinutes!.Value * 100, scheduledMinutes!.Value);
                unit = "% of minutes";
                break;
            default:
                measured = percentDays!.Value;
                unit = "%";
                break;
        }

        var line = d.Measure == ChronicAbsenceMeasure.DaysAbsent ? " days" : "%";
        var crosses = lines.Crosses(measured, d.Inclusive);
        var comparison = string.Create(CultureInfo.InvariantCulture, $"{Percent(measured)}{unit} {(crosses ? (d.Inclusive ? ">=" : ">") : (d.Inclusive ? "<" : "<="))} {d.Threshold}{line}");
        if (crosses)
        {
            return Verdict(ChronicAbsenceStatus.Chronic, measured, comparison + ": chronically absent");
        }

        if (d.AlsoTestEnrollmentsLongerThanDays is { } longer && d.Measure == ChronicAbsenceMeasure.PercentOfInstructionalMinutes)
        {
            foreach (var s in counted.Where(s => s.DaysEnrolled > DayCount.FromDays(longer) && s.ScheduledMinutes > 0).OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.DaysEnrolled).ThenBy(s => s.ScheduledMinutes).ThenBy(s => s.AbsentMinutes).ThenBy(s => s.Grade))
            {
                var alone = Ratio.Of(s.AbsentMinutes!.Value * 100, s.ScheduledMinutes!.Value);
                if (lines.Crosses(alone, d.Inclusive))
                {
                    return Verdict(
                        ChronicAbsenceStatus.Chronic,
                        measured,
                        string.Create(CultureInfo.InvariantCulture, $"{comparison} for the year, but the {s.Source} ({s.DaysEnrolled} days, longer than {longer}) missed {Percent(alone)}{unit}: chronically absent"));
                }
            }
        }

        if (d.TrendingFrom is { } from && measured >= lines.TrendingFrom!.Value)
        {
            return Verdict(ChronicAbsenceStatus.Trending, measured, comparison + string.Create(CultureInfo.InvariantCulture, $": not chronically absent, trending (at or above {from}{line})"));
        }

        return Verdict(ChronicAbsenceStatus.NotChronic, measured, comparison + ": not chronically absent");
    }

    /// <summary>The campuses of <paramref name="spans"/>, each once, in order.</summary>
    private static System.Collections.ObjectModel.ReadOnlyCollection<CampusId> CampusesOf(List<ChronicAbsenceSpan> spans)
    {
        var campuses = new List<CampusId>(1);
        foreach (var s in spans)
        {
            if (!campuses.Contains(s.Campus))
            {
                campuses.Add(s.Campus);
            }
        }

        campuses.Sort();
        return campuses.AsReadOnly();
    }

    /// <summary>The largest calendar (days taught) among <paramref name="spans"/>, or zero when none has one.</summary>
    private static DayCount LargestCalendar(List<ChronicAbsenceSpan> spans)
    {
        var largest = DayCount.Zero;
        foreach (var s in spans)
        {
            if (s.CalendarDays is { } days && days > largest)
            {
                largest = days;
            }
        }

        return largest;
    }

    /// <summary>
    /// The exclusions named for a student, as a set of flags listed in their order: each possible list is built once and
    /// shared, as it cannot be changed.
    /// </summary>
    private struct Exclusions
    {
        private static readonly IReadOnlyList<ChronicAbsenceExclusion>?[] Lists = new IReadOnlyList<ChronicAbsenceExclusion>?[1 << Enum.GetValues<ChronicAbsenceExclusion>().Length];

        private int _flags;

        public void Add(ChronicAbsenceExclusion exclusion) => _flags |= 1 << (int)exclusion;

        public readonly IReadOnlyList<ChronicAbsenceExclusion> List => Lists[_flags] ??= Build(_flags);

        private static IReadOnlyList<ChronicAbsenceExclusion> Build(int flags) =>
            Enum.GetValues<ChronicAbsenceExclusion>().Where(e => (flags & (1 << (int)e)) != 0).Order().ToList().AsReadOnly();
    }

    private static string Describe(ChronicAbsenceExclusion e) => e switch
    {
        ChronicAbsenceExclusion.GradeNotIncluded => "grade not included",
        ChronicAbsenceExclusion.ShortCalendar => "calendar of too few attendance days",
        ChronicAbsenceExclusion.NoShowEnrollment => "no-show enrollment",
        ChronicAbsenceExclusion.SameDayEnrollment => "same-day enrollment",
        _ => e.ToString(),
    };

    /// <summary>A percentage for the reason text: two decimals, half away from zero (display only; the test is exact).</summary>
    private static string Percent(Ratio value) => value.Round(2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
