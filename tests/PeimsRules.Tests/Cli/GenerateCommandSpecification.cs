using PeimsRules.Audit;
using PeimsRules.Csv;
using PeimsRules.Rules;

namespace PeimsRules.Tests.Cli;

/// <summary><c>generate</c>: the seeded synthetic district, at sample size with daily data and at statewide size as a stream.</summary>
public sealed class GenerateCommandSpecification : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"peimsrules-generate-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_writes_the_same_files()
    {
        var first = Path.Combine(_folder, "a");
        var second = Path.Combine(_folder, "b");

        Assert.Equal(0, CliRunner.Run("generate", "--output", first, "--campuses", "3", "--students", "40").ExitCode);
        Assert.Equal(0, CliRunner.Run("generate", "--output", second, "--campuses", "3", "--students", "40").ExitCode);

        foreach (var file in new[] { "periods.csv", "iep-services.csv", "campuses.csv", "injected-errors.csv", "daily/attendance.csv", "daily/enrollments.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(first, file)), File.ReadAllText(Path.Combine(second, file)));
        }
    }

    [Fact]
    public void The_audit_finds_every_error_the_generator_injected()
    {
        Assert.Equal(0, CliRunner.Run("generate", "--output", _folder, "--campuses", "5", "--students", "60", "--error-share", "0.05").ExitCode);
        var result = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "periods.csv"), CsvErrorMode.CollectAll);
        var report = IntegrityAudit.Run(
            new AuditInput { Records = result.Records, ReaderFindings = AuditCsv.ReaderFindings(result) },
            RuleSet.For(new SchoolYear(2024)));
        var injected = File.ReadAllLines(Path.Combine(_folder, "injected-errors.csv")).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.NotEmpty(injected);
        foreach (var e in injected)
        {
            Assert.Contains(report.Findings, f => f.Rule.Id == e[0] && f.StudentId?.Value == e[1] && f.CampusId?.Code == e[2] && f.ReportingPeriod?.Number == int.Parse(e[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        // The two errors written into the text: a .3 day count and an unknown ADA code.
        Assert.Contains(report.Findings, f => f.Rule == AuditRules.DayCountNotHalfDay);
        Assert.Contains(report.Findings, f => f.Rule == AuditRules.UnreadableRecord);
    }

    [Fact]
    public void At_statewide_size_it_writes_a_period_file_the_reader_takes_whole()
    {
        // 0.001 of the state: 1 district of 8 campuses, 573 students each, six periods: 27,504 records.
        Assert.Equal(0, CliRunner.Run("generate", "--output", _folder, "--statewide", "0.001", "--error-share", "0.01").ExitCode);

        var result = BasicReportingPeriodAttendanceCsv.ReadFile(Path.Combine(_folder, "periods.csv"), CsvErrorMode.CollectAll);

        Assert.Empty(result.Problems);
        Assert.Equal(8 * 573 * 6, result.Records.Count);
        var report = IntegrityAudit.Run(new AuditInput { Records = result.Records }, RuleSet.For(new SchoolYear(2024)));
        Assert.Contains(report.Findings, f => f.Rule == AuditRules.FundedDayOnUnfundedCode);
        Assert.Contains(report.Findings, f => f.Rule == AuditRules.RemoteDaysOutsideRemoteYears);
        Assert.Contains(report.Findings, f => f.Rule == AuditRules.NotInMembershipWithDays);
    }
}
