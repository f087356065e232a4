using System.CommandLine;
using System.Globalization;
using PeimsRules.Accountability;
using PeimsRules.Attendance;
using PeimsRules.Audit;
using PeimsRules.Cli.Report;
using PeimsRules.Cli.Synthetic;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.SpecialEducation;
using Spectre.Console;

namespace PeimsRules.Cli;

/// <summary>
/// <c>report [--input FILE [--services FILE] [--campus-names FILE] [--prior-year FILE]] [--output DIR] [--heatmap metric:min:max] [--quiet]</c>:
/// with no input, generates the sample district and reports on it; writes a folder with index.html, charts and CSVs.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "Your period-attendance CSV. Without it, a synthetic sample district is generated and reported on." };
        var services = new Option<FileInfo?>("--services") { Description = "Your IEP service-minutes CSV." };
        var names = new Option<FileInfo?>("--campus-names") { Description = "A CSV of CampusId,CampusName to show names instead of ids." };
        var demographics = new Option<FileInfo?>("--demographics") { Description = "Your students' demographics CSV (StudentId, economic status, ethnicity, at risk, special education): the report then shows the attendance rate by student group." };
        var priorYear = new Option<FileInfo?>("--prior-year") { Description = "For 2019-20: the 2018-19 period-attendance CSV (COVID-19 historical ratio)." };
        var output = new Option<DirectoryInfo>("--output") { Description = "The report folder.", DefaultValueFactory = _ => new DirectoryInfo("peimsrules-report") };
        var heatmap = new Option<string?>("--heatmap") { Description = "One figure's heatmap bounds, metric:min:max (ada or pia), such as pia:90:97. Without it, each figure's bounds are the district's own quartiles." };
        var targetRate = new Option<decimal>("--target-rate") { Description = "The attendance rate (percent) at which each campus's ADA gain is estimated.", DefaultValueFactory = _ => 95m };
        var seed = new Option<int>("--seed") { Description = "For the sample district: the random-number seed (the same seed gives the same district).", DefaultValueFactory = _ => 2024 };
        var campuses = new Option<int>("--campuses") { Description = "For the sample district: the number of campuses.", DefaultValueFactory = _ => 5 };
        var students = new Option<int>("--students") { Description = "For the sample district: students per campus.", DefaultValueFactory = _ => 120 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no summary table: for scripts." };
        var revenue = AuditCommand.RevenuePerAdaOption();
        var throughPeriod = new Option<int?>("--through-period") { Description = "Figures as of period N (1 to 6): periods 1 to N and year-to-date figures in place of the year's." };
        var command = new Command("report", "A report folder a person would rather look at than read: the six-week grid with a heatmap, K-3 rows, chronic absence, SPED service minutes, funding at risk, drill-down, charts, and the CSVs behind every table.")
        {
            input, services, names, demographics, priorYear, output, heatmap, targetRate, seed, campuses, students, quiet, revenue, throughPeriod,
        };
        var edfi = new EdFiInputs();
        foreach (var option in edfi.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (edfi.From(parse).Conflict(parse.GetValue(input) is not null) is { } conflict)
            {
                return CliOutput.Fail(conflict);
            }

            if (!HeatmapBounds.TryParse(parse.GetValue(heatmap), out var bounds, out var error))
            {
                return CliOutput.Fail(error);
            }

            var rate = parse.GetValue(targetRate);
            if (rate is < 0 or > 100)
            {
                return CliOutput.Fail("--target-rate is a percentage, 0 to 100.");
            }

            if (parse.GetValue(throughPeriod) is { } through && through is < 1 or > 6)
            {
                return CliOutput.Fail($"--through-period is one of the six reporting periods, 1 to 6; {through} was given.");
            }

            var revenuePerAda = parse.GetValue(revenue);
            if (revenuePerAda is <= 0m)
            {
                return CliOutput.Fail("--revenue-per-ada is a positive dollar amount, such as 7250.");
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
                parse.GetValue(quiet),
                revenuePerAda,
                parse.GetValue(throughPeriod),
                edfi.From(parse))
            {
                Demographics = parse.GetValue(demographics)?.FullName,
            });
        });
        return command;
    }

    private sealed record ReportRequest(string? Input, string? Services, string? CampusNames, string? PriorYear, string Output, HeatmapRange? Heatmap, decimal TargetRate, SyntheticOptions Sample, bool Quiet, decimal? RevenuePerAda, int? ThroughPeriod, EdFiInputs.Source EdFi)
    {
        public string? Demographics { get; init; }
    }

    private static int Run(ReportRequest request)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(CliOutput.TerminalError) });
        DistrictReport? report = null;
        IReadOnlyList<string> written = [];
        var notes = new List<string>();
        try
        {
            void Work(Action<string, int> step)
            {
                // The report is written into a fresh folder beside the target, then moved into its place.
                written = CliOutput.WriteFolder(request.Output, folder =>
                {
                    var (input, sampleNote) = Load(request with { Output = folder }, step);
                    if (sampleNote is not null)
                    {
                        notes.Add(sampleNote);
                    }

                    step("computing figures and the audit", 60);
                    report = DistrictReport.Compute(input, new AuditOptions { TargetAttendanceRate = request.TargetRate, RevenuePerAda = request.RevenuePerAda });
                    step("writing the report", 80);
                    var files = new ReportWriter(report, request.Heatmap, notes).Write(folder);
                    step("done", 100);
                    return files.Select(f => Path.Combine(request.Output, Path.GetRelativePath(folder, f))).ToList();
                });
            }

            if (request.Quiet)
            {
                Work((_, _) => { });
            }
            else if (Console.IsErrorRedirected)
            {
                // Not a terminal: one plain line a step, ending at 100%, instead of a bar that redraws itself.
                Work((what, percent) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {percent,3}% {what}")));
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
                    task.StopTask();
                });
            }
        }

        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(CliOutput.Plain(e));
        }

        if (!request.Quiet && report is not null)
        {
            var table = new Table().Title($"{report.Rules.SchoolYear.DisplayName}: refined ADA by campus, and the reporting errors to fix");
            table.AddColumns("campus", "refined ADA", "PIA", "errors", "$ overstated", "$ unclaimed", "$ opportunity");
            var district = report.ByDistrict.Figures.FirstOrDefault(f => f.IsYear && f.Population == Population.All);
            foreach (var row in SummaryRows(report))
            {
                Row(table, row.Name, row.Year, row.Findings, row.Errors);
            }

            console.Write(table);
            console.MarkupLine("$: the basic-allotment equivalent of the ADA (ADA × the basic allotment). Overstated and unclaimed are reporting errors to fix before submission; the attendance opportunity (students below 90%) is not an error and is not added to them.");
            if (district is not null && ReportFormat.Hint(district.Ada, report.Rules, report.Input.PriorYear is not null) is { } hint)
            {
                console.MarkupLine(Markup.Escape(hint));
            }

            console.MarkupLine($"Report: [link]{Markup.Escape(Path.Combine(request.Output, "index.html"))}[/] ({written.Count} files).");
        }

        return 0;
    }

    /// <summary>One row of the console summary: a district or a campus, its year figure, its findings and its reporting errors.</summary>
    internal sealed record SummaryRow(string Name, AttendanceFigure? Year, IReadOnlyList<AuditFinding> Findings, int Errors);

    /// <summary>
    /// The console summary's rows: each district with its own figure and the findings of its own campuses, followed by
    /// its campuses. With one district, its row holds every finding, also those of a row the reader could not place at a
    /// campus; with several, such findings have a row of their own, so no district counts another's.
    /// </summary>
    internal static IReadOnlyList<SummaryRow> SummaryRows(DistrictReport report)
    {
        var rows = new List<SummaryRow>();
        var errorsByCampus = report.ActionList.Where(f => f.CampusId is not null).ToLookup(f => f.CampusId!.Value);
        var districts = report.ByDistrict.Figures.Where(f => f.IsYear && f.Population == Population.All).ToList();
        var listed = new HashSet<CampusId>();
        void Campus(CampusId campus)
        {
            var year = report.ByCampus.Find(new AttendanceGroupKey(null, campus, null, null), Population.All, null)!;
            rows.Add(new SummaryRow(report.NameOf(campus), year, [.. report.FindingsOf(campus)], errorsByCampus[campus].Count()));
            listed.Add(campus);
        }

        foreach (var district in districts)
        {
            var id = district.Group.District!.Value;
            bool Here(AuditFinding f) => districts.Count == 1 || f.CampusId?.District == id;
            rows.Add(new SummaryRow($"District {id}", district, [.. report.Audit.Findings.Where(Here)], report.ActionList.Count(Here)));
            foreach (var campus in report.Campuses.Where(c => c.District == id))
            {
                Campus(campus);
            }
        }

        foreach (var campus in report.Campuses.Where(c => !listed.Contains(c)))
        {
            Campus(campus);
        }

        if (districts.Count > 1 && report.Audit.Findings.Where(f => f.CampusId is null).ToList() is { Count: > 0 } unplaced)
        {
            rows.Add(new SummaryRow("No campus (rows not read)", null, unplaced, report.ActionList.Count(f => f.CampusId is null)));
        }

        return rows;
    }

    private static void Row(Table table, string name, AttendanceFigure? year, IReadOnlyList<AuditFinding> list, int errors)
    {
        string Money(MoneyColumn column)
        {
            var (_, dollars, _) = FindingMoney.Total(list, column);
            return ReportFormat.DollarsText(dollars);
        }

        table.AddRow(
            Markup.Escape(name),
            Markup.Escape(year is null ? "—" : ReportFormat.FigureText(year.Ada)),
            Markup.Escape(year is null ? "—" : ReportFormat.FigureText(year.Pia)),
            ReportFormat.Count(errors),
            Markup.Escape(Money(MoneyColumn.AdaOverstated)),
            Markup.Escape(Money(MoneyColumn.AdaUnclaimed)),
            Markup.Escape(Money(MoneyColumn.AttendanceOpportunity)));
    }

    private static (ReportInput Input, string? Note) Load(ReportRequest request, Action<string, int> step)
    {
        string periods;
        string? services = request.Services;
        string? names = request.CampusNames;
        string? note = null;
        if (request.EdFi.IsGiven)
        {
            // The vendor's period records in Ed-Fi (or TSDS XML), with the school names of an Ed-Fi folder's schools.
            step("reading the period records", 30);
            var records = EdFiInputs.ReadPeriods(request.EdFi, Console.Error);
            var schoolNames = names is not null ? CampusDirectoryCsv.ReadFile(names)
                : request.EdFi.EdFiFolder is { } folder ? EdFiInputs.SchoolNames(folder) : new Dictionary<CampusId, string>();
            IReadOnlyList<IepServiceRecord> iep = services is null ? [] : IepServiceRecordCsv.ReadFile(services).Records;
            IReadOnlyList<BasicReportingPeriodAttendance>? before = request.PriorYear is null ? null : EdFiInputs.ReadPath(request.PriorYear, Console.Error);
            return (new ReportInput(records, [], iep, schoolNames, before, request.EdFi.Name), null);
        }

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
        var result = CliInput.ReadWhole(periods, CsvErrorMode.CollectAll);
        var fileName = Path.GetFileName(periods);
        var readerFindings = result.ReaderFindings()
            .Select(f => f with { Message = f.Message.Replace(periods, fileName, StringComparison.Ordinal), SourceFile = f.SourceFile is null ? null : Path.GetFileName(f.SourceFile) })
            .ToList();
        IReadOnlyList<IepServiceRecord> serviceRecords = services is null ? [] : CliInput.Read(services, IepServiceRecordCsv.ReadFile, CsvErrorMode.StopAtFirst).Records;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = request.PriorYear is null ? null : CliInput.ReadPriorYear(request.PriorYear);
        var campusNames = names is null ? new Dictionary<CampusId, string>() : CampusDirectoryCsv.ReadFile(names, CliInput.Options);

        // The page names its source by file name only: a report is shared, the folders of the machine it ran on are not.
        var source = request.Input is null ? "data/periods.csv (the sample district)" : Path.GetFileName(periods);
        IReadOnlyList<StudentDemographics>? demographics = null;
        if (request.Demographics is not null)
        {
            // Race/ethnicity is checked against the elements valid in the period file's year.
            var year = result.Years is [var first, ..] ? first : new SchoolYear(2024);
            var read = StudentDemographicsCsv.ReadFile(request.Demographics, CsvErrorMode.CollectAll, year, CliInput.Options);
            if (read.Problems.Count > 0)
            {
                throw new ArgumentException(string.Join(Environment.NewLine, read.Problems.Select(p => p.ToString())) + $"{Environment.NewLine}{read.Problems.Count} problem(s) in {Path.GetFileName(request.Demographics)}; no report was written.");
            }

            demographics = read.Records;
        }

        return (new ReportInput(result.Records, readerFindings, serviceRecords, campusNames, prior, source, request.ThroughPeriod is { } n ? new ReportingPeriod(n) : null) { Demographics = demographics }, note);
    }
}
