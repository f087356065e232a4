using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Audit;

/// <summary>
/// The period records as the audit reads them: a campus at a time, and which students are at more than one campus.
/// A columnar store hands out one campus's records at once (rebuilt from its columns, in input order), so the audit
/// never holds an object for every record of a statewide file; a list is grouped by campus.
/// </summary>
internal static class AuditByCampus
{
    /// <summary>The records of each campus, in input order within the campus.</summary>
    public static IEnumerable<(CampusId Campus, List<BasicReportingPeriodAttendance> Records)> Records(IReadOnlyCollection<BasicReportingPeriodAttendance> records)
    {
        if (records is AttendanceStore store)
        {
            return store.RecordsByCampus();
        }

        var byCampus = new Dictionary<CampusId, List<BasicReportingPeriodAttendance>>();
        var order = new List<(CampusId, List<BasicReportingPeriodAttendance>)>();
        foreach (var r in records)
        {
            if (!byCampus.TryGetValue(r.CampusId, out var list))
            {
                byCampus[r.CampusId] = list = [];
                order.Add((r.CampusId, list));
            }

            list.Add(r);
        }

        return order;
    }

    /// <summary>The students with records at more than one campus.</summary>
    public static HashSet<StudentId> StudentsAtSeveralCampuses(IReadOnlyCollection<BasicReportingPeriodAttendance> records)
    {
        if (records is AttendanceStore store)
        {
            return store.StudentsAtSeveralCampuses();
        }

        var first = new Dictionary<StudentId, CampusId>();
        var several = new HashSet<StudentId>();
        foreach (var r in records)
        {
            if (!first.TryAdd(r.StudentId, r.CampusId) && first[r.StudentId] != r.CampusId)
            {
                several.Add(r.StudentId);
            }
        }

        return several;
    }
}
