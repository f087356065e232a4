using CsvHelper;

namespace PeimsRules.Csv.Columnar;

/// <summary>
/// One row of the canonical period-attendance file as the columnar loader reads it: a CsvHelper source-generated
/// record whose every field is parsed from its UTF-8 bytes into a small number, with no string created.
/// </summary>
/// <remarks>
/// Each field accepts only the plain form a TEA extract writes (<c>2024</c>, <c>101912001</c>, <c>KG</c>, <c>29.0</c>)
/// and gives <see cref="Fields.NotPlain"/> for anything else, without deciding whether it is valid: such a row is read
/// again by the canonical reader's own mapping (<see cref="BasicReportingPeriodAttendanceCsv"/>), which accepts it or reports
/// its problem exactly as that reader does. So the loader accepts and refuses exactly what the canonical reader does,
/// and only the rows that need it pay for strings. Columns are found by the names and TEA element numbers of
/// <see cref="BasicReportingPeriodAttendanceCsv.Columns"/>.
/// </remarks>
[CsvRecord]
internal partial struct PeriodRecordRow
{
    [CsvColumn("SchoolYear", "E0974")]
    [CsvConverter(typeof(Fields.Year))]
    public int SchoolYear { get; set; }

    [CsvColumn("DistrictId", "E0212")]
    [CsvConverter(typeof(Fields.SixDigits))]
    public int District { get; set; }

    [CsvColumn("CampusId", "E0266")]
    [CsvConverter(typeof(Fields.NineDigits))]
    public int Campus { get; set; }

    [CsvColumn("StudentId", "E1523")]
    [CsvConverter(typeof(Fields.TenDigits))]
    public long Student { get; set; }

    [CsvColumn("GradeLevel", "E0017")]
    [CsvConverter(typeof(Fields.Grade))]
    public int Grade { get; set; }

    [CsvColumn("InstructionalTrack", "E0975")]
    [CsvConverter(typeof(Fields.Track))]
    public int Track { get; set; }

    [CsvColumn("ReportingPeriod", "E0934")]
    [CsvConverter(typeof(Fields.Period))]
    public int Period { get; set; }

    /// <summary>The enrollment's ADA code plus one (0 to 8 as 1 to 9), or 0 when blank or absent: the code is optional.</summary>
    [CsvColumn("AdaEligibilityCode", "E0787", Optional = true)]
    [CsvConverter(typeof(Fields.AdaCode))]
    public int AdaCode { get; set; }

    [CsvColumn("NumberDaysTaught", "E0935")]
    [CsvConverter(typeof(Fields.HalfDays))]
    public int DaysTaught { get; set; }

    [CsvColumn("EligibleDaysPresent", "E0937")]
    [CsvConverter(typeof(Fields.HalfDays))]
    public int Eligible { get; set; }

    [CsvColumn("IneligibleDaysPresent", "E0936")]
    [CsvConverter(typeof(Fields.HalfDays))]
    public int Ineligible { get; set; }

    [CsvColumn("DaysAbsent", "E0036")]
    [CsvConverter(typeof(Fields.HalfDays))]
    public int Absent { get; set; }

    [CsvColumn("RemoteSynchronousEligibleDaysPresent", "E1678", Optional = true)]
    [CsvConverter(typeof(Fields.OptionalHalfDays))]
    public int RemoteSynchronous { get; set; }

    [CsvColumn("RemoteAsynchronousEligibleDaysPresent", "E1679", Optional = true)]
    [CsvConverter(typeof(Fields.OptionalHalfDays))]
    public int RemoteAsynchronous { get; set; }

    [CsvColumn("EconomicDisadvantageCode", "E0785")]
    [CsvConverter(typeof(Fields.Economic))]
    public int Economic { get; set; }

    [CsvColumn("EmergentBilingualCode", "E0790")]
    [CsvConverter(typeof(Fields.EmergentBilingual))]
    public int EmergentBilingual { get; set; }

    [CsvColumn("BilingualEslFundingCode", "E1651", Optional = true)]
    [CsvConverter(typeof(Fields.Funding))]
    public int Funding { get; set; }

