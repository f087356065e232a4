using System.Globalization;

namespace PeimsRules.Cli;

/// <summary>Shared helpers for the verbs: formatting figures, reporting errors the same way everywhere.</summary>
internal static class CliOutput
{
    /// <summary>Exit code for bad input (a file problem, a bad option).</summary>
    public const int BadInput = 2;

    /// <summary>A published figure with exactly three decimals, invariant culture.</summary>
    public static string Format(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Writes a day count as a JSON number with its half day, such as <c>27.5</c> (never as a string).</summary>
    public static void WriteDays(System.Text.Json.Utf8JsonWriter json, string name, DayCount days)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(days.ToString());
    }

    /// <summary>A JSON property name in camelCase, from a CSV column name such as <c>CampusId</c>.</summary>
    public static string JsonName(string column) => column.Length == 0 ? column : char.ToLowerInvariant(column[0]) + column[1..];

    /// <summary>Quotes a CSV field when it needs it (RFC 4180).</summary>
    public static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes an error to stderr and returns <see cref="BadInput"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return BadInput;
    }

    /// <summary>
    /// Whether <paramref name="e"/> is bad input a verb answers with its message and <see cref="BadInput"/>: a problem in
    /// a file (which names its line, column and value), or a file that cannot be opened.
    /// </summary>
    public static bool IsInputError(Exception e) =>
        e is Csv.PeimsCsvException or IOException or UnauthorizedAccessException;
}
