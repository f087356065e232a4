using System.Globalization;
using CsvHelper;
using PeimsRules.Attendance;
using PeimsRules.Reconciliation;

namespace PeimsRules.Csv;

/// <summary>
/// Writes an <see cref="AttendanceComparison"/> as two CSV tables: the figures of both sides with their differences
/// (<see cref="WriteFigures"/>), and the record-level explanation of every row (<see cref="WriteExplanation"/>).
/// </summary>
/// <remarks>
/// Exact values are written as fractions (<c>-9/10</c>, <c>1/180</c>; a whole number alone) so that the contributions
/// of a row's records can be added by hand or by a spreadsheet to exactly the row's difference; the columns ending in
/// <c>Decimal</c> give the same values to six decimals for reading only. Published values are written as published
/// (three decimals by default); a figure with none says why (<c>excluded</c>, <c>not computable</c>). Day changes are
/// in days, with one decimal.
/// </remarks>
public static class ComparisonCsv
{
    /// <summary>The columns of <see cref="WriteFigures"/>, in order.</summary>
    public static IReadOnlyList<string> FigureColumns { get; } =
    [
        "DistrictId", "CampusId", "GradeLevel", "InstructionalTrack", "Population", "ReportingPeriod",
        "AdaBefore", "AdaAfter", "AdaDifferencePublished", "AdaDifferenceExact", "AdaDifferenceExactDecimal", "AdaChange",
        "PiaBefore", "PiaAfter", "PiaDifferencePublished", "PiaDifferenceExact", "PiaDifferenceExactDecimal", "PiaChange",
        "DaysPresentChange", "DaysInMembershipChange", "ExplainingRecords",
    ];

    /// <summary>The columns of <see cref="WriteExplanation"/>, in order.</summary>
    public static IReadOnlyList<string> ExplanationColumns { get; } =
    [
        "DistrictId", "CampusId", "GradeLevel", "InstructionalTrack", "Population", "ReportingPeriod",
        "Change", "StudentId", "RecordCampusId", "RecordGradeLevel", "RecordInstructionalTrack", "RecordReportingPeriod",
        "Description", "AdaContribution", "AdaContributionDecimal",
        "DaysPresentChange", "DaysInMembershipChange", "DuplicateKey",
    ];

