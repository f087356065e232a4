namespace PeimsRules.Attendance;

/// <summary>The dimensions a summary groups by: any combination, or none (one row for all the records).</summary>
[Flags]
public enum AttendanceGrouping
{
    /// <summary>No grouping: one group holding every record.</summary>
    None = 0,

    /// <summary>By district.</summary>
    District = 1,

    /// <summary>By campus.</summary>
    Campus = 2,

    /// <summary>By grade level.</summary>
    GradeLevel = 4,

    /// <summary>By instructional track.</summary>
    InstructionalTrack = 8,
}

/// <summary>
/// The group a summary row belongs to: the district, campus, grade level and track it is for, each
/// <see langword="null"/> when the summary does not group by it.
/// </summary>
/// <param name="District">The district, when grouped by district.</param>
/// <param name="Campus">The campus, when grouped by campus.</param>
/// <param name="GradeLevel">The grade level, when grouped by grade.</param>
/// <param name="InstructionalTrack">The track, when grouped by track.</param>
public readonly record struct AttendanceGroupKey(
    DistrictId? District,
    CampusId? Campus,
    GradeLevel? GradeLevel,
    InstructionalTrack? InstructionalTrack) : IComparable<AttendanceGroupKey>
{
    /// <summary>The key of <paramref name="record"/> under <paramref name="grouping"/>.</summary>
    public static AttendanceGroupKey Of(BasicReportingPeriodAttendance record, AttendanceGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AttendanceGroupKey(
            grouping.HasFlag(AttendanceGrouping.District) ? record.DistrictId : null,
            grouping.HasFlag(AttendanceGrouping.Campus) ? record.CampusId : null,
            grouping.HasFlag(AttendanceGrouping.GradeLevel) ? record.GradeLevel : null,
            grouping.HasFlag(AttendanceGrouping.InstructionalTrack) ? record.InstructionalTrack : null);
    }

    /// <summary>Whether <paramref name="record"/> belongs to this group.</summary>
    public bool Contains(BasicReportingPeriodAttendance record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (District is null || District == record.DistrictId)
            && (Campus is null || Campus == record.CampusId)
            && (GradeLevel is null || GradeLevel == record.GradeLevel)
            && (InstructionalTrack is null || InstructionalTrack == record.InstructionalTrack);
    }

    /// <inheritdoc />
    public int CompareTo(AttendanceGroupKey other)
    {
        var c = Nullable.Compare(District, other.District);
        if (c == 0)
        {
            c = Nullable.Compare(Campus, other.Campus);
        }

        if (c == 0)
        {
            c = Nullable.Compare(GradeLevel, other.GradeLevel);
        }

        return c != 0 ? c : Nullable.Compare(InstructionalTrack, other.InstructionalTrack);
    }

    /// <summary>The group as words, such as <c>campus 101912001, grade 03</c>; <c>all records</c> for no grouping.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (District is { } d)
        {
            parts.Add($"district {d}");
        }

        if (Campus is { } c)
        {
            parts.Add($"campus {c}");
        }

        if (GradeLevel is { } g)
        {
            parts.Add($"grade {g}");
        }

        if (InstructionalTrack is { } t)
        {
            parts.Add($"track {t}");
        }

        return parts.Count == 0 ? "all records" : string.Join(", ", parts);
    }
}
