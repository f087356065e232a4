using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PeimsRules.Accountability;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;

namespace PeimsRules.Cli;

/// <summary>
/// <c>indicators [--input periods.csv] [--demographics F] [--leavers F] [--format csv|json]</c>: the accountability
/// attendance rate (grades 1-12) and, with leaver records, the annual dropout rate (grades 7-8 and 7-12), by campus,
/// district and student group (docs/accountability-indicators.md). With no input, the samples shipped with the tool.
/// </summary>
internal static class IndicatorsCommand
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--input") { Description = "The period-attendance CSV (PEIMS 400 / TSDS 42400 records). Without it, the sample with its demographics and leavers." };
        var demographics = new Option<FileInfo?>("--demographics") { Description = "The student demographics file (economic status, Hispanic/Latino and race indicators, at risk, special education), for the student groups." };
        var leavers = new Option<FileInfo?>("--leavers") { Description = "The leaver records file (PEIMS 203), for the annual dropout rate." };
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        var unmasked = new Option<bool>("--unmasked") { Description = "Do not mask small groups: for the district's own review only; TEA masks these rates for publication." };
        format.AcceptOnlyFromAmong("csv", "json");
        var command = new Command("indicators", "Accountability attendance rate and annual dropout rate by campus, district and student group (TEA Accountability Manual, Appendix D, Data Sources), small groups masked.")
        {
            input, demographics, leavers, format, unmasked,
        };
        command.SetAction(parse => Run(
            parse.GetValue(input),
            parse.GetValue(demographics),
            parse.GetValue(leavers),
            parse.GetValue(format)!,
            parse.GetValue(unmasked),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(FileInfo? inputFile, FileInfo? demographicsFile, FileInfo? leaversFile, string format, bool unmasked, TextWriter stdout, TextWriter stderr)
    {
        var useSamples = inputFile is null;
        // The accountability sample (its demographics and leavers are of these students), not the report's district.
        var periodsPath = inputFile?.FullName ?? Sample("sample-periods.csv");
        var demographicsPath = demographicsFile?.FullName ?? (useSamples ? Sample("sample-demographics.csv") : null);
        var leaversPath = leaversFile?.FullName ?? (useSamples ? Sample("sample-leavers.csv") : null);
        var problems = new List<CsvProblem>();

        // One pass over the period file, keeping per student only what the two rates need (AccountabilityStudentTally):
        // the memory follows the students, not the records. A file in plain form and campus order is tallied straight
        // from its bytes; any other is read record by record, with the same tally and every problem as the contract says.
        AccountabilityStudentTally tally;
        IReadOnlyList<StudentDemographics>? demo = null;
        IReadOnlyList<LeaverRecord>? leaverRecords = null;
        try
        {
            var read = AccountabilityStudentTallyCsv.ReadFile(periodsPath, CsvErrorMode.CollectAll, CliInput.Options);
            tally = read.Tally;
            CliInput.NoteUnusedColumns(periodsPath, read.UnusedColumns);
            problems.AddRange(read.Problems);
            var periodYears = tally.SchoolYears;
            if (demographicsPath is not null && periodYears.Count == 1)
            {
                // Race/ethnicity is checked against the elements valid in the period file's year.
                var d = CliInput.Read(demographicsPath, (p, m, o) => StudentDemographicsCsv.ReadFile(p, m, periodYears[0], o), CsvErrorMode.CollectAll);
                problems.AddRange(d.Problems);
                demo = d.Records;
            }

            if (leaversPath is not null)
            {
                var l = CliInput.Read(leaversPath, LeaverRecordCsv.ReadFile, CsvErrorMode.CollectAll);
                problems.AddRange(l.Problems);
                leaverRecords = l.Records;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, e.Message);
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine("error: " + problem);
            }

            stderr.WriteLine($"error: {problems.Count} problem(s) in the input files; nothing was written.");
            return CliOutput.BadInput;
        }

        var years = tally.SchoolYears.Order().ToList();
        if (years.Count != 1)
        {
            return Fail(stderr, $"{periodsPath} holds records of {years.Count} school years; give one school year per file.");
        }

        IReadOnlyList<AttendanceRateFigure> attendance;
        try
        {
            attendance = tally.AttendanceRates(demo);
        }
        catch (ArgumentException e)
        {
            return Fail(stderr, e.Message.Split(" (Parameter", 2)[0]);
        }

        if (demo is not null)
        {
            var missing = tally.StudentsWithoutDemographics(demo);
            if (missing.Count > 0)
            {
                stderr.WriteLine($"warning: {missing.Count} student(s) have no demographic record and count in All only, first: {missing[0]}.");
            }
        }

        IReadOnlyList<DropoutRateFigure> dropouts = [];
        if (leaverRecords is not null)
        {
            var other = leaverRecords.Count(l => l.SchoolYear != years[0]);
            if (other > 0)
            {
                stderr.WriteLine($"warning: {other} leaver record(s) are not of {years[0].DisplayName} and are not counted.");
            }

            var outside = tally.DropoutsNotServed(years[0], leaverRecords);
            if (outside.Count > 0)
            {
                foreach (var l in outside)
                {
                    stderr.WriteLine($"error: dropout {l.Student} (leaver code {l.LeaverCode}, campus {l.Campus}, grade {l.GradeLevel}) is not among the students served: no attendance record of {years[0].DisplayName} puts the student at that campus in that grade span.");
                }

                return Fail(stderr, $"{outside.Count} dropout(s) outside the students served; a dropout rate's numerator must be inside its denominator. Correct the leaver records or the attendance file; nothing was written.");
            }

            try
            {
                dropouts = tally.AnnualDropoutRates(years[0], leaverRecords, demo);
            }
            catch (Exception e) when (e is PeimsCodeException or InvalidOperationException or ArgumentException)
            {
                return Fail(stderr, e.Message);
            }
        }
        else
        {
            stderr.WriteLine("note: no --leavers file: the annual dropout rate is not computed.");
        }

        // TEA's small-group masking applies to every published rate: a masked row publishes no rate and no count.
        var masking = SmallGroupMasking.For(years[0]);
        var attendanceMask = unmasked ? new MaskReason?[attendance.Count] : masking.MaskAttendance(attendance);
        var dropoutMask = unmasked ? new MaskReason?[dropouts.Count] : masking.MaskDropout(dropouts);
        stderr.WriteLine(unmasked ? "note: --unmasked: small groups are shown, for the district's own review only; do not publish these rates." : $"note: small groups masked (TEA TAPR masking: rates with 1 to {masking.MinimumStudents - 1} students, attendance under {masking.MinimumMembershipDays} days in membership, and the next smallest group): {attendanceMask.Count(m => m is not null) + dropoutMask.Count(m => m is not null)} row(s).");
        if (format == "json")
        {
            WriteJson(stdout, years[0], attendance, dropouts, attendanceMask, dropoutMask);
        }
        else
        {
            stdout.WriteLine("Indicator,Grades,Level,DistrictId,CampusId,StudentGroup,Students,Numerator,Denominator,Percent,Masked");
            for (var i = 0; i < attendance.Count; i++)
            {
                var f = attendance[i];
                var m = attendanceMask[i];
                stdout.WriteLine(string.Join(',', "AttendanceRate", "01-12", f.Level, f.District.Code, f.Campus?.Code ?? string.Empty, f.Group, Shown(m, f.Students.ToString(CultureInfo.InvariantCulture)), Shown(m, f.DaysPresent.ToString()), Shown(m, f.DaysInMembership.ToString()), Shown(m, Percent(f.Percent)), m?.ToString() ?? string.Empty));
            }

            for (var i = 0; i < dropouts.Count; i++)
            {
                var f = dropouts[i];
                var m = dropoutMask[i];
                stdout.WriteLine(string.Join(',', "AnnualDropoutRate", f.Grades, f.Level, f.District.Code, f.Campus?.Code ?? string.Empty, f.Group, Shown(m, f.StudentsServed.ToString(CultureInfo.InvariantCulture)), Shown(m, f.Dropouts.ToString(CultureInfo.InvariantCulture)), Shown(m, f.StudentsServed.ToString(CultureInfo.InvariantCulture)), Shown(m, Percent(f.Percent)), m?.ToString() ?? string.Empty));
            }
        }

        stdout.Flush();
        return 0;
    }

    /// <summary>A rate for display: one decimal, half away from zero, as TEA publishes accountability rates (display only).</summary>
    private static string Percent(Ratio? value) =>
        value is { } v ? v.Round(1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A value as published: blank when the row is masked.</summary>
    private static string Shown(MaskReason? mask, string value) => mask is null ? value : string.Empty;

    private static void WriteJson(TextWriter output, SchoolYear year, IReadOnlyList<AttendanceRateFigure> attendance, IReadOnlyList<DropoutRateFigure> dropouts, IReadOnlyList<MaskReason?> attendanceMask, IReadOnlyList<MaskReason?> dropoutMask)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schoolYear", year.DisplayName);
            json.WriteStartArray("attendanceRate");
            for (var i = 0; i < attendance.Count; i++)
            {
                var f = attendance[i];
                json.WriteStartObject();
                json.WriteString("level", f.Level.ToString());
                json.WriteString("districtId", f.District.Code);
                json.WriteString("campusId", f.Campus?.Code);
                json.WriteString("group", f.Group.ToString());
                if (attendanceMask[i] is { } masked)
                {
                    json.WriteString("masked", masked.ToString());
                    json.WriteEndObject();
                    continue;
                }

                json.WriteNumber("students", f.Students);
                CliOutput.WriteDays(json, "daysPresent", f.DaysPresent);
                CliOutput.WriteDays(json, "daysInMembership", f.DaysInMembership);
                json.WriteString("percent", Percent(f.Percent));
                json.WriteString("exact", f.Percent?.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("annualDropoutRate");
            for (var i = 0; i < dropouts.Count; i++)
            {
                var f = dropouts[i];
                json.WriteStartObject();
                json.WriteString("grades", f.Grades);
                json.WriteString("level", f.Level.ToString());
                json.WriteString("districtId", f.District.Code);
                json.WriteString("campusId", f.Campus?.Code);
                json.WriteString("group", f.Group.ToString());
                if (dropoutMask[i] is { } masked)
                {
                    json.WriteString("masked", masked.ToString());
                    json.WriteEndObject();
                    continue;
                }

                json.WriteNumber("dropouts", f.Dropouts);
                json.WriteNumber("studentsServed", f.StudentsServed);
                json.WriteString("percent", Percent(f.Percent));
                json.WriteString("exact", f.Percent?.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
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