    /// <summary>
    /// Writes one line per row: the group (blank in the dimensions not grouped by), the population, the period
    /// (<c>1</c> to <c>6</c>, or <c>Year</c>), both figures and their differences.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="comparison">The comparison.</param>
    /// <param name="changedOnly">Whether to write only the rows in which something differs (the default) or every row.</param>
    public static void WriteFigures(TextWriter writer, AttendanceComparison comparison, bool changedOnly = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparison);
        WriteRows(writer, comparison.Figures, changedOnly);
    }

    /// <summary>
    /// Writes the rows of a comparison of totals as <see cref="WriteFigures(TextWriter, AttendanceComparison, bool)"/>
    /// writes them: the same lines for the same runs (ExplainingRecords counts the record differences behind each row).
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="comparison">The comparison.</param>
    /// <param name="changedOnly">Whether to write only the rows in which something differs or every row.</param>
    public static void WriteTotals(TextWriter writer, AttendanceTotalsComparison comparison, bool changedOnly)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparison);
        WriteRows(writer, comparison.Figures, changedOnly);
    }

    private static void WriteRows(TextWriter writer, IReadOnlyList<FigureDifference> figures, bool changedOnly)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        WriteHeader(csv, FigureColumns);
        foreach (var row in figures)
        {
            if (changedOnly && !row.IsDifferent)
            {
                continue;
            }

            WriteRow(csv, row.Group, row.Population.ToString(), row.Period);
            WriteChange(csv, row.Ada);
            WriteChange(csv, row.Pia);
            csv.WriteField(Days(row.DaysPresentChange));
            csv.WriteField(Days(row.DaysInMembershipChange));
            csv.WriteField(row.ExplainingRecordCount.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>
    /// Writes one line per row and record difference behind it (on either side), with the record's key, what changed
    /// and its contribution; the ADA contributions of a row's lines add up exactly to the row's <c>AdaDifferenceExact</c>.
    /// A row whose figures did not change is explained too when records behind it changed (a move inside the row, whose
    /// two halves cancel; a code that changes no figure). Then one line, with no contribution, per record difference of
    /// periods 7 to 9, which are outside the refined ADA and behind no row: nothing is left out silently.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="comparison">The comparison.</param>
    public static void WriteExplanation(TextWriter writer, AttendanceComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparison);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        WriteHeader(csv, ExplanationColumns);
        foreach (var row in comparison.Figures)
        {
            foreach (var (record, contribution) in row.Explanation)
            {
                WriteRow(csv, row.Group, row.Population.ToString(), row.Period);
                WriteRecord(csv, record, string.Empty);
                csv.WriteField(contribution.Ada?.ToString() ?? "not computable");
                csv.WriteField(contribution.Ada is { } ada ? Approximate(ada) : string.Empty);
                csv.WriteField(Days(contribution.DaysPresentChange));
                csv.WriteField(Days(contribution.DaysInMembershipChange));
                csv.WriteField(record.IsDuplicateKey ? "yes" : string.Empty);
                csv.EndRecord();
            }
        }

        foreach (var record in comparison.RecordDifferences.Where(r => r.Contributions.Count == 0))
        {
            WriteRow(csv, AttendanceGroupKey.Of(record.Before.Concat(record.After).First(), comparison.GroupBy), string.Empty, record.Key.ReportingPeriod);
            WriteRecord(csv, record, " (period 7 to 9: outside the refined ADA)");
            csv.WriteField(string.Empty);
            csv.WriteField(string.Empty);
            csv.WriteField(string.Empty);
            csv.WriteField(string.Empty);
            csv.WriteField(record.IsDuplicateKey ? "yes" : string.Empty);
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static void WriteHeader(CsvWriter csv, IReadOnlyList<string> columns)
    {
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
    }

    private static void WriteRow(CsvWriter csv, AttendanceGroupKey group, string population, ReportingPeriod? period)
    {
        // A campus row names its district too: the campus id starts with it.
        csv.WriteField((group.District ?? group.Campus?.District)?.Code ?? string.Empty);
        csv.WriteField(group.Campus?.Code ?? string.Empty);
        csv.WriteField(group.GradeLevel?.Code ?? string.Empty);
        csv.WriteField(group.InstructionalTrack?.Code ?? string.Empty);
        csv.WriteField(population);
        csv.WriteField(period?.ToString() ?? "Year");
    }

    private static void WriteRecord(CsvWriter csv, RecordDifference record, string note)
    {
        var key = record.Key;
        csv.WriteField(record.Kind.ToString());
        csv.WriteField(key.Student.Value);
        csv.WriteField(key.Campus.Code);
        csv.WriteField(key.GradeLevel.Code);
        csv.WriteField(key.InstructionalTrack.Code);
        csv.WriteField(key.ReportingPeriod.ToString());
        csv.WriteField(CsvOutputText.Neutralize(record.Description + note));
    }

    private static void WriteChange(CsvWriter csv, FigureChange change)
    {
        csv.WriteField(Show(change.Before));
        csv.WriteField(Show(change.After));
        csv.WriteField(change.PublishedDifference?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        csv.WriteField(change.ExactDifference?.ToString() ?? string.Empty);
        csv.WriteField(change.ExactDifference is { } exact ? Approximate(exact) : string.Empty);
        csv.WriteField(change.Kind.ToString());
    }

    private static string Show(Figure figure) => figure.Status switch
    {
        FigureStatus.Computed => figure.Published!.Value.ToString(CultureInfo.InvariantCulture),
        FigureStatus.ExcludedCovid19 => "excluded",
        _ => "not computable",
    };

    private static string Approximate(Ratio value) =>
        value.Round(6, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    private static string Days(decimal days) => days.ToString("0.0", CultureInfo.InvariantCulture);
}
