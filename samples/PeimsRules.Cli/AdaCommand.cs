using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Attendance.Daily;
using PeimsRules.Attendance.Programs;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Cli;

/// <summary>
/// <c>ada --input FILE [--prior-year FILE] [--by district|campus|grade|track] [--format csv|json] [--through-period N]
/// [--program basic|bilingual|mainstream|pregnancy|residential --special-programs FILE]
/// [--best-four-of-six --migrant-certificates N]</c>: refined ADA and PIA by period and for the year (or, through period N
/// below 6, the year to date), for all students, the HB 3 K-3 rows and from 2025-26 the all K-3 students and FSP-eligible
/// pre-K half-day rows, or a special program's refined ADA; with best four of six, the district's Year rows are the capped
/// best-four figures (19 TAC §129.1021).
/// </summary>
internal static class AdaCommand
{
    /// <summary>The sample district's period records (the district `report` shows), used when no --input is given.</summary>
    public static string SampleFile => Synthetic.SampleDistrict.ReadablePeriodsFile;

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input")
        {
            Description = "The period-attendance CSV (one row per TSDS 42400 record). Without it, the sample district (the one `report` shows).",
        };
        var priorYear = new Option<FileInfo?>("--prior-year")
        {
            Description = "For 2019-20: the 2018-19 period-attendance CSV, for each district's COVID-19 historical ratio.",
        };
        var by = new Option<string>("--by")
        {
            Description = "Group the rows by district, campus, grade or track.",
            DefaultValueFactory = _ => "campus",
        };
        by.AcceptOnlyFromAmong("district", "campus", "grade", "track");
        var format = new Option<string>("--format")
        {
            Description = "csv (a header, then a row per group, population and period) or json.",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var program = new Option<string>("--program")
        {
            Description = "basic (refined ADA of E0937), or a special program's refined ADA from --special-programs: bilingual (E0938, in total and by funding code BE, D1, D2), mainstream (E0940), pregnancy (E0939), residential (E1652).",
            DefaultValueFactory = _ => "basic",
        };
        program.AcceptOnlyFromAmong("basic", "bilingual", "mainstream", "pregnancy", "residential");
        var specialPrograms = new Option<FileInfo?>("--special-programs")
        {
            Description = "The special-programs days file that 'periods --special-programs-output' writes beside --input; needed for a --program other than basic.",
        };
        var bestFour = new Option<bool>("--best-four-of-six")
        {
            Description = "19 TAC §129.1021, for a district whose migrant certificate students are 5.0% or more of its enrollment: the Year rows are the mean of the four best periods, capped at the certificate students + the six-period ADA. Off by default; groups by district.",
        };
        var certificates = new Option<int?>("--migrant-certificates")
        {
            Description = "With --best-four-of-six: the district's students holding migrant certificates of eligibility (the cap).",
        };
        var throughPeriod = new Option<int?>("--through-period")
        {
            Description = "Figures as of period N (1 to 6): the period rows 1 to N and, below 6, a YearToDate row (the mean of those periods) in place of the Year row. Records of later periods are not counted.",
        };

        var edfi = new EdFiInputs();
        var command = new Command("ada", "Refined ADA and percent in attendance by reporting period and for the year (TEA rules of the file's school year).")
        {
            input, priorYear, by, format, program, specialPrograms, bestFour, certificates, throughPeriod,
        };
        foreach (var option in edfi.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(new AdaRequest(
            parse.GetValue(input)?.FullName,
            parse.GetValue(priorYear)?.FullName,
            parse.GetResult(by) is { Implicit: false } ? parse.GetValue(by) : null,
            parse.GetValue(format)!,
            parse.GetValue(program)!,
            parse.GetValue(specialPrograms)?.FullName,
            parse.GetValue(bestFour),
            parse.GetValue(certificates),
            parse.GetValue(throughPeriod),
            edfi.From(parse))));
        return command;
    }

