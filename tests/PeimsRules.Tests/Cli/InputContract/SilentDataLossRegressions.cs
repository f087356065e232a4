using System.Text;
using PeimsRules.Cli;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>
/// Findings of the input-contract review where data was lost without a word: a stray quote that swallowed the rest of
/// the file, a misspelt optional column read as blank, Latin-1 bytes turned into U+FFFD, an output written over its input.
/// </summary>
public sealed class SilentDataLossRegressions
{
    [Fact]
    public void A_stray_quote_at_the_start_of_a_field_is_a_problem_of_its_row_and_the_other_503_records_are_read()
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        var fields = lines[2].Split(',');
        fields[3] = "\"" + fields[3];
        lines[2] = string.Join(',', fields);
        var path = files.WriteLines("periods.csv", lines);

        var result = BasicReportingPeriodAttendanceCsv.ReadFile(path, CsvErrorMode.CollectAll);
        var audit = CliRunner.Run("audit", "--input", path);

        Assert.Equal(504, result.RowsRead);
        Assert.Equal(503, result.Records.Count);
        Assert.Equal(3, Assert.Single(result.Problems).Line);
        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("Line 3, value ", audit.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada", "RemoteSynchronousEligibleDaysPresnt", "RemoteSynchronousEligibleDaysPresent")]
    [InlineData("chronic", "AdaEligibilityCod", "AdaEligibilityCode")]
    [InlineData("indicators", "Bilingual_Esl_Funding_Code", "BilingualEslFundingCode")]
    public void A_misspelt_optional_column_is_named_with_the_column_it_is_close_to(string verb, string misspelt, string meant)
    {
        using var files = new ContractFiles();
        var lines = ContractFiles.SamplePeriodLines.ToList();
        lines[0] = lines[0].Replace(meant, misspelt, StringComparison.Ordinal);
        if (!lines[0].Contains(misspelt, StringComparison.Ordinal))
        {
            lines = [.. lines.Select((l, i) => l + (i == 0 ? "," + misspelt : ",1.0"))];
        }

        var path = files.WriteLines("periods.csv", lines);

        var result = CliRunner.Run(verb, "--input", path);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains($"the column '{misspelt}' is not part of the layout, but it is close to {meant}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_IEP_minutes_column_is_named_and_the_audit_stops()
    {
        using var files = new ContractFiles();
        var lines = File.ReadAllLines(ContractFiles.Data("sample-iep-services.csv")).ToList();
        lines[0] = lines[0].Replace("MinutesMissedStudentAbsent", "MinutesMissedStudentAbsence", StringComparison.Ordinal);
        var services = files.WriteLines("iep.csv", lines);

        var result = CliRunner.Run("audit", "--input", ContractFiles.Data("sample-periods.csv"), "--services", services);

        Assert.Equal(CliOutput.BadInput, result.ExitCode);
        Assert.Contains("close to MinutesMissedStudentAbsent", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin_1_bytes_in_a_UTF_8_file_are_a_located_error_and_read_right_with_the_Windows_1252_encoding()
    {
        using var files = new ContractFiles();
        var text = "CampusId,CampusName\n101912001,Peñitas Elementary\n";
        var path = files.Write("campuses.csv", Encoding.Latin1.GetBytes(text));

        var strict = Assert.Throws<PeimsCsvException>(() => CampusDirectoryCsv.ReadFile(path));
        var names = CampusDirectoryCsv.ReadFile(path, CsvInputOptions.Default with { Encoding = CsvTextEncoding.Windows1252 });
        var report = CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--campus-names", path, "--output", files.Path("r"), "--quiet");
        var report1252 = CliRunner.Run("report", "--input", ContractFiles.Data("sample-periods.csv"), "--campus-names", path, "--output", files.Path("r"), "--quiet", "--encoding", "windows-1252");

        Assert.Equal(2, strict.Problem.Line);
        Assert.Contains("not valid UTF-8", strict.Problem.Message, StringComparison.Ordinal);
        Assert.Equal("Peñitas Elementary", names[CampusId.Parse("101912001")]);
        Assert.Equal(CliOutput.BadInput, report.ExitCode);
        Assert.Equal(0, report1252.ExitCode);
        Assert.Contains("Peñitas Elementary", System.Net.WebUtility.HtmlDecode(File.ReadAllText(files.Path("r/index.html"))), StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_equal_to_an_input_path_is_refused_and_the_input_is_kept()
    {
        using var files = new ContractFiles();
        var input = files.WriteLines("periods.csv", ContractFiles.SamplePeriodLines);
        var before = File.ReadAllText(input);

        var audit = CliRunner.Run("audit", "--input", input, "--findings", input);
        var compare = CliRunner.Run("compare", "--before", input, "--after", input, "--explain", input);
        var report = CliRunner.Run("report", "--input", input, "--output", files.Folder, "--quiet");

        Assert.Equal(CliOutput.BadInput, audit.ExitCode);
        Assert.Contains("would destroy the input", audit.Error, StringComparison.Ordinal);
        Assert.Equal(CliOutput.BadInput, compare.ExitCode);
        Assert.Equal(CliOutput.BadInput, report.ExitCode);
        Assert.Contains("holds the --input file", report.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(input));
    }
}
