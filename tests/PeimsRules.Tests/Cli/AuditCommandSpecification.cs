namespace PeimsRules.Tests.Cli;

/// <summary>
/// The CLI contract of <c>audit</c>, and one regression per finding class: a hand-made 2023-24 file with one defect of
/// each kind, whose findings are pinned line by line (rule, severity, campus, student, period, ADA and dollars at stake).
/// </summary>
public sealed class AuditCommandSpecification
{
    private const string FindingsHeader =
        "FindingId,RuleId,Severity,CampusId,CampusName,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaOverstated,DollarsOverstated,AdaUnclaimed,DollarsUnclaimed,AttendanceOpportunityAda,AttendanceOpportunityDollars,SourceLine,Message";

    private static readonly string[] DefectRows =
    [
        // ATT-01: code 4 with 18 eligible days of 20: 18/20/6 = 0.150 ADA overstated, $924.00.
        "2024,101912,101912001,S0001,05,00,1,4,20.0,18.0,0.0,2.0,00,0,",
        // ATT-02 (from the reader): 15 + 6 = 21 days in 20 taught; refused, so its 15 eligible days are unclaimed: 0.125 ADA, $770.00.
        "2024,101912,101912001,S0002,05,00,1,1,20.0,15.0,0.0,6.0,00,0,",
        // ATT-03 (from the reader): 14.3 eligible days, unreadable, so no money.
        "2024,101912,101912001,S0003,05,00,1,1,20.0,14.3,0.0,5.0,00,0,",
        // ATT-00 (from the reader): ADA code 9; 15 eligible days unclaimed: 0.125 ADA, $770.00.
        "2024,101912,101912001,S0004,05,00,1,9,20.0,15.0,0.0,5.0,00,0,",
        // ATT-06: half-day code 2 on grade 05 (and ATT-09: 8 of 10 = 80% attendance).
        "2024,101912,101912001,S0005,05,00,1,2,20.0,8.0,0.0,2.0,00,0,",
        // ATT-08: code 0 with 3 days.
        "2024,101912,101912001,S0006,05,00,1,0,20.0,0.0,3.0,0.0,00,0,",
        // A clean student.
        "2024,101912,101912001,S0007,05,00,1,1,20.0,20.0,0.0,0.0,00,0,",
    ];

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    private static ILookup<string, string[]> ByRule(string output) => Lines(output).Skip(1).Select(l => l.Split(',')).ToLookup(f => f[1]);

