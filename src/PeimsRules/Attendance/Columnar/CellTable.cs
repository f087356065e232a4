namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The fine cells of a store or of partial sums: one per campus, grade, track, reporting period and days taught,
/// sorted in that order (campuses by their code, so a district's campuses are next to each other).
/// </summary>
/// <remarks>
/// TEA sets the days taught per campus, track and period, so a campus, grade, track and period normally has one cell.
/// Records that report another days taught get a cell of their own: the cell key includes the days taught, which is
/// how every sum stays exact (ADA divides each record's eligible days by its own days taught) without an exception
/// path in the hot loop.
/// </remarks>
internal sealed class CellTable
{
    public CellTable(CampusId[] campuses, int[] campus, byte[] grade, byte[] track, byte[] period, int[] daysTaught)
    {
        Campuses = campuses;
        CampusDistricts = campuses.Select(c => c.District).ToArray();
        Campus = campus;
        Grade = grade;
        Track = track;
        Period = period;
        DaysTaught = daysTaught;
        K3Rank = new int[campus.Length];
        var k3 = 0;
        for (var c = 0; c < campus.Length; c++)
        {
            K3Rank[c] = IsK3Grade(grade[c]) ? k3++ : -1;
        }

        K3Count = k3;
    }

    /// <summary>The campuses, sorted by code.</summary>
    public CampusId[] Campuses { get; }

    /// <summary>The district of each campus.</summary>
    public DistrictId[] CampusDistricts { get; }

    /// <summary>Per cell: the index of its campus in <see cref="Campuses"/>.</summary>
    public int[] Campus { get; }

    /// <summary>Per cell: the grade's ordinal, 0 (EE) to 14 (12).</summary>
    public byte[] Grade { get; }

    /// <summary>Per cell: the track number.</summary>
    public byte[] Track { get; }

    /// <summary>Per cell: the reporting period number, 1 to 9.</summary>
    public byte[] Period { get; }

    /// <summary>Per cell: the days taught, in half days.</summary>
    public int[] DaysTaught { get; }

    /// <summary>Per cell: its rank among the cells of grades KG to 03, or -1.</summary>
    public int[] K3Rank { get; }

    /// <summary>The number of cells of grades KG to 03.</summary>
    public int K3Count { get; }

    public int Count => Campus.Length;

    public static bool IsK3Grade(int gradeOrdinal) => GradeLevel.All[gradeOrdinal].IsKindergartenThroughThird;

    public static int GradeOrdinal(GradeLevel grade) => grade.Number + 2;

    public GradeLevel GradeOf(int cell) => GradeLevel.All[Grade[cell]];

    public InstructionalTrack TrackOf(int cell) => new(Track[cell]);

    public ReportingPeriod PeriodOf(int cell) => new(Period[cell]);

    public DayCount DaysTaughtOf(int cell) => DayCount.FromHalfDays(DaysTaught[cell]);

    public CampusId CampusOf(int cell) => Campuses[Campus[cell]];

    public DistrictId DistrictOf(int cell) => CampusDistricts[Campus[cell]];

    public long SizeInBytes =>
        (Count * (4L + 1 + 1 + 1 + 4 + 4)) + (Campuses.Length * 2L * (24 + 32 + 8));
}
