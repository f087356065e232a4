namespace PeimsRules;

/// <summary>
/// The student's funding attributes that the early-education rows and the bilingual/ESL allotment select on:
/// economic disadvantage (E0785), emergent bilingual (E0790) and the bilingual/ESL funding code (E1651).
/// </summary>
/// <remarks>
/// These are not part of a 42400 record: TEA collects them on the student (PEIMS 40100 / TSDS StudentExtension;
/// Ed-Fi <c>studentEducationOrganizationAssociations._ext.tx</c>) and on the program association, and joins them to
/// the attendance records by student. A record carries the student's attributes joined to it, never as part of its key.
/// </remarks>
/// <param name="EconomicDisadvantage">The economic disadvantage code (E0785, C054).</param>
/// <param name="EmergentBilingual">The emergent bilingual indicator (E0790, C061).</param>
/// <param name="BilingualEslFunding">The bilingual/ESL funding code (E1651, C225), or <see langword="null"/> when the student has none.</param>
public readonly record struct StudentFundingAttributes(
    EconomicDisadvantage EconomicDisadvantage,
    EmergentBilingual EmergentBilingual,
    BilingualEslFunding? BilingualEslFunding = null);
