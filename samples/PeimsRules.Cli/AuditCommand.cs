using System.CommandLine;
using System.Globalization;
using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Cli;

/// <summary>
/// <c>audit --input FILE [--services FILE] [--campus-names FILE] [--revenue-per-ada N] [--target-rate 95] [--disable ID,...]
/// [--findings FILE] [--summary FILE] [--list-rules]</c>: every finding as CSV with its stable id and its dollars in one of
/// three money columns, a summary by campus, exit 0 with findings (findings are results, not failures).
/// </summary>
internal static class AuditCommand
{
    /// <summary>The sample IEP service file shipped with the tool, used with the sample period file.</summary>
    public static string SampleServicesFile => Synthetic.SampleDistrict.ServicesFile;

    /// <summary>The <c>--revenue-per-ada</c> option, shared with <c>report</c>.</summary>
    public static Option<decimal?> RevenuePerAdaOption() => new("--revenue-per-ada")
    {
        Description = "Price findings at the district's own revenue per ADA (dollars) instead of the basic-allotment equivalent (the year's basic allotment, plus the early education allotment for K-3 rows).",
    };

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "The period-attendance CSV. Without it, the sample district (with its IEP service file)." };
        var services = new Option<FileInfo?>("--services") { Description = "The IEP service-minutes CSV." };
        var names = new Option<FileInfo?>("--campus-names") { Description = "A CSV of CampusId,CampusName: names beside the campus ids in the findings and the summary." };
        var revenue = RevenuePerAdaOption();
        var targetRate = new Option<decimal>("--target-rate")
        {
            Description = "The attendance rate (percent) at which each campus's ADA gain is estimated.",
            DefaultValueFactory = _ => 95m,
        };
        var chronicBelow = new Option<decimal>("--chronic-below")
        {
            Description = "ATT-09 flags attendance rates below this percentage.",
            DefaultValueFactory = _ => 90m,
        };
        var disable = new Option<string[]>("--disable")
        {
            Description = "Rule ids to switch off, such as ATT-06 (repeat the option or separate ids with commas).",
            AllowMultipleArgumentsPerToken = true,
        };
        var findingsFile = new Option<FileInfo?>("--findings") { Description = "Write the findings CSV here instead of stdout." };
        var summaryFile = new Option<FileInfo?>("--summary") { Description = "Write the campus summary CSV here (otherwise a table on stderr)." };
        var listRules = new Option<bool>("--list-rules") { Description = "List the rule catalogue (id, severity, citation, description) as CSV and stop." };

        var command = new Command("audit", "The integrity audit: attendance-code findings, IEP service-minute compliance, and funding at risk, ranked by dollars.")
        {
            input, services, names, revenue, targetRate, chronicBelow, disable, findingsFile, summaryFile, listRules,
        };
        var periodCheck = AuditPeriodCommand.AddTo(command);
        var edfi = new EdFiInputs();
        foreach (var option in edfi.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(listRules))
            {
                return ListRules(Console.Out);
            }

            if (periodCheck.Requested(parse))
            {
                return AuditPeriodCommand.Options(parse.GetValue(disable) ?? [], parse.GetValue(targetRate), parse.GetValue(chronicBelow), out var options, out var error)
                    ? AuditPeriodCommand.Run(periodCheck, parse, parse.GetValue(input)?.FullName, parse.GetValue(services)?.FullName, options)
                    : CliOutput.Fail(error);
            }

            return Run(
                parse.GetValue(input)?.FullName,
                parse.GetValue(services)?.FullName,
                parse.GetValue(names)?.FullName,
                parse.GetValue(revenue),
                parse.GetValue(targetRate),
                parse.GetValue(chronicBelow),
                parse.GetValue(disable) ?? [],
                parse.GetValue(findingsFile)?.FullName,
                parse.GetValue(summaryFile)?.FullName,
                edfi.From(parse));
        });
        return command;
    }

    private static int ListRules(TextWriter output)
    {
        output.WriteLine("Id,Severity,Title,Citation,Description");
        foreach (var rule in AuditRules.Catalogue)
        {
            output.WriteLine(string.Join(',', rule.Id, rule.Severity, CliOutput.CsvField(rule.Title), CliOutput.CsvField(rule.Citation.ToString()), CliOutput.CsvField(rule.Description)));
        }

        return 0;
    }

    private static int Run(string? inputPath, string? servicesPath, string? namesPath, decimal? revenuePerAda, decimal targetRate, decimal chronicBelow, string[] disable, string? findingsPath, string? summaryPath, EdFiInputs.Source source)
    {
        if (source.Conflict(inputPath is not null) is { } conflict)
        {
            return CliOutput.Fail(conflict);
        }

        var sample = inputPath is null && !source.IsGiven;
        var path = source.IsGiven ? source.Name : inputPath ?? AdaCommand.SampleFile;
        servicesPath ??= sample ? SampleServicesFile : null;

        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in disable.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            try
            {
                disabled.Add(AuditRules.Find(id).Id);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(e.Message);
            }
        }

        if (targetRate is < 0 or > 100 || chronicBelow is < 0 or > 100)
        {
            return CliOutput.Fail("--target-rate and --chronic-below are percentages, 0 to 100.");
        }

        if (revenuePerAda is <= 0m)
        {
            return CliOutput.Fail("--revenue-per-ada is a positive dollar amount, such as 7250.");
        }

        IReadOnlyDictionary<CampusId, string> campusNames = new Dictionary<CampusId, string>();

        AuditInput input;
        try
        {
            // Ed-Fi and TSDS data are read whole or refused with the first problem named; a CSV's unreadable rows become findings.
            var periods = source.IsGiven ? null : CliInput.ReadWhole(path, CsvErrorMode.CollectAll);
            var records = periods?.Records ?? (IReadOnlyCollection<BasicReportingPeriodAttendance>)EdFiInputs.ReadPeriods(source, Console.Error);
            IReadOnlyList<IepServiceRecord> serviceRecords = [];
            if (servicesPath is not null)
            {
                // A service file is the district's own bookkeeping: a bad row there stops the audit rather than becoming a finding.
                serviceRecords = CliInput.Read(servicesPath, IepServiceRecordCsv.ReadFile, CsvErrorMode.StopAtFirst).Records;
            }

            if (namesPath is not null)
            {
                campusNames = CampusDirectoryCsv.ReadFile(namesPath);
            }

            input = new AuditInput { Records = records, ServiceRecords = serviceRecords, ReaderFindings = periods is null ? [] : periods.ReaderFindings() };
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        var years = CliInput.YearsOf(input.Records);
        if (years.Count > 1)
        {
            return CliOutput.Fail($"{path} holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); audit one school year per file.");
        }

        if (years.Count == 0 && input.ReaderFindings.Count == 0)
        {
            return CliOutput.Fail($"{path} has no records to audit.");
        }

        // With no readable record the year is unknown; the unreadable rows are still reported, under the newest rules.
        var rules = RuleSet.For(years.Count == 1 ? years[0] : RuleParameters.BasicAllotment.Values[^1].From);
        var options = new AuditOptions
        {
            DisabledRules = disabled,
            TargetAttendanceRate = targetRate,
            ChronicAbsenceAttendanceRateBelow = chronicBelow,
            RevenuePerAda = revenuePerAda,
            CampusNames = campusNames,
        };
        var report = IntegrityAudit.Run(input, rules, options);

        if (findingsPath is null)
        {
            CliOutput.WriteBuffered(Console.Out, writer => WriteFindings(writer, report));
        }
        else
        {
            CliOutput.WriteText(findingsPath, writer => WriteFindings(writer, report));
        }

        if (summaryPath is null)
        {
            WriteSummaryTable(Console.Error, report);
        }
        else
        {
            CliOutput.WriteText(summaryPath, writer => WriteSummary(writer, report));
        }

        return 0;
    }

    private static string Ada(Ratio? value) => value is { } v ? CliOutput.Format(v.Round(3, MidpointRounding.AwayFromZero)) : string.Empty;

    private static string Dollars(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The three money columns, in the order the CSVs write them.</summary>
    internal static readonly string[] MoneyHeader = ["AdaOverstated", "DollarsOverstated", "AdaUnclaimed", "DollarsUnclaimed", "AttendanceOpportunityAda", "AttendanceOpportunityDollars"];

    /// <summary>A finding's ADA and dollars in its one money column, the other two blank.</summary>
    private static IEnumerable<string> MoneyFields(AuditFinding f)
    {
        foreach (var column in new[] { AuditMoneyColumn.AdaOverstated, AuditMoneyColumn.AdaUnclaimed, AuditMoneyColumn.AttendanceOpportunity })
        {
            var mine = f.MoneyColumn == column;
            yield return mine ? Ada(f.Ada) : string.Empty;
            yield return mine ? Dollars(f.Dollars) : string.Empty;
        }
    }

    private static IEnumerable<string> MoneyFields(AuditMoney m) =>
        [Ada(m.AdaOverstated), Dollars(m.DollarsOverstated), Ada(m.AdaUnclaimed), Dollars(m.DollarsUnclaimed), Ada(m.AttendanceOpportunityAda), Dollars(m.AttendanceOpportunityDollars)];

    internal static void WriteFindings(TextWriter output, AuditReport report)
    {
        output.WriteLine(string.Join(',', ["FindingId", "RuleId", "Severity", "CampusId", "CampusName", "StudentId", "GradeLevel", "InstructionalTrack", "ReportingPeriod", .. MoneyHeader, "SourceLine", "Message"]));
        foreach (var f in report.Findings)
        {
            output.WriteLine(string.Join(
                ',',
                [
                    f.Id,
                    f.Rule.Id,
                    f.Severity.ToString(),
                    f.CampusId?.Code ?? string.Empty,
                    CliOutput.CsvField(f.CampusName ?? string.Empty),
                    CliOutput.CsvField(f.StudentId?.Value ?? string.Empty),
                    f.GradeLevel?.Code ?? string.Empty,
                    f.InstructionalTrack?.Code ?? string.Empty,
                    f.ReportingPeriod?.ToString() ?? string.Empty,
                    .. MoneyFields(f),
                    f.SourceLine?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    CliOutput.CsvField(f.Message),
                ]));
        }
    }

    internal static void WriteSummary(TextWriter output, AuditReport report)
    {
        output.WriteLine(string.Join(',', ["CampusId", "CampusName", "Findings", "Errors", "Warnings", "Notices", .. MoneyHeader, "RefinedAda", "AdaGainAtTarget", "DollarsGainAtTarget"]));
        foreach (var c in report.Campuses)
        {
            output.WriteLine(string.Join(
                ',',
                [
                    c.CampusId.Code,
                    CliOutput.CsvField(c.CampusName ?? string.Empty),
                    c.Findings.ToString(CultureInfo.InvariantCulture),
                    c.Errors.ToString(CultureInfo.InvariantCulture),
                    c.Warnings.ToString(CultureInfo.InvariantCulture),
                    c.Notices.ToString(CultureInfo.InvariantCulture),
                    .. MoneyFields(c.Money),
                    Ada(c.RefinedAda),
                    Ada(c.AdaGainAtTarget),
                    Dollars(c.DollarsGainAtTarget),
                ]));
        }
    }

    private static void WriteSummaryTable(TextWriter output, AuditReport report)
    {
        var unplaced = report.Findings.Count(f => f.CampusId is null);
        output.WriteLine($"{report.Findings.Count} finding(s) in {report.Rules.SchoolYear.DisplayName}; campuses by reporting-error dollars. Dollars: {report.DollarsBasis}.");
        output.WriteLine($"{"campus",-10} {"errors",6} {"warn",6} {"notice",6} {"$ overstated",13} {"$ unclaimed",12} {"$ attendance",12} {"refined ADA",11} {"ADA gain",9} {"$ gain",12}");
        foreach (var c in report.Campuses)
        {
            var m = c.Money;
            output.WriteLine($"{c.CampusId.Code,-10} {c.Errors,6} {c.Warnings,6} {c.Notices,6} {Dollars(m.DollarsOverstated),13} {Dollars(m.DollarsUnclaimed),12} {Dollars(m.AttendanceOpportunityDollars),12} {Ada(c.RefinedAda),11} {Ada(c.AdaGainAtTarget),9} {Dollars(c.DollarsGainAtTarget),12}{(c.CampusName is { } n ? "  " + n : string.Empty)}");
        }

        var t = report.Totals;
        output.WriteLine($"{"total",-10} {string.Empty,6} {string.Empty,6} {string.Empty,6} {Dollars(t.DollarsOverstated),13} {Dollars(t.DollarsUnclaimed),12} {Dollars(t.AttendanceOpportunityDollars),12}");
        output.WriteLine("ADA overstated: what TEA could recover. ADA unclaimed: left on the table. Attendance opportunity: what better attendance would earn (not an error). Each finding is in one column (docs/audit.md).");
        if (unplaced > 0)
        {
            output.WriteLine($"{unplaced} finding(s) on rows whose campus could not be read are not placed on a campus (see their line in the message); the total counts them.");
        }
    }
}
