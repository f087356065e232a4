global using MoneyColumn = PeimsRules.Audit.AuditMoneyColumn;
using PeimsRules.Audit;

namespace PeimsRules.Cli.Report;

/// <summary>
/// The one place the report reads a finding's id, money column, ADA and dollars: the audit's own
/// (<c>AuditFinding.Id</c>, <c>MoneyColumn</c>, <c>Ada</c>, <c>Dollars</c>, <c>IsReportingError</c>; docs/audit.md).
/// </summary>
internal static class FindingMoney
{
    /// <summary>The finding's money column, as the audit assigns it.</summary>
    public static MoneyColumn Column(AuditFinding finding) => finding.MoneyColumn;

    /// <summary>The refined ADA the finding moves, exact, or null where it moves none.</summary>
    public static Ratio? Ada(AuditFinding finding) => finding.MoneyColumn == MoneyColumn.None ? null : finding.Ada;

    /// <summary>The dollars of <see cref="Ada"/> (basic-allotment equivalent unless a revenue per ADA was given), or null.</summary>
    public static decimal? Dollars(AuditFinding finding) => finding.MoneyColumn == MoneyColumn.None ? null : finding.Dollars;

    /// <summary>A reporting error to fix before submission, as the audit classes it.</summary>
    public static bool IsReportingError(AuditFinding finding) => finding.IsReportingError;

    /// <summary>The audit's stable finding id: the same defect gets the same id from one run to the next.</summary>
    public static string Id(AuditFinding finding) => finding.Id;

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
