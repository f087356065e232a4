using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi.Json;

namespace PeimsRules.EdFi;

/// <summary>
/// <c>studentSchoolAttendanceEvents</c> to daily marks: one mark for the whole day per event. Two readings of a document
/// give the same mark and the same problems. <see cref="Reference"/> is the readable one (the source-generated document
/// type, then the field readers of <see cref="EdFiValues"/>). <see cref="Read(in EdFiDocument, ProblemLog)"/> reads a plain
/// document straight from its UTF-8 bytes into the four values a mark needs (no document object, no string per field:
/// students, schools and categories are looked up once and kept), and hands any document it is not sure of (a field of
/// another type, an escaped or unusual name, a value the reference would report, a repeated field) to the reference,
/// so every problem is found and worded by one implementation.
/// </summary>
/// <remarks>
/// Not thread-safe (it keeps its look-ups); the JSON-lines reader makes one per thread. Its look-ups are bounded, so
/// memory does not grow with the number of documents: the students seen (each once, shared by their marks), the
/// schools, and at most <see cref="MaxCategories"/> category descriptors.
/// </remarks>
internal sealed class SchoolAttendanceEvents
{
    /// <summary>How many distinct category descriptors are kept; any beyond are looked up each time.</summary>
    public const int MaxCategories = 64;

    /// <summary>How many distinct students are kept; beyond, each id is read into a new string (still correct).</summary>
    public const int MaxStudents = 1 << 20;

    private const int MaxStudentChars = 128;

    // Student ids of digits only, up to this long, are looked up by their value (10^15 is below 2^50).
    private const int MaxDigitId = 15;

    // Student ids shorter than this are looked up by their bytes.
    private const int ShortId = 16;

    private static readonly byte[] IdName = "id"u8.ToArray();
    private static readonly byte[] StudentReferenceName = "studentReference"u8.ToArray();
    private static readonly byte[] SchoolReferenceName = "schoolReference"u8.ToArray();
    private static readonly byte[] SessionReferenceName = "sessionReference"u8.ToArray();
    private static readonly byte[] EventDateName = "eventDate"u8.ToArray();
    private static readonly byte[] CategoryName = "attendanceEventCategoryDescriptor"u8.ToArray();
    private static readonly byte[] EventDurationName = "eventDuration"u8.ToArray();
    private static readonly byte[] StudentUniqueIdName = "studentUniqueId"u8.ToArray();
    private static readonly byte[] SchoolIdName = "schoolId"u8.ToArray();
    private static readonly byte[] SchoolYearName = "schoolYear"u8.ToArray();
    private static readonly byte[] SessionNameName = "sessionName"u8.ToArray();

    // The fields read, in the order the ODS/API writes them.
    private static readonly Names DocumentNames = new([IdName, StudentReferenceName, SchoolReferenceName, SessionReferenceName, EventDateName, CategoryName, EventDurationName]);
    private static readonly Names StudentReferenceNames = new([StudentUniqueIdName]);
    private static readonly Names SchoolReferenceNames = new([SchoolIdName]);
    private static readonly Names SessionReferenceNames = new([SchoolIdName, SchoolYearName, SessionNameName]);

    private readonly HashSet<CampusId> _schools;
    private readonly AttendanceCategoryMap _categories;
    private readonly Dictionary<string, StudentId> _students = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, StudentId>.AlternateLookup<ReadOnlySpan<char>> _studentLookup;
#endif
    private readonly Dictionary<UInt128, StudentId> _shortStudents = [];
    private readonly Dictionary<long, StudentId> _digitStudents = [];
    private readonly Dictionary<long, CampusId> _campuses = [];
    private readonly List<(byte[] Descriptor, AttendanceMarkStatus Status)> _categoryCache = [];

    // The last valid date read of each month and day (at month * 32 + day), with its year: year 0 until one is read.
    private readonly (int Year, EventDay Date)[] _dates = new (int, EventDay)[13 * 32];

    // The last student id the scanner read (at most StudentId.MaximumLength bytes) and its student.
    private readonly byte[] _lastScannedBytes = new byte[StudentId.MaximumLength];
    private int _lastScannedLength;
    private StudentId? _lastScanned;

