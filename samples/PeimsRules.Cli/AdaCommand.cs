using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Cli;

/// <summary>
/// <c>ada --input FILE [--prior-year FILE] [--by district|campus|grade|track] [--format csv|json]</c>:
/// refined ADA and PIA by period and for the year, for all students and the HB 3 K-3 rows.
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

        var command = new Command("ada", "Refined ADA and percent in attendance by reporting period and for the year (TEA rules of the file's school year).")
        {
            input, priorYear, by, format,
        };
        command.SetAction(parse => Run(
            parse.GetValue(input)?.FullName,
            parse.GetValue(priorYear)?.FullName,
            parse.GetValue(by)!,
            parse.GetValue(format)!));
        return command;
    }

    internal static int Run(string? inputPath, string? priorYearPath, string by, string format)
    {
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
        if (years.Count == 1)
        {
            var rules = RuleSet.For(years[0]);
            if (prior is not null && !rules.AppliesCovid19Adjustment)
            {
                return CliOutput.Fail($"--prior-year is used only for the 2019-20 COVID-19 adjustment; {path} is {years[0].DisplayName}.");
            }

            try
            {
                summary = AttendanceSummary.Compute(records, rules, new AttendanceSummaryOptions { GroupBy = grouping, PriorYearRecords = prior });
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
                Console.Error.WriteLine($"note: {summary.RecordsOutsideRefinedAda.Count} record(s) of reporting periods 7 to 9 are not part of the refined ADA and are left out of these figures.");
            }
        }

        var stdout = Console.Out;
        if (format == "json")
        {
            WriteJson(stdout, summary, by);
        }
        else
        {
            WriteCsv(stdout, summary, by);
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

    private static void WriteCsv(TextWriter output, AttendanceSummary? summary, string by)
    {
        output.WriteLine($"{GroupColumn(by)},Population,ReportingPeriod,Ada,Pia");
        if (summary is null)
        {
            return;
        }

        foreach (var f in summary.Figures)
        {
            output.WriteLine(string.Join(
                ',',
                CliOutput.CsvField(GroupValue(f.Group)),
                f.Population.ToString(),
                f.Period?.ToString() ?? "Year",
                CsvValue(f.Ada),
                CsvValue(f.Pia)));
        }
    }

    private static void WriteJson(TextWriter output, AttendanceSummary? summary, string by)
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
                json.WriteString(CliOutput.JsonName(GroupColumn(by)), GroupValue(f.Group));
                json.WriteString("population", f.Population.ToString());
                json.WriteString("reportingPeriod", f.Period?.ToString() ?? "Year");
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
