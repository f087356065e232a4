namespace PeimsRules.Csv; internal static class Placeholder { }
