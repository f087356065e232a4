using System.CommandLine;
using System.Globalization;
using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Cli;

/// <summary>
/// <c>audit --input FILE [--services FILE] [--target-rate 95] [--disable ID,...] [--findings FILE] [--summary FILE] [--list-rules]</c>:
/// every finding as CSV, a summary by campus, exit 0 with findings (findings are results, not failures).
/// </summary>
internal static class AuditCommand
{
    /// <summary>The sample IEP service file shipped with the tool, used with the sample period file.</summary>
    public static string SampleServicesFile => Synthetic.SampleDistrict.ServicesFile;

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "The period-attendance CSV. Without it, the sample district (with its IEP service file)." };
        var services = new Option<FileInfo?>("--services") { Description = "The IEP service-minutes CSV." };
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
            input, services, targetRate, chronicBelow, disable, findingsFile, summaryFile, listRules,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(listRules))
            {
                return ListRules(Console.Out);
            }

            return Run(
                parse.GetValue(input)?.FullName,
                parse.GetValue(services)?.FullName,
                parse.GetValue(targetRate),
                parse.GetValue(chronicBelow),
                parse.GetValue(disable) ?? [],
                parse.GetValue(findingsFile)?.FullName,
                parse.GetValue(summaryFile)?.FullName);
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

    private static int Run(string? inputPath, string? servicesPath, decimal targetRate, decimal chronicBelow, string[] disable, string? findingsPath, string? summaryPath)
    {
        var sample = inputPath is null;
        var path = inputPath ?? AdaCommand.SampleFile;
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

        AuditInput input;
        try
        {
            var periods = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);
            IReadOnlyList<IepServiceRecord> serviceRecords = [];
            if (servicesPath is not null)
            {
                // A service file is the district's own bookkeeping: a bad row there stops the audit rather than becoming a finding.
                serviceRecords = IepServiceRecordCsv.ReadFile(servicesPath).Records;
            }

            input = new AuditInput { Records = periods.Records, ServiceRecords = serviceRecords, ReaderFindings = AuditCsv.ReaderFindings(periods) };
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        var years = input.Records.Select(r => r.SchoolYear).Distinct().Order().ToList();
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
        var options = new AuditOptions { DisabledRules = disabled, TargetAttendanceRate = targetRate, ChronicAbsenceAttendanceRateBelow = chronicBelow };
        var report = IntegrityAudit.Run(input, rules, options);

        if (findingsPath is null)
        {
            WriteFindings(Console.Out, report);
        }
        else
        {
            using var writer = new StreamWriter(findingsPath);
            WriteFindings(writer, report);
        }

        if (summaryPath is null)
        {
            WriteSummaryTable(Console.Error, report);
        }
        else
        {
            using var writer = new StreamWriter(summaryPath);
            WriteSummary(writer, report);
        }

        return 0;
    }

    private static string Ada(Ratio? value) => value is { } v ? CliOutput.Format(v.Round(3, MidpointRounding.AwayFromZero)) : string.Empty;

    private static string Dollars(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    internal static void WriteFindings(TextWriter output, AuditReport report)
    {
        output.WriteLine("RuleId,Severity,CampusId,StudentId,ReportingPeriod,Message,AdaAtStake,DollarsAtStake");
        foreach (var f in report.Findings)
        {
            output.WriteLine(string.Join(
                ',',
                f.Rule.Id,
                f.Severity,
                f.CampusId?.Code ?? string.Empty,
                CliOutput.CsvField(f.StudentId?.Value ?? string.Empty),
                f.ReportingPeriod?.ToString() ?? string.Empty,
                CliOutput.CsvField(f.Message),
                Ada(f.AdaAtStake),
                Dollars(f.DollarsAtStake)));
        }
    }

    internal static void WriteSummary(TextWriter output, AuditReport report)
    {
        output.WriteLine("CampusId,Findings,Errors,Warnings,Notices,AdaAtStake,DollarsAtStake,RefinedAda,AdaGainAtTarget,DollarsGainAtTarget");
        foreach (var c in report.Campuses)
        {
            output.WriteLine(string.Join(
                ',',
                c.CampusId.Code,
                c.Findings.ToString(CultureInfo.InvariantCulture),
                c.Errors.ToString(CultureInfo.InvariantCulture),
                c.Warnings.ToString(CultureInfo.InvariantCulture),
                c.Notices.ToString(CultureInfo.InvariantCulture),
                Ada(c.AdaAtStake),
                Dollars(c.DollarsAtStake),
                Ada(c.RefinedAda),
                Ada(c.AdaGainAtTarget),
                Dollars(c.DollarsGainAtTarget)));
        }
    }

    private static void WriteSummaryTable(TextWriter output, AuditReport report)
    {
        var unplaced = report.Findings.Count(f => f.CampusId is null);
        output.WriteLine($"{report.Findings.Count} finding(s) in {report.Rules.SchoolYear.DisplayName}; campuses by dollars at stake (target attendance {report.Options.TargetAttendanceRate}%):");
        output.WriteLine($"{"campus",-10} {"errors",6} {"warn",6} {"notice",6} {"ADA at stake",12} {"$ at stake",12} {"refined ADA",11} {"ADA gain",9} {"$ gain",12}");
        foreach (var c in report.Campuses)
        {
            output.WriteLine($"{c.CampusId.Code,-10} {c.Errors,6} {c.Warnings,6} {c.Notices,6} {Ada(c.AdaAtStake),12} {Dollars(c.DollarsAtStake),12} {Ada(c.RefinedAda),11} {Ada(c.AdaGainAtTarget),9} {Dollars(c.DollarsGainAtTarget),12}");
        }

        if (unplaced > 0)
        {
            output.WriteLine($"{unplaced} finding(s) on rows that could not be read are not placed on a campus (see their line in the message).");
        }
    }
}
