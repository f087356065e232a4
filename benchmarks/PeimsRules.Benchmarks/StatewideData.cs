using System.Globalization;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Benchmarks;

/// <summary>
/// A seeded synthetic Texas: 1,200 districts, 9,000 campuses, 5.5 million students, six reporting periods each
/// (33 million period records), all scaled by <see cref="Scale"/>. Records come out district by district, campus by
/// campus, student by student, as a TSDS extract is ordered.
/// </summary>
/// <remarks>
/// Campuses are elementary (EE/PK-05, 60%), middle (06-08) or high (09-12); one in ten runs two tracks. Days taught
/// are set per campus, track and period (27 to 32.5 days); one record in 2,000 reports one half day fewer (a data
/// error the store keeps in a cell of its own). ADA codes: 88% code 1, the rest spread over 0 and 2 to 8. About 62%
/// are economically disadvantaged, 22% emergent bilingual (most with a funding code). The 2023-24 school year, so no
/// remote days. Every value comes from a hash of the seed and the student, so any part can be generated on its own.
/// </remarks>
public sealed class StatewideData
{
    /// <summary>Students in the statewide data set at scale 1.</summary>
    public const int StatewideStudents = 5_500_000;

    private readonly int _seed;
    private readonly int[] _campusStudentStart;
    private readonly int[] _campusNumber;
    private readonly int[] _campusDistrict;

    /// <summary>Creates the data set at <paramref name="scale"/> of the state.</summary>
    /// <param name="scale">The fraction of the state (1 for all of Texas).</param>
    /// <param name="studentsPerCampus">Multiplies the students of each campus (the same campuses, cells and days taught, more records).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="schoolYear">The school year of the records, by the year it ends in (2024 for 2023-24); the records are the same in every year.</param>
    public StatewideData(double scale, int studentsPerCampus = 1, int seed = 2024, int schoolYear = 2024)
    {
        Scale = scale;
        SchoolYear = schoolYear;
        _seed = seed;
        Districts = Math.Max(1, (int)Math.Round(1_200 * scale));
        Campuses = Math.Max(Districts, (int)Math.Round(9_000 * scale));
        Students = Math.Max(Campuses, (int)Math.Round(StatewideStudents * scale)) * studentsPerCampus;
        _campusStudentStart = new int[Campuses + 1];
        _campusNumber = new int[Campuses];
        _campusDistrict = new int[Campuses];
        for (var c = 0; c < Campuses; c++)
        {
            // Campuses are dealt to districts in order, so a district's campuses are consecutive.
            var district = (int)((long)c * Districts / Campuses);
            var firstOfDistrict = (int)(((long)district * Campuses + Districts - 1) / Districts);
            _campusDistrict[c] = 100_000 + (district * 7);
            _campusNumber[c] = (_campusDistrict[c] * 1000) + 1 + (c - firstOfDistrict);
            _campusStudentStart[c + 1] = (int)((long)Students * (c + 1) / Campuses);
        }
    }

    /// <summary>The fraction of the state.</summary>
    public double Scale { get; }

    /// <summary>The school year of the records, by the year it ends in.</summary>
    public int SchoolYear { get; }

    /// <summary>The number of districts.</summary>
    public int Districts { get; }

    /// <summary>The number of campuses.</summary>
    public int Campuses { get; }

    /// <summary>The number of students.</summary>
    public int Students { get; }

    /// <summary>The number of period records: six per student.</summary>
    public long RecordCount => Students * 6L;

    /// <summary>Every record, in extract order.</summary>
    public IEnumerable<SyntheticRecord> Records() => Records(period: null);

    /// <summary>The records of one period (a six-weeks submission), or of all six.</summary>
    public IEnumerable<SyntheticRecord> Records(int? period)
    {
        for (var c = 0; c < Campuses; c++)
        {
            for (var s = _campusStudentStart[c]; s < _campusStudentStart[c + 1]; s++)
            {
                for (var p = period ?? 1; p <= (period ?? 6); p++)
                {
                    yield return Record(c, s, p);
                }
            }
        }
    }

    /// <summary>The store of every record, filled through the builder's encoded-row path (what the CSV loader uses).</summary>
    public AttendanceStore BuildStore()
    {
        var builder = new AttendanceStoreBuilder();
        foreach (var r in Records())
        {
            var row = new EncodedRow
            {
                SchoolYear = SchoolYear,
                CampusNumber = r.Campus,
                StudentNumber = r.Student,
                Grade = r.Grade,
                Track = r.Track,
                Period = r.Period,
                AdaCode = r.Code,
                DaysTaught = r.DaysTaught,
                Eligible = r.Eligible,
                Ineligible = r.Ineligible,
                Absent = r.Absent,
                Economic = r.Economic,
                EmergentBilingual = r.Bilingual,
                Funding = r.Funding,
            };
            builder.Add(in row);
        }

        return builder.Build();
    }

