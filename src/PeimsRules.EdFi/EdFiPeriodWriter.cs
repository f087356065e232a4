using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi.Json;
using PeimsRules.Rules;

namespace PeimsRules.EdFi;

/// <summary>The choices of <see cref="EdFiPeriodWriter.WriteFolder"/>, each with its default.</summary>
public sealed record EdFiPeriodWriteOptions
{
    /// <summary>
    /// Whether to write, beside the reporting-period resources, the documents the records' joined attributes come from:
    /// <c>studentEducationOrganizationAssociations</c> (E0785, E0790 sets), <c>studentSchoolAssociations</c> (E0787) and
    /// <c>calendars</c> (the school year), so that the folder alone reads back into the same records.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="true"/>. Set it to <see langword="false"/> when the folder already holds a district's own
    /// associations (its daily data). The association documents written here carry stand-in dates (the school year's
    /// 1 July), because period records carry none: they are for reading back, not for POSTing.
    /// </value>
    public bool IncludeAssociations { get; init; } = true;
}

/// <summary>
/// Writes period records as TEA's Texas extension documents for the school year's model version
/// (<see cref="EdFiModelVersion"/>): <c>tx.basicReportingPeriodAttendances</c>, and for the records that have them
/// <c>tx.bilingualESLProgramReportingPeriodAttendances</c> and <c>tx.specialProgramsReportingPeriodAttendances</c>; one
/// JSON array file per resource, named by the resource, ready for a vendor to POST document by document.
/// </summary>
/// <remarks>
/// Field names, required fields and ranges are the model's: days taught a whole number 1 to 180; day counts 0.0 to 180.0
/// with one decimal; the remote RS/RA days only in the 2025.x model (required there, 0.0 when none). A record that the
/// model cannot hold (days taught with a half day, more than 180 days, remote days in a 2026.x year, two records of one
/// key, one student with two economic disadvantage codes) is refused with the record named, never written half.
/// The bilingual/ESL record's <c>totalEligBilingualESLDaysPresent</c> is written as the record's eligible days present.
/// </remarks>
[TeaSource("TEA Texas extension for Ed-Fi, API models 2025.1.0 and 2026.2.0: tx reporting-period attendance resources")]
public static class EdFiPeriodWriter
{
    /// <summary>Writes <paramref name="records"/> (and their special-programs days) to <paramref name="folder"/>.</summary>
    /// <returns>The files written.</returns>
    /// <exception cref="ArgumentException">A record the year's model cannot hold, or records of more than one school year.</exception>
    public static IReadOnlyList<string> WriteFolder(
        string folder,
        IEnumerable<BasicReportingPeriodAttendance> records,
        IEnumerable<SpecialProgramsAttendancePeriod>? specialProgramRecords = null,
        EdFiPeriodWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(records);
        options ??= new EdFiPeriodWriteOptions();
        var list = records.ToList();
        var years = list.Select(r => r.SchoolYear).Distinct().ToList();
        if (years.Count > 1)
        {
            throw new ArgumentException($"The records are of {years.Count} school years; an Ed-Fi folder holds one.", nameof(records));
        }

        var year = years.Count == 1 ? years[0] : (SchoolYear?)null;
        var model = year is { } y ? EdFiModelVersion.For(y) : EdFiModelVersion.Texas2026;
        var keys = new HashSet<ReportingPeriodAttendanceKey>();
        var basic = new List<BasicReportingPeriodAttendanceDocument>(list.Count);
        var bilingual = new List<BilingualEslProgramReportingPeriodAttendanceDocument>();
        foreach (var r in list)
        {
            if (!keys.Add(r.Key))
            {
                throw new ArgumentException($"Two records of {r.Key}: TEA business rule 42400-000A allows one record per key.", nameof(records));
            }

            basic.Add(Basic(r, model));
            if (r.BilingualEslFunding is { } funding)
            {
                bilingual.Add(new BilingualEslProgramReportingPeriodAttendanceDocument
                {
                    BilingualEslFundingDescriptor = EdFiValues.Tea("BilingualESLFundingDescriptor", funding.Code),
                    SchoolReference = new SchoolReference { SchoolId = SchoolId(r.CampusId) },
                    StudentReference = new StudentReference { StudentUniqueId = r.StudentId.Value },
                    CalendarCode = r.InstructionalTrack.Code,
                    GradeLevelDescriptor = EdFiValues.Tea("GradeLevelDescriptor", r.GradeLevel.Code),
                    ReportingPeriodDescriptor = EdFiValues.Tea("ReportingPeriodDescriptor", r.ReportingPeriod.ToString()),
                    NumberDaysTaught = DaysTaught(r),
                    TotalEligBilingualEslDaysPresent = EdFiValues.OneDecimal(r.EligibleDaysPresent),
                });
            }
        }

        var special = (specialProgramRecords ?? []).Select(s =>
        {
            if (!keys.Contains(s.Record.Key))
            {
                throw new ArgumentException($"Special-programs days of {s.Record.Key}, which is not among the records.", nameof(specialProgramRecords));
            }

            return new SpecialProgramsReportingPeriodAttendanceDocument
            {
                SchoolReference = new SchoolReference { SchoolId = SchoolId(s.Record.CampusId) },
                StudentReference = new StudentReference { StudentUniqueId = s.Record.StudentId.Value },
                CalendarCode = s.Record.InstructionalTrack.Code,
                GradeLevelDescriptor = EdFiValues.Tea("GradeLevelDescriptor", s.Record.GradeLevel.Code),
                ReportingPeriodDescriptor = EdFiValues.Tea("ReportingPeriodDescriptor", s.Record.ReportingPeriod.ToString()),
                NumberDaysTaught = DaysTaught(s.Record),
                TotalEligPregRelSvcsDaysPresent = EdFiValues.OneDecimal(s.PregnancyRelatedServicesDaysPresent),
                TotalEligSpEdMainstreamDaysPresent = EdFiValues.OneDecimal(s.SpecialEducationMainstreamDaysPresent),
                TotalEligResidentialFacilityDaysPresent = EdFiValues.OneDecimal(s.ResidentialFacilityDaysPresent),
            };
        }).ToList();

        Directory.CreateDirectory(folder);
        var written = new List<string>
        {
            WriteArray(folder, EdFiResource.BasicReportingPeriodAttendances, basic, EdFiJsonContext.Default.BasicReportingPeriodAttendanceDocument),
            WriteArray(folder, EdFiResource.BilingualEslProgramReportingPeriodAttendances, bilingual, EdFiJsonContext.Default.BilingualEslProgramReportingPeriodAttendanceDocument),
            WriteArray(folder, EdFiResource.SpecialProgramsReportingPeriodAttendances, special, EdFiJsonContext.Default.SpecialProgramsReportingPeriodAttendanceDocument),
        };
        if (options.IncludeAssociations && year is { } schoolYear)
        {
            written.AddRange(WriteAssociations(folder, list, schoolYear));
        }

        return written.AsReadOnly();
    }

