using System.Text.Json.Serialization;

// The Ed-Fi documents as the ODS/API writes them (Data Standard 4.0, TEA's Texas extension): camelCase names,
// references as nested objects, descriptors as URIs, Texas fields under "_ext": { "tx": { ... } }. Every field is
// nullable so that a missing one is reported by the mapper with its name, never defaulted.
namespace PeimsRules.EdFi.Json;

internal sealed class SchoolReference
{
    public long? SchoolId { get; set; }
}

internal sealed class StudentReference
{
    public string? StudentUniqueId { get; set; }
}

internal sealed class SchoolYearTypeReference
{
    public int? SchoolYear { get; set; }
}

internal sealed class CalendarReference
{
    public string? CalendarCode { get; set; }

    public long? SchoolId { get; set; }

    public int? SchoolYear { get; set; }
}

internal sealed class CalendarDateReference
{
    public string? CalendarCode { get; set; }

    public string? Date { get; set; }

    public long? SchoolId { get; set; }

    public int? SchoolYear { get; set; }
}

internal sealed class EducationOrganizationReference
{
    public long? EducationOrganizationId { get; set; }
}

internal sealed class LocalEducationAgencyReference
{
    public long? LocalEducationAgencyId { get; set; }
}

internal sealed class SchoolDocument
{
    public long? SchoolId { get; set; }

    public string? NameOfInstitution { get; set; }

    public LocalEducationAgencyReference? LocalEducationAgencyReference { get; set; }
}

internal sealed class GradeLevelItem
{
    public string? GradeLevelDescriptor { get; set; }
}

internal sealed class CalendarDocument
{
    public string? CalendarCode { get; set; }

    public SchoolReference? SchoolReference { get; set; }

    public SchoolYearTypeReference? SchoolYearTypeReference { get; set; }

    public string? CalendarTypeDescriptor { get; set; }

    public List<GradeLevelItem>? GradeLevels { get; set; }
}

internal sealed class CalendarEventItem
{
    public string? CalendarEventDescriptor { get; set; }
}

internal sealed class CalendarDateDocument
{
    public CalendarReference? CalendarReference { get; set; }

    public string? Date { get; set; }

    public List<CalendarEventItem>? CalendarEvents { get; set; }
}

internal sealed class ReportingPeriodExtDocument
{
    public CalendarDateReference? CalendarDateReference { get; set; }

    public string? ReportingPeriodDescriptor { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }

    public int? NumberDaysTaught { get; set; }
}

internal sealed class GradingPeriodDocument
{
    public SchoolReference? SchoolReference { get; set; }

    public SchoolYearTypeReference? SchoolYearTypeReference { get; set; }

    public string? GradingPeriodDescriptor { get; set; }

    public int? PeriodSequence { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }

    public int? TotalInstructionalDays { get; set; }
}

internal sealed class MeetingTimeItem
{
    public string? StartTime { get; set; }

    public string? EndTime { get; set; }
}

internal sealed class ClassPeriodDocument
{
    public string? ClassPeriodName { get; set; }

    public SchoolReference? SchoolReference { get; set; }

    public List<MeetingTimeItem>? MeetingTimes { get; set; }

    public bool? OfficialAttendancePeriod { get; set; }
}

internal sealed class StudentSchoolAssociationTx
{
    public string? AdaEligibilityDescriptor { get; set; }
}

internal sealed class StudentSchoolAssociationExt
{
    public StudentSchoolAssociationTx? Tx { get; set; }
}

internal sealed class StudentSchoolAssociationDocument
{
    public string? Id { get; set; }

    public StudentReference? StudentReference { get; set; }

    public SchoolReference? SchoolReference { get; set; }

    public string? EntryDate { get; set; }

    public string? EntryGradeLevelDescriptor { get; set; }

    public string? ExitWithdrawDate { get; set; }

    public CalendarReference? CalendarReference { get; set; }

    [JsonPropertyName("_ext")]
    public StudentSchoolAssociationExt? Ext { get; set; }
}

internal sealed class EconomicDisadvantageSet
{
    public string? EconomicDisadvantageDescriptor { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }
}

internal sealed class EmergentBilingualSet
{
    public string? EmergentBilingualIndicatorDescriptor { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }
}

internal sealed class StudentEducationOrganizationAssociationTx
{
    public List<EconomicDisadvantageSet>? EconomicDisadvantageSets { get; set; }

    public List<EmergentBilingualSet>? EmergentBilingualSets { get; set; }
}

internal sealed class StudentEducationOrganizationAssociationExt
{
    public StudentEducationOrganizationAssociationTx? Tx { get; set; }
}

internal sealed class StudentEducationOrganizationAssociationDocument
{
    public StudentReference? StudentReference { get; set; }

    public EducationOrganizationReference? EducationOrganizationReference { get; set; }

    [JsonPropertyName("_ext")]
    public StudentEducationOrganizationAssociationExt? Ext { get; set; }
}

internal sealed class SessionReference
{
    public long? SchoolId { get; set; }

    public int? SchoolYear { get; set; }

    public string? SessionName { get; set; }
}

internal sealed class StudentSchoolAttendanceEventDocument
{
    public string? Id { get; set; }

    public StudentReference? StudentReference { get; set; }

    public SchoolReference? SchoolReference { get; set; }

    public SessionReference? SessionReference { get; set; }

    public string? EventDate { get; set; }

    public string? AttendanceEventCategoryDescriptor { get; set; }

    public decimal? EventDuration { get; set; }
}

internal sealed class SectionReference
{
    public string? LocalCourseCode { get; set; }

    public long? SchoolId { get; set; }

    public int? SchoolYear { get; set; }

