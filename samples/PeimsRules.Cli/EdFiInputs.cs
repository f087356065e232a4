using System.CommandLine;
using PeimsRules.Attendance.Daily;
using PeimsRules.Csv;
using PeimsRules.EdFi;

namespace PeimsRules.Cli;

/// <summary>
/// Where the verbs' period records come from besides the CSV layout: an Ed-Fi folder (<c>--edfi DIR</c>), a live Ed-Fi
/// ODS/API (<c>--edfi-api URL</c>, key and secret from EDFI_CLIENT_ID / EDFI_CLIENT_SECRET), or TSDS PEIMS XML
/// (<c>--tsds-xml FILE|DIR</c>, with <c>--school-year</c> when the files do not say it). One helper, so every verb
/// reads them alike.
/// </summary>
internal sealed class EdFiInputs
{
    public Option<DirectoryInfo?> EdFi { get; } = new("--edfi") { Description = "An Ed-Fi folder (one resourceName.json / .jsonl file per resource): the vendor's tx.basicReportingPeriodAttendances with the student associations." };

    public Option<string?> EdFiApi { get; } = new("--edfi-api") { Description = "An Ed-Fi ODS/API address (the root above oauth/token and data/v3); the key and secret are read from EDFI_CLIENT_ID and EDFI_CLIENT_SECRET." };

    public Option<FileSystemInfo?> TsdsXml { get; } = new("--tsds-xml") { Description = "TSDS PEIMS XML of 2019-20 to 2023-24: a file or a folder of .xml files (InterchangeStudentAttendanceExtension with InterchangeStudentExtension)." };

    public Option<int?> SchoolYear { get; } = new("--school-year") { Description = "The school year of --tsds-xml files that do not say it, by the year it ends in (2020 for 2019-20)." };

    /// <summary>The options, to add to a verb.</summary>
    public IEnumerable<Option> All => [EdFi, EdFiApi, TsdsXml, SchoolYear];

    /// <summary>What the command line asked for.</summary>
    public Source From(ParseResult parse) => new(parse.GetValue(EdFi)?.FullName, parse.GetValue(EdFiApi), parse.GetValue(TsdsXml)?.FullName, parse.GetValue(SchoolYear));

    /// <summary>An Ed-Fi or TSDS source of period records; none of them given means the verb's CSV.</summary>
    internal sealed record Source(string? EdFiFolder, string? EdFiApi, string? TsdsXml, int? SchoolYear)
    {
        public bool IsGiven => EdFiFolder is not null || EdFiApi is not null || TsdsXml is not null;

        public string Name => EdFiFolder ?? EdFiApi ?? TsdsXml ?? string.Empty;

        /// <summary>Why the options do not go together, or <see langword="null"/>.</summary>
        public string? Conflict(bool csvGiven)
        {
            var given = new[] { EdFiFolder, EdFiApi, TsdsXml }.Count(s => s is not null) + (csvGiven ? 1 : 0);
            return given > 1 ? "give one source of period records: --input, --edfi, --edfi-api or --tsds-xml." : null;
        }
    }

    /// <summary>The period records of <paramref name="source"/>.</summary>
    /// <exception cref="EdFiDataException">A problem in the data, naming file, document, field and value.</exception>
    /// <exception cref="EdFiApiException">The API refused or failed.</exception>
    public static IReadOnlyList<BasicReportingPeriodAttendance> ReadPeriods(Source source, TextWriter stderr)
    {
        if (source.TsdsXml is { } xml)
        {
            var read = TsdsXmlReader.Read([xml], new TsdsXmlReadOptions { SchoolYear = source.SchoolYear is { } y ? new SchoolYear(y) : null });
            foreach (var (element, count) in read.ElementsNotRead)
            {
                stderr.WriteLine($"note: {count} {element} element(s) are not period records this tool reads and were left out.");
            }

            return read.Records;
        }

        using var api = source.EdFiApi is { } address ? Api(address, stderr) : null;
        IEdFiSource from = api is not null ? api : new EdFiFolderSource(source.EdFiFolder!);
        var records = EdFiPeriodRecords.ReadAsync(from).GetAwaiter().GetResult();
        if (records.SpecialProgramRecords.Count > 0)
        {
            stderr.WriteLine($"note: {records.SpecialProgramRecords.Count} special-programs record(s) read beside the basic records.");
        }

        return records.Records;
    }

