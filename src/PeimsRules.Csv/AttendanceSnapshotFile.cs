using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PeimsRules.Reconciliation;
using PeimsRules.Rules;

namespace PeimsRules.Csv;

/// <summary>A snapshot read back from its file, with the content hash it was saved with.</summary>
public sealed class SavedAttendanceSnapshot
{
    internal SavedAttendanceSnapshot(AttendanceSnapshot snapshot, string contentHash, string? writtenBy)
    {
        Snapshot = snapshot;
        ContentHash = contentHash;
        WrittenBy = writtenBy;
    }

    /// <summary>The snapshot: records, rules, school year and label, exactly as saved.</summary>
    public AttendanceSnapshot Snapshot { get; }

    /// <summary>The content hash of its records (<see cref="AttendanceSnapshotFile.ContentHash"/>), checked when it was read.</summary>
    public string ContentHash { get; }

    /// <summary>The library and version that wrote the file, as it recorded them; <see langword="null"/> when absent.</summary>
    public string? WrittenBy { get; }

    /// <summary>
    /// Whether <paramref name="records"/> are the snapshot's records: the same content hash. A file whose rows were
    /// only reordered, or whose columns were reordered or renamed by element number, holds the same records; a changed
    /// day count, code or row does not.
    /// </summary>
    public bool HasSameRecordsAs(IEnumerable<BasicReportingPeriodAttendance> records) =>
        string.Equals(ContentHash, AttendanceSnapshotFile.ContentHash(records), StringComparison.Ordinal);
}

/// <summary>
/// Saves a calculator run (<see cref="AttendanceSnapshot"/>: records, rule set, school year, label) as one JSON file,
/// and reads it back exactly, detecting a changed file by a content hash.
/// </summary>
/// <remarks>
/// <para>
/// The file is a JSON object: <c>format</c> (<see cref="FormatName"/>), <c>label</c>, <c>writtenBy</c>,
/// <c>schoolYear</c>, <c>rules</c> (every parameter of <see cref="RuleSet"/>: <c>rounding</c> with <c>decimals</c>
/// and <c>midpoint</c>, <c>countsRemoteDays</c>, <c>appliesCovid19Adjustment</c>, <c>hasEarlyEducationRows</c>,
/// <c>basicAllotment</c>, <c>earlyEducationAllotmentRate</c>), <c>recordCount</c>, <c>contentHash</c>,
/// <c>snapshotHash</c>, and
/// <c>records</c>: the lines of the canonical period-attendance CSV, one string per line, header first, so that the
/// records read in a text editor as they would in the CSV file.
/// </para>
/// <para>
/// The content hash is <c>sha256:</c> and the lowercase hex SHA-256 of the canonical CSV bytes: the layout of
/// <see cref="BasicReportingPeriodAttendanceCsv"/> with its header, rows in <see cref="ReportingPeriodAttendanceKey.CanonicalRecordOrder"/>,
/// UTF-8 without a byte order mark, each line ended by <c>\n</c>. It depends on the records only, not on the order of
/// rows in a file or the spelling of its columns, so it also tells whether a later period-attendance file holds the
/// same records (<see cref="SavedAttendanceSnapshot.HasSameRecordsAs"/>). The snapshot hash covers the rest: the
/// label, the school year, every rule parameter and the content hash. Reading checks both against what is stored,
/// so a snapshot edited after it was saved is refused, whichever part was edited.
/// </para>
/// </remarks>
public static class AttendanceSnapshotFile
{
    /// <summary>The format name written in every snapshot file and required when reading one.</summary>
    public const string FormatName = "PeimsRules.AttendanceSnapshot/1";

    private const string HashPrefix = "sha256:";

    /// <summary>The canonical CSV of <paramref name="records"/>: UTF-8 bytes, header first, rows in canonical order, <c>\n</c> line ends.</summary>
    public static byte[] CanonicalCsv(IEnumerable<BasicReportingPeriodAttendance> records) =>
        Encoding.UTF8.GetBytes(Join(CanonicalLines(records)));

    /// <summary>The content hash of <paramref name="records"/>: <c>sha256:</c> and the hex SHA-256 of <see cref="CanonicalCsv"/>.</summary>
    public static string ContentHash(IEnumerable<BasicReportingPeriodAttendance> records) => HashOf(CanonicalCsv(records));

