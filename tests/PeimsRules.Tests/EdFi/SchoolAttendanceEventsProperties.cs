using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// The fast reading of <c>studentSchoolAttendanceEvents</c> (straight from the bytes, a JSON-lines file in pieces on
/// several threads) gives what the reference reading (each document deserialized into its type, then read field by
/// field) gives: the same marks in the same order, the same problems with the same file, line, field, value and
/// message, in both error modes. The documents are odd on purpose: fields in any order, escaped strings and names,
/// names in another case, unknown fields, missing and null fields, values of the wrong type, repeated fields, invalid
/// UTF-8, text that is not a document, blank lines, CRLF and a byte order mark.
/// </summary>
public class SchoolAttendanceEventsProperties
{
    private static readonly HashSet<CampusId> Schools = [CampusId.Parse("101912001"), CampusId.Parse("101912002")];

    private static readonly Gen<string?> Students = Gen.Elements<string?>(
        "`studentReference`:{`studentUniqueId`:`1000000001`}",
        "`studentReference`:{`studentUniqueId`:`1000000002`,`link`:{`rel`:`Student`,`href`:`/ed-fi/students/abc`}}",
        "`studentReference`:{`link`:{`rel`:`Student`},`studentUniqueId`:` 1000000003 `}",
        "`studentReference`:{`studentUniqueId`:`\\u0031000000004`}",
        "`studentReference`:{`studentUniqueId`:`A-17`}",
        "`studentReference`:{`studentUniqueId`:1000000001}",
        "`studentReference`:{`studentUniqueId`:null}",
        "`studentReference`:{`studentUniqueId`:``}",
        "`studentReference`:{`studentUniqueId`:`   `}",
        "`studentReference`:{`studentUniqueId`:`10#01`}",
        "`studentReference`:{`studentUniqueId`:`123456789012345678901234567890123`}",
        "`studentReference`:{`studentUniqueId`:`1000000001`,`studentUniqueId`:`1000000002`}",
        "`studentReference`:{`StudentUniqueId`:`1000000005`}",
        "`StudentReference`:{`studentUniqueId`:`1000000006`}",
        "`studentReference`:null",
        "`studentReference`:`1000000001`",
        "`studentReference`:{}",
        null);

    private static readonly Gen<string?> SchoolIds = Gen.Elements<string?>(
        "`schoolReference`:{`schoolId`:101912001}",
        "`schoolReference`:{`schoolId`:101912002,`link`:{`rel`:`School`}}",
        "`schoolReference`:{`schoolId`:101912009}",
        "`schoolReference`:{`schoolId`:`101912001`}",
        "`schoolReference`:{`schoolId`:0}",
        "`schoolReference`:{`schoolId`:-101912001}",
        "`schoolReference`:{`schoolId`:101912001.0}",
        "`schoolReference`:{`schoolId`:1.01912001e8}",
        "`schoolReference`:{`schoolId`:1234567890}",
        "`schoolReference`:{`schoolId`:99999999999999999999}",
        "`schoolReference`:{`schoolId`:null}",
        "`schoolReference`:{`schoolId`:101912001,`schoolId`:101912002}",
        "`schoolReference`:{`SCHOOLID`:101912001}",
        "`schoolReference`:null",
        "`schoolReference`:[101912001]",
        null);

    private static readonly Gen<string?> Dates = Gen.Elements<string?>(
        "`eventDate`:`2024-09-03`",
        "`eventDate`:`2024-09-04T00:00:00`",
        "`eventDate`:`2024-02-29`",
        "`eventDate`:` 2024-09-05 `",
        "`eventDate`:`2024-09-06 `",
        "`eventDate`:`2024\\u002d09-09`",
        "`eventDate`:`2024-13-01`",
        "`eventDate`:`2023-02-29`",
        "`eventDate`:`0000-01-01`",
        "`eventDate`:`0001-01-01`",
        "`eventDate`:`2025-09-03`",
        "`eventDate`:`2024-9-3`",
        "`eventDate`:`2024-09-03T`",
        "`eventDate`:`2024-09-03x`",
        "`eventDate`:``",
        "`eventDate`:null",
        "`eventDate`:20240903",
        "`eventDate`:`2024-09-03`,`eventDate`:`2024-09-10`",
        "`EventDate`:`2024-09-11`",
        null);

