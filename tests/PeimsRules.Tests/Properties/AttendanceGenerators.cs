using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Properties;

/// <summary>
/// A school year's worth of valid 42400 records, as a district could send them: printed as the CSV file it is, so a
/// failing case can be read (and replayed) by an auditor.
/// </summary>
/// <param name="Year">The school year of every record.</param>
/// <param name="Records">The records, in file order.</param>
public sealed record AttendanceFile(SchoolYear Year, IReadOnlyList<BasicReportingPeriodAttendance> Records)
{
    public string ToCsv()
    {
        var text = new StringWriter();
        BasicReportingPeriodAttendanceCsv.Write(text, Records);
        return text.ToString();
    }

    public override string ToString() => $"{Records.Count} records of {Year.DisplayName}:\n{ToCsv()}";
}

/// <summary>A random order: item i goes to the place of <see cref="Keys"/>[i] (lists of up to 64 items).</summary>
/// <param name="Keys">A shuffle of 0 to 63.</param>
public sealed record Permutation(IReadOnlyList<int> Keys)
{
    public IReadOnlyList<T> Apply<T>(IEnumerable<T> items) =>
        items.Select((item, i) => (item, key: Keys[i])).OrderBy(x => x.key).Select(x => x.item).ToList();

    public override string ToString() => $"[{string.Join(' ', Keys)}]";
}

/// <summary>A random partition: item i goes to part <see cref="PartOf"/>[i] (0 to 3).</summary>
/// <param name="PartOf">The part of each of up to 64 items.</param>
public sealed record Partition(IReadOnlyList<int> PartOf)
{
    public IReadOnlyList<IReadOnlyList<T>> Apply<T>(IReadOnlyList<T> items) =>
        Enumerable.Range(0, 4)
            .Select(part => (IReadOnlyList<T>)items.Where((_, i) => PartOf[i] == part).ToList())
            .ToList();

    public override string ToString() => $"[{string.Join(' ', PartOf)}]";
}

/// <summary>Changes made to a valid file's text: each deletes, inserts, replaces, duplicates or cuts at a place.</summary>
/// <param name="Edits">The edits, applied in order; each a kind (0 to 5), a place and a character.</param>
public sealed record Mutations(IReadOnlyList<(int Kind, int Place, char Char)> Edits)
{
    public string Apply(string text)
    {
        var s = new StringBuilder(text);
        foreach (var (kind, place, c) in Edits)
        {
            var at = s.Length == 0 ? 0 : place % s.Length;
            switch (kind)
            {
                case 0 when s.Length > 0:
                    s.Remove(at, 1);
                    break;
                case 1:
                    s.Insert(at, c);
                    break;
                case 2 when s.Length > 0:
                    s[at] = c;
                    break;
                case 3:
                    // Duplicate the line holding the place.
                    var str = s.ToString();
                    var start = str.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                    var end = str.IndexOf('\n', at);
                    var line = end < 0 ? str[start..] + "\n" : str[start..(end + 1)];
                    s.Insert(start, line);
                    break;
                case 4:
                    s.Length = at;
                    break;
                default:
                    s.Insert(at, "\"\"");
                    break;
            }
        }

        return s.ToString();
    }

    public override string ToString() => string.Join(", ", Edits.Select(e => $"({e.Kind} @{e.Place} '{e.Char}')"));
}