    private static BasicReportingPeriodAttendanceDocument Basic(BasicReportingPeriodAttendance r, EdFiModelVersion model)
    {
        foreach (var (count, name) in new[] { (r.EligibleDaysPresent, "eligible days present"), (r.IneligibleDaysPresent, "ineligible days present"), (r.DaysAbsent, "days absent"), (r.RemoteSynchronousEligibleDaysPresent, "remote synchronous days"), (r.RemoteAsynchronousEligibleDaysPresent, "remote asynchronous days") })
        {
            if (count.HalfDays > 360)
            {
                throw new ArgumentException($"{r.Key}: {count} {name}; the model allows 0.0 to 180.0.", nameof(r));
            }
        }

        var remote = r.RemoteSynchronousEligibleDaysPresent.HalfDays + r.RemoteAsynchronousEligibleDaysPresent.HalfDays;
        if (!model.HasRemoteDays && remote > 0)
        {
            throw new ArgumentException($"{r.Key}: remote days, which the {model.Name} model of {r.SchoolYear.DisplayName} has no fields for.", nameof(r));
        }

        return new BasicReportingPeriodAttendanceDocument
        {
            SchoolReference = new SchoolReference { SchoolId = SchoolId(r.CampusId) },
            StudentReference = new StudentReference { StudentUniqueId = r.StudentId.Value },
            CalendarCode = r.InstructionalTrack.Code,
            GradeLevelDescriptor = EdFiValues.Tea("GradeLevelDescriptor", r.GradeLevel.Code),
            ReportingPeriodDescriptor = EdFiValues.Tea("ReportingPeriodDescriptor", r.ReportingPeriod.ToString()),
            NumberDaysTaught = DaysTaught(r),
            TotalDaysAbsent = EdFiValues.OneDecimal(r.DaysAbsent),
            TotalEligibleDaysPresent = EdFiValues.OneDecimal(r.EligibleDaysPresent),
            TotalIneligibleDaysPresent = EdFiValues.OneDecimal(r.IneligibleDaysPresent),
            RsTotalEligibleDaysPresent = model.HasRemoteDays ? EdFiValues.OneDecimal(r.RemoteSynchronousEligibleDaysPresent) : null,
            RaTotalEligibleDaysPresent = model.HasRemoteDays ? EdFiValues.OneDecimal(r.RemoteAsynchronousEligibleDaysPresent) : null,
        };
    }

