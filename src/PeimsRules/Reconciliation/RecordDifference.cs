using System.Globalization;
using PeimsRules.Attendance;

namespace PeimsRules.Reconciliation;

/// <summary>How the records under one <see cref="ReportingPeriodAttendanceKey"/> differ between the two sides of a comparison.</summary>
public enum RecordChangeKind
{
    /// <summary>The key has records after and none before, and the student has no removed record in the same period.</summary>
    Added = 0,

    /// <summary>The key has records before and none after, and the student has no added record in the same period.</summary>
    Removed = 1,

    /// <summary>The key has records on both sides, and they differ in a field outside the key (days, codes, days taught).</summary>
    Changed = 2,

    /// <summary>
    /// The key has records before and none after, and the same student has an added record in the same period under
    /// another key: the student moved out of this key's row (a change of campus, grade, track or ADA eligibility code).
    /// </summary>
    MovedOut = 3,

    /// <summary>
    /// The key has records after and none before, and the same student has a removed record in the same period under
    /// another key: the student moved into this key's row.
    /// </summary>
    MovedIn = 4,

    /// <summary>
    /// The records are the same on both sides, but the two sides' rules count them differently (for example remote days
    /// counted in one rule set and not in the other).
    /// </summary>
    Recounted = 5,
}

/// <summary>
/// One field whose value differs between the records before and after, named as the period-attendance CSV layout
/// names its column, with the TEA element number.
/// </summary>
/// <remarks>
/// When a key has several records on one side (a duplicate key), day counts are compared as their sum and other
/// fields as the list of their distinct values separated by <c>|</c>; the field <c>RecordCount</c> says how many
/// records there were when the counts differ.
/// </remarks>
/// <param name="Field">The column name, such as <c>EligibleDaysPresent</c>.</param>
/// <param name="Element">The TEA element number, such as <c>E0937</c>; <see langword="null"/> for <c>RecordCount</c>.</param>
/// <param name="Before">The value before, as written in the CSV layout.</param>
/// <param name="After">The value after, as written in the CSV layout.</param>
public sealed record FieldChange(string Field, string? Element, string Before, string After)
{
    /// <summary>The change as words: <c>EligibleDaysPresent 27.0 to 25.0</c>.</summary>
    public override string ToString() => $"{Field} {Show(Before)} to {Show(After)}";

    private static string Show(string value) => value.Length == 0 ? "(blank)" : value;
}

/// <summary>
/// What one record (one <see cref="ReportingPeriodAttendanceKey"/>) contributes to one figure's difference: to the ADA exactly, and to
/// the days present and days in membership behind the PIA.
/// </summary>
/// <remarks>
/// ADA contributions are additive: a period ADA is Σ eligible days present ÷ days taught over its records, so the
/// contribution of a key to a period row is Σ (eligible ÷ days taught) after minus the same before, under each side's
/// rules; to the year row it is that ÷ 6 (in 2019-20, × the district's historical ratio ÷ 4 for periods 1 to 4, and
/// nothing for 5 and 6). The contributions of a row's records add up exactly to the difference of its exact figures.
/// PIA is a ratio of sums and has no additive share per record: the change in days present and in days in membership
/// is given instead, and those add up exactly to the row's changes.
/// </remarks>
/// <param name="Population">The population of the row.</param>
/// <param name="Period">The reporting period of the row, or <see langword="null"/> for the year row.</param>
/// <param name="Ada">
/// The contribution to the row's exact ADA difference; <see langword="null"/> when the row's ADA cannot be computed on
/// a side that counts the record (2019-20 without the district's historical ratio).
/// </param>
/// <param name="DaysPresentChange">The change in the days present the row's PIA counts, in days (a multiple of 0.5, may be negative).</param>
/// <param name="DaysInMembershipChange">The change in the days in membership the row's PIA counts, in days.</param>
public sealed record RecordContribution(
    Population Population,
    ReportingPeriod? Period,
    Ratio? Ada,
    decimal DaysPresentChange,
    decimal DaysInMembershipChange)
{
    /// <summary>Whether the record changes nothing in the row: no ADA, no days.</summary>
    public bool IsZero => Ada is { IsZero: true } && DaysPresentChange == 0 && DaysInMembershipChange == 0;
}

/// <summary>
/// The records under one <see cref="ReportingPeriodAttendanceKey"/> that differ between the two sides of a comparison (or that the two
/// sides' rules count differently): what changed, and what it contributes to every figure it is behind.
/// </summary>
public sealed class RecordDifference
{
    internal RecordDifference(
        ReportingPeriodAttendanceKey key,
        RecordChangeKind kind,
        IReadOnlyList<BasicReportingPeriodAttendance> before,
        IReadOnlyList<BasicReportingPeriodAttendance> after,
        IReadOnlyList<ReportingPeriodAttendanceKey> counterparts,
        IReadOnlyList<FieldChange> fieldChanges,
        IReadOnlyList<RecordContribution> contributions)
    {
        Key = key;
        Kind = kind;
        Before = before;
        After = after;
        Counterparts = counterparts;
        FieldChanges = fieldChanges;
        Contributions = contributions;
    }

    /// <summary>The key.</summary>
    public ReportingPeriodAttendanceKey Key { get; }

    /// <summary>What kind of difference it is.</summary>
    public RecordChangeKind Kind { get; }

    /// <summary>The records under the key before, in canonical order (more than one for a duplicate key).</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Before { get; }

    /// <summary>The records under the key after, in canonical order.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> After { get; }

    /// <summary>
    /// For <see cref="RecordChangeKind.MovedOut"/>, the keys the student moved to; for
    /// <see cref="RecordChangeKind.MovedIn"/>, the keys the student moved from; empty otherwise.
    /// </summary>
    public IReadOnlyList<ReportingPeriodAttendanceKey> Counterparts { get; }

