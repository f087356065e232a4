using System.Globalization;
using CsvHelper;

namespace PeimsRules.Csv;

/// <summary>
/// The canonical period-attendance file: a header row, then one row per TSDS 42400 record
/// (<see cref="BasicReportingPeriodAttendance"/>). Columns in any order, matched case-insensitively; a column may also be
/// named by its TEA element number (E0935, E0937, ...). The two remote columns, BilingualEslFundingCode,
/// AdaEligibilityCode and BirthDate (E0006, joined by student for the 2025-26 pre-K half-day row) may be absent or blank. Days are written like <c>29.0</c> or <c>14.5</c>.
/// </summary>
/// <remarks>
/// <para>
/// One row per key (TEA business rule 42400-000A: student, campus, grade, track and period): a second row with the key
/// of an earlier one is refused, naming both lines. AdaEligibilityCode is the enrollment's code (E0787), joined for the
/// integrity audit; it is not part of the 42400 record and no calculator reads it.
/// </para>
/// <para>
/// Bad input is answered with a <see cref="CsvProblem"/> naming the file, the line (the header is line 1), the column
/// and the value: an unknown code, a day count that is negative or not a multiple of 0.5, a membership (eligible +
/// ineligible present + absent + remote) above the days taught, days taught of zero, a campus outside its district, a
/// missing required column or value, an unreadable number, malformed CSV, a repeated key. Nothing is guessed or
/// silently dropped.
/// </para>
/// </remarks>
public static class BasicReportingPeriodAttendanceCsv
{
    /// <summary>SchoolYear: the year the school year ends in (2024 for 2023-24).</summary>
    public static CsvColumn SchoolYear { get; } = new("SchoolYear", "E0974", true, "the school year, named by the year it ends in (2024 for 2023-24).");

    /// <summary>DistrictId (E0212): six digits.</summary>
    public static CsvColumn DistrictId { get; } = new("DistrictId", "E0212", true, "the six-digit district id.");

    /// <summary>CampusId (E0266): nine digits.</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id, starting with the district's six digits.");

    /// <summary>StudentId (E1523).</summary>
    public static CsvColumn StudentId { get; } = new("StudentId", "E1523", true, "the student id (TX-UNIQUE-STUDENT-ID or a local id).");

    /// <summary>GradeLevel (E0017): EE, PK, KG, 01 to 12.</summary>
    public static CsvColumn GradeLevel { get; } = new("GradeLevel", "E0017", true, "the grade level: EE, PK, KG, 01 to 12.");

    /// <summary>InstructionalTrack (E0975): two digits.</summary>
    public static CsvColumn InstructionalTrack { get; } = new("InstructionalTrack", "E0975", true, "the instructional track, two digits such as 00.");

    /// <summary>ReportingPeriod (E0934): 1 to 9.</summary>
    public static CsvColumn ReportingPeriod { get; } = new("ReportingPeriod", "E0934", true, "the reporting period, 1 to 6 (7 to 9 outside the refined ADA).");

    /// <summary>AdaEligibilityCode (E0787): 0 to 8, optional: the enrollment's code, for the audit.</summary>
    public static CsvColumn AdaEligibilityCode { get; } = new("AdaEligibilityCode", "E0787", false, "the enrollment's ADA eligibility code, 0 to 8, or blank when not known (read by the audit only).");

    /// <summary>BirthDate (E0006), optional: the student's date of birth, yyyy-MM-dd, for the 2025-26 pre-K half-day row.</summary>
    public static CsvColumn BirthDate { get; } = new("BirthDate", "E0006", false, "the student's date of birth, yyyy-MM-dd, or blank when not known (read only by the 2025-26 FSP-eligible pre-K half-day row).");

    /// <summary>NumberDaysTaught (E0935).</summary>
    public static CsvColumn NumberDaysTaught { get; } = new("NumberDaysTaught", "E0935", true, "the days taught in the period, such as 29.0.");