    /// <summary>Reads events of the schools in <paramref name="schools"/>, with the categories of <paramref name="categories"/>.</summary>
    public SchoolAttendanceEvents(HashSet<CampusId> schools, AttendanceCategoryMap categories)
    {
        _schools = schools;
        _categories = categories;
#if NET9_0_OR_GREATER
        _studentLookup = _students.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    /// <summary>
    /// Reads every <c>studentSchoolAttendanceEvents</c> document of <paramref name="source"/> into the marks of the
    /// builder it returns, in the source's order, counting the documents in <paramref name="counts"/> and logging every
    /// problem in order. A file of a folder is read in large buffers, in up to <paramref name="maxParallel"/> pieces at
    /// once (each at least <paramref name="minPiece"/> bytes: a run of whole lines of a JSON-lines file, a run of whole
    /// documents of a JSON array), each piece into its own builder, the pieces joined in order; an array the pieces are
    /// not sure of, and anything else, document by document from the source.
    /// </summary>
    public static async Task<DailyAttendanceMarks.Builder> ReadAsync(
        IEdFiSource source,
        HashSet<CampusId> schools,
        AttendanceCategoryMap categories,
        ProblemLog log,
        Dictionary<string, long> counts,
        int maxParallel,
        CancellationToken cancellationToken,
        long minPiece = JsonLinesFile.MinPiece)
    {
        var resource = EdFiResource.StudentSchoolAttendanceEvents;
        counts.TryAdd(resource.Name, 0);
        if (source is EdFiFolderSource folder && folder.FileOf(resource) is { } path)
        {
            EventsPiece NewPiece(int capacity) => new(new SchoolAttendanceEvents(schools, categories), capacity);
            var read = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? await JsonArrayFile.ReadAsync(path, resource, log, maxParallel, NewPiece, cancellationToken, minPiece).ConfigureAwait(false)
                : await JsonLinesFile.ReadAsync(path, resource, log, maxParallel, NewPiece, cancellationToken, minPiece).ConfigureAwait(false);

            // An array the pieces are not sure of is read below, document by document, which words its problems.
            if (read is var (documents, pieces))
            {
                counts[resource.Name] += documents;

                // The first piece's builder has room for the whole file's marks; the others' are copied in from their columns.
                var marks = pieces[0].Marks;
                foreach (var piece in pieces.Skip(1))
                {
                    marks.AddRange(piece.Marks);
                }

                return marks;
            }
        }

        var events = new SchoolAttendanceEvents(schools, categories);
        var all = new DailyAttendanceMarks.Builder();
        await foreach (var document in source.ReadAsync(resource, required: false, cancellationToken).ConfigureAwait(false))
        {
            counts[resource.Name]++;
            if (events.Read(document, log) is { } mark)
            {
                all.Add(mark);
            }
        }

        return all;
    }

    /// <summary>How many documents went to the reference (for the benchmarks and tests: 0 on plain documents).</summary>
    public long ReferenceReads { get; private set; }

    /// <summary>
    /// The readable reading: the document deserialized into its source-generated type, each field read by
    /// <see cref="EdFiValues"/>, every problem logged; <see langword="null"/> when the document gives no mark.
    /// </summary>
    public DailyAttendanceMark? Reference(in EdFiDocument document, ProblemLog log)
    {
        ReferenceReads++;
        if (EdFiValues.Deserialize(document, EdFiJsonContext.Default.StudentSchoolAttendanceEventDocument, log) is not { } doc)
        {
            return null;
        }

        var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
        var campus = EdFiDailyAttendance.SchoolOf(doc.SchoolReference?.SchoolId, document, "schoolReference.schoolId", _schools, log);
        var id = student is { } s0 ? $"student {s0}, {doc.EventDate}" : doc.Id;
        var date = EdFiValues.Date(doc.EventDate, document, id, "eventDate", log);
        var status = EdFiDailyAttendance.Category(doc.AttendanceEventCategoryDescriptor, document, id, _categories, log);
        if (student is { } s && campus is { } c && date is { } d && status is { } st)
        {
            return new SchoolEvent(s, c, d, st).ToMark();
        }

        return null;
    }

    /// <summary>The fast reading of a document, or the reference's when the document is not plain.</summary>
    public DailyAttendanceMark? Read(in EdFiDocument document, ProblemLog log) =>
        document.Problem is null && TryRead(document.Utf8Json.Span, out var e) ? e.ToMark() : Reference(document, log);

    /// <summary>
    /// Reads a plain, valid document straight from its bytes. <see langword="false"/> means "not sure": the caller hands
    /// the document to <see cref="Reference"/>, which reads it (it may still be valid) or reports its problems.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> json, out SchoolEvent mark) => TryRead(json, printable: false, out mark);

    /// <summary>
    /// As <see cref="TryRead(ReadOnlySpan{byte}, out SchoolEvent)"/>, for a text known to be all printable ASCII but the
    /// backslash (what <see cref="PlainJson"/> checks first): the ODS/API's shape is read at once.
    /// </summary>
    public bool TryReadPrintable(ReadOnlySpan<byte> json, out SchoolEvent mark) => TryRead(json, printable: true, out mark);

    private bool TryRead(ReadOnlySpan<byte> json, bool printable, out SchoolEvent mark)
    {
        mark = default;
        try
        {
            return (printable && ScanShape(json, out mark)) || TryScan(json, out mark) || TryReadCore(json, out mark);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a bad escape in a string the mark needs: the reference words it.
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first reading, for the documents the ODS/API writes: a scanner of a strict subset of JSON (ASCII strings
    /// without escapes, numbers by the JSON grammar, shallow nesting) straight to the four values. Anything outside that
    /// subset, and any value it does not read itself, is "not sure" and goes to the <see cref="Utf8JsonReader"/> reading.
    /// Fields may come in any order: each name is first compared, quotes and colon included, with the one that follows
    /// the last field read in the ODS/API's order, and read as a string only when it is another.
    /// </summary>
    internal bool TryScan(ReadOnlySpan<byte> json, out SchoolEvent mark)
    {
        mark = default;
        var scan = new PlainJson(json);
        if (!scan.IsPlain)
        {
            return false;
        }

        if (!scan.HasControls && ScanShape(json, out mark))
        {
            return true;
        }

        if (!scan.Take((byte)'{'))
        {
            return false;
        }

        StudentId? student = null;
        CampusId? campus = null;
        EventDay? date = null;
        AttendanceMarkStatus? status = null;
        var seen = 0;
        var next = 0;
        var field = Name(ref scan, DocumentNames, next);
        while (true)
        {
            if (field < -1 || (field >= 0 && (seen & (1 << field)) != 0))
            {
                return false;
            }

            if (field >= 0)
            {
                seen |= 1 << field;
                next = field + 1;
            }

            var ok = field switch
            {
                -1 => scan.Value(0),
                0 => scan.Null() || scan.String(out _),
                1 => ScanReference(ref scan, school: false, ref student, ref campus),
                2 => ScanReference(ref scan, school: true, ref student, ref campus),
                3 => ScanSessionReference(ref scan),
                4 => scan.String(out var d) && DateOf(d, out date),
                5 => scan.String(out var c) && c.Length > 0 && c[0] != (byte)' ' && CategoryOf(c, out status),
                _ => scan.Null(),
            };
            if (!ok)
            {
                return false;
            }

            if (!scan.Take((byte)','))
            {
                break;
            }

            field = Name(ref scan, DocumentNames, next);
        }

        if (!scan.Take((byte)'}') || !scan.AtEnd() || student is not { } s || campus is not { } cm || date is not { } dt || status is not { } st)
        {
            return false;
        }

        mark = new SchoolEvent(s, cm, dt.Date, st, dt.Day);
        return true;
    }

    /// <summary>
    /// The ODS/API's own shape, read as a run of expected text: the fields in the order it writes them (<c>id</c>,
    /// <c>studentReference</c>, <c>schoolReference</c>, <c>sessionReference</c>, <c>eventDate</c>,
    /// <c>attendanceEventCategoryDescriptor</c>, <c>_etag</c>, <c>_lastModifiedDate</c>; the id, the session and the
    /// last two may be left out), each reference with or without its <c>link</c>, nothing between the tokens, every
    /// byte printable ASCII but the backslash. Each value is read as <see cref="TryScan"/> reads it.
    /// <see langword="false"/> for any other text, which the scan then reads from the start.
    /// </summary>
    internal bool TryScanShape(ReadOnlySpan<byte> json, out SchoolEvent mark)
    {
        mark = default;
        var scan = new PlainJson(json);
        return scan.IsPlain && !scan.HasControls && ScanShape(json, out mark);
    }

    /// <summary>As <see cref="TryScanShape"/>, for a text known to be printable ASCII but the backslash.</summary>
    private bool ScanShape(ReadOnlySpan<byte> json, out SchoolEvent mark) =>
        ScanShapeAt(json, out mark, out var length) && json[length..].TrimStart((byte)' ').Length == 0;

    /// <summary>
    /// The ODS/API's shape at the start of <paramref name="text"/>, which may run on past the document (the rest of a
    /// JSON array): the event and the document's length. <see langword="false"/> when the text there is not in the
    /// shape, or when the bytes the shape took are not all printable ASCII but the backslash (checked after: the
    /// shape then read them as it reads the document on its own).
    /// </summary>
    internal bool TryScanShapeAt(ReadOnlySpan<byte> text, out SchoolEvent mark, out int length) =>
        ScanShapeAt(text, out mark, out length) && PlainJson.IsPrintable(text[..length]);

    /// <summary>As <see cref="ScanShape"/>, but the text may go on after the document: the document's length.</summary>
    private bool ScanShapeAt(ReadOnlySpan<byte> json, out SchoolEvent mark, out int length)
    {
        mark = default;
        length = 0;
        var t = json;
        if (Take(ref t, "{\"id\":\""u8))
        {
            if (!Until(ref t, out _) || !Take(ref t, "\",\"studentReference\":{\"studentUniqueId\":\""u8))
            {
                return false;
            }
        }
        else if (!Take(ref t, "{\"studentReference\":{\"studentUniqueId\":\""u8))
        {
            return false;
        }

        if (!Until(ref t, out var id) || !ScanStudent(id, out var student) || !Take(ref t, "\""u8) || !EndOfReference(ref t)
            || !Take(ref t, ",\"schoolReference\":{\"schoolId\":"u8) || !Number(ref t, out var schoolId) || !School(schoolId, out var campus) || !EndOfReference(ref t))
        {
            return false;
        }

        if (Take(ref t, ",\"sessionReference\":{\"schoolId\":"u8)
            && !(Number(ref t, out _) && Take(ref t, ",\"schoolYear\":"u8) && Number(ref t, out var year) && year <= int.MaxValue
                && Take(ref t, ",\"sessionName\":\""u8) && Until(ref t, out _) && Take(ref t, "\""u8) && EndOfReference(ref t)))
        {
            return false;
        }

        if (!Take(ref t, ",\"eventDate\":\""u8) || !Until(ref t, out var d) || !DateOf(d, out var date)
            || !Take(ref t, "\",\"attendanceEventCategoryDescriptor\":\""u8) || !Until(ref t, out var c) || c.Length == 0 || c[0] == (byte)' ' || !CategoryOf(c, out var status)
            || !Take(ref t, "\""u8))
        {
            return false;
        }

        if ((Take(ref t, ",\"_etag\":\""u8) && !(Until(ref t, out _) && Take(ref t, "\""u8)))
            || (Take(ref t, ",\"_lastModifiedDate\":\""u8) && !(Until(ref t, out _) && Take(ref t, "\""u8)))
            || !Take(ref t, "}"u8)
            || student is not { } s || campus is not { } cm || date is not { } dt || status is not { } st)
        {
            return false;
        }

        mark = new SchoolEvent(s, cm, dt.Date, st, dt.Day);
        length = json.Length - t.Length;
        return true;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        static bool Take(ref ReadOnlySpan<byte> t, ReadOnlySpan<byte> text)
        {
            if (!t.StartsWith(text))
            {
                return false;
            }

            t = t[text.Length..];
            return true;
        }

        // A string's content up to its closing quote, which is left.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        static bool Until(ref ReadOnlySpan<byte> t, out ReadOnlySpan<byte> value)
        {
            var quote = t.IndexOf((byte)'"');
            value = quote < 0 ? default : t[..quote];
            t = quote < 0 ? t : t[quote..];
            return quote >= 0;
        }

        // As PlainJson.Digits: 1 to 18 digits, no leading zero, no fraction or exponent after.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        static bool Number(ref ReadOnlySpan<byte> t, out long value)
        {
            value = 0;
            var i = 0;
            while (i < t.Length && i < 18 && char.IsAsciiDigit((char)t[i]))
            {
                // At most 18 digits: no overflow.
                value = unchecked((value * 10) + (t[i] - '0'));
                i = unchecked(i + 1);
            }

            var ok = i > 0 && t[0] != (byte)'0' && (i == t.Length || t[i] is not ((byte)'.' or (byte)'e' or (byte)'E' or (>= (byte)'0' and <= (byte)'9')));
            t = t[i..];
            return ok;
        }

        // The end of a reference after its key: its brace, or its link first.
        static bool EndOfReference(ref ReadOnlySpan<byte> t)
        {
            if (Take(ref t, "}"u8))
            {
                return true;
            }

            if (!Take(ref t, ",\"link\":"u8))
            {
                return false;
            }

            // A link is an object of strings, read to its brace (the text may go on past the document).
            var brace = t.IndexOf((byte)'}');
            var link = new PlainJson(brace < 0 ? t : t[..(brace + 1)]);
            if (!link.Value(2))
            {
                return false;
            }

            t = t[link.Position..];
            return Take(ref t, "}"u8);
        }
    }

    /// <summary>
    /// The next name of an object and its colon, tried first as <paramref name="names"/>[<paramref name="next"/>]: as
    /// <see cref="PlainField"/> answers, or -3 when the text there is not a plain name and a colon.
    /// </summary>
    private static int Name(ref PlainJson scan, Names names, int next)
    {
        if (next < names.Quoted.Length && scan.TakeExactly(names.Quoted[next]))
        {
            return next;
        }

        if (!scan.String(out var name) || !scan.Take((byte)':'))
        {
            return -3;
        }

        return PlainField(name, names.Plain);
    }

    /// <summary>As <see cref="Field"/>, for a name the scanner read (plain ASCII, never escaped): only names of its length are compared.</summary>
    private static int PlainField(ReadOnlySpan<byte> name, byte[][] names)
    {
        var field = -1;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == name.Length)
            {
                if (name.SequenceEqual(names[i]))
                {
                    return i;
                }

                if (Ascii.EqualsIgnoreCase(name, names[i]))
                {
                    field = -2;
                }
            }
        }

        return field;
    }

    /// <summary>
    /// A studentReference (<paramref name="school"/> false: its studentUniqueId) or a schoolReference (true: its
    /// schoolId): an object whose one known name is read and whose other names (such as <c>link</c>) are skipped.
    /// </summary>
    private bool ScanReference(ref PlainJson scan, bool school, ref StudentId? student, ref CampusId? campus)
    {
        if (!scan.Take((byte)'{'))
        {
            return false;
        }

        if (scan.Take((byte)'}'))
        {
            return true;
        }

        var names = school ? SchoolReferenceNames : StudentReferenceNames;
        var seen = false;
        do
        {
            var field = Name(ref scan, names, seen ? 1 : 0);
            if (field < -1 || (field == 0 && seen))
            {
                return false;
            }

            if (field < 0)
            {
                if (!scan.Value(1))
                {
                    return false;
                }

                continue;
            }

            seen = true;
            var read = school
                ? scan.Digits(out var schoolId) && School(schoolId, out campus)
                : scan.String(out var id) && ScanStudent(id, out student);
            if (!read)
            {
                return false;
            }
        }
        while (scan.Take((byte)','));

        return scan.Take((byte)'}');
    }

    /// <summary>
    /// A student id as the scanner read it (plain ASCII): looked up by its bytes when it is short (a Texas unique id is
    /// ten digits), else as text. Only a valid id is kept, so a known one needs no check.
    /// </summary>
    private bool ScanStudent(ReadOnlySpan<byte> id, out StudentId? student)
    {
        // Consecutive events of one student (a file sorted by student, or by student then date) cost no look-up.
        if (_lastScanned is { } last && id.SequenceEqual(_lastScannedBytes.AsSpan(0, _lastScannedLength)))
        {
            student = last;
            return true;
        }

        if (!ScanNewStudent(id, out student))
        {
            return false;
        }

        id.CopyTo(_lastScannedBytes);
        (_lastScannedLength, _lastScanned) = (id.Length, student);
        return true;
    }

    /// <summary>As <see cref="ScanStudent"/>, for an id other than the last one read.</summary>
    private bool ScanNewStudent(ReadOnlySpan<byte> id, out StudentId? student)
    {
        student = null;
        if (id.Length is 0 or > StudentId.MaximumLength)
        {
            return false;
        }

        if (id.Length <= MaxDigitId && DigitKey(id) is var digits and >= 0)
        {
            // An id of digits only (a Texas unique id is ten): its value and its length, so leading zeros count.
            if (_digitStudents.TryGetValue(digits, out var known))
            {
                student = known;
                return true;
            }

            if (!StudentId.TryParse(System.Text.Encoding.ASCII.GetString(id), out var parsed))
            {
                return false;
            }

            if (_digitStudents.Count < MaxStudents)
            {
                _digitStudents.Add(digits, parsed);
            }

            student = parsed;
            return true;
        }

        if (id.Length < ShortId)
        {
            // The bytes, zero-padded, and the length in the last byte: one key per id (an id holds no zero byte).
            var key = id.Length >= 8
                ? new UInt128(Bytes(id[8..]) | ((ulong)id.Length << 56), System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(id))
                : new UInt128((ulong)id.Length << 56, Bytes(id));
            if (_shortStudents.TryGetValue(key, out var known))
            {
                student = known;
                return true;
            }

            if (!ValidStudentBytes(id) || !StudentId.TryParse(System.Text.Encoding.ASCII.GetString(id), out var parsed))
            {
                return false;
            }

            if (_shortStudents.Count < MaxStudents)
            {
                _shortStudents.Add(key, parsed);
            }

            student = parsed;
            return true;
        }

        if (!ValidStudentBytes(id))
        {
            return false;
        }

        Span<char> chars = stackalloc char[StudentId.MaximumLength];
        System.Text.Ascii.ToUtf16(id, chars, out var written);
        return StudentOf(chars[..written], out student);

        // Digits only: the value with the length above it; -1 for any other byte.
        static long DigitKey(ReadOnlySpan<byte> id)
        {
            long value = 0;
            foreach (var b in id)
            {
                var digit = unchecked((uint)(b - (byte)'0'));
                if (digit > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value | ((long)id.Length << 50);
        }

        // Up to seven bytes as a number, the first lowest.
        static ulong Bytes(ReadOnlySpan<byte> bytes)
        {
            ulong value = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            return value;
        }

        static bool ValidStudentBytes(ReadOnlySpan<byte> id)
        {
            foreach (var b in id)
            {
                if (!char.IsAsciiLetterOrDigit((char)b) && b != (byte)'-')
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool ScanSessionReference(ref PlainJson scan)
    {
        if (scan.Null())
        {
            return true;
        }

        if (!scan.Take((byte)'{'))
        {
            return false;
        }

        if (scan.Take((byte)'}'))
        {
            return true;
        }

        var seen = 0;
        var next = 0;
        do
        {
            var field = Name(ref scan, SessionReferenceNames, next);
            if (field < -1 || (field >= 0 && (seen & (1 << field)) != 0))
            {
                return false;
            }

            if (field >= 0)
            {
                seen |= 1 << field;
                next = field + 1;
            }

            var ok = field switch
            {
                -1 => scan.Value(1),
                0 => scan.Null() || scan.Digits(out _),
                1 => scan.Null() || (scan.Digits(out var year) && year <= int.MaxValue),
                _ => scan.Null() || scan.String(out _),
            };
            if (!ok)
            {
                return false;
            }
        }
        while (scan.Take((byte)','));

        return scan.Take((byte)'}');
    }

    /// <summary>The names of an object's fields that are read, and each as it is written before its value: <c>"name":</c>.</summary>
    private sealed class Names(byte[][] plain)
    {
        public byte[][] Plain { get; } = plain;

        public byte[][] Quoted { get; } = [.. plain.Select(n => (byte[])[(byte)'"', .. n, (byte)'"', (byte)':'])];
    }

    private bool TryReadCore(ReadOnlySpan<byte> json, out SchoolEvent mark)
    {
        mark = default;
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        StudentId? student = null;
        CampusId? campus = null;
        EventDay? date = null;
        AttendanceMarkStatus? status = null;
        var seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = Field(ref reader, DocumentNames.Plain);
            if (field == -2 || (field >= 0 && (seen & (1 << field)) != 0))
            {
                // A name the reference would match in another case or spelling, or a field given twice (the
                // reference keeps the last): not plain.
                return false;
            }

            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            seen |= 1 << field;
            switch (field)
            {
                case 0: // id: a string the reference keeps only for messages.
                    if (!IsString(ref reader))
                    {
                        return false;
                    }

                    break;
                case 1:
                    if (!ReadStudentReference(ref reader, out student))
                    {
                        return false;
                    }

                    break;
                case 2:
                    if (!ReadSchoolReference(ref reader, out campus))
                    {
                        return false;
                    }

                    break;
                case 3:
                    if (!SkipSessionReference(ref reader))
                    {
                        return false;
                    }

                    break;
                case 4:
                    if (reader.TokenType != JsonTokenType.String || !ReadDate(ref reader, out date))
                    {
                        return false;
                    }

                    break;
                case 5:
                    if (reader.TokenType != JsonTokenType.String || !ReadCategory(ref reader, out status))
                    {
                        return false;
                    }

                    break;
                default: // eventDuration: a decimal, not read.
                    if (reader.TokenType != JsonTokenType.Null && (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out _)))
                    {
                        return false;
                    }

                    break;
            }
        }

        // Trailing text after the document is the reference's to report.
        if (reader.Read() || student is not { } s || campus is not { } c || date is not { } d || status is not { } st)
        {
            return false;
        }

        mark = new SchoolEvent(s, c, d.Date, st, d.Day);
        return true;
    }

    /// <summary>
    /// The index of the property name in <paramref name="names"/>; -1 for a name the reference ignores too; -2 for an
    /// escaped or non-ASCII name, or one that matches a known name in another case (the reference reads names
    /// ignoring case).
    /// </summary>
    private static int Field(ref Utf8JsonReader reader, byte[][] names)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return -2;
        }

        var name = reader.ValueSpan;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        if (!Ascii.IsValid(name))
        {
            return -2;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(name, names[i]))
            {
                return -2;
            }
        }

        return -1;
    }

    /// <summary>A string (or null) the reference reads into a string it does not use here: valid once transcoded.</summary>
    private static bool IsString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        // The reference transcodes it and fails on invalid UTF-8 or a lone surrogate escape.
        return reader.ValueIsEscaped ? reader.GetString() is not null : Utf8.IsValid(reader.ValueSpan);
    }

    private bool ReadStudentReference(ref Utf8JsonReader reader, out StudentId? student)
    {
        student = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = false;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = Field(ref reader, StudentReferenceNames.Plain);
            if (field == -2 || (field == 0 && seen))
            {
                return false;
            }

            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            seen = true;
            if (reader.TokenType != JsonTokenType.String || !Student(ref reader, out student))
            {
                return false;
            }
        }
    }

