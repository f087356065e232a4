namespace PeimsRules;

/// <summary>
/// A grade level (E0017, code table C050): <c>EE</c> early education, <c>PK</c> pre-kindergarten,
/// <c>KG</c> kindergarten, and <c>01</c> to <c>12</c>.
/// </summary>
/// <remarks>
/// Ordered from EE to 12. <see cref="IsKindergartenThroughThird"/> selects the grades of the HB 3
/// early-education rows (TEC §48.108).
/// </remarks>
public readonly record struct GradeLevel : IComparable<GradeLevel>
{
    private static readonly string[] Codes =
        ["EE", "PK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

    private readonly byte _ordinal;

    private GradeLevel(int ordinal) => _ordinal = (byte)ordinal;

    /// <summary>Early education (EE): reported only when served through special education.</summary>
    public static GradeLevel EarlyEducation => new(0);

    /// <summary>Pre-kindergarten (PK).</summary>
    public static GradeLevel PreKindergarten => new(1);

    /// <summary>Kindergarten (KG).</summary>
    public static GradeLevel Kindergarten => new(2);

    /// <summary>Every grade level of C050, from EE to 12.</summary>
    public static IReadOnlyList<GradeLevel> All { get; } = Array.AsReadOnly(Enumerable.Range(0, 15).Select(i => new GradeLevel(i)).ToArray());

    /// <summary>The C050 code, such as <c>KG</c> or <c>03</c>.</summary>
    public string Code => Codes[_ordinal];

    /// <summary>
    /// The grade as a number: -2 for EE, -1 for PK, 0 for KG, then 1 to 12.
    /// </summary>
    public int Number => _ordinal - 2;

    /// <summary>Whether the grade is one of KG, 01, 02 or 03 (the HB 3 early-education grades).</summary>
    public bool IsKindergartenThroughThird => Number is >= 0 and <= 3;

    /// <summary>The grade numbered <paramref name="number"/> (1 to 12).</summary>
    /// <exception cref="PeimsCodeException">The number is outside 1 to 12.</exception>
    public static GradeLevel Grade(int number)
    {
        if (number is < 1 or > 12)
        {
            throw new PeimsCodeException(
                TeaElements.GradeLevel,
                number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "numbered grades are 1 to 12; use EarlyEducation, PreKindergarten or Kindergarten for the others.");
        }

        return new GradeLevel(number + 2);
    }

    /// <summary>Parses a C050 code: <c>EE</c>, <c>PK</c>, <c>KG</c>, <c>01</c> to <c>12</c> (letters in either case).</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static GradeLevel Parse(string? text)
    {
        if (TryParse(text, out var grade))
        {
            return grade;
        }

        throw new PeimsCodeException(TeaElements.GradeLevel, text, "the codes are EE, PK, KG and 01 to 12.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out GradeLevel grade)
    {
        grade = default;
        var s = text?.Trim();
        if (s is null || s.Length != 2)
        {
            return false;
        }

        for (var i = 0; i < Codes.Length; i++)
        {
            if (string.Equals(Codes[i], s, StringComparison.OrdinalIgnoreCase))
            {
                grade = new GradeLevel(i);
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public int CompareTo(GradeLevel other) => _ordinal.CompareTo(other._ordinal);

    /// <summary>The C050 code.</summary>
    public override string ToString() => Code;
}