    /// <summary>The row as a store holds it (a plain row the canonical reader accepts as it is).</summary>
    public readonly Attendance.Columnar.EncodedRow Encode() => new()
    {
        SchoolYear = SchoolYear,
        CampusNumber = Campus,
        StudentNumber = Student,
        Grade = Grade,
        Track = Track,
        Period = Period,
        AdaCode = AdaCode == 0 ? Attendance.Columnar.RecordBits.NoAdaCode : AdaCode - 1,
        DaysTaught = DaysTaught,
        Eligible = Eligible,
        Ineligible = Ineligible,
        Absent = Absent,
        RemoteSynchronous = RemoteSynchronous,
        RemoteAsynchronous = RemoteAsynchronous,
        Economic = Economic,
        EmergentBilingual = EmergentBilingual,
        Funding = Funding,
    };

    /// <summary>The record of a plain row the canonical reader accepts as it is, at <paramref name="campus"/> (the row's campus).</summary>
    public readonly BasicReportingPeriodAttendance ToRecord(CampusId campus) => new(
        new PeimsRules.SchoolYear(SchoolYear),
        new ReportingPeriodAttendanceKey(
            campus,
            StudentId.Parse(Student.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)),
            GradeLevel.All[Grade],
            new InstructionalTrack(Track),
            new ReportingPeriod(Period)),
        DayCount.FromHalfDays(DaysTaught),
        DayCount.FromHalfDays(Eligible),
        DayCount.FromHalfDays(Ineligible),
        DayCount.FromHalfDays(Absent),
        new StudentFundingAttributes(
            EconomicDisadvantage.All[Economic],
            PeimsRules.EmergentBilingual.All[EmergentBilingual],
            Funding > 0 ? BilingualEslFunding.All[Funding - 1] : null),
        DayCount.FromHalfDays(RemoteSynchronous),
        DayCount.FromHalfDays(RemoteAsynchronous),
        AdaCode == 0 ? null : AdaEligibility.FromCode(AdaCode - 1));

    /// <summary>Whether every field was in its plain form.</summary>
    public readonly bool IsPlain =>
        (SchoolYear | District | Campus | Grade | Track | Period | AdaCode | DaysTaught | Eligible | Ineligible | Absent
            | RemoteSynchronous | RemoteAsynchronous | Economic | EmergentBilingual | Funding) >= 0
        && Student >= 0;
}

/// <summary>
/// The converters of <see cref="PeriodRecordRow"/>: each reads one field's UTF-8 bytes in its plain form, or says it
/// is not plain. They never throw, and hold no state, so the parallel workers share them.
/// </summary>
internal static class Fields
{
    /// <summary>The field is not in its plain form; the canonical reader decides.</summary>
    public const int NotPlain = -1;

    /// <summary>The largest day count read in plain form, in half days (999.5 days); larger ones go to the canonical reader.</summary>
    private const int MaximumPlainHalfDays = 1999;

    public static int Digits(ReadOnlySpan<byte> field, int length) => (int)LongDigits(field, length);

