namespace PeimsRules.Attendance.Daily;

/// <summary>What a withdrawal date means.</summary>
public enum WithdrawalDateMeaning
{
    /// <summary>
    /// The first day the student is no longer in membership: the student is enrolled from the entry date up to the
    /// day before the withdrawal date. Texas student information systems record it this way (the "first day not in
    /// school" rule; a transfer within the district enters the new campus on the old campus's withdrawal date).
    /// </summary>
    FirstDayNotEnrolled = 0,

    /// <summary>The last day the student is in membership: the student is enrolled through the withdrawal date.</summary>
    LastDayEnrolled = 1,
}

/// <summary>What a day with no attendance mark at the snapshot time counts as.</summary>
public enum NoSnapshotMarkRule
{
    /// <summary>
    /// The day is left out (<see cref="DayExclusionReason.NoSnapshotMark"/>) and listed: its attendance is unknown, and
    /// counting it either way would be a guess.
    /// </summary>
    LeaveDayOut = 0,

    /// <summary>
    /// The day counts present: for systems that record absences only (attendance taken by exception), where a student
    /// with no absent mark at the snapshot time was present.
    /// </summary>
    CountPresent = 1,
}

/// <summary>
/// The choices of <see cref="PeriodAttendanceBuilder.Build"/> that the sources do not settle, each named, with its
/// default and why.
/// </summary>
public sealed record DailyBuildOptions
{
    /// <summary>The default options.</summary>
    public static DailyBuildOptions Default { get; } = new();

    /// <summary>What a withdrawal date means.</summary>
    /// <value>
    /// Defaults to <see cref="WithdrawalDateMeaning.FirstDayNotEnrolled"/>, as Texas student information systems
    /// document it (vendor documentation only; awaiting confirmation against the SAAH of the year).
    /// </value>
    public WithdrawalDateMeaning WithdrawalDate { get; init; } = WithdrawalDateMeaning.FirstDayNotEnrolled;

    /// <summary>What a day with no attendance mark at the snapshot time counts as.</summary>
    /// <value>
    /// Defaults to <see cref="NoSnapshotMarkRule.LeaveDayOut"/>: the Ed-Fi Texas v4.0 reporting-period attendance object logic decides present or absent by the mark that
    /// holds the snapshot time, and says nothing of a day without one.
    /// </value>
    public NoSnapshotMarkRule NoSnapshotMark { get; init; } = NoSnapshotMarkRule.LeaveDayOut;

    /// <summary>Whether excluded calendars take a track number when a campus's calendars are numbered 00, 01, ...</summary>
    /// <value>
    /// Defaults to <see langword="false"/>: an excluded calendar is not reported, so the reported calendars are
    /// numbered among themselves and a campus with one reported calendar reports 00 (the Ed-Fi Texas v4.0 reporting-period attendance object logic numbers "the calendars
    /// of the school"; which ones is awaiting confirmation).
    /// </value>
    public bool NumberExcludedCalendars { get; init; }
}
