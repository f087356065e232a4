using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// The streaming TSDS XML reading (each record made as its element is read) gives what the reading that held every
/// element until the end gives (<see cref="TsdsXmlPendingReading"/>): the same records in the same order, the same
/// problems in the same order with the same file, line, element and value, the same school year and the same counts
/// of elements not read, in both error modes. The files are odd on purpose: bad codes and day counts, missing elements,
/// a key twice, records of two years or none, both element names, with and without the namespace, elements this reader
/// does not read, and text that stops being XML.
/// </summary>
public class TsdsXmlReaderProperties
{
    private static readonly Gen<string> StudentIds = Gen.Elements("1000000001", "1000000002", "1000000003", "10#01", "");

    private static readonly Gen<string> Years = Gen.Elements(string.Empty, string.Empty, string.Empty, "<TX-SchoolYear>2020</TX-SchoolYear>", "<TX-SchoolYear>2021</TX-SchoolYear>", "<SchoolYear>2020</SchoolYear>");

    private static readonly Gen<string> Student =
        from id in StudentIds
        from economic in Gen.Elements("<TX-EconomicDisadvantageCode>01</TX-EconomicDisadvantageCode>", "<TX-EconomicDisadvantaged>00</TX-EconomicDisadvantaged>", "<TX-EconomicDisadvantageCode>7</TX-EconomicDisadvantageCode>", string.Empty)
        from bilingual in Gen.Elements("<TX-EmergentBilingualIndicatorCode>1</TX-EmergentBilingualIndicatorCode>", "<TX-LEPIndicatorCode>uri://tea.texas.gov/LEPIndicatorCode#0</TX-LEPIndicatorCode>", "<TX-EmergentBilingualIndicatorCode>X</TX-EmergentBilingualIndicatorCode>", string.Empty)
        from year in Years
        select $"<StudentExtension>{Field("StudentUniqueStateId", id)}{economic}{bilingual}{year}</StudentExtension>\n";

    private static readonly Gen<string> Basic =
        from name in Gen.Elements("BasicReportingPeriodAttendanceExtension", "BasicReportingPeriodAttendance")
        from student in StudentIds
        from campus in Gen.Elements("101912001", "101912002", "12")
        from grade in Gen.Elements("KG", "03", "ZZ")
        from period in Gen.Elements("1", "2", "0")
        from taught in Gen.Elements("32", "30.0", "abc")
        from absent in Gen.Elements("3.5", "2.3", "0.0", "40.0")
        from eligible in Gen.Elements("10.0", "29.0", "200.0", string.Empty)
        from remote in Gen.Elements(string.Empty, string.Empty, "<TX-RSTotalEligibleDaysPresent>1.0</TX-RSTotalEligibleDaysPresent>")
        from year in Years
        select $"<{name}><StudentReference><StudentIdentity>{Field("StudentUniqueStateId", student)}</StudentIdentity></StudentReference>{Field("TX-CampusIdOfEnrollment", campus)}<TX-InstructionalTrack>00</TX-InstructionalTrack>"
            + $"{Field("TX-ReportingPeriod", period)}{Field("TX-NumberDaysTaught", taught)}{Field("TX-GradeLevel", grade)}{Field("TX-TotalDaysAbsent", absent)}"
            + $"<TX-TotalIneligibleDaysPresent>0.0</TX-TotalIneligibleDaysPresent>{Field("TX-TotalEligibleDaysPresent", eligible)}{remote}{year}</{name}>\n";

    private static readonly Gen<string> Element = Gen.Frequency(
        (8, Basic),
        (1, Gen.Constant("<SpecialProgramsReportingPeriodAttendanceExtension><TX-ReportingPeriod>1</TX-ReportingPeriod></SpecialProgramsReportingPeriodAttendanceExtension>\n")),
        (1, Gen.Constant("<Other><TX-ReportingPeriod>1</TX-ReportingPeriod></Other>\n")));

    private static readonly Gen<string> Tails = Gen.Elements(string.Empty, string.Empty, string.Empty, "<Oops>\n", "</Wrong>\n");

    private static readonly Gen<string> AttendanceFile =
        from ns in Gen.Elements(" xmlns=\"http://www.tea.state.tx.us/tsds\"", string.Empty)
        from elements in Gen.ListOf(Element)
        from tail in Tails
        select $"<InterchangeStudentAttendanceExtension{ns}>\n{string.Concat(elements)}{tail}</InterchangeStudentAttendanceExtension>\n";

    private static readonly Gen<string> StudentFile =
        from students in Gen.ListOf(Student)
        from tail in Tails
        select $"<InterchangeStudentExtension xmlns=\"http://www.tea.state.tx.us/tsds\">\n{string.Concat(students)}{tail}</InterchangeStudentExtension>\n";

    private static readonly Gen<string[]> Files =
        from students in StudentFile
        from attendance in Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(AttendanceFile, n))
        select (string[])[students, .. attendance];

    [Property(MaxTest = 200, EndSize = 12)]
    public Property The_streaming_reading_gives_the_records_problems_year_and_counts_of_the_reading_that_held_every_element() =>
        Prop.ForAll(Files.ToArbitrary(), Gen.Elements<int?>(null, 2020, 2021).ToArbitrary(), (files, year) =>
        {
            using var folder = new TempFolder();
            for (var i = 0; i < files.Length; i++)
            {
                File.WriteAllText(Path.Combine(folder.Path, i == 0 ? "a-students.xml" : $"b-attendance-{i}.xml"), files[i], new UTF8Encoding(false));
            }

            foreach (var mode in new[] { EdFiErrorMode.CollectAll, EdFiErrorMode.StopAtFirst })
            {
                var options = new TsdsXmlReadOptions { SchoolYear = year is { } y ? new SchoolYear(y) : null, ErrorMode = mode };
                var expected = Capture(() => TsdsXmlPendingReading.Read([folder.Path], options));
                var actual = Capture(() => TsdsXmlReader.Read([folder.Path], options));
                Assert.Equal(expected.Year, actual.Year);
                Assert.Equal(expected.Records, actual.Records);
                Assert.Equal(expected.Problems, actual.Problems);
                Assert.Equal(expected.NotRead, actual.NotRead);
            }
        });

    private static string Field(string name, string value) => value.Length == 0 ? string.Empty : $"<{name}>{value}</{name}>";

    private static (SchoolYear? Year, List<BasicReportingPeriodAttendance> Records, List<EdFiProblem> Problems, List<KeyValuePair<string, long>> NotRead) Capture(Func<TsdsXmlRead> read)
    {
        try
        {
            var r = read();
            return (r.SchoolYear, [.. r.Records], [.. r.Problems], [.. r.ElementsNotRead.OrderBy(e => e.Key, StringComparer.Ordinal)]);
        }
        catch (EdFiDataException e)
        {
            return (null, [], [.. e.Problems], []);
        }
    }
}
