using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Accountability;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.Csv.Daily;

namespace PeimsRules.Cli;

/// <summary>
/// <c>chronic [--input periods.csv | --calendars F --enrollments F --attendance F] [--definition NAME] [--threshold N]
/// [--inclusive true|false] [--min-days N] [--attribution school|district|student] [--demographics F] [--format csv|json]
/// [--students]</c>: chronic absenteeism under a named definition (docs/chronic-absenteeism.md), as campus and district
/// rates (by student group with <c>--demographics</c>, small groups masked) or, with <c>--students</c>, one verdict per
/// student with the reason.
/// </summary>
internal static class ChronicCommand
{
    /// <summary>The daily sample shipped with the tool, used for the minute-based definition when no input is given.</summary>
    public static string DailySampleFolder => Path.Combine(AppContext.BaseDirectory, "data", "daily");

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "The period-attendance CSV. Without it (and without daily files), the sample shipped with the tool." };
        var calendars = new Option<FileInfo?>("--calendars") { Description = "Daily data: the calendars file (with --enrollments and --attendance)." };
        var enrollments = new Option<FileInfo?>("--enrollments") { Description = "Daily data: the enrollments file." };
        var attendance = new Option<FileInfo?>("--attendance") { Description = "Daily data: the class-period attendance marks file (minutes decide a day absent)." };
        var definition = new Option<string>("--definition")
        {
            Description = "federal (EDFacts FS195), crdc, audit (attendance below 90%), tea-accountability (vendor documented) or texas-proposed (HB 213, proposed, not law).",
            DefaultValueFactory = _ => "federal",
        };
        definition.AcceptOnlyFromAmong([.. ChronicAbsenceDefinition.All.Select(d => d.Name)]);
        var threshold = new Option<decimal?>("--threshold") { Description = "Override the threshold: a percentage (10 = 10%), or days absent for crdc." };
        var inclusive = new Option<bool?>("--inclusive") { Description = "Override whether a student exactly at the threshold counts (true) or not (false)." };
        var minDays = new Option<decimal?>("--min-days") { Description = "Override the minimum days enrolled (whole or half days)." };
        var attribution = new Option<string?>("--attribution") { Description = "Override the attribution: school, district, or student (following the student across schools)." };
        attribution.AcceptOnlyFromAmong("school", "district", "student");
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var students = new Option<bool>("--students") { Description = "Write one verdict per student (days, percentage, verdict and why) instead of campus and district rates." };
        var unmasked = new Option<bool>("--unmasked") { Description = "Do not mask small groups: for the district's own review only; TEA masks these rates for publication." };
        var demographics = new Option<FileInfo?>("--demographics") { Description = "The student demographics file: rates by student group as the federal file reports them (race/ethnicity, sex, disability, English learners, economically disadvantaged, homeless, migrant)." };

        var command = new Command("chronic", "Chronic absenteeism under a named, cited definition: campus and district rates, or per-student verdicts with reasons.")
        {
            input, calendars, enrollments, attendance, definition, threshold, inclusive, minDays, attribution, format, students, demographics, unmasked,
        };
        command.SetAction(parse => Run(
            parse.GetValue(input),
            parse.GetValue(calendars),
            parse.GetValue(enrollments),
            parse.GetValue(attendance),
            parse.GetValue(definition)!,
            parse.GetValue(threshold),
            parse.GetValue(inclusive),
            parse.GetValue(minDays),
            parse.GetValue(attribution),
            parse.GetValue(format)!,
            parse.GetValue(students),
            parse.GetValue(demographics),
            parse.GetValue(unmasked),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        FileInfo? inputFile,
        FileInfo? calendarsFile,
        FileInfo? enrollmentsFile,
        FileInfo? attendanceFile,
        string definitionName,
        decimal? threshold,
        bool? inclusive,
        decimal? minDays,
        string? attribution,
        string format,
        bool perStudent,
        FileInfo? demographicsFile,
        bool unmasked,
        TextWriter stdout,
        TextWriter stderr)
    {
        var definition = ChronicAbsenceDefinition.Find(definitionName)!;
        if (threshold is { } t)
        {
            if (t < 0)
            {
                return Fail(stderr, $"--threshold {t.ToString(CultureInfo.InvariantCulture)} is negative.");
            }

            definition = definition with { Threshold = t };
        }

        if (inclusive is { } i)
        {
            definition = definition with { Inclusive = i };
        }

        if (minDays is { } m)
        {
            if (!DayCount.TryParse(m.ToString(CultureInfo.InvariantCulture), out var days))
            {
                return Fail(stderr, $"--min-days {m.ToString(CultureInfo.InvariantCulture)} is not a whole or half number of days.");
            }

            definition = definition with { MinimumDaysEnrolled = days };
        }

        if (attribution is not null)
        {
            definition = definition with
            {
                Attribution = attribution switch
                {
                    "district" => ChronicAbsenceAttribution.District,
                    "student" => ChronicAbsenceAttribution.Student,
                    _ => ChronicAbsenceAttribution.School,
                },
            };
        }

        var daily = new[] { calendarsFile, enrollmentsFile, attendanceFile };
        if (daily.Any(f => f is not null) && daily.Any(f => f is null))
        {
            return Fail(stderr, "daily data needs all three of --calendars, --enrollments and --attendance.");
        }

        if (inputFile is not null && daily.Any(f => f is not null))
        {
            return Fail(stderr, "give either --input (period records) or the daily files, not both.");
        }

        if (definition.Citation.Status == PeimsRules.Rules.CitationStatus.AwaitingConfirmation)
        {
            stderr.WriteLine($"note: {definition.Name} is not verified law ({definition.Citation}); HB 213 (89th Legislature, 2025) did not pass: proposed, not law, for what-if analysis only.");
        }

        ChronicAbsenceInput spans;
        SchoolYear? year = null;
        var useDaily = calendarsFile is not null
            || (inputFile is null && definition.Measure == ChronicAbsenceMeasure.PercentOfInstructionalMinutes);
        try
        {
            if (useDaily)
            {
                var problems = new List<CsvProblem>();
                CsvReadResult<T> Read<T>(string path, Func<string, CsvErrorMode, CsvInputOptions, CsvReadResult<T>> read)
                {
                    var result = CliInput.Read(path, read, CsvErrorMode.CollectAll);
                    problems.AddRange(result.Problems);
                    return result;
                }

                var calendarsPath = calendarsFile?.FullName ?? Path.Combine(DailySampleFolder, "calendars.csv");
                var enrollmentsPath = enrollmentsFile?.FullName ?? Path.Combine(DailySampleFolder, "enrollments.csv");
                var calendarRows = Read(calendarsPath, SchoolCalendarCsv.ReadFile);
                var enrollmentRows = Read(enrollmentsPath, StudentEnrollmentCsv.ReadFile);
                var cal = calendarRows.Records;
                var enr = enrollmentRows.Records;
                var marks = Read(attendanceFile?.FullName ?? Path.Combine(DailySampleFolder, "attendance.csv"), DailyAttendanceMarkCsv.ReadFile).Records;

                // The checks periods makes, so that a repeated or overlapping enrollment is refused here as there.
                problems.AddRange(DailyAttendanceFiles.Check(calendarRows, Path.GetFileName(calendarsPath), enrollmentRows, Path.GetFileName(enrollmentsPath)));
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        stderr.WriteLine("error: " + problem);
                    }

                    stderr.WriteLine($"error: {problems.Count} problem(s) in the input files; nothing was written.");
                    return CliOutput.BadInput;
                }

                _ = PeriodAttendanceBuilder.Build(cal, enr, marks);
                spans = ChronicAbsenceInput.FromDaily(definition, cal, enr, marks);
                var calendarYears = cal.Select(c => c.SchoolYear).Distinct().ToList();
                year = calendarYears.Count == 1 ? calendarYears[0] : null;
            }
            else
            {
                var path = inputFile?.FullName ?? AdaCommand.SampleFile;
                var read = CliInput.ReadWhole(path, CsvErrorMode.CollectAll);
                if (read.ByContract is { HasProblems: true } result)
                {
                    foreach (var problem in result.Problems)
                    {
                        stderr.WriteLine("error: " + problem);
                    }

                    stderr.WriteLine($"error: {result.Problems.Count} problem(s) in {path}; nothing was written.");
                    return CliOutput.BadInput;
                }

                var years = read.Years;
                if (years.Count > 1)
                {
                    return Fail(stderr, $"{path} holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); give one school year per file.");
                }

                if (definition.Measure == ChronicAbsenceMeasure.PercentOfInstructionalMinutes)
                {
                    stderr.WriteLine($"warning: {definition.Name} measures instructional minutes, which period records do not carry: every student is excluded (NoMinuteData). Give the daily files.");
                }

                spans = ChronicAbsenceInput.FromPeriodRecords(read.Records);
                year = years.Count == 1 ? years[0] : null;
            }
        }
        catch (DailyAttendanceInputException e)
        {
            foreach (var problem in e.Problems)
            {
                stderr.WriteLine("error: " + problem);
            }

            return CliOutput.BadInput;
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return Fail(stderr, e.Message);
        }

        ChronicAbsenceReport report;
        try
        {
            report = ChronicAbsence.Evaluate(definition, spans.Spans);
        }
        catch (ArgumentException e)
        {
            return Fail(stderr, $"{e.Message.Split(" (Parameter", 2)[0]} Check the overriding options.");
        }

        if (spans.LeftOut.Count > 0)
        {
            stderr.WriteLine($"note: {spans.LeftOut.Count} record(s) or enrollment(s) left out before the definition applied, first: {spans.LeftOut[0]}");
        }

        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"chronic: {definition.Name}: {report.Verdicts.Count} verdicts from {spans.Spans.Count} spans; {report.Verdicts.Count(v => v.IsChronicallyAbsent)} chronically absent, {report.Verdicts.Count(v => v.Status == ChronicAbsenceStatus.Trending)} trending, {report.Verdicts.Count(v => !v.IsConsidered)} excluded."));

        // Rates by student group, and TEA's small-group masking on every published rate.
        IReadOnlyList<ChronicAbsenceGroupRate> groupRates;
        try
        {
            groupRates = GroupRates(report, demographicsFile, year, stderr);
        }
        catch (GroupRatesException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, e.Message);
        }

        var masking = SmallGroupMasking.For(year ?? PeimsRules.Rules.RuleParameters.BasicAllotment.Values[^1].From);
        var masks = unmasked ? new MaskReason?[groupRates.Count] : masking.MaskChronicAbsence(ChronicAbsenceByGroup.MaskingCells(groupRates));
        if (unmasked)
        {
            stderr.WriteLine("note: --unmasked: small groups are shown, for the district's own review only; do not publish these rates.");
        }
        else if (!perStudent)
        {
            stderr.WriteLine($"note: rates of groups with 1 to {masking.MinimumStudents - 1} students considered are masked, and the next smallest group with them (TEA TAPR masking): {masks.Count(m => m is not null)} row(s).");
        }

        CliOutput.WriteBuffered(stdout, output =>
        {
            if (format == "json")
            {
                WriteJson(output, report, perStudent, groupRates, masks);
            }
            else if (perStudent)
            {
                WriteStudentsCsv(output, report);
            }
            else
            {
                WriteRatesCsv(output, report, groupRates, masks);
            }
        });

        stdout.Flush();
        return 0;
    }

    /// <summary>A percentage for display: two decimals, half away from zero (the verdicts compare exact fractions).</summary>
    private static string Percent(Ratio? value) =>
        value is { } v ? v.Round(2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : string.Empty;

    private sealed class GroupRatesException(string message) : Exception(message);

    /// <summary>
    /// The rates by group: with a demographics file, every federal group; without one, all students only (the report's
    /// own campus and district rates, the same counts).
    /// </summary>
    private static IReadOnlyList<ChronicAbsenceGroupRate> GroupRates(ChronicAbsenceReport report, FileInfo? demographicsFile, SchoolYear? year, TextWriter stderr)
    {
        if (demographicsFile is null)
        {
            return ChronicAbsenceByGroup.Compute(report, [], year ?? PeimsRules.Rules.RuleParameters.BasicAllotment.Values[^1].From);
        }

        if (year is not { } y)
        {
            throw new GroupRatesException("--demographics needs input of one school year, to check race/ethnicity against the elements valid that year.");
        }

        var read = StudentDemographicsCsv.ReadFile(demographicsFile.FullName, CsvErrorMode.CollectAll, y);
        if (read.HasProblems)
        {
            foreach (var problem in read.Problems)
            {
                stderr.WriteLine("error: " + problem);
            }

            throw new GroupRatesException($"{read.Problems.Count} problem(s) in {demographicsFile.FullName}; nothing was written.");
        }

        var known = read.Records.Select(d => d.Student).ToHashSet();
        var missing = report.Verdicts.Select(v => v.Student).Distinct().Count(s => !known.Contains(s));
        if (missing > 0)
        {
            stderr.WriteLine($"warning: {missing} student(s) have no demographic record and count in All only.");
        }

        return ChronicAbsenceByGroup.Compute(report, read.Records, y);
    }

    private static void WriteRatesCsv(TextWriter output, ChronicAbsenceReport report, IReadOnlyList<ChronicAbsenceGroupRate> groups, IReadOnlyList<MaskReason?> masks)
    {
        output.WriteLine("Definition,Level,DistrictId,CampusId,StudentGroup,Considered,Excluded,Chronic,Trending,ChronicPercent,TrendingPercent,Masked");
        var all = report.Campuses.Concat(report.Districts).ToDictionary(r => (r.Level, r.District, r.Campus));
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var m = masks[i];
            string Shown(string value) => m is null ? value : string.Empty;
            var whole = g.Group == StudentGroup.All ? all.GetValueOrDefault((g.Level, g.District, g.Campus)) : null;
            output.WriteLine(string.Join(
                ',',
                report.Definition.Name,
                g.Level.ToString(),
                g.District.Code,
                g.Campus?.Code ?? string.Empty,
                g.Group.ToString(),
                Shown(g.Considered.ToString(CultureInfo.InvariantCulture)),
                Shown(whole?.Excluded.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
                Shown(g.Chronic.ToString(CultureInfo.InvariantCulture)),
                Shown(whole?.Trending.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
                Shown(Percent(g.Percent)),
                Shown(whole is null ? string.Empty : Percent(whole.TrendingPercent)),
                m?.ToString() ?? string.Empty));
        }

        // A campus or district whose students were all excluded has no group rate: its All row still says so.
        foreach (var r in report.Campuses.Concat(report.Districts).Where(r => r.Considered == 0))
        {
            output.WriteLine(string.Join(',', report.Definition.Name, r.Level.ToString(), r.District.Code, r.Campus?.Code ?? string.Empty, nameof(StudentGroup.All), "0", r.Excluded.ToString(CultureInfo.InvariantCulture), "0", "0", string.Empty, string.Empty, string.Empty));
        }
    }

    private static void WriteStudentsCsv(TextWriter output, ChronicAbsenceReport report)
    {
        output.WriteLine("Definition,StudentId,CampusId,DistrictId,Campuses,GradeLevel,Spans,DaysEnrolled,DaysAbsent,ScheduledMinutes,AbsentMinutes,PercentAbsent,Measured,Status,Exclusions,Reason");
        foreach (var v in report.Verdicts)
        {
            output.WriteLine(string.Join(
                ',',
                report.Definition.Name,
                CliOutput.CsvField(v.Student.Value),
                v.Campus?.Code ?? string.Empty,
                v.District?.Code ?? string.Empty,
                string.Join(' ', v.Campuses.Select(c => c.Code)),
                v.Grade.Code,
                v.Spans.ToString(CultureInfo.InvariantCulture),
                v.DaysEnrolled.ToString(),
                v.DaysAbsent.ToString(),
                v.ScheduledMinutes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                v.AbsentMinutes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                Percent(v.PercentOfDaysAbsent),
                Percent(v.Measured),
                v.Status.ToString(),
                string.Join(' ', v.Exclusions),
                CliOutput.CsvField(v.Reason)));
        }
    }

    private static void WriteJson(TextWriter output, ChronicAbsenceReport report, bool perStudent, IReadOnlyList<ChronicAbsenceGroupRate> groups, IReadOnlyList<MaskReason?> masks)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("definition");
            foreach (var (name, value) in report.Definition.DescribeParameters())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("rates");
            var allMasks = Enumerable.Range(0, groups.Count).Where(i => groups[i].Group == StudentGroup.All).ToDictionary(i => (groups[i].Level, groups[i].District, groups[i].Campus), i => masks[i]);
            foreach (var r in report.Campuses.Concat(report.Districts))
            {
                json.WriteStartObject();
                json.WriteString("level", r.Level.ToString());
                json.WriteString("districtId", r.District.Code);
                if (r.Campus is { } c)
                {
                    json.WriteString("campusId", c.Code);
                }

                if (allMasks.GetValueOrDefault((r.Level, r.District, r.Campus)) is { } masked)
                {
                    json.WriteString("masked", masked.ToString());
                    json.WriteEndObject();
                    continue;
                }

                json.WriteNumber("considered", r.Considered);
                json.WriteNumber("excluded", r.Excluded);
                json.WriteNumber("chronic", r.Chronic);
                json.WriteNumber("trending", r.Trending);
                json.WriteString("chronicPercent", Percent(r.Percent));
                json.WriteString("chronicPercentExact", r.Percent?.ToString());
                json.WriteString("trendingPercent", Percent(r.TrendingPercent));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("groups");
            for (var i = 0; i < groups.Count; i++)
            {
                var g = groups[i];
                json.WriteStartObject();
                json.WriteString("level", g.Level.ToString());
                json.WriteString("districtId", g.District.Code);
                json.WriteString("campusId", g.Campus?.Code);
                json.WriteString("group", g.Group.ToString());
                if (masks[i] is { } masked)
                {
                    json.WriteString("masked", masked.ToString());
                }
                else
                {
                    json.WriteNumber("considered", g.Considered);
                    json.WriteNumber("chronic", g.Chronic);
                    json.WriteString("chronicPercent", Percent(g.Percent));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (perStudent)
            {
                json.WriteStartArray("students");
                foreach (var v in report.Verdicts)
                {
                    json.WriteStartObject();
                    json.WriteString("studentId", v.Student.Value);
                    json.WriteString("campusId", v.Campus?.Code);
                    json.WriteString("districtId", v.District?.Code);
                    json.WriteString("campuses", string.Join(' ', v.Campuses.Select(c => c.Code)));
                    json.WriteString("gradeLevel", v.Grade.Code);
                    CliOutput.WriteDays(json, "daysEnrolled", v.DaysEnrolled);
                    CliOutput.WriteDays(json, "daysAbsent", v.DaysAbsent);
                    json.WriteString("percentAbsent", Percent(v.PercentOfDaysAbsent));
                    json.WriteString("measuredExact", v.Measured?.ToString());
                    json.WriteString("status", v.Status.ToString());
                    json.WriteStartArray("exclusions");
                    foreach (var e in v.Exclusions)
                    {
                        json.WriteStringValue(e.ToString());
                    }

                    json.WriteEndArray();
                    json.WriteString("reason", v.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return CliOutput.BadInput;
    }
}
