namespace PeimsRules.Tests.Audit;

/// <summary>Small, readable period records for the audit's specification.</summary>
internal static class AuditRecords
{
    public const string Campus = "101912001";

    public static BasicReportingPeriodAttendance Record(
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
        Support.Given.Record(
            student, period, code, taught, eligible, ineligible, absent, year, campus, grade, track, economic,
            remoteSync: remoteSync, remoteAsync: remoteAsync);
}
