using PeimsRules.Attendance;
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
    /// <param name="records">The records the run used, all of the rules' school year.</param>
    /// <param name="label">What the run was, such as <c>PEIMS fall submission, as sent</c>; optional.</param>
    /// <exception cref="ArgumentException">A record is not of the rules' school year.</exception>
    public AttendanceSnapshot(RuleSet rules, IEnumerable<BasicReportingPeriodAttendance> records, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        var sorted = records.ToArray();
        var stray = Array.Find(sorted, r => r.SchoolYear != rules.SchoolYear);
        if (stray is not null)
        {
            throw new ArgumentException(
                $"The rules are for {rules.SchoolYear.DisplayName}, but student {stray.StudentId} at campus {stray.CampusId} has a record of {stray.SchoolYear.DisplayName}: a snapshot is of one school year.",
                nameof(records));
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
        Rules = rules;
        Records = sorted;
        Label = label;
    }

    /// <summary>The rules the run used.</summary>
    public RuleSet Rules { get; }

    /// <summary>The school year of the run: its rules' year.</summary>
    public SchoolYear SchoolYear => Rules.SchoolYear;

    /// <summary>The records, in canonical order.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; }

    /// <summary>What the run was; <see langword="null"/> when not given.</summary>
    public string? Label { get; }

    /// <summary>The run's figures: the summary of its records under its rules.</summary>
    public AttendanceSummary Summarize(AttendanceSummaryOptions? options = null) => AttendanceSummary.Compute(Records, Rules, options);

    /// <summary>Whether <paramref name="other"/> holds the same records and the same rules (labels aside).</summary>
    public bool HasSameContentAs(AttendanceSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Rules == other.Rules && Records.SequenceEqual(other.Records);
    }

    /// <summary>The label, year and record count.</summary>
    public override string ToString() => $"{Label ?? "snapshot"}: {SchoolYear.DisplayName}, {Records.Count} records";
}
