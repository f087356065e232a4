namespace PeimsRules.Csv;

/// <summary>
/// Makes a text field of a CSV output safe to open in a spreadsheet (CSV injection, OWASP): a field that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is written with a leading apostrophe, which
/// spreadsheets read as "this cell is text". A number (<c>-1.5</c>, <c>+3</c>, a fraction such as <c>-9/10</c>) is left
/// as it is: a spreadsheet cannot run it, and a figure must stay a figure.
/// </summary>
/// <remarks>
/// The result tables (figures, findings, explanations, report tables) are protected. The data layouts that the tool
/// reads back (period records, daily files, IEP services) are written as they are, so they read back exactly; their
/// codes and ids cannot start with a formula character (docs/input-contract.md).
/// </remarks>
public static class CsvOutputText
{
    /// <summary><paramref name="value"/>, with an apostrophe in front when a spreadsheet would take it for a formula.</summary>
    public static string Neutralize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || IsNumber(value))
        {
            return value;
        }

        return "'" + value;
    }

    /// <summary>Whether the text is a plain number: an optional sign, digits, an optional decimal part or fraction.</summary>
    internal static bool IsNumber(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            text = text[1..];
        }

        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            return IsDecimal(text[..slash]) && IsDecimal(text[(slash + 1)..]);
        }

        return IsDecimal(text);

        static bool IsDecimal(ReadOnlySpan<char> s)
        {
            var dot = s.IndexOf('.');
            var whole = dot < 0 ? s : s[..dot];
            var fraction = dot < 0 ? [] : s[(dot + 1)..];
            return whole.Length > 0 && !whole.ContainsAnyExceptInRange('0', '9')
                && (dot < 0 || (fraction.Length > 0 && !fraction.ContainsAnyExceptInRange('0', '9')));
        }
    }
}
