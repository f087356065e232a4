using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Csv;
using PeimsRules.Csv.Accountability;
using PeimsRules.Csv.Daily;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Csv;

/// <summary>
/// The input contract (docs/input-contract.md) over generated damaged files, for every reader: valid rows, some of
/// them damaged the ways real files are (a stray quote at the start of a field, a bad value, a byte that is not UTF-8,
/// an over-long line or field, a missing field, a repeated row, a day count too large to add up). Whatever the damage,
/// a reader throws nothing but its own <see cref="PeimsCsvException"/>; every row read is a record or is rejected
/// (rows read = records + rows rejected); every damaged row is named by a problem; and no damaged row hides another:
/// every undamaged row is a record, on its own line.
/// </summary>
public sealed class DamagedInputProperties
{
    private const int DamageKinds = 8;

    /// <summary>Small limits, so that an over-long line or field is cheap to make.</summary>
    private static readonly CsvInputOptions Limits = CsvInputOptions.Default with { MaximumLineLength = 512, MaximumFieldLength = 64 };

    public sealed record Damage(int Row, int Kind, int Place);

    public sealed record DamagedFile(int Rows, Damage[] Damages)
    {
        public override string ToString() => $"{Rows} rows; damages: {string.Join(", ", Damages.Select(d => $"row {d.Row % Rows} kind {d.Kind} at {d.Place}"))}";
    }

    /// <summary>A layout: its header, a valid row per index (each with its own key), and how it is read.</summary>
    public sealed record Layout(
        string Name,
        string Header,
        Func<int, string> Row,
        int StrictField,
        int? DayField,
        bool Keyed,
        bool RowByRow,
        Func<string, CsvErrorMode, CsvInputOptions, Outcome> Read);

    /// <summary>What a reader gave: counts, the lines of its records and of its problems.</summary>
    public sealed record Outcome(long RowsRead, long RowsRejected, int Records, IReadOnlyList<long> RecordLines, IReadOnlyList<CsvProblem> Problems);

    private static Outcome Of<T>(CsvReadResult<T> r) => new(r.RowsRead, r.RowsRejected, r.Records.Count, r.RecordLines, r.Problems);

    public static TheoryData<string> LayoutNames => [.. Layouts.Select(l => l.Name)];

    private static readonly Layout[] Layouts =
    [
        new("periods", CsvText.Header, i => CsvText.Row(student: $"S{i}"), 3, 8, true, true,
            (p, m, o) => Of(BasicReportingPeriodAttendanceCsv.ReadFile(p, m, o))),
        new("iep-services", "StudentId,CampusId,Service,WeekOf,ReportingPeriod,MinutesRequired,MinutesDelivered", i => $"S{i},101912001,Speech therapy,,1,120,100", 0, null, true, true,
            (p, m, o) => Of(IepServiceRecordCsv.ReadFile(p, m, o))),
        new("demographics", "StudentId,EconomicDisadvantageCode,HispanicLatino,White,AtRisk,SpecialEducation", i => $"S{i},01,Y,N,Y,N", 0, null, true, true,
            (p, m, o) => Of(StudentDemographicsCsv.ReadFile(p, m, new SchoolYear(2024), o))),
        new("leavers", "SchoolYear,CampusId,StudentId,GradeLevel,LeaverCode", i => $"2024,101912001,S{i},09,98", 2, null, true, true,
            (p, m, o) => Of(LeaverRecordCsv.ReadFile(p, m, o))),
        new("marks", "StudentId,CampusId,Date,ClassPeriod,StartTime,EndTime,Status", i => $"S{i},101912001,2024-09-03,1,08:00,09:00,P", 0, null, true, true,
            (p, m, o) => Of(DailyAttendanceMarkCsv.ReadFile(p, m, o))),
        new("enrollments", "StudentId,CampusId,CalendarCode,GradeLevel,EntryDate,AdaEligibilityCode", i => $"S{i},101912001,REG,05,2024-08-19,1", 0, null, true, true,
            (p, m, o) => Of(StudentEnrollmentCsv.ReadFile(p, m, o))),
        new("programs", "StudentId,Program,StartDate,EndDate,InstructionalSetting", i => $"S{i},SPED,2024-08-19,,40", 0, null, true, true,
            (p, m, o) => Of(ProgramParticipationCsv.ReadFile(p, m, o))),
        new("calendars", "SchoolYear,CampusId,CalendarCode,RowType,ReportingPeriod,StartDate,EndDate,SnapshotTime,CalendarOrder",
            i => i % 2 == 0 ? $"2025,101912001,C{i / 2},CALENDAR,,,,09:30,{i / 2}" : $"2025,101912001,C{i / 2},PERIOD,1,2024-08-19,2024-09-27,,", 0, null, false, false,
            (p, m, o) => Of(SchoolCalendarCsv.ReadFile(p, m, o))),
    ];