/// <summary>Text made of the characters that matter to a CSV reader, with a valid header in front half of the time.</summary>
/// <param name="Text">The text.</param>
public sealed record CsvNoise(string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// The generators. Records come from a few districts, campuses, grades and tracks; days taught are the same for every
/// record of a campus, track and period (as TEA reports them) and each record's membership fits in them; one record per
/// key (42400-000A); every ADA code appears, and one record in ten has none joined, remote days appear in any year (the rules decide whether they count), and one record in nine is of
/// periods 7 to 9.
/// </summary>
public static class AttendanceArbitraries
{
    private static readonly CampusId[] Campuses =
        [CampusId.Parse("101912001"), CampusId.Parse("101912002"), CampusId.Parse("057905001"), CampusId.Parse("057905041")];

    private static readonly GradeLevel[] Grades =
        new[] { "PK", "KG", "01", "03", "04", "09" }.Select(GradeLevel.Parse).ToArray();

    private static readonly BilingualEslFunding?[] Fundings =
        [null, BilingualEslFunding.BilingualEsl, BilingualEslFunding.DualLanguageOneWay, BilingualEslFunding.DualLanguageTwoWay];

    private const int Tracks = 2;

    public const int MaximumRecords = 60;

    public static Arbitrary<AttendanceFile> AttendanceFile() => Arb.From(Files, Shrink);

    public static Arbitrary<Permutation> Permutation() =>
        Arb.From(Gen.Shuffle(Enumerable.Range(0, 64)).Select(keys => new Permutation(keys)));

    public static Arbitrary<Partition> Partition() =>
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 3), 64).Select(parts => new Partition(parts)));

    public static Arbitrary<Mutations> Mutations() =>
        Arb.From(
            from count in Gen.Choose(1, 6)
            from edits in Gen.ArrayOf(
                from kind in Gen.Choose(0, 5)
                from place in Gen.Choose(0, int.MaxValue)
                from c in Gen.Elements(",\"\r\n .-5x0E9\t".ToCharArray())
                select (kind, place, c),
                count)
            select new Mutations(edits));

    public static Arbitrary<CsvNoise> CsvNoise() =>
        Arb.From(
            from header in Gen.Elements(string.Empty, Support.CsvText.Header + "\n")
            from chars in Gen.ArrayOf(Gen.Elements("\"\"\",,,\r\n\n abcSE.5-019\u00e9\0".ToCharArray()))
            select new CsvNoise(header + new string(chars)));

    private static Gen<AttendanceFile> Files =>
        from year in Gen.Elements(2019, 2020, 2021, 2022, 2024)
        from halfDaysTaught in Gen.ArrayOf(Gen.Choose(20, 70), Campuses.Length * Tracks * 9)
        from count in Gen.Choose(0, MaximumRecords)
        from records in Gen.ArrayOf(Records(year, halfDaysTaught), count)
        select new AttendanceFile(new SchoolYear(year), records.DistinctBy(r => r.Key).ToArray()); // 42400-000A: one record per key

    private static Gen<BasicReportingPeriodAttendance> Records(int year, int[] halfDaysTaught) =>
        from campus in Gen.Choose(0, Campuses.Length - 1)
        from track in Gen.Choose(0, Tracks - 1)
        from period in Gen.Frequency((8, Gen.Choose(1, 6)), (1, Gen.Choose(7, 9)))
        let taught = halfDaysTaught[(((campus * Tracks) + track) * 9) + period - 1]
        from days in Days(taught)
        from student in Gen.Choose(1, 20)
        from grade in Gen.Elements(Grades)
        from code in Gen.Frequency((9, Gen.Elements(AdaEligibility.All.ToArray()).Select(c => (AdaEligibility?)c)), (1, Gen.Constant<AdaEligibility?>(null)))
        from economic in Gen.Elements(EconomicDisadvantage.All.ToArray())
        from emergentBilingual in Gen.Elements(EmergentBilingual.All.ToArray())
        from funding in Gen.Elements(Fundings)
        select new BasicReportingPeriodAttendance(
            new SchoolYear(year),
            new ReportingPeriodAttendanceKey(Campuses[campus], StudentId.Parse($"S{student:00}"), grade, new InstructionalTrack(track), new ReportingPeriod(period)),
            DayCount.FromHalfDays(taught),
            DayCount.FromHalfDays(days[0]),
            DayCount.FromHalfDays(days[1]),
            DayCount.FromHalfDays(days[2]),
            new StudentFundingAttributes(economic, emergentBilingual, funding),
            DayCount.FromHalfDays(days[3]),
            DayCount.FromHalfDays(days[4]),
            code);

    /// <summary>
    /// Eligible, ineligible, absent, RS and RA half days whose sum (the membership) is at most <paramref name="taught"/>;
    /// remote days in one record out of four.
    /// </summary>
    private static Gen<long[]> Days(int taught) =>
        from membership in Gen.Choose(0, taught)
        from cuts in Gen.ArrayOf(Gen.Choose(0, membership), 4)
        from remote in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        let sorted = cuts.Order().ToArray()
        let parts = new long[] { sorted[0], sorted[1] - sorted[0], sorted[2] - sorted[1], sorted[3] - sorted[2], membership - sorted[3] }
        select remote ? parts : new long[] { parts[0] + parts[3] + parts[4], parts[1], parts[2], 0, 0 };

    private static IEnumerable<AttendanceFile> Shrink(AttendanceFile file)
    {
        var records = file.Records;
        if (records.Count == 0)
        {
            yield break;
        }

        yield return file with { Records = records.Take(records.Count / 2).ToList() };
        yield return file with { Records = records.Skip(records.Count / 2).ToList() };
        for (var i = 0; i < records.Count; i++)
        {
            yield return file with { Records = records.Where((_, j) => j != i).ToList() };
        }
    }
}
