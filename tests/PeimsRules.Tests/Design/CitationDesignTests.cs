using System.Reflection;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Design;

/// <summary>
/// Design promise (house style, after NodaTime's reflection tests): every rule names its TEA source. A public static rule
/// class in PeimsRules.Attendance or PeimsRules.Funding carries [TeaSource]; every value of every rule parameter carries
/// a citation; a value that is not verified says what awaits confirmation.
/// </summary>
public class CitationDesignTests
{
    private static readonly Assembly Core = typeof(BasicReportingPeriodAttendance).Assembly;

    public static TheoryData<string> RuleClasses() => new(RuleClassesOf(Core).Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(RuleClasses))]
    public void Every_rule_class_names_its_TEA_source(string typeName)
    {
        var sources = Core.GetType(typeName, throwOnError: true)!.GetCustomAttributes<TeaSourceAttribute>().ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Source), $"{typeName} has a [TeaSource] with no source."));
    }

    [Fact]
    public void The_rule_classes_are_found_where_the_handbook_topics_put_them()
    {
        // Guards the test above against passing on nothing: the rules it checks are where they should be.
        var names = RuleClassesOf(Core).Select(t => t.Name).ToList();

        Assert.Contains(nameof(Attendance.RefinedAda), names);
        Assert.Contains(nameof(Attendance.PeriodAda), names);
        Assert.Contains(nameof(Attendance.PercentInAttendance), names);
        Assert.Contains(nameof(Funding.HistoricalRatio), names);
        Assert.Contains(nameof(Funding.Covid19AdjustedRefinedAda), names);
        Assert.Contains(nameof(Funding.EarlyEducationAllotment), names);
        Assert.Contains(nameof(Attendance.BestFourOfSixRefinedAda), names);
        Assert.Contains(nameof(Attendance.Programs.BilingualEslRefinedAda), names);
        Assert.Contains(nameof(Attendance.Programs.SpecialEducationMainstreamRefinedAda), names);
        Assert.Contains(nameof(Attendance.Programs.PregnancyRelatedServicesRefinedAda), names);
        Assert.Contains(nameof(Attendance.Programs.ResidentialFacilityRefinedAda), names);
    }

    [Fact]
    public void The_check_catches_a_rule_class_without_a_source()
    {
        // The reflection above, pointed at this test assembly, finds the uncited class below: the check can fail.
        var uncited = RuleClassesOf(typeof(CitationDesignTests).Assembly, "PeimsRules.Tests.Design.Samples.Attendance")
            .Where(t => t.GetCustomAttribute<TeaSourceAttribute>() is null);

        Assert.Equal([typeof(Samples.Attendance.UncitedRuleForTheTest)], uncited);
    }

    [Fact]
    public void Every_rule_parameter_value_has_a_citation()
    {
        Assert.NotEmpty(RuleParameters.All);
        foreach (var parameter in RuleParameters.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(parameter.Name));
            Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{parameter.Name} does not say what it decides.");
            Assert.NotEmpty(parameter.Citations);
            Assert.All(parameter.Citations, c =>
            {
                Assert.NotNull(c);
                Assert.False(string.IsNullOrWhiteSpace(c.Source), $"{parameter.Name} has a value with an empty citation.");
            });
        }
    }

    [Fact]
    public void A_value_awaiting_confirmation_says_what_awaits_confirmation()
    {
        var awaiting = RuleParameters.All.SelectMany(p => p.Citations).Where(c => c.Status == CitationStatus.AwaitingConfirmation).ToList();

        Assert.NotEmpty(awaiting);
        Assert.All(awaiting, c => Assert.False(string.IsNullOrWhiteSpace(c.Note), $"{c.Source} awaits confirmation without a note."));
        Assert.All(awaiting, c => Assert.EndsWith("(awaiting confirmation)", c.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_rule_parameter_is_a_setting_of_the_rule_set()
    {
        // RuleSet.For reads each parameter into the property of the same name, which a what-if can override.
        var settings = typeof(RuleSet).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(RuleParameters.All, p => Assert.Contains(p.Name, settings));
    }

    private static IEnumerable<Type> RuleClassesOf(Assembly assembly, params string[] namespaces)
    {
        if (namespaces.Length == 0)
        {
            namespaces = ["PeimsRules.Attendance", "PeimsRules.Attendance.Programs", "PeimsRules.Funding"];
        }

        return assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && namespaces.Contains(t.Namespace))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }
}
