using System.Globalization;
using PeimsRules.Audit;

namespace PeimsRules.Csv;

/// <summary>
/// Turns the rows a reader could not read into audit findings, so that an audit of a file reports them with every other
/// finding instead of stopping: a day count that is not a whole or half day is ATT-03 (TEA business rules
/// 42400-0005/6/7), days present and absent above the days taught is ATT-02, anything else is ATT-00.
/// </summary>
public static class AuditCsv
{
    /// <summary>The findings for the problems of a period-attendance file read in collect-all mode.</summary>
    /// <exception cref="PeimsCsvException">
    /// A problem of the file itself (a missing, repeated or misspelt column, a header line that cannot be read): nothing
    /// in it can be audited, or not without guessing.
    /// </exception>
    public static IReadOnlyList<AuditFinding> ReaderFindings(CsvReadResult<BasicReportingPeriodAttendance> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fatal = result.Problems.FirstOrDefault(p => p.Kind is CsvProblemKind.MissingColumn or CsvProblemKind.DuplicateColumn or CsvProblemKind.UnknownColumn || p.Line == 1);
        if (fatal is not null)
        {
            throw new PeimsCsvException(fatal);
        }

        return result.Problems.Select(p => new AuditFinding
        {
            Rule = RuleOf(p),
            SourceFile = p.FileName,
            SourceLine = p.Line,
            Message = $"Line {p.Line}{(p.Column is null ? string.Empty : $", column {p.Column}")}{(p.Value is null ? string.Empty : $", value '{CsvTableReader.Shorten(p.Value)}'")}: {p.Message} Correct the row; until then its days are not counted.",
        }).ToList();
    }

    private static AuditRule RuleOf(CsvProblem problem) => problem.Kind switch
    {
        CsvProblemKind.MembershipExceedsDaysTaught => AuditRules.MembershipOverDaysTaught,
        CsvProblemKind.InvalidDayCount when decimal.TryParse(problem.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            => AuditRules.DayCountNotHalfDay,
        _ => AuditRules.UnreadableRecord,
    };
}
