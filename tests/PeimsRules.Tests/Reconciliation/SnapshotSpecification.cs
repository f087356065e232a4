using System.Text;
using System.Text.Json;
using PeimsRules.Attendance;
using PeimsRules.Csv;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;
using static PeimsRules.Tests.Reconciliation.ReconciliationFiles;

namespace PeimsRules.Tests.Reconciliation;

/// <summary>
/// Snapshots: a calculator run saved with its records, rule set and school year, read back exactly, a changed file
/// detected by its content hash (SHA-256 of the canonical CSV), and a later run compared with it.
/// </summary>
public class SnapshotSpecification
{
    private static readonly IReadOnlyList<BasicReportingPeriodAttendance> Submitted = ReadWithRemoteDays(
        "fall-submission.csv",
        "2022,101912,101912001,1000000002,03,01,2,2,29.0,14.0,0.0,0.5,00,0,,0.0,0.0",
        "2022,101912,101912001,1000000001,KG,00,1,1,30.0,20.0,0.0,3.0,01,1,BE,5.0,2.0",
        "2022,101912,101912002,1000000003,05,00,7,1,10.0,9.5,0.0,0.5,99,0,,0.0,0.0");

    private static readonly RuleSet BankersRules2022 =
        RuleSet.For(new SchoolYear(2022)) with { Rounding = new RoundingRule(3, MidpointRounding.ToEven) };

