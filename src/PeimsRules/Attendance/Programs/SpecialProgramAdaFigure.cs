namespace PeimsRules.Attendance.Programs;

/// <summary>One row of a special-program ADA summary: a group, a funding code (bilingual/ESL) or all, and a period or the year.</summary>
/// <param name="Group">The group the row is for.</param>
/// <param name="Funding">For bilingual/ESL, the funding code (E1651) the row counts; <see langword="null"/> for every code (and for the other programs).</param>
/// <param name="Period">The reporting period, or <see langword="null"/> for the year.</param>
/// <param name="Ada">The period's program ADA, or for the year the program refined ADA (COVID-19 adjusted in 2019-20).</param>
/// <param name="HistoricalRatio">On 2019-20 year rows of a single district, the district's historical ratio.</param>
/// <param name="ProgramDaysPresent">The program's eligible days present behind the row (for the year, those of the periods that count).</param>
/// <param name="RecordCount">The special-programs records behind the row.</param>
public sealed record SpecialProgramAdaFigure(
    AttendanceGroupKey Group,
    BilingualEslFunding? Funding,
    ReportingPeriod? Period,
    Figure Ada,
    Ratio? HistoricalRatio,
    DayCount ProgramDaysPresent,
    long RecordCount)
{
    /// <summary>Whether this is the year row.</summary>
    public bool IsYear => Period is null;
}
