using System.Globalization;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Csv;

/// <summary>
/// The IEP service-minutes file: a header row, then one row per student, service and interval (a week, or a reporting
/// period) with the minutes required, delivered, and missed by reason. Same contract as the period file: columns in any
/// order, case-insensitive; every bad value reported with its file, line, column and value.
/// </summary>
public static class IepServiceRecordCsv
{
    /// <summary>StudentId.</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id.");

    /// <summary>CampusId: nine digits.</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id.");

    /// <summary>Service: the IEP service, such as Speech therapy.</summary>
    public static CsvColumn Service { get; } = new("Service", null, true, "the IEP service, such as Speech therapy or Resource instruction.");

    /// <summary>WeekOf: the first day of the week (yyyy-MM-dd), for minutes stated per week.</summary>
    public static CsvColumn WeekOf { get; } = new("WeekOf", null, false, "the first day of the week (yyyy-MM-dd) when the IEP states minutes per week; blank otherwise.");

    /// <summary>ReportingPeriod: 1 to 9, for minutes stated per reporting period.</summary>
    public static CsvColumn ReportingPeriod { get; } = new("ReportingPeriod", "E0934", false, "the reporting period when the IEP states minutes per reporting period; blank otherwise.");

    /// <summary>MinutesRequired: whole minutes, above zero.</summary>
    public static CsvColumn MinutesRequired { get; } = new("MinutesRequired", null, true, "the minutes the IEP requires in the interval, a whole number above zero.");

    /// <summary>MinutesDelivered: whole minutes.</summary>
    public static CsvColumn MinutesDelivered { get; } = new("MinutesDelivered", null, true, "the minutes delivered in the interval, a whole number.");

    /// <summary>MinutesMissedStudentAbsent: whole minutes; blank for none.</summary>
    public static CsvColumn MinutesMissedStudentAbsent { get; } = new("MinutesMissedStudentAbsent", null, false, "minutes not delivered because the student was absent.");

    /// <summary>MinutesMissedProviderAbsent: whole minutes; blank for none.</summary>
    public static CsvColumn MinutesMissedProviderAbsent { get; } = new("MinutesMissedProviderAbsent", null, false, "minutes not delivered because the provider was absent.");

    /// <summary>MinutesMissedStudentRefused: whole minutes; blank for none.</summary>
    public static CsvColumn MinutesMissedStudentRefused { get; } = new("MinutesMissedStudentRefused", null, false, "minutes not delivered because the student refused.");

    /// <summary>MinutesMissedCampusClosed: whole minutes; blank for none.</summary>
    public static CsvColumn MinutesMissedCampusClosed { get; } = new("MinutesMissedCampusClosed", null, false, "minutes not delivered because the campus was closed.");

    /// <summary>MinutesMissedOther: whole minutes; blank for none.</summary>
    public static CsvColumn MinutesMissedOther { get; } = new("MinutesMissedOther", null, false, "minutes not delivered for another reason.");

    /// <summary>The columns of the layout, in the order the writer writes them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        StudentId, CampusId, Service, WeekOf, ReportingPeriod, MinutesRequired, MinutesDelivered, MinutesMissedStudentAbsent,
        MinutesMissedProviderAbsent, MinutesMissedStudentRefused, MinutesMissedCampusClosed, MinutesMissedOther,
    ];

    /// <summary>
    /// One row per student, campus, service and interval: a repeated row would count its minutes twice, so the second
    /// is refused, naming both lines.
    /// </summary>
    internal static UniqueKey<IepServiceRecord, (StudentId, CampusId, string, LocalDate?, ReportingPeriod?)> OneRowPerInterval { get; } = new(
        r => (r.StudentId, r.CampusId, r.Service.ToUpperInvariant(), r.WeekOf, r.ReportingPeriod),
        k => $"student {k.Item1}, campus {k.Item2}, service {k.Item3}, " + (k.Item4 is { } w ? $"week of {LocalDatePattern.Iso.Format(w)}" : $"reporting period {k.Item5}"),
        "a service's minutes are given once per student, campus and interval; a second row would count them twice. Fold the two rows into one or correct the interval.");

    /// <summary>Reads a file in the given mode, with the given encoding and limits (<see cref="CsvInputOptions.Default"/> when omitted).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<IepServiceRecord> ReadFile(string path, CsvErrorMode mode = CsvErrorMode.StopAtFirst, CsvInputOptions? options = null) =>
        CsvTableReader.ReadFile(path, Columns, Map, mode, OneRowPerInterval, options);

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<IepServiceRecord> Read(TextReader reader, string fileName, CsvErrorMode mode = CsvErrorMode.StopAtFirst) =>
        CsvTableReader.Read(reader, fileName, Columns, Map, mode, OneRowPerInterval);

    /// <summary>Writes <paramref name="records"/>, header first.</summary>
    public static void Write(TextWriter writer, IEnumerable<IepServiceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var r in records)
        {
            csv.WriteField(r.StudentId.Value);
            csv.WriteField(r.CampusId.Code);
            csv.WriteField(r.Service);
            csv.WriteField(r.WeekOf is { } week ? LocalDatePattern.Iso.Format(week) : string.Empty);
            csv.WriteField(r.ReportingPeriod?.ToString() ?? string.Empty);
            foreach (var minutes in new[]
            {
                r.MinutesRequired, r.MinutesDelivered, r.MinutesMissedStudentAbsent, r.MinutesMissedProviderAbsent,
                r.MinutesMissedStudentRefused, r.MinutesMissedCampusClosed, r.MinutesMissedOther,
            })
            {
                csv.WriteField(minutes.ToString(CultureInfo.InvariantCulture));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    private static int Minutes(string text)
    {
        if (text.Length is 0 or > 9 || !text.All(char.IsAsciiDigit))
        {
            throw new FormatException("minutes are written as a whole number, such as 120.");
        }

        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static LocalDate Date(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? Daily.CsvDailyValues.InRange(result.Value) : throw new FormatException("dates are written yyyy-MM-dd, such as 2024-09-09.");
    }

    private static IepServiceRecord Map(CsvRowReader row)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var service = row.Required(Service, s => s);
        var week = row.Optional<LocalDate?>(WeekOf, t => Date(t), null);
        var period = row.Optional<ReportingPeriod?>(ReportingPeriod, t => PeimsRules.ReportingPeriod.Parse(t), null);
        if (week.HasValue == period.HasValue)
        {
            throw row.Problem(WeekOf, row.Raw(WeekOf), "give either WeekOf (minutes per week) or ReportingPeriod (minutes per reporting period), and only one.", CsvProblemKind.InconsistentRecord);
        }

        var required = row.Required(MinutesRequired, Minutes);
        if (required == 0)
        {
            throw row.Problem(MinutesRequired, row.Raw(MinutesRequired), "the IEP must require more than zero minutes in the interval.", CsvProblemKind.InconsistentRecord);
        }

        return new IepServiceRecord(
            student,
            campus,
            service,
            week,
            period,
            required,
            row.Required(MinutesDelivered, Minutes),
            row.Optional(MinutesMissedStudentAbsent, Minutes, 0),
            row.Optional(MinutesMissedProviderAbsent, Minutes, 0),
            row.Optional(MinutesMissedStudentRefused, Minutes, 0),
            row.Optional(MinutesMissedCampusClosed, Minutes, 0),
            row.Optional(MinutesMissedOther, Minutes, 0));
    }
}
