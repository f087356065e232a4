// Deliberately bad types, so the design tests can show that they fail when a promise is broken.
#pragma warning disable CA1051 // a public field is the point of the sample
namespace PeimsRules.Tests.Design.Samples.Attendance
{
    /// <summary>A public static rule class with no [TeaSource].</summary>
    public static class UncitedRuleForTheTest
    {
        public static int Rule() => 0;
    }
}

namespace PeimsRules.Tests.Design.Samples
{
    /// <summary>A type with a public setter and a public non-readonly field.</summary>
    public sealed class MutableSampleForTheTest
    {
        public int Field;

        public int Settable { get; set; }

        public int InitOnly { get; init; }

        public int ReadOnly { get; } = 1;
    }
}
