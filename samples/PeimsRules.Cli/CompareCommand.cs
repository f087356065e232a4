using System.CommandLine;
using System.Text;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;

namespace PeimsRules.Cli;

/// <summary>
/// <c>compare --before FILE --after FILE [--by campus|...] [--explain FILE] [--prior-year FILE] [--all-rows] [--save-snapshot FILE] [--period N]</c>:
/// why two sets of figures differ. With <c>--period N</c>, a period's six-weeks submission against the same period
/// re-collected in the Summer submission (<see cref="ComparePeriodOutput"/>). Prints the changed figures as CSV on stdout and writes the record-level explanation
/// as CSV; exits 0 whatever the differences, 2 on bad input.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var before = new Option<FileInfo>("--before")
        {
            Description = "The earlier run (such as the vendor's records): a period-attendance CSV, an Ed-Fi folder (tx.basicReportingPeriodAttendances), TSDS PEIMS XML (*.xml) (TEA's rules of its school year), or a snapshot saved with --save-snapshot (*.json: its records and rules).",
            Required = true,
        };
        var after = new Option<FileInfo>("--after")
        {
            Description = "The later run (such as the records rebuilt from daily data): a period-attendance CSV, an Ed-Fi folder, TSDS XML or a snapshot (*.json), of the same school year.",
            Required = true,
        };
        var by = new Option<string>("--by")
        {
            Description = "Group the rows by district, campus, grade or track, or several joined by commas (campus,grade); none for one row.",
            DefaultValueFactory = _ => "campus",
        };
        var explain = new Option<FileInfo?>("--explain")
        {
            Description = "Write the record-level explanation here as CSV: for each row, the records behind it that were added, removed, changed or moved, and each one's exact contribution to the row.",
        };
        var priorYear = new Option<FileInfo?>("--prior-year")
        {
            Description = "For 2019-20: the 2018-19 period-attendance CSV behind each district's COVID-19 historical ratio (used on both sides).",
        };
        var allRows = new Option<bool>("--all-rows")
        {
            Description = "Print every row, not only the rows in which something differs.",
        };
        var saveSnapshot = new Option<FileInfo?>("--save-snapshot")
        {
            Description = "Save the after run (its records and rules) as a snapshot, to compare a later run with it.",
        };

        var period = new Option<int?>("--period")
        {
            Description = "Compare one reporting period only (1 to 6): a six-weeks submission against the same period in the Summer submission. Prints the ADA and basic-allotment dollar difference per row.",
        };

        var command = new Command("compare", "Why two sets of figures differ: every changed ADA and PIA by period and for the year, and the records that explain it.")
        {
            before, after, by, explain, priorYear, allRows, saveSnapshot, period,
        };
        command.SetAction(parse => Run(
            parse.GetValue(before)!.FullName,
            parse.GetValue(after)!.FullName,
            parse.GetValue(by)!,
            parse.GetValue(explain)?.FullName,
            parse.GetValue(priorYear)?.FullName,
            parse.GetValue(allRows),
            parse.GetValue(saveSnapshot)?.FullName,
            parse.GetValue(period)));
        return command;
    }

    internal static int Run(
        string beforePath,
        string afterPath,
        string by,
        string? explainPath,
        string? priorYearPath,
        bool allRows,
        string? snapshotPath,
        int? period = null)
    {
        if (period is { } asked && asked is < 1 or > 6)
        {
            return CliOutput.Fail($"--period is one of the six reporting periods, 1 to 6; {asked} was given.");
        }

        if (!TryParseGrouping(by, out var grouping))
        {
            return CliOutput.Fail($"--by '{by}': give district, campus, grade or track, several joined by commas (campus,grade), or none.");
        }

        // Totals only (no record-level output asked for) of two period files: the figures from each file's partial
        // sums and the record differences counted in one pass over both in key order, keeping no record.
        if (explainPath is null && snapshotPath is null && period is null && priorYearPath is null && CliInput.Options == CsvInputOptions.Default
            && IsCsv(beforePath) && IsCsv(afterPath) && RunTotals(beforePath, afterPath, grouping, allRows) is { } done)
        {
            return done;
        }

        Side beforeRun;
        Side afterRun;
        IReadOnlyList<BasicReportingPeriodAttendance>? prior = null;
        try
        {
            beforeRun = Side.Read(beforePath);
            afterRun = Side.Read(afterPath);
            if (priorYearPath is not null)
            {
                prior = priorYearPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CliInput.ReadPriorYear(priorYearPath) : EdFiInputs.ReadPath(priorYearPath, Console.Error);
            }
        }
        catch (Exception e) when (CliOutput.IsInputError(e))
        {
            return CliOutput.Fail(e.Message);
        }

        var year = beforeRun.Year ?? afterRun.Year;
        if (year is null)
        {
            return CliOutput.Fail($"neither {beforePath} nor {afterPath} holds a record: there is no school year to compare.");
        }

        if (beforeRun.Year is { } b && afterRun.Year is { } a && a != b)
        {
            return CliOutput.Fail($"{beforePath} is {b.DisplayName} and {afterPath} is {a.DisplayName}: compare two runs of one school year.");
        }

        AttendanceComparison comparison;
        try
        {
            comparison = AttendanceComparison.Compare(
                beforeRun.Snapshot(year.Value),
                afterRun.Snapshot(year.Value),
                new AttendanceComparisonOptions { GroupBy = grouping, PriorYearRecords = prior, Period = period is { } p ? new ReportingPeriod(p) : null });
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(CliOutput.Plain(e));
        }

        try
        {
            if (explainPath is not null)
            {
                CliOutput.WriteText(explainPath, explanation => ComparisonCsv.WriteExplanation(explanation, comparison));
            }

            if (snapshotPath is not null)
            {
                CliOutput.WriteFile(snapshotPath, stream => AttendanceSnapshotFile.Write(stream, comparison.After));
            }
        }
        catch (IOException e)
        {
            return CliOutput.Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return CliOutput.Fail(e.Message);
        }

        WriteNotes(comparison, beforeRun, afterRun);
        var stdout = Console.Out;
        if (period is { } only)
        {
            ComparePeriodOutput.Write(stdout, Console.Error, comparison, only, changedOnly: !allRows);
            stdout.Flush();
            return 0;
        }

        ComparisonCsv.WriteFigures(stdout, comparison, changedOnly: !allRows);
        stdout.Flush();
        return 0;
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>compare</c> of two period files when only the figures are asked for: each side's figures from its partial
    /// sums (<see cref="PeimsRules.Csv.Columnar.AttendancePartialsCsv"/>) and the record differences behind each row
    /// counted in one pass over both files in key order (<see cref="AttendanceTotalsComparison"/>), so the memory is that
    /// of the sums. It prints what the record path prints; <see langword="null"/> (nothing printed) when the files need
    /// the record path: a problem in either file (the record path names the first), no record, more than one school
    /// year or two different years, or rows not in key order.
    /// </summary>
    private static int? RunTotals(string beforePath, string afterPath, AttendanceGrouping grouping, bool allRows)
    {
        PeimsRules.Csv.Columnar.AttendancePartialsRead beforeSums;
        PeimsRules.Csv.Columnar.AttendancePartialsRead afterSums;
        AttendanceTotalsComparison? comparison;
        try
        {
            beforeSums = PeimsRules.Csv.Columnar.AttendancePartialsCsv.ReadFile(beforePath, CsvErrorMode.CollectAll);
            if (!IsOneYear(beforeSums))
            {
                return null;
            }

            afterSums = PeimsRules.Csv.Columnar.AttendancePartialsCsv.ReadFile(afterPath, CsvErrorMode.CollectAll);
            if (!IsOneYear(afterSums) || afterSums.SchoolYears[0] != beforeSums.SchoolYears[0])
            {
                return null;
            }

            var options = new AttendanceSummaryOptions { GroupBy = grouping };
            comparison = AttendanceTotalsComparison.Compare(
                AttendanceSummary.FromPartials(beforeSums.Partials!, options),
                AttendanceSummary.FromPartials(afterSums.Partials!, options),
                BasicReportingPeriodAttendanceCsv.ReadEach(beforePath, CsvErrorMode.StopAtFirst),
                BasicReportingPeriodAttendanceCsv.ReadEach(afterPath, CsvErrorMode.StopAtFirst));
        }
        catch (Exception e) when (CliOutput.IsInputError(e) || e is ArgumentException)
        {
            // The record path reads the files again and says what is wrong, as it always has.
            return null;
        }

        if (comparison is null)
        {
            return null;
        }

        CliInput.NoteUnusedColumns(beforePath, beforeSums.UnusedColumns);
        CliInput.NoteUnusedColumns(afterPath, afterSums.UnusedColumns);
        if (!comparison.HasDifferences)
        {
            Console.Error.WriteLine($"compare: no difference: {comparison.RecordCountAfter:N0} records, the same rules and the same figures on both sides.");
        }

        if (comparison.AfterSummary.Rules.AppliesCovid19Adjustment && comparison.Figures.Any(f => f.IsYear && f.Ada.ExactDifference is null))
        {
            Console.Error.WriteLine("note: 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio; without --prior-year (or without a district's ratio) its Year differences are not computable.");
        }

        var stdout = Console.Out;
        ComparisonCsv.WriteTotals(stdout, comparison, changedOnly: !allRows);
        stdout.Flush();
        return 0;

        static bool IsOneYear(PeimsRules.Csv.Columnar.AttendancePartialsRead read) =>
            read.Problems.Count == 0 && read.SchoolYears.Count == 1 && read.Partials is not null;
    }

    private static void WriteNotes(AttendanceComparison comparison, Side before, Side after)
    {
        if (!comparison.HasDifferences)
        {
            Console.Error.WriteLine($"compare: no difference: {comparison.After.RecordCount:N0} records, the same rules and the same figures on both sides.");
        }

        foreach (var difference in comparison.RuleDifferences)
        {
            Console.Error.WriteLine($"note: the rules differ: {difference}.");
        }

        if (before.Saved is { } saved && saved.HasSameRecordsAs(comparison.After.Records))
        {
            Console.Error.WriteLine($"note: {after.Path} holds the same records as the snapshot {before.Path} ({saved.ContentHash}).");
        }

        var duplicates = comparison.DuplicateKeysBefore.Count + comparison.DuplicateKeysAfter.Count;
        if (duplicates > 0)
        {
            Console.Error.WriteLine(
                $"note: {comparison.DuplicateKeysBefore.Count} key(s) of {before.Path} and {comparison.DuplicateKeysAfter.Count} of {after.Path} have more than one record"
                + " (same district, campus, student, grade, track, period and ADA code); they are counted as given and matched as a group.");
        }

        if (comparison.Before.Rules.AppliesCovid19Adjustment && comparison.Figures.Any(f => f.IsYear && f.Ada.ExactDifference is null))
        {
            Console.Error.WriteLine("note: 2019-20 refined ADA is COVID-19 adjusted by each district's 2018-19 historical ratio; without --prior-year (or without a district's ratio) its Year differences are not computable.");
        }
    }

    private static bool TryParseGrouping(string text, out AttendanceGrouping grouping)
    {
        grouping = AttendanceGrouping.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            switch (part.ToUpperInvariant())
            {
                case "DISTRICT":
                    grouping |= AttendanceGrouping.District;
                    break;
                case "CAMPUS":
                    grouping |= AttendanceGrouping.Campus;
                    break;
                case "GRADE":
                    grouping |= AttendanceGrouping.GradeLevel;
                    break;
                case "TRACK":
                    grouping |= AttendanceGrouping.InstructionalTrack;
                    break;
                case "NONE":
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>One side: a period-attendance file (rules of its year) or a saved snapshot (its own rules).</summary>
    private sealed record Side(string Path, IReadOnlyCollection<BasicReportingPeriodAttendance> Records, SavedAttendanceSnapshot? Saved)
    {
        public SchoolYear? Year => Saved?.Snapshot.SchoolYear ?? (CliInput.YearsOf(Records) is [var first, ..] ? first : null);

        public static Side Read(string path)
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var saved = AttendanceSnapshotFile.Load(path);
                return new Side(path, saved.Snapshot.Records, saved);
            }

            // A .csv file is read under the input contract (a clean one through the columnar store); a folder is Ed-Fi documents (the vendor's
            // tx.basicReportingPeriodAttendances), a .xml file TSDS PEIMS XML.
            // A clean file stays in the store it was read into: the comparison reads it a campus at a time.
            var records = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? CliInput.ReadWhole(path, CsvErrorMode.StopAtFirst).Records
                : EdFiInputs.ReadPath(path, Console.Error);
            var years = CliInput.YearsOf(records);
            if (years.Count > 1)
            {
                throw new PeimsCsvException(new CsvProblem(
                    path, 0, BasicReportingPeriodAttendanceCsv.SchoolYear.Name, null,
                    $"the file holds records of {years.Count} school years ({string.Join(", ", years.Select(y => y.DisplayName))}); give one school year per file."));
            }

            return new Side(path, records, null);
        }

        public AttendanceSnapshot Snapshot(SchoolYear year) =>
            Saved?.Snapshot ?? new AttendanceSnapshot(RuleSet.For(year), Records, System.IO.Path.GetFileName(Path));
    }
}
