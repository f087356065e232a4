namespace PeimsRules.Attendance.Daily;

/// <summary>What one day of one enrollment comes to.</summary>
internal readonly record struct DayDecision(
    DayExclusionReason? Reason,
    AdaEligibility Code,
    bool IsPresent,
    long EligibleHalfDays,
    long IneligibleHalfDays,
    long AbsentHalfDays,
    long PregnancyRelatedServicesHalfDays,
    long MainstreamHalfDays,
    long ResidentialFacilityHalfDays,
    long BilingualEslHalfDays,
    SnapshotReading Reading);

/// <summary>
/// What the marks that held the snapshot time say about a day. The values are bits: a present mark adds
/// <see cref="Present"/>, an absent one <see cref="Absent"/>, and both together are <see cref="Conflict"/>, so the
/// readings of several marks fold with a bitwise or in any order.
/// </summary>
internal enum SnapshotReading : byte
{
    /// <summary>No mark held the snapshot time.</summary>
    NoMark = 0,

    /// <summary>Every mark that held the snapshot time says present.</summary>
    Present = 1,

    /// <summary>Every mark that held the snapshot time says absent.</summary>
    Absent = 2,

    /// <summary>Marks that held the snapshot time disagree.</summary>
    Conflict = Present | Absent,
}

/// <summary>
/// The rules of the Ed-Fi Texas v4.0 reporting-period attendance object logic for one day, in the order <see cref="DayExclusionReason"/> lists them. The builder and the
/// explanation both decide every day here, so an explanation cannot disagree with the records.
/// </summary>
internal static class DayRules
{
    /// <summary>No mark held the snapshot time.</summary>
    public const int NoMark = -1;

    /// <summary>Marks that held the snapshot time disagree.</summary>
    public const int Conflict = -2;

    /// <summary>The reason that leaves out every day of an enrollment, if there is one.</summary>
    public static DayExclusionReason? EnrollmentReason(CalendarEntry calendar, StudentEnrollment enrollment)
    {
        if (calendar.Calendar.IsCampusExcluded)
        {
            return DayExclusionReason.CampusExcluded;
        }

        if (calendar.Calendar.IsExcluded)
        {
            return DayExclusionReason.CalendarExcluded;
        }

        if (enrollment.IsStateExcluded)
        {
            return DayExclusionReason.StateExcludeEnrollment;
        }

        if (enrollment.IsNoShow)
        {
            return DayExclusionReason.NoShowEnrollment;
        }

        return null;
    }

    /// <summary>
    /// Decides an instructional day (day number <paramref name="day"/>) of <paramref name="enrollment"/>, which covers
    /// it, given the mark that held the snapshot time (<see cref="NoMark"/>, <see cref="Conflict"/> or an index into
    /// <paramref name="marks"/>).
    /// </summary>
    public static DayDecision Decide(
        PreparedEnrollment enrollment,
        int day,
        bool inExcludedRange,
        int snapshotMark,
        ReadOnlySpan<PreparedProgram> programs,
        DailyAttendanceMark[] marks,
        DailyBuildOptions options) =>
        Decide(enrollment, day, inExcludedRange, ReadingOf(snapshotMark, marks), programs, options);

    /// <summary>What the mark that held the snapshot time (<see cref="NoMark"/>, <see cref="Conflict"/> or an index into <paramref name="marks"/>) says.</summary>
    public static SnapshotReading ReadingOf(int snapshotMark, DailyAttendanceMark[] marks) => snapshotMark switch
    {
        NoMark => SnapshotReading.NoMark,
        Conflict => SnapshotReading.Conflict,
        _ => marks[snapshotMark].IsPresent ? SnapshotReading.Present : SnapshotReading.Absent,
    };

    /// <summary>
    /// Decides an instructional day (day number <paramref name="day"/>) of <paramref name="enrollment"/>, which covers
    /// it, given what the marks that held the snapshot time say (<paramref name="reading"/>).
    /// </summary>
    public static DayDecision Decide(
        PreparedEnrollment enrollment,
        int day,
        bool inExcludedRange,
        SnapshotReading reading,
        ReadOnlySpan<PreparedProgram> programs,
        DailyBuildOptions options)
    {
        var code = enrollment.CodeOn(day);
        if (enrollment.WholeEnrollmentReason is { } whole)
        {
            return LeftOut(whole, code, reading);
        }

        if (inExcludedRange)
        {
            return LeftOut(DayExclusionReason.ExcludedDateRange, code, reading);
        }

        if (!code.IsInMembership)
        {
            return LeftOut(DayExclusionReason.AdaCodeZero, code, reading);
        }

        if (code.Weight == DayWeight.FlexibleMinutes)
        {
            return LeftOut(DayExclusionReason.FlexibleAttendanceProgram, code, reading);
        }

        if (enrollment.IsEarlyEducation && !HasIep(programs, day))
        {
            return LeftOut(DayExclusionReason.EarlyEducationWithoutIep, code, reading);
        }

        bool present;
        if (reading == SnapshotReading.Conflict)
        {
            return LeftOut(DayExclusionReason.ConflictingSnapshotMarks, code, reading);
        }
        else if (reading == SnapshotReading.NoMark)
        {
            if (options.NoSnapshotMark != NoSnapshotMarkRule.CountPresent)
            {
                return LeftOut(DayExclusionReason.NoSnapshotMark, code, reading);
            }

            present = true;
        }
        else
        {
            present = reading == SnapshotReading.Present;
        }

        // Codes 2, 5 and 6 count one half day of presence or absence for each instructional day (Ed-Fi Texas v4.0 reporting-period attendance object logic).
        long weight = code.IsHalfDay ? 1 : 2;
        if (!present)
        {
            return new DayDecision(null, code, false, 0, 0, weight, 0, 0, 0, 0, reading);
        }

        if (!code.IsEligible)
        {
            // A code-4 or code-5 day present is an ineligible day present, and no special-program day.
            return new DayDecision(null, code, true, 0, weight, 0, 0, 0, 0, 0, reading);
        }

        var on = SpecialProgramsOn(programs, day);
        long prs = on.PregnancyRelatedServices ? weight : 0, mainstream = on.Mainstream ? weight : 0, residential = on.ResidentialFacility ? weight : 0;

        // E0938: an eligible day present on which the enrollment carries a bilingual/ESL funding code (E1651), with the
        // same half-day rule; the builder files it under that code.
        var bilingual = enrollment.Enrollment.BilingualEslFunding is null ? 0 : weight;
        return new DayDecision(null, code, true, weight, 0, 0, prs, mainstream, residential, bilingual, reading);
    }

