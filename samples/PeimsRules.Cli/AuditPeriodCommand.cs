using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Cli;

/// <summary>
/// <c>audit --period N [--input FILE] [--services FILE] [--previous STATE] [--save STATE]</c>: the check before a PEIMS
/// Six Weeks Attendance Submission (2025-26 on). It runs on the records of period N as they would be submitted and
/// prints, in this order: TEA's fatal edits of the 42400 record by rule number, the integrity audit's findings with
/// their money columns, and what changed since the previous run of the same period (new, fixed, still open), keyed by
/// each finding's stable id. The last line is a summary a script can read:
/// <c>audit-period: period=2 fatal=0 errors=3 warnings=5 new=2 fixed=1 open=3</c>. Exit code 0 with findings (they are
/// results), 2 on bad input.
/// </summary>
/// <remarks>
/// The state file (<c>--save</c>) is a small JSON file holding the school year, the period and each finding's id, rule,
/// severity and message; <c>--previous</c> reads one back. The same path may be given to both: it is read before it is
/// rewritten. A state file of another year or period is refused (exit 2): runs of different periods are not compared.
/// </remarks>
internal static class AuditPeriodCommand
{
    /// <summary>The options the hook adds to <c>audit</c>.</summary>
    internal sealed class Hook
    {
        public Option<int?> Period { get; } = new("--period")
        {
            Description = "Check the records of one reporting period (1 to 6) as the six-weeks submission would hold them: TEA's fatal edits, the audit's findings, and what changed since --previous.",
        };

        public Option<FileInfo?> Previous { get; } = new("--previous")
        {
            Description = "With --period: the state file of an earlier run of the same period (written by --save), to list new, fixed and still open findings.",
        };

        public Option<FileInfo?> Save { get; } = new("--save")
        {
            Description = "With --period: write this run's state file here (may be the --previous file: it is read first).",
        };

        /// <summary>Whether the period check was asked for (or one of its options given without it).</summary>
        public bool Requested(ParseResult parse) =>
            parse.GetValue(Period) is not null || parse.GetValue(Previous) is not null || parse.GetValue(Save) is not null;
    }

    /// <summary>Adds the period check's options to the <c>audit</c> command.</summary>
    public static Hook AddTo(Command audit)
    {
        var hook = new Hook();
        audit.Options.Add(hook.Period);
        audit.Options.Add(hook.Previous);
        audit.Options.Add(hook.Save);
        return hook;
    }

    /// <summary>The audit options of the command line, as the audit reads them.</summary>
    public static bool Options(string[] disable, decimal targetRate, decimal chronicBelow, out AuditOptions options, out string error)
    {
        options = AuditOptions.Default;
        error = string.Empty;
        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in disable.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            try
            {
                disabled.Add(AuditRules.Find(id).Id);
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return false;
            }
        }

        if (targetRate is < 0 or > 100 || chronicBelow is < 0 or > 100)
        {
            error = "--target-rate and --chronic-below are percentages, 0 to 100.";
            return false;
        }

