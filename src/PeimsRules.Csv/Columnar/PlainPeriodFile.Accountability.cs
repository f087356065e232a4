using PeimsRules.Accountability;

namespace PeimsRules.Csv.Columnar;

/// <summary>The pass of <c>indicators</c>: a file in plain form straight into the students' tally of the two accountability rates.</summary>
internal static partial class PlainPeriodFile
{
    /// <summary>
    /// Tallies the students of <paramref name="path"/> for the accountability rates, or <see langword="null"/> when it
    /// is not in plain form (see the remarks of the class): the same checks as <see cref="TrySum"/>, on the same threads,
    /// each range's accepted rows added to a tally of its own in file order, the ranges' tallies then joined.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="threads">The threads to read on; <see langword="null"/> for one per processor.</param>
    /// <param name="blockBytes">The bytes each thread reads at a time (small values test the block and thread seams).</param>
    public static AccountabilityStudentTally? TryTallyStudents(string path, int? threads = null, int blockBytes = DefaultBlockBytes)
    {
        if (SumRanges(path, threads, blockBytes, static () => new TallySink()) is not { } chunks || Join(chunks) is not { } sums)
        {
            return null;
        }

        return AccountabilityStudentTally.Concat(chunks.Select(c => ((TallySink)c.Sink!).Tally), sums.SchoolYear, sums.Records);
    }

    /// <summary>
    /// Adds each accepted row to its range's tally. A range's rows come in campus order, a student's rows together, so
    /// each row extends its student's entry or starts the next one, with no lookup.
    /// </summary>
    private sealed class TallySink : RowSink
    {
        public AccountabilityStudentTally Tally { get; } = new();

        public override bool Take(in PeriodRecordRow row)
        {
            // The row's numbers as the record's: the grade's ordinal is its number plus two (EE is 0), an ADA code its
            // value plus one (0 for blank); days in membership are all the days present and absent, remote days included.
            Tally.AddInCampusOrder(
                row.Campus,
                row.Student,
                row.Grade - 2,
                row.Period,
                row.AdaCode == 0 ? null : row.AdaCode - 1,
                (long)row.Absent + row.Eligible + row.Ineligible + row.RemoteSynchronous + row.RemoteAsynchronous,
                row.Absent);
            return true;
        }
    }
}
