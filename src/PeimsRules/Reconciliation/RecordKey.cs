using PeimsRules.Attendance;

namespace PeimsRules.Reconciliation;

/// <summary>
/// The natural key of a TSDS 42400 record, by which a comparison matches the records of two sets: district, campus,
/// student, grade level, instructional track, reporting period and ADA eligibility code.
/// </summary>
/// <remarks>
/// <para>
/// These are the fields whose change makes a separate record (a change of campus, grade, track or ADA eligibility code
/// inside a period starts a new 42400 record; seed 003, Ed-Fi TX object logic). A change of any of them is therefore
/// not an edit of a record but a removal and an addition; a comparison pairs the two and says the student moved
/// (<see cref="RecordChangeKind.MovedOut"/>, <see cref="RecordChangeKind.MovedIn"/>).
/// </para>
/// <para>
/// Every field of an <see cref="AttendanceGroupKey"/> is part of this key, so the records before and after under one
/// key always belong to the same rows of a summary; only their population (K-3 rows) can change with their codes.
/// </para>
/// </remarks>
/// <param name="District">The district (E0212).</param>
/// <param name="Campus">The campus (E0266).</param>
/// <param name="Student">The student (E1523 or a local id).</param>
/// <param name="GradeLevel">The grade level (E0017).</param>
/// <param name="InstructionalTrack">The instructional track (E0975).</param>
/// <param name="ReportingPeriod">The reporting period (E0934).</param>
/// <param name="AdaEligibility">The ADA eligibility code (E0787).</param>
public readonly record struct RecordKey(
    DistrictId District,
    CampusId Campus,
    StudentId Student,
    GradeLevel GradeLevel,
    InstructionalTrack InstructionalTrack,
    ReportingPeriod ReportingPeriod,
    AdaEligibility AdaEligibility) : IComparable<RecordKey>
{
    /// <summary>
    /// The canonical order of records: by key, then by every other field. Snapshots store records in this order and
    /// content hashes are taken over it, so the order of the rows in a file does not change its hash.
    /// </summary>
    public static IComparer<StudentAttendancePeriod> CanonicalRecordOrder { get; } = new RecordOrder();

    /// <summary>The key of <paramref name="record"/>.</summary>
    public static RecordKey Of(StudentAttendancePeriod record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordKey(
            record.DistrictId,
            record.CampusId,
            record.StudentId,
            record.GradeLevel,
            record.InstructionalTrack,
            record.ReportingPeriod,
            record.AdaEligibility);
    }

    /// <summary>
    /// The fields in which <paramref name="other"/> differs from this key, as words: <c>grade 02 to 03</c>,
    /// <c>campus 101912001 to 101912002</c>. Empty when the keys are equal.
    /// </summary>
    public IReadOnlyList<string> DescribeMoveTo(RecordKey other)
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

        if (AdaEligibility != other.AdaEligibility)
        {
            parts.Add($"ADA eligibility code {AdaEligibility} to {other.AdaEligibility}");
        }

        return parts;
    }

    /// <inheritdoc />
    public int CompareTo(RecordKey other)
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

        return c != 0 ? c : AdaEligibility.Code.CompareTo(other.AdaEligibility.Code);
    }

    /// <summary>The key as words: <c>student 1000000001, campus 101912001, grade 03, track 00, period 2, code 1</c>.</summary>
    public override string ToString() =>
        $"student {Student}, campus {Campus}, grade {GradeLevel}, track {InstructionalTrack}, period {ReportingPeriod}, code {AdaEligibility}";

    private sealed class RecordOrder : IComparer<StudentAttendancePeriod>
    {
        public int Compare(StudentAttendancePeriod? x, StudentAttendancePeriod? y)
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

            return c != 0 ? c : string.CompareOrdinal(x.BilingualEslFunding?.Code, y.BilingualEslFunding?.Code);
        }
    }
}
