using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The enrollments file: one row per enrollment (student, campus, calendar, grade, entry and withdrawal dates, ADA
/// eligibility code, no-show and state-exclude flags, and the funding codes copied onto the period records).
/// </summary>
/// <remarks>
/// <para>
/// A change of grade, campus, calendar or ADA eligibility code is a new row whose entry date is the previous row's
/// withdrawal date (the withdrawal date is the first day not enrolled unless the build is told otherwise), as Texas
/// systems record a status change. The funding codes may be left blank: 00 (not economically disadvantaged), 0 (not
/// emergent bilingual), and no bilingual/ESL funding code.
/// </para>
/// <para>
/// Problems name the file, line, column and value: an unknown code, a date that is not yyyy-MM-dd, a withdrawal before
/// the entry, a flag that is not Y or N, a missing required column or value, malformed CSV.
/// </para>
/// </remarks>
public static class StudentEnrollmentCsv
{
    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id).");

    /// <summary>CampusId (E0266).</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id of enrollment.");

    /// <summary>CalendarCode: the local name of the campus calendar the student follows.</summary>
    public static CsvColumn CalendarCode { get; } = new("CalendarCode", null, true, "the local name of the campus calendar the student follows (as in the calendars file).");

    /// <summary>GradeLevel (E0017).</summary>
    public static CsvColumn GradeLevel { get; } = new("GradeLevel", "E0017", true, "the grade level: EE, PK, KG, 01 to 12.");

    /// <summary>EntryDate: the first day of the enrollment.</summary>
    public static CsvColumn EntryDate { get; } = new("EntryDate", null, true, "the first day of the enrollment, yyyy-MM-dd.");

    /// <summary>WithdrawalDate: blank while enrolled.</summary>
    public static CsvColumn WithdrawalDate { get; } = new("WithdrawalDate", null, false, "the withdrawal date (the first day not enrolled), yyyy-MM-dd; blank while enrolled.");

    /// <summary>AdaEligibilityCode (E0787).</summary>
    public static CsvColumn AdaEligibilityCode { get; } = new("AdaEligibilityCode", "E0787", true, "the ADA eligibility code in force over the enrollment, 0 to 8.");

    /// <summary>NoShow: Y when the enrollment is marked no show.</summary>
    public static CsvColumn NoShow { get; } = new("NoShow", null, false, "Y when the enrollment is marked no show; blank for N.");

    /// <summary>StateExclude: Y when the enrollment is marked state exclude.</summary>
    public static CsvColumn StateExclude { get; } = new("StateExclude", null, false, "Y when the enrollment is marked state exclude; blank for N.");

    /// <summary>EconomicDisadvantageCode (E0785), blank for 00.</summary>
    public static CsvColumn EconomicDisadvantageCode { get; } = new("EconomicDisadvantageCode", "E0785", false, "the economic disadvantage code: 00, 01, 02 or 99; blank for 00.");

    /// <summary>EmergentBilingualCode (E0790), blank for 0.</summary>
    public static CsvColumn EmergentBilingualCode { get; } = new("EmergentBilingualCode", "E0790", false, "the emergent bilingual indicator: 0, 1, F, S, 3, 4 or 5; blank for 0.");

    /// <summary>BilingualEslFundingCode (E1651), blank for none.</summary>
    public static CsvColumn BilingualEslFundingCode { get; } = new("BilingualEslFundingCode", "E1651", false, "the bilingual/ESL funding code: BE, D1, D2, or blank for none.");

    /// <summary>The columns of the layout, in the order the writer writes them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        StudentId, CampusId, CalendarCode, GradeLevel, EntryDate, WithdrawalDate, AdaEligibilityCode, NoShow, StateExclude,
        EconomicDisadvantageCode, EmergentBilingualCode, BilingualEslFundingCode,
    ];

    /// <summary>Reads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    public static IReadOnlyList<StudentEnrollment> ReadFile(string path) => ReadFile(path, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<StudentEnrollment> ReadFile(string path, CsvErrorMode mode) =>
        ReadFile(path, mode, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<StudentEnrollment> ReadFile(string path, CsvErrorMode mode, CsvInputOptions options) =>
        CsvTableReader.ReadFile(path, Columns, Map, mode, OneRowPerEntry, options);

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<StudentEnrollment> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        CsvTableReader.Read(reader, fileName, Columns, Map, mode, OneRowPerEntry);

    /// <summary>
    /// One row per student, campus and entry date: a repeated enrollment is refused, naming both lines (overlapping
    /// enrollments are found against the calendars, <see cref="DailyAttendanceFiles"/>).
    /// </summary>
    internal static UniqueKey<StudentEnrollment, (StudentId, CampusId, NodaTime.LocalDate)> OneRowPerEntry { get; } = new(
        e => (e.Student, e.Campus, e.EntryDate),
        k => $"student {k.Item1}, campus {k.Item2}, entry {CsvDailyValues.FormatDate(k.Item3)}",
        "an enrollment is given once; a second row entering the same campus on the same day would count its days twice. Keep one, or correct the entry date.");

    /// <summary>Writes <paramref name="enrollments"/> in this layout, header first; an enrollment with code changes is written as one row per code.</summary>
    public static void Write(TextWriter writer, IEnumerable<StudentEnrollment> enrollments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(enrollments);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var e in enrollments)
        {
            for (var i = 0; i < e.AdaEligibility.Count; i++)
            {
                var withdrawal = i + 1 < e.AdaEligibility.Count ? e.AdaEligibility[i + 1].EffectiveDate : e.WithdrawalDate;
                csv.WriteField(e.Student.Value);
                csv.WriteField(e.Campus.Code);
                csv.WriteField(e.CalendarCode);
                csv.WriteField(e.GradeLevel.Code);
                csv.WriteField(CsvDailyValues.FormatDate(e.AdaEligibility[i].EffectiveDate));
                csv.WriteField(withdrawal is { } w ? CsvDailyValues.FormatDate(w) : string.Empty);
                csv.WriteField(e.AdaEligibility[i].Code.ToString());
                csv.WriteField(e.IsNoShow ? "Y" : "N");
                csv.WriteField(e.IsStateExcluded ? "Y" : "N");
                csv.WriteField(e.EconomicDisadvantage.Code);
                csv.WriteField(e.EmergentBilingual.Code);
                csv.WriteField(e.BilingualEslFunding?.Code ?? string.Empty);
                csv.EndRecord();
            }
        }

        csv.Flush();
    }

    private static StudentEnrollment Map(CsvRowReader row)
    {
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var calendar = row.Required(CalendarCode, t => t.Length <= SchoolCalendar.MaximumCodeLength
            ? t
            : throw new FormatException($"a calendar code is at most {SchoolCalendar.MaximumCodeLength} characters."));
        var grade = row.Required(GradeLevel, PeimsRules.GradeLevel.Parse);
        var entry = row.Required(EntryDate, CsvDailyValues.ParseDate);
        var withdrawal = row.Optional<NodaTime.LocalDate?>(WithdrawalDate, t => CsvDailyValues.ParseDate(t), null);
        var code = row.Required(AdaEligibilityCode, AdaEligibility.Parse);
        var noShow = row.Optional(NoShow, CsvDailyValues.ParseFlag, false);
        var stateExclude = row.Optional(StateExclude, CsvDailyValues.ParseFlag, false);
        var economic = row.Optional(EconomicDisadvantageCode, EconomicDisadvantage.Parse, EconomicDisadvantage.NotDisadvantaged);
        var bilingual = row.Optional(EmergentBilingualCode, EmergentBilingual.Parse, EmergentBilingual.NotEmergentBilingual);
        var funding = row.Optional<BilingualEslFunding?>(BilingualEslFundingCode, t => BilingualEslFunding.Parse(t), null);
        if (withdrawal is { } w && w < entry)
        {
            throw row.Problem(WithdrawalDate, row.Raw(WithdrawalDate), $"the withdrawal date is before the entry date {CsvDailyValues.FormatDate(entry)}.");
        }

        return new StudentEnrollment(student, campus, calendar, grade, entry, withdrawal, code, null, noShow, stateExclude, economic, bilingual, funding) { Source = row.Location };
    }
}