    [Fact]
    public void A_saved_snapshot_is_read_back_exactly_with_its_records_rules_school_year_and_label()
    {
        var snapshot = new AttendanceSnapshot(BankersRules2022, Submitted, "PEIMS fall submission, as sent");

        var (saved, hash) = SaveAndRead(snapshot);

        Assert.True(saved.Snapshot.HasSameContentAs(snapshot));
        Assert.Equal(snapshot.Records, saved.Snapshot.Records);
        Assert.Equal(BankersRules2022, saved.Snapshot.Rules);
        Assert.Equal(new SchoolYear(2022), saved.Snapshot.SchoolYear);
        Assert.Equal("PEIMS fall submission, as sent", saved.Snapshot.Label);
        Assert.Equal(hash, saved.ContentHash);
        Assert.StartsWith("PeimsRules.Csv ", saved.WrittenBy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_is_the_SHA_256_of_the_canonical_CSV_and_does_not_depend_on_the_order_of_the_rows()
    {
        var hash = AttendanceSnapshotFile.ContentHash(Submitted);

        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.Equal(
            "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(AttendanceSnapshotFile.CanonicalCsv(Submitted))).ToLowerInvariant(),
            hash);
        Assert.Equal(hash, AttendanceSnapshotFile.ContentHash(Submitted.Reverse()));

        // Canonical: the CSV header, then the rows by key (student 1000000001 first), \n line ends.
        var canonical = Encoding.UTF8.GetString(AttendanceSnapshotFile.CanonicalCsv(Submitted)).Split('\n');
        Assert.StartsWith("SchoolYear,DistrictId,CampusId,StudentId,", canonical[0], StringComparison.Ordinal);
        Assert.StartsWith("2022,101912,101912001,1000000001,KG,00,1,30.0,20.0,0.0,3.0,5.0,2.0,01,1,BE,1", canonical[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_day_count_changes_the_content_hash_and_the_snapshot_tells_the_records_apart()
    {
        var (saved, _) = SaveAndRead(new AttendanceSnapshot(BankersRules2022, Submitted));
        var corrected = ReadWithRemoteDays(
            "resubmission.csv",
            "2022,101912,101912001,1000000002,03,01,2,2,29.0,14.0,0.0,0.5,00,0,,0.0,0.0",
            "2022,101912,101912001,1000000001,KG,00,1,1,30.0,20.5,0.0,2.5,01,1,BE,5.0,2.0",
            "2022,101912,101912002,1000000003,05,00,7,1,10.0,9.5,0.0,0.5,99,0,,0.0,0.0");

        Assert.True(saved.HasSameRecordsAs(Submitted.Reverse()));
        Assert.False(saved.HasSameRecordsAs(corrected));
    }

    [Fact]
    public void A_snapshot_edited_after_it_was_saved_is_refused_and_the_problem_names_the_content_hash()
    {
        using var stream = new MemoryStream();
        AttendanceSnapshotFile.Write(stream, new AttendanceSnapshot(BankersRules2022, Submitted));
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var edited = text.Replace(",30.0,20.0,0.0,3.0,", ",30.0,23.0,0.0,0.0,", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);

        var error = Assert.Throws<PeimsCsvException>(() =>
            AttendanceSnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(edited)), "fall.snapshot.json"));

        Assert.Equal("fall.snapshot.json", error.Problem.FileName);
        Assert.Equal("contentHash", error.Problem.Column);
        Assert.Contains("changed after it was saved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_whose_rounding_rule_was_edited_is_refused_too_and_the_problem_names_the_snapshot_hash()
    {
        // The content hash covers the records; the snapshot hash covers the label, the year and every rule parameter.
        using var stream = new MemoryStream();
        AttendanceSnapshotFile.Write(stream, new AttendanceSnapshot(BankersRules2022, Submitted));
        var edited = Encoding.UTF8.GetString(stream.ToArray()).Replace("\"ToEven\"", "\"AwayFromZero\"", StringComparison.Ordinal);

        var error = Assert.Throws<PeimsCsvException>(() =>
            AttendanceSnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(edited)), "fall.snapshot.json"));

        Assert.Equal("snapshotHash", error.Problem.Column);
    }

    [Fact]
    public void A_file_that_is_not_a_snapshot_is_refused_with_the_field_that_is_wrong()
    {
        var error = Assert.Throws<PeimsCsvException>(() => AttendanceSnapshotFile.Read(
            new MemoryStream(Encoding.UTF8.GetBytes("{\"format\":\"something else\"}")),
            "other.json"));

        Assert.Equal("format", error.Problem.Column);
        Assert.Equal("something else", error.Problem.Value);
    }

    [Fact]
    public void The_snapshot_file_lists_the_rule_parameters_and_the_records_as_CSV_lines()
    {
        using var stream = new MemoryStream();
        var hash = AttendanceSnapshotFile.Write(stream, new AttendanceSnapshot(BankersRules2022, Submitted, "fall"));

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(AttendanceSnapshotFile.FormatName, root.GetProperty("format").GetString());
        Assert.Equal(2022, root.GetProperty("schoolYear").GetInt32());
        Assert.Equal("ToEven", root.GetProperty("rules").GetProperty("rounding").GetProperty("midpoint").GetString());
        Assert.True(root.GetProperty("rules").GetProperty("countsRemoteDays").GetBoolean());
        Assert.Equal(6160m, root.GetProperty("rules").GetProperty("basicAllotment").GetDecimal());
        Assert.Equal(3, root.GetProperty("recordCount").GetInt32());
        Assert.Equal(hash, root.GetProperty("contentHash").GetString());
        Assert.Equal(4, root.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public void A_later_run_is_compared_with_a_saved_snapshot_under_each_ones_rules()
    {
        var (saved, _) = SaveAndRead(new AttendanceSnapshot(RuleSet.For(new SchoolYear(2022)), Submitted, "fall"));
        var corrected = Submitted.Select(r => r.StudentId.Value == "1000000001"
            ? new BasicReportingPeriodAttendance(
                r.SchoolYear,
                new ReportingPeriodAttendanceKey(r.CampusId, r.StudentId, r.GradeLevel, r.InstructionalTrack, r.ReportingPeriod),
                r.NumberDaysTaught,
                DayCount.FromDays(21),
                r.IneligibleDaysPresent,
                DayCount.FromDays(2),
                new StudentFundingAttributes(r.EconomicDisadvantage, r.EmergentBilingual, r.BilingualEslFunding),
                r.RemoteSynchronousEligibleDaysPresent,
                r.RemoteAsynchronousEligibleDaysPresent,
                r.AdaEligibility)
            : r);

        var comparison = AttendanceComparison.Compare(saved.Snapshot, new AttendanceSnapshot(saved.Snapshot.Rules, corrected, "resubmission"));

        // One more day present on campus in period 1 of 30 days: +1/30 in the period ADA, +1/180 in the year.
        var change = Assert.Single(comparison.RecordDifferences);
        Assert.Equal(["EligibleDaysPresent 20.0 to 21.0", "DaysAbsent 3.0 to 2.0"], change.FieldChanges.Select(f => f.ToString()));
        Assert.Equal(Ratio.Of(1, 30), comparison.Find(DistrictRow, Population.All, Period(1))!.Ada.ExactDifference);
        Assert.Equal(Ratio.Of(1, 180), comparison.Find(DistrictRow, Population.All, null)!.Ada.ExactDifference);
    }

    private static (SavedAttendanceSnapshot Saved, string Hash) SaveAndRead(AttendanceSnapshot snapshot)
    {
        var path = Path.Combine(Path.GetTempPath(), $"peimsrules-snapshot-{Guid.NewGuid():N}.json");
        try
        {
            var hash = AttendanceSnapshotFile.Save(path, snapshot);
            return (AttendanceSnapshotFile.Load(path), hash);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
