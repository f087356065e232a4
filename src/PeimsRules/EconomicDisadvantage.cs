namespace PeimsRules;

/// <summary>
/// An economic disadvantage code (E0785, code table C054): <c>00</c> not economically disadvantaged,
/// <c>01</c> eligible for free meals, <c>02</c> eligible for reduced-price meals, <c>99</c> other economic disadvantage.
/// </summary>
/// <remarks>
/// The HB 3 K-3 educationally disadvantaged row takes codes 01, 02 and 99 (TEC §48.108; the Early Education
/// Early Education ADA report specification (OnDataSuite)).
/// </remarks>
public readonly record struct EconomicDisadvantage
{
    private static readonly string[] Codes = ["00", "01", "02", "99"];

    private readonly byte _index;

    private EconomicDisadvantage(int index) => _index = (byte)index;

    /// <summary>00: not identified as economically disadvantaged.</summary>
    public static EconomicDisadvantage NotDisadvantaged => new(0);

    /// <summary>01: eligible for free meals.</summary>
    public static EconomicDisadvantage FreeMeals => new(1);

    /// <summary>02: eligible for reduced-price meals.</summary>
    public static EconomicDisadvantage ReducedPriceMeals => new(2);

    /// <summary>99: other economic disadvantage.</summary>
    public static EconomicDisadvantage Other => new(3);

    /// <summary>Every code of C054.</summary>
    public static IReadOnlyList<EconomicDisadvantage> All { get; } = [new(0), new(1), new(2), new(3)];

    /// <summary>The two-digit code.</summary>
    public string Code => Codes[_index];

    /// <summary>Whether the student is economically disadvantaged: codes 01, 02 and 99.</summary>
    public bool IsEconomicallyDisadvantaged => _index != 0;

    /// <summary>Parses the two-digit code: <c>00</c>, <c>01</c>, <c>02</c> or <c>99</c>.</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static EconomicDisadvantage Parse(string? text)
    {
        if (TryParse(text, out var code))
        {
            return code;
        }

        throw new PeimsCodeException(TeaElements.EconomicDisadvantage, text, "the codes are 00, 01, 02 and 99.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out EconomicDisadvantage code)
    {
        code = default;
        var i = Array.IndexOf(Codes, text?.Trim());
        if (i < 0)
        {
            return false;
        }

        code = new EconomicDisadvantage(i);
        return true;
    }

    /// <summary>The two-digit code.</summary>
    public override string ToString() => Code;
}
