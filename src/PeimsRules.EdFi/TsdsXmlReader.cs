using System.Collections.ObjectModel;
using System.Globalization;
using System.Xml;
using PeimsRules.Rules;

namespace PeimsRules.EdFi;

/// <summary>The choices of <see cref="TsdsXmlReader.Read"/>, each with its default.</summary>
public sealed record TsdsXmlReadOptions
{
    /// <summary>The school year of the files.</summary>
    /// <value>Defaults to <see langword="null"/>: taken from a <c>TX-SchoolYear</c> (or <c>SchoolYear</c>) element when the files have one.</value>
    public SchoolYear? SchoolYear { get; init; }

    /// <summary>Stop at the first problem, or read on and list every problem.</summary>
    /// <value>Defaults to <see cref="EdFiErrorMode.StopAtFirst"/>.</value>
    public EdFiErrorMode ErrorMode { get; init; } = EdFiErrorMode.StopAtFirst;
}

/// <summary>What <see cref="TsdsXmlReader.Read"/> returns.</summary>
public sealed class TsdsXmlRead
{
    internal TsdsXmlRead(SchoolYear? year, IReadOnlyList<BasicReportingPeriodAttendance> records, IReadOnlyList<EdFiProblem> problems, IReadOnlyDictionary<string, long> notRead)
    {
        SchoolYear = year;
        Records = records;
        Problems = problems;
        ElementsNotRead = notRead;
    }

    /// <summary>The school year read, or <see langword="null"/> when it could not be found.</summary>
    public SchoolYear? SchoolYear { get; }

    /// <summary>The 42400 records of the elements that had no problem, in file order.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; }

    /// <summary>Every problem, naming file, line, element and value.</summary>
    public IReadOnlyList<EdFiProblem> Problems { get; }

    /// <summary>
    /// Record elements of the interchanges that this reader does not turn into records (the special-programs and other
    /// program reporting-period types), by element name and count: listed so that none goes unnoticed.
    /// </summary>
    public IReadOnlyDictionary<string, long> ElementsNotRead { get; }
}

/// <summary>
/// Reads the TSDS PEIMS XML that districts submitted from 2019-20 to 2023-24: the Summer
/// <c>InterchangeStudentAttendanceExtension</c> (42400 <c>BasicReportingPeriodAttendanceExtension</c>) with
/// <c>InterchangeStudentExtension</c> (40100 <c>StudentExtension</c>: E0785, E0790), streaming, element by element.
/// </summary>
/// <remarks>
/// <para>Elements are matched by local name in the namespace <c>http://www.tea.state.tx.us/tsds</c> or in none. What is
/// inferred rather than read in TEA's schema is accepted in each plausible form, and named here:</para>
/// <list type="bullet">
/// <item><description>The root element is not checked (<c>InterchangeStudentAttendanceExtension</c>, <c>TEXASInterchange...</c>, or a
/// wrapper): the record elements are found wherever they are.</description></item>
/// <item><description>A basic record is a <c>BasicReportingPeriodAttendanceExtension</c> or <c>BasicReportingPeriodAttendance</c>
/// element; a student a <c>StudentExtension</c> or <c>Student</c> element. The student id is the
/// <c>StudentUniqueStateId</c> (E1523) inside the record, at any depth (<c>StudentReference/StudentIdentity</c>).</description></item>
/// <item><description>E0785 is <c>TX-EconomicDisadvantageCode</c> or <c>TX-EconomicDisadvantaged</c>; E0790 is
/// <c>TX-EmergentBilingualIndicatorCode</c>, <c>TX-EmergentBilingualIndicator</c> or, before the rename,
/// <c>TX-LEPIndicatorCode</c>. The remote days are <c>TX-RSTotalEligibleDaysPresent</c> and <c>TX-RATotalEligibleDaysPresent</c>.
/// Days taught are written as a whole number or with one decimal.</description></item>
/// <item><description>The attendance event indicator (E1085) is read past: two records that differ only by it are refused as one
/// key twice. The special-programs and other program types are not read; <see cref="TsdsXmlRead.ElementsNotRead"/> counts them.</description></item>
/// </list>
/// </remarks>
[TeaSource("TEA TWEDS 2020.2.1: 42400 BasicReportingPeriodAttendanceExtension, 40100 StudentExtension (InterchangeStudentAttendanceExtension, InterchangeStudentExtension)")]
public static class TsdsXmlReader
{
    /// <summary>The TSDS namespace of the interchanges.</summary>
    public const string Namespace = "http://www.tea.state.tx.us/tsds";

