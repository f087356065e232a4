using FsCheck.Xunit;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Tests.Daily;

/// <summary>
/// The compact marks table gives back exactly the marks put in, in their order: each student and each class-period
/// slot is held once, and every mark is its student, its day and its slot.
/// </summary>
[Properties(Arbitrary = [typeof(DailyArbitraries)], MaxTest = 60)]
public class DailyAttendanceMarksTests
{
    private static readonly CampusId Campus = CampusId.Parse("101912001");
    private static readonly StudentId Ana = StudentId.Parse("1000000001");
    private static readonly StudentId Ben = StudentId.Parse("1000000002");

    [Fact]
    public void Three_marks_of_two_students_in_two_periods_hold_two_students_and_two_slots_and_read_back_in_order()
    {
        var builder = new DailyAttendanceMarks.Builder();
        var monday = new LocalDate(2025, 8, 18);
        builder.Add(Ana, Campus, monday, new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present, "2");
        builder.Add(Ben, Campus, monday, new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present, "2");
        builder.Add(Ana, Campus, monday.PlusDays(1), new LocalTime(10, 0), new LocalTime(10, 50), AttendanceMarkStatus.Absent, "3");

        var marks = builder.ToMarks();

        Assert.Equal(3, marks.Count);
        Assert.Equal(2, marks.StudentTable.Length);
        Assert.Equal(2, marks.SlotTable.Length);
        Assert.Equal(
            new DailyAttendanceMark(Ana, Campus, new LocalDate(2025, 8, 19), new LocalTime(10, 0), new LocalTime(10, 50), AttendanceMarkStatus.Absent, "3"),
            marks[2]);
        Assert.Equal([Ana, Ben, Ana], marks.Select(m => m.Student));
    }

    [Fact]
    public void A_class_period_that_ends_as_it_starts_is_refused_as_a_single_mark_is()
    {
        var builder = new DailyAttendanceMarks.Builder();

        var e = Assert.Throws<ArgumentException>(() =>
            builder.Add(Ana, Campus, new LocalDate(2025, 8, 18), new LocalTime(9, 0), new LocalTime(9, 0), AttendanceMarkStatus.Present));

        Assert.Contains("09:00 to 09:00", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void A_default_mark_which_has_no_class_period_times_is_refused()
    {
        var builder = new DailyAttendanceMarks.Builder();

        Assert.Throws<ArgumentException>(() => builder.Add(default(DailyAttendanceMark)));
    }

    [Fact]
    public void A_builder_takes_no_more_marks_once_made_into_marks()
    {
        var builder = new DailyAttendanceMarks.Builder();
        builder.Add(Ana, Campus, new LocalDate(2025, 8, 18), new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present);
        _ = builder.ToMarks();

        Assert.Throws<InvalidOperationException>(() => builder.Add(Ana, Campus, new LocalDate(2025, 8, 18), new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present));
    }

    [Fact]
    public void No_marks_is_the_empty_table()
    {
        Assert.Same(DailyAttendanceMarks.Empty, new DailyAttendanceMarks.Builder().ToMarks());
        Assert.Empty(DailyAttendanceMarks.From([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DailyAttendanceMarks.Empty[0]);
    }

    [Property]
    public void A_district_s_marks_held_compactly_read_back_as_the_same_marks_in_the_same_order(MessyDistrict generated)
    {
        var marks = generated.District.Marks;

        var held = DailyAttendanceMarks.From(marks);

        Assert.Equal(marks, held);
        Assert.Same(held, DailyAttendanceMarks.From(held));
        Assert.True(held.StudentTable.Length <= marks.Select(m => m.Student).Distinct().Count());
    }

    [Property]
    public void Marks_added_by_their_student_day_and_slot_numbers_read_back_as_the_same_marks_added_by_value(MessyDistrict generated, int seed)
    {
        // A reader that resolves the numbers itself (the Ed-Fi events reader) mixed with marks added by value, in an
        // order the generated seed picks: one table of students and slots either way.
        var marks = generated.District.Marks;
        var random = new Random(seed);
        var byValue = new DailyAttendanceMarks.Builder();
        var mixed = new DailyAttendanceMarks.Builder();
        foreach (var mark in marks)
        {
            byValue.Add(mark);
            if (random.Next(3) == 0)
            {
                mixed.Add(mark);
            }
            else
            {
                var slot = mixed.SlotNumber(mark.Campus, mark.Start, mark.End, mark.Status, mark.ClassPeriod);
                mixed.Add(mixed.StudentNumber(mark.Student), DayNumber.Of(mark.Date), slot);
            }
        }

        var expected = byValue.ToMarks();
        var actual = mixed.ToMarks();

        Assert.Equal(marks, actual);
        Assert.Equal(expected.StudentTable.ToArray(), actual.StudentTable.ToArray());
        Assert.Equal(expected.SlotTable.ToArray(), actual.SlotTable.ToArray());
    }

    [Fact]
    public void A_mark_added_by_numbers_the_builder_did_not_give_is_refused()
    {
        var builder = new DailyAttendanceMarks.Builder();
        var student = builder.StudentNumber(Ana);
        var slot = builder.SlotNumber(Campus, new LocalTime(9, 0), new LocalTime(9, 50), AttendanceMarkStatus.Present, "2");

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(student + 1, 0, slot));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(student, 0, slot + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(-1, 0, slot));
        Assert.Throws<ArgumentException>(() => builder.SlotNumber(Campus, new LocalTime(9, 0), new LocalTime(9, 0), AttendanceMarkStatus.Present, "2"));
        Assert.Equal(0, builder.Count);
    }

    [Property]
    public void Marks_joined_piece_by_piece_as_tables_or_as_builders_read_back_as_the_whole_in_order(MessyDistrict generated, byte pieces, bool builders)
    {
        // A builder joined straight from its columns (the Ed-Fi events reader's pieces) gives what its table would.
        var marks = generated.District.Marks;
        var size = 1 + (pieces % 50);
        var joined = new DailyAttendanceMarks.Builder();
        foreach (var piece in marks.Chunk(size))
        {
            if (!builders)
            {
                joined.AddRange(DailyAttendanceMarks.From(piece));
                continue;
            }

            var builder = new DailyAttendanceMarks.Builder(piece.Length);
            foreach (var mark in piece)
            {
                builder.Add(mark);
            }

            joined.AddRange(builder);
            Assert.Throws<InvalidOperationException>(() => builder.Add(piece[0]));
        }

        Assert.Throws<InvalidOperationException>(() => joined.AddRange(joined));
        Assert.Equal(marks, joined.ToMarks());
    }
}
