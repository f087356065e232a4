using PeimsRules.Audit;

namespace PeimsRules.Cli.Report;

/// <summary>
/// Which money column a finding's ADA and dollars belong to; each finding is in one only, so the columns add up without
/// counting a dollar twice. The names are those of the audit's own column (<c>AuditMoneyColumn</c>).
/// </summary>
internal enum MoneyColumn
{
    /// <summary>The finding moves no ADA the audit can price.</summary>
    None = 0,

    /// <summary>ADA TEA's figure counts that the rules do not allow: what TEA could recover on audit.</summary>
    AdaOverstated = 1,

    /// <summary>ADA the students earned that the file does not claim: money left on the table.</summary>
    AdaUnclaimed = 2,

    /// <summary>The ADA better attendance would earn (chronic absence): not a reporting error.</summary>
    AttendanceOpportunity = 3,
}

/// <summary>
/// The one place the report reads a finding's id, money column, ADA and dollars. Everything else in the report goes
/// through it, so when the audit's finding carries these itself (<c>AuditFinding.Id</c>, <c>MoneyColumn</c>,
/// <c>Ada</c>, <c>Dollars</c>, <c>IsReportingError</c>) only this class changes. Until then the column is derived from
/// the rule, as the audit's catalogue defines it (docs/audit.md).
/// </summary>
internal static class FindingMoney
{
    /// <summary>The finding's money column.</summary>
    public static MoneyColumn Column(AuditFinding finding) =>
        finding.AdaAtStake is not { } ada || ada <= Ratio.Zero
            ? MoneyColumn.None
            : finding.Rule.Id switch
            {
                // Funded days on an unfunded code, membership above days taught, asynchronous credit for an absent
                // student, overlapping records: ADA counted that the rules do not allow.
                "ATT-01" or "ATT-02" or "ATT-05" or "ATT-07" => MoneyColumn.AdaOverstated,

                // A row TEA would reject, remote days in a year that does not count them: ADA the students earned and
                // the file does not claim.
                "ATT-00" or "ATT-03" or "ATT-04" => MoneyColumn.AdaUnclaimed,
                "ATT-09" => MoneyColumn.AttendanceOpportunity,
                _ => MoneyColumn.None,
            };

    /// <summary>The refined ADA the finding moves, exact, or null where it moves none.</summary>
    public static Ratio? Ada(AuditFinding finding) => Column(finding) == MoneyColumn.None ? null : finding.AdaAtStake;

    /// <summary>The basic-allotment equivalent of <see cref="Ada"/>, rounded to cents, or null.</summary>
    public static decimal? Dollars(AuditFinding finding) => Column(finding) == MoneyColumn.None ? null : finding.DollarsAtStake;

    /// <summary>A reporting error to fix before submission: severity error, or ADA overstated or unclaimed.</summary>
    public static bool IsReportingError(AuditFinding finding) =>
        finding.Severity == AuditSeverity.Error || Column(finding) is MoneyColumn.AdaOverstated or MoneyColumn.AdaUnclaimed;

    /// <summary>
    /// A finding's id, stable from one run to the next for the same defect: the rule and what the finding concerns
    /// (campus, student, period, or the unread line).
    /// </summary>
    public static string Id(AuditFinding finding) =>
        string.Join('-', new[]
        {
            finding.Rule.Id,
            finding.CampusId?.Code,
            finding.StudentId?.Value,
            finding.ReportingPeriod is { } p ? "p" + p : null,
            finding.SourceLine is { } line ? "line" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            finding.ServiceRecord?.Service,
        }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>
    /// The action list: reporting errors, ranked by the ADA they overstate or leave unclaimed (largest first), then by
    /// severity, rule, campus, student and period; findings that move no ADA come after those that do.
    /// </summary>
    public static IReadOnlyList<AuditFinding> ActionList(IEnumerable<AuditFinding> findings) =>
        findings.Where(IsReportingError)
            .OrderByDescending(f => Ada(f) ?? Ratio.Zero)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.CampusId?.Code, StringComparer.Ordinal)
            .ThenBy(f => f.StudentId?.Value, StringComparer.Ordinal)
            .ThenBy(f => f.ReportingPeriod?.Number)
            .ThenBy(f => f.SourceLine)
            .ToList();

    /// <summary>The ADA and dollars of <paramref name="findings"/> in <paramref name="column"/>.</summary>
    public static (Ratio Ada, decimal? Dollars, int Count) Total(IEnumerable<AuditFinding> findings, MoneyColumn column)
    {
        var inColumn = findings.Where(f => Column(f) == column).ToList();
        var ada = inColumn.Aggregate(Ratio.Zero, (sum, f) => sum + Ada(f)!.Value);
        decimal? dollars = inColumn.Count == 0 ? 0m : inColumn.All(f => Dollars(f) is not null) ? inColumn.Sum(f => Dollars(f)!.Value) : null;
        return (ada, dollars, inColumn.Count);
    }
}
