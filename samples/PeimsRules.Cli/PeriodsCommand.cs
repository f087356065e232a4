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
        var calendars = new Option<FileInfo>("--calendars") { Description = "The calendars file (docs/daily-to-period.md: CALENDAR, PERIOD, HOLIDAY, SCHOOLDAY, EXCLUDE rows).", Required = true };
        var enrollments = new Option<FileInfo>("--enrollments") { Description = "The enrollments file.", Required = true };
        var attendance = new Option<FileInfo>("--attendance") { Description = "The daily attendance marks file.", Required = true };
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
        };

        command.SetAction(parse =>
        {
            var options = new DailyBuildOptions
            {
                WithdrawalDate = parse.GetValue(withdrawal) == "last-day-enrolled" ? WithdrawalDateMeaning.LastDayEnrolled : WithdrawalDateMeaning.FirstDayNotEnrolled,
                NoSnapshotMark = parse.GetValue(noMark) ? NoSnapshotMarkRule.CountPresent : NoSnapshotMarkRule.LeaveDayOut,
                NumberExcludedCalendars = parse.GetValue(numberExcluded),
            };
            return Run(
                parse.GetRequiredValue(calendars),
                parse.GetRequiredValue(enrollments),
                parse.GetRequiredValue(attendance),
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
                return Fail(stderr, $"--explain '{explainStudent}' is not a student id (1 to {StudentId.MaximumLength} letters, digits or hyphens).");
            }

            explained = id;
        }

        var problems = new List<CsvProblem>();
        var notes = new List<string>();
        IReadOnlyList<T> Read<T>(FileInfo file, Func<string, CsvErrorMode, CsvReadResult<T>> read)
        {
            var result = read(file.FullName, CsvErrorMode.CollectAll);
            problems.AddRange(result.Problems);
            notes.AddRange(result.UnusedColumns.Select(c => $"note: {file.Name}: column '{c}' is not part of the layout and was not read."));
            return result.Records;
        }

        IReadOnlyList<SchoolCalendar> calendars;
        IReadOnlyList<StudentEnrollment> enrollments;
        IReadOnlyList<DailyAttendanceMark> marks;
        IReadOnlyList<ProgramParticipation> programs;
        Func<DailyAttendanceMark, string> markLines = _ => string.Empty;
        Lazy<Dictionary<DailyAttendanceMark, long>> markIndex = new(() => []);
        try
        {
            calendars = Read(calendarsFile, SchoolCalendarCsv.ReadFile);
            enrollments = Read(enrollmentsFile, StudentEnrollmentCsv.ReadFile);
            var markResult = DailyAttendanceMarkCsv.ReadFile(attendanceFile.FullName, CsvErrorMode.CollectAll);
            problems.AddRange(markResult.Problems);
            notes.AddRange(markResult.UnusedColumns.Select(c => $"note: {attendanceFile.Name}: column '{c}' is not part of the layout and was not read."));
            marks = markResult.Records;
            markLines = mark => markIndex.Value.TryGetValue(mark, out var line) ? $"{attendanceFile.Name}, line {line}: " : string.Empty;
            markIndex = new Lazy<Dictionary<DailyAttendanceMark, long>>(() =>
            {
                var index = new Dictionary<DailyAttendanceMark, long>();
                for (var i = 0; i < markResult.Records.Count; i++)
                {
                    index.TryAdd(markResult.Records[i], markResult.LineOf(i) ?? 0);
                }

                return index;
            });
            programs = programsFile is null ? [] : Read(programsFile, ProgramParticipationCsv.ReadFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, e.Message);
        }

        foreach (var note in notes)
        {
            stderr.WriteLine(note);
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
                BasicReportingPeriodAttendanceCsv.WriteFile(outputFile.FullName, build.Records);
            }
            else if (explained is null)
            {
                BasicReportingPeriodAttendanceCsv.Write(stdout, build.Records);
                stdout.Flush();
            }

            if (specialFile is not null)
            {
                SpecialProgramsAttendancePeriodCsv.WriteFile(specialFile.FullName, build.SpecialProgramRecords);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