    private bool Student(ref Utf8JsonReader reader, out StudentId? student)
    {
        student = null;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxStudentChars)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[MaxStudentChars];
        var chars = buffer[..reader.CopyString(buffer)].Trim();
        if (chars.Length is 0 or > StudentId.MaximumLength)
        {
            return false;
        }

        foreach (var ch in chars)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '-')
            {
                return false;
            }
        }

        return StudentOf(chars, out student);
    }

    private bool StudentOf(ReadOnlySpan<char> chars, out StudentId? student)
    {
        student = null;
#if NET9_0_OR_GREATER
        if (_studentLookup.TryGetValue(chars, out var known))
        {
            student = known;
            return true;
        }

        var text = new string(chars);
#else
        var text = new string(chars);
        if (_students.TryGetValue(text, out var known))
        {
            student = known;
            return true;
        }
#endif
        if (!StudentId.TryParse(text, out var id))
        {
            return false;
        }

        if (_students.Count < MaxStudents)
        {
            _students.Add(text, id);
        }

        student = id;
        return true;
    }

    private bool ReadSchoolReference(ref Utf8JsonReader reader, out CampusId? campus)
    {
        campus = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = false;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = Field(ref reader, SchoolReferenceNames.Plain);
            if (field == -2 || (field == 0 && seen))
            {
                return false;
            }

            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            seen = true;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var schoolId) || !School(schoolId, out campus))
            {
                return false;
            }
        }
    }

    private bool School(long schoolId, out CampusId? campus)
    {
        if (_campuses.TryGetValue(schoolId, out var known))
        {
            campus = known;
            return true;
        }

        // As the reference reads it: nine digits, of a school in schools; anything else is the reference's to report.
        campus = null;
        if (schoolId <= 0 || !CampusId.TryParse(schoolId.ToString("000000000", System.Globalization.CultureInfo.InvariantCulture), out var c) || !_schools.Contains(c))
        {
            return false;
        }

        _campuses[schoolId] = c;
        campus = c;
        return true;
    }

    /// <summary>The session reference is not read, but its fields must be of their types, as the reference checks.</summary>
    private static bool SkipSessionReference(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = Field(ref reader, SessionReferenceNames.Plain);
            if (field == -2 || (field >= 0 && (seen & (1 << field)) != 0))
            {
                return false;
            }

            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            seen |= 1 << field;
            var ok = field switch
            {
                0 => reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _)),
                1 => reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _)),
                _ => IsString(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }
    }

    /// <summary>A date written yyyy-mm-dd (the ODS/API's form), optionally followed by a time after 'T' as the reference reads past it.</summary>
    private bool ReadDate(ref Utf8JsonReader reader, out EventDay? date)
    {
        date = null;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        return DateOf(reader.ValueSpan, out date);
    }

    /// <summary>
    /// A date as <see cref="EdFiValues.Date"/> reads it, with its day number; each date of a month and day (one
    /// school year's dates at once) is kept, so a date seen before costs no calendar arithmetic.
    /// </summary>
    private bool DateOf(ReadOnlySpan<byte> t, out EventDay? date)
    {
        date = null;
        if (t.Length < 10 || (t.Length > 10 && (t[10] != (byte)'T' || !Ascii.IsValid(t[11..]) || t[^1] is (byte)' ' or (byte)'\t')))
        {
            return false;
        }

        if (t[4] != (byte)'-' || t[7] != (byte)'-')
        {
            return false;
        }

        var year = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = t[i] - (byte)'0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            year = (year * 10) + digit;
        }

        var m0 = t[5] - (byte)'0';
        var m1 = t[6] - (byte)'0';
        var d0 = t[8] - (byte)'0';
        var d1 = t[9] - (byte)'0';
        if (m0 is < 0 or > 9 || m1 is < 0 or > 9 || d0 is < 0 or > 9 || d1 is < 0 or > 9)
        {
            return false;
        }

        var month = (m0 * 10) + m1;
        var day = (d0 * 10) + d1;
        var kept = month * 32 + day;
        if ((uint)kept < (uint)_dates.Length && _dates[kept].Year == year && year > 0)
        {
            // Only a valid date is kept, at its month and day, with its year: this one.
            date = _dates[kept].Date;
            return true;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var read = new LocalDate(year, month, day);
        date = new EventDay(read, DayNumber.Of(read));
        _dates[kept] = (year, date.Value);
        return true;
    }

    private bool ReadCategory(ref Utf8JsonReader reader, out AttendanceMarkStatus? status)
    {
        status = null;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        return CategoryOf(reader.ValueSpan, out status);
    }

    private bool CategoryOf(ReadOnlySpan<byte> raw, out AttendanceMarkStatus? status)
    {
        status = null;
        foreach (var (descriptor, known) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_categoryCache))
        {
            if (raw.SequenceEqual(descriptor))
            {
                status = known;
                return true;
            }
        }

        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(raw);
        if (string.IsNullOrWhiteSpace(text) || _categories.Find(text) is not { } found)
        {
            return false;
        }

        if (_categoryCache.Count < MaxCategories)
        {
            _categoryCache.Add((raw.ToArray(), found));
        }

        status = found;
        return true;
    }
}

