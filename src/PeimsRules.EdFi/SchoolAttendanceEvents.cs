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

    private static readonly byte[][] DocumentNames = [IdName, StudentReferenceName, SchoolReferenceName, SessionReferenceName, EventDateName, CategoryName, EventDurationName];
    private static readonly byte[][] StudentReferenceNames = [StudentUniqueIdName];
    private static readonly byte[][] SchoolReferenceNames = [SchoolIdName];
    private static readonly byte[][] SessionReferenceNames = [SchoolIdName, SchoolYearName, SessionNameName];

    private readonly HashSet<CampusId> _schools;
    private readonly AttendanceCategoryMap _categories;
    private readonly Dictionary<string, StudentId> _students = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, StudentId>.AlternateLookup<ReadOnlySpan<char>> _studentLookup;
#endif
    private readonly Dictionary<long, CampusId> _campuses = [];
    private readonly List<(byte[] Descriptor, AttendanceMarkStatus Status)> _categoryCache = [];

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
    /// Reads every <c>studentSchoolAttendanceEvents</c> document of <paramref name="source"/> into <paramref name="marks"/>,
    /// in the source's order, counting the documents in <paramref name="counts"/> and logging every problem in order. A
    /// JSON-lines file of a folder is read in large buffers, in up to <paramref name="maxParallel"/> pieces at once (each
    /// a run of whole lines, at least <paramref name="minPiece"/> bytes); anything else document by document from the source.
    /// </summary>
    public static async Task ReadAsync(
        IEdFiSource source,
        HashSet<CampusId> schools,
        AttendanceCategoryMap categories,
        ProblemLog log,
        Dictionary<string, long> counts,
        List<DailyAttendanceMark> marks,
        int maxParallel,
        CancellationToken cancellationToken,
        long minPiece = JsonLinesFile.MinPiece)
    {
        var resource = EdFiResource.StudentSchoolAttendanceEvents;
        counts.TryAdd(resource.Name, 0);
        if (source is EdFiFolderSource folder && folder.FileOf(resource) is { } path && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var read = await JsonLinesFile.ReadAsync(path, resource, log, maxParallel, () => new LineReader(new SchoolAttendanceEvents(schools, categories)), marks, cancellationToken, minPiece).ConfigureAwait(false);
            counts[resource.Name] += read;
            return;
        }

        var events = new SchoolAttendanceEvents(schools, categories);
        await foreach (var document in source.ReadAsync(resource, required: false, cancellationToken).ConfigureAwait(false))
        {
            counts[resource.Name]++;
            if (events.Read(document, log) is { } mark)
            {
                marks.Add(mark);
            }
        }
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
            // A school attendance event is for the whole day: its mark holds any snapshot time.
            return Mark(s, c, d, st);
        }

        return null;
    }

    /// <summary>The fast reading of a document, or the reference's when the document is not plain.</summary>
    public DailyAttendanceMark? Read(in EdFiDocument document, ProblemLog log) =>
        document.Problem is null && TryRead(document.Utf8Json.Span, out var mark) ? mark : Reference(document, log);

    /// <summary>
    /// Reads a plain, valid document straight from its bytes. <see langword="false"/> means "not sure": the caller hands
    /// the document to <see cref="Reference"/>, which reads it (it may still be valid) or reports its problems.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> json, out DailyAttendanceMark mark)
    {
        mark = default;
        try
        {
            return TryReadCore(json, out mark);
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

    private static DailyAttendanceMark Mark(StudentId student, CampusId campus, LocalDate date, AttendanceMarkStatus status) =>
        new(student, campus, date, LocalTime.Midnight, LocalTime.MaxValue, status, "day");

    private bool TryReadCore(ReadOnlySpan<byte> json, out DailyAttendanceMark mark)
    {
        mark = default;
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        StudentId? student = null;
        CampusId? campus = null;
        LocalDate? date = null;
        AttendanceMarkStatus? status = null;
        var seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = Field(ref reader, DocumentNames);
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

        mark = Mark(s, c, d, st);
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

            var field = Field(ref reader, StudentReferenceNames);
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

            var field = Field(ref reader, SchoolReferenceNames);
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

            var field = Field(ref reader, SessionReferenceNames);
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
    private static bool ReadDate(ref Utf8JsonReader reader, out LocalDate? date)
    {
        date = null;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        var t = reader.ValueSpan;
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
            if ((uint)digit > 9)
            {
                return false;
            }

            year = (year * 10) + digit;
        }

        var m0 = t[5] - (byte)'0';
        var m1 = t[6] - (byte)'0';
        var d0 = t[8] - (byte)'0';
        var d1 = t[9] - (byte)'0';
        if ((uint)m0 > 9 || (uint)m1 > 9 || (uint)d0 > 9 || (uint)d1 > 9)
        {
            return false;
        }

        var month = (m0 * 10) + m1;
        var day = (d0 * 10) + d1;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    private bool ReadCategory(ref Utf8JsonReader reader, out AttendanceMarkStatus? status)
    {
        status = null;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        var raw = reader.ValueSpan;
        foreach (var (descriptor, known) in _categoryCache)
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

/// <summary>One piece's reading of JSON lines into marks: the fast reading, the reference for the rest.</summary>
internal sealed class LineReader(SchoolAttendanceEvents events) : IJsonLineReader<DailyAttendanceMark>
{
    public SchoolAttendanceEvents Events { get; } = events;

    public bool TryRead(ReadOnlySpan<byte> line, out DailyAttendanceMark value) => Events.TryRead(line, out value);

    public DailyAttendanceMark? Reference(in EdFiDocument document, ProblemLog log) => Events.Reference(document, log);
}
