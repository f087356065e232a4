using System.CommandLine;
using PeimsRules.Cli;

// The sample command-line tool. Each verb lives in its own file as a static class with Create(); register it here.
var root = new RootCommand("PeimsRules: Texas attendance and funding rules (TEA) computed exactly, from your files or a sample.");
root.Subcommands.Add(AdaCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(ChronicCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(PeriodsCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
return CliOutput.Invoke(root, args);
