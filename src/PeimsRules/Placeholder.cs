namespace PeimsRules; internal static class Placeholder { }
