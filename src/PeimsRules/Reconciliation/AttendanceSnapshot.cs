using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Reconciliation;

/// <summary>
/// A calculator run as it can be kept and compared later: the records, the rule set (and so the school year) the
/// figures were computed under, and a label. The figures themselves are not stored: they follow exactly from the
/// records and the rules (<see cref="Summarize"/>).
/// </summary>
/// <remarks>
/// Unlike a student information system's data-mart snapshot, which is overwritten by the next one (EDFacts FS195 as a student information system implements it), a
/// snapshot here is a value: keep as many as you like and compare any two with <see cref="AttendanceComparison"/>.
/// PeimsRules.Csv saves and reads them with a content hash that detects a changed file.
/// </remarks>
public sealed class AttendanceSnapshot
{
    /// <summary>Creates the snapshot. The records are kept in canonical order (<see cref="ReportingPeriodAttendanceKey.CanonicalRecordOrder"/>).</summary>
    /// <param name="rules">The rules the run used; their school year is the snapshot's.</param>
    /// <param name="records">
    /// The records the run used, all of the rules' school year. An <see cref="AttendanceStore"/> is kept as it is: the
    /// figures take its path, a comparison reads it a campus at a time, and <see cref="Records"/> are rebuilt and put in
    /// canonical order only when asked for.
    /// </param>
    /// <param name="label">What the run was, such as <c>PEIMS fall submission, as sent</c>; optional.</param>
    /// <exception cref="ArgumentException">A record is not of the rules' school year.</exception>
    public AttendanceSnapshot(RuleSet rules, IEnumerable<BasicReportingPeriodAttendance> records, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        Rules = rules;
        Label = label;
        if (records is AttendanceStore store)
        {
            if (store.Count > 0 && store.SchoolYear != rules.SchoolYear)
            {
                throw StrayRecord(rules, store.First());
            }

            Store = store;
            return;
        }

        _records = Canonical(records, rules);
    }

    private static BasicReportingPeriodAttendance[] Canonical(IEnumerable<BasicReportingPeriodAttendance> records, RuleSet rules)
    {
        var sorted = records.ToArray();
        var stray = Array.Find(sorted, r => r.SchoolYear != rules.SchoolYear);
        if (stray is not null)
        {
            throw StrayRecord(rules, stray);
        }

        // An extract is often in this order already (campus, student, period): one pass checks, and only then it is sorted.
        var inOrder = true;
        for (var i = 1; i < sorted.Length && inOrder; i++)
        {
            inOrder = ReportingPeriodAttendanceKey.CanonicalRecordOrder.Compare(sorted[i - 1], sorted[i]) <= 0;
        }

        if (!inOrder)
        {
            Array.Sort(sorted, ReportingPeriodAttendanceKey.CanonicalRecordOrder);
        }

        return sorted;
    }

    private static ArgumentException StrayRecord(RuleSet rules, BasicReportingPeriodAttendance stray) =>
        new(
            $"The rules are for {rules.SchoolYear.DisplayName}, but student {stray.StudentId} at campus {stray.CampusId} has a record of {stray.SchoolYear.DisplayName}: a snapshot is of one school year.",
            "records");

    private BasicReportingPeriodAttendance[]? _records;

    /// <summary>The store the snapshot was made of, or <see langword="null"/> when it was made of records.</summary>
    internal AttendanceStore? Store { get; }

    /// <summary>The rules the run used.</summary>
    public RuleSet Rules { get; }

    /// <summary>The school year of the run: its rules' year.</summary>
    public SchoolYear SchoolYear => Rules.SchoolYear;

    /// <summary>The records, in canonical order.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records => _records ??= Canonical(Store!, Rules);

    /// <summary>The number of records.</summary>
    public int RecordCount => Store?.Count ?? _records!.Length;

    /// <summary>What the run was; <see langword="null"/> when not given.</summary>
    public string? Label { get; }

    /// <summary>The run's figures: the summary of its records under its rules.</summary>
    public AttendanceSummary Summarize(AttendanceSummaryOptions? options = null) => AttendanceSummary.Compute(Store ?? (IEnumerable<BasicReportingPeriodAttendance>)Records, Rules, options);

    /// <summary>Whether <paramref name="other"/> holds the same records and the same rules (labels aside).</summary>
    public bool HasSameContentAs(AttendanceSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Rules == other.Rules && Records.SequenceEqual(other.Records);
    }

    /// <summary>The label, year and record count.</summary>
    public override string ToString() => $"{Label ?? "snapshot"}: {SchoolYear.DisplayName}, {RecordCount} records";
}
