using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The program participation file: one row per participation of a student in special education (an IEP, with its
/// instructional setting), pregnancy-related services, or a residential facility, from a first to a last day.
/// </summary>
/// <remarks>
/// Problems name the file, line, column and value: an unknown program, a date that is not yyyy-MM-dd, an end before
/// the start, a setting that is not two digits or is given for another program than SPED, a missing required column or
/// value, malformed CSV.
/// </remarks>
public static class ProgramParticipationCsv
{
    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id).");

    /// <summary>Program: SPED, PRS or RF.</summary>
    public static CsvColumn Program { get; } = new("Program", null, true, "SPED (special education IEP), PRS (pregnancy-related services) or RF (residential facility).");

    /// <summary>StartDate: the first day of participation.</summary>
    public static CsvColumn StartDate { get; } = new("StartDate", null, true, "the first day of participation, yyyy-MM-dd.");

    /// <summary>EndDate: the last day of participation (included); blank while it goes on.</summary>
    public static CsvColumn EndDate { get; } = new("EndDate", null, false, "the last day of participation (included), yyyy-MM-dd; blank while it goes on.");

    /// <summary>InstructionalSetting (C035): on SPED rows, the IEP's setting, 40 for mainstream.</summary>
    public static CsvColumn InstructionalSetting { get; } = new("InstructionalSetting", "E0173", false, "on SPED rows, the IEP's two-digit instructional setting code (C035; 40 is mainstream); blank on other rows.");

    /// <summary>The columns of the layout, in the order the writer writes them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } = [StudentId, Program, StartDate, EndDate, InstructionalSetting];

    /// <summary>Reads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    public static IReadOnlyList<ProgramParticipation> ReadFile(string path) => ReadFile(path, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<ProgramParticipation> ReadFile(string path, CsvErrorMode mode) =>
        ReadFile(path, mode, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<ProgramParticipation> ReadFile(string path, CsvErrorMode mode, CsvInputOptions options) =>
        CsvTableReader.ReadFile(path, Columns, Map, mode, OneRowPerStart, options);

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<ProgramParticipation> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        CsvTableReader.Read(reader, fileName, Columns, Map, mode, OneRowPerStart);

    /// <summary>One row per student, program and start date: a repeated participation is refused, naming both lines.</summary>
    internal static UniqueKey<ProgramParticipation, (StudentId, SpecialProgram, NodaTime.LocalDate)> OneRowPerStart { get; } = new(
        p => (p.Student, p.Program, p.Start),
        k => $"student {k.Item1}, {CsvDailyValues.FormatProgram(k.Item2)} from {CsvDailyValues.FormatDate(k.Item3)}",
        "a participation is given once; a repeated row would count its days twice. Keep one.");

    /// <summary>Writes <paramref name="programs"/> in this layout, header first.</summary>
    public static void Write(TextWriter writer, IEnumerable<ProgramParticipation> programs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(programs);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var p in programs)
        {
            csv.WriteField(p.Student.Value);
            csv.WriteField(CsvDailyValues.FormatProgram(p.Program));
            csv.WriteField(CsvDailyValues.FormatDate(p.Start));
            csv.WriteField(p.End is { } e ? CsvDailyValues.FormatDate(e) : string.Empty);
            csv.WriteField(p.InstructionalSetting ?? string.Empty);
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static ProgramParticipation Map(CsvRowReader row)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var program = row.Required(Program, CsvDailyValues.ParseProgram);
        var start = row.Required(StartDate, CsvDailyValues.ParseDate);
        var end = row.Optional<NodaTime.LocalDate?>(EndDate, t => CsvDailyValues.ParseDate(t), null);
        var setting = row.Text(InstructionalSetting);
        if (end is { } e && e < start)
        {
            throw row.Problem(EndDate, row.Raw(EndDate), $"the participation ends before it starts ({CsvDailyValues.FormatDate(start)}).");
        }

        if (setting is not null && program != SpecialProgram.SpecialEducation)
        {
            throw row.Problem(InstructionalSetting, setting, "an instructional setting belongs to a SPED row only; leave it blank here.");
        }

        if (setting is not null && (setting.Length != 2 || !char.IsAsciiDigit(setting[0]) || !char.IsAsciiDigit(setting[1])))
        {
            throw row.Problem(InstructionalSetting, setting, "an instructional setting (C035) is two digits, such as 40 (mainstream).");
        }

        return new ProgramParticipation(student, program, start, end, setting);
    }
}
