namespace PeimsRules;

/// <summary>
/// A bilingual/ESL funding code (E1651, code table C225): <c>BE</c> bilingual/ESL, <c>D1</c> dual language
/// immersion one-way, <c>D2</c> dual language immersion two-way. A student with none has no code.
/// </summary>
/// <remarks>
/// Each of the three codes qualifies an identified emergent bilingual student in grades KG to 03 for the
/// HB 3 K-3 emergent bilingual row (Early Education ADA report specification (OnDataSuite); TEC §48.108).
/// </remarks>
public readonly record struct BilingualEslFunding
{
    private static readonly string[] Codes = ["BE", "D1", "D2"];

    private readonly byte _index;

    private BilingualEslFunding(int index) => _index = (byte)index;

    /// <summary>BE: bilingual/ESL program funding.</summary>
    public static BilingualEslFunding BilingualEsl => new(0);

    /// <summary>D1: dual language immersion, one-way.</summary>
    public static BilingualEslFunding DualLanguageOneWay => new(1);

    /// <summary>D2: dual language immersion, two-way.</summary>
    public static BilingualEslFunding DualLanguageTwoWay => new(2);

    /// <summary>Every code of C225.</summary>
    public static IReadOnlyList<BilingualEslFunding> All { get; } = [new(0), new(1), new(2)];

    /// <summary>The two-character code.</summary>
    public string Code => Codes[_index];

    /// <summary>The code's place in <see cref="All"/> (0 for BE, 1 for D1, 2 for D2).</summary>
    internal int Index => _index;

    /// <summary>Parses the code: <c>BE</c>, <c>D1</c> or <c>D2</c> (letters in either case).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static BilingualEslFunding Parse(string? text)
    {
        if (TryParse(text, out var code))
        {
            return code;
        }

        throw new PeimsCodeException(TeaElements.BilingualEslFunding, text, "the codes are BE, D1 and D2 (leave it blank for none).");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out BilingualEslFunding code)
    {
        code = default;
        var i = Array.IndexOf(Codes, text?.Trim().ToUpperInvariant());
        if (i < 0)
        {
            return false;
        }

        code = new BilingualEslFunding(i);
        return true;
    }

    /// <summary>The code.</summary>
    public override string ToString() => Code;
}
