namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// How a record's codes are packed into the store's two code bytes.
/// </summary>
/// <remarks>
/// The flags byte is what the aggregation reads: the low four bits answer the questions the rules ask of a record
/// (in membership? eligible code? in the K-3 economically disadvantaged population? in the K-3 emergent bilingual
/// population, grade aside?), decided once when the record is stored, so the hot loop only masks bits. The high four
/// bits keep the ADA eligibility code itself. The codes byte keeps the three population codes as they were
/// reported, for drill-down and round trips; the aggregation never reads it.
/// </remarks>
internal static class RecordBits
{
    /// <summary>ADA code other than 0: the record's days count toward PIA (<see cref="AdaEligibility.IsInMembership"/>).</summary>
    public const byte InMembership = 1;

    /// <summary>ADA code 1, 2, 3, 6 or 7: its eligible days present count toward ADA (<see cref="AdaEligibility.IsEligible"/>).</summary>
    public const byte Eligible = 2;

    /// <summary>E0785 01, 02 or 99 (<see cref="EconomicDisadvantage.IsEconomicallyDisadvantaged"/>).</summary>
    public const byte EconomicallyDisadvantaged = 4;

    /// <summary>E0790 = 1 with an E1651 funding code (the K-3 emergent bilingual row, grade aside).</summary>
    public const byte EmergentBilingualFunded = 8;

    private static readonly byte[] FlagTable = BuildFlagTable();

    /// <summary>The flags byte of a record: a table lookup, since loaders call it for every row.</summary>
    public static byte Flags(int adaCode, int economicIndex, int emergentBilingualIndex, int fundingIndex) =>
        FlagTable[(((((adaCode * 4) + economicIndex) * 7) + emergentBilingualIndex) * 4) + fundingIndex];

    private static byte[] BuildFlagTable()
    {
        var table = new byte[9 * 4 * 7 * 4];
        for (var code = 0; code < 9; code++)
        {
            for (var economic = 0; economic < 4; economic++)
            {
                for (var bilingual = 0; bilingual < 7; bilingual++)
                {
                    for (var funding = 0; funding < 4; funding++)
                    {
                        table[(((((code * 4) + economic) * 7) + bilingual) * 4) + funding] = ComputeFlags(code, economic, bilingual, funding);
                    }
                }
            }
        }

        return table;
    }

    private static byte ComputeFlags(int adaCode, int economicIndex, int emergentBilingualIndex, int fundingIndex)
    {
        var code = AdaEligibility.FromCode(adaCode);
        var flags = adaCode << 4;
        if (code.IsInMembership)
        {
            flags |= InMembership;
        }

        if (code.IsEligible)
        {
            flags |= Eligible;
        }

        if (EconomicDisadvantage.All[economicIndex].IsEconomicallyDisadvantaged)
        {
            flags |= EconomicallyDisadvantaged;
        }

        if (EmergentBilingual.All[emergentBilingualIndex].IsIdentified && fundingIndex > 0)
        {
            flags |= EmergentBilingualFunded;
        }

        return (byte)flags;
    }

    /// <summary>Economic index (0-3) in bits 0-1, emergent bilingual index (0-6) in bits 2-4, funding (0 none, 1-3) in bits 5-6.</summary>
    public static byte Codes(int economicIndex, int emergentBilingualIndex, int fundingIndex) =>
        (byte)(economicIndex | (emergentBilingualIndex << 2) | (fundingIndex << 5));

    public static AdaEligibility AdaCode(byte flags) => AdaEligibility.FromCode(flags >> 4);

    public static EconomicDisadvantage Economic(byte codes) => EconomicDisadvantage.All[codes & 3];

    public static EmergentBilingual EmergentBilingualCode(byte codes) => EmergentBilingual.All[(codes >> 2) & 7];

    public static BilingualEslFunding? Funding(byte codes) => ((codes >> 5) & 3) is var f and > 0 ? BilingualEslFunding.All[f - 1] : null;

    public static int IndexOf(EconomicDisadvantage code) => IndexIn(EconomicDisadvantage.All, code);

    public static int IndexOf(EmergentBilingual code) => IndexIn(EmergentBilingual.All, code);

    public static int IndexOf(BilingualEslFunding? code) => code is { } c ? IndexIn(BilingualEslFunding.All, c) + 1 : 0;

    private static int IndexIn<T>(IReadOnlyList<T> all, T value)
        where T : struct, IEquatable<T>
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Equals(value))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a code of its table.");
    }
}
