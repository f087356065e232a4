using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Text;

namespace PeimsRules.EdFi;

/// <summary>Reading the values of Ed-Fi documents: descriptors, dates, day counts, with a problem for each bad one.</summary>
internal static class EdFiValues
{
    /// <summary>The namespace TEA's descriptors are written with. Readers match the code value after '#' in any namespace.</summary>
    public const string TeaDescriptorNamespace = "uri://tea.texas.gov";

    /// <summary>The namespace of Ed-Fi's default descriptors.</summary>
    public const string EdFiDescriptorNamespace = "uri://ed-fi.org";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    // Ed-Fi's default grade level descriptors (Data Standard 4.0) and TEA's C050 codes for them.
    private static readonly Dictionary<string, string> EdFiGradeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Early Education"] = "EE", ["Infant/toddler"] = "EE", ["Preschool/Prekindergarten"] = "PK", ["Kindergarten"] = "KG",
        ["First grade"] = "01", ["Second grade"] = "02", ["Third grade"] = "03", ["Fourth grade"] = "04", ["Fifth grade"] = "05",
        ["Sixth grade"] = "06", ["Seventh grade"] = "07", ["Eighth grade"] = "08", ["Ninth grade"] = "09", ["Tenth grade"] = "10",
        ["Eleventh grade"] = "11", ["Twelfth grade"] = "12",
    };

    /// <summary>The code value of a descriptor: the text after the last '#' of its URI, or the whole text when it has none.</summary>
    public static string CodeValue(string descriptor)
    {
        var hash = descriptor.LastIndexOf('#');
        return (hash < 0 ? descriptor : descriptor[(hash + 1)..]).Trim();
    }

    /// <summary>A TEA descriptor URI: <c>uri://tea.texas.gov/ReportingPeriodDescriptor#1</c>.</summary>
    public static string Tea(string descriptor, string code) => $"{TeaDescriptorNamespace}/{descriptor}#{code}";

    /// <summary>Deserializes a document, reporting a value of the wrong type with its field; null when the document cannot be read.</summary>
    public static T? Deserialize<T>(in EdFiDocument document, JsonTypeInfo<T> type, ProblemLog log)
        where T : class
    {
        if (document.Problem is { } problem)
        {
            log.Add(problem);
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(document.Utf8Json.Span, type);
            if (value is null)
            {
                log.Add(document, null, null, "null", "a document is a JSON object, not null.", EdFiProblemKind.InvalidValue);
            }

            return value;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            var kind = e.Path is null or "$" && e.LineNumber is not null ? EdFiProblemKind.MalformedJson : EdFiProblemKind.InvalidValue;
            log.Add(document, null, field, field is null ? null : RawValue(document.Utf8Json, field), kind == EdFiProblemKind.MalformedJson
                ? "the document is not valid JSON (or not a JSON object)."
                : "the value is not of the type the model gives this field.", kind);
            return null;
        }
    }

    private static string? RawValue(ReadOnlyMemory<byte> json, string dottedPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var element = doc.RootElement;
            foreach (var part in dottedPath.Split('.'))
            {
                var name = part;
                var bracket = part.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0)
                {
                    name = part[..bracket];
                }

                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }

                if (bracket >= 0 && int.TryParse(part[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                    && element.ValueKind == JsonValueKind.Array && i < element.GetArrayLength())
                {
                    element = element[i];
                }
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8: the problem names the field without its value.
            return null;
        }
    }

    public static bool Required<T>(T? value, in EdFiDocument document, string? id, string field, ProblemLog log)
    {
        if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            log.Add(document, id, field, null, "the field is required and is missing.", EdFiProblemKind.MissingField);
            return false;
        }

        return true;
    }

    public static LocalDate? Date(string? text, in EdFiDocument document, string? id, string field, ProblemLog log, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                log.Add(document, id, field, null, "the field is required and is missing.", EdFiProblemKind.MissingField);
            }

            return null;
        }

        // The ODS/API writes dates as 2024-08-19; some tools add a midnight time, which is read past.
        var t = text.Trim();
        var cut = t.IndexOf('T', StringComparison.Ordinal);
        var result = DatePattern.Parse(cut > 0 ? t[..cut] : t);
        if (!result.Success)
        {
            log.Add(document, id, field, text, "a date is written yyyy-mm-dd, such as 2024-08-19.", EdFiProblemKind.InvalidValue);
            return null;
        }

        return result.Value;
    }

    public static LocalTime? Time(string? text, in EdFiDocument document, string? id, string field, ProblemLog log)
    {
        var result = LocalTimePattern.ExtendedIso.Parse(text?.Trim() ?? string.Empty);
        if (!result.Success)
        {
            log.Add(document, id, field, text, "a time is written hh:mm:ss, such as 09:00:00.", string.IsNullOrWhiteSpace(text) ? EdFiProblemKind.MissingField : EdFiProblemKind.InvalidValue);
            return null;
        }

        return result.Value;
    }

    /// <summary>A day count of the Texas model: 0 to 180 (or <paramref name="minimum"/>), one decimal whose digit is 0 or 5.</summary>
    public static DayCount? Days(decimal? value, in EdFiDocument document, string? id, string field, ProblemLog log, bool required, decimal minimum = 0m)
    {
        if (value is not { } v)
        {
            if (required)
            {
                log.Add(document, id, field, null, "the field is required and is missing.", EdFiProblemKind.MissingField);
                return null;
            }

            return DayCount.Zero;
        }

        if (v < minimum || v > 180m || v * 2 != decimal.Truncate(v * 2))
        {
            log.Add(document, id, field, v.ToString(CultureInfo.InvariantCulture), $"days are {minimum.ToString(CultureInfo.InvariantCulture)} to 180.0, one decimal whose digit is 0 or 5 (TEA business rules 42400-0005/6/7).", EdFiProblemKind.OutOfRange);
            return null;
        }

        return DayCount.FromDays(v);
    }

    /// <summary>NUMBER-DAYS-TAUGHT: a whole number 1 to 180 in the Texas model.</summary>
    public static DayCount? DaysTaught(int? value, in EdFiDocument document, string? id, ProblemLog log)
    {
        if (value is not { } v)
        {
            log.Add(document, id, "numberDaysTaught", null, "the field is required and is missing.", EdFiProblemKind.MissingField);
            return null;
        }

        if (v is < 1 or > 180)
        {
            log.Add(document, id, "numberDaysTaught", v.ToString(CultureInfo.InvariantCulture), "days taught are a whole number, 1 to 180.", EdFiProblemKind.OutOfRange);
            return null;
        }

        return DayCount.FromDays(v);
    }

    public static GradeLevel? Grade(string? descriptor, in EdFiDocument document, string? id, string field, ProblemLog log)
    {
        if (!Required(descriptor, document, id, field, log))
        {
            return null;
        }

        var code = CodeValue(descriptor!);
        if (GradeLevel.TryParse(code, out var grade) || (EdFiGradeNames.TryGetValue(code, out var mapped) && GradeLevel.TryParse(mapped, out grade)))
        {
            return grade;
        }

        log.Add(document, id, field, descriptor, "not a grade level: TEA's C050 codes (EE, PK, KG, 01 to 12) or Ed-Fi's default names (Kindergarten, First grade, ...).", EdFiProblemKind.UnknownDescriptor);
        return null;
    }

    public static ReportingPeriod? Period(string? descriptor, in EdFiDocument document, string? id, ProblemLog log)
    {
        if (!Required(descriptor, document, id, "reportingPeriodDescriptor", log))
        {
            return null;
        }

        if (ReportingPeriod.TryParse(CodeValue(descriptor!), out var period))
        {
            return period;
        }

        log.Add(document, id, "reportingPeriodDescriptor", descriptor, "not a reporting period (C130: 1 to 9).", EdFiProblemKind.UnknownDescriptor);
        return null;
    }

    public static InstructionalTrack? Track(string? calendarCode, in EdFiDocument document, string? id, ProblemLog log)
    {
        if (!Required(calendarCode, document, id, "calendarCode", log))
        {
            return null;
        }

        if (InstructionalTrack.TryParse(calendarCode!.Trim(), out var track))
        {
            return track;
        }

        log.Add(document, id, "calendarCode", calendarCode, "the calendar code of a Texas reporting-period record is the instructional track (E0975), two digits such as 00.", EdFiProblemKind.InvalidValue);
        return null;
    }

    public static CampusId? School(long? schoolId, in EdFiDocument document, string? id, string field, ProblemLog log)
    {
        if (!Required(schoolId, document, id, field, log))
        {
            return null;
        }

        var text = schoolId!.Value.ToString("000000000", CultureInfo.InvariantCulture);
        if (schoolId > 0 && CampusId.TryParse(text, out var campus))
        {
            return campus;
        }

        log.Add(document, id, field, schoolId.Value.ToString(CultureInfo.InvariantCulture), "a Texas school id is the nine-digit campus id (E0266).", EdFiProblemKind.InvalidValue);
        return null;
    }

    public static StudentId? Student(string? uniqueId, in EdFiDocument document, string? id, ProblemLog log)
    {
        if (!Required(uniqueId, document, id, "studentReference.studentUniqueId", log))
        {
            return null;
        }

        if (StudentId.TryParse(uniqueId, out var student))
        {
            return student;
        }

        log.Add(document, id, "studentReference.studentUniqueId", uniqueId, $"a student id is 1 to {StudentId.MaximumLength} letters, digits or hyphens.", EdFiProblemKind.InvalidValue);
        return null;
    }

    /// <summary>A code of a TEA code table, read from the descriptor's code value with <paramref name="parse"/>.</summary>
    public static T? Code<T>(string? descriptor, TryParse<T> parse, in EdFiDocument document, string? id, string field, string allowed, ProblemLog log)
        where T : struct
    {
        if (!Required(descriptor, document, id, field, log))
        {
            return null;
        }

        if (parse(CodeValue(descriptor!), out var value))
        {
            return value;
        }

        log.Add(document, id, field, descriptor, $"not a code of {allowed}.", EdFiProblemKind.UnknownDescriptor);
        return null;
    }

    public delegate bool TryParse<T>(string? text, out T value);

    /// <summary>A day count as the Texas model writes it: one decimal (29.0, 14.5).</summary>
    public static decimal OneDecimal(DayCount count)
    {
        // Tenths with scale 1, so that 29 days is written 29.0 as the model's decimal(4, 1) shows it.
        var tenths = count.HalfDays * 5;
        return new decimal((int)(tenths & 0xFFFFFFFF), (int)(tenths >> 32), 0, false, 1);
    }
}