/// <summary>
/// One piece's reading of a file's events into its own marks: the fast reading, the reference for the rest. A mark the
/// fast reading gives is added by numbers: its student's (the builder's, which costs no look-up for the last student or
/// the one after it), its day's, and its slot's, kept here for each school and status (a school's events share a slot
/// for each status, and a piece names few schools), so that a change of school costs no look-up in the builder's
/// table of slots.
/// </summary>
internal sealed class EventsPiece(SchoolAttendanceEvents events, int capacity) : IJsonDocumentReader
{
    /// <summary>How many school and status pairs keep their slot number; any beyond are looked up in the builder.</summary>
    private const int MaxSlots = 32;

    private readonly (string Campus, AttendanceMarkStatus Status, int Slot)[] _slots = new (string, AttendanceMarkStatus, int)[MaxSlots];
    private int _slotCount;
    private int _lastSlot = -1;

    public SchoolAttendanceEvents Events { get; } = events;

    /// <summary>The piece's marks, in file order.</summary>
    public DailyAttendanceMarks.Builder Marks { get; } = new(capacity);

    public bool TryRead(ReadOnlySpan<byte> json) => Added(Events.TryRead(json, out var e), e);

    public bool TryReadPrintable(ReadOnlySpan<byte> json) => Added(Events.TryReadPrintable(json, out var e), e);

