namespace PeimsRules.Tests.Audit;

/// <summary>Small, readable period records for the audit's specification.</summary>
internal static class AuditRecords
{
    public const string Campus = "101912001";

    public static StudentAttendancePeriod Record(
        string student = "S0001",
        int year = 2024,
        int period = 1,
        int code = 1,
        string grade = "05",
        string track = "00",
        decimal taught = 20m,
        decimal eligible = 19m,
        decimal ineligible = 0m,
        decimal absent = 1m,
        decimal remoteSync = 0m,
        decimal remoteAsync = 0m,
        string economic = "00",
        string campus = Campus) =>
        new(
            new SchoolYear(year),
            DistrictId.Parse(campus[..6]),
            CampusId.Parse(campus),
            StudentId.Parse(student),
            GradeLevel.Parse(grade),
            InstructionalTrack.Parse(track),
            new ReportingPeriod(period),
            AdaEligibility.FromCode(code),
            DayCount.FromDays(taught),
            DayCount.FromDays(eligible),
            DayCount.FromDays(ineligible),
            DayCount.FromDays(absent),
            EconomicDisadvantage.Parse(economic),
            EmergentBilingual.NotEmergentBilingual,
            null,
            DayCount.FromDays(remoteSync),
            DayCount.FromDays(remoteAsync));
}