    /// <summary>Every record as a <see cref="BasicReportingPeriodAttendance"/>, in a list (the naive baseline's input).</summary>
    public List<BasicReportingPeriodAttendance> BuildList(int? period = null)
    {
        var list = new List<BasicReportingPeriodAttendance>((int)(period is null ? RecordCount : Students));
        list.AddRange(RecordObjects(period));
        return list;
    }

    /// <summary>Every record as a <see cref="BasicReportingPeriodAttendance"/>, one at a time (for writing a file as a stream).</summary>
    public IEnumerable<BasicReportingPeriodAttendance> RecordObjects(int? period = null)
    {
        var year = new PeimsRules.SchoolYear(SchoolYear);
        var campuses = _campusNumber.Select(n => CampusId.Parse(n.ToString("D9", CultureInfo.InvariantCulture))).ToArray();
        var districts = campuses.Select(c => c.District).ToArray();
        for (var c = 0; c < Campuses; c++)
        {
            for (var s = _campusStudentStart[c]; s < _campusStudentStart[c + 1]; s++)
            {
                var student = StudentId.Parse((1_000_000_000L + s).ToString("D10", CultureInfo.InvariantCulture));
                for (var p = period ?? 1; p <= (period ?? 6); p++)
                {
                    var r = Record(c, s, p);
                    yield return new BasicReportingPeriodAttendance(
                        year,
                        new ReportingPeriodAttendanceKey(campuses[c], student, GradeLevel.All[r.Grade], new InstructionalTrack(r.Track), new ReportingPeriod(r.Period)),
                        DayCount.FromHalfDays(r.DaysTaught),
                        DayCount.FromHalfDays(r.Eligible), DayCount.FromHalfDays(r.Ineligible), DayCount.FromHalfDays(r.Absent),
                        new StudentFundingAttributes(EconomicDisadvantage.All[r.Economic], EmergentBilingual.All[r.Bilingual], r.Funding == 0 ? null : BilingualEslFunding.All[r.Funding - 1]),
                        adaEligibility: AdaEligibility.FromCode(r.Code));
                }
            }
        }

    }

    /// <summary>The record of student <paramref name="student"/> of campus <paramref name="campus"/> in <paramref name="period"/>.</summary>
    private SyntheticRecord Record(int campus, int student, int period)
    {
        var kind = Mix((ulong)_seed, (ulong)campus) % 10; // 0-5 elementary, 6-7 middle, 8-9 high
        var tracks = Mix((ulong)_seed + 1, (ulong)campus) % 10 == 0 ? 2 : 1;
        var h = Mix((ulong)_seed + 2, (ulong)student);
        var grade = kind switch
        {
            < 6 => (h % 100) switch { 0 => 0, < 10 => 1, var g => 2 + (int)((g - 10) % 6) },
            < 8 => 8 + (int)(h % 3),
            _ => 11 + (int)(h % 4),
        };
        var track = (int)((h >> 8) % (ulong)tracks);
        var cell = Mix((ulong)_seed + 3, ((ulong)(uint)campus << 8) | ((ulong)(uint)track << 4) | (uint)period);
        var taught = 54 + (int)(cell % 6 * 2) + (cell % 7 == 0 ? 1 : 0);
        var r = Mix(h, (ulong)period);
        if (r % 2000 == 0)
        {
            taught--;
        }

        var codeRoll = (r >> 12) % 1000;
        var code = codeRoll switch
        {
            < 5 => 0,
            < 885 => 1,
            < 915 => 2,
            < 945 => 3,
            < 965 => 4,
            < 975 => 5,
            < 985 => 6,
            < 995 => 7,
            _ => 8,
        };
        var halfDay = code is 2 or 5 or 6;
        var membership = halfDay ? taught / 2 : taught;
        var absent = Math.Min(membership, (int)((r >> 24) % 7 == 0 ? (r >> 28) % 20 : (r >> 28) % 5));
        var present = membership - absent;
        var eligibleCode = code is 1 or 2 or 3 or 6 or 7;
        var economicRoll = (h >> 16) % 100;
        var bilingualRoll = (h >> 24) % 100;
        var bilingual = bilingualRoll switch { < 22 => 1, < 24 => 2, < 25 => 3, < 26 => 4, < 27 => 5, < 30 => 6, _ => 0 };
        return new SyntheticRecord(
            _campusDistrict[campus],
            _campusNumber[campus],
            1_000_000_000L + student,
            (byte)grade,
            (byte)track,
            (byte)period,
            (byte)code,
            (byte)taught,
            (byte)(code != 0 && eligibleCode ? present : 0),
            (byte)(code != 0 && !eligibleCode ? present : 0),
            (byte)(code != 0 ? absent : 0),
            (byte)(economicRoll switch { < 50 => 1, < 57 => 2, < 62 => 3, _ => 0 }),
            (byte)bilingual,
            (byte)(bilingual == 1 && (h >> 32) % 100 < 85 ? 1 + (int)((h >> 40) % 3) : 0));
    }

    /// <summary>SplitMix64 of the two values: a fast, well-mixed, seedable hash.</summary>
    private static ulong Mix(ulong a, ulong b)
    {
        unchecked
        {
            var z = a + (b * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
