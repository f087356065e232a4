using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The daily attendance file: one row per attendance mark (student, campus, date, class period with its start and
/// end times, status P, A or F). The mark in the class period that holds the campus's snapshot time decides the day;
/// give the other periods' marks too if the system has them, they are read and do not count.
/// </summary>
/// <remarks>
/// Problems name the file, line, column and value: a date that is not yyyy-MM-dd, a time that is not HH:mm, a period
/// that ends before it starts, an unknown status, a missing required column or value, malformed CSV.
/// </remarks>
public static class DailyAttendanceMarkCsv
{
    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id).");

    /// <summary>CampusId (E0266): where the mark was taken.</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id where the mark was taken.");

    /// <summary>Date: the school day.</summary>
    public static CsvColumn Date { get; } = new("Date", null, true, "the school day, yyyy-MM-dd.");

    /// <summary>ClassPeriod: the class period's local name, optional.</summary>
    public static CsvColumn ClassPeriod { get; } = new("ClassPeriod", null, false, "the class period's local name (such as 2 or ADV), for explanations; may be blank.");

    /// <summary>StartTime: when the class period starts.</summary>
    public static CsvColumn StartTime { get; } = new("StartTime", null, true, "when the class period starts, HH:mm.");

    /// <summary>EndTime: when the class period ends.</summary>
    public static CsvColumn EndTime { get; } = new("EndTime", null, true, "when the class period ends, HH:mm, after the start.");

    /// <summary>Status: P present, A absent, F present for funding.</summary>
    public static CsvColumn Status { get; } = new("Status", null, true, "P (present), A (absent) or F (present for funding, such as a school activity).");

    /// <summary>The columns of the layout, in the order the writer writes them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } = [StudentId, CampusId, Date, ClassPeriod, StartTime, EndTime, Status];

    /// <summary>Reads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    public static DailyAttendanceMarks ReadFile(string path) => (DailyAttendanceMarks)ReadFile(path, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<DailyAttendanceMark> ReadFile(string path, CsvErrorMode mode) =>
        ReadFile(path, mode, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <remarks>
    /// The records are a <see cref="DailyAttendanceMarks"/> (each student and class-period slot held once). The file is
    /// read from its bytes on every core; rows written other than plainly, and every row with a problem, are read by the
    /// row-by-row reader behind the header, so that the records, problems and counts are the ones that reader gives.
    /// </remarks>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<DailyAttendanceMark> ReadFile(string path, CsvErrorMode mode, CsvInputOptions options) =>
        DailyAttendanceMarkFile.Read(path, mode, options ?? CsvInputOptions.Default);

    /// <summary>Reads CSV text in the given mode; the records are a <see cref="DailyAttendanceMarks"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<DailyAttendanceMark> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        Held(CsvTableReader.Read(reader, fileName, Columns, Map, mode, OneMarkPerClassPeriod));

    /// <summary>
    /// The reference reader of a file: row by row through CsvHelper into <see cref="DailyAttendanceMark"/> values, a
    /// repeated mark found by an index of every key. The readable truth that the fast reader
    /// (<see cref="DailyAttendanceMarkFile"/>) is checked against, and that reads what it cannot be sure of.
    /// </summary>
    internal static CsvReadResult<DailyAttendanceMark> ReadReference(string path, CsvErrorMode mode, CsvInputOptions options) =>
        Held(CsvTableReader.ReadFile(path, Columns, Map, mode, OneMarkPerClassPeriod, options));

    private static CsvReadResult<DailyAttendanceMark> Held(CsvReadResult<DailyAttendanceMark> read) =>
        new(DailyAttendanceMarks.From(read.Records), read.Problems, read.UnusedColumns, read.RowsRead, read.RowsRejected, read.RecordLines);

    /// <summary>One mark per student, campus, date and class period: a repeated mark is refused, naming both lines.</summary>
    internal static UniqueKey<DailyAttendanceMark, (StudentId, CampusId, NodaTime.LocalDate, NodaTime.LocalTime, NodaTime.LocalTime)> OneMarkPerClassPeriod { get; } = new(
        m => (m.Student, m.Campus, m.Date, m.Start, m.End),
        k => $"student {k.Item1}, campus {k.Item2}, {CsvDailyValues.FormatDate(k.Item3)} {CsvDailyValues.FormatTime(k.Item4)}-{CsvDailyValues.FormatTime(k.Item5)}",
        "a student has one mark per class period of a day; a second mark of the same period would contradict or repeat the first. Keep one.");

    /// <summary>Writes <paramref name="marks"/> in this layout, header first.</summary>
    public static void Write(TextWriter writer, IEnumerable<DailyAttendanceMark> marks)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(marks);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var m in marks)
        {
            csv.WriteField(m.Student.Value);
            csv.WriteField(m.Campus.Code);
            csv.WriteField(CsvDailyValues.FormatDate(m.Date));
            csv.WriteField(m.ClassPeriod ?? string.Empty);
            csv.WriteField(CsvDailyValues.FormatTime(m.Start));
            csv.WriteField(CsvDailyValues.FormatTime(m.End));
            csv.WriteField(CsvDailyValues.FormatStatus(m.Status));
            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>A row's mark, as the reference reader maps it.</summary>
    internal static DailyAttendanceMark Map(CsvRowReader row)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var date = row.Required(Date, CsvDailyValues.ParseDate);
        var period = row.Text(ClassPeriod);
        var start = row.Required(StartTime, CsvDailyValues.ParseTime);
        var end = row.Required(EndTime, CsvDailyValues.ParseTime);
        var status = row.Required(Status, CsvDailyValues.ParseStatus);
        if (end <= start)
        {
            throw row.Problem(EndTime, row.Raw(EndTime), $"the class period ends at or before its start {CsvDailyValues.FormatTime(start)}.");
        }

        return new DailyAttendanceMark(student, campus, date, start, end, status, period);
    }
}
