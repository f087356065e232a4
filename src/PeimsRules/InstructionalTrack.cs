using System.Globalization;

namespace PeimsRules;

/// <summary>
/// An instructional track (E0975, the calendar code): two digits, <c>00</c> for a campus's only or first
/// calendar, then <c>01</c>, <c>02</c> and so on. Each track has its own days taught in each period.
/// </summary>
public readonly record struct InstructionalTrack : IComparable<InstructionalTrack>
{
    /// <summary>Creates track <paramref name="number"/>.</summary>
    /// <param name="number">0 to 99.</param>
    /// <exception cref="PeimsCodeException">The number is outside 0 to 99.</exception>
    public InstructionalTrack(int number)
    {
        if (number is < 0 or > 99)
        {
            throw new PeimsCodeException(
                TeaElements.InstructionalTrack,
                number.ToString(CultureInfo.InvariantCulture),
                "tracks are two digits, 00 to 99.");
        }

        Number = number;
    }

    /// <summary>Track 00: a campus's only (or first) calendar.</summary>
    public static InstructionalTrack First => new(0);

    /// <summary>The track number, 0 to 99.</summary>
    public int Number { get; }

    /// <summary>The code, two digits such as <c>00</c>.</summary>
    public string Code => Number.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Parses the two-digit code, <c>00</c> to <c>99</c>.</summary>
    /// <exception cref="PeimsCodeException">The text is not two digits.</exception>
    public static InstructionalTrack Parse(string? text)
    {
        if (TryParse(text, out var track))
        {
            return track;
        }

        throw new PeimsCodeException(TeaElements.InstructionalTrack, text, "tracks are two digits, 00 to 99.");
    }

    /// <summary>Parses as <see cref="Parse"/> does, without throwing.</summary>
    public static bool TryParse(string? text, out InstructionalTrack track)
    {
        track = default;
        var s = text?.Trim();
        if (s is null || s.Length != 2 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1]))
        {
            return false;
        }

        track = new InstructionalTrack(((s[0] - '0') * 10) + (s[1] - '0'));
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(InstructionalTrack other) => Number.CompareTo(other.Number);

    /// <summary>The two-digit code.</summary>
    public override string ToString() => Code;
}