    public string? SectionIdentifier { get; set; }

    public string? SessionName { get; set; }
}

internal sealed class ClassPeriodReference
{
    public string? ClassPeriodName { get; set; }

    public long? SchoolId { get; set; }
}

internal sealed class ClassPeriodItem
{
    public ClassPeriodReference? ClassPeriodReference { get; set; }
}

internal sealed class StudentSectionAttendanceEventDocument
{
    public string? Id { get; set; }

    public StudentReference? StudentReference { get; set; }

    public SectionReference? SectionReference { get; set; }

    public string? EventDate { get; set; }

    public string? AttendanceEventCategoryDescriptor { get; set; }

    public List<ClassPeriodItem>? ClassPeriods { get; set; }
}

internal sealed class ProgramReference
{
    public long? EducationOrganizationId { get; set; }

    public string? ProgramName { get; set; }

    public string? ProgramTypeDescriptor { get; set; }
}

internal sealed class StudentSpecialEducationProgramAssociationDocument
{
    public StudentReference? StudentReference { get; set; }

    public ProgramReference? ProgramReference { get; set; }

    public EducationOrganizationReference? EducationOrganizationReference { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }

    public string? SpecialEducationSettingDescriptor { get; set; }
}

internal sealed class LanguageInstructionTx
{
    [JsonPropertyName("bilingualESLFundingDescriptor")]
    public string? BilingualEslFundingDescriptor { get; set; }
}

internal sealed class LanguageInstructionExt
{
    public LanguageInstructionTx? Tx { get; set; }
}

internal sealed class StudentLanguageInstructionProgramAssociationDocument
{
    public StudentReference? StudentReference { get; set; }

    public ProgramReference? ProgramReference { get; set; }

    public EducationOrganizationReference? EducationOrganizationReference { get; set; }

    public string? BeginDate { get; set; }

    public string? EndDate { get; set; }

    [JsonPropertyName("_ext")]
    public LanguageInstructionExt? Ext { get; set; }
}

internal sealed class BasicReportingPeriodAttendanceDocument
{
    public SchoolReference? SchoolReference { get; set; }

    public StudentReference? StudentReference { get; set; }

    public string? CalendarCode { get; set; }

    public string? GradeLevelDescriptor { get; set; }

    public string? ReportingPeriodDescriptor { get; set; }

    public int? NumberDaysTaught { get; set; }

    public decimal? TotalDaysAbsent { get; set; }

    public decimal? TotalEligibleDaysPresent { get; set; }

    public decimal? TotalIneligibleDaysPresent { get; set; }

    public decimal? RsTotalEligibleDaysPresent { get; set; }

    public decimal? RaTotalEligibleDaysPresent { get; set; }

    [JsonPropertyName("numberOfHoursInRPEP")]
    public decimal? NumberOfHoursInRpep { get; set; }
}

internal sealed class SpecialProgramsReportingPeriodAttendanceDocument
{
    public SchoolReference? SchoolReference { get; set; }

    public StudentReference? StudentReference { get; set; }

    public string? CalendarCode { get; set; }

    public string? GradeLevelDescriptor { get; set; }

    public string? ReportingPeriodDescriptor { get; set; }

    public int? NumberDaysTaught { get; set; }

    public decimal? TotalEligPregRelSvcsDaysPresent { get; set; }

    public decimal? TotalEligSpEdMainstreamDaysPresent { get; set; }

    public decimal? TotalEligResidentialFacilityDaysPresent { get; set; }
}

internal sealed class BilingualEslProgramReportingPeriodAttendanceDocument
{
    [JsonPropertyName("bilingualESLFundingDescriptor")]
    public string? BilingualEslFundingDescriptor { get; set; }

    public SchoolReference? SchoolReference { get; set; }

    public StudentReference? StudentReference { get; set; }

    public string? CalendarCode { get; set; }

    public string? GradeLevelDescriptor { get; set; }

    public string? ReportingPeriodDescriptor { get; set; }

    public int? NumberDaysTaught { get; set; }

    [JsonPropertyName("totalEligBilingualESLDaysPresent")]
    public decimal? TotalEligBilingualEslDaysPresent { get; set; }

    [JsonPropertyName("rsTotalEligBilingualESLDaysPresent")]
    public decimal? RsTotalEligBilingualEslDaysPresent { get; set; }

    [JsonPropertyName("raTotalEligBilingualESLDaysPresent")]
    public decimal? RaTotalEligBilingualEslDaysPresent { get; set; }
}

internal sealed class TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(SchoolDocument))]
[JsonSerializable(typeof(CalendarDocument))]
[JsonSerializable(typeof(CalendarDateDocument))]
[JsonSerializable(typeof(ReportingPeriodExtDocument))]
[JsonSerializable(typeof(GradingPeriodDocument))]
[JsonSerializable(typeof(ClassPeriodDocument))]
[JsonSerializable(typeof(StudentSchoolAssociationDocument))]
[JsonSerializable(typeof(StudentEducationOrganizationAssociationDocument))]
[JsonSerializable(typeof(StudentSchoolAttendanceEventDocument))]
[JsonSerializable(typeof(StudentSectionAttendanceEventDocument))]
[JsonSerializable(typeof(StudentSpecialEducationProgramAssociationDocument))]
[JsonSerializable(typeof(StudentLanguageInstructionProgramAssociationDocument))]
[JsonSerializable(typeof(BasicReportingPeriodAttendanceDocument))]
[JsonSerializable(typeof(SpecialProgramsReportingPeriodAttendanceDocument))]
[JsonSerializable(typeof(BilingualEslProgramReportingPeriodAttendanceDocument))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class EdFiJsonContext : JsonSerializerContext
{
}
