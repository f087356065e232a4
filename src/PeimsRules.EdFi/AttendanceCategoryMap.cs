using System.Collections.ObjectModel;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.EdFi;

/// <summary>
/// What each Ed-Fi attendance event category (<c>attendanceEventCategoryDescriptor</c>) counts as: present, absent,
/// or present for funding. Ed-Fi's default values have built-in meanings; a district overrides them or adds its own
/// with a CSV file of columns <c>Descriptor,Counts</c>. A category the map does not hold is an error, never a guess.
/// </summary>
/// <remarks>
/// <para>Built in: <c>Present</c>, <c>In Attendance</c>, <c>Tardy</c> and <c>Early departure</c> count present;
/// <c>Excused Absence</c> and <c>Unexcused Absence</c> count absent. A tardy or early-departing student was at school at
/// some time of the day; whether at the snapshot time is the district's to say (override them to <c>absent</c> if not).</para>
/// <para>A descriptor is matched as its full URI first (<c>uri://district.org/AttendanceEventCategoryDescriptor#SSA</c>), then
/// by its code value after <c>#</c>, ignoring case. <c>Counts</c> is one of <c>present</c>, <c>absent</c>,
/// <c>present-for-funding</c>.</para>
/// </remarks>
public sealed class AttendanceCategoryMap
{
    private readonly Dictionary<string, AttendanceMarkStatus> _byUri;
    private readonly Dictionary<string, AttendanceMarkStatus> _byCode;

    private AttendanceCategoryMap(Dictionary<string, AttendanceMarkStatus> byUri, Dictionary<string, AttendanceMarkStatus> byCode)
    {
        _byUri = byUri;
        _byCode = byCode;
    }

    /// <summary>Ed-Fi's default categories with their built-in meanings.</summary>
    public static AttendanceCategoryMap Default { get; } = new(
        new Dictionary<string, AttendanceMarkStatus>(StringComparer.Ordinal),
        new Dictionary<string, AttendanceMarkStatus>(StringComparer.OrdinalIgnoreCase)
        {
            ["Present"] = AttendanceMarkStatus.Present,
            ["In Attendance"] = AttendanceMarkStatus.Present,
            ["Tardy"] = AttendanceMarkStatus.Present,
            ["Early departure"] = AttendanceMarkStatus.Present,
            ["Excused Absence"] = AttendanceMarkStatus.Absent,
            ["Unexcused Absence"] = AttendanceMarkStatus.Absent,
        });

    /// <summary>The categories by code value, as words (<c>Tardy: present</c>), for a summary.</summary>
    public IReadOnlyDictionary<string, AttendanceMarkStatus> ByCodeValue => new ReadOnlyDictionary<string, AttendanceMarkStatus>(_byCode);

    /// <summary>The categories given by full URI.</summary>
    public IReadOnlyDictionary<string, AttendanceMarkStatus> ByUri => new ReadOnlyDictionary<string, AttendanceMarkStatus>(_byUri);

    /// <summary>What <paramref name="descriptor"/> counts as, or <see langword="null"/> when the map does not hold it.</summary>
    public AttendanceMarkStatus? Find(string descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var d = descriptor.Trim();
        if (_byUri.TryGetValue(d, out var status) || _byCode.TryGetValue(EdFiValues.CodeValue(d), out status))
        {
            return status;
        }

        return null;
    }

    /// <summary>This map with the rows of a <c>Descriptor,Counts</c> CSV file laid over it.</summary>
    /// <exception cref="EdFiDataException">A row is not a descriptor and one of the three counts; every bad row is listed.</exception>
    public AttendanceCategoryMap WithFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return With(reader, Path.GetFileName(path));
    }

    /// <summary>This map with the rows of a <c>Descriptor,Counts</c> CSV text laid over it.</summary>
    /// <exception cref="EdFiDataException">A row is not a descriptor and one of the three counts; every bad row is listed.</exception>
    public AttendanceCategoryMap With(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var byUri = new Dictionary<string, AttendanceMarkStatus>(_byUri, StringComparer.Ordinal);
        var byCode = new Dictionary<string, AttendanceMarkStatus>(_byCode, StringComparer.OrdinalIgnoreCase);
        var problems = new List<EdFiProblem>();
        var line = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var fields = SplitCsv(text);
            if (line == 1)
            {
                if (fields.Count != 2 || !fields[0].Equals("Descriptor", StringComparison.OrdinalIgnoreCase) || !fields[1].Equals("Counts", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new EdFiProblem(fileName, "line 1", null, null, text, "the header is Descriptor,Counts.", EdFiProblemKind.MissingField));
                    break;
                }

                continue;
            }

            if (fields.Count != 2 || fields[0].Length == 0)
            {
                problems.Add(new EdFiProblem(fileName, $"line {line}", null, null, text, "each row is a descriptor and what it counts as: Descriptor,Counts.", EdFiProblemKind.InvalidValue));
                continue;
            }

            AttendanceMarkStatus? counts = fields[1].ToLowerInvariant() switch
            {
                "present" => AttendanceMarkStatus.Present,
                "absent" => AttendanceMarkStatus.Absent,
                "present-for-funding" => AttendanceMarkStatus.PresentForFunding,
                _ => null,
            };
            if (counts is not { } c)
            {
                problems.Add(new EdFiProblem(fileName, $"line {line}", null, "Counts", fields[1], "Counts is present, absent or present-for-funding.", EdFiProblemKind.InvalidValue));
                continue;
            }

            if (!seen.Add(fields[0]))
            {
                problems.Add(new EdFiProblem(fileName, $"line {line}", null, "Descriptor", fields[0], "the descriptor is listed twice.", EdFiProblemKind.DuplicateKey));
                continue;
            }

            if (fields[0].Contains('#', StringComparison.Ordinal))
            {
                byUri[fields[0]] = c;
            }
            else
            {
                byCode[fields[0]] = c;
            }
        }

        if (problems.Count > 0)
        {
            throw new EdFiDataException(problems);
        }

        return new AttendanceCategoryMap(byUri, byCode);
    }

    private static List<string> SplitCsv(string text)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
