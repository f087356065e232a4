using PeimsRules.Tests.EdFi;

namespace PeimsRules.Tests.Cli;

/// <summary>
/// The district's reconciliation on a fresh clone: generate the sample district, report on the vendor's Ed-Fi records,
/// rebuild the records from the daily Ed-Fi documents, and compare the vendor's with the rebuilt.
/// </summary>
[Collection("EDFI_CLIENT environment variables")]
public class EdFiCommandSpecification
{
    [Fact]
    public void Generate_then_report_from_Ed_Fi_then_rebuild_and_compare_vendor_records_with_rebuilt_ones()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "district");
        var edfi = Path.Combine(data, "edfi");

        var generate = CliRunner.Run("generate", "--output", data, "--campuses", "3", "--students", "40");
        Assert.True(generate.ExitCode == 0, generate.Error);
        Assert.True(File.Exists(Path.Combine(edfi, "basicReportingPeriodAttendances.json")));
        Assert.True(File.Exists(Path.Combine(edfi, "studentSectionAttendanceEvents.json")));

        var report = CliRunner.Run("report", "--edfi", edfi, "--output", Path.Combine(folder.Path, "report"), "--quiet");
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.True(File.Exists(Path.Combine(folder.Path, "report", "index.html")));

        var rebuilt = Path.Combine(folder.Path, "rebuilt");
        var periods = CliRunner.Run("periods", "--edfi", edfi, "--format", "edfi", "--output", rebuilt);
        Assert.True(periods.ExitCode == 0, periods.Error);
        Assert.Contains("positive attendance", periods.Error, StringComparison.Ordinal);

        // The vendor's records carry the reporting errors injected on purpose; the rebuilt ones do not, so figures differ.
        var compare = CliRunner.Run("compare", "--before", edfi, "--after", rebuilt);
        Assert.True(compare.ExitCode == 0, compare.Error);
        Assert.Contains(",Changed,", compare.Output, StringComparison.Ordinal);

        // The same figures from the vendor's Ed-Fi records as from the same records as CSV (one record per key: the
        // ODS keeps the later of two records of a key).
        var fromEdFi = CliRunner.Run("ada", "--edfi", edfi);
        Assert.True(fromEdFi.ExitCode == 0, fromEdFi.Error);
        Assert.StartsWith("CampusId,Population,ReportingPeriod,Ada,Pia", fromEdFi.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_Ed_Fi_input_is_named_on_stderr_with_exit_code_2()
    {
        using var folder = new TempFolder()
            .With("calendars.json", "[{`calendarCode`:`00`,`schoolReference`:{`schoolId`:101912001},`schoolYearTypeReference`:{`schoolYear`:2025}}]")
            .With("basicReportingPeriodAttendances.json", "[{`schoolReference`:{`schoolId`:101912001},`studentReference`:{`studentUniqueId`:`1000000001`},`calendarCode`:`00`,`gradeLevelDescriptor`:`#KG`,`reportingPeriodDescriptor`:`#1`,`numberDaysTaught`:32,`totalEligibleDaysPresent`:10.0,`rsTotalEligibleDaysPresent`:0,`raTotalEligibleDaysPresent`:0}]");

        var ada = CliRunner.Run("ada", "--edfi", folder.Path);
        var both = CliRunner.Run("ada", "--edfi", folder.Path, "--input", "x.csv");
        var periods = CliRunner.Run("periods", "--edfi", folder.Path);

        Assert.Equal(2, ada.ExitCode);
        Assert.Contains("basicReportingPeriodAttendances.json, document 1", ada.Error, StringComparison.Ordinal);
        Assert.Contains("field totalDaysAbsent", ada.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give one source of period records", both.Error, StringComparison.Ordinal);
        Assert.Equal(2, periods.ExitCode);
        Assert.Contains("schools.json", periods.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Ed_Fi_API_key_and_secret_are_asked_of_the_environment_not_the_command_line()
    {
        var result = CliRunner.Run("ada", "--edfi-api", "http://127.0.0.1:9/");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("EDFI_CLIENT_ID and EDFI_CLIENT_SECRET", result.Error, StringComparison.Ordinal);
    }
}