    /// <summary>What <c>ada</c> was asked; <see cref="By"/> is <see langword="null"/> when --by was not given.</summary>
    internal sealed record AdaRequest(
        string? InputPath, string? PriorYearPath, string? By, string Format, string Program, string? SpecialProgramsPath, bool BestFourOfSix, int? MigrantCertificates, int? ThroughPeriod = null, EdFiInputs.Source? Source = null);

    internal static int Run(AdaRequest request)
    {
        var by = request.By ?? (request.BestFourOfSix ? "district" : "campus");
        if (UsageProblem(request, by) is { } usage)
        {
            return CliOutput.Fail(usage);
        }

        var throughPeriod = request.ThroughPeriod;
        if (throughPeriod is { } asked && asked is < 1 or > 6)
        {
            return CliOutput.Fail($"--through-period is one of the six reporting periods, 1 to 6; {asked} was given.");
        }

        var source = request.Source;
        if (source?.Conflict(request.InputPath is not null) is { } conflict)
        {
            return CliOutput.Fail(conflict);
        }

        var fromEdFi = source is { IsGiven: true };
        var path = fromEdFi ? source!.Name : request.InputPath ?? SampleFile;
        if (!fromEdFi && request.SpecialProgramsPath is null && !request.BestFourOfSix && CliInput.Options == CsvInputOptions.Default)
        {
            return RunFromPartials(request, path, by);
        }

        IReadOnlyCollection<BasicReportingPeriodAttendance> records;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = null;
        IReadOnlyList<SpecialProgramsAttendancePeriod>? special = null;
        try
        {
            records = fromEdFi ? EdFiInputs.ReadPeriods(source!, Console.Error) : CliInput.ReadForSummaries(path);
            if (request.PriorYearPath is not null)
            {
                prior = request.PriorYearPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CliInput.ReadPriorYear(request.PriorYearPath) : EdFiInputs.ReadPath(request.PriorYearPath, Console.Error);
            }

            if (request.SpecialProgramsPath is not null)
            {
                special = SpecialProgramsAttendancePeriodCsv.ReadFile(request.SpecialProgramsPath, records, CsvErrorMode.StopAtFirst).Records;
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        // A store holds one school year (the reader falls back to a list for a file of several).
        var years = records is AttendanceStore store
            ? store.SchoolYear is { } year ? [year] : []
            : records.Select(r => r.SchoolYear).Distinct().Order().ToList();
        if (years.Count > 1)
        {
            return CliOutput.Fail($"{path} holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); give one school year per file.");
        }

        var grouping = GroupingOf(by);

        if (special is not null)
        {
            return RunProgram(request, path, special, prior, years, grouping, by);
        }

        AttendanceSummary? summary = null;
        IReadOnlyList<AttendanceFigure> preK = [];
        var through = throughPeriod is { } n ? new ReportingPeriod(n) : (ReportingPeriod?)null;
        if (years.Count == 1)
        {
            var rules = RuleSet.For(years[0]);
            if (prior is not null && !rules.AppliesCovid19Adjustment)
            {
                return CliOutput.Fail($"--prior-year is used only for the 2019-20 COVID-19 adjustment; {path} is {years[0].DisplayName}.");
            }

            if (request.BestFourOfSix)
            {
                var districts = records.Select(r => r.DistrictId).Distinct().ToList();
                if (districts.Count != 1)
                {
                    return CliOutput.Fail($"--best-four-of-six is computed for one district, capped by its migrant certificate students; {path} holds {districts.Count} districts: give one district's file.");
                }

                var certificates = request.MigrantCertificates!.Value;
                var students = records.Select(r => r.StudentId).Distinct().Count();
                rules = rules with { BestFourOfSix = BestFourOfSixOption.ForDistrict(districts[0], certificates) };
                var share = certificates * 100m / Math.Max(students, 1);
                var below = certificates < students && !BestFourOfSixRefinedAda.Qualifies(certificates, students, rules) ? " (below the threshold under this reading: check that the district qualifies)" : string.Empty;
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"note: best four of six (19 TAC §129.1021) applies to a district whose migrant certificate students are {rules.BestFourOfSixMigrantShare * 100:0.0}% or more of its enrollment; {certificates} of the {students} students in {path} is {share:0.0}%{below}; which enrollment count the rule means is awaiting confirmation. The Year row of all students is the mean of the four best periods, capped at {certificates} + the six-period ADA; the K-3 rows keep the mean of the six."));
            }

            try
            {
                var options = new AttendanceSummaryOptions { GroupBy = grouping, PriorYearRecords = prior, ThroughPeriod = through };
                summary = AttendanceSummary.Compute(records, rules, options);
                preK = PreKindergartenHalfDayAda.Compute(records, rules, options);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(CliOutput.Plain(e));
            }

            WriteNotes(
                summary,
                rules,
                path,
                prior is not null,
                later: () => records.Count(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.ReportingPeriod.Number > summary.ThroughPeriod.Number),
                lastPeriod: () => records.Select(r => r.ReportingPeriod.Number).Where(p => p <= 6).DefaultIfEmpty(0).Max(),
                outside: summary.RecordsOutsideRefinedAda.Count);
        }

        WriteFigures(request.Format, summary, preK, by);
        return 0;
    }

