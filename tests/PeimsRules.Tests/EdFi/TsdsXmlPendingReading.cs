using System.Collections.ObjectModel;
using System.Globalization;
using System.Xml;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// The TSDS XML reading as it was before it streamed, kept as the oracle of <see cref="TsdsXmlReaderProperties"/>: every
/// basic record element is read into a dictionary of its fields and held until the school year is known, then the
/// records are made. The streaming reading must give the same records, problems (in order), year and counts.
/// </summary>
internal static class TsdsXmlPendingReading
{
    private const string Namespace = TsdsXmlReader.Namespace;

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

        // Pass 2: the 42400 records.
        var records = new List<BasicReportingPeriodAttendance>();
        var keys = new Dictionary<ReportingPeriodAttendanceKey, string>();
        var notRead = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new List<(Dictionary<string, string> Fields, EdFiDocument Where)>();
        foreach (var file in files)
        {
            foreach (var (fields, line) in Elements(file, BasicNames, log, notRead))
            {
                Year(fields, years);
                pending.Add((fields, new EdFiDocument(EdFiResource.BasicReportingPeriodAttendances, Path.GetFileName(file), $"line {line}", default)));
            }
        }

        SchoolYear? year = options.SchoolYear;
        if (year is null && years.Count == 1 && years.Min is >= SchoolYear.MinimumEndYear and <= SchoolYear.MaximumEndYear)
        {
            year = new SchoolYear(years.Min);
        }

        if (year is not { } schoolYear)
        {
            log.Add(new EdFiProblem(string.Join(", ", files.Select(Path.GetFileName)), null, null, "TX-SchoolYear", years.Count == 0 ? null : string.Join(", ", years),
                years.Count == 0 ? "the files do not say their school year: give it." : "the files hold more than one school year: give the one to read.", EdFiProblemKind.MissingField));
            return new TsdsXmlRead(null, [], log.Problems, notRead);
        }

        foreach (var (fields, where) in pending)
        {
            var before = log.Count;
            var student = Parse<StudentId>(fields, "StudentUniqueStateId", StudentId.TryParse, where, null, "a student id (E1523)", log);
            var campus = Parse<CampusId>(fields, "TX-CampusIdOfEnrollment", CampusId.TryParse, where, null, "a nine-digit campus id (E0782)", log);
            var grade = Parse<GradeLevel>(fields, "TX-GradeLevel", GradeLevel.TryParse, where, null, "a grade level (E0017, C050)", log);
            var track = Parse<InstructionalTrack>(fields, "TX-InstructionalTrack", InstructionalTrack.TryParse, where, null, "a two-digit track (E0975)", log);
            var period = Parse<ReportingPeriod>(fields, "TX-ReportingPeriod", ReportingPeriod.TryParse, where, null, "a reporting period (E0934, C130: 1 to 9)", log);
            var key = student is { } s && campus is { } c && grade is { } g && track is { } t && period is { } p ? new ReportingPeriodAttendanceKey(c, s, g, t, p) : (ReportingPeriodAttendanceKey?)null;
            var id = key?.ToString();
            var taught = Days(fields, "TX-NumberDaysTaught", where, id, required: true, log);
            var absent = Days(fields, "TX-TotalDaysAbsent", where, id, required: true, log);
            var ineligible = Days(fields, "TX-TotalIneligibleDaysPresent", where, id, required: true, log);
            var eligible = Days(fields, "TX-TotalEligibleDaysPresent", where, id, required: true, log);
            var rs = Days(fields, "TX-RSTotalEligibleDaysPresent", where, id, required: false, log);
            var ra = Days(fields, "TX-RATotalEligibleDaysPresent", where, id, required: false, log);
            if (log.Count > before || key is not { } k)
            {
                continue;
            }

            if (keys.TryGetValue(k, out var first))
            {
                log.Add(where, id, null, null, $"a second record for this key; the first is {first} (TEA business rule 42400-000A; the attendance event indicator E1085 is not part of the key read here).", EdFiProblemKind.DuplicateKey);
                continue;
            }

            try
            {
                var attributes = students.TryGetValue(k.Student, out var a) ? a : new StudentFundingAttributes(EconomicDisadvantage.NotDisadvantaged, EmergentBilingual.NotEmergentBilingual);
                records.Add(new BasicReportingPeriodAttendance(schoolYear, k, taught!.Value, eligible!.Value, ineligible!.Value, absent!.Value, attributes, rs!.Value, ra!.Value));
                keys.Add(k, $"{where.Source}, {where.Position}");
            }
            catch (ArgumentException e)
            {
                log.Add(where, id, null, null, e.Message, EdFiProblemKind.InconsistentDocument);
            }
        }

        return new TsdsXmlRead(schoolYear, records.AsReadOnly(), log.Problems, new ReadOnlyDictionary<string, long>(notRead));
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

    private static DayCount? Days(Dictionary<string, string> fields, string name, in EdFiDocument where, string? id, bool required, ProblemLog log)
    {
        if (!fields.TryGetValue(name, out var text))
        {
            if (required)
            {
                log.Add(where, id, name, null, "the element is required and is missing.", EdFiProblemKind.MissingField);
                return null;
            }

            return DayCount.Zero;
        }

        if (!DayCount.TryParse(text, out var days) || days.HalfDays > 360)
        {
            log.Add(where, id, name, text, "days are 0.0 to 180.0, one decimal whose digit is 0 or 5 (TEA business rules 42400-0005/6/7).", EdFiProblemKind.OutOfRange);
            return null;
        }

        return days;
    }

    /// <summary>The elements named <paramref name="names"/>, each as its descendants' text by local name, with its line.</summary>
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
                            found = (ReadFields(reader), line);
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

    private static Dictionary<string, string> ReadFields(XmlReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
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
