namespace PeimsRules;

/// <summary>
/// A value that a TEA code table or data element does not allow: an unknown code, a malformed identifier,
/// or a day count that is not a non-negative multiple of one half.
/// </summary>
/// <remarks>
/// The message names the element (for example <c>E0787 ADA-ELIGIBILITY-CODE</c>) and the value that was refused,
/// so the error can be traced back to the data without a debugger. Readers of files wrap it with the file, line
/// and column it came from.
/// </remarks>
public sealed class PeimsCodeException : FormatException
{
    /// <summary>Creates the error for <paramref name="value"/> refused by <paramref name="element"/>.</summary>
    /// <param name="element">The TEA element or code table, such as <c>E0787 ADA-ELIGIBILITY-CODE (C059)</c>.</param>
    /// <param name="value">The value as it was given; <see langword="null"/> when it was missing.</param>
    /// <param name="reason">What is wrong with it and what is allowed instead.</param>
    public PeimsCodeException(string element, string? value, string reason)
        : base($"{element}: {Describe(value)} {reason}")
    {
        Element = element;
        Value = value;
        Reason = reason;
    }

    /// <summary>The TEA element or code table that refused the value.</summary>
    public string Element { get; }

    /// <summary>The refused value as it was given (<see langword="null"/> when it was missing).</summary>
    public string? Value { get; }

    /// <summary>What is wrong with the value and what the element allows.</summary>
    public string Reason { get; }

    private static string Describe(string? value) => value is null ? "no value:" : $"'{value}' is not valid:";
}