    /// <summary>Saves <paramref name="snapshot"/> to <paramref name="path"/>, replacing the file; returns its content hash.</summary>
    public static string Save(string path, AttendanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        return Write(stream, snapshot);
    }

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="stream"/> as indented JSON; returns its content hash.</summary>
    public static string Write(Stream stream, AttendanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        var lines = CanonicalLines(snapshot.Records);
        var hash = HashOf(Encoding.UTF8.GetBytes(Join(lines)));
        var rules = snapshot.Rules;
        var options = new JsonWriterOptions { Indented = true };
#if NET9_0_OR_GREATER
        // The same bytes on every platform (net8.0 has no such option and writes the platform's line end).
        options.NewLine = "\n";
#endif
        using var json = new Utf8JsonWriter(stream, options);
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        if (snapshot.Label is null)
        {
            json.WriteNull("label");
        }
        else
        {
            json.WriteString("label", snapshot.Label);
        }

        json.WriteString("writtenBy", WriterName);
        json.WriteNumber("schoolYear", snapshot.SchoolYear.EndYear);
        json.WriteStartObject("rules");
        json.WriteStartObject("rounding");
        json.WriteNumber("decimals", rules.Rounding.Decimals);
        json.WriteString("midpoint", rules.Rounding.Midpoint.ToString());
        json.WriteEndObject();
        json.WriteBoolean("countsRemoteDays", rules.CountsRemoteDays);
        json.WriteBoolean("appliesCovid19Adjustment", rules.AppliesCovid19Adjustment);
        json.WriteBoolean("hasEarlyEducationRows", rules.HasEarlyEducationRows);
        WriteDecimal(json, "basicAllotment", rules.BasicAllotment);
        WriteDecimal(json, "earlyEducationAllotmentRate", rules.EarlyEducationAllotmentRate);
        json.WriteEndObject();
        json.WriteNumber("recordCount", snapshot.Records.Count);
        json.WriteString("contentHash", hash);
        json.WriteString("snapshotHash", SnapshotHash(snapshot.Label, rules, hash));
        json.WriteStartArray("records");
        foreach (var line in lines)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
        return hash;
    }

