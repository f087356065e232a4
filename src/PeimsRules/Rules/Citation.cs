namespace PeimsRules.Rules;

/// <summary>How firmly a rule or a parameter value is established.</summary>
public enum CitationStatus
{
    /// <summary>Checked in a TEA source: data standards, statute, administrative code or a TEA letter.</summary>
    Verified = 0,

    /// <summary>Checked only in a vendor's or district's public documentation.</summary>
    VendorDocumented = 1,

    /// <summary>Not verified: implemented as a named, overridable parameter awaiting confirmation against the SAAH of that year.</summary>
    AwaitingConfirmation = 2,
}

/// <summary>Where a rule or a parameter value comes from.</summary>
/// <param name="Source">The source, such as <c>TEC §48.051</c> or <c>TEA letter, 2020-09-24</c>.</param>
/// <param name="Status">How firmly the source establishes it.</param>
/// <param name="Note">What the source says, in a sentence, when the source's name alone does not say it.</param>
public sealed record Citation(string Source, CitationStatus Status = CitationStatus.Verified, string? Note = null)
{
    /// <summary>The source, with its status when it is not verified.</summary>
    public override string ToString() => Status switch
    {
        CitationStatus.Verified => Source,
        CitationStatus.VendorDocumented => $"{Source} (vendor documentation only)",
        _ => $"{Source} (awaiting confirmation)",
    };
}

/// <summary>
/// Names the TEA source of a rule type, as the house style asks of every rule: a test fails when a public rule
/// type has none.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class TeaSourceAttribute : Attribute
{
    /// <summary>Cites <paramref name="source"/>.</summary>
    public TeaSourceAttribute(string source) => Source = source;

    /// <summary>The source, such as <c>19 TAC §129.1021</c>.</summary>
    public string Source { get; }

    /// <summary>How firmly the source establishes the rule.</summary>
    /// <value>Defaults to <see cref="CitationStatus.Verified"/>.</value>
    public CitationStatus Status { get; init; } = CitationStatus.Verified;
}
