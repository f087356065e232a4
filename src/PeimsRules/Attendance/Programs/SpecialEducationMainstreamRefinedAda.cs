using PeimsRules.Attendance.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Programs;

/// <summary>
/// Special-education mainstream refined ADA: from the eligible days present of students whose IEP has instructional
/// setting 40, mainstream (E0940). Per period: Σ over records (program days present ÷ that record's days taught,
/// E0935); the year: the mean of the six period ADAs (÷ 6, as basic refined ADA, even where a period has none), rounded
/// once to three decimals.
/// </summary>
/// <remarks>
/// Example: 30 days taught and 45 mainstream days in each of the six periods: each period ADA 1.5, year 1.500. Groups,
/// periods, the year, rounding and the 2019-20 COVID-19 adjustment are those of basic refined ADA (<see
/// cref="SpecialProgramAdaSummary"/>). Vendors document the formula; one vendor page divides the year by the periods
/// with values instead of 6, which this library does not do.
/// </remarks>
[TeaSource("TEA data standards: E0940 TOTAL-ELIG-SP-ED-MAINSTREAM-DAYS-PRESENT; code table C035, setting 40 mainstream")]
[TeaSource("Ascender SAT0950 special-program ADA report: per period program days ÷ days taught, the year the mean of the six", Status = CitationStatus.VendorDocumented)]
[TeaSource("TEC §48.102 (special education allotment)")]
public static class SpecialEducationMainstreamRefinedAda
{
    /// <summary>The days <paramref name="record"/> contributes: the special-education mainstream eligible days present (E0940, TOTAL-ELIG-SP-ED-MAINSTREAM-DAYS-PRESENT).</summary>
    public static DayCount DaysPresent(SpecialProgramsAttendancePeriod record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.SpecialEducationMainstreamDaysPresent;
    }

    /// <summary>The program's refined ADA by period and for the year, for every group of the options' grouping.</summary>
    /// <exception cref="ArgumentException">
    /// A record is not of the rule set's school year, prior-year records were given for a year other than 2019-20, or the
    /// rule set asks for best four of six.
    /// </exception>
    public static SpecialProgramAdaSummary Compute(IEnumerable<SpecialProgramsAttendancePeriod> records, RuleSet rules, AttendanceSummaryOptions? options = null) =>
        SpecialProgramAdaSummary.Compute(SpecialProgramAda.SpecialEducationMainstream, DaysPresent, records, rules, options);
}
