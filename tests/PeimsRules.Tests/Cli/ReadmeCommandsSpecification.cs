namespace PeimsRules.Tests.Cli;

/// <summary>
/// Every command of the repository README runs as written on a fresh clone: each <c>dotnet run --project
/// samples/PeimsRules.Cli -- ...</c> line of its fenced <c>sh</c> blocks runs, in the README's order, in an empty folder
/// (as a fresh clone has generated nothing), through the built CLI, and exits 0. Any other line of an <c>sh</c> block
/// must be one of the build steps CI runs itself (dotnet build, test, pack), so a new command cannot slip past.
/// </summary>
public sealed class ReadmeCommandsSpecification : IDisposable
{
    private const string CliPrefix = "dotnet run --project samples/PeimsRules.Cli --";

    private static readonly string[] BuildSteps = ["dotnet build", "dotnet test", "dotnet pack"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"peimsrules-readme-{Guid.NewGuid():N}");

    public ReadmeCommandsSpecification() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "samples", "PeimsRules.Cli")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md at the repository root");
    }

    /// <summary>The lines of the README's fenced sh blocks, comments removed.</summary>
    internal static IReadOnlyList<string> ShellLines(string readme)
    {
        var lines = new List<string>();
        var inSh = false;
        foreach (var raw in File.ReadAllLines(readme))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inSh = !inSh && line == "```sh";
                continue;
            }

            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            line = (hash < 0 ? line : line[..hash]).Trim();
            if (inSh && line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    [Fact]
    public void Every_README_command_runs_as_written_on_a_fresh_clone_and_exits_0()
    {
        var lines = ShellLines(FindReadme());
        var commands = lines.Where(l => l.StartsWith(CliPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 8, $"{commands.Count} commands");
        Assert.All(lines.Except(commands), l => Assert.Contains(BuildSteps, step => l.StartsWith(step, StringComparison.Ordinal)));

        foreach (var command in commands)
        {
            // The commands quote nothing, so a space separates the arguments as the shell would.
            var args = command[CliPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(args, a => a.IndexOfAny(['"', '\'', '[', ']', '|', '<', '>', '$']) >= 0);

            var result = CliRunner.RunIn(_folder, args);

            Assert.True(result.ExitCode == 0, $"{command}\nexit {result.ExitCode}\n{result.Error}");
        }

        Assert.True(File.Exists(Path.Combine(_folder, "peimsrules-report", "index.html")));
        Assert.True(File.Exists(Path.Combine(_folder, "why.csv")));
    }
}

/// <summary>The C# example of the PeimsRules package README (src/PeimsRules/README.md), as written, with its numbers.</summary>
public sealed class PackageReadmeExampleSpecification
{
    [Fact]
    public void The_package_README_example_gives_refined_ADA_0_948_and_PIA_94_828_for_27_5_of_29_days()
    {
        // From the README, unchanged but for collecting the rows instead of printing them.
        var rules = PeimsRules.Rules.RuleSet.For(SchoolYear.Parse("2023-24"));
        var key = new ReportingPeriodAttendanceKey(
            CampusId.Parse("101912001"), StudentId.Parse("1000000001"), GradeLevel.Parse("05"),
            InstructionalTrack.Parse("00"), ReportingPeriod.Parse("1"));
        var record = new BasicReportingPeriodAttendance(
            rules.SchoolYear, key,
            DayCount.Parse("29.0"),
            DayCount.Parse("27.5"),
            DayCount.Zero,
            DayCount.Parse("1.5"),
            new StudentFundingAttributes(EconomicDisadvantage.FreeMeals, EmergentBilingual.NotEmergentBilingual));
        var summary = PeimsRules.Attendance.AttendanceSummary.Compute([record], rules, new PeimsRules.Attendance.AttendanceSummaryOptions { GroupBy = PeimsRules.Attendance.AttendanceGrouping.Campus });

        // Period 1: 27.5 ÷ 29 = 0.948 ADA; PIA 27.5 ÷ (27.5 + 1.5) × 100 = 94.828.
        var period1 = summary.Figures.Single(f => f.Population == PeimsRules.Attendance.Population.All && f.Period == ReportingPeriod.Parse("1"));
        Assert.Equal(0.948m, period1.Ada.Published);
        Assert.Equal(94.828m, period1.Pia.Published);
        Assert.Contains("DayCount.Parse(\"27.5\"),    // eligible days present (E0937)", File.ReadAllText(FindPackageReadme()), StringComparison.Ordinal);
    }

    private static string FindPackageReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "PeimsRules", "README.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/PeimsRules/README.md");
    }
}
