using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Cli;

/// <summary>
/// <c>ada --input FILE [--prior-year FILE] [--by district|campus|grade|track] [--format csv|json] [--through-period N]</c>:
/// refined ADA and PIA by period and for the year (or, through period N below 6, the year to date), for all students,
/// the HB 3 K-3 rows and from 2025-26 the all K-3 students and FSP-eligible pre-K half-day rows.
/// </summary>
internal static class AdaCommand
{
    /// <summary>The sample file shipped with the tool, used when no --input is given.</summary>
    public static string SampleFile => Path.Combine(AppContext.BaseDirectory, "data", "sample-periods.csv");

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input")
        {
            Description = "The period-attendance CSV (one row per TSDS 42400 record). Without it, the sample file shipped with the tool.",
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
        var throughPeriod = new Option<int?>("--through-period")
        {
            Description = "Figures as of period N (1 to 6): the period rows 1 to N and, below 6, a YearToDate row (the mean of those periods) in place of the Year row. Records of later periods are not counted.",
        };

        var command = new Command("ada", "Refined ADA and percent in attendance by reporting period and for the year (TEA rules of the file's school year).")
        {
            input, priorYear, by, format, throughPeriod,
        };
        command.SetAction(parse => Run(
            parse.GetValue(input)?.FullName,
            parse.GetValue(priorYear)?.FullName,
            parse.GetValue(by)!,
            parse.GetValue(format)!,
            parse.GetValue(throughPeriod)));
        return command;
    }

    internal static int Run(string? inputPath, string? priorYearPath, string by, string format, int? throughPeriod = null)
    {
        if (throughPeriod is { } asked && asked is < 1 or > 6)
        {
            return CliOutput.Fail($"--through-period is one of the six reporting periods, 1 to 6; {asked} was given.");
        }

        var path = inputPath ?? SampleFile;
        IReadOnlyList<BasicReportingPeriodAttendance> records;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = null;
        try
        {
            records = ReadChecked(path);
            if (priorYearPath is not null)
            {
                prior = ReadChecked(priorYearPath);
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        var years = records.Select(r => r.SchoolYear).Distinct().Order().ToList();
        if (years.Count > 1)
        {
            return CliOutput.Fail($"{path} holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); give one school year per file.");
        }

        var grouping = by switch
        {
            "district" => AttendanceGrouping.District,
            "grade" => AttendanceGrouping.GradeLevel,
            "track" => AttendanceGrouping.InstructionalTrack,
            _ => AttendanceGrouping.Campus,
        };

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

            try
            {
                var options = new AttendanceSummaryOptions { GroupBy = grouping, PriorYearRecords = prior, ThroughPeriod = through };
                summary = AttendanceSummary.Compute(records, rules, options);
                preK = PreKindergartenHalfDayAda.Compute(records, rules, options);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(e.Message);
            }

            if (rules.AppliesCovid19Adjustment && prior is null)
            {
                Console.Error.WriteLine("note: 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio; without --prior-year the Year rows are NotComputable.");
            }

            if (summary.IsYearToDate)
            {
                var later = records.Count(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.ReportingPeriod.Number > summary.ThroughPeriod.Number);
                Console.Error.WriteLine(
                    $"note: figures through period {summary.ThroughPeriod}: {PeriodsIn(summary)} are in. The YearToDate rows are the mean of those periods (PIA over their days), not a year figure."
                    + (later > 0 ? $" {later} record(s) of later periods are not counted." : string.Empty));
            }

            else
            {
                var present = records.Select(r => r.ReportingPeriod.Number).Where(p => p <= 6).ToHashSet();
                var last = present.Count == 0 ? 0 : present.Max();
                if (last is > 0 and < 6)
                {
                    Console.Error.WriteLine(
                        $"note: {path} has no records after period {last}: the Year rows count periods {last + 1} to 6 as zero ADA. For figures as of period {last}, give --through-period {last}.");
                }
            }

            if (summary.RecordsOutsideRefinedAda.Count > 0)
            {
                Console.Error.WriteLine($"note: {summary.RecordsOutsideRefinedAda.Count} record(s) of reporting periods 7 to 9 are not part of the refined ADA and are left out of these figures.");
            }
        }

        var stdout = Console.Out;
        if (format == "json")
        {
            WriteJson(stdout, summary, preK, by);
        }
        else
        {
            WriteCsv(stdout, summary, preK, by);
        }

        stdout.Flush();
        return 0;
    }

    private static IReadOnlyList<BasicReportingPeriodAttendance> ReadChecked(string path)
    {
        var result = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.StopAtFirst);
        if (result.UnusedColumns.Count > 0)
        {
            Console.Error.WriteLine($"note: {path}: column(s) not used by the period-attendance layout: {string.Join(", ", result.UnusedColumns)}.");
        }

        return result.Records;
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

    /// <summary>The periods a summary counts, in words: "periods 1 to 3", "period 1".</summary>
    internal static string PeriodsIn(AttendanceSummary summary) =>
        summary.ThroughPeriod.Number == 1 ? "period 1" : $"periods 1 to {summary.ThroughPeriod}";

    /// <summary>The ReportingPeriod column of a row: <c>1</c> to <c>6</c>, <c>Year</c>, or <c>YearToDate</c>.</summary>
    internal static string PeriodLabel(AttendanceFigure figure) =>
        figure.Period?.ToString() ?? (figure.IsYearToDate ? "YearToDate" : "Year");

    /// <summary>The rows in print order: each group's summary rows, then its pre-K half-day row (2025-26 on).</summary>
    private static IEnumerable<AttendanceFigure> Rows(AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK)
    {
        if (summary is null)
        {
            return [];
        }

        var preKByGroup = preK.ToLookup(f => f.Group);
        return summary.Figures
            .GroupBy(f => f.Group)
            .SelectMany(g => g.Concat(preKByGroup[g.Key]));
    }

    private static void WriteCsv(TextWriter output, AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK, string by)
    {
        output.WriteLine($"{GroupColumn(by)},Population,ReportingPeriod,Ada,Pia");
        foreach (var f in Rows(summary, preK))
        {
            output.WriteLine(string.Join(
                ',',
                CliOutput.CsvField(GroupValue(f.Group)),
                f.Population.ToString(),
                PeriodLabel(f),
                CsvValue(f.Ada),
                CsvValue(f.Pia)));
        }
    }

    private static void WriteJson(TextWriter output, AttendanceSummary? summary, IReadOnlyList<AttendanceFigure> preK, string by)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schoolYear", summary?.Rules.SchoolYear.DisplayName);
            json.WriteString("groupBy", GroupColumn(by));
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
            }

            json.WriteStartArray("rows");
            foreach (var f in Rows(summary, preK))
            {
                json.WriteStartObject();
                json.WriteString(GroupColumn(by), GroupValue(f.Group));
                json.WriteString("population", f.Population.ToString());
                json.WriteString("reportingPeriod", PeriodLabel(f));
                WriteFigure(json, "ada", f.Ada);
                WriteFigure(json, "pia", f.Pia);
                if (f.HistoricalRatio is { } ratio)
                {
                    json.WriteString("historicalRatio", ratio.ToString());
                }

                json.WriteNumber("records", f.Totals.RecordCount);
                json.WriteString("eligibleDaysPresent", f.Totals.EligibleDaysPresent.ToString());
                json.WriteString("daysPresent", f.Totals.DaysPresent.ToString());
                json.WriteString("daysAbsent", f.Totals.DaysAbsent.ToString());
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
