using PeimsRules.Csv;

namespace PeimsRules.Tests.Audit;

/// <summary>The IEP service-minutes file: the same bad-input contract as the period file.</summary>
public sealed class IepServiceRecordCsvSpecification
{
    private const string Header = "StudentId,CampusId,Service,WeekOf,ReportingPeriod,MinutesRequired,MinutesDelivered,MinutesMissedStudentAbsent";

    [Fact]
    public void Reads_minutes_per_week_and_per_reporting_period_and_writes_them_back()
    {
        var text = Header + "\nS0001,101912001,Speech therapy,2024-09-09,,60,30,30\nS0002,101912001,Resource instruction,,2,300,300,\n";

        var records = IepServiceRecordCsv.Read(new StringReader(text), "services.csv").Records;

        Assert.Equal(2, records.Count);
        Assert.Equal(new NodaTime.LocalDate(2024, 9, 9), records[0].WeekOf);
        Assert.Equal(30, records[0].MinutesMissedStudentAbsent);
        Assert.Equal(new ReportingPeriod(2), records[1].ReportingPeriod);
        var written = new StringWriter();
        IepServiceRecordCsv.Write(written, records);
        Assert.Equal(records, IepServiceRecordCsv.Read(new StringReader(written.ToString()), "again.csv").Records);
    }

    [Theory]
    [InlineData("S0001,101912001,Speech therapy,2024-09-09,1,60,30,0", "WeekOf")]
    [InlineData("S0001,101912001,Speech therapy,,,60,30,0", "WeekOf")]
    [InlineData("S0001,101912001,Speech therapy,2024-13-01,,60,30,0", "WeekOf")]
    [InlineData("S0001,101912001,Speech therapy,,1,sixty,30,0", "MinutesRequired")]
    [InlineData("S0001,101912001,Speech therapy,,1,0,0,0", "MinutesRequired")]
    [InlineData("S0001,101912001,Speech therapy,,1,60,-5,0", "MinutesDelivered")]
    [InlineData("S0001,101912001,,,1,60,30,0", "Service")]
    public void A_bad_value_is_a_problem_naming_line_2_and_its_column(string row, string column)
    {
        var error = Assert.Throws<PeimsCsvException>(() => IepServiceRecordCsv.Read(new StringReader(Header + "\n" + row + "\n"), "services.csv"));

        Assert.Equal(2, error.Problem.Line);
        Assert.Equal(column, error.Problem.Column);
    }
}