    private static readonly string[] BasicNames = ["BasicReportingPeriodAttendanceExtension", "BasicReportingPeriodAttendance"];
    private static readonly string[] StudentNames = ["StudentExtension", "Student"];
    private static readonly string[] EconomicNames = ["TX-EconomicDisadvantageCode", "TX-EconomicDisadvantaged", "TX-EconomicDisadvantage"];
    private static readonly string[] BilingualNames = ["TX-EmergentBilingualIndicatorCode", "TX-EmergentBilingualIndicator", "TX-LEPIndicatorCode"];

    /// <summary>Reads <paramref name="paths"/>: XML files, or folders whose <c>.xml</c> files are read in name order.</summary>
    /// <exception cref="EdFiDataException">In <see cref="EdFiErrorMode.StopAtFirst"/> mode, at the first problem.</exception>
    public static TsdsXmlRead Read(IEnumerable<string> paths, TsdsXmlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new TsdsXmlReadOptions();
        var log = new ProblemLog(options.ErrorMode);
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.xml").Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();

        // Pass 1: the students' E0785 and E0790, and a school year if the files carry one.
        var students = new Dictionary<StudentId, StudentFundingAttributes>();
        var years = new SortedSet<int>();
        foreach (var file in files)
        {
            foreach (var (fields, line) in Elements(file, StudentNames, log))
            {
                var where = new EdFiDocument(EdFiResource.Schools, Path.GetFileName(file), $"line {line}", default);
                Year(fields, years);
                if (!fields.TryGetValue("StudentUniqueStateId", out var id) || !StudentId.TryParse(id, out var student))
                {
                    log.Add(where, null, "StudentUniqueStateId", id, "a student element needs its TX-UNIQUE-STUDENT-ID (E1523).", id is null ? EdFiProblemKind.MissingField : EdFiProblemKind.InvalidValue);
                    continue;
                }

                var economic = Code<EconomicDisadvantage>(fields, EconomicNames, EconomicDisadvantage.TryParse, where, $"student {student}", "E0785 (C054: 00, 01, 02, 99)", log);
                var bilingual = Code<EmergentBilingual>(fields, BilingualNames, EmergentBilingual.TryParse, where, $"student {student}", "E0790 (C061: 0, 1, F, S, 3, 4, 5)", log);
                if (economic is { } e && bilingual is { } b)
                {
                    students[student] = new StudentFundingAttributes(e, b);
                }
            }
        }

        // Pass 2: the 42400 records, made as they are read (working memory is one element, whatever the size of the
        // files). Problems keep the order of a reading that first walks every file and then makes the records: the XML
        // problems, then (when the year is not given) the year's, then the records', in file order.
        var notRead = new Dictionary<string, long>(StringComparer.Ordinal);
        SchoolYear? year = options.SchoolYear;
        var walked = false;
        if (year is null)
        {
            // The year is read from the files, and a second year anywhere refuses them all: a first walk finds it.
            foreach (var file in files)
            {
                foreach (var (fields, _) in Elements(file, BasicNames, log, notRead))
                {
                    Year(fields, years);
                }
            }

            walked = true;
            if (years.Count == 1 && years.Min is >= SchoolYear.MinimumEndYear and <= SchoolYear.MaximumEndYear)
            {
                year = new SchoolYear(years.Min);
            }
        }

        if (year is not { } schoolYear)
        {
            log.Add(new EdFiProblem(string.Join(", ", files.Select(Path.GetFileName)), null, null, "TX-SchoolYear", years.Count == 0 ? null : string.Join(", ", years),
                years.Count == 0 ? "the files do not say their school year: give it." : "the files hold more than one school year: give the one to read.", EdFiProblemKind.MissingField));
            return new TsdsXmlRead(null, [], log.Problems, notRead);
        }

        var records = new List<BasicReportingPeriodAttendance>();
        var keys = new Dictionary<ReportingPeriodAttendanceKey, (string Source, int Line)>();

        // The records' problems come after every XML problem; a first walk has logged those already.
        var recordProblems = new ProblemLog(EdFiErrorMode.CollectAll);
        var xmlProblems = walked ? new ProblemLog(EdFiErrorMode.CollectAll) : log;
        foreach (var file in files)
        {
            var source = Path.GetFileName(file);
            foreach (var (fields, line) in Elements(file, BasicNames, xmlProblems, walked ? null : notRead))
            {
                // Stopping at the first problem: once a record has one, the rest are walked only for an XML problem,
                // which comes first.
                if (log.Mode != EdFiErrorMode.StopAtFirst || recordProblems.Count == 0)
                {
                    Record(fields, new EdFiDocument(EdFiResource.BasicReportingPeriodAttendances, source, $"line {line}", default), line, schoolYear, students, keys, records, recordProblems);
                }
            }
        }

        foreach (var problem in recordProblems.Problems)
        {
            log.Add(problem);
        }

        return new TsdsXmlRead(schoolYear, records.AsReadOnly(), log.Problems, new ReadOnlyDictionary<string, long>(notRead));
    }

