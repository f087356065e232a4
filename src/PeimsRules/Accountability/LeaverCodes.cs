using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>One leaver reason code and whether it counts as a dropout.</summary>
/// <param name="Code">The two-digit code.</param>
/// <param name="Translation">The code's meaning, as the table gives it.</param>
/// <param name="IsDropout">Whether a leaver with this code counts as a dropout.</param>
public sealed record LeaverCodeEntry(string Code, string Translation, bool IsDropout);

/// <summary>
/// A leaver-code table: the leaver reasons of PEIMS record 203 and which of them are not dropouts, for the school years
/// it is in force.
/// </summary>
public sealed class LeaverCodeTable
{
    private readonly Dictionary<string, LeaverCodeEntry> _byCode;

    /// <summary>Creates a table from its entries, each code once.</summary>
    /// <exception cref="ArgumentException">A code repeats.</exception>
    public LeaverCodeTable(string name, IEnumerable<LeaverCodeEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        Name = name;
        _byCode = list.ToDictionary(e => e.Code, StringComparer.Ordinal);
        Entries = list.AsReadOnly();
    }

    /// <summary>The table's name, such as <c>Table 31 (2007 accountability)</c>.</summary>
    public string Name { get; }

    /// <summary>The entries, in the table's order.</summary>
    public IReadOnlyList<LeaverCodeEntry> Entries { get; }

    /// <summary>The entry of <paramref name="code"/>.</summary>
    /// <exception cref="PeimsCodeException">The code is not in the table: an unknown leaver code is an error, never a guess.</exception>
    public LeaverCodeEntry Lookup(string? code)
    {
        if (code is not null && _byCode.TryGetValue(code.Trim(), out var entry))
        {
            return entry;
        }

        throw new PeimsCodeException("leaver reason code (PEIMS 203)", code, $"{Name} has the codes {string.Join(", ", Entries.Select(e => e.Code))}.");
    }

    /// <summary>The table's name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// The leaver-code tables by school year of the leaver data, each with its citation: which leaver reasons are not
/// dropouts in the annual dropout rate.
/// </summary>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources), table 31: leaver codes")]
public static class LeaverCodes
{
    /// <summary>
    /// TEA Accountability Manual, Appendix D, table 31: codes 01 graduated, 03 died, 16 return to home country, 24 college, 60 home schooling, 66
    /// removed by child protective services, 78 expelled and cannot return, 81 Texas private school, 82 school outside
    /// Texas, 83 administrative withdrawal, 85 graduated outside Texas, returned, left again, 86 GED outside Texas are not
    /// counted as dropouts in the 2007 ratings; 98 other is a dropout.
    /// </summary>
    public static LeaverCodeTable Table31 { get; } = new(
        "Table 31 (leaver codes, 2007 accountability)",
        [
            new("01", "Graduated", false),
            new("03", "Died", false),
            new("16", "Return to Home Country", false),
            new("24", "College, Pursue Degree", false),
            new("60", "Home Schooling", false),
            new("66", "Removed-Child Protective Srvs", false),
            new("78", "Expelled, Cannot Return", false),
            new("81", "Enroll In TX Private School", false),
            new("82", "Enroll In School Outside Texas", false),
            new("83", "Administrative Withdrawal", false),
            new("85", "Graduated outside Texas-Returned-Left Again", false),
            new("86", "GED outside Texas", false),
            new("98", "Other", true),
        ]);

    /// <summary>
    /// The table in force by the school year of the leaver data. The table of the TEA Accountability Manual, Appendix D decided the 2007 ratings, which used
    /// the 2005-06 leavers, so it is keyed from 2005-06; later years carry it forward until a later table is added.
    /// </summary>
    public static RuleParameter<LeaverCodeTable> Table { get; } = new(
        "LeaverCodeTable",
        "Which leaver reason codes (PEIMS 203) are not dropouts in the annual dropout rate.",
        new RuleParameterValue<LeaverCodeTable>(
            new SchoolYear(2006),
            Table31,
            new Citation(
                "TEA Accountability Manual, Appendix D (Data Sources), table 31",
                CitationStatus.AwaitingConfirmation,
                "The table is the 2007 ratings' (2005-06 leavers); later years' tables add and retire codes and await confirmation against the data standards of each year.")));

    /// <summary>The table in force for leavers of <paramref name="year"/>.</summary>
    /// <exception cref="InvalidOperationException">No table is in force that year (before 2005-06).</exception>
    public static LeaverCodeTable For(SchoolYear year) => Table.ValueFor(year).Value;
}

/// <summary>A leaver record (PEIMS 203): a student who left, with the last campus, grade and the leaver reason.</summary>
/// <param name="SchoolYear">The school year the student left in.</param>
/// <param name="Campus">The last campus of enrollment.</param>
/// <param name="Student">The student.</param>
/// <param name="GradeLevel">The grade the student left from.</param>
/// <param name="LeaverCode">The leaver reason code (checked against the year's table when the rate is computed).</param>
public sealed record LeaverRecord(SchoolYear SchoolYear, CampusId Campus, StudentId Student, GradeLevel GradeLevel, string LeaverCode);