    private static Arbitrary<DamagedFile> Files { get; } =
        (from rows in Gen.Choose(1, 24)
         from count in Gen.Choose(0, 6)
         from damages in Gen.ArrayOf(
             from row in Gen.Choose(0, 1000)
             from kind in Gen.Choose(0, DamageKinds - 1)
             from place in Gen.Choose(0, 1000)
             select new Damage(row, kind, place),
             count)
         select new DamagedFile(rows % 2 == 1 ? rows + 1 : rows, damages)).ToArbitrary();

    [Theory]
    [MemberData(nameof(LayoutNames))]
    public void Every_reader_takes_every_damaged_file_row_by_row(string name)
    {
        var layout = Layouts.Single(l => l.Name == name);
        Prop.ForAll(Files, file => Check(layout, file)).QuickCheckThrowOnFailure();
    }

    [Property(MaxTest = 60)]
    public Property The_campus_directory_answers_every_damaged_file_with_names_or_its_own_error() =>
        Prop.ForAll(Files, file =>
        {
            var (bytes, damaged) = Build("CampusId,CampusName", i => $"{101912001 + i},Campus {i}", 0, null, true, false, file);
            using var directory = new TemporaryDirectory();
            var path = directory.File("campuses.csv");
            File.WriteAllBytes(path, bytes);
            try
            {
                var names = CampusDirectoryCsv.ReadFile(path, Limits);
                Assert.Empty(damaged);
                Assert.Equal(file.Rows, names.Count);
            }
            catch (PeimsCsvException e)
            {
                Assert.NotEmpty(damaged);
                Assert.Contains(e.Problem.Line, damaged.Select(r => (long)r + 2));
            }
        });

    [Property(MaxTest = 60)]
    public Property A_damaged_snapshot_is_refused_with_the_readers_own_error() =>
        Prop.ForAll(
            (from place in Gen.Choose(0, int.MaxValue)
             from b in Gen.Elements<byte>(0xFF, 0xC3, (byte)'"', (byte)'}', (byte)'{', (byte)'\\', 0, (byte)'9', (byte)',')
             select (place, b)).ToArbitrary(),
            damage =>
            {
                var records = Enumerable.Range(1, 3).Select(i => Given.Record($"S{i}", eligible: 20, absent: 10)).ToList();
                using var saved = new MemoryStream();
                AttendanceSnapshotFile.Write(saved, new AttendanceSnapshot(RuleSet.For(new SchoolYear(2024)), records, "label"));
                var bytes = saved.ToArray();
                var at = damage.place % bytes.Length;
                var changed = bytes[at] != damage.b;
                bytes[at] = damage.b;
                try
                {
                    var read = AttendanceSnapshotFile.Read(new MemoryStream(bytes), "snapshot.json");
                    // Only a change the format does not see (inside white space, say) may read; it then reads the same records.
                    Assert.True(!changed || read.Snapshot.Records.Count == 3);
                }
                catch (PeimsCsvException)
                {
                }
            });

