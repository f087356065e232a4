using PeimsRules.Rules;

namespace PeimsRules.Accountability;

/// <summary>One leaver reason code and whether it counts as a dropout.</summary>
/// <param name="Code">The two-digit code.</param>
/// <param name="Translation">The code's meaning, as the table gives it.</param>
/// <param name="IsDropout">Whether a leaver with this code counts as a dropout.</param>
public sealed record LeaverCodeEntry(string Code, string Translation, bool IsDropout);

/// <summary>
/// A leaver-code table: the leaver reasons (PEIMS record 203, E1001) and which of them are dropouts, for the school years
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

    /// <summary>The table's name, such as <c>C162 (leaver reason codes, 2019-20 onward)</c>.</summary>
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
/// The leaver-code tables by school year of the leaver data, each with its citation: which leaver reasons (E1001, code
/// table C162) are dropouts in the annual dropout rate.
/// </summary>
[TeaSource("TEA Accountability Manual, Appendix D (Data Sources), table 31: leaver codes (2007 ratings)")]
[TeaSource("TEA data standards, code table C162 (E1001 leaver reason); TEA leaver reports 2020-21 and 2022-23")]
public static class LeaverCodes
{
    /// <summary>
    /// The 2007 ratings' table (2005-06 leavers; TEA Accountability Manual, Appendix D, table 31): codes 01 graduated,
    /// 03 died, 16 return to home country, 24 college, 60 home schooling, 66 removed by child protective services, 78
    /// expelled and cannot return, 81 Texas private school, 82 school outside Texas, 83 administrative withdrawal, 85
    /// graduated outside Texas, returned, left again, 86 GED outside Texas are not dropouts; 98 other is a dropout.
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
    /// The current table (C162 as TEA's leaver reports of 2020-21 and 2022-23 list it, identical in both years): 01
    /// graduate; dropouts 08, 20, 88, 89 and 98; other leavers, not dropouts, 03, 16, 24, 60, 66, 78, 81, 82, 83, 85, 86,
    /// 87 and 90.
    /// </summary>
    public static LeaverCodeTable C162 { get; } = new(
        "C162 (leaver reason codes, 2019-20 onward)",
        [
            new("01", "Graduated", false),
            new("03", "Died", false),
            new("08", "Pregnancy", true),
            new("16", "Return to home country", false),
            new("20", "Medical injury", true),
            new("24", "College, pursue degree", false),
            new("60", "Home schooling", false),
            new("66", "Removed by child protective services", false),
            new("78", "Expelled, cannot return", false),
            new("81", "Enroll in Texas private school", false),
            new("82", "Enroll in school outside Texas", false),
            new("83", "Administrative withdrawal", false),
            new("85", "Graduated outside Texas, returned, left again", false),
            new("86", "Completed equivalency outside Texas", false),
            new("87", "Other leaver, not a dropout (C162 code 87)", false),
            new("88", "Court-ordered to an equivalency program, certificate not earned", true),
            new("89", "Incarcerated as an adult", true),
            new("90", "Other leaver, not a dropout (C162 code 90)", false),
            new("98", "Other reason (dropout)", true),
        ]);

    /// <summary>
    /// The table in force by the school year of the leaver data. Table 31 from 2005-06 (the 2007 ratings' leavers); the
    /// C162 table from 2019-20, checked against TEA's leaver reports of 2020-21 and 2022-23 and assumed for the years
    /// around them until a source says otherwise. Codes before 2005-06 are not valid.
    /// </summary>
    public static RuleParameter<LeaverCodeTable> Table { get; } = new(
        "LeaverCodeTable",
        "Which leaver reason codes (E1001, C162) are dropouts in the annual dropout rate.",
        new RuleParameterValue<LeaverCodeTable>(
            new SchoolYear(2006),
            Table31,
            new Citation(
                "TEA Accountability Manual, Appendix D (Data Sources), table 31",
                CitationStatus.AwaitingConfirmation,
                "The table is the 2007 ratings' (2005-06 leavers); the years 2006-07 to 2018-19 carry it forward and await confirmation against the data standards of each year.")),
        new RuleParameterValue<LeaverCodeTable>(
            new SchoolYear(2020),
            C162,
            new Citation(
                "TEA data standards, code table C162 (E1001)",
                CitationStatus.AwaitingConfirmation,
                "Assumed for 2019-20: the same list as TEA's 2020-21 leaver report.")),
        new RuleParameterValue<LeaverCodeTable>(
            new SchoolYear(2021),
            C162,
            new Citation("TEA leaver reports 2020-21 and 2022-23 (code table C162, identical in both years)")),
        new RuleParameterValue<LeaverCodeTable>(
            new SchoolYear(2024),
            C162,
            new Citation(
                "TEA data standards, code table C162 (E1001)",
                CitationStatus.AwaitingConfirmation,
                "Assumed unchanged after 2022-23 (the last leaver report checked) until a later source says otherwise.")));

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
