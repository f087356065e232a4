using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Rules;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Design;

/// <summary>
/// Design promise (house style, after NodaTime): every public type is immutable. No public setter other than init, no
/// public field that can be written, and no collection handed out that a cast would let a caller change.
/// </summary>
public class ImmutabilityDesignTests
{
    private static readonly Assembly[] Libraries = [typeof(BasicReportingPeriodAttendance).Assembly, typeof(BasicReportingPeriodAttendanceCsv).Assembly];

    [Fact]
    public void No_public_type_has_a_public_setter_or_a_writable_public_field()
    {
        var mutable = Libraries.SelectMany(a => a.GetExportedTypes()).SelectMany(MutableMembersOf).ToList();

        Assert.Empty(mutable);
    }

    [Fact]
    public void The_check_catches_a_setter_and_a_field_but_allows_init()
    {
        Assert.Equal(
            ["MutableSampleForTheTest.Field", "MutableSampleForTheTest.Settable"],
            MutableMembersOf(typeof(Samples.MutableSampleForTheTest)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Public_static_collections_cannot_be_changed_by_a_cast()
    {
        // AdaEligibility.All handed out as an array could be cast back and overwritten, changing the code table for
        // every caller; Covid19AdjustedRefinedAda.CountedPeriods likewise would change which periods count.
        var writable = Libraries.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => (Name: $"{t.Name}.{p.Name}", Value: p.GetValue(null))))
            .Where(x => IsWritableCollection(x.Value))
            .Select(x => x.Name)
            .ToList();

        Assert.Empty(writable);
    }

    [Fact]
    public void Collections_held_by_results_cannot_be_changed_by_a_cast()
    {
        var rules = RuleSet.For(new SchoolYear(2020));
        var prior = Given.EachPeriod(p => [Given.Record(year: 2019, period: p, eligible: 30)]);
        var records = new[] { Given.Record(year: 2020, eligible: 30), Given.Record(year: 2020, period: 7, eligible: 5, absent: 5) };
        var summary = AttendanceSummary.Compute(records, rules, new AttendanceSummaryOptions { PriorYearRecords = prior });
        var read = BasicReportingPeriodAttendanceCsv.Read(
            new StringReader(CsvText.Lines(CsvText.Header + ",Extra", CsvText.Row() + ",x", CsvText.Row(grade: "13") + ",x")),
            "a.csv",
            CsvErrorMode.CollectAll);

        var results = new object[]
        {
            summary, summary.Figures[0], summary.Figures[0].Totals, RuleParameters.BasicAllotment, read,
        };

        var writable = results
            .SelectMany(o => o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => (Name: $"{o.GetType().Name}.{p.Name}", Value: p.GetValue(o))))
            .Where(x => IsWritableCollection(x.Value))
            .Select(x => x.Name)
            .ToList();

        Assert.Empty(writable);
    }

    [Fact]
    public void The_collection_check_catches_arrays_lists_and_dictionaries()
    {
        Assert.True(IsWritableCollection(new[] { 1 }));
        Assert.True(IsWritableCollection(new List<int>()));
        Assert.True(IsWritableCollection(new Dictionary<int, int>()));
        Assert.True(IsWritableCollection(new SortedDictionary<int, int>()));
        Assert.False(IsWritableCollection(Array.AsReadOnly(new[] { 1 })));
        Assert.False(IsWritableCollection(new System.Collections.ObjectModel.ReadOnlyDictionary<int, int>(new Dictionary<int, int>())));
        Assert.False(IsWritableCollection("text"));
    }

    /// <summary>The public setters (other than init) and writable public fields a type declares.</summary>
    private static IEnumerable<string> MutableMembersOf(Type type)
    {
        if (type.IsEnum || typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var property in type.GetProperties(declared))
        {
            var setter = property.SetMethod;
            if (setter is { IsPublic: true } && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            {
                yield return $"{type.Name}.{property.Name}";
            }
        }

        foreach (var field in type.GetFields(declared))
        {
            if (!field.IsInitOnly && !field.IsLiteral)
            {
                yield return $"{type.Name}.{field.Name}";
            }
        }
    }

    /// <summary>Whether a caller could change the collection by casting it to what it really is.</summary>
    private static bool IsWritableCollection(object? value) => value switch
    {
        null or string => false,
        IList list => !list.IsReadOnly,
        IDictionary dictionary => !dictionary.IsReadOnly,
        _ => value.GetType().GetInterfaces().Any(i =>
                i.IsGenericType
                && i.GetGenericTypeDefinition() == typeof(ICollection<>)
                && !(bool)i.GetProperty(nameof(ICollection<int>.IsReadOnly))!.GetValue(value)!),
    };
}
