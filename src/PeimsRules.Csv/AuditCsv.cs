using System.Globalization;
using PeimsRules.Audit;

namespace PeimsRules.Csv;

/// <summary>
/// Turns the rows a reader could not read into audit findings, so that an audit of a file reports them with every other
/// finding instead of stopping: a repeated key is 42400-000A, a day count that is not a whole or half day is ATT-03 (TEA
/// business rules 42400-0005/6/7), days present and absent above the days taught is ATT-02, anything else is ATT-00.
/// </summary>
/// <remarks>
/// <para>
/// Each finding carries every field of the row that could still be read (campus, student, grade, track, period), so that
/// campus summaries count it and its id is stable; a field that cannot be read is left empty, never guessed.
/// </para>
/// <para>
/// Money: a refused duplicate is ADA overstated, at the eligible days it adds (its record, read again, is the finding's
/// record). Any other refused row is ADA unclaimed: until it is corrected TEA rejects it and its days earn nothing, so its
/// eligible days present (E0937, capped at the days taught) ÷ days taught ÷ 6 are priced when both can be read; otherwise
/// the finding has no ADA.
/// </para>
/// </remarks>
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

        return result.Problems.Select(Finding).ToList();
    }

    private static AuditFinding Finding(CsvProblem p)
    {
        var rule = RuleOf(p);
        var where = $"Line {p.Line}{(p.Column is null ? string.Empty : $", column {p.Column}")}{(p.Value is null ? string.Empty : $", value '{CsvTableReader.Shorten(p.Value)}'")}: {p.Message}";
        if (p.Kind == CsvProblemKind.DuplicateKey && BasicReportingPeriodAttendanceCsv.TryMap(p) is { } record)
        {
            var added = record.EligibleDaysPresent + record.RemoteSynchronousEligibleDaysPresent + record.RemoteAsynchronousEligibleDaysPresent;
            return new AuditFinding
            {
                Rule = rule,
                CampusId = record.CampusId,
                StudentId = record.StudentId,
                GradeLevel = record.GradeLevel,
                InstructionalTrack = record.InstructionalTrack,
                ReportingPeriod = record.ReportingPeriod,
                Records = [record],
                MoneyColumn = added.HalfDays > 0 ? AuditMoneyColumn.AdaOverstated : AuditMoneyColumn.None,
                Ada = added.HalfDays > 0 ? Ratio.Of(added.HalfDays, record.NumberDaysTaught.HalfDays * 6L) : null,
                SourceFile = p.FileName,
                SourceLine = p.Line,
                SourceValues = p.RowValues,
                Message = $"{where} The repeat adds {added} eligible days present that TEA's figure would count twice.",
            };
        }

        var values = p.RowValues;
        T? Read<T>(CsvColumn column, TryParse<T> parse)
            where T : struct =>
            values.TryGetValue(column.Name, out var text) && parse(text.Trim(), out var value) ? value : null;

        var campus = Read<CampusId>(BasicReportingPeriodAttendanceCsv.CampusId, CampusId.TryParse);
        var taught = Read<DayCount>(BasicReportingPeriodAttendanceCsv.NumberDaysTaught, DayCount.TryParse);
        var eligible = Read<DayCount>(BasicReportingPeriodAttendanceCsv.EligibleDaysPresent, DayCount.TryParse);
        Ratio? ada = null;
        if (taught is { HalfDays: > 0 } t && eligible is { HalfDays: > 0 } e)
        {
            ada = Ratio.Of(Math.Min(e.HalfDays, t.HalfDays), t.HalfDays * 6L);
        }

        return new AuditFinding
        {
            Rule = rule,
            CampusId = campus,
            StudentId = Read<StudentId>(BasicReportingPeriodAttendanceCsv.StudentId, StudentId.TryParse),
            GradeLevel = Read<GradeLevel>(BasicReportingPeriodAttendanceCsv.GradeLevel, GradeLevel.TryParse),
            InstructionalTrack = Read<InstructionalTrack>(BasicReportingPeriodAttendanceCsv.InstructionalTrack, InstructionalTrack.TryParse),
            ReportingPeriod = Read<ReportingPeriod>(BasicReportingPeriodAttendanceCsv.ReportingPeriod, ReportingPeriod.TryParse),
            MoneyColumn = ada is null ? AuditMoneyColumn.None : AuditMoneyColumn.AdaUnclaimed,
            Ada = ada,
            SourceFile = p.FileName,
            SourceLine = p.Line,
            SourceColumn = p.Column,
            SourceValues = p.RowValues,
            Message = $"{where} Correct the row; until then TEA rejects it and its days are not counted.",
        };
    }

    private delegate bool TryParse<T>(string? text, out T value);

    private static AuditRule RuleOf(CsvProblem problem) => problem.Kind switch
    {
        CsvProblemKind.DuplicateKey => AuditRules.DuplicateRecord,
        CsvProblemKind.MembershipExceedsDaysTaught => AuditRules.MembershipOverDaysTaught,
        CsvProblemKind.InvalidDayCount when decimal.TryParse(problem.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            => AuditRules.DayCountNotHalfDay,
        _ => AuditRules.UnreadableRecord,
    };
}
