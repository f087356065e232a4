namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// How a record's codes are packed into the store's two code bytes.
/// </summary>
/// <remarks>
/// The flags byte is what the aggregation reads: the low four bits answer the questions the rules ask of a record
/// (are its days counted? in the K-3 economically disadvantaged population? in the K-3 emergent bilingual population,
/// grade aside?), decided once when the record is stored, so the hot loop only masks bits. Every record's days count as
/// reported (a 42400 record carries no ADA code to re-check them against), so the two counting bits are always set;
/// the mask stays so that a rule of another year could leave records out without a new kernel. The high four bits keep
/// the enrollment's ADA eligibility code when a file carried it (9 when it did not), for drill-down and round trips. The codes byte keeps the three population codes as they were
/// reported, for drill-down and round trips; the aggregation never reads it.
/// </remarks>
internal static class RecordBits
{
    /// <summary>The record's days count toward PIA (every record: days count as reported).</summary>
    public const byte InMembership = 1;

    /// <summary>The record's eligible days present count toward ADA (every record: E0937 counts as reported).</summary>
    public const byte Eligible = 2;

    /// <summary>E0785 01, 02 or 99 (<see cref="EconomicDisadvantage.IsEconomicallyDisadvantaged"/>).</summary>
    public const byte EconomicallyDisadvantaged = 4;

    /// <summary>E0790 = 1 with an E1651 funding code (the K-3 emergent bilingual row, grade aside).</summary>
    public const byte EmergentBilingualFunded = 8;

    private static readonly byte[] FlagTable = BuildFlagTable();

    /// <summary>The code stored when a record carries no ADA eligibility code.</summary>
    public const int NoAdaCode = 9;

    /// <summary>The flags byte of a record (<paramref name="adaCode"/> 0-8, or <see cref="NoAdaCode"/>): a table lookup, since loaders call it for every row.</summary>
    public static byte Flags(int adaCode, int economicIndex, int emergentBilingualIndex, int fundingIndex) =>
        FlagTable[(((((adaCode * 4) + economicIndex) * 7) + emergentBilingualIndex) * 4) + fundingIndex];

    private static byte[] BuildFlagTable()
    {
        var table = new byte[10 * 4 * 7 * 4];
        for (var code = 0; code <= NoAdaCode; code++)
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
        var flags = (adaCode << 4) | InMembership | Eligible;

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

    public static AdaEligibility? AdaCode(byte flags) => (flags >> 4) is var code and < NoAdaCode ? AdaEligibility.FromCode(code) : null;

    public static int CodeOf(AdaEligibility? code) => code?.Code ?? NoAdaCode;

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