    /// <summary>
    /// Which special programs count an eligible day present on <paramref name="day"/>: pregnancy-related services
    /// (E0939), special-education mainstream (E0940, an IEP in the mainstream setting) and residential facility (E1652),
    /// each when a participation of it covers the day.
    /// </summary>
    public static (bool PregnancyRelatedServices, bool Mainstream, bool ResidentialFacility) SpecialProgramsOn(ReadOnlySpan<PreparedProgram> programs, int day)
    {
        var (prs, mainstream, residential) = (false, false, false);
        foreach (var program in programs)
        {
            if (!program.Covers(day))
            {
                continue;
            }

            switch (program.Program)
            {
                case SpecialProgram.PregnancyRelatedServices:
                    prs = true;
                    break;
                case SpecialProgram.ResidentialFacility:
                    residential = true;
                    break;
                case SpecialProgram.SpecialEducation when program.IsMainstreamIep:
                    mainstream = true;
                    break;
            }
        }

        return (prs, mainstream, residential);
    }

    /// <summary>
    /// Folds a mark that holds the snapshot time into what is known of the day: the first such mark decides; a second
    /// that agrees (present with present, absent with absent) changes nothing but which one is shown (the earliest, so
    /// the choice does not depend on input order); one that disagrees makes the day a conflict.
    /// </summary>
    public static int Combine(int current, int candidate, DailyAttendanceMark[] marks)
    {
        if (current == Conflict)
        {
            return Conflict;
        }

        if (current == NoMark)
        {
            return candidate;
        }

        var a = marks[current];
        var b = marks[candidate];
        if (a.IsPresent != b.IsPresent)
        {
            return Conflict;
        }

        return Compare(a, b) <= 0 ? current : candidate;
    }

    public static bool HasIep(ReadOnlySpan<PreparedProgram> programs, int day)
    {
        foreach (var program in programs)
        {
            if (program.Program == SpecialProgram.SpecialEducation && program.Covers(day))
            {
                return true;
            }
        }

        return false;
    }

    public static string Describe(DayExclusionReason reason) => reason switch
    {
        DayExclusionReason.NotInstructionalDay => "not an instructional day of the calendar; it has no days taught.",
        DayExclusionReason.NotEnrolled => "no enrollment on this calendar covers the day.",
        DayExclusionReason.CampusExcluded => "the campus is marked exclude; no record is sent from it (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.CalendarExcluded => "the calendar is marked exclude; no record is sent from it (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.StateExcludeEnrollment => "the enrollment is marked state exclude; no record is sent from it (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.NoShowEnrollment => "the enrollment is marked no show; no record is sent from it (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.ExcludedDateRange => "the day is in an excluded date range of the calendar; its attendance and membership are left out (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.AdaCodeZero => "ADA eligibility code 0 (enrolled, not in membership) is in force; only a code other than 0 is reported (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.FlexibleAttendanceProgram => "ADA eligibility code 7 or 8 (flexible attendance program) is in force; those days are counted in minutes, not here.",
        DayExclusionReason.EarlyEducationWithoutIep => "grade EE with no IEP overlapping the day; EE days count only where an IEP does (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.NoSnapshotMark => "no attendance mark holds the campus's snapshot time that day, so it is neither present nor absent (Ed-Fi Texas v4.0 reporting-period attendance object logic).",
        DayExclusionReason.ConflictingSnapshotMarks => "marks that hold the snapshot time disagree (present and absent); the day cannot be decided.",
        _ => reason.ToString(),
    };

    private static DayDecision LeftOut(DayExclusionReason reason, AdaEligibility code, SnapshotReading reading) =>
        new(reason, code, false, 0, 0, 0, 0, 0, 0, 0, reading);

    private static int Compare(DailyAttendanceMark a, DailyAttendanceMark b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c == 0)
        {
            c = a.End.CompareTo(b.End);
        }

        if (c == 0)
        {
            c = ((int)a.Status).CompareTo((int)b.Status);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.ClassPeriod, b.ClassPeriod);
        }

        return c;
    }
}
