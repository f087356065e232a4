namespace PeimsRules.Attendance.Programs;

/// <summary>The special programs whose refined ADA TEA computes from the special-programs reporting-period days.</summary>
public enum SpecialProgramAda
{
    /// <summary>Bilingual/ESL (E0938), in total and by funding code E1651 (BE, D1, D2): <see cref="BilingualEslRefinedAda"/>.</summary>
    BilingualEsl = 0,

    /// <summary>Special-education mainstream, instructional setting 40 (E0940): <see cref="SpecialEducationMainstreamRefinedAda"/>.</summary>
    SpecialEducationMainstream = 1,

    /// <summary>Pregnancy-related services (E0939): <see cref="PregnancyRelatedServicesRefinedAda"/>.</summary>
    PregnancyRelatedServices = 2,

    /// <summary>Residential facility (E1652): <see cref="ResidentialFacilityRefinedAda"/>.</summary>
    ResidentialFacility = 3,
}
