using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The special-programs days file that <c>periods</c> writes beside the canonical period-attendance file, one row per
/// special-programs record (<see cref="SpecialProgramsAttendancePeriod"/>): the key of its 42400 record (school year,
/// district, campus, student, grade, track, period), the days taught (E0935, as TEA's special-programs record carries
/// them), and its pregnancy-related services (E0939), special-education mainstream (E0940), residential facility (E1652)
/// and bilingual/ESL (E0938) days present, with the bilingual/ESL funding code (E1651) of those days.
/// </summary>
/// <remarks>
/// <para>
/// Read back beside the period records it belongs to: each row is joined to the 42400 record of its key, and a row with
/// no such record, other days taught than the record's, or a count above the record's eligible days present (E0937) is
/// refused with its file, line, column and value. A blank count is 0.0; bilingual/ESL days need their funding code. One
/// row per key and funding code: TEA keys the bilingual/ESL record by the funding code, so a record whose bilingual/ESL
/// days fall under two codes has a row for each.
/// </para>
/// </remarks>
public static class SpecialProgramsAttendancePeriodCsv
{
    /// <summary>PregnancyRelatedServicesDaysPresent (E0939).</summary>
    public static CsvColumn PregnancyRelatedServicesDaysPresent { get; } = new("PregnancyRelatedServicesDaysPresent", "E0939", false, "eligible days present while receiving pregnancy-related services, such as 12.5; blank for none.");

    /// <summary>SpecialEducationMainstreamDaysPresent (E0940).</summary>
    public static CsvColumn SpecialEducationMainstreamDaysPresent { get; } = new("SpecialEducationMainstreamDaysPresent", "E0940", false, "eligible days present under an IEP with instructional setting 40, such as 12.5; blank for none.");

    /// <summary>ResidentialFacilityDaysPresent (E1652).</summary>
    public static CsvColumn ResidentialFacilityDaysPresent { get; } = new("ResidentialFacilityDaysPresent", "E1652", false, "eligible days present while living in a residential facility, such as 12.5; blank for none.");

    /// <summary>BilingualEslDaysPresent (E0938).</summary>
    public static CsvColumn BilingualEslDaysPresent { get; } = new("BilingualEslDaysPresent", "E0938", false, "eligible days present while served in a bilingual/ESL program, such as 12.5; blank for none.");

    /// <summary>BilingualEslFundingCode (E1651) of the bilingual/ESL days: BE, D1, D2; blank when there are none.</summary>
    public static CsvColumn BilingualEslFundingCode { get; } = new("BilingualEslFundingCode", "E1651", false, "the bilingual/ESL funding code of the bilingual/ESL days: BE, D1 or D2; blank when there are none.");

