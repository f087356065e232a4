namespace PeimsRules.Cli; internal static class AdaCommand { public static System.CommandLine.Command Create() => new("ada", "placeholder, being written"); }
