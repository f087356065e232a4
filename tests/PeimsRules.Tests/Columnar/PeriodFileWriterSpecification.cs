using NodaTime;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Columnar;

/// <summary>The canonical writer writes a sequence as a stream (a statewide file never in memory), and never drops a birth date.</summary>
public class PeriodFileWriterSpecification
{
    private static BasicReportingPeriodAttendance Record(string student, LocalDate? birth = null) =>
        new(
            new SchoolYear(2026),
            new ReportingPeriodAttendanceKey(CampusId.Parse("101912101"), StudentId.Parse(student), GradeLevel.Parse("PK"), new InstructionalTrack(0), new ReportingPeriod(1)),
            DayCount.FromDays(30m),
            DayCount.FromDays(15m),
            DayCount.Zero,
            DayCount.Zero,
            new StudentFundingAttributes(EconomicDisadvantage.Parse("01"), PeimsRules.EmergentBilingual.Parse("0"), null))
        { BirthDate = birth };

    private static IEnumerable<BasicReportingPeriodAttendance> Lazily(params BasicReportingPeriodAttendance[] records)
    {
        foreach (var record in records)
        {
            yield return record;
        }
    }

    [Fact]
    public void A_sequence_whose_first_record_has_a_birth_date_is_written_with_the_BirthDate_column_and_read_back_the_same()
    {
        var records = new[] { Record("1000000001", new LocalDate(2021, 5, 14)), Record("1000000002") };
        var writer = new StringWriter();

        BasicReportingPeriodAttendanceCsv.Write(writer, Lazily(records));

        Assert.Contains(",BirthDate\n", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(records, BasicReportingPeriodAttendanceCsv.Read(new StringReader(writer.ToString()), "p.csv", CsvErrorMode.StopAtFirst).Records);
    }

    [Fact]
    public void A_birth_date_after_a_first_record_without_one_is_refused_rather_than_dropped_and_a_collection_writes_it()
    {
        var records = new[] { Record("1000000001"), Record("1000000002", new LocalDate(2021, 5, 14)) };

        var refused = Assert.Throws<InvalidOperationException>(() => BasicReportingPeriodAttendanceCsv.Write(new StringWriter(), Lazily(records)));
        Assert.Contains("give the records as a collection", refused.Message, StringComparison.Ordinal);

        var writer = new StringWriter();
        BasicReportingPeriodAttendanceCsv.Write(writer, records);
        Assert.Equal(records, BasicReportingPeriodAttendanceCsv.Read(new StringReader(writer.ToString()), "p.csv", CsvErrorMode.StopAtFirst).Records);
    }
}
