namespace PeimsRules;

/// <summary>
/// The key of a TSDS 42400 Basic Reporting Period Attendance record: student, campus, grade level, instructional track
/// and reporting period. TEA business rule 42400-000A requires it to be unique: one record per key.
/// </summary>
/// <remarks>
/// <para>
/// In the XML era the key also held the attendance event indicator (E1085); in the Ed-Fi era each program has its own
/// resource instead, so within the basic records these five fields are the key. The ADA eligibility code (E0787) is not
/// part of it: it belongs to the enrollment, and a code change inside a period is resolved into the record's eligible and
/// ineligible days.
/// </para>
/// <para>
/// A change of campus, grade or track is therefore not an edit of a record but a removal and an addition; a comparison
/// pairs the two and says the student moved (<see cref="Reconciliation.RecordChangeKind.MovedOut"/>,
/// <see cref="Reconciliation.RecordChangeKind.MovedIn"/>). Every field of an <see cref="Attendance.AttendanceGroupKey"/>
/// is part of this key, so the records before and after under one key always belong to the same rows of a summary.
/// </para>
/// </remarks>
/// <param name="Campus">The campus (E0266; the campus of enrollment E0782).</param>
/// <param name="Student">The student (E1523 or a local id).</param>
/// <param name="GradeLevel">The grade level (E0017).</param>
/// <param name="InstructionalTrack">The instructional track (E0975; the Ed-Fi calendar code).</param>
/// <param name="ReportingPeriod">The reporting period (E0934).</param>
public readonly record struct ReportingPeriodAttendanceKey(
    CampusId Campus,
    StudentId Student,
    GradeLevel GradeLevel,
    InstructionalTrack InstructionalTrack,
    ReportingPeriod ReportingPeriod) : IComparable<ReportingPeriodAttendanceKey>
{
    /// <summary>The district (E0212): the first six digits of the campus.</summary>
    public DistrictId District => Campus.District;

    /// <summary>
    /// The canonical order of records: by key, then by every other field. Snapshots store records in this order and
    /// content hashes are taken over it, so the order of the rows in a file does not change its hash.
    /// </summary>
    public static IComparer<BasicReportingPeriodAttendance> CanonicalRecordOrder { get; } = new RecordOrder();

    /// <summary>The key of <paramref name="record"/>.</summary>
    public static ReportingPeriodAttendanceKey Of(BasicReportingPeriodAttendance record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Key;
    }

    /// <summary>
    /// The fields in which <paramref name="other"/> differs from this key, as words: <c>grade 02 to 03</c>,
    /// <c>campus 101912001 to 101912002</c>. Empty when the keys are equal.
    /// </summary>
    public IReadOnlyList<string> DescribeMoveTo(ReportingPeriodAttendanceKey other)
    {
        var parts = new List<string>();
        if (District != other.District)
        {
            parts.Add($"district {District} to {other.District}");
        }

        if (Campus != other.Campus)
        {
            parts.Add($"campus {Campus} to {other.Campus}");
        }

        if (Student != other.Student)
        {
            parts.Add($"student {Student} to {other.Student}");
        }

        if (GradeLevel != other.GradeLevel)
        {
            parts.Add($"grade {GradeLevel} to {other.GradeLevel}");
        }

        if (InstructionalTrack != other.InstructionalTrack)
        {
            parts.Add($"track {InstructionalTrack} to {other.InstructionalTrack}");
        }

        if (ReportingPeriod != other.ReportingPeriod)
        {
            parts.Add($"period {ReportingPeriod} to {other.ReportingPeriod}");
        }

        return parts;
    }

    /// <inheritdoc />
    public int CompareTo(ReportingPeriodAttendanceKey other)
    {
        var c = District.CompareTo(other.District);
        if (c == 0)
        {
            c = Campus.CompareTo(other.Campus);
        }

        if (c == 0)
        {
            c = Student.CompareTo(other.Student);
        }

        if (c == 0)
        {
            c = GradeLevel.CompareTo(other.GradeLevel);
        }

        if (c == 0)
        {
            c = InstructionalTrack.CompareTo(other.InstructionalTrack);
        }

        if (c == 0)
        {
            c = ReportingPeriod.CompareTo(other.ReportingPeriod);
        }

        return c;
    }

    /// <summary>The key as words: <c>student 1000000001, campus 101912001, grade 03, track 00, period 2</c>.</summary>
    public override string ToString() =>
        $"student {Student}, campus {Campus}, grade {GradeLevel}, track {InstructionalTrack}, period {ReportingPeriod}";

    private sealed class RecordOrder : IComparer<BasicReportingPeriodAttendance>
    {
        public int Compare(BasicReportingPeriodAttendance? x, BasicReportingPeriodAttendance? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var c = Of(x).CompareTo(Of(y));
            if (c == 0)
            {
                c = x.SchoolYear.CompareTo(y.SchoolYear);
            }

            if (c == 0)
            {
                c = x.NumberDaysTaught.CompareTo(y.NumberDaysTaught);
            }

            if (c == 0)
            {
                c = x.EligibleDaysPresent.CompareTo(y.EligibleDaysPresent);
            }

            if (c == 0)
            {
                c = x.IneligibleDaysPresent.CompareTo(y.IneligibleDaysPresent);
            }

            if (c == 0)
            {
                c = x.DaysAbsent.CompareTo(y.DaysAbsent);
            }

            if (c == 0)
            {
                c = x.RemoteSynchronousEligibleDaysPresent.CompareTo(y.RemoteSynchronousEligibleDaysPresent);
            }

            if (c == 0)
            {
                c = x.RemoteAsynchronousEligibleDaysPresent.CompareTo(y.RemoteAsynchronousEligibleDaysPresent);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.EconomicDisadvantage.Code, y.EconomicDisadvantage.Code);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.EmergentBilingual.Code, y.EmergentBilingual.Code);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.BilingualEslFunding?.Code, y.BilingualEslFunding?.Code);
            }

            return c != 0 ? c : (x.AdaEligibility?.Code ?? -1).CompareTo(y.AdaEligibility?.Code ?? -1);
        }
    }
}