    /// <summary>The columns, in the order the writer writes them: the record's key, days taught, then the counts.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        BasicReportingPeriodAttendanceCsv.SchoolYear, BasicReportingPeriodAttendanceCsv.DistrictId, BasicReportingPeriodAttendanceCsv.CampusId,
        BasicReportingPeriodAttendanceCsv.StudentId, BasicReportingPeriodAttendanceCsv.GradeLevel, BasicReportingPeriodAttendanceCsv.InstructionalTrack,
        BasicReportingPeriodAttendanceCsv.ReportingPeriod, BasicReportingPeriodAttendanceCsv.NumberDaysTaught,
        PregnancyRelatedServicesDaysPresent, SpecialEducationMainstreamDaysPresent, ResidentialFacilityDaysPresent,
        BilingualEslDaysPresent, BilingualEslFundingCode,
    ];

    /// <summary>Writes <paramref name="records"/>, header first.</summary>
    public static void Write(TextWriter writer, IEnumerable<SpecialProgramsAttendancePeriod> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var s in records)
        {
            BasicReportingPeriodAttendanceCsv.WriteKey(csv, s.Record);
            csv.WriteField(s.Record.NumberDaysTaught.ToString());
            csv.WriteField(s.PregnancyRelatedServicesDaysPresent.ToString());
            csv.WriteField(s.SpecialEducationMainstreamDaysPresent.ToString());
            csv.WriteField(s.ResidentialFacilityDaysPresent.ToString());
            csv.WriteField(s.BilingualEslDaysPresent.ToString());
            csv.WriteField(s.BilingualEslFunding?.Code ?? string.Empty);
            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>Writes <paramref name="records"/> to a file.</summary>
    public static void WriteFile(string path, IEnumerable<SpecialProgramsAttendancePeriod> records)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StreamWriter(path);
        Write(writer, records);
    }

    /// <summary>Reads a file, joining each row to the period record of its key among <paramref name="periodRecords"/>.</summary>
    /// <param name="path">The special-programs file.</param>
    /// <param name="periodRecords">The 42400 records the rows belong to (the period-attendance file read beside it).</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<SpecialProgramsAttendancePeriod> ReadFile(string path, IEnumerable<BasicReportingPeriodAttendance> periodRecords, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, periodRecords, mode);
    }

    /// <summary>Reads CSV text, joining each row to the period record of its key among <paramref name="periodRecords"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="periodRecords">The 42400 records the rows belong to.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<SpecialProgramsAttendancePeriod> Read(TextReader reader, string fileName, IEnumerable<BasicReportingPeriodAttendance> periodRecords, CsvErrorMode mode)
    {
        ArgumentNullException.ThrowIfNull(periodRecords);
        var byKey = new Dictionary<(SchoolYear, ReportingPeriodAttendanceKey), BasicReportingPeriodAttendance>();
        foreach (var record in periodRecords)
        {
            byKey.TryAdd((record.SchoolYear, record.Key), record);
        }

        return CsvTableReader.Read(reader, fileName, Columns, row => Map(row, byKey), mode, OneRowPerKeyAndFundingCode);
    }

    private static UniqueKey<SpecialProgramsAttendancePeriod, (SchoolYear, ReportingPeriodAttendanceKey, BilingualEslFunding?)> OneRowPerKeyAndFundingCode { get; } = new(
        s => (s.Record.SchoolYear, s.Record.Key, s.BilingualEslFunding),
        k => $"{k.Item1}: {k.Item2}" + (k.Item3 is { } f ? $", funding code {f}" : string.Empty),
        "a period record has one special-programs record (and one more for each further bilingual/ESL funding code). Fold the two rows into one or correct the key.");

    private static SpecialProgramsAttendancePeriod Map(CsvRowReader row, Dictionary<(SchoolYear, ReportingPeriodAttendanceKey), BasicReportingPeriodAttendance> byKey)
    {
        var year = row.Required(BasicReportingPeriodAttendanceCsv.SchoolYear, PeimsRules.SchoolYear.Parse);
        var district = row.Required(BasicReportingPeriodAttendanceCsv.DistrictId, DistrictId.Parse);
        var campus = row.Required(BasicReportingPeriodAttendanceCsv.CampusId, CampusId.Parse);
        var student = row.Required(BasicReportingPeriodAttendanceCsv.StudentId, StudentId.Parse);
        var grade = row.Required(BasicReportingPeriodAttendanceCsv.GradeLevel, GradeLevel.Parse);
        var track = row.Required(BasicReportingPeriodAttendanceCsv.InstructionalTrack, InstructionalTrack.Parse);
        var period = row.Required(BasicReportingPeriodAttendanceCsv.ReportingPeriod, ReportingPeriod.Parse);
        var taught = row.Required(BasicReportingPeriodAttendanceCsv.NumberDaysTaught, t => DayCount.Parse(t, TeaElements.NumberDaysTaught), CsvProblemKind.InvalidDayCount);
        var prs = Days(row, PregnancyRelatedServicesDaysPresent, TeaElements.PregnancyRelatedServicesEligibleDaysPresent);
        var mainstream = Days(row, SpecialEducationMainstreamDaysPresent, TeaElements.SpecialEducationMainstreamEligibleDaysPresent);
        var residential = Days(row, ResidentialFacilityDaysPresent, TeaElements.ResidentialFacilityEligibleDaysPresent);
        var bilingual = Days(row, BilingualEslDaysPresent, TeaElements.BilingualEslEligibleDaysPresent);
        var funding = row.Optional<BilingualEslFunding?>(BilingualEslFundingCode, t => BilingualEslFunding.Parse(t), null);

        if (campus.District != district)
        {
            throw row.Problem(BasicReportingPeriodAttendanceCsv.CampusId, row.Raw(BasicReportingPeriodAttendanceCsv.CampusId), $"the campus is not in district {district}: a campus id starts with its district's six digits.", CsvProblemKind.InconsistentRecord);
        }

        var key = new ReportingPeriodAttendanceKey(campus, student, grade, track, period);
        if (!byKey.TryGetValue((year, key), out var record))
        {
            throw row.Problem(
                BasicReportingPeriodAttendanceCsv.StudentId,
                row.Raw(BasicReportingPeriodAttendanceCsv.StudentId),
                $"the period-attendance records have no record {year}: {key}; special-programs days belong to the 42400 record of the same student, campus, grade, track and period.",
                CsvProblemKind.InconsistentRecord);
        }

        if (taught != record.NumberDaysTaught)
        {
            throw row.Problem(
                BasicReportingPeriodAttendanceCsv.NumberDaysTaught,
                row.Raw(BasicReportingPeriodAttendanceCsv.NumberDaysTaught),
                $"the period record of this key has {record.NumberDaysTaught} days taught; a special-programs record has its period record's days taught.",
                CsvProblemKind.InconsistentRecord);
        }

        foreach (var (column, count) in new[] { (PregnancyRelatedServicesDaysPresent, prs), (SpecialEducationMainstreamDaysPresent, mainstream), (ResidentialFacilityDaysPresent, residential), (BilingualEslDaysPresent, bilingual) })
        {
            if (count > record.EligibleDaysPresent)
            {
                throw row.Problem(
                    column,
                    row.Raw(column),
                    $"more than the period record's {record.EligibleDaysPresent} eligible days present: special-program days are eligible days present.",
                    CsvProblemKind.InconsistentRecord);
            }
        }

        if (bilingual.HalfDays > 0 && funding is null)
        {
            throw row.Problem(BilingualEslFundingCode, row.Raw(BilingualEslFundingCode), "bilingual/ESL days present need the funding code (BE, D1 or D2) they were served under.", CsvProblemKind.MissingValue);
        }

        return new SpecialProgramsAttendancePeriod(record, prs, mainstream, residential, bilingual, funding);
    }

    private static DayCount Days(CsvRowReader row, CsvColumn column, string element) =>
        row.Optional(column, t => DayCount.Parse(t, element), DayCount.Zero, CsvProblemKind.InvalidDayCount);
}
