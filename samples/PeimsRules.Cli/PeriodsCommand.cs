using System.CommandLine;
using System.Globalization;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;

namespace PeimsRules.Cli;

/// <summary>
/// <c>periods</c>: from calendars, enrollments, daily attendance marks and program participation to the canonical
/// period-attendance CSV (one TSDS 42400 record a row) that <c>ada</c> reads, following the Ed-Fi TX reporting-period
/// attendance logic (Ed-Fi Texas v4.0 reporting-period attendance object logic). With <c>--explain STUDENTID</c>, it shows that student's days instead: which counted,
/// what each added, and why each other day was left out.
/// </summary>
internal static class PeriodsCommand
{
    public static Command Create()
    {
        var calendars = new Option<FileInfo?>("--calendars") { Description = "The calendars file (docs/daily-to-period.md: CALENDAR, PERIOD, HOLIDAY, SCHOOLDAY, EXCLUDE rows). Required unless --edfi or --edfi-api." };
        var enrollments = new Option<FileInfo?>("--enrollments") { Description = "The enrollments file. Required unless --edfi or --edfi-api." };
        var attendance = new Option<FileInfo?>("--attendance") { Description = "The daily attendance marks file. Required unless --edfi or --edfi-api." };
        var edfiDir = new Option<DirectoryInfo?>("--edfi") { Description = "Build from a district's daily Ed-Fi documents in this folder (docs/edfi.md): schools, calendars, calendarDates, tx.reportingPeriodExts, studentSchoolAssociations, attendance events, program associations." };
        var edfiApi = new Option<string?>("--edfi-api") { Description = "Build from a live Ed-Fi ODS/API at this address; key and secret from EDFI_CLIENT_ID and EDFI_CLIENT_SECRET." };
        var categories = new Option<FileInfo?>("--attendance-categories") { Description = "A Descriptor,Counts CSV mapping the district's attendance event categories to present, absent or present-for-funding (over Ed-Fi's defaults)." };
        var negative = new Option<bool>("--negative-attendance") { Description = "Ed-Fi input records absences only: a day in membership with no attendance event is present (reported in the summary)." };
        var format = new Option<string>("--format") { Description = "csv (the period-attendance CSV) or edfi (TEA's Texas extension documents, a folder given by --output).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "edfi");
        var programs = new Option<FileInfo?>("--programs") { Description = "The program participation file (IEP, pregnancy-related services, residential facility)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the period-attendance CSV here instead of to stdout." };
        var special = new Option<FileInfo?>("--special-programs-output") { Description = "Also write the special-programs days (E0939, E0940, E1652) of each record to this file." };
        var explain = new Option<string?>("--explain") { Description = "Show the day-by-day explanation of this student's reporting periods on stdout (the CSV is then written only with --output)." };
        var withdrawal = new Option<string>("--withdrawal-date")
        {
            Description = "What a withdrawal date means: first-day-not-enrolled (Texas SIS practice) or last-day-enrolled.",
            DefaultValueFactory = _ => "first-day-not-enrolled",
        };
        withdrawal.AcceptOnlyFromAmong("first-day-not-enrolled", "last-day-enrolled");
        var noMark = new Option<bool>("--negative-attendance")
        {
            Description = "Negative attendance (the attendance file records absences only): a day in membership with no mark at the snapshot time counts present. Without it such a day is left out and listed.",
        };
        var numberExcluded = new Option<bool>("--number-excluded-calendars") { Description = "Let excluded calendars take a track number (00, 01, ...)." };

        var command = new Command("periods", "Build reporting-period attendance records (TSDS 42400) from calendars, enrollments and daily attendance marks.")
        {
            calendars, enrollments, attendance, programs, output, special, explain, withdrawal, noMark, numberExcluded,
            edfiDir, edfiApi, categories, negative, format,
        };

        command.SetAction(parse =>
        {
            var options = new DailyBuildOptions
            {
                WithdrawalDate = parse.GetValue(withdrawal) == "last-day-enrolled" ? WithdrawalDateMeaning.LastDayEnrolled : WithdrawalDateMeaning.FirstDayNotEnrolled,
                NoSnapshotMark = parse.GetValue(noMark) ? NoSnapshotMarkRule.CountPresent : NoSnapshotMarkRule.LeaveDayOut,
                NumberExcludedCalendars = parse.GetValue(numberExcluded),
            };
            var stderr = parse.InvocationConfiguration.Error;
            var edfiSource = new EdFiInputs.Source(parse.GetValue(edfiDir)?.FullName, parse.GetValue(edfiApi), null, null);
            var edfiFormat = parse.GetValue(format) == "edfi";
            if (edfiFormat && parse.GetValue(output) is null)
            {
                return Fail(stderr, "--format edfi writes a folder: give it with --output DIR.");
            }

            if (edfiSource.IsGiven)
            {
                if (edfiSource.EdFiFolder is not null && edfiSource.EdFiApi is not null)
                {
                    return Fail(stderr, "give --edfi or --edfi-api, not both.");
                }

                return RunEdFi(edfiSource, parse.GetValue(categories), parse.GetValue(negative), options, parse.GetValue(output), edfiFormat, parse.GetValue(special), parse.InvocationConfiguration.Output, stderr);
            }

            if (parse.GetValue(calendars) is not { } calendarsFile || parse.GetValue(enrollments) is not { } enrollmentsFile || parse.GetValue(attendance) is not { } attendanceFile)
            {
                return Fail(stderr, "give --calendars, --enrollments and --attendance (or --edfi DIR / --edfi-api URL).");
            }

            if (edfiFormat)
            {
                return Fail(stderr, "--format edfi is for records built from Ed-Fi input (--edfi or --edfi-api); for CSV input write CSV.");
            }

            return Run(
                calendarsFile,
                enrollmentsFile,
                attendanceFile,
                parse.GetValue(programs),
                parse.GetValue(output),
                parse.GetValue(special),
                parse.GetValue(explain),
                options,
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(
        FileInfo calendarsFile,
        FileInfo enrollmentsFile,
        FileInfo attendanceFile,
        FileInfo? programsFile,
        FileInfo? outputFile,
        FileInfo? specialFile,
        string? explainStudent,
        DailyBuildOptions options,
        TextWriter stdout,
        TextWriter stderr)
    {
        StudentId? explained = null;
        if (explainStudent is not null)
        {
            if (!StudentId.TryParse(explainStudent, out var id))
            {
                return Fail(stderr, $"--explain '{CliOutput.Echo(explainStudent)}' is not a student id (1 to {StudentId.MaximumLength} letters, digits or hyphens).");
            }

            explained = id;
        }

        var problems = new List<CsvProblem>();
        CsvReadResult<T> Read<T>(FileInfo file, Func<string, CsvErrorMode, CsvInputOptions, CsvReadResult<T>> read)
        {
            var result = CliInput.Read(file.FullName, read, CsvErrorMode.CollectAll);
            problems.AddRange(result.Problems);
            return result;
        }

        IReadOnlyList<SchoolCalendar> calendars;
        IReadOnlyList<StudentEnrollment> enrollments;
        IReadOnlyList<DailyAttendanceMark> marks;
        IReadOnlyList<ProgramParticipation> programs;
        Func<DailyAttendanceMark, string> markLines = _ => string.Empty;
        Lazy<Dictionary<DailyAttendanceMark, long>> markIndex = new(() => []);
        try
        {
            var calendarRows = Read(calendarsFile, SchoolCalendarCsv.ReadFile);
            var enrollmentRows = Read(enrollmentsFile, StudentEnrollmentCsv.ReadFile);
            calendars = calendarRows.Records;
            enrollments = enrollmentRows.Records;
            var markRows = Read(attendanceFile, DailyAttendanceMarkCsv.ReadFile);
            marks = markRows.Records;
            markLines = mark => markIndex.Value.TryGetValue(mark, out var line) ? $"{attendanceFile.Name}, line {line}: " : string.Empty;
            markIndex = new Lazy<Dictionary<DailyAttendanceMark, long>>(() =>
            {
                var index = new Dictionary<DailyAttendanceMark, long>();
                for (var i = 0; i < markRows.Records.Count; i++)
                {
                    index.TryAdd(markRows.Records[i], markRows.RecordLines[i]);
                }

                return index;
            });
            programs = programsFile is null ? [] : Read(programsFile, ProgramParticipationCsv.ReadFile).Records;
            problems.AddRange(DailyAttendanceFiles.Check(calendarRows, calendarsFile.Name, enrollmentRows, enrollmentsFile.Name, options.WithdrawalDate));
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

        PeriodAttendanceBuild build;
        try
        {
            build = PeriodAttendanceBuilder.Build(calendars, enrollments, marks, programs, options);
        }
        catch (DailyAttendanceInputException e)
        {
            foreach (var problem in e.Problems)
            {
                stderr.WriteLine("error: " + problem);
            }

            stderr.WriteLine($"error: the input files contradict each other in {e.Problems.Count} place(s); nothing was written.");
            return CliOutput.BadInput;
        }

        try
        {
            if (outputFile is not null)
            {
                CliOutput.WriteText(outputFile.FullName, writer => BasicReportingPeriodAttendanceCsv.Write(writer, build.Records));
            }
            else if (explained is null)
            {
                BasicReportingPeriodAttendanceCsv.Write(stdout, build.Records);
                stdout.Flush();
            }

            if (specialFile is not null)
            {
                CliOutput.WriteText(specialFile.FullName, writer => SpecialProgramsAttendancePeriodCsv.Write(writer, build.SpecialProgramRecords));
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return Fail(stderr, e.Message);
        }

        if (explained is { } student)
        {
            Explain(build, student, stdout);
        }

        Summarize(build, marks.Count, calendars, markLines, stderr);
        return 0;
    }

    private static int RunEdFi(EdFiInputs.Source source, FileInfo? categoriesFile, bool negative, DailyBuildOptions options, FileInfo? output, bool edfiFormat, FileInfo? specialFile, TextWriter stdout, TextWriter stderr)
    {
        PeriodAttendanceBuild build;
        EdFi.EdFiDailyInputs inputs;
        try
        {
            var categories = categoriesFile is null ? EdFi.AttendanceCategoryMap.Default : EdFi.AttendanceCategoryMap.Default.WithFile(categoriesFile.FullName);
            inputs = EdFiInputs.ReadDaily(source, new EdFi.EdFiDailyReadOptions { Categories = categories, NegativeAttendance = negative, ErrorMode = EdFi.EdFiErrorMode.CollectAll }, stderr);
            if (inputs.Problems.Count > 0)
            {
                foreach (var problem in inputs.Problems)
                {
                    stderr.WriteLine("error: " + problem);
                }

                stderr.WriteLine($"error: {inputs.Problems.Count} problem(s) in the Ed-Fi data; nothing was written.");
                return CliOutput.BadInput;
            }

            build = inputs.Build(options);
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return Fail(stderr, e.Message);
        }
        catch (DailyAttendanceInputException e)
        {
            foreach (var problem in e.Problems)
            {
                stderr.WriteLine("error: " + problem);
            }

            return CliOutput.BadInput;
        }

        try
        {
            if (edfiFormat)
            {
                var files = EdFiInputs.WritePeriods(output!.FullName, build);
                var model = EdFi.EdFiModelVersion.For(build.SchoolYear ?? new SchoolYear(2026));
                stderr.WriteLine($"periods: wrote {files.Count} Ed-Fi resource files to {output.FullName} in TEA's Texas extension {model} shape"
                    + (model.IsTsdsCollection ? "." : $" (TSDS took PEIMS XML in {build.SchoolYear?.DisplayName}; the Ed-Fi shape is a stand-in)."));
            }
            else if (output is not null)
            {
                BasicReportingPeriodAttendanceCsv.WriteFile(output.FullName, build.Records);
            }
            else
            {
                BasicReportingPeriodAttendanceCsv.Write(stdout, build.Records);
                stdout.Flush();
            }

            if (specialFile is not null)
            {
                SpecialProgramsAttendancePeriodCsv.WriteFile(specialFile.FullName, build.SpecialProgramRecords);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail(stderr, e.Message);
        }

        stderr.WriteLine("periods: Ed-Fi documents read: " + string.Join(", ", inputs.DocumentsRead.Where(d => d.Value > 0).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Value}"))) + ".");
        stderr.WriteLine(inputs.NegativeAttendance
            ? string.Create(CultureInfo.InvariantCulture, $"periods: negative attendance: {build.DaysCountedPresentWithoutMark} day(s) in membership with no attendance event were counted present.")
            : "periods: positive attendance: a day with no attendance event is left out, not counted (--negative-attendance counts it present).");
        Summarize(build, inputs.Marks.Count, inputs.Calendars, _ => string.Empty, stderr);
        return 0;
    }

    private static void Explain(PeriodAttendanceBuild build, StudentId student, TextWriter stdout)
    {
        var any = false;
        for (var p = 1; p <= 9; p++)
        {
            var period = new ReportingPeriod(p);
            var lines = build.Explain(student, period);
            if (lines.Count == 0)
            {
                continue;
            }

            any = true;
            stdout.WriteLine($"Student {student}, reporting period {period}:");
            foreach (var line in lines)
            {
                stdout.WriteLine("  " + line);
            }

            foreach (var record in build.Records.Where(r => r.StudentId == student && r.ReportingPeriod == period))
            {
                stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  => record campus {record.CampusId} grade {record.GradeLevel} track {record.InstructionalTrack} {(record.AdaEligibility is { } code ? $"code {code}" : "codes changed")}: days taught {record.NumberDaysTaught}, eligible present {record.EligibleDaysPresent}, ineligible present {record.IneligibleDaysPresent}, absent {record.DaysAbsent}"));
            }
        }

        if (!any)
        {
            stdout.WriteLine($"Student {student} has no enrollment in these files.");
        }

        stdout.Flush();
    }

    private static void Summarize(PeriodAttendanceBuild build, int markCount, IReadOnlyList<SchoolCalendar> calendars, Func<DailyAttendanceMark, string> place, TextWriter stderr)
    {
        string Place(DailyAttendanceMark mark) => place(mark);

        if (build.Options.NoSnapshotMark == NoSnapshotMarkRule.CountPresent)
        {
            stderr.WriteLine("periods: negative attendance: a day in membership with no mark at the snapshot time was counted present.");
        }

        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"periods: {build.Records.Count} period records ({build.SpecialProgramRecords.Count} with special-program days) for {build.Students.Count} students from {markCount} attendance marks."));
        if (build.LeftOutDays.Count > 0)
        {
            stderr.WriteLine("periods: enrolled days left out: " + string.Join(", ", build.LeftOutDays.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))) + " (see --explain).");
        }

        if (build.UnmatchedMarks.Count > 0)
        {
            var campuses = calendars.Select(c => c.Campus).ToHashSet();
            stderr.WriteLine($"warning: {build.UnmatchedMarks.Count} attendance mark(s) fall on no enrollment of the student at that campus and were not counted:");
            foreach (var mark in build.UnmatchedMarks.Take(10))
            {
                var why = campuses.Contains(mark.Campus) ? string.Empty : $" (no calendar in the calendars file is for campus {mark.Campus})";
                stderr.WriteLine($"warning:   {Place(mark)}student {mark.Student} campus {mark.Campus} {mark.Date:uuuu-MM-dd}: {mark}{why}");
            }

            if (build.UnmatchedMarks.Count > 10)
            {
                stderr.WriteLine($"warning:   ... and {build.UnmatchedMarks.Count - 10} more.");
            }
        }

        if (build.MarksOnNonInstructionalDays.Count > 0)
        {
            stderr.WriteLine($"warning: {build.MarksOnNonInstructionalDays.Count} attendance mark(s) fall on a date that is not an instructional day of the student's calendar and were not counted:");
            foreach (var mark in build.MarksOnNonInstructionalDays.Take(10))
            {
                stderr.WriteLine($"warning:   {Place(mark)}student {mark.Student} campus {mark.Campus} {mark.Date:uuuu-MM-dd}: {mark}");
            }

            if (build.MarksOnNonInstructionalDays.Count > 10)
            {
                stderr.WriteLine($"warning:   ... and {build.MarksOnNonInstructionalDays.Count - 10} more.");
            }
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return CliOutput.BadInput;
    }
}
