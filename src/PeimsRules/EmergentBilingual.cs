namespace PeimsRules;

/// <summary>
/// An emergent bilingual indicator (E0790, formerly limited English proficient; code table C061):
/// <c>0</c> not emergent bilingual, <c>1</c> identified as emergent bilingual, <c>F</c> first year of monitoring,
/// <c>S</c> second year of monitoring, <c>3</c> third year, <c>4</c> fourth year, <c>5</c> former (monitoring ended).
/// </summary>
/// <remarks>
/// Only code 1 counts in the HB 3 K-3 emergent bilingual row, and then only with a bilingual/ESL funding code
/// (E1651) of BE, D1 or D2 (Early Education ADA report specification (OnDataSuite); TEC §48.108).
/// </remarks>
public readonly record struct EmergentBilingual
{
    private static readonly string[] Codes = ["0", "1", "F", "S", "3", "4", "5"];

    private readonly byte _index;

    private EmergentBilingual(int index) => _index = (byte)index;

    /// <summary>0: not emergent bilingual.</summary>
    public static EmergentBilingual NotEmergentBilingual => new(0);

    /// <summary>1: identified as emergent bilingual.</summary>
    public static EmergentBilingual Identified => new(1);

    /// <summary>Every code of C061.</summary>
    public static IReadOnlyList<EmergentBilingual> All { get; } = Array.AsReadOnly(Enumerable.Range(0, Codes.Length).Select(i => new EmergentBilingual(i)).ToArray());

    /// <summary>The one-character code.</summary>
    public string Code => Codes[_index];

    /// <summary>Whether the student is currently identified as emergent bilingual (code 1).</summary>
    public bool IsIdentified => _index == 1;

    /// <summary>Whether the student is in one of the four monitoring years after exit (F, S, 3, 4).</summary>
    public bool IsMonitored => _index is >= 2 and <= 5;

    /// <summary>Parses the code: <c>0</c>, <c>1</c>, <c>F</c>, <c>S</c>, <c>3</c>, <c>4</c> or <c>5</c> (letters in either case).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static EmergentBilingual Parse(string? text)
    {
        if (TryParse(text, out var code))
        {
            return code;
        }

        throw new PeimsCodeException(TeaElements.EmergentBilingual, text, "the codes are 0, 1, F, S, 3, 4 and 5.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out EmergentBilingual code)
    {
        code = default;
        var s = text?.Trim();
        if (s is null || s.Length != 1)
        {
            return false;
        }

        var i = Array.IndexOf(Codes, s.ToUpperInvariant());
        if (i < 0)
        {
            return false;
        }

        code = new EmergentBilingual(i);
        return true;
    }

    /// <summary>The code.</summary>
    public override string ToString() => Code;
}
