namespace PeimsRules.Tests.Cli;

/// <summary>
/// The CLI contract of <c>audit</c>, and one regression per finding class: a hand-made 2023-24 file with one defect of
/// each kind, whose findings are pinned line by line (rule, severity, campus, student, period, ADA and dollars at stake).
/// </summary>
public sealed class AuditCommandSpecification
{
    private const string FindingsHeader = "RuleId,Severity,CampusId,StudentId,ReportingPeriod,Message,AdaAtStake,DollarsAtStake";

    private static readonly string[] DefectRows =
    [
        // ATT-01: code 4 with 18 eligible days of 20: 18/20/6 = 0.150 ADA, $924.00.
        "2024,101912,101912001,S0001,05,00,1,4,20.0,18.0,0.0,2.0,00,0,",
        // ATT-02 (from the reader): 15 + 6 = 21 days in 20 taught.
        "2024,101912,101912001,S0002,05,00,1,1,20.0,15.0,0.0,6.0,00,0,",
        // ATT-03 (from the reader): 14.3 days.
        "2024,101912,101912001,S0003,05,00,1,1,20.0,14.3,0.0,5.0,00,0,",
        // ATT-00 (from the reader): ADA code 9.
        "2024,101912,101912001,S0004,05,00,1,9,20.0,15.0,0.0,5.0,00,0,",
        // ATT-06: half-day code 2 on grade 05 (and ATT-09: 8 of 10 = 80% attendance).
        "2024,101912,101912001,S0005,05,00,1,2,20.0,8.0,0.0,2.0,00,0,",
        // ATT-08: code 0 with 3 days.
        "2024,101912,101912001,S0006,05,00,1,0,20.0,0.0,3.0,0.0,00,0,",
        // A clean student.
        "2024,101912,101912001,S0007,05,00,1,1,20.0,20.0,0.0,0.0,00,0,",
    ];

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    [Fact]
    public void Each_finding_class_is_reported_once_with_its_ADA_and_dollars_at_stake_and_the_exit_code_is_0()
    {
        using var file = TempCsv.WithRows(DefectRows);

        var result = CliRunner.Run("audit", "--input", file.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        Assert.Equal(FindingsHeader, lines[0]);
        var byRule = lines.Skip(1).Select(l => l.Split(',')).ToLookup(f => f[0]);
        Assert.Equal(["ATT-00", "ATT-01", "ATT-02", "ATT-03", "ATT-06", "ATT-08", "ATT-09"], byRule.Select(g => g.Key).Order());
        Assert.All(byRule, g => Assert.Single(g));

        var att01 = byRule["ATT-01"].Single();
        Assert.Equal(["ATT-01", "Error", "101912001", "S0001", "1"], att01[..5]);
        Assert.Equal(["0.150", "924.00"], att01[^2..]);

        // S0005 under code 2: 8.0 present and 2.0 absent of 10.0 days in membership (80%); 2 / 20 / 6 = 0.017 ADA; $102.67.
        var att09 = byRule["ATT-09"].Single();
        Assert.Equal(["ATT-09", "Warning", "101912001", "S0005", string.Empty], att09[..5]);
        Assert.Equal(["0.017", "102.67"], att09[^2..]);

        // Rows the reader refused carry their line in the message and no campus.
        Assert.Contains("Line 4", string.Join(',', byRule["ATT-03"].Single()), StringComparison.Ordinal);
        Assert.Equal("ATT-01", lines[1].Split(',')[0]);
    }

    [Fact]
    public void Writes_the_campus_summary_to_the_file_given()
    {
        using var file = TempCsv.WithRows(DefectRows);
        var summary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"peimsrules-summary-{Guid.NewGuid():N}.csv");
        try
        {
            var result = CliRunner.Run("audit", "--input", file.Path, "--summary", summary);

            Assert.Equal(0, result.ExitCode);
            var lines = File.ReadAllLines(summary);
            Assert.Equal("CampusId,Findings,Errors,Warnings,Notices,AdaAtStake,DollarsAtStake,RefinedAda,AdaGainAtTarget,DollarsGainAtTarget", lines[0]);
            var campus = lines[1].Split(',');
            // Placed on the campus: ATT-01, ATT-06, ATT-08, ATT-09 (the reader's findings have no campus).
            Assert.Equal(["101912001", "4", "1", "3", "0"], campus[..5]);
            // At stake: 924.00 + 102.67 = 1026.67.
            Assert.Equal("1026.67", campus[6]);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    [Fact]
    public void A_disabled_rule_is_not_reported()
    {
        using var file = TempCsv.WithRows(DefectRows);

        var result = CliRunner.Run("audit", "--input", file.Path, "--disable", "ATT-06,att-09");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(Lines(result.Output), l => l.StartsWith("ATT-06", StringComparison.Ordinal) || l.StartsWith("ATT-09", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_rule_id_is_an_error()
    {
        var result = CliRunner.Run("audit", "--disable", "ATT-99");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ATT-99", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_the_rule_catalogue_with_id_severity_and_citation()
    {
        var result = CliRunner.Run("audit", "--list-rules");

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        Assert.Equal("Id,Severity,Title,Citation,Description", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("ATT-01,Error,", StringComparison.Ordinal) && l.Contains("C059", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SPED-01,Error,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_district_audits_with_its_IEP_service_file()
    {
        var result = CliRunner.Run("audit");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Lines(result.Output), l => l.StartsWith("SPED-", StringComparison.Ordinal));
        Assert.Contains("campuses by dollars at stake", result.Error, StringComparison.Ordinal);
    }
}
