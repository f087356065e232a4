using PeimsRules.Attendance.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Programs;

/// <summary>
/// Residential facility refined ADA: from the eligible days present of students living in a residential facility
/// (E1652). Per period: Σ over records (program days present ÷ that record's days taught, E0935); the year: the mean of
/// the six period ADAs (÷ 6, as basic refined ADA, even where a period has none), rounded once to three decimals.
/// </summary>
/// <remarks>
/// Example: two tracks in one period, 10 residential days of 20 taught and 15 of 30 taught: period ADA 10/20 + 15/30 =
/// 1. Groups, periods, the year, rounding and the 2019-20 COVID-19 adjustment are those of basic refined ADA (<see
/// cref="SpecialProgramAdaSummary"/>). Vendors document the formula; one vendor page divides the year by the periods
/// with values instead of 6, which this library does not do.
/// </remarks>
[TeaSource("TEA data standards: E1652 TOTAL-ELIG-RESIDENTIAL-FACILITY-DAYS-PRESENT")]
[TeaSource("Ascender SAT0950 special-program ADA report: per period program days ÷ days taught, the year the mean of the six", Status = CitationStatus.VendorDocumented)]
[TeaSource("Student Attendance Accounting Handbook: residential facility students")]
public static class ResidentialFacilityRefinedAda
{
    /// <summary>The days <paramref name="record"/> contributes: the residential facility eligible days present (E1652, TOTAL-ELIG-RESIDENTIAL-FACILITY-DAYS-PRESENT).</summary>
    public static DayCount DaysPresent(SpecialProgramsAttendancePeriod record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ResidentialFacilityDaysPresent;
    }

    /// <summary>The program's refined ADA by period and for the year, for every group of the options' grouping.</summary>
    /// <exception cref="ArgumentException">
    /// A record is not of the rule set's school year, prior-year records were given for a year other than 2019-20, or the
    /// rule set asks for best four of six.
    /// </exception>
    public static SpecialProgramAdaSummary Compute(IEnumerable<SpecialProgramsAttendancePeriod> records, RuleSet rules, AttendanceSummaryOptions? options = null) =>
        SpecialProgramAdaSummary.Compute(SpecialProgramAda.ResidentialFacility, DaysPresent, records, rules, options);
}