    /// <summary>EligibleDaysPresent (E0937).</summary>
    public static CsvColumn EligibleDaysPresent { get; } = new("EligibleDaysPresent", "E0937", true, "the eligible days present, such as 27.5.");

    /// <summary>IneligibleDaysPresent (E0936).</summary>
    public static CsvColumn IneligibleDaysPresent { get; } = new("IneligibleDaysPresent", "E0936", true, "the ineligible days present, such as 0.0.");

    /// <summary>DaysAbsent (E0036).</summary>
    public static CsvColumn DaysAbsent { get; } = new("DaysAbsent", "E0036", true, "the days absent, such as 1.5.");

    /// <summary>RemoteSynchronousEligibleDaysPresent (E1678), optional.</summary>
    public static CsvColumn RemoteSynchronousEligibleDaysPresent { get; } = new("RemoteSynchronousEligibleDaysPresent", "E1678", false, "remote synchronous eligible days present (2020-21 and 2021-22); blank for none.");

    /// <summary>RemoteAsynchronousEligibleDaysPresent (E1679), optional.</summary>
    public static CsvColumn RemoteAsynchronousEligibleDaysPresent { get; } = new("RemoteAsynchronousEligibleDaysPresent", "E1679", false, "remote asynchronous eligible days present (2020-21 and 2021-22); blank for none.");

    /// <summary>EconomicDisadvantageCode (E0785): 00, 01, 02, 99.</summary>
    public static CsvColumn EconomicDisadvantageCode { get; } = new("EconomicDisadvantageCode", "E0785", true, "the economic disadvantage code: 00, 01, 02 or 99.");

    /// <summary>EmergentBilingualCode (E0790): 0, 1, F, S, 3, 4, 5.</summary>
    public static CsvColumn EmergentBilingualCode { get; } = new("EmergentBilingualCode", "E0790", true, "the emergent bilingual indicator: 0, 1, F, S, 3, 4 or 5.");

    /// <summary>BilingualEslFundingCode (E1651): BE, D1, D2, or blank; optional.</summary>
    public static CsvColumn BilingualEslFundingCode { get; } = new("BilingualEslFundingCode", "E1651", false, "the bilingual/ESL funding code: BE, D1, D2, or blank for none.");

