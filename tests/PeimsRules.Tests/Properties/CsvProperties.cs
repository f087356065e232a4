using FsCheck.Xunit;
using PeimsRules.Csv;

namespace PeimsRules.Tests.Properties;

/// <summary>
/// The CSV reader and writer agree on every valid file, and the reader answers any text at all, however broken, with
/// records or with a <see cref="PeimsCsvException"/> that says where: never with another exception.
/// </summary>
[Properties(Arbitrary = [typeof(AttendanceArbitraries)])]
public class CsvProperties
{
    [Property]
    public void Writing_then_reading_gives_back_the_same_records(AttendanceFile file)
    {
        var read = BasicReportingPeriodAttendanceCsv.Read(new StringReader(file.ToCsv()), "roundtrip.csv");

        Assert.Equal(file.Records, read);
    }

    [Property]
    public void Arbitrary_text_gives_records_or_a_located_problem(string? text)
    {
        ReadBothWays(text ?? string.Empty);
    }

    [Property]
    public void Text_made_of_CSV_punctuation_gives_records_or_a_located_problem(CsvNoise noise)
    {
        ReadBothWays(noise.Text);
    }

    [Property]
    public void A_mutated_valid_file_gives_records_or_a_located_problem(AttendanceFile file, Mutations mutations)
    {
        ReadBothWays(mutations.Apply(file.ToCsv()));
    }

    /// <summary>
    /// Reads the text in both modes. Collect-all never throws; stop-at-first throws nothing but
    /// <see cref="PeimsCsvException"/>, and it throws exactly when collect-all finds a problem, naming that first problem.
    /// </summary>
    private static void ReadBothWays(string text)
    {
        var all = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "fuzz.csv", CsvErrorMode.CollectAll);

        PeimsCsvException? error = null;
        IReadOnlyList<BasicReportingPeriodAttendance>? records = null;
        try
        {
            records = BasicReportingPeriodAttendanceCsv.Read(new StringReader(text), "fuzz.csv");
        }
        catch (PeimsCsvException e)
        {
            error = e;
        }

        if (all.HasProblems)
        {
            Assert.NotNull(error);
            Assert.Equal(all.Problems[0], error.Problem);
            Assert.All(all.Problems, p => Assert.InRange(p.Line, 0, text.Count(c => c is '\n' or '\r') + 1));
        }
        else
        {
            Assert.Null(error);
            Assert.Equal(all.Records, records);
        }
    }
}