    [Fact]
    public void Each_finding_class_is_reported_once_with_its_place_and_its_money_in_one_column_and_the_exit_code_is_0()
    {
        using var file = TempCsv.WithRows(DefectRows);

        var result = CliRunner.Run("audit", "--input", file.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        Assert.Equal(FindingsHeader, lines[0]);
        var byRule = ByRule(result.Output);
        Assert.Equal(["ATT-00", "ATT-01", "ATT-02", "ATT-03", "ATT-06", "ATT-08", "ATT-09"], byRule.Select(g => g.Key).Order());
        Assert.All(byRule, g => Assert.Single(g));

        var att01 = byRule["ATT-01"].Single();
        Assert.StartsWith("ATT-01-", att01[0], StringComparison.Ordinal);
        Assert.Equal(["ATT-01", "Error", "101912001", string.Empty, "S0001", "05", "00", "1"], att01[1..9]);
        Assert.Equal(["0.150", "924.00", string.Empty, string.Empty, string.Empty, string.Empty], att01[9..15]);

        // Rows the reader refused keep their campus, student, grade, track and period, and their line; their eligible
        // days are unclaimed until the row is corrected.
        var att00 = byRule["ATT-00"].Single();
        Assert.Equal(["ATT-00", "Error", "101912001", string.Empty, "S0004", "05", "00", "1"], att00[1..9]);
        Assert.Equal([string.Empty, string.Empty, "0.125", "770.00", string.Empty, string.Empty, "5"], att00[9..16]);
        Assert.Equal("4", byRule["ATT-03"].Single()[15]);

        // S0005 under code 2: 8.0 present and 2.0 absent of 10.0 days in membership (80%); 2 / 20 / 6 = 0.017 ADA; $102.67,
        // attendance opportunity, not a reporting error.
        var att09 = byRule["ATT-09"].Single();
        Assert.Equal(["ATT-09", "Warning", "101912001", string.Empty, "S0005"], att09[1..6]);
        Assert.Equal([string.Empty, string.Empty, string.Empty, string.Empty, "0.017", "102.67"], att09[9..15]);

        // Reporting errors first (most dollars first), attendance opportunity last.
        Assert.Equal(["ATT-01", "ATT-00", "ATT-02", "ATT-03", "ATT-06", "ATT-08", "ATT-09"], lines.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Contains("basic-allotment equivalent ($6,160 per ADA", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_file_gives_the_same_finding_ids_from_one_run_to_the_next()
    {
        using var file = TempCsv.WithRows(DefectRows);
        using var reordered = TempCsv.WithRows(DefectRows.Reverse());

        var first = Lines(CliRunner.Run("audit", "--input", file.Path).Output).Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal);
        var second = Lines(CliRunner.Run("audit", "--input", reordered.Path).Output).Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Writes_the_campus_summary_with_the_three_money_columns_and_counts_the_refused_rows()
    {
        using var file = TempCsv.WithRows(DefectRows);
        using var names = new TempCsv("CampusId,CampusName\n101912001,Lamar Elementary\n");
        var summary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"peimsrules-summary-{Guid.NewGuid():N}.csv");
        try
        {
            var result = CliRunner.Run("audit", "--input", file.Path, "--summary", summary, "--campus-names", names.Path);

            Assert.Equal(0, result.ExitCode);
            var lines = File.ReadAllLines(summary);
            Assert.Equal("CampusId,CampusName,Findings,Errors,Warnings,Notices,AdaOverstated,DollarsOverstated,AdaUnclaimed,DollarsUnclaimed,AttendanceOpportunityAda,AttendanceOpportunityDollars,RefinedAda,AdaGainAtTarget,DollarsGainAtTarget", lines[0]);
            var campus = lines[1].Split(',');
            // Every finding is on the campus, the reader's included: ATT-00, -01, -02, -03 errors; ATT-06, -08, -09 warnings.
            Assert.Equal(["101912001", "Lamar Elementary", "7", "4", "3", "0"], campus[..6]);
            // Overstated $924.00 (ATT-01); unclaimed $770.00 + $770.00 (ATT-02, ATT-00); opportunity $102.67 (ATT-09).
            Assert.Equal(["0.150", "924.00", "0.250", "1540.00", "0.017", "102.67"], campus[6..12]);
            Assert.Contains("Lamar Elementary", ByRule(result.Output)["ATT-01"].Single()[4], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    [Fact]
    public void Revenue_per_ADA_prices_the_findings_at_the_district_figure()
    {
        using var file = TempCsv.WithRows(DefectRows);

        var result = CliRunner.Run("audit", "--input", file.Path, "--revenue-per-ada", "7500");

        Assert.Equal(0, result.ExitCode);
        // 0.15 ADA × $7,500 = $1,125.00.
        Assert.Equal("1125.00", ByRule(result.Output)["ATT-01"].Single()[10]);
        Assert.Contains("revenue of $7,500.00 per ADA", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("audit", "--input", file.Path, "--revenue-per-ada", "-1").ExitCode);
    }

    [Fact]
    public void A_disabled_rule_is_not_reported()
    {
        using var file = TempCsv.WithRows(DefectRows);

        var result = CliRunner.Run("audit", "--input", file.Path, "--disable", "ATT-06,att-09");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(Lines(result.Output), l => l.Contains(",ATT-06,", StringComparison.Ordinal) || l.Contains(",ATT-09,", StringComparison.Ordinal));
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
        Assert.Contains(Lines(result.Output), l => l.Contains(",SPED-", StringComparison.Ordinal));
        Assert.Contains("campuses by reporting-error dollars", result.Error, StringComparison.Ordinal);
    }
}