    /// <summary>The columns of the layout, in the order the writer writes them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        SchoolYear, DistrictId, CampusId, StudentId, GradeLevel, InstructionalTrack, ReportingPeriod,
        NumberDaysTaught, EligibleDaysPresent, IneligibleDaysPresent, DaysAbsent, RemoteSynchronousEligibleDaysPresent,
        RemoteAsynchronousEligibleDaysPresent, EconomicDisadvantageCode, EmergentBilingualCode, BilingualEslFundingCode,
        AdaEligibilityCode, BirthDate,
    ];

    /// <summary>The one-record-per-key rule the reader applies (42400-000A), shared by the layouts that extend a 42400 record.</summary>
    internal static UniqueKey<BasicReportingPeriodAttendance, (SchoolYear, ReportingPeriodAttendanceKey)> OneRecordPerKey { get; } = new(
        r => (r.SchoolYear, r.Key),
        k => $"{k.Item1}: {k.Item2}",
        "TEA business rule 42400-000A allows one record per student, campus, grade, track and period. Fold the two rows into one (their days summed) or correct the key.",
        InKeyOrder: true);

    /// <summary>Reads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    public static IReadOnlyList<BasicReportingPeriodAttendance> ReadFile(string path) =>
        ReadFile(path, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<BasicReportingPeriodAttendance> ReadFile(string path, CsvErrorMode mode) =>
        ReadFile(path, mode, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<BasicReportingPeriodAttendance> ReadFile(string path, CsvErrorMode mode, CsvInputOptions options) =>
        CsvTableReader.ReadFile(path, Columns, Map, mode, OneRecordPerKey, options);

    /// <summary>
    /// Reads a file one record at a time, keeping no list of them: the records and problems of
    /// <see cref="ReadFile(string, CsvErrorMode, CsvInputOptions)"/> in the same mode, handed out as they are read, for a
    /// pass whose memory follows what it keeps (per student, per campus), not the file's size. The problems and counts
    /// are complete once the records have been read to the end (<see cref="CsvRecordStream{T}.IsComplete"/>).
    /// </summary>
    /// <remarks>
    /// A repeated key (42400-000A) is found as <see cref="ReadFile(string, CsvErrorMode, CsvInputOptions)"/> finds it.
    /// While the rows come in key order (by campus, then student, grade, track and period, as TEA extracts and
    /// <c>generate</c> write a file) that takes no memory; a file in another order keeps an index of its keys, a few dozen
    /// bytes a record.
    /// <para>
    /// Under the default options a file in plain form and campus order, as TEA extracts and <c>generate</c> write it, is
    /// read straight from its bytes on another thread, with no parsing of text fields; from the first row that is not so,
    /// the rest of the file is read as above (the records before it are the ones this reader gives for those rows).
    /// </para>
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="mode">Stop at the first problem (thrown while reading), or collect them all.</param>
    /// <param name="options">The encoding and limits (docs/input-contract.md); <see langword="null"/> for the defaults.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, while reading, the file has a problem.</exception>
    /// <exception cref="IOException">While reading, the file cannot be opened.</exception>
    public static CsvRecordStream<BasicReportingPeriodAttendance> ReadEach(string path, CsvErrorMode mode, CsvInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return options is null || options == CsvInputOptions.Default
            ? new CsvRecordStream<BasicReportingPeriodAttendance>(stream => ReadEachPlainFirst(stream, path, mode))
            : CsvTableReader.ReadEach(path, Columns, Map, mode, OneRecordPerKey, options);
    }

    /// <summary>
    /// The records of a file read from its bytes while it is in plain form and campus order, then by the canonical
    /// reader, which reads the file from its start, skips the records already handed out (the same records, for rows
    /// in plain form) and gives the rest with every problem and count.
    /// </summary>
    private static IEnumerable<BasicReportingPeriodAttendance> ReadEachPlainFirst(CsvRecordStream<BasicReportingPeriodAttendance> stream, string path, CsvErrorMode mode)
    {
        long handedOut = 0;
        if (Columnar.PlainPeriodFile.TryReadEach(path) is { } plain)
        {
            foreach (var record in plain)
            {
                handedOut++;
                yield return record;
            }

            if (plain.Complete)
            {
                stream.Update([], [], handedOut, 0, handedOut);
                yield break;
            }
        }

        var canonical = CsvTableReader.ReadEach(path, Columns, Map, mode, OneRecordPerKey, null);
        long seen = 0;
        foreach (var record in canonical)
        {
            if (seen++ >= handedOut)
            {
                yield return record;
            }
        }

        stream.Update(canonical.Problems, canonical.UnusedColumns, canonical.RowsRead, canonical.RowsRejected, canonical.RecordCount);
    }

    /// <summary>Reads CSV text, throwing at its first problem.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <exception cref="PeimsCsvException">The text has a problem.</exception>
    public static IReadOnlyList<BasicReportingPeriodAttendance> Read(TextReader reader, string fileName) =>
        Read(reader, fileName, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<BasicReportingPeriodAttendance> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        CsvTableReader.Read(reader, fileName, Columns, Map, mode, OneRecordPerKey);

    /// <summary>
    /// Writes <paramref name="records"/> in the canonical layout, header first. The BirthDate column is written only
    /// when a record carries a birth date, so files without one keep their layout.
    /// </summary>
    /// <remarks>
    /// A collection is looked through for birth dates first. Any other sequence is written as a stream, one record at a
    /// time (a statewide file never needs to be in memory): its first record decides whether the BirthDate column is
    /// written.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// A sequence that is not a collection has a record with a birth date after a first record without one: the column
    /// is not in the header already written, and the date is not dropped; give the records as a collection.
    /// </exception>
    public static void Write(TextWriter writer, IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        IEnumerable<BasicReportingPeriodAttendance> list;
        bool withBirthDates;
        if (records is IReadOnlyCollection<BasicReportingPeriodAttendance> collection)
        {
            list = collection;
            withBirthDates = collection.Any(r => r.BirthDate is not null);
        }
        else
        {
            var stream = records.GetEnumerator();
            var first = stream.MoveNext() ? stream.Current : null;
            withBirthDates = first?.BirthDate is not null;
            list = Stream(first, stream);
        }
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            if (column != BirthDate || withBirthDates)
            {
                csv.WriteField(column.Name);
            }
        }

        csv.EndRecord();
        foreach (var r in list)
        {
            WriteKey(csv, r);
            csv.WriteField(r.NumberDaysTaught.ToString());
            csv.WriteField(r.EligibleDaysPresent.ToString());
            csv.WriteField(r.IneligibleDaysPresent.ToString());
            csv.WriteField(r.DaysAbsent.ToString());
            csv.WriteField(r.RemoteSynchronousEligibleDaysPresent.ToString());
            csv.WriteField(r.RemoteAsynchronousEligibleDaysPresent.ToString());
            csv.WriteField(r.EconomicDisadvantage.Code);
            csv.WriteField(r.EmergentBilingual.Code);
            csv.WriteField(r.BilingualEslFunding?.Code ?? string.Empty);
            csv.WriteField(r.AdaEligibility?.ToString() ?? string.Empty);
            if (withBirthDates)
            {
                csv.WriteField(r.BirthDate is { } birth ? NodaTime.Text.LocalDatePattern.Iso.Format(birth) : string.Empty);
            }
            else if (r.BirthDate is not null)
            {
                throw new InvalidOperationException(
                    $"The record {r.Key} has a birth date, and the first record of the sequence had none, so the file's header has no BirthDate column: give the records as a collection to write their birth dates.");
            }

            csv.EndRecord();
        }

        csv.Flush();

        static IEnumerable<BasicReportingPeriodAttendance> Stream(BasicReportingPeriodAttendance? first, IEnumerator<BasicReportingPeriodAttendance> rest)
        {
            using (rest)
            {
                if (first is null)
                {
                    yield break;
                }

                yield return first;
                while (rest.MoveNext())
                {
                    yield return rest.Current;
                }
            }
        }
    }

    /// <summary>
    /// Writes the fields that identify a record (its key, in the layout's order): school year, district, campus,
    /// student, grade, track and period. Shared by the layouts that extend a 42400 record.
    /// </summary>
    internal static void WriteKey(CsvWriter csv, BasicReportingPeriodAttendance r)
    {
        csv.WriteField(r.SchoolYear.ToString());
        csv.WriteField(r.DistrictId.Code);
        csv.WriteField(r.CampusId.Code);
        csv.WriteField(r.StudentId.Value);
        csv.WriteField(r.GradeLevel.Code);
        csv.WriteField(r.InstructionalTrack.Code);
        csv.WriteField(r.ReportingPeriod.ToString());
    }

    /// <summary>Writes <paramref name="records"/> to a file in the canonical layout.</summary>
    public static void WriteFile(string path, IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StreamWriter(path);
        Write(writer, records);
    }

    /// <summary>
    /// The record a refused row would have been, mapped again from the row's values (<see cref="CsvProblem.RowValues"/>):
    /// a row refused only for its repeated key maps; a row with a bad value does not (<see langword="null"/>).
    /// </summary>
    internal static BasicReportingPeriodAttendance? TryMap(CsvProblem problem)
    {
        if (problem.RowValues.Count == 0)
        {
            return null;
        }

        var row = new CsvRowReader(problem.FileName, Columns, new int[Columns.Count], Columns.Count);
        row.Load(problem.Line, problem.RowValues);
        try
        {
            return Map(row);
        }
        catch (CsvRowException)
        {
            return null;
        }
    }

    internal static BasicReportingPeriodAttendance Map(CsvRowReader row)
    {
        var year = row.Required(SchoolYear, PeimsRules.SchoolYear.Parse);
        var district = row.Required(DistrictId, PeimsRules.DistrictId.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var student = row.Required(StudentId, PeimsRules.StudentId.Parse);
        var grade = row.Required(GradeLevel, PeimsRules.GradeLevel.Parse);
        var track = row.Required(InstructionalTrack, PeimsRules.InstructionalTrack.Parse);
        var period = row.Required(ReportingPeriod, PeimsRules.ReportingPeriod.Parse);
        var code = row.Optional<AdaEligibility?>(AdaEligibilityCode, t => AdaEligibility.Parse(t), null);
        var taught = row.Required(NumberDaysTaught, t => CsvRowReader.Days(t, TeaElements.NumberDaysTaught), CsvProblemKind.InvalidDayCount);
        var eligible = row.Required(EligibleDaysPresent, t => CsvRowReader.Days(t, TeaElements.TotalEligibleDaysPresent), CsvProblemKind.InvalidDayCount);
        var ineligible = row.Required(IneligibleDaysPresent, t => CsvRowReader.Days(t, TeaElements.TotalIneligibleDaysPresent), CsvProblemKind.InvalidDayCount);
        var absent = row.Required(DaysAbsent, t => CsvRowReader.Days(t, TeaElements.TotalDaysAbsent), CsvProblemKind.InvalidDayCount);
        var remoteSync = row.Optional(RemoteSynchronousEligibleDaysPresent, t => CsvRowReader.Days(t, TeaElements.RemoteSynchronousEligibleDaysPresent), DayCount.Zero, CsvProblemKind.InvalidDayCount);
        var remoteAsync = row.Optional(RemoteAsynchronousEligibleDaysPresent, t => CsvRowReader.Days(t, TeaElements.RemoteAsynchronousEligibleDaysPresent), DayCount.Zero, CsvProblemKind.InvalidDayCount);
        var economic = row.Required(EconomicDisadvantageCode, EconomicDisadvantage.Parse);
        var bilingual = row.Required(EmergentBilingualCode, EmergentBilingual.Parse);
        var funding = row.Optional<BilingualEslFunding?>(BilingualEslFundingCode, t => BilingualEslFunding.Parse(t), null);
        var birthDate = row.Optional<NodaTime.LocalDate?>(BirthDate, t => ParseBirthDate(t), null);

        if (campus.District != district)
        {
            throw row.Problem(CampusId, row.Raw(CampusId), $"the campus is not in district {district}: a campus id starts with its district's six digits.", CsvProblemKind.InconsistentRecord);
        }

        if (taught.HalfDays == 0)
        {
            throw row.Problem(NumberDaysTaught, row.Raw(NumberDaysTaught), "days taught must be more than zero.", CsvProblemKind.InconsistentRecord);
        }

        var membership = eligible + ineligible + absent + remoteSync + remoteAsync;
        if (membership > taught)
        {
            var remote = remoteSync + remoteAsync;
            throw row.Problem(
                NumberDaysTaught,
                row.Raw(NumberDaysTaught),
                string.Create(CultureInfo.InvariantCulture, $"eligible present {eligible} + ineligible present {ineligible} + absent {absent}")
                + (remote.HalfDays > 0 ? $" + remote present {remote}" : string.Empty)
                + $" = {membership} days in membership, more than the {taught} days taught.",
                CsvProblemKind.MembershipExceedsDaysTaught);
        }

        return new BasicReportingPeriodAttendance(
            year,
            new ReportingPeriodAttendanceKey(campus, student, grade, track, period),
            taught,
            eligible,
            ineligible,
            absent,
            new StudentFundingAttributes(economic, bilingual, funding),
            remoteSync,
            remoteAsync,
            code)
        {
            BirthDate = birthDate,
        };
    }

    private static NodaTime.LocalDate ParseBirthDate(string text)
    {
        var result = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new FormatException("a birth date is written yyyy-MM-dd, such as 2021-05-14.");
    }
}