    /// <summary>The period records of a path: an Ed-Fi folder, TSDS XML (a .xml file), or the CSV layout.</summary>
    public static IReadOnlyList<BasicReportingPeriodAttendance> ReadPath(string path, TextWriter stderr) =>
        Directory.Exists(path) ? ReadPeriods(new Source(path, null, null, null), stderr)
        : path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? ReadPeriods(new Source(null, null, path, null), stderr)
        : BasicReportingPeriodAttendanceCsv.ReadFile(path);

    /// <summary>The school names of an Ed-Fi folder's schools resource (nameOfInstitution), for a report.</summary>
    public static IReadOnlyDictionary<CampusId, string> SchoolNames(string folder)
    {
        var names = new Dictionary<CampusId, string>();
        var file = Path.Combine(folder, "schools.json");
        if (!File.Exists(file))
        {
            return names;
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file));
        foreach (var school in json.RootElement.EnumerateArray())
        {
            if (school.TryGetProperty("schoolId", out var id) && id.TryGetInt64(out var n)
                && CampusId.TryParse(n.ToString("000000000", System.Globalization.CultureInfo.InvariantCulture), out var campus)
                && school.TryGetProperty("nameOfInstitution", out var name) && name.GetString() is { Length: > 0 } text)
            {
                names[campus] = text;
            }
        }

        return names;
    }

    /// <summary>The daily inputs of an Ed-Fi folder or API, for <c>periods</c>.</summary>
    public static EdFiDailyInputs ReadDaily(Source source, EdFiDailyReadOptions options, TextWriter stderr)
    {
        using var api = source.EdFiApi is { } address ? Api(address, stderr) : null;
        IEdFiSource from = api is not null ? api : new EdFiFolderSource(source.EdFiFolder!);
        return EdFiDailyAttendance.ReadAsync(from, options).GetAwaiter().GetResult();
    }

    /// <summary>Writes build results as Ed-Fi documents to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> WritePeriods(string folder, PeriodAttendanceBuild build) =>
        EdFiPeriodWriter.WriteFolder(folder, build.Records, build.SpecialProgramRecords);

    /// <summary>
    /// Writes the sample district as an Ed-Fi folder: its daily documents (what a district's ODS holds) and the period
    /// records its vendor sent (tx.basicReportingPeriodAttendances, with the reporting errors injected on purpose). The
    /// ODS keeps one document per natural key (a second POST of a key replaces the first), so of two records of one key
    /// the later is written.
    /// </summary>
    public static void WriteSample(Synthetic.SyntheticDistrict district, string folder)
    {
        EdFiDailyWriter.WriteFolder(folder, district.Calendars, district.Enrollments, district.Marks, district.Programs, district.Campuses.ToDictionary(c => c.Campus, c => c.Name));
        var vendor = district.Records.GroupBy(r => r.Key).Select(g => g.Last()).ToList();
        EdFiPeriodWriter.WriteFolder(folder, vendor, null, new EdFiPeriodWriteOptions { IncludeAssociations = false });
    }

    private static EdFiApiSource Api(string address, TextWriter stderr)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new EdFiApiException($"--edfi-api '{address}' is not an address such as https://api.district.org/.", null, null);
        }

        EdFiApiOptions options;
        try
        {
            options = EdFiApiOptions.FromEnvironment(uri);
        }
        catch (InvalidOperationException e)
        {
            throw new EdFiApiException(e.Message, null, null, e);
        }
        catch (ArgumentException e)
        {
            throw new EdFiApiException(e.Message, null, null, e);
        }

        return new EdFiApiSource(new EdFiApiOptions(options.BaseAddress, Environment.GetEnvironmentVariable(EdFiApiOptions.ClientIdVariable)!, Environment.GetEnvironmentVariable(EdFiApiOptions.ClientSecretVariable)!)
        {
            Progress = p => stderr.WriteLine(p.Total is { } t ? $"edfi: {p.Resource}: {p.Fetched:N0} of {t:N0}" : $"edfi: {p.Resource}: {p.Fetched:N0}"),
        });
    }
}
