using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.Csv.Daily;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The attendance-marks file read from its bytes on several threads (<see cref="DailyAttendanceMarkFile"/>) gives what
/// the row-by-row reference reader gives, for clean files and files damaged every way the input contract names: the
/// same marks in the same order and lines, the same problems (file, line, column, value, message, kind, the row's
/// values) in the same order, the same counts and unused columns; and with stop-at-first, the same first problem.
/// </summary>
public sealed class DailyAttendanceMarkFileProperties
{
    /// <summary>How a generated file is made: the seed of its rows, its size, and how it is read.</summary>
    public sealed record FileCase(int Seed, int Rows, int Damage, int Threads, int BlockBytes, int Limits, bool Windows1252)
    {
        public override string ToString() => $"seed {Seed}, {Rows} rows, damage {Damage}%, {Threads} threads, blocks of {BlockBytes} bytes, limits {Limits}, {(Windows1252 ? "Windows-1252" : "UTF-8")}";
    }

    private static readonly string[] Students = ["1000000001", "1000000002", "S-3", "abc", "A123456789012345678901234", "1000000004", " 1000000005", "10000 6", "é7"];
    private static readonly string[] Campuses = ["101912001", "101912002", "10191200", "1019120010", "10191200x"];
    private static readonly string[] Dates = ["2024-08-19", "2024-08-20", "2024-08-21", "2025-02-29", "19/08/2024", "2024-8-19", "1900-01-01", "2024-02-29"];
    private static readonly string[] Periods = ["1", "2", "ADV", "", "a long class period name", " 3", "4 "];
    private static readonly string[] Times = ["08:00", "08:50", "09:00", "09:50:00", "09:00:30", "9:0", "24:00", "23:59", "08:00 ", "12:60"];
    private static readonly string[] Statuses = ["P", "A", "F", "p", "a", "f", "Present", "absent", "X", "", " P"];
    private static readonly string[] Headers = ["StudentId", "CampusId", "Date", "ClassPeriod", "StartTime", "EndTime", "Status"];

    private static Arbitrary<FileCase> Cases { get; } =
        (from seed in Gen.Choose(0, int.MaxValue)
         from rows in Gen.Choose(0, 60)
         from damage in Gen.Elements(0, 0, 5, 20, 60)
         from threads in Gen.Choose(1, 4)
         from block in Gen.Elements(16, 37, 64, 200, 4096)
         from limits in Gen.Choose(0, 3)
         from encoding in Gen.Elements(false, false, true)
         select new FileCase(seed, rows, damage, threads, block, limits, encoding)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property The_fast_reader_gives_the_reference_readers_marks_and_problems_for_every_generated_file() =>
        Prop.ForAll(Cases, c =>
        {
            using var directory = new TemporaryDirectory();
            var path = directory.File("attendance.csv");
            File.WriteAllBytes(path, Make(c));
            var options = OptionsOf(c);
            Same(path, CsvErrorMode.CollectAll, options, c);
            Same(path, CsvErrorMode.StopAtFirst, options, c);
        });

    [Fact]
    public void A_clean_file_in_student_order_is_read_into_compact_marks_with_one_id_string_per_student()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("attendance.csv");
        File.WriteAllText(path,
            "StudentId,CampusId,Date,ClassPeriod,StartTime,EndTime,Status\n"
            + "1000000001,101912001,2024-08-19,1,08:00,08:50,P\n"
            + "1000000001,101912001,2024-08-19,2,09:00,09:50,A\n"
            + "1000000002,101912001,2024-08-19,1,08:00,08:50,F\n"
            + "1000000001,101912001,2024-08-20,1,08:00,08:50,P\n");

        var read = DailyAttendanceMarkFile.Read(path, CsvErrorMode.CollectAll, CsvInputOptions.Default, threads: 2, blockBytes: 64);

        var marks = Assert.IsType<DailyAttendanceMarks>(read.Records);
        Assert.Equal(4, marks.Count);
        Assert.Equal([2L, 3, 4, 5], read.RecordLines);
        Assert.Same(marks[0].Student.Value, marks[3].Student.Value);
        Assert.Equal(new DailyAttendanceMark(StudentId.Parse("1000000002"), CampusId.Parse("101912001"), new NodaTime.LocalDate(2024, 8, 19), new NodaTime.LocalTime(8, 0), new NodaTime.LocalTime(8, 50), AttendanceMarkStatus.PresentForFunding, "1"), marks[2]);
    }

