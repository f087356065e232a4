using FsCheck.Xunit;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The fast path of the builder (the streaming build: one pass over the marks in input order, in parallel chunks, then
/// one pass per student over each enrollment's days) gives the reference build exactly: the same records in the same
/// order, the same special-programs records, the same marks listed as unmatched or on non-instructional days, the same
/// days left out by reason, the same explanations, and the same error when the inputs are refused. Over messy districts
/// (every exclusion, conflicting and missing snapshot marks, marks on no enrollment and on weekends), with every
/// option, with the marks in a shuffled order, given as a list or held compactly as a <see cref="DailyAttendanceMarks"/>
/// (made at once, or joined from tiny pieces so that its students and slots are numbered differently), and run on one
/// thread or in tiny parallel chunks and runs.
/// </summary>
[Properties(Arbitrary = [typeof(DailyArbitraries)], MaxTest = 80)]
public class StreamingBuildProperties
{
    [Property]
    public void The_streaming_build_gives_the_reference_build_on_a_messy_district(MessyDistrict generated, byte choice, int shuffleSeed)
    {
        var d = generated.District;
        var options = (choice % 4) switch
        {
            0 => DailyBuildOptions.Default,
            1 => new DailyBuildOptions { WithdrawalDate = WithdrawalDateMeaning.LastDayEnrolled },
            2 => new DailyBuildOptions { NoSnapshotMark = NoSnapshotMarkRule.CountPresent },
            _ => new DailyBuildOptions { NumberExcludedCalendars = true },
        };

        // The streaming build reads the marks in the order they come; the reference's output does not depend on it.
        var shuffled = d.Marks.OrderBy(_ => 0).ToList();
        new Random(shuffleSeed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var marksPerChunk = 1 + ((choice >> 2) % 7);
        var studentsPerRun = 1 + ((choice >> 5) % 3);

        AssertSameBuild(
            Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, options, int.MaxValue, 1)),
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, shuffled, d.Programs, options, 0, studentsPerRun, marksPerChunk)));
        AssertSameBuild(
            Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, options, int.MaxValue, 1)),
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, d.Marks, d.Programs, options, int.MaxValue, 1, int.MaxValue)));

        // The same marks held compactly, as the readers of daily attendance give them: made at once, and joined from
        // pieces of a few marks (so a student or slot has another number in the table than it would have made at once).
        var reference = Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, options, int.MaxValue, 1));
        AssertSameBuild(
            reference,
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, DailyAttendanceMarks.From(shuffled), d.Programs, options, 0, studentsPerRun, marksPerChunk)));
        AssertSameBuild(
            reference,
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, InPieces(shuffled, 1 + (choice % 5)), d.Programs, options, 0, studentsPerRun, marksPerChunk)));

        // The chunks dealt to two to four workers, each folding its marks into bits of its own, joined at the end: every
        // worker reads some marks whatever the machine's load (taken in turn, one worker may read them all).
        AssertSameBuild(
            reference,
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, DailyAttendanceMarks.From(shuffled), d.Programs, options, 0, studentsPerRun, marksPerChunk, 2 + (choice % 3))));
    }

    [Property]
    public void The_streaming_build_gives_the_reference_build_on_a_clean_district(CleanDistrict generated)
    {
        var d = generated.District;

        AssertSameBuild(
            Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, int.MaxValue, 1)),
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, 0, 2, 3)));
        AssertSameBuild(
            Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, int.MaxValue, 1)),
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, InPieces(d.Marks, 3), d.Programs, null, 0, 2, 3)));
        AssertSameBuild(
            Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, int.MaxValue, 1)),
            Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, d.Marks, d.Programs, null, 0, 2, 3, 3)));
    }

    [Property]
    public void An_export_of_absences_only_is_refused_by_both_builds_with_the_same_message(MessyDistrict generated)
    {
        var d = generated.District;
        var absences = d.Marks.Where(m => !m.IsPresent).ToList();

        var reference = Outcome(() => PeriodAttendanceBuilder.BuildInRuns(d.Calendars, d.Enrollments, absences, d.Programs, null, int.MaxValue, 1));
        var streaming = Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, absences, d.Programs, null, 0, 1, 2));
        var held = Outcome(() => PeriodAttendanceBuilder.BuildStreaming(d.Calendars, d.Enrollments, InPieces(absences, 2), d.Programs, null, 0, 1, 2));

        AssertSameBuild(reference, streaming);
        AssertSameBuild(reference, held);
    }

    [Property]
    public void Marks_joined_from_pieces_are_the_marks_in_their_order(MessyDistrict generated, byte size)
    {
        var marks = generated.District.Marks;

        var held = InPieces(marks, 1 + (size % 9));

        Assert.Equal(marks, held);
        Assert.Equal(marks.Count, held.Count);
    }

    /// <summary><paramref name="marks"/> held compactly, joined piece by piece from tables of <paramref name="size"/> marks each.</summary>
    private static DailyAttendanceMarks InPieces(IReadOnlyList<DailyAttendanceMark> marks, int size)
    {
        var builder = new DailyAttendanceMarks.Builder();
        foreach (var piece in marks.Chunk(size))
        {
            builder.AddRange(DailyAttendanceMarks.From(piece));
        }

        return builder.ToMarks();
    }

    internal static void AssertSameBuild((PeriodAttendanceBuild? Build, string? Error) reference, (PeriodAttendanceBuild? Build, string? Error) streaming)
    {
        Assert.Equal(reference.Error, streaming.Error);
        if (reference.Build is not { } expected)
        {
            return;
        }

        var actual = streaming.Build!;
        Assert.Equal(expected.Records, actual.Records);
        Assert.Equal(expected.SpecialProgramRecords, actual.SpecialProgramRecords);
        Assert.Equal(expected.UnmatchedMarks, actual.UnmatchedMarks);
        Assert.Equal(expected.MarksOnNonInstructionalDays, actual.MarksOnNonInstructionalDays);
        Assert.Equal(expected.LeftOutDays.OrderBy(p => p.Key), actual.LeftOutDays.OrderBy(p => p.Key));
        Assert.Equal(expected.DaysCountedPresentWithoutMark, actual.DaysCountedPresentWithoutMark);
        Assert.Equal(expected.Students, actual.Students);
        foreach (var student in expected.Students)
        {
            foreach (var period in ReportingPeriod.SixPeriods)
            {
                Assert.Equal(expected.Explain(student, period).Select(l => l.ToString()), actual.Explain(student, period).Select(l => l.ToString()));
            }
        }
    }

    private static (PeriodAttendanceBuild? Build, string? Error) Outcome(Func<PeriodAttendanceBuild> build)
    {
        try
        {
            return (build(), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DailyAttendanceInputException)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