    /// <summary>Exactly <paramref name="length"/> ASCII digits (at most 18) as a number, or <see cref="NotPlain"/>.</summary>
    public static long LongDigits(ReadOnlySpan<byte> field, int length)
    {
        if (field.Length != length)
        {
            return NotPlain;
        }

        long value = 0;
        foreach (var b in field)
        {
            var digit = b - (byte)'0';
            if (digit is < 0 or > 9)
            {
                return NotPlain;
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    /// <summary><c>29</c>, <c>29.0</c> or <c>14.5</c> as half days.</summary>
    public static int ParseHalfDays(ReadOnlySpan<byte> field)
    {
        var dot = field.IndexOf((byte)'.');
        var whole = dot < 0 ? field : field[..dot];
        if (whole.IsEmpty || whole.Length > 3)
        {
            return NotPlain;
        }

        var days = Digits(whole, whole.Length);
        if (days < 0)
        {
            return NotPlain;
        }

        var half = 0;
        if (dot >= 0)
        {
            if (field.Length != dot + 2)
            {
                return NotPlain;
            }

            switch (field[dot + 1])
            {
                case (byte)'0':
                    break;
                case (byte)'5':
                    half = 1;
                    break;
                default:
                    return NotPlain;
            }
        }

        var halfDays = (days * 2) + half;
        return halfDays <= MaximumPlainHalfDays ? halfDays : NotPlain;
    }

    /// <summary>EE, PK, KG, 01 to 12 in capitals as the grade's ordinal (0 to 14).</summary>
    public static int ReadGrade(ReadOnlySpan<byte> field)
    {
        if (field.Length != 2)
        {
            return NotPlain;
        }

        return (field[0], field[1]) switch
        {
            ((byte)'E', (byte)'E') => 0,
            ((byte)'P', (byte)'K') => 1,
            ((byte)'K', (byte)'G') => 2,
            _ => Digits(field, 2) is var n and >= 1 and <= 12 ? n + 2 : NotPlain,
        };
    }

    /// <summary>1 to 9, one digit.</summary>
    public static int ReadPeriod(ReadOnlySpan<byte> field) => Digits(field, 1) is var n and >= 1 ? n : NotPlain;

    /// <summary>0 to 8 as 1 to 9; blank as 0 (no code).</summary>
    public static int ReadAdaCode(ReadOnlySpan<byte> field) => field.IsEmpty ? 0 : Digits(field, 1) is var n and >= 0 and <= 8 ? n + 1 : NotPlain;

    /// <summary>A day count that may be left blank (zero days).</summary>
    public static int ReadOptionalHalfDays(ReadOnlySpan<byte> field) => field.IsEmpty ? 0 : ParseHalfDays(field);

    /// <summary>00, 01, 02, 99 as their index in <see cref="EconomicDisadvantage.All"/>.</summary>
    public static int ReadEconomic(ReadOnlySpan<byte> field) => Digits(field, 2) switch
    {
        0 => 0,
        1 => 1,
        2 => 2,
        99 => 3,
        _ => NotPlain,
    };

    /// <summary>0, 1, F, S, 3, 4, 5 as their index in <see cref="PeimsRules.EmergentBilingual.All"/>.</summary>
    public static int ReadEmergentBilingual(ReadOnlySpan<byte> field) => field.Length != 1 ? NotPlain : field[0] switch
    {
        (byte)'0' => 0,
        (byte)'1' => 1,
        (byte)'F' => 2,
        (byte)'S' => 3,
        (byte)'3' => 4,
        (byte)'4' => 5,
        (byte)'5' => 6,
        _ => NotPlain,
    };

    /// <summary>Blank, BE, D1, D2 as 0 to 3.</summary>
    public static int ReadFunding(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return 0;
        }

        return field.Length != 2 ? NotPlain : (field[0], field[1]) switch
        {
            ((byte)'B', (byte)'E') => 1,
            ((byte)'D', (byte)'1') => 2,
            ((byte)'D', (byte)'2') => 3,
            _ => NotPlain,
        };
    }

    public sealed class Year : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => Digits(reader.GetSpan(index), 4);

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    public sealed class SixDigits : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => Digits(reader.GetSpan(index), 6);

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    public sealed class NineDigits : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => Digits(reader.GetSpan(index), 9);

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>A ten-digit TX-UNIQUE-STUDENT-ID as its number; local ids are not plain.</summary>
    public sealed class TenDigits : ICsvConverter<long>
    {
        public long Read(CsvReader reader, int index) => LongDigits(reader.GetSpan(index), 10);

        public void Write(CsvWriter writer, long value) => throw new NotSupportedException();
    }

    /// <summary>EE, PK, KG, 01 to 12 in capitals, as the grade's ordinal (0 to 14).</summary>
    public sealed class Grade : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadGrade(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    public sealed class Track : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => Digits(reader.GetSpan(index), 2);

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>1 to 9, one digit.</summary>
    public sealed class Period : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadPeriod(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>0 to 8 as 1 to 9; blank as 0 (no code).</summary>
    public sealed class AdaCode : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadAdaCode(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    public sealed class HalfDays : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ParseHalfDays(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>A day count that may be left blank (zero days).</summary>
    public sealed class OptionalHalfDays : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadOptionalHalfDays(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>00, 01, 02, 99 as their index in <see cref="EconomicDisadvantage.All"/>.</summary>
    public sealed class Economic : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadEconomic(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>0, 1, F, S, 3, 4, 5 as their index in <see cref="PeimsRules.EmergentBilingual.All"/>.</summary>
    public sealed class EmergentBilingual : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadEmergentBilingual(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }

    /// <summary>Blank, BE, D1, D2 as 0 to 3.</summary>
    public sealed class Funding : ICsvConverter<int>
    {
        public int Read(CsvReader reader, int index) => ReadFunding(reader.GetSpan(index));

        public void Write(CsvWriter writer, int value) => throw new NotSupportedException();
    }
}