    private static IEnumerable<string> WriteAssociations(string folder, List<BasicReportingPeriodAttendance> records, SchoolYear year)
    {
        var start = StudentAttributes.YearStart(year);
        var seoa = new List<StudentEducationOrganizationAssociationDocument>();
        foreach (var student in records.GroupBy(r => (r.DistrictId, r.StudentId)).OrderBy(g => g.Key.DistrictId).ThenBy(g => g.Key.StudentId))
        {
            var economic = student.Select(r => r.EconomicDisadvantage).Distinct().ToList();
            var bilingual = student.Select(r => r.EmergentBilingual).Distinct().ToList();
            if (economic.Count > 1 || bilingual.Count > 1)
            {
                throw new ArgumentException($"Student {student.Key.StudentId} has records with different economic disadvantage or emergent bilingual codes; Ed-Fi holds them on the student, one status a year.", nameof(records));
            }

            seoa.Add(new StudentEducationOrganizationAssociationDocument
            {
                StudentReference = new StudentReference { StudentUniqueId = student.Key.StudentId.Value },
                EducationOrganizationReference = new EducationOrganizationReference { EducationOrganizationId = long.Parse(student.Key.DistrictId.Code, CultureInfo.InvariantCulture) },
                Ext = new StudentEducationOrganizationAssociationExt
                {
                    Tx = new StudentEducationOrganizationAssociationTx
                    {
                        EconomicDisadvantageSets = [new EconomicDisadvantageSet { EconomicDisadvantageDescriptor = EdFiValues.Tea("EconomicDisadvantageDescriptor", economic[0].Code), BeginDate = Date(start) }],
                        EmergentBilingualSets = [new EmergentBilingualSet { EmergentBilingualIndicatorDescriptor = EdFiValues.Tea("EmergentBilingualIndicatorDescriptor", bilingual[0].Code), BeginDate = Date(start) }],
                    },
                },
            });
        }

        // One association a student, school and grade (entry dates a day apart keep the Ed-Fi key unique), with the
        // code when every record of it carries the same one.
        var ssa = new List<StudentSchoolAssociationDocument>();
        foreach (var byStudentSchool in records.GroupBy(r => (r.StudentId, r.CampusId)).OrderBy(g => g.Key.StudentId).ThenBy(g => g.Key.CampusId))
        {
            var n = 0;
            foreach (var byGrade in byStudentSchool.GroupBy(r => r.GradeLevel).OrderBy(g => g.Key))
            {
                var codes = byGrade.Select(r => r.AdaEligibility).Distinct().ToList();
                var code = codes.Count == 1 ? codes[0] : null;
                ssa.Add(new StudentSchoolAssociationDocument
                {
                    StudentReference = new StudentReference { StudentUniqueId = byStudentSchool.Key.StudentId.Value },
                    SchoolReference = new SchoolReference { SchoolId = SchoolId(byStudentSchool.Key.CampusId) },
                    EntryDate = Date(start.PlusDays(n++)),
                    EntryGradeLevelDescriptor = EdFiValues.Tea("GradeLevelDescriptor", byGrade.Key.Code),
                    Ext = code is { } c ? new StudentSchoolAssociationExt { Tx = new StudentSchoolAssociationTx { AdaEligibilityDescriptor = EdFiValues.Tea("ADAEligibilityDescriptor", c.ToString()) } } : null,
                });
            }
        }

        var calendars = records.Select(r => (r.CampusId, r.InstructionalTrack)).Distinct().Order().Select(k => new CalendarDocument
        {
            CalendarCode = k.InstructionalTrack.Code,
            SchoolReference = new SchoolReference { SchoolId = SchoolId(k.CampusId) },
            SchoolYearTypeReference = new SchoolYearTypeReference { SchoolYear = year.EndYear },
            CalendarTypeDescriptor = EdFiValues.EdFiDescriptorNamespace + "/CalendarTypeDescriptor#Student Specific",
        }).ToList();

        return
        [
            WriteArray(folder, EdFiResource.StudentEducationOrganizationAssociations, seoa, EdFiJsonContext.Default.StudentEducationOrganizationAssociationDocument),
            WriteArray(folder, EdFiResource.StudentSchoolAssociations, ssa, EdFiJsonContext.Default.StudentSchoolAssociationDocument),
            WriteArray(folder, EdFiResource.Calendars, calendars, EdFiJsonContext.Default.CalendarDocument),
        ];
    }

    internal static long SchoolId(CampusId campus) => long.Parse(campus.Code, CultureInfo.InvariantCulture);

    internal static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int DaysTaught(BasicReportingPeriodAttendance r)
    {
        if (!r.NumberDaysTaught.IsWholeDays || r.NumberDaysTaught.HalfDays > 360)
        {
            throw new ArgumentException($"{r.Key}: {r.NumberDaysTaught} days taught; the model's days taught are a whole number, 1 to 180.", nameof(r));
        }

        return (int)(r.NumberDaysTaught.HalfDays / 2);
    }

    /// <summary>Writes <paramref name="documents"/> as a JSON array file named by <paramref name="resource"/>, one document a line.</summary>
    internal static string WriteArray<T>(string folder, EdFiResource resource, IEnumerable<T> documents, JsonTypeInfo<T> type)
    {
        var path = Path.Combine(folder, resource.Name + ".json");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        using var json = new Utf8JsonWriter(stream);
        stream.WriteByte((byte)'[');
        var first = true;
        foreach (var document in documents)
        {
            json.Flush();
            stream.Write(first ? "\n"u8 : ",\n"u8);
            first = false;
            json.Reset(stream);
            JsonSerializer.Serialize(json, document, type);
        }

        json.Flush();
        stream.Write("\n]\n"u8);
        return path;
    }
}