    public bool TryReadAt(ReadOnlySpan<byte> text, out int length) => Added(Events.TryScanShapeAt(text, out var e, out length), e);

    public void Reference(in EdFiDocument document, ProblemLog log)
    {
        if (Events.Reference(document, log) is { } mark)
        {
            Marks.Add(mark);
        }
    }

    /// <summary>Adds the event when the fast reading gave one: <paramref name="read"/>.</summary>
    private bool Added(bool read, in SchoolEvent e)
    {
        if (read)
        {
            Add(e);
        }

        return read;
    }

    private void Add(in SchoolEvent e) => Marks.Add(Marks.StudentNumber(e.Student), e.Day, SlotOf(e.Campus, e.Status));

    /// <summary>The builder's number of the slot of a school event at <paramref name="campus"/> with <paramref name="status"/>.</summary>
    private int SlotOf(CampusId campus, AttendanceMarkStatus status)
    {
        var code = campus.Code;
        if (_lastSlot >= 0 && _slots[_lastSlot] is var (c, st, known) && st == status && string.Equals(c, code, StringComparison.Ordinal))
        {
            return known;
        }

        for (var i = 0; i < _slotCount; i++)
        {
            if (_slots[i].Status == status && string.Equals(_slots[i].Campus, code, StringComparison.Ordinal))
            {
                _lastSlot = i;
                return _slots[i].Slot;
            }
        }

        // A school attendance event is for the whole day: its mark holds any snapshot time.
        var slot = Marks.SlotNumber(campus, LocalTime.Midnight, LocalTime.MaxValue, status, SchoolEvent.ClassPeriod);
        if (_slotCount < MaxSlots)
        {
            _slots[_slotCount] = (code, status, slot);
            _lastSlot = _slotCount++;
        }

        return slot;
    }
}