    [Fact]
    public void A_mark_repeated_out_of_order_names_the_line_of_the_first_as_the_reference_reader_does()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("attendance.csv");
        File.WriteAllText(path,
            "StudentId,CampusId,Date,ClassPeriod,StartTime,EndTime,Status\n"
            + "1000000001,101912001,2024-08-20,1,08:00,08:50,P\n"
            + "1000000001,101912001,2024-08-19,1,08:00,08:50,P\n"
            + "1000000001,101912001,2024-08-20,1,08:00,08:50,A\n");

        var read = DailyAttendanceMarkFile.Read(path, CsvErrorMode.CollectAll, CsvInputOptions.Default, threads: 2, blockBytes: 32);

        var problem = Assert.Single(read.Problems);
        Assert.Equal((4L, CsvProblemKind.DuplicateKey), (problem.Line, problem.Kind));
        Assert.StartsWith("line 2 already has this key", problem.Message, StringComparison.Ordinal);
        Assert.Equal((3L, 1L, 2), (read.RowsRead, read.RowsRejected, read.Records.Count));
        Assert.Equal("A", problem.RowValues["Status"]);
    }

    private static CsvInputOptions OptionsOf(FileCase c) => (c.Limits switch
    {
        0 => CsvInputOptions.Default,
        1 => CsvInputOptions.Default with { MaximumLineLength = 256, MaximumFieldLength = 20 },
        2 => CsvInputOptions.Default with { MaximumProblems = 3 },
        _ => CsvInputOptions.Default with { MaximumLineLength = 256, MaximumFieldLength = 16, MaximumProblems = 1 },
    }) with { Encoding = c.Windows1252 ? CsvTextEncoding.Windows1252 : CsvTextEncoding.Utf8 };

    private static void Same(string path, CsvErrorMode mode, CsvInputOptions options, FileCase c)
    {
        CsvReadResult<DailyAttendanceMark>? expected = null, actual = null;
        PeimsCsvException? expectedError = null, actualError = null;
        try
        {
            expected = DailyAttendanceMarkCsv.ReadReference(path, mode, options);
        }
        catch (PeimsCsvException e)
        {
            expectedError = e;
        }

        try
        {
            actual = DailyAttendanceMarkFile.Read(path, mode, options, c.Threads, c.BlockBytes);
        }
        catch (PeimsCsvException e)
        {
            actualError = e;
        }

        var why = $"{c}, {mode}:\n{File.ReadAllText(path, Encoding.Latin1)}";
        Assert.True((expectedError is null) == (actualError is null), $"one reader threw, the other did not ({expectedError?.Message ?? actualError?.Message}); {why}");
        if (expectedError is not null)
        {
            Assert.True(expectedError.Problem == actualError!.Problem, $"{expectedError.Problem} against {actualError.Problem}; {why}");
            Assert.Equal(expectedError.Problem.RowValues.OrderBy(p => p.Key), actualError.Problem.RowValues.OrderBy(p => p.Key));
            return;
        }

        Assert.True(expected!.Problems.SequenceEqual(actual!.Problems), $"problems differ:\n{string.Join("\n", expected.Problems)}\nagainst\n{string.Join("\n", actual.Problems)}\n{why}");
        for (var i = 0; i < expected.Problems.Count; i++)
        {
            Assert.Equal(expected.Problems[i].RowValues.OrderBy(p => p.Key), actual.Problems[i].RowValues.OrderBy(p => p.Key));
        }

        Assert.True(expected.Records.SequenceEqual(actual.Records), $"marks differ; {why}");
        Assert.IsType<DailyAttendanceMarks>(actual.Records);
        Assert.Equal(expected.RecordLines, actual.RecordLines);
        Assert.Equal((expected.RowsRead, expected.RowsRejected), (actual.RowsRead, actual.RowsRejected));
        Assert.Equal(expected.UnusedColumns, actual.UnusedColumns);
    }

    /// <summary>A file: a header (its columns reordered, one left out or added, sometimes), then rows, some damaged.</summary>
    private static byte[] Make(FileCase c)
    {
        var random = new Random(c.Seed);
        string Pick(string[] values, int damage) => random.Next(100) < damage ? values[random.Next(values.Length)] : values[random.Next(Math.Min(3, values.Length))];
        var columns = Headers.ToList();
        if (random.Next(4) == 0)
        {
            columns = [.. columns.OrderBy(_ => random.Next())];
        }

        switch (random.Next(100) < c.Damage ? random.Next(6) : 6)
        {
            case 0: columns.Remove("ClassPeriod"); break;
            case 1: columns.RemoveAt(random.Next(columns.Count)); break;
            case 2: columns.Add("Notes"); break;
            case 3: columns[columns.IndexOf("Status")] = "Statu"; break;
            case 4: columns[columns.IndexOf("StudentId")] = "E1523"; break;
            case 5: columns.Insert(random.Next(columns.Count), "studentid"); break;
        }

        var newline = random.Next(4) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };
        var text = new List<byte>();
        if (random.Next(5) == 0)
        {
            text.AddRange([0xEF, 0xBB, 0xBF]);
        }

        void Line(string line) => text.AddRange(Encoding.UTF8.GetBytes(line + newline));
        if (random.Next(10) == 0)
        {
            Line(string.Empty);
        }

        Line(string.Join(',', columns));
        var earlier = new List<string[]>();
        for (var r = 0; r < c.Rows; r++)
        {
            string[] fields;
            if (earlier.Count > 0 && random.Next(100) < c.Damage / 2)
            {
                // A repeat of an earlier mark, as it was or with another status.
                fields = [.. earlier[random.Next(earlier.Count)]];
                if (random.Next(2) == 0)
                {
                    fields[columns.IndexOf("Status") is var s and >= 0 ? s : 0] = "A";
                }
            }
            else
            {
                var start = random.Next(Times.Length);
                fields = [.. columns.Select(name => name switch
                {
                    "StudentId" or "studentid" or "E1523" => Pick(Students, c.Damage),
                    "CampusId" => Pick(Campuses, c.Damage),
                    "Date" => Pick(Dates, c.Damage),
                    "ClassPeriod" => Pick(Periods, c.Damage),
                    "StartTime" => random.Next(100) < c.Damage ? Times[start] : Times[random.Next(2)],
                    "EndTime" => random.Next(100) < c.Damage ? Times[random.Next(Times.Length)] : Times[2 + random.Next(2)],
                    "Status" or "Statu" => Pick(Statuses, c.Damage),
                    _ => "note",
                })];
            }

            earlier.Add(fields);
        }

        var dateField = columns.IndexOf("Date");
        var studentField = columns.FindIndex(n => n is "StudentId" or "studentid" or "E1523");
        earlier = random.Next(3) switch
        {
            // In the order of the columns (student first, as extracts usually come), or by date then student (the
            // marks of a student's day in any order, as the sample district's file is), or as generated.
            0 => [.. earlier.OrderBy(f => string.Join(',', f), StringComparer.Ordinal)],
            1 when dateField >= 0 && studentField >= 0 => [.. earlier.OrderBy(f => f[dateField], StringComparer.Ordinal).ThenBy(f => f[studentField], StringComparer.Ordinal)],
            _ => earlier,
        };

        foreach (var fields in earlier)
        {
            var line = string.Join(',', fields.Select(f => random.Next(100) < c.Damage / 2 ? Quote(f, random) : f));
            if (random.Next(100) < c.Damage / 3)
            {
                line = random.Next(7) switch
                {
                    0 => line + ",extra",
                    1 => line[..Math.Max(0, line.LastIndexOf(','))],
                    2 => line.Insert(random.Next(line.Length + 1), "\""),
                    3 => line + new string('x', 300),
                    4 => string.Empty,
                    5 => line.Insert(random.Next(line.Length + 1), "\t"),
                    _ => "   ",
                };
            }

            if (random.Next(100) < c.Damage / 4)
            {
                // A byte that is not UTF-8, or one Windows-1252 leaves undefined.
                var bytes = Encoding.UTF8.GetBytes(line).ToList();
                bytes.Insert(random.Next(bytes.Count + 1), random.Next(2) == 0 ? (byte)0xFF : (byte)0x81);
                text.AddRange(bytes);
                text.AddRange(Encoding.UTF8.GetBytes(newline));
            }
            else
            {
                Line(line);
            }
        }

        if (random.Next(3) == 0 && text.Count > 0)
        {
            // No line break after the last line.
            text.RemoveRange(text.Count - newline.Length, newline.Length);
        }

        return [.. text];
    }

    private static string Quote(string field, Random random) => random.Next(3) switch
    {
        0 => $"\"{field}\"",
        1 => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ",
        _ => $"\"{field},x\"",
    };
}