        options = new AuditOptions { DisabledRules = disabled, TargetAttendanceRate = targetRate, ChronicAbsenceAttendanceRateBelow = chronicBelow };
        return true;
    }

    /// <summary>Runs the period check with the audit's own options.</summary>
    public static int Run(Hook hook, ParseResult parse, string? inputPath, string? servicesPath, AuditOptions options)
    {
        if (parse.GetValue(hook.Period) is not { } number)
        {
            return CliOutput.Fail("--previous and --save go with --period N (the reporting period to check).");
        }

        if (number is < 1 or > 6)
        {
            return CliOutput.Fail($"--period is one of the six reporting periods, 1 to 6; {number} was given.");
        }

        var period = new ReportingPeriod(number);
        var path = inputPath ?? AdaCommand.SampleFile;
        servicesPath ??= inputPath is null ? AuditCommand.SampleServicesFile : null;
        var previousPath = parse.GetValue(hook.Previous)?.FullName;
        var savePath = parse.GetValue(hook.Save)?.FullName;

        PeriodFileRead read;
        IReadOnlyList<AuditFinding> readerFindings;
        IReadOnlyList<IepServiceRecord> services = [];
        PeriodState? previous = null;
        try
        {
            read = CliInput.ReadWhole(path, CsvErrorMode.CollectAll);
            readerFindings = read.ReaderFindings();
            if (servicesPath is not null)
            {
                services = IepServiceRecordCsv.ReadFile(servicesPath).Records;
            }

            if (previousPath is not null)
            {
                previous = PeriodState.Read(previousPath);
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e) || e is JsonException or FormatException)
        {
            return CliOutput.Fail(e.Message);
        }

        var records = read.Records.Where(r => r.ReportingPeriod == period).ToList();
        var otherPeriods = read.Records.Count - records.Count;
        var years = read.Years;
        if (years.Count > 1)
        {
            return CliOutput.Fail($"{path} holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); check one school year per file.");
        }

        if (records.Count == 0 && readerFindings.Count == 0)
        {
            return CliOutput.Fail($"{path} has no records of reporting period {period} to check.");
        }

        var year = years.Count == 1 ? years[0] : RuleParameters.BasicAllotment.Values[^1].From;
        if (previous is not null && (previous.SchoolYear != year || previous.ReportingPeriod != period))
        {
            return CliOutput.Fail(
                $"{previousPath} is the state of a check of {previous.SchoolYear.DisplayName} period {previous.ReportingPeriod}; this is {year.DisplayName} period {period}: compare runs of the same period.");
        }

        var rules = RuleSet.For(year);
        var fatal = FatalEdits.Check(path, read, records);

        // Service records of other periods are not part of this submission; weekly ones are kept (their week may fall in it).
        var periodServices = services.Where(s => s.ReportingPeriod is null || s.ReportingPeriod == period).ToList();
        var report = IntegrityAudit.Run(new AuditInput { Records = records, ServiceRecords = periodServices, ReaderFindings = readerFindings }, rules, options);
        var current = PeriodState.Of(year, period, report.Findings);

        var output = Console.Out;
        output.WriteLine($"Check of reporting period {period}, {year.DisplayName}: {records.Count} record(s) of period {period} in {path}, as the PEIMS Six Weeks Attendance Submission would hold them"
            + (otherPeriods > 0 ? $" ({otherPeriods} record(s) of other periods left out)." : "."));
        output.WriteLine();
        output.WriteLine("1. TEA fatal edits (TSDS 42400 business rules): a fatal edit stops the submission.");
        output.WriteLine("Rule,Result,Line,Column,Value,Message");
        foreach (var edit in fatal)
        {
            if (edit.Violations.Count == 0)
            {
                output.WriteLine(string.Join(',', edit.Rule, edit.Checked ? "Passed" : "NotChecked", string.Empty, string.Empty, string.Empty, CliOutput.CsvField(edit.Note)));
                continue;
            }

            foreach (var v in edit.Violations)
            {
                output.WriteLine(string.Join(',', edit.Rule, "Fatal", v.Line?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, CliOutput.CsvField(v.Column ?? string.Empty), CliOutput.CsvField(v.Value ?? string.Empty), CliOutput.CsvField(v.Message)));
            }
        }

        output.WriteLine();
        output.WriteLine($"2. Audit findings of period {period}, by dollars ({report.Findings.Count}).");
        output.WriteLine("FindingId,RuleId,Severity,CampusId,StudentId,Message,MoneyColumn,Ada,Dollars");
        foreach (var (finding, id) in report.Findings.Zip(current.Ids))
        {
            output.WriteLine(string.Join(
                ',',
                CliOutput.CsvField(id),
                finding.Rule.Id,
                finding.Severity,
                finding.CampusId?.Code ?? string.Empty,
                CliOutput.CsvField(finding.StudentId?.Value ?? string.Empty),
                CliOutput.CsvField(finding.Message),
                PeriodFindingAdapter.MoneyColumn(finding),
                PeriodFindingAdapter.Ada(finding) is { } ada ? CliOutput.Format(ada.Round(3, MidpointRounding.AwayFromZero)) : string.Empty,
                PeriodFindingAdapter.Dollars(finding)?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty));
        }

        output.WriteLine();
        int added = 0, fixedCount = 0, open = 0;
        if (previous is null)
        {
            output.WriteLine("3. Since the previous run: no --previous state file given; every finding counts as new. Save this run with --save FILE and give it as --previous next time.");
            added = current.Findings.Count;
        }
        else
        {
            var before = previous.Findings.ToDictionary(f => f.Id);
            var now = current.Findings.ToDictionary(f => f.Id);
            var newOnes = current.Findings.Where(f => !before.ContainsKey(f.Id)).ToList();
            var fixedOnes = previous.Findings.Where(f => !now.ContainsKey(f.Id)).ToList();
            var stillOpen = current.Findings.Where(f => before.ContainsKey(f.Id)).ToList();
            (added, fixedCount, open) = (newOnes.Count, fixedOnes.Count, stillOpen.Count);
            output.WriteLine($"3. Since the previous run of period {period} ({previousPath}): {added} new, {fixedCount} fixed, {open} still open.");
            output.WriteLine("Change,FindingId,RuleId,Severity,Message");
            foreach (var (change, list) in new[] { ("New", newOnes), ("Fixed", fixedOnes), ("StillOpen", stillOpen) })
            {
                foreach (var f in list)
                {
                    output.WriteLine(string.Join(',', change, CliOutput.CsvField(f.Id), f.RuleId, f.Severity, CliOutput.CsvField(f.Message)));
                }
            }
        }

        if (savePath is not null)
        {
            try
            {
                current.Write(savePath);
            }
            catch (Exception e) when (CliOutput.IsInputError(e))
            {
                return CliOutput.Fail(e.Message);
            }
        }

        output.WriteLine();
        var fatalCount = fatal.Sum(e => e.Violations.Count);
        var errors = report.Findings.Count(f => f.Severity == AuditSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == AuditSeverity.Warning);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit-period: period={period} fatal={fatalCount} errors={errors} warnings={warnings} new={added} fixed={fixedCount} open={open}"));
        output.Flush();
        return 0;
    }

    /// <summary>One finding as the state file keeps it.</summary>
    private sealed record StateFinding(string Id, string RuleId, string Severity, string Message);

    /// <summary>The state of one run of the period check: what the next run compares with.</summary>
    private sealed class PeriodState(SchoolYear schoolYear, ReportingPeriod period, IReadOnlyList<StateFinding> findings)
    {
        private const string Format = "peimsrules-audit-period/1";

        public SchoolYear SchoolYear { get; } = schoolYear;

        public ReportingPeriod ReportingPeriod { get; } = period;

        public IReadOnlyList<StateFinding> Findings { get; } = findings;

        public IEnumerable<string> Ids => Findings.Select(f => f.Id);

        /// <summary>The state of a run: each finding's stable id, made unique within the run by a counter (#2, #3) when a rule flags the same key twice.</summary>
        public static PeriodState Of(SchoolYear year, ReportingPeriod period, IReadOnlyList<AuditFinding> findings)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var list = new List<StateFinding>();
            foreach (var f in findings)
            {
                var id = PeriodFindingAdapter.Id(f);
                var n = seen[id] = seen.GetValueOrDefault(id) + 1;
                list.Add(new StateFinding(n == 1 ? id : $"{id}#{n}", f.Rule.Id, f.Severity.ToString(), f.Message));
            }

            return new PeriodState(year, period, list);
        }

        public static PeriodState Read(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new FormatException($"{path} is not a state file of audit --period (its \"format\" is not \"{Format}\"); write one with --save.");
            }

            var year = SchoolYear.Parse(root.GetProperty("schoolYear").GetString());
            var period = ReportingPeriod.Parse(root.GetProperty("reportingPeriod").GetInt32().ToString(CultureInfo.InvariantCulture));
            var findings = root.GetProperty("findings").EnumerateArray()
                .Select(f => new StateFinding(
                    f.GetProperty("id").GetString() ?? throw new FormatException($"{path}: a finding has no id."),
                    f.GetProperty("rule").GetString() ?? string.Empty,
                    f.GetProperty("severity").GetString() ?? string.Empty,
                    f.GetProperty("message").GetString() ?? string.Empty))
                .ToList();
            return new PeriodState(year, period, findings);
        }

        public void Write(string path)
        {
            using var stream = File.Create(path);
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("schoolYear", SchoolYear.DisplayName);
            json.WriteNumber("reportingPeriod", ReportingPeriod.Number);
            json.WriteStartArray("findings");
            foreach (var f in Findings)
            {
                json.WriteStartObject();
                json.WriteString("id", f.Id);
                json.WriteString("rule", f.RuleId);
                json.WriteString("severity", f.Severity);
                json.WriteString("message", f.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>
    /// TEA's fatal edits of the 42400 record, as far as a period-attendance file lets them be checked. A fatal edit
    /// rejects the submission; the rule numbers and texts are TEA's (TSDS Web-Enabled Data Standards, 42400 business rules).
    /// </summary>
    internal static class FatalEdits
    {
        internal sealed record Violation(long? Line, string? Column, string? Value, string Message);

        internal sealed record Edit(string Rule, bool Checked, string Note, IReadOnlyList<Violation> Violations);

        public static IReadOnlyList<Edit> Check(string path, PeriodFileRead file, IReadOnlyList<BasicReportingPeriodAttendance> records)
        {
            var outside = records.Where(r => int.Parse(r.CampusId.Code.AsSpan(6), CultureInfo.InvariantCulture) is < 1 or > 698).ToList();

            // A violation names its line: a file read through the store (clean, so one record per key) is read again
            // by the contract's reader for the lines, only when there is a violation to place.
            var read = file.ByContract ?? (outside.Count > 0 ? BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll, CliInput.Options) : null);
            var lineOf = new Dictionary<ReportingPeriodAttendanceKey, long>();
            for (var i = 0; read is not null && i < read.Records.Count; i++)
            {
                lineOf.TryAdd(read.Records[i].Key, read.RecordLines[i]);
            }

            var campusViolations = outside
                .Select(r => new Violation(
                    lineOf.TryGetValue(r.Key, out var line) ? line : null,
                    BasicReportingPeriodAttendanceCsv.CampusId.Name,
                    r.CampusId.Code,
                    $"student {r.StudentId}: the campus of enrollment must end in 001-698 (an active instructional campus of the district)."))
                .ToList();

            return
            [
                new("42400-0001", false, "Not checked: each attendance record must match a student of the submission's student data, which a period-attendance file does not hold.", []),
                new("42400-0002", true, "The campus of enrollment ends in 001-698 and is in the reporting district; its registration with TEA as an active instructional campus is not checked.", campusViolations),
                new("42400-0003", false, "Not checked: the campus of enrollment must not belong to an education service center, which needs TEA's list of LEAs.", []),
                DayCountEdit("42400-0005", BasicReportingPeriodAttendanceCsv.DaysAbsent, file.ByContract),
                DayCountEdit("42400-0006", BasicReportingPeriodAttendanceCsv.IneligibleDaysPresent, file.ByContract),
                DayCountEdit("42400-0007", BasicReportingPeriodAttendanceCsv.EligibleDaysPresent, file.ByContract),
                new("42400-000A", true, "One record per student, campus, grade, track and period.", Problems(file.ByContract)
                    .Where(p => p.Kind == CsvProblemKind.DuplicateKey)
                    .Select(p => new Violation(p.Line, p.Column, p.Value, p.Message))
                    .ToList()),
            ];
        }

        /// <summary>42400-0005/6/7: the last character of the day count is 0 or 5 (whole or half days).</summary>
        private static Edit DayCountEdit(string rule, CsvColumn column, CsvReadResult<BasicReportingPeriodAttendance>? read) =>
            new(rule, true, $"The last digit of {column.Name} ({column.Element}) is 0 or 5: whole or half days.", Problems(read)
                .Where(p => p.Kind == CsvProblemKind.InvalidDayCount && IsColumn(p.Column, column)
                    && decimal.TryParse(p.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                .Select(p => new Violation(p.Line, p.Column, p.Value, p.Message))
                .ToList());

        /// <summary>The contract reader's problems; none for a file the store read (it reads only clean files).</summary>
        private static IReadOnlyList<CsvProblem> Problems(CsvReadResult<BasicReportingPeriodAttendance>? read) => read?.Problems ?? [];

        private static bool IsColumn(string? name, CsvColumn column) =>
            string.Equals(name, column.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(name, column.Element, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The one place the period check reads an audit finding's stable id and money column: the audit's own
/// <see cref="AuditFinding.Id"/> (the rule and a hash of the fields that place the defect, the same from run to run) and
/// <see cref="AuditFinding.MoneyColumn"/>.
/// </summary>
internal static class PeriodFindingAdapter
{
    /// <summary>The finding's stable id, as the audit gives it.</summary>
    public static string Id(AuditFinding finding) => finding.Id;

    /// <summary>Which money column the finding fills: ADA overstated, ADA unclaimed, attendance opportunity, or none.</summary>
    public static string MoneyColumn(AuditFinding finding) => finding.MoneyColumn.ToString();

    /// <summary>The finding's ADA (exact), if any.</summary>
    public static Ratio? Ada(AuditFinding finding) => finding.Ada;

    /// <summary>The finding's dollars, if any.</summary>
    public static decimal? Dollars(AuditFinding finding) => finding.Dollars;
}