    /// <summary>
    /// The fields that differ: for <see cref="RecordChangeKind.Changed"/>, between the records before and after; for a
    /// move, between the records of the key the student left and those of the key the student moved to (so the key
    /// fields that changed are listed too). Empty for additions, removals and recounts.
    /// </summary>
    public IReadOnlyList<FieldChange> FieldChanges { get; }

    /// <summary>
    /// What the difference contributes to each row it is behind (on either side), by population and period, for the
    /// rows of the record's group. Records of periods 7 to 9 are behind no row and have none.
    /// </summary>
    public IReadOnlyList<RecordContribution> Contributions { get; }

    /// <summary>Whether the key has more than one record on a side.</summary>
    public bool IsDuplicateKey => Before.Count > 1 || After.Count > 1;

    /// <summary>
    /// The difference as words: <c>added</c>, <c>removed</c>, <c>moved out: grade 02 to 03</c>,
    /// <c>EligibleDaysPresent 27.0 to 25.0</c>, and so on.
    /// </summary>
    public string Description => Kind switch
    {
        RecordChangeKind.Added => "added",
        RecordChangeKind.Removed => "removed",
        RecordChangeKind.MovedOut => "moved out: " + string.Join(" / ", Counterparts.Select(c => Words(Key.DescribeMoveTo(c)))),
        RecordChangeKind.MovedIn => "moved in: " + string.Join(" / ", Counterparts.Select(c => Words(c.DescribeMoveTo(Key)))),
        RecordChangeKind.Recounted => "same record, counted differently by the other rules",
        _ => FieldChanges.Count == 0 ? "records under the key differ" : string.Join("; ", FieldChanges),
    };

    /// <summary>The contribution to the row of <paramref name="population"/> and <paramref name="period"/> (<see langword="null"/> for the year), if the record is behind it.</summary>
    public RecordContribution? ContributionTo(Population population, ReportingPeriod? period) =>
        Contributions.FirstOrDefault(c => c.Population == population && c.Period == period);

    /// <summary>The key and the description.</summary>
    public override string ToString() => $"{Key}: {Description}";

    private static string Words(IReadOnlyList<string> parts) => string.Join(", ", parts);
}

/// <summary>The fields of the period-attendance layout, compared between the records before and after.</summary>
internal static class RecordFields
{
    private static readonly RecordField[] Fields =
    [
        new("SchoolYear", "E0974", r => r.SchoolYear.ToString()),
        new("DistrictId", "E0212", r => r.DistrictId.Code),
        new("CampusId", "E0266", r => r.CampusId.Code),
        new("StudentId", "E1523", r => r.StudentId.Value),
        new("GradeLevel", "E0017", r => r.GradeLevel.Code),
        new("InstructionalTrack", "E0975", r => r.InstructionalTrack.Code),
        new("ReportingPeriod", "E0934", r => r.ReportingPeriod.ToString()),
        new("AdaEligibilityCode", "E0787", r => r.AdaEligibility?.ToString() ?? string.Empty),
        new("NumberDaysTaught", "E0935", r => r.NumberDaysTaught.ToString()),
        Days("EligibleDaysPresent", "E0937", r => r.EligibleDaysPresent),
        Days("IneligibleDaysPresent", "E0936", r => r.IneligibleDaysPresent),
        Days("DaysAbsent", "E0036", r => r.DaysAbsent),
        Days("RemoteSynchronousEligibleDaysPresent", "E1678", r => r.RemoteSynchronousEligibleDaysPresent),
        Days("RemoteAsynchronousEligibleDaysPresent", "E1679", r => r.RemoteAsynchronousEligibleDaysPresent),
        new("EconomicDisadvantageCode", "E0785", r => r.EconomicDisadvantage.Code),
        new("EmergentBilingualCode", "E0790", r => r.EmergentBilingual.Code),
        new("BilingualEslFundingCode", "E1651", r => r.BilingualEslFunding?.Code ?? string.Empty),
    ];

    /// <summary>The fields in which <paramref name="after"/> differs from <paramref name="before"/>, each side folded.</summary>
    public static IReadOnlyList<FieldChange> Compare(IReadOnlyList<BasicReportingPeriodAttendance> before, IReadOnlyList<BasicReportingPeriodAttendance> after)
    {
        var changes = new List<FieldChange>();
        if (before.Count == 0 || after.Count == 0)
        {
            return changes;
        }

        foreach (var field in Fields)
        {
            var b = field.Fold(before);
            var a = field.Fold(after);
            if (!string.Equals(b, a, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field.Name, field.Element, b, a));
            }
        }

        if (before.Count != after.Count && (before.Count > 1 || after.Count > 1))
        {
            changes.Add(new FieldChange(
                "RecordCount",
                null,
                before.Count.ToString(CultureInfo.InvariantCulture),
                after.Count.ToString(CultureInfo.InvariantCulture)));
        }

        return changes;
    }

    private static RecordField Days(string name, string element, Func<BasicReportingPeriodAttendance, DayCount> days) =>
        new(name, element, r => days(r).ToString(), days);

    /// <summary>A column of the layout; day counts of a duplicate key are summed, other values listed.</summary>
    private sealed record RecordField(string Name, string Element, Func<BasicReportingPeriodAttendance, string> Text, Func<BasicReportingPeriodAttendance, DayCount>? Days = null)
    {
        public string Fold(IReadOnlyList<BasicReportingPeriodAttendance> records) =>
            records.Count == 1 ? Text(records[0])
            : Days is not null ? records.Aggregate(DayCount.Zero, (sum, r) => sum + Days(r)).ToString()
            : string.Join("|", records.Select(Text).Distinct(StringComparer.Ordinal));
    }
}
