namespace PeimsRules.Csv;

/// <summary>A column of a documented CSV layout.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Element">The TEA element number also accepted as its name (such as <c>E0935</c>), if it has one.</param>
/// <param name="Required">Whether the column must be present and every row must have a value in it.</param>
/// <param name="Description">What the column holds and how it is written.</param>
public sealed record CsvColumn(string Name, string? Element, bool Required, string Description)
{
    internal bool Matches(string header)
    {
        var h = header.Trim();
        return string.Equals(h, Name, StringComparison.OrdinalIgnoreCase)
            || (Element is not null && string.Equals(h, Element, StringComparison.OrdinalIgnoreCase));
    }
}
