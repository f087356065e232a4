using System.CommandLine;
using System.Globalization;
using PeimsRules.Attendance;
using PeimsRules.Audit;
using PeimsRules.Cli.Report;
using PeimsRules.Cli.Synthetic;
using PeimsRules.Csv;
using PeimsRules.SpecialEducation;
using Spectre.Console;

namespace PeimsRules.Cli;

/// <summary>
/// <c>report [--input FILE [--services FILE] [--campus-names FILE] [--prior-year FILE]] [--output DIR] [--heatmap pia:90:97] [--quiet]</c>:
/// with no input, generates the sample district and reports on it; writes a folder with index.html, charts and CSVs.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "Your period-attendance CSV. Without it, a synthetic sample district is generated and reported on." };
        var services = new Option<FileInfo?>("--services") { Description = "Your IEP service-minutes CSV." };
        var names = new Option<FileInfo?>("--campus-names") { Description = "A CSV of CampusId,CampusName to show names instead of ids." };
        var priorYear = new Option<FileInfo?>("--prior-year") { Description = "For 2019-20: the 2018-19 period-attendance CSV (COVID-19 historical ratio)." };
        var output = new Option<DirectoryInfo>("--output") { Description = "The report folder.", DefaultValueFactory = _ => new DirectoryInfo("peimsrules-report") };
        var heatmap = new Option<string>("--heatmap") { Description = "The grid's heatmap, metric:min:max (ada or pia).", DefaultValueFactory = _ => HeatmapBounds.Default.ToString() };
        var targetRate = new Option<decimal>("--target-rate") { Description = "The attendance rate (percent) at which each campus's ADA gain is estimated.", DefaultValueFactory = _ => 95m };
        var seed = new Option<int>("--seed") { Description = "For the sample district: the random-number seed (the same seed gives the same district).", DefaultValueFactory = _ => 2024 };
        var campuses = new Option<int>("--campuses") { Description = "For the sample district: the number of campuses.", DefaultValueFactory = _ => 5 };
        var students = new Option<int>("--students") { Description = "For the sample district: students per campus.", DefaultValueFactory = _ => 120 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no summary table: for scripts." };
        var command = new Command("report", "A report folder a person would rather look at than read: the six-week grid with a heatmap, K-3 rows, chronic absence, SPED service minutes, funding at risk, drill-down, charts, and the CSVs behind every table.")
        {
            input, services, names, priorYear, output, heatmap, targetRate, seed, campuses, students, quiet,
        };
        command.SetAction(parse =>
        {
            if (!HeatmapBounds.TryParse(parse.GetValue(heatmap), out var bounds, out var error))
            {
                return CliOutput.Fail(error);
            }

            var rate = parse.GetValue(targetRate);
            if (rate is < 0 or > 100)
            {
                return CliOutput.Fail("--target-rate is a percentage, 0 to 100.");
            }

            return Run(new ReportRequest(
                parse.GetValue(input)?.FullName,
                parse.GetValue(services)?.FullName,
                parse.GetValue(names)?.FullName,
                parse.GetValue(priorYear)?.FullName,
                parse.GetValue(output)!.FullName,
                bounds,
                rate,
                new SyntheticOptions(parse.GetValue(seed), parse.GetValue(campuses), parse.GetValue(students)),
                parse.GetValue(quiet)));
        });
        return command;
    }

    private sealed record ReportRequest(string? Input, string? Services, string? CampusNames, string? PriorYear, string Output, HeatmapBounds Heatmap, decimal TargetRate, SyntheticOptions Sample, bool Quiet);

    private static int Run(ReportRequest request)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        DistrictReport? report = null;
        IReadOnlyList<string> written = [];
        var notes = new List<string>();
        try
        {
            void Work(Action<string, int> step)
            {
                var (input, sampleNote) = Load(request, step);
                if (sampleNote is not null)
                {
                    notes.Add(sampleNote);
                }

                step("computing figures and the audit", 60);
                report = DistrictReport.Compute(input, new AuditOptions { TargetAttendanceRate = request.TargetRate });
                step("writing the report", 80);
                written = new ReportWriter(report, request.Heatmap, notes).Write(request.Output);
                step("done", 100);
            }

            if (request.Quiet)
            {
                Work((_, _) => { });
            }
            else
            {
                console.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("report");
                    Work((what, percent) =>
                    {
                        task.Description = what;
                        task.Value = percent;
                    });
                });
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(e.Message);
        }

        if (!request.Quiet && report is not null)
        {
            var table = new Table().Title($"{report.Rules.SchoolYear.DisplayName}: refined ADA by campus");
            table.AddColumns("campus", "refined ADA", "PIA", "findings", "$ at stake");
            foreach (var campus in report.Campuses)
            {
                var year = report.ByCampus.Find(new AttendanceGroupKey(null, campus, null, null), Population.All, null)!;
                var audit = report.Audit.Campuses.FirstOrDefault(c => c.CampusId == campus);
                table.AddRow(
                    Markup.Escape(report.NameOf(campus)),
                    ReportFormat.Figure(year.Ada),
                    ReportFormat.Figure(year.Pia),
                    (audit?.Findings ?? 0).ToString(CultureInfo.InvariantCulture),
                    ReportFormat.DollarsText(audit?.DollarsAtStake));
            }

            console.Write(table);
            console.MarkupLine($"Report: [link]{Markup.Escape(Path.Combine(request.Output, "index.html"))}[/] ({written.Count} files).");
        }

        return 0;
    }

    private static (ReportInput Input, string? Note) Load(ReportRequest request, Action<string, int> step)
    {
        string periods;
        string? services = request.Services;
        string? names = request.CampusNames;
        string? note = null;
        if (request.Input is null)
        {
            step("generating the sample district", 10);
            var data = Path.Combine(request.Output, "data");
            var district = SyntheticDistrict.Generate(request.Sample);
            district.WriteTo(data);
            periods = Path.Combine(data, "periods.csv");
            services ??= Path.Combine(data, "iep-services.csv");
            names ??= Path.Combine(data, "campuses.csv");
            note = $"A synthetic district (generated with --seed {request.Sample.Seed}): {district.Campuses.Count} campuses, {district.Injected.Count} period records given reporting errors on purpose (data/injected-errors.csv), plus two rows the reader cannot read. Its files are in data/, including the daily data the period records were built from.";
        }
        else
        {
            periods = request.Input;
        }

        step("reading the period records", 30);
        var result = BasicReportingPeriodAttendanceCsv.ReadFile(periods, CsvErrorMode.CollectAll);
        var readerFindings = AuditCsv.ReaderFindings(result);
        IReadOnlyList<IepServiceRecord> serviceRecords = services is null ? [] : IepServiceRecordCsv.ReadFile(services).Records;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = request.PriorYear is null ? null : BasicReportingPeriodAttendanceCsv.ReadFile(request.PriorYear);
        return (new ReportInput(result.Records, readerFindings, serviceRecords, names is null ? new Dictionary<CampusId, string>() : CampusDirectoryCsv.ReadFile(names), prior, periods), note);
    }
}