/// <summary>A date an event names, and its day number (days since 1970-01-01) as the marks hold it.</summary>
internal readonly record struct EventDay(LocalDate Date, int Day);

/// <summary>What the fast reading of a school attendance event gives: the four values its mark needs, and the date's day number.</summary>
internal readonly record struct SchoolEvent(StudentId Student, CampusId Campus, LocalDate Date, AttendanceMarkStatus Status, int Day)
{
    /// <summary>An event of <paramref name="date"/>, with its day number.</summary>
    public SchoolEvent(StudentId student, CampusId campus, LocalDate date, AttendanceMarkStatus status)
        : this(student, campus, date, status, DayNumber.Of(date))
    {
    }

    /// <summary>The class period a school event's mark names: the whole day.</summary>
    public const string ClassPeriod = "day";

    /// <summary>The event's mark, for the whole day: it holds any snapshot time.</summary>
    public DailyAttendanceMark ToMark() => new(Student, Campus, Date, LocalTime.Midnight, LocalTime.MaxValue, Status, ClassPeriod);
}

/// <summary>
/// A scanner of a strict subset of JSON for <see cref="SchoolAttendanceEvents"/>: whitespace, ASCII strings without
/// escapes or control characters, numbers by the JSON grammar, true/false/null, objects and arrays up to a small depth.
/// Every method answers <see langword="false"/> for text outside the subset, valid JSON or not.
/// </summary>
/// <remarks>
/// The whole text is checked once, up front, for a byte outside the subset (<see cref="IsPlain"/>): a backslash, a
/// byte that is not ASCII, a control character other than JSON's whitespace. Past that check a string runs to the
/// next quote, with nothing in it to check (but a tab or line break, looked for only when the text holds one).
/// </remarks>
internal ref struct PlainJson
{
    private const int MaxDepth = 16;

    // Printable ASCII but the backslash: a text of only these has no escape, no control character, no other byte.
    private static readonly System.Buffers.SearchValues<byte> Printable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b != '\\').Select(b => (byte)b)]);

    // The same and JSON's whitespace (tab, line feed, carriage return): a document written over several lines.
    private static readonly System.Buffers.SearchValues<byte> PrintableOrWhitespace = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b != '\\').Select(b => (byte)b), (byte)'\t', (byte)'\n', (byte)'\r']);

    private readonly ReadOnlySpan<byte> _text;

    // The text holds a tab or line break: a string holding one is not plain (JSON forbids it there).
    private readonly bool _controls;
    private int _at;

    public PlainJson(ReadOnlySpan<byte> text)
    {
        _text = text;
        var other = text.IndexOfAnyExcept(Printable);
        _controls = other >= 0;
        IsPlain = other < 0 || text[other..].IndexOfAnyExcept(PrintableOrWhitespace) < 0;
    }

    /// <summary>Whether <paramref name="text"/> is all printable ASCII but the backslash.</summary>
    public static bool IsPrintable(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(Printable) < 0;

    /// <summary>Where <paramref name="text"/> first holds a byte other than printable ASCII but the backslash; -1 if nowhere.</summary>
    public static int IndexOfNotPrintable(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(Printable);

    /// <summary>Whether the whole text is of the subset's bytes; when not, no method should be called.</summary>
    public bool IsPlain { get; }

    /// <summary>How far the scanner has read.</summary>
    public readonly int Position => _at;

    /// <summary>Whether the text holds a tab or a line break (between tokens, as the subset allows).</summary>
    public readonly bool HasControls => _controls;

    /// <summary>Skips whitespace, then takes <paramref name="token"/> if it is next.</summary>
    public bool Take(byte token)
    {
        if ((uint)_at < (uint)_text.Length)
        {
            var b = _text[_at];
            if (b == token)
            {
                _at++;
                return true;
            }

            if (b <= (byte)' ')
            {
                SkipWhitespace();
                if (_at < _text.Length && _text[_at] == token)
                {
                    _at++;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Takes <paramref name="text"/> if it is next, whitespace and all.</summary>
    public bool TakeExactly(ReadOnlySpan<byte> text)
    {
        if (_text[_at..].StartsWith(text))
        {
            _at += text.Length;
            return true;
        }

        return false;
    }

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd()
    {
        SkipWhitespace();
        return _at == _text.Length;
    }

    /// <summary>The rest of a plain string whose opening quote was taken: its content up to the closing quote, which is left.</summary>
    public bool Until(out ReadOnlySpan<byte> value)
    {
        var rest = _text[_at..];
        var length = rest.IndexOf((byte)'"');
        value = length < 0 ? default : rest[..length];
        if (length < 0 || (_controls && value.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0))
        {
            return false;
        }

        _at += length;
        return true;
    }

    /// <summary>A plain string's content.</summary>
    public bool String(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!Take((byte)'"'))
        {
            return false;
        }

        var rest = _text[_at..];
        var length = rest.IndexOf((byte)'"');
        if (length < 0)
        {
            return false;
        }

        value = rest[..length];
        if (_controls && value.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
        {
            return false;
        }

        _at += length + 1;
        return true;
    }

    /// <summary>The literal null.</summary>
    public bool Null()
    {
        SkipWhitespace();
        if (_text[_at..].StartsWith("null"u8))
        {
            _at += 4;
            return true;
        }

        return false;
    }

    /// <summary>A whole number written as digits only, 1 to 18 of them, no leading zero: what a long holds as written.</summary>
    public bool Digits(out long value)
    {
        value = 0;
        SkipWhitespace();
        var start = _at;
        while (_at < _text.Length && char.IsAsciiDigit((char)_text[_at]) && _at - start < 18)
        {
            value = (value * 10) + (_text[_at] - '0');
            _at++;
        }

        // A fraction, an exponent, a leading zero or a longer number is not plain.
        return _at > start && _text[start] != (byte)'0'
            && (_at == _text.Length || _text[_at] is not ((byte)'.' or (byte)'e' or (byte)'E' or (>= (byte)'0' and <= (byte)'9')));
    }

    /// <summary>Any value of the subset, skipped.</summary>
    public bool Value(int depth)
    {
        SkipWhitespace();
        if (_at >= _text.Length || depth > MaxDepth)
        {
            return false;
        }

        switch (_text[_at])
        {
            case (byte)'"':
                return String(out _);
            case (byte)'{':
                _at++;
                if (Take((byte)'}'))
                {
                    return true;
                }

                do
                {
                    if (!String(out _) || !Take((byte)':') || !Value(depth + 1))
                    {
                        return false;
                    }
                }
                while (Take((byte)','));

                return Take((byte)'}');
            case (byte)'[':
                _at++;
                if (Take((byte)']'))
                {
                    return true;
                }

                do
                {
                    if (!Value(depth + 1))
                    {
                        return false;
                    }
                }
                while (Take((byte)','));

                return Take((byte)']');
            case (byte)'t':
                return Literal("true"u8);
            case (byte)'f':
                return Literal("false"u8);
            case (byte)'n':
                return Null();
            default:
                return Number();
        }
    }

    private bool Literal(ReadOnlySpan<byte> literal)
    {
        if (_text[_at..].StartsWith(literal))
        {
            _at += literal.Length;
            return true;
        }

        return false;
    }

    /// <summary>A number by the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private bool Number()
    {
        if (Peek() == (byte)'-')
        {
            _at++;
        }

        if (Peek() == (byte)'0')
        {
            _at++;
        }
        else if (!DigitRun())
        {
            return false;
        }

        if (Peek() == (byte)'.')
        {
            _at++;
            if (!DigitRun())
            {
                return false;
            }
        }

        if (Peek() is (byte)'e' or (byte)'E')
        {
            _at++;
            if (Peek() is (byte)'+' or (byte)'-')
            {
                _at++;
            }

            if (!DigitRun())
            {
                return false;
            }
        }

        return true;
    }

    private bool DigitRun()
    {
        var start = _at;
        while (_at < _text.Length && char.IsAsciiDigit((char)_text[_at]))
        {
            _at++;
        }

        return _at > start;
    }

    private readonly int Peek() => _at < _text.Length ? _text[_at] : -1;

    private void SkipWhitespace()
    {
        while (_at < _text.Length && _text[_at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            _at++;
        }
    }
}
