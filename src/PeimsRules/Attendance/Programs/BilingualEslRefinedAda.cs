using PeimsRules.Attendance.Daily;
using PeimsRules.Rules;

namespace PeimsRules.Attendance.Programs;

/// <summary>
/// Bilingual/ESL refined ADA: from the bilingual/ESL eligible days present (E0938), in total and for each funding code
/// (E1651: BE bilingual/ESL, D1 dual language one-way, D2 dual language two-way). Per period: Σ over records (program
/// days present ÷ that record's days taught, E0935); the year: the mean of the six period ADAs (÷ 6, as basic refined
/// ADA, even where a period has none), rounded once to three decimals.
/// </summary>
/// <remarks>
/// Example: one track with 30 days taught in every period and bilingual/ESL days of 300 (BE) + 60 (D2) in period 1 and
/// none after: period 1 ADA 12 (BE 10, D2 2), year 2.000 (BE 1.667, D2 0.333). The summary has a row set for all codes
/// (Funding <see langword="null"/>) and one for each code a group has records under. (2025-26 adds funding codes beyond
/// BE, D1 and D2, not yet confirmed: such a code is refused when read.) Groups, periods, the year, rounding and the
/// 2019-20 COVID-19 adjustment are those of basic refined ADA (<see cref="SpecialProgramAdaSummary"/>). Vendors
/// document the formula; one vendor page divides the year by the periods with values instead of 6, which this library
/// does not do.
/// </remarks>
[TeaSource("TEA data standards: E0938 TOTAL-ELIG-BILINGUAL/ESL-DAYS-PRESENT and E1651 BILINGUAL-ESL-FUNDING-CODE (code table C225)")]
[TeaSource("OnDataSuite bilingual/ESL refined ADA report: per period program days ÷ days taught, the year the mean of the six, 3 decimals", Status = CitationStatus.VendorDocumented)]
[TeaSource("TEC §48.105 (bilingual education allotment)")]
public static class BilingualEslRefinedAda
{
    /// <summary>The days <paramref name="record"/> contributes: the bilingual/ESL eligible days present (E0938, TOTAL-ELIG-BILINGUAL/ESL-DAYS-PRESENT).</summary>
    public static DayCount DaysPresent(SpecialProgramsAttendancePeriod record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.BilingualEslDaysPresent;
    }

    /// <summary>The program's refined ADA by period and for the year, for every group of the options' grouping.</summary>
    /// <exception cref="ArgumentException">
    /// A record is not of the rule set's school year, prior-year records were given for a year other than 2019-20, or the
    /// rule set asks for best four of six.
    /// </exception>
    public static SpecialProgramAdaSummary Compute(IEnumerable<SpecialProgramsAttendancePeriod> records, RuleSet rules, AttendanceSummaryOptions? options = null) =>
        SpecialProgramAdaSummary.Compute(SpecialProgramAda.BilingualEsl, DaysPresent, records, rules, options);
}
