using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The special-programs days file that <c>periods</c> writes beside the canonical period-attendance file: the key of
/// each period record (school year, district, campus, student, grade, track, period, ADA code) and its pregnancy-related
/// services (E0939), special-education mainstream (E0940) and residential facility (E1652) days present.
/// </summary>
public static class SpecialProgramsAttendancePeriodCsv
{
    /// <summary>PregnancyRelatedServicesDaysPresent (E0939).</summary>
    public static CsvColumn PregnancyRelatedServicesDaysPresent { get; } = new("PregnancyRelatedServicesDaysPresent", "E0939", true, "eligible days present while receiving pregnancy-related services, such as 12.5.");

    /// <summary>SpecialEducationMainstreamDaysPresent (E0940).</summary>
    public static CsvColumn SpecialEducationMainstreamDaysPresent { get; } = new("SpecialEducationMainstreamDaysPresent", "E0940", true, "eligible days present under an IEP with instructional setting 40, such as 12.5.");

    /// <summary>ResidentialFacilityDaysPresent (E1652).</summary>
    public static CsvColumn ResidentialFacilityDaysPresent { get; } = new("ResidentialFacilityDaysPresent", "E1652", true, "eligible days present while living in a residential facility, such as 12.5.");

    /// <summary>The columns, in the order the writer writes them: the record's key columns, then the three counts.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        BasicReportingPeriodAttendanceCsv.SchoolYear, BasicReportingPeriodAttendanceCsv.DistrictId, BasicReportingPeriodAttendanceCsv.CampusId,
        BasicReportingPeriodAttendanceCsv.StudentId, BasicReportingPeriodAttendanceCsv.GradeLevel, BasicReportingPeriodAttendanceCsv.InstructionalTrack,
        BasicReportingPeriodAttendanceCsv.ReportingPeriod,
        PregnancyRelatedServicesDaysPresent, SpecialEducationMainstreamDaysPresent, ResidentialFacilityDaysPresent,
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
            csv.WriteField(s.PregnancyRelatedServicesDaysPresent.ToString());
            csv.WriteField(s.SpecialEducationMainstreamDaysPresent.ToString());
            csv.WriteField(s.ResidentialFacilityDaysPresent.ToString());
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
}
