namespace PeimsRules;

/// <summary>
/// The TEA data elements and code tables this library reads, named as the TEA data standards name them
/// (element number, then the element's name, then its code table). Used in error messages and as accepted
/// column names.
/// </summary>
public static class TeaElements
{
    /// <summary>E0935 NUMBER-DAYS-TAUGHT.</summary>
    public const string NumberDaysTaught = "E0935 NUMBER-DAYS-TAUGHT";

    /// <summary>E0937 TOTAL-ELIGIBLE-DAYS-PRESENT.</summary>
    public const string TotalEligibleDaysPresent = "E0937 TOTAL-ELIGIBLE-DAYS-PRESENT";

    /// <summary>E0936 TOTAL-INELIGIBLE-DAYS-PRESENT.</summary>
    public const string TotalIneligibleDaysPresent = "E0936 TOTAL-INELIGIBLE-DAYS-PRESENT";

    /// <summary>E0036 TOTAL-DAYS-ABSENT.</summary>
    public const string TotalDaysAbsent = "E0036 TOTAL-DAYS-ABSENT";

    /// <summary>E1678 RS-TOTAL-ELIGIBLE-DAYS-PRESENT (remote synchronous, 2020-21 and 2021-22).</summary>
    public const string RemoteSynchronousEligibleDaysPresent = "E1678 RS-TOTAL-ELIGIBLE-DAYS-PRESENT";

    /// <summary>E1679 RA-TOTAL-ELIGIBLE-DAYS-PRESENT (remote asynchronous, 2020-21 and 2021-22).</summary>
    public const string RemoteAsynchronousEligibleDaysPresent = "E1679 RA-TOTAL-ELIGIBLE-DAYS-PRESENT";

    /// <summary>E0938: bilingual/ESL eligible days present.</summary>
    public const string BilingualEslEligibleDaysPresent = "E0938 TOTAL-ELIG-BILINGUAL/ESL-DAYS-PRESENT";

    /// <summary>E0939: pregnancy-related services eligible days present.</summary>
    public const string PregnancyRelatedServicesEligibleDaysPresent = "E0939 TOTAL-ELIG-PREG-REL-SVCS-DAYS-PRESENT";

    /// <summary>E0940: special-education mainstream eligible days present.</summary>
    public const string SpecialEducationMainstreamEligibleDaysPresent = "E0940 TOTAL-ELIG-SP-ED-MAINSTREAM-DAYS-PRESENT";

    /// <summary>E1652: residential facility eligible days present.</summary>
    public const string ResidentialFacilityEligibleDaysPresent = "E1652 TOTAL-ELIG-RESIDENTIAL-FACILITY-DAYS-PRESENT";

    /// <summary>E0934 REPORTING-PERIOD-INDICATOR-CODE, code table C130.</summary>
    public const string ReportingPeriod = "E0934 REPORTING-PERIOD-INDICATOR-CODE (C130)";

    /// <summary>E0017 GRADE-LEVEL-CODE, code table C050.</summary>
    public const string GradeLevel = "E0017 GRADE-LEVEL-CODE (C050)";

    /// <summary>E0975 INSTRUCTIONAL-TRACK-INDICATOR-CODE.</summary>
    public const string InstructionalTrack = "E0975 INSTRUCTIONAL-TRACK-INDICATOR-CODE";

    /// <summary>E0787 ADA-ELIGIBILITY-CODE, code table C059.</summary>
    public const string AdaEligibility = "E0787 ADA-ELIGIBILITY-CODE (C059)";

    /// <summary>E0785 ECONOMIC-DISADVANTAGE-CODE, code table C054.</summary>
    public const string EconomicDisadvantage = "E0785 ECONOMIC-DISADVANTAGE-CODE (C054)";

    /// <summary>E0790 EMERGENT-BILINGUAL-INDICATOR-CODE (formerly LEP), code table C061.</summary>
    public const string EmergentBilingual = "E0790 EMERGENT-BILINGUAL-INDICATOR-CODE (C061)";

    /// <summary>E1651 BILINGUAL-ESL-FUNDING-CODE, code table C225.</summary>
    public const string BilingualEslFunding = "E1651 BILINGUAL-ESL-FUNDING-CODE (C225)";

    /// <summary>E0212 DISTRICT-ID.</summary>
    public const string DistrictId = "E0212 DISTRICT-ID";

    /// <summary>E0266 CAMPUS-ID.</summary>
    public const string CampusId = "E0266 CAMPUS-ID";

    /// <summary>The student identifier (E1523 TX-UNIQUE-STUDENT-ID, or a local id).</summary>
    public const string StudentId = "E1523 TX-UNIQUE-STUDENT-ID";

    /// <summary>E0974 SCHOOL-YEAR (named by the calendar year it ends in).</summary>
    public const string SchoolYear = "E0974 SCHOOL-YEAR";
}