    /// <summary>Reads the snapshot saved at <paramref name="path"/>.</summary>
    /// <exception cref="PeimsCsvException">The file is not such a snapshot, or it was changed after it was saved.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static SavedAttendanceSnapshot Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = CsvTableReader.OpenFile(path);
        return Read(stream, path);
    }

    /// <summary>The largest snapshot file read, in bytes (1 GiB): a longer input is refused rather than held in memory.</summary>
    public const long MaximumLength = 1L << 30;

    /// <summary>Reads a snapshot from <paramref name="stream"/>.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <exception cref="PeimsCsvException">
    /// The text is not such a snapshot (the problem names the field), or its records do not match its content hash.
    /// </exception>
    public static SavedAttendanceSnapshot Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var bytes = ReadBounded(stream, fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw Problem(fileName, null, null, $"the file is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        try
        {
            using (document)
            {
                return Read(document, fileName);
            }
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses a string of bytes that are not UTF-8 only when it is read.
            throw Problem(fileName, null, null, "the file has text that is not valid UTF-8: a snapshot is written in UTF-8 by AttendanceSnapshotFile; it was changed after it was saved.");
        }
    }

    /// <summary>The stream's bytes, at most <see cref="MaximumLength"/>, refusing at once what cannot start a JSON object.</summary>
    private static ReadOnlyMemory<byte> ReadBounded(Stream stream, string fileName)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81_920];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (memory.Length == 0)
            {
                var first = buffer.AsSpan(0, n).TrimStart(" \t\r\n"u8);
                if (first.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    first = first[3..];
                }

                if (first.Length > 0 && first[0] != (byte)'{')
                {
                    throw Problem(fileName, null, null, $"a snapshot file is a JSON object whose format is {FormatName}; this file does not start with {{.");
                }
            }

            if (memory.Length + n > MaximumLength)
            {
                throw Problem(fileName, null, null, string.Create(CultureInfo.InvariantCulture, $"the file is longer than {MaximumLength:N0} bytes, the most a snapshot may hold."));
            }

            memory.Write(buffer, 0, n);
        }

        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    private static SavedAttendanceSnapshot Read(JsonDocument document, string fileName)
    {
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Problem(fileName, null, null, $"a snapshot file is a JSON object whose format is {FormatName}.");
            }

            var format = String(root, "format", fileName);
            if (format != FormatName)
            {
                throw Problem(fileName, "format", format, $"this reader reads {FormatName}.");
            }

            var label = root.TryGetProperty("label", out var labelElement) && labelElement.ValueKind == JsonValueKind.String ? labelElement.GetString() : null;
            var writtenBy = root.TryGetProperty("writtenBy", out var writer) && writer.ValueKind == JsonValueKind.String ? writer.GetString() : null;
            var yearText = Property(root, "schoolYear", fileName).GetRawText();
            if (!SchoolYear.TryParse(yearText, out var year))
            {
                throw Problem(fileName, "schoolYear", yearText, "the school year is named by the year it ends in, such as 2024.");
            }

            var rules = ReadRules(Property(root, "rules", fileName), year, fileName);
            var storedHash = String(root, "contentHash", fileName);
            var storedSnapshotHash = String(root, "snapshotHash", fileName);
            if (SnapshotHash(label, rules, storedHash) != storedSnapshotHash)
            {
                throw Problem(
                    fileName,
                    "snapshotHash",
                    storedSnapshotHash,
                    "the label, school year or rules do not match the snapshot hash: the snapshot was changed after it was saved.");
            }

            var lines = Lines(Property(root, "records", fileName), fileName);

            var stored = Join(lines);
            var storedLinesHash = HashOf(Encoding.UTF8.GetBytes(stored));
            if (storedLinesHash != storedHash)
            {
                throw Problem(
                    fileName,
                    "contentHash",
                    storedHash,
                    $"the records do not match the content hash (they hash to {storedLinesHash}): the snapshot was changed after it was saved.");
            }

            IReadOnlyList<BasicReportingPeriodAttendance> records;
            using (var reader = new StringReader(stored))
            {
                records = BasicReportingPeriodAttendanceCsv.Read(reader, fileName + " (records)");
            }

            var countText = Property(root, "recordCount", fileName).GetRawText();
            if (countText != records.Count.ToString(CultureInfo.InvariantCulture))
            {
                throw Problem(fileName, "recordCount", countText, $"the snapshot holds {records.Count} records.");
            }

            if (ContentHash(records) != storedHash)
            {
                throw Problem(
                    fileName,
                    "records",
                    null,
                    "the records are not written in the canonical layout and order, so their content hash is not the one stored: write snapshots with AttendanceSnapshotFile.");
            }

            AttendanceSnapshot snapshot;
            try
            {
                snapshot = new AttendanceSnapshot(rules, records, label);
            }
            catch (ArgumentException e)
            {
                throw Problem(fileName, "records", null, e.Message);
            }

            return new SavedAttendanceSnapshot(snapshot, storedHash, writtenBy);
        }
    }

    private static string WriterName
    {
        get
        {
            var assembly = typeof(AttendanceSnapshotFile).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown";
            return $"PeimsRules.Csv {version}";
        }
    }

    private static List<string> CanonicalLines(IEnumerable<BasicReportingPeriodAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sorted = records.ToArray();
        Array.Sort(sorted, ReportingPeriodAttendanceKey.CanonicalRecordOrder);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        BasicReportingPeriodAttendanceCsv.Write(writer, sorted);
        var text = writer.ToString();
        return text.Split('\n', StringSplitOptions.None).SkipLast(1).ToList();
    }

    private static string Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string HashOf(byte[] bytes) =>
        HashPrefix + string.Concat(SHA256.HashData(bytes).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>The hash of everything but the records (whose own hash it includes): the label, the year and every rule parameter.</summary>
    private static string SnapshotHash(string? label, RuleSet rules, string contentHash)
    {
        var text = string.Join(
            "\n",
            FormatName,
            label is null ? "-" : "+" + label,
            rules.SchoolYear.ToString(),
            rules.Rounding.Decimals.ToString(CultureInfo.InvariantCulture),
            rules.Rounding.Midpoint.ToString(),
            rules.CountsRemoteDays ? "true" : "false",
            rules.AppliesCovid19Adjustment ? "true" : "false",
            rules.HasEarlyEducationRows ? "true" : "false",
            rules.BasicAllotment?.ToString(CultureInfo.InvariantCulture) ?? "null",
            rules.EarlyEducationAllotmentRate?.ToString(CultureInfo.InvariantCulture) ?? "null",
            contentHash);
        return HashOf(Encoding.UTF8.GetBytes(text));
    }

    private static void WriteDecimal(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static RuleSet ReadRules(JsonElement rules, SchoolYear year, string fileName)
    {
        if (rules.ValueKind != JsonValueKind.Object)
        {
            throw Problem(fileName, "rules", rules.GetRawText(), "the rules are an object with every parameter of the rule set.");
        }

        var rounding = Property(rules, "rounding", fileName, "rules.");
        var decimalsElement = Property(rounding, "decimals", fileName, "rules.rounding.");
        if (decimalsElement.ValueKind != JsonValueKind.Number || !decimalsElement.TryGetInt32(out var decimals) || decimals is < 0 or > 20)
        {
            throw Problem(fileName, "rules.rounding.decimals", decimalsElement.GetRawText(), "the number of decimals is a whole number from 0 to 20.");
        }

        var midpointText = String(rounding, "midpoint", fileName, "rules.rounding.");
        if (!Enum.TryParse<MidpointRounding>(midpointText, ignoreCase: false, out var midpoint)
            || !Enum.IsDefined(midpoint)
            || !string.Equals(midpoint.ToString(), midpointText, StringComparison.Ordinal))
        {
            throw Problem(fileName, "rules.rounding.midpoint", midpointText, $"the midpoint rule is one of {string.Join(", ", Enum.GetNames<MidpointRounding>())}.");
        }

        return RuleSet.For(year) with
        {
            Rounding = new RoundingRule(decimals, midpoint),
            CountsRemoteDays = Boolean(rules, "countsRemoteDays", fileName),
            AppliesCovid19Adjustment = Boolean(rules, "appliesCovid19Adjustment", fileName),
            HasEarlyEducationRows = Boolean(rules, "hasEarlyEducationRows", fileName),
            BasicAllotment = OptionalDecimal(rules, "basicAllotment", fileName),
            EarlyEducationAllotmentRate = OptionalDecimal(rules, "earlyEducationAllotmentRate", fileName),
        };
    }

    private static List<string> Lines(JsonElement records, string fileName)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw Problem(fileName, "records", null, "the records are an array of CSV lines, header first.");
        }

        var lines = new List<string>();
        foreach (var line in records.EnumerateArray())
        {
            if (line.ValueKind != JsonValueKind.String)
            {
                throw Problem(fileName, $"records[{lines.Count}]", line.GetRawText(), "each record is one CSV line, written as a string.");
            }

            lines.Add(line.GetString()!);
        }

        if (lines.Count == 0)
        {
            throw Problem(fileName, "records", "[]", "the records start with the CSV header line.");
        }

        return lines;
    }

    private static JsonElement Property(JsonElement parent, string name, string fileName, string path = "") =>
        parent.TryGetProperty(name, out var value)
            ? value
            : throw Problem(fileName, path + name, null, "the field is missing.");

    private static string String(JsonElement parent, string name, string fileName, string path = "")
    {
        var value = Property(parent, name, fileName, path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Problem(fileName, path + name, value.GetRawText(), "the field is a string.");
    }

    private static bool Boolean(JsonElement rules, string name, string fileName)
    {
        var value = Property(rules, name, fileName, "rules.");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Problem(fileName, "rules." + name, value.GetRawText(), "the field is true or false."),
        };
    }

    private static decimal? OptionalDecimal(JsonElement rules, string name, string fileName)
    {
        var value = Property(rules, name, fileName, "rules.");
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw Problem(fileName, "rules." + name, value.GetRawText(), "the field is a number, or null when the rule set has no value.");
    }

    private static PeimsCsvException Problem(string fileName, string? field, string? value, string message) =>
        new(new CsvProblem(fileName, 0, field, value is null ? null : CsvTableReader.Shorten(value), message));
}
