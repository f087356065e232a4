using FsCheck;
using FsCheck.Fluent;
using PeimsRules.Accountability;

namespace PeimsRules.Tests.Accountability;

/// <summary>
/// Small-group masking over generated districts: whatever the sizes, no published figure is of 1 to 4 students, and no
/// count of 1 to 4 can be recovered by subtracting the published figures from a published total (all students of a
/// campus or the district; the district against its campuses).
/// </summary>
public sealed class MaskingProperties
{
    private const int Threshold = 5;

    private static readonly StudentGroup[] Races = [StudentGroup.Hispanic, StudentGroup.White, StudentGroup.AfricanAmerican, StudentGroup.Asian, StudentGroup.TwoOrMoreRaces];

    private static readonly StudentGroup[] Binary = [StudentGroup.EconomicallyDisadvantaged, StudentGroup.SpecialEducation];

    /// <summary>Campuses of one district: per race group 0 to 12 students, 0 to 3 with no race, and two binary groups within all students.</summary>
    private static Gen<List<MaskingCell>> District =>
        from campuses in Gen.Choose(1, 3)
        from sizes in Gen.ListOf(
            from race in Gen.ListOf(Gen.Choose(0, 12), Races.Length)
            from unreported in Gen.Choose(0, 3)
            from binary in Gen.ListOf(Gen.Choose(0, 100), Binary.Length)
            select (race, unreported, binary), campuses)
        select Cells(sizes);

    private static List<MaskingCell> Cells(List<(List<int> Race, int Unreported, List<int> Binary)> campuses)
    {
        var district = DistrictId.Parse("101912");
        var cells = new List<MaskingCell>();
        var totals = new Dictionary<StudentGroup, long>();
        for (var c = 0; c < campuses.Count; c++)
        {
            var campus = CampusId.Parse($"101912{c + 1:000}");
            var (race, unreported, binary) = campuses[c];
            var all = race.Sum() + unreported;
            void Add(StudentGroup g, long size)
            {
                cells.Add(new MaskingCell(RateLevel.Campus, district, campus, g, size));
                totals[g] = totals.GetValueOrDefault(g) + size;
            }

            Add(StudentGroup.All, all);
            for (var r = 0; r < Races.Length; r++)
            {
                Add(Races[r], race[r]);
            }

            for (var b = 0; b < Binary.Length; b++)
            {
                Add(Binary[b], all * binary[b] / 100);
            }
        }

        cells.AddRange(totals.Select(t => new MaskingCell(RateLevel.District, district, null, t.Key, t.Value)));
        return cells;
    }

    /// <summary>What subtracting the published members from a published total gives: must be 0, negative, or at least the threshold.</summary>
    private static bool Safe(MaskingCell total, IEnumerable<MaskingCell> members, Func<MaskingCell, bool> published) =>
        !published(total) || total.Size - members.Where(published).Sum(m => m.Size) is var hidden && (hidden <= 0 || hidden >= Threshold);

    [FsCheck.Xunit.Property]
    public Property Masked_output_reveals_no_count_below_the_threshold_by_subtraction_from_totals() =>
        Prop.ForAll(
            Arb.From(District),
            cells =>
            {
                var masks = SmallGroupMasking.Mask(cells, Threshold);
                var published = cells.Select((c, i) => (c, i)).Where(x => masks[x.i] is null).Select(x => x.c).ToHashSet();
                bool IsPublished(MaskingCell c) => published.Contains(c);

                var noSmallPublished = published.All(c => c.Size == 0 || c.Size >= Threshold);
                var units = cells.GroupBy(c => (c.Level, c.Campus)).ToList();
                var withinUnits = units.All(u =>
                {
                    var all = u.Single(c => c.Group == StudentGroup.All);
                    return Safe(all, u.Where(c => Races.Contains(c.Group)), IsPublished)
                        && u.Where(c => Binary.Contains(c.Group)).All(b => Safe(all, [b], IsPublished));
                });
                var acrossCampuses = cells.Where(c => c.Level == RateLevel.District).All(d =>
                    Safe(d, cells.Where(c => c.Level == RateLevel.Campus && c.Group == d.Group), IsPublished));
                return noSmallPublished && withinUnits && acrossCampuses;
            });

    [FsCheck.Xunit.Property]
    public Property Masking_never_hides_a_figure_that_nothing_requires_hiding() =>
        Prop.ForAll(
            Arb.From(District),
            cells =>
            {
                // A district with every group of 5 or more and every complement 0 or 5 or more masks nothing.
                var big = cells.Select(c => c with { Size = c.Size * 5 }).ToList();
                var complementsSafe = big.GroupBy(c => (c.Level, c.Campus)).All(u =>
                {
                    var all = u.Single(c => c.Group == StudentGroup.All).Size;
                    var unreported = all - u.Where(c => Races.Contains(c.Group)).Sum(c => c.Size);
                    return u.Where(c => Binary.Contains(c.Group)).All(b => all - b.Size is 0 or >= Threshold) && unreported is 0 or >= Threshold;
                });
                return !complementsSafe || SmallGroupMasking.Mask(big, Threshold).All(m => m is null);
            });
}
