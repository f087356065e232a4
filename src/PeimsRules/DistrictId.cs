namespace PeimsRules;

/// <summary>A district (E0212 DISTRICT-ID): six digits, the county number then the district number, such as <c>101912</c>.</summary>
public readonly record struct DistrictId : IComparable<DistrictId>
{
    private readonly string? _code;

    private DistrictId(string code) => _code = code;

    /// <summary>The six digits.</summary>
    public string Code => _code ?? "000000";

    /// <summary>Parses six digits.</summary>
    /// <exception cref="PeimsCodeException">The text is not six digits.</exception>
    public static DistrictId Parse(string? text)
    {
        if (TryParse(text, out var id))
        {
            return id;
        }

        throw new PeimsCodeException(TeaElements.DistrictId, text, "a district id is six digits, such as 101912.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out DistrictId id)
    {
        id = default;
        var s = text?.Trim();
        if (s is null || !Digits.Are(s, 6))
        {
            return false;
        }

        id = new DistrictId(s);
        return true;
    }

    /// <summary>
    /// The district of a campus id's code (nine digits, already checked): its first six digits, as <see cref="Parse"/>
    /// would read them, without checking them again.
    /// </summary>
    internal static DistrictId OfCampusCode(string campusCode) => new(campusCode[..6]);

    /// <inheritdoc />
    public int CompareTo(DistrictId other) => string.CompareOrdinal(Code, other.Code);

    /// <summary>The six digits.</summary>
    public override string ToString() => Code;
}

/// <summary>A campus (E0266 CAMPUS-ID): nine digits, its district's six digits then a three-digit campus number.</summary>
public readonly record struct CampusId : IComparable<CampusId>
{
    private readonly string? _code;

    private CampusId(string code) => _code = code;

    /// <summary>The nine digits.</summary>
    public string Code => _code ?? "000000000";

    /// <summary>The district the campus belongs to: its first six digits.</summary>
    public DistrictId District => DistrictId.OfCampusCode(Code);

    /// <summary>Parses nine digits.</summary>
    /// <exception cref="PeimsCodeException">The text is not nine digits.</exception>
    public static CampusId Parse(string? text)
    {
        if (TryParse(text, out var id))
        {
            return id;
        }

        throw new PeimsCodeException(TeaElements.CampusId, text, "a campus id is nine digits: the district's six, then three, such as 101912001.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out CampusId id)
    {
        id = default;
        var s = text?.Trim();
        if (s is null || !Digits.Are(s, 9))
        {
            return false;
        }

        id = new CampusId(s);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(CampusId other) => string.CompareOrdinal(Code, other.Code);

    /// <summary>The nine digits.</summary>
    public override string ToString() => Code;
}

/// <summary>
/// A student's identifier: the ten-digit TX-UNIQUE-STUDENT-ID (E1523) or a district's local id.
/// </summary>
/// <remarks>
/// Letters, digits and hyphens, 1 to 32 characters, compared exactly. <see cref="IsTexasUniqueStudentId"/> tells
/// whether it has the shape of the state's ten-digit id.
/// </remarks>
public readonly record struct StudentId : IComparable<StudentId>
{
    /// <summary>The longest id accepted.</summary>
    public const int MaximumLength = 32;

    private readonly string? _value;

    private StudentId(string value) => _value = value;

    /// <summary>The id as written.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the id is ten digits, the shape of a TX-UNIQUE-STUDENT-ID.</summary>
    public bool IsTexasUniqueStudentId => Digits.Are(Value, 10);

    /// <summary>Parses an id: 1 to 32 letters, digits or hyphens.</summary>
    /// <exception cref="PeimsCodeException">The text is empty, too long, or holds another character.</exception>
    public static StudentId Parse(string? text)
    {
        if (TryParse(text, out var id))
        {
            return id;
        }

        throw new PeimsCodeException(TeaElements.StudentId, text, $"a student id is 1 to {MaximumLength} letters, digits or hyphens.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out StudentId id)
    {
        id = default;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s) || s.Length > MaximumLength)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        id = new StudentId(s);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(StudentId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>The id as written.</summary>
    public override string ToString() => Value;
}

internal static class Digits
{
    public static bool Are(string s, int length)
    {
        if (s.Length != length)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
