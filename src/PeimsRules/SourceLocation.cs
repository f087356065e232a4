namespace PeimsRules;

/// <summary>
/// Where an input value came from: a file and a line (for a CSV row, the header is line 1), or a resource and a
/// document position for sources that are not line-based. Carried by the daily inputs so that a problem the builder
/// finds across files (overlapping enrollments, a calendar that is not there, a mark on a day that is not
/// instructional) names the place a person can open and fix.
/// </summary>
/// <param name="File">The file (or resource) name as the reader was given it.</param>
/// <param name="Line">The line (or 1-based document position) in it.</param>
public readonly record struct SourceLocation(string File, long Line)
{
    /// <summary>The place as a message writes it: <c>enrollments.csv, line 14</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}, line {Line}");
}