    private static bool Check(Layout layout, DamagedFile file)
    {
        var (bytes, damaged) = Build(layout.Header, layout.Row, layout.StrictField, layout.DayField, layout.Keyed, layout.Name == "calendars", file);
        using var directory = new TemporaryDirectory();
        var path = directory.File(layout.Name + ".csv");
        File.WriteAllBytes(path, bytes);

        var outcome = layout.Read(path, CsvErrorMode.CollectAll, Limits);
        var problemLines = outcome.Problems.Select(p => p.Line).ToHashSet();
        var damagedLines = damaged.Select(r => (long)r + 2).ToList();
        Assert.All(damagedLines, line => Assert.Contains(line, problemLines));
        Assert.All(outcome.Problems, p => Assert.InRange(p.Line, 1, file.Rows + 1));
        Assert.Equal(file.Rows, outcome.RowsRead);
        if (layout.RowByRow)
        {
            Assert.Equal(outcome.RowsRead, outcome.Records + outcome.RowsRejected);
            Assert.Equal(damaged.Count, outcome.RowsRejected);
            var undamaged = Enumerable.Range(0, file.Rows).Where(r => !damaged.Contains(r)).Select(r => (long)r + 2);
            Assert.Equal(undamaged, outcome.RecordLines);
        }
        else
        {
            // A calendar is built from its CALENDAR row and its PERIOD row: both undamaged, it is there.
            var whole = Enumerable.Range(0, file.Rows / 2).Count(c => !damaged.Contains(2 * c) && !damaged.Contains((2 * c) + 1));
            Assert.Equal(whole, outcome.Records);
        }

        // Stopping at the first problem stops at the same problem, with the reader's own error only.
        try
        {
            layout.Read(path, CsvErrorMode.StopAtFirst, Limits);
            Assert.Empty(outcome.Problems);
        }
        catch (PeimsCsvException e)
        {
            // The calendars' own checks (between rows) come after their rows are read; they are listed in line order.
            Assert.Equal(layout.RowByRow ? outcome.Problems[0] : outcome.Problems.First(p => p.Line == e.Problem.Line), e.Problem);
        }

        return true;
    }

    /// <summary>The file's bytes (UTF-8), and the rows (0-based) that a damage was applied to.</summary>
    private static (byte[] Bytes, HashSet<int> Damaged) Build(string header, Func<int, string> row, int strictField, int? dayField, bool keyed, bool calendars, DamagedFile file)
    {
        var lines = Enumerable.Range(0, file.Rows).Select(i => Encoding.UTF8.GetBytes(row(i))).ToArray();
        var damaged = new HashSet<int>();
        var first = file.Damages.GroupBy(d => d.Row % file.Rows).Select(g => g.First()).ToList();
        var rows = first.Select(d => d.Row % file.Rows).ToHashSet();
        foreach (var damage in first)
        {
            var r = damage.Row % file.Rows;
            damaged.Add(r);
            var fields = row(r).Split(',');
            var kind = damage.Kind;

            // A repeat of the row before is a damage only when that row is taken (else the repeat is the one taken).
            if (kind == 6 && (!keyed || calendars || r == 0 || rows.Contains(r - 1)))
            {
                kind = 1;
            }

            if (kind == 7 && dayField is null)
            {
                kind = 1;
            }

            switch (kind)
            {
                case 0: // a stray quote at the start of a field, never closed
                    var f = damage.Place % fields.Length;
                    fields[f] = "\"" + fields[f];
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    break;
                case 1: // a value the column does not allow
                    fields[strictField] = "#?";
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    break;
                case 2: // a byte that is not UTF-8 (a Windows-1252 é)
                    var text = Encoding.UTF8.GetBytes(string.Join(',', fields)).ToList();
                    text.Insert(damage.Place % (text.Count + 1), 0xE9);
                    lines[r] = [.. text];
                    break;
                case 3: // a line longer than the limit
                    fields[strictField] = new string('Z', 600);
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    break;
                case 4: // a field longer than the limit
                    fields[strictField] = new string('Y', 100);
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    break;
                case 5: // a field left out
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields.Where((_, i) => i != damage.Place % fields.Length)));
                    break;
                case 6: // the row before, repeated
                    lines[r] = Encoding.UTF8.GetBytes(row(r - 1));
                    break;
                default: // a day count too large to add up
                    fields[dayField!.Value] = "99999999999999.5";
                    lines[r] = Encoding.UTF8.GetBytes(string.Join(',', fields));
                    break;
            }
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(header + "\n"));
        foreach (var line in lines)
        {
            bytes.AddRange(line);
            bytes.Add((byte)'\n');
        }

        return ([.. bytes], damaged);
    }
}
