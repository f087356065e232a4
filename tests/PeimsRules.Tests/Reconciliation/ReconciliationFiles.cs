using PeimsRules.Attendance;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>Hand-made period-attendance files for the reconciliation specification: a header and the rows given.</summary>
internal static class ReconciliationFiles
{
    public const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode";

    public const string RemoteHeader = Header + ",RemoteSynchronousEligibleDaysPresent,RemoteAsynchronousEligibleDaysPresent";

    public static readonly DistrictId District = DistrictId.Parse("101912");

    public static readonly CampusId Campus = CampusId.Parse("101912001");

    /// <summary>The text of a file: the standard header, then the rows.</summary>
    public static string Text(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    /// <summary>Reads the rows under the standard header, as the CSV reader reads a file named <paramref name="name"/>.</summary>
    public static IReadOnlyList<BasicReportingPeriodAttendance> Read(string name, params string[] rows)
    {
        using var reader = new StringReader(Text(rows));
        return BasicReportingPeriodAttendanceCsv.Read(reader, name);
    }

    /// <summary>Reads the rows under the header with the two remote-day columns.</summary>
    public static IReadOnlyList<BasicReportingPeriodAttendance> ReadWithRemoteDays(string name, params string[] rows)
    {
        using var reader = new StringReader(RemoteHeader + "\n" + string.Join("\n", rows) + "\n");
        return BasicReportingPeriodAttendanceCsv.Read(reader, name);
    }

    /// <summary>The row key of the district as a whole (the default grouping).</summary>
    public static AttendanceGroupKey DistrictRow => new(District, null, null, null);

    public static ReportingPeriod Period(int number) => new(number);
}