    private static void Record(
        Dictionary<string, string> fields,
        in EdFiDocument where,
        int line,
        SchoolYear schoolYear,
        Dictionary<StudentId, StudentFundingAttributes> students,
        Dictionary<ReportingPeriodAttendanceKey, (string Source, int Line)> keys,
        List<BasicReportingPeriodAttendance> records,
        ProblemLog log)
    {
        var before = log.Count;
        var student = Parse<StudentId>(fields, "StudentUniqueStateId", StudentId.TryParse, where, null, "a student id (E1523)", log);
        var campus = Parse<CampusId>(fields, "TX-CampusIdOfEnrollment", CampusId.TryParse, where, null, "a nine-digit campus id (E0782)", log);
        var grade = Parse<GradeLevel>(fields, "TX-GradeLevel", GradeLevel.TryParse, where, null, "a grade level (E0017, C050)", log);
        var track = Parse<InstructionalTrack>(fields, "TX-InstructionalTrack", InstructionalTrack.TryParse, where, null, "a two-digit track (E0975)", log);
        var period = Parse<ReportingPeriod>(fields, "TX-ReportingPeriod", ReportingPeriod.TryParse, where, null, "a reporting period (E0934, C130: 1 to 9)", log);
        var key = student is { } s && campus is { } c && grade is { } g && track is { } t && period is { } p ? new ReportingPeriodAttendanceKey(c, s, g, t, p) : (ReportingPeriodAttendanceKey?)null;
        var taught = Days(fields, "TX-NumberDaysTaught", where, key, required: true, log);
        var absent = Days(fields, "TX-TotalDaysAbsent", where, key, required: true, log);
        var ineligible = Days(fields, "TX-TotalIneligibleDaysPresent", where, key, required: true, log);
        var eligible = Days(fields, "TX-TotalEligibleDaysPresent", where, key, required: true, log);
        var rs = Days(fields, "TX-RSTotalEligibleDaysPresent", where, key, required: false, log);
        var ra = Days(fields, "TX-RATotalEligibleDaysPresent", where, key, required: false, log);
        if (log.Count > before || key is not { } k)
        {
            return;
        }

        if (keys.TryGetValue(k, out var first))
        {
            log.Add(where, k.ToString(), null, null, $"a second record for this key; the first is {first.Source}, line {first.Line} (TEA business rule 42400-000A; the attendance event indicator E1085 is not part of the key read here).", EdFiProblemKind.DuplicateKey);
            return;
        }

        try
        {
            var attributes = students.TryGetValue(k.Student, out var a) ? a : new StudentFundingAttributes(EconomicDisadvantage.NotDisadvantaged, EmergentBilingual.NotEmergentBilingual);
            records.Add(new BasicReportingPeriodAttendance(schoolYear, k, taught!.Value, eligible!.Value, ineligible!.Value, absent!.Value, attributes, rs!.Value, ra!.Value));
            keys.Add(k, (where.Source, line));
        }
        catch (ArgumentException e)
        {
            log.Add(where, k.ToString(), null, null, e.Message, EdFiProblemKind.InconsistentDocument);
        }
    }

    private static void Year(Dictionary<string, string> fields, SortedSet<int> years)
    {
        foreach (var name in new[] { "TX-SchoolYear", "SchoolYear" })
        {
            if (fields.TryGetValue(name, out var text) && SchoolYear.TryParse(text, out var y))
            {
                years.Add(y.EndYear);
            }
        }
    }