    /// <summary>
    /// <c>ada</c> from the file's partial sums (<see cref="PeimsRules.Csv.Columnar.AttendancePartialsCsv"/>: streamed
    /// from the file when it is in plain form, with the memory of the sums only), with the 2025-26 pre-K four-year-olds
    /// rows the read gives beside them.
    /// </summary>
    private static int RunFromPartials(AdaRequest request, string path, string by)
    {
        PeimsRules.Csv.Columnar.AttendancePartialsRead read;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = null;
        try
        {
            read = PeimsRules.Csv.Columnar.AttendancePartialsCsv.ReadFile(path, CsvErrorMode.StopAtFirst);
            CliInput.NoteUnusedColumns(path, read.UnusedColumns);

            if (request.PriorYearPath is not null)
            {
                prior = request.PriorYearPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CliInput.ReadPriorYear(request.PriorYearPath) : EdFiInputs.ReadPath(request.PriorYearPath, Console.Error);
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        if (read.SchoolYears.Count > 1)
        {
            return CliOutput.Fail($"{path} holds records of {read.SchoolYears.Count} school years ({string.Join(", ", read.SchoolYears.Select(y => y.DisplayName))}); give one school year per file.");
        }

        AttendanceSummary? summary = null;
        IReadOnlyList<AttendanceFigure> preK = [];
        if (read.Partials is { } partials)
        {
            var rules = partials.Rules;
            if (prior is not null && !rules.AppliesCovid19Adjustment)
            {
                return CliOutput.Fail($"--prior-year is used only for the 2019-20 COVID-19 adjustment; {path} is {rules.SchoolYear.DisplayName}.");
            }

            var grouping = GroupingOf(by);
            try
            {
                var options = new AttendanceSummaryOptions
                {
                    GroupBy = grouping,
                    PriorYearRecords = prior,
                    ThroughPeriod = request.ThroughPeriod is { } n ? new ReportingPeriod(n) : null,
                };
                // The pre-K rows (2025-26 on) need nothing of the summary: they are made while it is.
                var preKRows = Task.Run(() => read.PreKindergartenFourYearOlds(options));
                summary = AttendanceSummary.FromPartials(partials, options);
                preK = preKRows.GetAwaiter().GetResult();
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(CliOutput.Plain(e));
            }

            // The record counts of each period, from the sums.
            var counts = new long[10];
            for (var p = 1; p < counts.Length; p++)
            {
                counts[p] = partials.RecordCountOf(new ReportingPeriod(p));
            }

            var through = summary.ThroughPeriod.Number;
            WriteNotes(
                summary,
                rules,
                path,
                prior is not null,
                later: () => (int)counts.Skip(through + 1).Take(6 - through).Sum(),
                lastPeriod: () => Enumerable.Range(1, 6).LastOrDefault(p => counts[p] > 0),
                outside: (int)(counts[7] + counts[8] + counts[9]));
        }

        WriteFigures(request.Format, summary, preK, by);
        return 0;
    }

    private static AttendanceGrouping GroupingOf(string by) => by switch
    {
        "district" => AttendanceGrouping.District,
        "grade" => AttendanceGrouping.GradeLevel,
        "track" => AttendanceGrouping.InstructionalTrack,
        _ => AttendanceGrouping.Campus,
    };

    /// <summary>The notes on stderr that say what the figures count and what they leave out.</summary>
    private static void WriteNotes(AttendanceSummary summary, RuleSet rules, string path, bool priorYearGiven, Func<int> later, Func<int> lastPeriod, int outside)
    {
        if (rules.AppliesCovid19Adjustment && !priorYearGiven)
        {
            Console.Error.WriteLine("note: 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio; without --prior-year the Year rows are NotComputable.");
        }

        if (summary.IsYearToDate)
        {
            var laterCount = later();
            Console.Error.WriteLine(
                $"note: figures through period {summary.ThroughPeriod}: {PeriodsIn(summary)} are in. The YearToDate rows are the mean of those periods (PIA over their days), not a year figure."
                + (laterCount > 0 ? $" {laterCount} record(s) of later periods are not counted." : string.Empty));
        }
        else
        {
            var last = lastPeriod();
            if (last is > 0 and < 6)
            {
                Console.Error.WriteLine(
                    $"note: {path} has no records after period {last}: the Year rows count periods {last + 1} to 6 as zero ADA. For figures as of period {last}, give --through-period {last}.");
            }
        }

        if (outside > 0)
        {
            Console.Error.WriteLine($"note: {outside} record(s) of reporting periods 7 to 9 are not part of the refined ADA and are left out of these figures.");
        }
    }

    /// <summary>Writes the figures to stdout as CSV or JSON.</summary>
    private static void WriteFigures(string format, AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK, string by)
    {
        // Written to stdout through a writer of its own with a large buffer: the console's writer flushes every write
        // (a system call each, 138,000 lines for the state by campus), and a whole text first is memory for nothing.
        Console.Out.Flush();
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (format == "json")
        {
            WriteJson(stdout, summary, preK, by);
        }
        else
        {
            WriteCsv(stdout, summary, preK, by);
        }
    }

    /// <summary>What is wrong with the options together, or <see langword="null"/>.</summary>
    private static string? UsageProblem(AdaRequest request, string by)
    {
        if (request.Program != "basic" && request.SpecialProgramsPath is null)
        {
            return $"--program {request.Program} is computed from the special-programs days: give --special-programs FILE (the file 'periods --special-programs-output' writes) and --input, the period-attendance file it belongs to.";
        }

        if (request.Program == "basic" && request.SpecialProgramsPath is not null)
        {
            return "--special-programs is read for a special program's ADA: give --program bilingual, mainstream, pregnancy or residential.";
        }

        if (request.SpecialProgramsPath is not null && request.InputPath is null)
        {
            return "--special-programs needs --input, the period-attendance file it was written beside: each of its rows belongs to a period record.";
        }

        if (request.BestFourOfSix != request.MigrantCertificates.HasValue)
        {
            return request.BestFourOfSix
                ? "--best-four-of-six needs --migrant-certificates N, the district's students holding migrant certificates of eligibility (the cap is N + the six-period ADA)."
                : "--migrant-certificates is used only with --best-four-of-six.";
        }

        if (request.MigrantCertificates is < 0)
        {
            return $"--migrant-certificates is a count of students; {request.MigrantCertificates} is negative.";
        }

        if (request.BestFourOfSix && request.Program != "basic")
        {
            return $"--best-four-of-six is applied to the basic refined ADA only; its use for --program {request.Program} is not confirmed.";
        }

        if (request.BestFourOfSix && by != "district")
        {
            return $"--best-four-of-six is a district's refined ADA: use --by district (or leave --by out), not --by {by}.";
        }

        return null;
    }

    private static int RunProgram(
        AdaRequest request,
        string path,
        IReadOnlyList<SpecialProgramsAttendancePeriod> special,
        IReadOnlyList<BasicReportingPeriodAttendance>? prior,
        IReadOnlyList<SchoolYear> years,
        AttendanceGrouping grouping,
        string by)
    {
        SpecialProgramAdaSummary? summary = null;
        if (years.Count == 1)
        {
            var rules = RuleSet.For(years[0]);
            if (prior is not null && !rules.AppliesCovid19Adjustment)
            {
                return CliOutput.Fail($"--prior-year is used only for the 2019-20 COVID-19 adjustment; {path} is {years[0].DisplayName}.");
            }

            var options = new AttendanceSummaryOptions { GroupBy = grouping, PriorYearRecords = prior };
            try
            {
                summary = request.Program switch
                {
                    "bilingual" => BilingualEslRefinedAda.Compute(special, rules, options),
                    "mainstream" => SpecialEducationMainstreamRefinedAda.Compute(special, rules, options),
                    "pregnancy" => PregnancyRelatedServicesRefinedAda.Compute(special, rules, options),
                    _ => ResidentialFacilityRefinedAda.Compute(special, rules, options),
                };
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(e.Message);
            }

            if (rules.AppliesCovid19Adjustment && prior is null)
            {
                Console.Error.WriteLine("note: 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio; without --prior-year the Year rows are NotComputable.");
            }

            if (summary.RecordsOutsideRefinedAda.Count > 0)
            {
                Console.Error.WriteLine($"note: {summary.RecordsOutsideRefinedAda.Count} special-programs record(s) of reporting periods 7 to 9 are not part of the refined ADA and are left out of these figures.");
            }
        }

        var stdout = Console.Out;
        if (request.Format == "json")
        {
            WriteProgramJson(stdout, summary, request.Program, by);
        }
        else
        {
            stdout.WriteLine($"{GroupColumn(by)},Population,ReportingPeriod,Ada,Pia");
            foreach (var f in summary?.Figures ?? [])
            {
                stdout.WriteLine(string.Join(
                    ',',
                    CliOutput.CsvField(GroupValue(f.Group)),
                    ProgramPopulation(f),
                    f.Period?.ToString() ?? "Year",
                    CsvValue(f.Ada),
                    ProgramPia));
            }
        }

        stdout.Flush();
        return 0;
    }

    /// <summary>TEA defines no percent in attendance for a special program: its rows show this word in the Pia column.</summary>
    internal const string ProgramPia = "NotApplicable";

    private const string ProgramPiaReason = "TEA defines no percent in attendance for a special program; the basic rows (--program basic) carry the students' PIA.";

    /// <summary>A program row's population: its bilingual/ESL funding code, or All.</summary>
    private static string ProgramPopulation(SpecialProgramAdaFigure f) => f.Funding?.Code ?? "All";

    private static void WriteProgramJson(TextWriter output, SpecialProgramAdaSummary? summary, string program, string by)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schoolYear", summary?.Rules.SchoolYear.DisplayName);
            json.WriteString("program", program);
            json.WriteString("groupBy", GroupColumn(by));
            if (summary is not null)
            {
                json.WriteString("rounding", $"{summary.Rules.Rounding.Decimals} decimals, {summary.Rules.Rounding.Midpoint}");
                json.WriteStartObject("historicalRatios");
                foreach (var (district, ratio) in summary.HistoricalRatios)
                {
                    json.WriteString(district.Code, ratio.ToString());
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("rows");
            foreach (var f in summary?.Figures ?? [])
            {
                json.WriteStartObject();
                json.WriteString(GroupColumn(by), GroupValue(f.Group));
                json.WriteString("population", ProgramPopulation(f));
                json.WriteString("reportingPeriod", f.Period?.ToString() ?? "Year");
                WriteFigure(json, "ada", f.Ada);
                json.WriteStartObject("pia");
                json.WriteString("status", ProgramPia);
                json.WriteNull("value");
                json.WriteString("reason", ProgramPiaReason);
                json.WriteEndObject();
                if (f.HistoricalRatio is { } ratio)
                {
                    json.WriteString("historicalRatio", ratio.ToString());
                }

                json.WriteNumber("records", f.RecordCount);
                json.WriteString("programDaysPresent", f.ProgramDaysPresent.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string GroupColumn(string by) => by switch
    {
        "district" => "DistrictId",
        "grade" => "GradeLevel",
        "track" => "InstructionalTrack",
        _ => "CampusId",
    };

    private static string GroupValue(AttendanceGroupKey key) =>
        key.Campus?.Code ?? key.District?.Code ?? key.GradeLevel?.Code ?? key.InstructionalTrack?.Code ?? string.Empty;

    /// <summary>A figure as the CSV shows it: three decimals, or the word for why there is none (never 0).</summary>
    internal static string CsvValue(Figure figure) => figure.Status switch
    {
        FigureStatus.Computed => CliOutput.Format(figure.Published!.Value),
        FigureStatus.ExcludedCovid19 => "Excluded",
        _ => "NotComputable",
    };

    /// <summary>As <see cref="CsvValue"/>, written into <paramref name="output"/> without a string for a number.</summary>
    private static void WriteCsvValue(TextWriter output, Figure figure, Span<char> number)
    {
        if (figure.Status == FigureStatus.Computed && figure.Published!.Value.TryFormat(number, out var written, "0.000", CultureInfo.InvariantCulture))
        {
            output.Write(number[..written]);
        }
        else
        {
            output.Write(CsvValue(figure));
        }
    }

    private static readonly Dictionary<Population, string> PopulationNames = Enum.GetValues<Population>().ToDictionary(p => p, p => p.ToString());

    /// <summary>A population's name as the output shows it (its enum name), without a string made each row.</summary>
    private static string PopulationName(Population population) =>
        PopulationNames.TryGetValue(population, out var name) ? name : population.ToString();

    /// <summary>The periods a summary counts, in words: "periods 1 to 3", "period 1".</summary>
    internal static string PeriodsIn(AttendanceSummary summary) =>
        summary.ThroughPeriod.Number == 1 ? "period 1" : $"periods 1 to {summary.ThroughPeriod}";

    /// <summary>The ReportingPeriod column of a row: <c>1</c> to <c>6</c>, <c>Year</c>, or <c>YearToDate</c>.</summary>
    internal static string PeriodLabel(AttendanceFigure figure) =>
        figure.Period?.ToString() ?? (figure.IsYearToDate ? "YearToDate" : "Year");

    /// <summary>The rows in print order: each group's summary rows, then its pre-K half-day rows (2025-26 on).</summary>
    private static IEnumerable<AttendanceFigure> Rows(AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK)
    {
        if (summary is null)
        {
            return [];
        }

        return preK.Count == 0 ? summary.Figures : Interleaved(summary.Figures, preK);
    }

    /// <summary>
    /// The summary's rows with the pre-K rows after their group's own rows. Both lists come in group order
    /// (<see cref="AttendanceGroupKey"/>'s order), so one merge puts them in place, each row read once and none kept.
    /// </summary>
    private static IEnumerable<AttendanceFigure> Interleaved(IReadOnlyList<AttendanceFigure> figures, IReadOnlyList<AttendanceFigure> preK)
    {
        var next = 0;
        foreach (var figure in figures)
        {
            // The pre-K rows of every earlier group (the last group's among them) before this group's first row.
            while (next < preK.Count && preK[next].Group.CompareTo(figure.Group) < 0)
            {
                yield return preK[next++];
            }

            yield return figure;
        }

        while (next < preK.Count)
        {
            yield return preK[next++];
        }
    }

    private static void WriteCsv(TextWriter output, AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK, string by)
    {
        output.WriteLine($"{GroupColumn(by)},Population,ReportingPeriod,Ada,Pia");
        // A group's rows come together: its field is made once. The figures are formatted straight into the writer.
        AttendanceGroupKey? group = null;
        var groupField = string.Empty;
        Span<char> number = stackalloc char[40];
        foreach (var f in Rows(summary, preK))
        {
            if (group != f.Group)
            {
                group = f.Group;
                groupField = CliOutput.CsvField(GroupValue(f.Group));
            }

            output.Write(groupField);
            output.Write(',');
            output.Write(PopulationName(f.Population));
            output.Write(',');
            output.Write(PeriodLabel(f));
            output.Write(',');
            WriteCsvValue(output, f.Ada, number);
            output.Write(',');
            WriteCsvValue(output, f.Pia, number);
            output.WriteLine();
        }
    }

    private static void WriteJson(TextWriter output, AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK, string by)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schoolYear", summary?.Rules.SchoolYear.DisplayName);
            json.WriteString("groupBy", CliOutput.JsonName(GroupColumn(by)));
            if (summary is not null)
            {
                json.WriteString("rounding", $"{summary.Rules.Rounding.Decimals} decimals, {summary.Rules.Rounding.Midpoint}");
                json.WriteNumber("throughPeriod", summary.ThroughPeriod.Number);
                json.WriteString("periodsIn", PeriodsIn(summary));
                json.WriteStartObject("historicalRatios");
                foreach (var (district, ratio) in summary.HistoricalRatios)
                {
                    json.WriteString(district.Code, ratio.ToString());
                }

                json.WriteEndObject();
                if (summary.Rules.BestFourOfSix is { } bestFour)
                {
                    // The Year rows of all students are then best four of six, capped at these counts + the six-period ADA.
                    json.WriteStartObject("bestFourOfSixMigrantCertificates");
                    foreach (var (district, count) in bestFour.MigrantCertificateStudents)
                    {
                        json.WriteNumber(district.Code, count);
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteStartArray("rows");
            foreach (var f in Rows(summary, preK))
            {
                json.WriteStartObject();
                json.WriteString(CliOutput.JsonName(GroupColumn(by)), GroupValue(f.Group));
                json.WriteString("population", f.Population.ToString());
                json.WriteString("reportingPeriod", PeriodLabel(f));
                WriteFigure(json, "ada", f.Ada);
                WriteFigure(json, "pia", f.Pia);
                if (f.HistoricalRatio is { } ratio)
                {
                    json.WriteString("historicalRatio", ratio.ToString());
                }

                json.WriteNumber("records", f.Totals.RecordCount);
                CliOutput.WriteDays(json, "eligibleDaysPresent", f.Totals.EligibleDaysPresent);
                CliOutput.WriteDays(json, "daysPresent", f.Totals.DaysPresent);
                CliOutput.WriteDays(json, "daysAbsent", f.Totals.DaysAbsent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteFigure(Utf8JsonWriter json, string name, Figure figure)
    {
        json.WriteStartObject(name);
        json.WriteString("status", figure.Status.ToString());
        if (figure.Published is { } published)
        {
            // Written as a JSON number with exactly the published decimals.
            json.WritePropertyName("value");
            json.WriteRawValue(CliOutput.Format(published));
        }
        else
        {
            json.WriteNull("value");
        }

        if (figure.Exact is { } exact)
        {
            json.WriteString("exact", exact.ToString());
        }

        if (figure.Reason is { } reason)
        {
            json.WriteString("reason", reason);
        }

        json.WriteEndObject();
    }
}
