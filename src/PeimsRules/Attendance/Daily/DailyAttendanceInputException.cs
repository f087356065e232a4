namespace PeimsRules.Attendance.Daily;

/// <summary>
/// The daily inputs contradict each other, so the period records would be ill-defined: an enrollment names a calendar
/// that is not given, two enrollments of a student at one campus cover the same day, two calendars of a campus share a
/// name or an order, the calendars of one campus disagree on the campus's exclude box, or the calendars are of more
/// than one school year. Every such problem is listed, not only the first.
/// </summary>
public sealed class DailyAttendanceInputException : Exception
{
    /// <summary>Creates the error for <paramref name="problems"/>.</summary>
    public DailyAttendanceInputException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? "The daily attendance inputs contradict each other: " + problems[0]
            : $"The daily attendance inputs contradict each other in {problems.Count} places:" + Environment.NewLine
              + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