    private static readonly Gen<string?> Categories = Gen.Elements<string?>(
        "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`",
        "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence`",
        "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Unexcused Absence`",
        "`attendanceEventCategoryDescriptor`:`uri://district.org/AttendanceEventCategoryDescriptor#present`",
        "`attendanceEventCategoryDescriptor`:`Present`",
        "`attendanceEventCategoryDescriptor`:` uri://ed-fi.org/AttendanceEventCategoryDescriptor#In Attendance `",
        "`attendanceEventCategoryDescriptor`:`uri:\\/\\/ed-fi.org\\/AttendanceEventCategoryDescriptor#Tardy`",
        "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Field trip`",
        "`attendanceEventCategoryDescriptor`:`uri://district.org/AttendanceEventCategoryDescriptor#SSA`",
        "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Présent`",
        "`attendanceEventCategoryDescriptor`:``",
        "`attendanceEventCategoryDescriptor`:null",
        "`attendanceEventCategoryDescriptor`:5",
        null);

    private static readonly Gen<string?> Others = Gen.Elements<string?>(
        "`id`:`4f0c1d2e`",
        "`id`:null",
        "`id`:17",
        "`id`:`caf\\u00e9`",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`}",
        "`sessionReference`:{`schoolYear`:`2025`}",
        "`sessionReference`:{`schoolYear`:2025.5}",
        "`sessionReference`:{`sessionName`:7}",
        "`sessionReference`:{`link`:{`href`:`x`},`schoolId`:null}",
        "`sessionReference`:null",
        "`sessionReference`:`Fall`",
        "`eventDuration`:0.5",
        "`eventDuration`:`0.5`",
        "`eventDuration`:null",
        "`eventDuration`:1e400",
        "`_etag`:`5250168731208835753`",
        "`_lastModifiedDate`:`2024-09-03T14:12:05Z`",
        "`unknown`:{`a`:[1,2,{`b`:null}],`c`:true}",
        "`nämé`:1",
        "`\\u0069d`:`escaped name`",
        "`ID`:`another case`",
        "`educationOrganizationReference`:{`educationOrganizationId`:101912}",
        "`eventDuration`:0.5,`eventDuration`:1",
        "`x`:[[[[[[[[[[1]]]]]]]]]]",
        "`x`:[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
        "`n`:-0.5e+3",
        "`n`:01",
        "`n`:1.",
        "`n`:-",
        "`n`:1e",
        "`n`:.5",
        "`n`:+1",
        "`n`:tru",
        "`n`:true",
        "`n`:nul",
        "`n`:[1,]",
        "`n`:{`a`:1,}",
        "`n`:{`a`}",
        "`n`:[]",
        "`n`:{}",
        "`n` : \t 5 ",
        "`n`:`a\tb`",
        "`n`:`a\\u0009b`",
        "`n`:`a` `b`");

    private static readonly Gen<string?> Sessions = Gen.Elements<string?>(
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`,`link`:{`rel`:`Session`,`href`:`/ed-fi/sessions/abc`}}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:99999999999,`sessionName`:`Fall`}",
        "`sessionReference`:{`schoolId`:0101912001,`schoolYear`:2025,`sessionName`:`Fall`}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025.0,`sessionName`:`Fall`}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:null}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`,`link`:{`rel`:}}",
        "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`SessionName`:`Fall`}",
        "`sessionReference`:{`schoolYear`:2025,`schoolId`:101912001,`sessionName`:`Fall`}",
        null);

    private static readonly Gen<string> Tails = Gen.Elements(
        "",
        ",`_etag`:`5250168731208835753`",
        ",`_etag`:`5250168731208835753`,`_lastModifiedDate`:`2024-09-03T14:12:05Z`",
        ",`_lastModifiedDate`:`2024-09-03T14:12:05Z`",
        ",`_etag`:5250",
        ",`_etag`:`5250`,`_etag`:`5251`",
        ",`eventDate`:`2024-09-10`",
        ",`eventDuration`:0.5",
        " ",
        ",",
        "}");

    /// <summary>
    /// A document in the ODS/API's order (as the shape reading expects): each field mostly one the shape reads, else
    /// one of the same odd values, so that a document is often read by the shape and often refused by it one field in.
    /// </summary>
    private static readonly Gen<string> OdsOrdered =
        from id in Gen.Elements<string?>("`id`:`4f0c1d2e`", "`id`:`4f0c1d2e`", "`id`:null", "`id`:`caf\\u00e9`", "`id`:`a b`", null)
        from student in Mostly(Students, "`studentReference`:{`studentUniqueId`:`1000000001`}", "`studentReference`:{`studentUniqueId`:`1000000002`,`link`:{`rel`:`Student`,`href`:`/ed-fi/students/abc`}}")
        from school in Mostly(SchoolIds, "`schoolReference`:{`schoolId`:101912001}", "`schoolReference`:{`schoolId`:101912002,`link`:{`rel`:`School`}}")
        from session in Mostly(Sessions, "`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`}", null)
        from date in Mostly(Dates, "`eventDate`:`2024-09-03`", "`eventDate`:`2024-02-29`")
        from category in Mostly(Categories, "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`", "`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence`")
        from tail in Gen.Frequency((2, Gen.Elements("", ",`_etag`:`5250168731208835753`,`_lastModifiedDate`:`2024-09-03T14:12:05Z`")), (1, Tails))
        select "{" + string.Join(",", new[] { id, student, school, session, date, category }.Where(f => f is not null)) + tail + "}";

    [Fact]
    public void The_generated_documents_in_the_ODS_API_s_order_are_often_read_by_the_shape_reading_and_often_refused_by_it()
    {
        var events = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default);
        var read = OdsOrdered.Sample(1000, 10).Count(d => events.TryScanShape(Encoding.UTF8.GetBytes(d.Replace('`', '"')), out _));

        // So the properties compare the shape reading with the reference on both sides of each of its checks.
        Assert.InRange(read, 150, 850);
    }

    private static Gen<string?> Mostly(Gen<string?> odd, string? one, string? other) =>
        Gen.Frequency((3, Gen.Elements(one, other)), (1, odd));

    /// <summary>One line: a document of some of the fields in some order, or in the ODS/API's order, or text that is not a document.</summary>
    private static readonly Gen<string> Lines = Gen.Frequency(
        (6, OdsOrdered),

        // The ODS/API's shape but for a tab in a string, which JSON forbids there: a line the shape is not handed as
        // printable.
        (1, Gen.Elements(
            "{`id`:`a\tb`,`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`}",
            "{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`,`_etag`:`52\t50`}")),
        (12, from student in Students
             from school in SchoolIds
             from date in Dates
             from category in Categories
             from others in Gen.ListOf(Others)
             from order in Gen.Shuffle(new[] { student, school, date, category }.Concat(others).Where(f => f is not null).ToArray())
             select "{" + string.Join(",", order) + "}"),
        (1, Gen.Elements(
            "",
            "   ",
            "[1,2]",
            "null",
            "5",
            "{`studentReference`:{`studentUniqueId`:`1000000001`}",
            "{`eventDate`:`2024-09-03`} trailing",
            "{`eventDate`:`2024-09-03`,}",
            "{`eventDate`:`2024-09-03` /* note */}",
            "{`eventDate`:`2024-09-03`,`studentReference`:{`studentUniqueId`:`\uFFFD1`}}",
            "\uFEFF{`eventDate`:`2024-09-03`}")));

    /// <summary>A JSON-lines file: the lines, LF or CRLF, maybe a byte order mark; the raw bytes, to hold invalid UTF-8.</summary>
    private static readonly Gen<byte[]> Files =
        from lines in Gen.ListOf(Lines)
        from crlf in Gen.Elements(false, true)
        from bom in Gen.Elements(false, false, true)
        from finalNewline in Gen.Elements(true, false)
        from invalidUtf8 in Gen.Elements(false, false, false, true)
        select File(lines, crlf, bom, finalNewline, invalidUtf8);

    [Property(MaxTest = 300, EndSize = 30)]
    public Property A_document_the_fast_reading_takes_gives_the_reference_s_mark_and_no_problem_and_any_other_goes_to_the_reference() =>
        Prop.ForAll(Files.ToArbitrary(), file =>
        {
            foreach (var line in Split(file))
            {
                var fast = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default);
                var reference = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default);
                var document = new EdFiDocument(EdFiResource.StudentSchoolAttendanceEvents, "events.jsonl", "line 1", line);
                var referenceLog = new ProblemLog(EdFiErrorMode.CollectAll);
                var expected = reference.Reference(document, referenceLog);
                if (fast.TryRead(line, out var mark))
                {
                    Assert.Empty(referenceLog.Problems);
                    Assert.Equal(expected, mark.ToMark());
                }

                // The scanner of plain documents, the first of the fast readings, on its own, and its reading of the
                // ODS/API's shape on its own.
                if (fast.TryScan(line, out var scanned))
                {
                    Assert.Empty(referenceLog.Problems);
                    Assert.Equal(expected, scanned.ToMark());
                }

                if (fast.TryScanShape(line, out var shaped))
                {
                    Assert.Empty(referenceLog.Problems);
                    Assert.Equal(expected, shaped.ToMark());
                }

                var log = new ProblemLog(EdFiErrorMode.CollectAll);
                Assert.Equal(expected, fast.Read(document, log));
                Assert.Equal(referenceLog.Problems, log.Problems);
            }
        });

    [Property(MaxTest = 150, EndSize = 40)]
    public Property A_JSON_lines_file_read_in_pieces_gives_the_reference_s_marks_problems_and_count_in_both_error_modes() =>
        Prop.ForAll(Files.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), Gen.Elements(1L, 40L, 300L, 1L << 20).ToArbitrary(), (file, threads, minPiece) =>
        {
            using var folder = new TempFolder();
            System.IO.File.WriteAllBytes(Path.Combine(folder.Path, "studentSchoolAttendanceEvents.jsonl"), file);
            foreach (var mode in new[] { EdFiErrorMode.CollectAll, EdFiErrorMode.StopAtFirst })
            {
                var expected = Capture(() => Reference(folder.Path, mode));
                var actual = Capture(() => Fast(folder.Path, mode, threads, minPiece));
                Assert.Equal(expected.Marks, actual.Marks);
                Assert.Equal(expected.Problems, actual.Problems);
                Assert.Equal(expected.Documents, actual.Documents);
                Assert.Equal(expected.Thrown, actual.Thrown);
            }
        });

    /// <summary>
    /// A document of a JSON array: mostly the documents of a JSON-lines file (one bad now and then), some holding what
    /// looks like the place between two documents (a string with <c>},{</c>, an array of objects), some nested to the
    /// depth a document may have and one deeper, some not objects.
    /// </summary>
    private static readonly Gen<string> ArrayDocuments = Gen.Frequency(
        (40, OdsOrdered),
        (20, from line in OdsOrdered
            from inside in Gen.Elements("`note`:`}, {`", "`note`:`a\\\\`", "`links`:[{`rel`:`a`},{`rel`:`b`}]", "`x`:{`y`:[{},{}]}")
            select "{" + inside + "," + line[1..]),
        (1, Gen.Elements(
            "{`unknown`:" + new string('[', 62) + new string(']', 62) + ",`eventDate`:`2024-09-03`}",
            "{`unknown`:" + new string('[', 63) + new string(']', 63) + ",`eventDate`:`2024-09-03`}",
            "[1,2]",
            "null",
            "5",
            "`text`",
            "{`eventDate`:`2024-09-03`,}",
            "{`eventDate`:`2024-09-03` /* note */}",
            "{`eventDate`:`2024-09-03`} trailing",
            "{`eventDate`:`2024-09-03`")));

    /// <summary>A JSON array file: the documents, each separated as an ODS/API page or a tool writes them, and odd starts and ends.</summary>
    private static readonly Gen<byte[]> ArrayFiles =
        from documents in Gen.ListOf(ArrayDocuments)
        from separator in Gen.Elements(",", ",\n", ", ", "\r\n,\r\n")
        from start in Gen.Frequency((6, Gen.Constant("[")), (1, Gen.Elements("\uFEFF[", " \n[\n", "", "{", "[,")))
        from end in Gen.Frequency((6, Gen.Constant("]")), (1, Gen.Elements("\n]\n", "", ",]", "] trailing", "]]")))
        select Encoding.UTF8.GetBytes(start + string.Join(separator, documents.Select(d => d.Replace('`', '"'))) + end);

    [Property(MaxTest = 200, EndSize = 40)]
    public Property A_JSON_array_file_read_in_pieces_gives_the_reference_s_marks_problems_and_count_in_both_error_modes() =>
        Prop.ForAll(ArrayFiles.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), Gen.Elements(1L, 40L, 300L, 1L << 20).ToArbitrary(), (file, threads, minPiece) =>
        {
            using var folder = new TempFolder();
            System.IO.File.WriteAllBytes(Path.Combine(folder.Path, "studentSchoolAttendanceEvents.json"), file);
            foreach (var mode in new[] { EdFiErrorMode.CollectAll, EdFiErrorMode.StopAtFirst })
            {
                var expected = Capture(() => Reference(folder.Path, mode));
                var actual = Capture(() => Fast(folder.Path, mode, threads, minPiece));
                Assert.Equal(expected.Marks, actual.Marks);
                Assert.Equal(expected.Problems, actual.Problems);
                Assert.Equal(expected.Documents, actual.Documents);
                Assert.Equal(expected.Thrown, actual.Thrown);
            }
        });

    [Property(MaxTest = 300)]
    public Property The_shape_read_where_a_document_starts_in_an_array_takes_what_the_shape_takes_on_its_own_and_gives_its_length() =>
        Prop.ForAll(OdsOrdered.ToArbitrary(), Gen.Elements(",{`id`:`x`}", "]", ",\n", "", " ,", "} ").ToArbitrary(), (document, after) =>
        {
            var bytes = Encoding.UTF8.GetBytes(document.Replace('`', '"'));
            var text = Encoding.UTF8.GetBytes((document + after).Replace('`', '"'));
            var alone = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default).TryScanShape(bytes, out var expected);
            var inArray = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default).TryScanShapeAt(text, out var mark, out var length);
            if (alone)
            {
                Assert.True(inArray);
                Assert.Equal(expected, mark);
                Assert.Equal(bytes.AsSpan().TrimEnd((byte)' ').Length, length);
            }

            // What it takes is a document the shape takes on its own (what follows is for the array's reader to check).
            if (inArray)
            {
                Assert.True(new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default).TryScanShape(text.AsSpan(0, length), out var taken));
                Assert.Equal(taken, mark);
            }
        });

    [Fact]
    public void The_generated_arrays_are_mostly_read_in_pieces_and_sometimes_handed_to_the_reading_document_by_document()
    {
        var inPieces = ArrayFiles.Sample(200, 20).Count(file =>
        {
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "studentSchoolAttendanceEvents.json");
            System.IO.File.WriteAllBytes(path, file);
            var read = JsonArrayFile.ReadAsync(path, EdFiResource.StudentSchoolAttendanceEvents, new ProblemLog(EdFiErrorMode.CollectAll), 4, c => new EventsPiece(new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default), c), CancellationToken.None, minPiece: 40)
                .GetAwaiter().GetResult();
            return read is not null;
        });

        // So the property compares the pieces with the reference, and the reading the pieces hand over too.
        Assert.InRange(inPieces, 40, 180);
    }

    [Fact]
    public async Task An_array_of_3000_events_read_in_four_pieces_keeps_their_order_and_numbers_a_bad_document_by_its_place_in_the_array()
    {
        var documents = Enumerable.Range(0, 3000).Select(i =>
            $"{{`studentReference`:{{`studentUniqueId`:`{1000000001 + (i / 10)}`}},`schoolReference`:{{`schoolId`:101912001}},`eventDate`:`2024-09-{3 + (i % 5):00}`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`}}")
            .ToList();
        documents[2500] = documents[2500].Replace("2024-09", "2024-19", StringComparison.Ordinal);

        // A string that looks like the place between two documents, where a cut may fall.
        documents[1500] = "{`note`:`}, {`," + documents[1500][1..];
        using var folder = new TempFolder().With("studentSchoolAttendanceEvents.json", "[" + string.Join(",", documents) + "]");
        var path = Path.Combine(folder.Path, "studentSchoolAttendanceEvents.json");
        var log = new ProblemLog(EdFiErrorMode.CollectAll);

        var read = await JsonArrayFile.ReadAsync(path, EdFiResource.StudentSchoolAttendanceEvents, log, 4, c => new EventsPiece(new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default), c), CancellationToken.None, minPiece: 1000);

        var (count, pieces) = Assert.NotNull(read);
        Assert.Equal(3000, count);
        Assert.True(pieces.Length >= 4);
        var marks = pieces.SelectMany(p => p.Marks.ToMarks()).ToList();
        Assert.Equal(2999, marks.Count);
        var problem = Assert.Single(log.Problems);
        Assert.Equal(("studentSchoolAttendanceEvents.json", "document 2501", "eventDate", "2024-19-03"), (problem.Source, problem.Position, problem.Field, problem.Value));
        Assert.Equal((new NodaTime.LocalDate(2024, 9, 3), "1000000001"), (marks[0].Date, marks[0].Student.Value));
        Assert.Equal((new NodaTime.LocalDate(2024, 9, 7), "1000000300"), (marks[^1].Date, marks[^1].Student.Value));
    }

    [Fact]
    public async Task A_file_of_3000_events_read_in_four_pieces_keeps_their_order_and_numbers_a_bad_line_by_its_place_in_the_file()
    {
        var lines = Enumerable.Range(0, 3000).Select(i =>
            $"{{`studentReference`:{{`studentUniqueId`:`{1000000001 + (i / 10)}`}},`schoolReference`:{{`schoolId`:101912001}},`eventDate`:`2024-09-{3 + (i % 5):00}`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`}}")
            .ToList();
        lines[2500] = lines[2500].Replace("2024-09", "2024-19", StringComparison.Ordinal);
        using var folder = new TempFolder().With("studentSchoolAttendanceEvents.jsonl", string.Join("\n", lines) + "\n");
        var log = new ProblemLog(EdFiErrorMode.CollectAll);
        var counts = new Dictionary<string, long>();

        var marks = (await SchoolAttendanceEvents.ReadAsync(new EdFiFolderSource(folder.Path), Schools, AttendanceCategoryMap.Default, log, counts, maxParallel: 4, CancellationToken.None, minPiece: 1000)).ToMarks();

        Assert.Equal(2999, marks.Count);
        Assert.Equal(3000, counts["studentSchoolAttendanceEvents"]);
        var problem = Assert.Single(log.Problems);
        Assert.Equal(("studentSchoolAttendanceEvents.jsonl", "line 2501", "eventDate", "2024-19-03"), (problem.Source, problem.Position, problem.Field, problem.Value));
        Assert.Equal((new NodaTime.LocalDate(2024, 9, 3), "1000000001"), (marks[0].Date, marks[0].Student.Value));
        Assert.Equal((new NodaTime.LocalDate(2024, 9, 7), "1000000300"), (marks[^1].Date, marks[^1].Student.Value));
    }

    [Theory]
    [InlineData("{`id`:`4f0c`,`studentReference`:{`studentUniqueId`:`1000000001`,`link`:{`rel`:`Student`,`href`:`/ed-fi/students/4f0c`}},`schoolReference`:{`schoolId`:101912001,`link`:{`rel`:`School`}},`sessionReference`:{`schoolId`:101912001,`schoolYear`:2025,`sessionName`:`Fall`},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`,`_etag`:`5250`,`_lastModifiedDate`:`2024-09-03T14:12:05Z`}", true, true)]
    [InlineData("{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`Tardy`}", true, true)]
    [InlineData("{`studentReference`:{`studentUniqueId`:`1000000001`},`sessionReference`:null,`schoolReference`:{`schoolId`:101912001},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`Tardy`,`x`:1}", true, false)]
    [InlineData("{`studentReference`:{`studentUniqueId`:`1000000001`},\t`schoolReference`:{`schoolId`:101912001},`eventDate`:`2024-09-03`,`attendanceEventCategoryDescriptor`:`Tardy`}", true, false)]
    [InlineData("{`attendanceEventCategoryDescriptor`:`uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy`,`eventDate`:`2024-09-03T00:00:00`,`schoolReference`:{`schoolId`:101912001},`studentReference`:{`studentUniqueId`:`1000000001`},`eventDuration`:0.5}", false, false)]
    [InlineData("{ \"studentReference\" : { \"studentUniqueId\" : \"\\u0031000000001\" } , \"schoolReference\":{\"schoolId\":101912001}, \"eventDate\":\"2024-09-03\", \"attendanceEventCategoryDescriptor\":\"Tardy\" }", false, false)]
    public void A_plain_document_in_the_ODS_API_s_shape_or_another_order_is_read_by_the_fast_reading_not_the_reference(string json, bool byTheScanner, bool byTheShape)
    {
        var events = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default);

        var bytes = Encoding.UTF8.GetBytes(json.Replace('`', '"'));

        Assert.True(events.TryRead(bytes, out var mark));
        // The scanner takes the ODS/API's plain form; an escape or an event duration goes to the reader of all JSON.
        Assert.Equal(byTheScanner, events.TryScan(bytes, out _));
        // Of those, the ODS/API's own order, compact, is read as one run of expected text.
        Assert.Equal(byTheShape, events.TryScanShape(bytes, out _));
        Assert.Equal(
            new DailyAttendanceMark(StudentId.Parse("1000000001"), CampusId.Parse("101912001"), new NodaTime.LocalDate(2024, 9, 3), NodaTime.LocalTime.Midnight, NodaTime.LocalTime.MaxValue, AttendanceMarkStatus.Present, "day"),
            mark.ToMark());
    }

    private static (List<DailyAttendanceMark> Marks, List<EdFiProblem> Problems, long Documents, EdFiProblem? Thrown) Capture(Func<(List<DailyAttendanceMark>, ProblemLog, Dictionary<string, long>)> read)
    {
        try
        {
            var (marks, log, counts) = read();
            return (marks, [.. log.Problems], counts["studentSchoolAttendanceEvents"], null);
        }
        catch (EdFiDataException e)
        {
            return ([], [], 0, Assert.Single(e.Problems));
        }
    }

    private static (List<DailyAttendanceMark>, ProblemLog, Dictionary<string, long>) Reference(string folder, EdFiErrorMode mode)
    {
        var log = new ProblemLog(mode);
        var events = new SchoolAttendanceEvents(Schools, AttendanceCategoryMap.Default);
        var marks = new List<DailyAttendanceMark>();
        long documents = 0;
        foreach (var document in new EdFiFolderSource(folder).ReadAsync(EdFiResource.StudentSchoolAttendanceEvents, required: false).ToBlockingEnumerable())
        {
            documents++;
            if (events.Reference(document, log) is { } mark)
            {
                marks.Add(mark);
            }
        }

        return (marks, log, new Dictionary<string, long> { ["studentSchoolAttendanceEvents"] = documents });
    }

    private static (List<DailyAttendanceMark>, ProblemLog, Dictionary<string, long>) Fast(string folder, EdFiErrorMode mode, int threads, long minPiece)
    {
        var log = new ProblemLog(mode);
        var counts = new Dictionary<string, long>();
        var marks = SchoolAttendanceEvents.ReadAsync(new EdFiFolderSource(folder), Schools, AttendanceCategoryMap.Default, log, counts, threads, CancellationToken.None, minPiece).GetAwaiter().GetResult();
        return ([.. marks.ToMarks()], log, counts);
    }

    private static byte[] File(IEnumerable<string> lines, bool crlf, bool bom, bool finalNewline, bool invalidUtf8)
    {
        var text = string.Join(crlf ? "\r\n" : "\n", lines.Select(l => l.Replace('`', '"'))) + (finalNewline ? "\n" : string.Empty);
        var bytes = new List<byte>(bom ? [0xEF, 0xBB, 0xBF] : []);
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
        if (invalidUtf8)
        {
            // A lone continuation byte in place of the first replacement character, or of a student id's first digit.
            var at = bytes.IndexOf(0xEF, bom ? 3 : 0);
            var digit = Encoding.UTF8.GetBytes("\"studentUniqueId\":\"1");
            var s = IndexOf(bytes, digit);
            if (at >= 0 && at + 2 < bytes.Count)
            {
                bytes.RemoveRange(at, 3);
                bytes.Insert(at, 0x80);
            }
            else if (s >= 0)
            {
                bytes[s + digit.Length - 1] = 0xC3;
            }
        }

        return [.. bytes];
    }

    private static int IndexOf(List<byte> bytes, byte[] what)
    {
        for (var i = 0; i + what.Length <= bytes.Count; i++)
        {
            if (bytes.Skip(i).Take(what.Length).SequenceEqual(what))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The lines as the JSON-lines splitter hands them over.</summary>
    private static List<byte[]> Split(byte[] file) =>
        [.. JsonDocumentSplitter.SplitLines(new MemoryStream(file), EdFiResource.StudentSchoolAttendanceEvents, "events.jsonl").Select(d => d.Utf8Json.ToArray())];
}
