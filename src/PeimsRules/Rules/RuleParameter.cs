namespace PeimsRules.Rules;

/// <summary>One value of a rule parameter, in force from a school year until the next value starts.</summary>
/// <typeparam name="T">The parameter's type.</typeparam>
/// <param name="From">The first school year the value applies to.</param>
/// <param name="Value">The value.</param>
/// <param name="Citation">Where the value comes from.</param>
public sealed record RuleParameterValue<T>(SchoolYear From, T Value, Citation Citation);

/// <summary>What every rule parameter shows, whatever its type: for listings and citation checks.</summary>
public interface IRuleParameter
{
    /// <summary>The parameter's name, as the rule set exposes it.</summary>
    string Name { get; }

    /// <summary>What the parameter decides, in a sentence.</summary>
    string Description { get; }

    /// <summary>The citations of all its values, oldest first.</summary>
    IEnumerable<Citation> Citations { get; }

    /// <summary>The value in force for <paramref name="year"/> as text, with its citation; <see langword="null"/> when none is.</summary>
    (string Value, Citation Citation)? Describe(SchoolYear year);
}

/// <summary>
/// A rule parameter whose value changes by school year: each value is keyed by the school year it starts in and
/// carries its citation (the OpenFisca way). A year before the first value has none.
/// </summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public sealed class RuleParameter<T> : IRuleParameter
{
    private readonly RuleParameterValue<T>[] _values;

    /// <summary>Creates the parameter.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="description">What it decides.</param>
    /// <param name="values">Its values, each with the school year it starts in; at least one.</param>
    public RuleParameter(string name, string description, params RuleParameterValue<T>[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("A parameter needs at least one value.", nameof(values));
        }

        Name = name;
        Description = description;
        _values = values.OrderBy(v => v.From).ToArray();
        Values = Array.AsReadOnly(_values);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The values, oldest first.</summary>
    public IReadOnlyList<RuleParameterValue<T>> Values { get; }

    /// <inheritdoc />
    public IEnumerable<Citation> Citations => _values.Select(v => v.Citation);

    /// <summary>The value in force for <paramref name="year"/>, if any.</summary>
    public bool TryGetValue(SchoolYear year, out RuleParameterValue<T> value)
    {
        for (var i = _values.Length - 1; i >= 0; i--)
        {
            if (_values[i].From <= year)
            {
                value = _values[i];
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>The value in force for <paramref name="year"/>.</summary>
    /// <exception cref="InvalidOperationException">No value is in force that year.</exception>
    public RuleParameterValue<T> ValueFor(SchoolYear year) =>
        TryGetValue(year, out var value)
            ? value
            : throw new InvalidOperationException($"{Name} has no value for {year.DisplayName}: its first value applies from {_values[0].From.DisplayName}.");

    /// <inheritdoc />
    public (string Value, Citation Citation)? Describe(SchoolYear year) =>
        TryGetValue(year, out var value)
            ? (Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, value.Citation)
            : null;
}