    private static T? Parse<T>(Dictionary<string, string> fields, string name, EdFiValues.TryParse<T> parse, in EdFiDocument where, string? id, string allowed, ProblemLog log)
        where T : struct
    {
        if (!fields.TryGetValue(name, out var text))
        {
            log.Add(where, id, name, null, "the element is required and is missing.", EdFiProblemKind.MissingField);
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        log.Add(where, id, name, text, $"not {allowed}.", EdFiProblemKind.InvalidValue);
        return null;
    }

    private static T? Code<T>(Dictionary<string, string> fields, string[] names, EdFiValues.TryParse<T> parse, in EdFiDocument where, string id, string allowed, ProblemLog log)
        where T : struct
    {
        var name = names.FirstOrDefault(fields.ContainsKey);
        if (name is null)
        {
            log.Add(where, id, names[0], null, $"the element is required and is missing ({allowed}).", EdFiProblemKind.MissingField);
            return null;
        }

        var text = EdFiValues.CodeValue(fields[name]);
        if (parse(text, out var value))
        {
            return value;
        }

        log.Add(where, id, name, fields[name], $"not a code of {allowed}.", EdFiProblemKind.UnknownDescriptor);
        return null;
    }

    // The record's key is written out only for a problem: most records have none.
    private static DayCount? Days(Dictionary<string, string> fields, string name, in EdFiDocument where, ReportingPeriodAttendanceKey? key, bool required, ProblemLog log)
    {
        if (!fields.TryGetValue(name, out var text))
        {
            if (required)
            {
                log.Add(where, key?.ToString(), name, null, "the element is required and is missing.", EdFiProblemKind.MissingField);
                return null;
            }

            return DayCount.Zero;
        }

        if (!DayCount.TryParse(text, out var days) || days.HalfDays > 360)
        {
            log.Add(where, key?.ToString(), name, text, "days are 0.0 to 180.0, one decimal whose digit is 0 or 5 (TEA business rules 42400-0005/6/7).", EdFiProblemKind.OutOfRange);
            return null;
        }

        return days;
    }

    /// <summary>
    /// The elements named <paramref name="names"/>, each as its descendants' text by local name, with its line. The
    /// dictionary is the same one each time, refilled: read it before asking for the next element.
    /// </summary>
    private static IEnumerable<(Dictionary<string, string> Fields, int Line)> Elements(string file, string[] names, ProblemLog log, Dictionary<string, long>? notRead = null)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        XmlReader reader;
        try
        {
            reader = XmlReader.Create(file, settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Add(new EdFiProblem(file, null, null, null, null, e.Message, EdFiProblemKind.MalformedJson));
            yield break;
        }

        using (reader)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var positioned = false;
            while (true)
            {
                (Dictionary<string, string>, int)? found = null;
                string? error = null;
                var line = 0;
                try
                {
                    // After a Skip the reader already stands on the next node.
                    if (!positioned && !reader.Read())
                    {
                        break;
                    }

                    positioned = false;
                    if (reader.EOF)
                    {
                        break;
                    }

                    line = ((IXmlLineInfo)reader).LineNumber;
                    if (reader.NodeType == XmlNodeType.Element && (reader.NamespaceURI.Length == 0 || reader.NamespaceURI == Namespace))
                    {
                        if (names.Contains(reader.LocalName, StringComparer.Ordinal))
                        {
                            found = (ReadFields(reader, fields), line);
                        }
                        else if (notRead is not null && reader.LocalName.EndsWith("ReportingPeriodAttendanceExtension", StringComparison.Ordinal))
                        {
                            notRead[reader.LocalName] = notRead.GetValueOrDefault(reader.LocalName) + 1;
                            reader.Skip();
                            positioned = true;
                        }
                    }
                }
                catch (XmlException e)
                {
                    error = e.Message;
                    line = e.LineNumber;
                }

                if (error is not null)
                {
                    log.Add(new EdFiProblem(Path.GetFileName(file), $"line {line}", null, null, null, $"not well-formed XML: {error} The rest of the file was not read.", EdFiProblemKind.MalformedJson));
                    yield break;
                }

                if (found is { } f)
                {
                    yield return f;
                }
            }
        }
    }

    private static Dictionary<string, string> ReadFields(XmlReader reader, Dictionary<string, string> fields)
    {
        fields.Clear();
        if (reader.IsEmptyElement)
        {
            return fields;
        }

        var depth = reader.Depth;
        string? current = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                current = reader.LocalName;
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && current is not null)
            {
                fields.TryAdd(current, reader.Value.Trim());
            }
        }

        return fields;
    }
}
