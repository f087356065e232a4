using System.Globalization;

namespace PeimsRules;

/// <summary>How much of a day each instructional day in membership counts for, under an ADA eligibility code.</summary>
public enum DayWeight
{
    /// <summary>Not in membership (code 0): the day counts for nothing.</summary>
    None = 0,

    /// <summary>A whole day of presence or absence (codes 1, 3, 4).</summary>
    Full = 1,

    /// <summary>Half a day of presence or absence (codes 2, 5, 6).</summary>
    Half = 2,

    /// <summary>Counted by minutes in a flexible attendance program (codes 7, 8).</summary>
    FlexibleMinutes = 3,
}

/// <summary>
/// An ADA eligibility code (E0787, code table C059): whether a student's days in membership are funded,
/// and whether each day counts whole or half.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>code</term><description>meaning; weight; funded</description></listheader>
/// <item><term>0</term><description>enrolled, not in membership (served under two hours a day); none; no</description></item>
/// <item><term>1</term><description>eligible for full-day attendance; full; yes</description></item>
/// <item><term>2</term><description>eligible for half-day attendance; half; yes</description></item>
/// <item><term>3</term><description>eligible transfer student, full day; full; yes</description></item>
/// <item><term>4</term><description>ineligible, full day; full; no</description></item>
/// <item><term>5</term><description>ineligible, half day; half; no</description></item>
/// <item><term>6</term><description>eligible transfer student, half day; half; yes</description></item>
/// <item><term>7</term><description>flexible attendance program, eligible; minutes; yes</description></item>
/// <item><term>8</term><description>flexible attendance program, ineligible; minutes; no</description></item>
/// </list>
/// Codes 2, 5 and 6 count one half day of presence or absence for each instructional day; only 2 and 6 put their
/// half days into eligible days present, a code-5 day present is an ineligible day present. Membership bands behind
/// the codes: under 120 minutes a day, not in membership; 120 to 239, half day; 240 or more, full day.
/// Source: TEA data standards, code table C059; Ed-Fi TX Special Programs Reporting Period Attendance object logic.
/// </remarks>
public readonly record struct AdaEligibility
{
    private AdaEligibility(int code) => Code = code;

    /// <summary>The code, 0 to 8.</summary>
    public int Code { get; }

    /// <summary>Code 0: enrolled, not in membership.</summary>
    public static AdaEligibility NotInMembership => new(0);

    /// <summary>Code 1: eligible, full day.</summary>
    public static AdaEligibility FullDay => new(1);

    /// <summary>Code 2: eligible, half day.</summary>
    public static AdaEligibility HalfDay => new(2);

    /// <summary>Code 3: eligible transfer student, full day.</summary>
    public static AdaEligibility TransferFullDay => new(3);

    /// <summary>Code 4: ineligible, full day.</summary>
    public static AdaEligibility IneligibleFullDay => new(4);

    /// <summary>Code 5: ineligible, half day.</summary>
    public static AdaEligibility IneligibleHalfDay => new(5);

    /// <summary>Code 6: eligible transfer student, half day.</summary>
    public static AdaEligibility TransferHalfDay => new(6);

    /// <summary>Code 7: flexible attendance program, eligible.</summary>
    public static AdaEligibility FlexibleEligible => new(7);

    /// <summary>Code 8: flexible attendance program, ineligible.</summary>
    public static AdaEligibility FlexibleIneligible => new(8);

    /// <summary>Every code of C059, 0 to 8.</summary>
    public static IReadOnlyList<AdaEligibility> All { get; } = Array.AsReadOnly(Enumerable.Range(0, 9).Select(c => new AdaEligibility(c)).ToArray());

    /// <summary>How much each instructional day counts for under this code.</summary>
    public DayWeight Weight => Code switch
    {
        0 => DayWeight.None,
        1 or 3 or 4 => DayWeight.Full,
        2 or 5 or 6 => DayWeight.Half,
        _ => DayWeight.FlexibleMinutes,
    };

    /// <summary>Whether days present under this code are eligible (funded) days: codes 1, 2, 3, 6 and 7.</summary>
    public bool IsEligible => Code is 1 or 2 or 3 or 6 or 7;

    /// <summary>Whether the code counts half days (2, 5, 6).</summary>
    public bool IsHalfDay => Weight == DayWeight.Half;

    /// <summary>Whether the code is a transfer student's (3, 6).</summary>
    public bool IsTransfer => Code is 3 or 6;

    /// <summary>Whether the student is in membership under this code (every code but 0).</summary>
    public bool IsInMembership => Code != 0;

    /// <summary>Creates the code from its number.</summary>
    /// <exception cref="PeimsCodeException">The number is outside 0 to 8.</exception>
    public static AdaEligibility FromCode(int code)
    {
        if (code is < 0 or > 8)
        {
            throw new PeimsCodeException(TeaElements.AdaEligibility, code.ToString(CultureInfo.InvariantCulture), "the codes are 0 to 8.");
        }

        return new AdaEligibility(code);
    }

    /// <summary>Parses the one-digit code, <c>0</c> to <c>8</c>.</summary>
    /// <exception cref="PeimsCodeException">The text is not one of the codes.</exception>
    public static AdaEligibility Parse(string? text)
    {
        if (TryParse(text, out var code))
        {
            return code;
        }

        throw new PeimsCodeException(TeaElements.AdaEligibility, text, "the codes are 0 to 8.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out AdaEligibility code)
    {
        code = default;
        var s = text?.Trim();
        if (s is null || s.Length != 1 || s[0] is < '0' or > '8')
        {
            return false;
        }

        code = new AdaEligibility(s[0] - '0');
        return true;
    }

    /// <summary>The one-digit code.</summary>
    public override string ToString() => Code.ToString(CultureInfo.InvariantCulture);
}
