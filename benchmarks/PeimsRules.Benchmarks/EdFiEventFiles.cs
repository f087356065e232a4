using System.Globalization;
using System.Text;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The generated files of <see cref="EdFiIngestBenchmarks"/>, written once per size under the temporary folder:
/// <c>studentSchoolAttendanceEvents</c> as a JSON array and as JSON lines (the same documents, in the ODS/API's shape:
/// five schools, ten events a student, days over 170 school days, four Ed-Fi default categories), and a TSDS PEIMS
/// XML folder of one 42400 basic record per student and reporting period (six per student) with the students' 40100
/// elements; and the figures the events come to.
/// </summary>
public sealed class EdFiEventFiles
{
    private EdFiEventFiles(string folder, int count, EventFigures expected, int xmlRecords)
    {
        ArrayFolder = Path.Combine(folder, "array");
        LinesFolder = Path.Combine(folder, "lines");
        LinesFile = Path.Combine(LinesFolder, "studentSchoolAttendanceEvents.jsonl");
        XmlFile = Path.Combine(folder, "xml");
        Count = count;
        Expected = expected;
        XmlRecords = xmlRecords;
    }

    /// <summary>The five schools the events name.</summary>
    public static HashSet<CampusId> Schools { get; } = [.. Enumerable.Range(0, 5).Select(i => CampusId.Parse((101912001 + i).ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The folder holding the JSON array file.</summary>
    public string ArrayFolder { get; }

    /// <summary>The folder holding the JSON-lines file.</summary>
    public string LinesFolder { get; }

    /// <summary>The JSON-lines file.</summary>
    public string LinesFile { get; }

    /// <summary>The folder of TSDS XML files.</summary>
    public string XmlFile { get; }

    /// <summary>The number of events.</summary>
    public int Count { get; }

    /// <summary>The figures the events come to, by the generator's own arithmetic.</summary>
    public EventFigures Expected { get; }

    /// <summary>The number of 42400 records in the XML.</summary>
    public int XmlRecords { get; }

    /// <summary>The files of <paramref name="count"/> events, written if they are not there yet.</summary>
    public static EdFiEventFiles Ensure(int count, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var folder = Path.Combine(Path.GetTempPath(), "peims-benchmarks", string.Create(CultureInfo.InvariantCulture, $"edfi-events-{count}"));
        var expected = new EventFigures();
        for (var i = 0; i < count; i++)
        {
            var category = categories[i / 7 % categories.Count];
            expected.Add(School(i).ToString(CultureInfo.InvariantCulture), category.EndsWith("Absence", StringComparison.Ordinal) ? "Absent" : "Present", i % 170);
        }

        var students = Math.Max(1, count / 10);
        var files = new EdFiEventFiles(folder, count, expected, students * 6);
        var done = Path.Combine(folder, "complete");
        if (!File.Exists(done))
        {
            Directory.CreateDirectory(files.ArrayFolder);
            Directory.CreateDirectory(files.LinesFolder);
            Directory.CreateDirectory(files.XmlFile);
            WriteEvents(files, categories);
            WriteXml(files.XmlFile, students);
            File.WriteAllText(done, string.Empty);
        }

        Console.WriteLine($"// {count:N0} studentSchoolAttendanceEvents, {new FileInfo(files.LinesFile).Length:N0} bytes of JSON lines; {files.XmlRecords:N0} TSDS XML records");
        return files;
    }

    private static long School(int i) => 101912001 + (i % 5);

    private static void WriteEvents(EdFiEventFiles files, IReadOnlyList<string> categories)
    {
        using var a = new StreamWriter(Path.Combine(files.ArrayFolder, "studentSchoolAttendanceEvents.json"), false, new UTF8Encoding(false), 1 << 16);
        using var l = new StreamWriter(files.LinesFile, false, new UTF8Encoding(false), 1 << 16);
        a.Write('[');
        for (var i = 0; i < files.Count; i++)
        {
            var day = new DateOnly(2024, 8, 19).AddDays(i % 170);
            var document = string.Create(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{i:x32}\",\"studentReference\":{{\"studentUniqueId\":\"{1000000001 + (i / 10)}\"}},\"schoolReference\":{{\"schoolId\":{School(i)}}},\"sessionReference\":{{\"schoolId\":{School(i)},\"schoolYear\":2025,\"sessionName\":\"Fall\"}},\"eventDate\":\"{day:yyyy-MM-dd}\",\"attendanceEventCategoryDescriptor\":\"uri://ed-fi.org/AttendanceEventCategoryDescriptor#{categories[i / 7 % categories.Count]}\"}}");
            a.Write(i == 0 ? "\n" : ",\n");
            a.Write(document);
            l.Write(document);
            l.Write('\n');
        }

        a.Write("\n]\n");
    }

    private static void WriteXml(string folder, int students)
    {
        using (var s = new StreamWriter(Path.Combine(folder, "students.xml"), false, new UTF8Encoding(false), 1 << 16))
        {
            s.Write("<InterchangeStudentExtension xmlns=\"http://www.tea.state.tx.us/tsds\">\n");
            for (var i = 0; i < students; i++)
            {
                s.Write(string.Create(CultureInfo.InvariantCulture,
                    $"<StudentExtension><StudentUniqueStateId>{1000000001 + i}</StudentUniqueStateId><TX-EconomicDisadvantageCode>0{i % 3}</TX-EconomicDisadvantageCode><TX-EmergentBilingualIndicatorCode>{i % 2}</TX-EmergentBilingualIndicatorCode></StudentExtension>\n"));
            }

            s.Write("</InterchangeStudentExtension>\n");
        }

        using var a = new StreamWriter(Path.Combine(folder, "attendance.xml"), false, new UTF8Encoding(false), 1 << 16);
        a.Write("<InterchangeStudentAttendanceExtension xmlns=\"http://www.tea.state.tx.us/tsds\">\n");
        for (var i = 0; i < students; i++)
        {
            for (var period = 1; period <= 6; period++)
            {
                var absent = (i + period) % 4;
                a.Write(string.Create(CultureInfo.InvariantCulture,
                    $"<BasicReportingPeriodAttendanceExtension><StudentReference><StudentIdentity><StudentUniqueStateId>{1000000001 + i}</StudentUniqueStateId></StudentIdentity></StudentReference><TX-CampusIdOfEnrollment>{School(i)}</TX-CampusIdOfEnrollment><TX-InstructionalTrack>00</TX-InstructionalTrack><TX-ReportingPeriod>{period}</TX-ReportingPeriod><TX-NumberDaysTaught>30</TX-NumberDaysTaught><TX-GradeLevel>0{1 + (i % 5)}</TX-GradeLevel><TX-TotalDaysAbsent>{absent}.0</TX-TotalDaysAbsent><TX-TotalIneligibleDaysPresent>0.0</TX-TotalIneligibleDaysPresent><TX-TotalEligibleDaysPresent>{30 - absent}.0</TX-TotalEligibleDaysPresent></BasicReportingPeriodAttendanceExtension>\n"));
            }
        }

        a.Write("</InterchangeStudentAttendanceExtension>\n");
    }
}
