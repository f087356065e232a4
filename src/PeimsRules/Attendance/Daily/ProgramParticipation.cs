using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>The programs whose participation dates the reporting-period logic reads.</summary>
public enum SpecialProgram
{
    /// <summary>
    /// Special education, under an individualized education program (IEP) with its instructional setting (code
    /// table C035). An IEP lets an early-education (EE) student's days count; setting 40 (mainstream) counts the
    /// student's eligible days present as special-education mainstream days (E0940).
    /// </summary>
    SpecialEducation = 0,

    /// <summary>Pregnancy-related services (PRS): days present count as E0939 days.</summary>
    PregnancyRelatedServices = 1,

    /// <summary>Living in a residential facility: days present count as E1652 days.</summary>
    ResidentialFacility = 2,
}

/// <summary>
/// A student's participation in a <see cref="SpecialProgram"/> from a first day to a last day (both included), with the
/// instructional setting of a special-education IEP.
/// </summary>
/// <remarks>
/// The Ed-Fi Texas v4.0 reporting-period attendance object logic: an EE student's attendance days are included only where an IEP overlaps them; special-education
/// mainstream days are days present "where student has a locked IEP with Special Ed Setting mapped to Ed-Fi Code = 40";
/// pregnancy-related services and residential facility days are days present while the program or record is active.
/// Participation belongs to the student, whatever the campus. Setting 40 is "Mainstream" in TEA code table C035.
/// </remarks>
public sealed record ProgramParticipation
{
    /// <summary>The instructional setting code (C035) of the mainstream arrangement: 40.</summary>
    public const string MainstreamSetting = "40";

    /// <summary>Creates a participation.</summary>
    /// <param name="student">The student.</param>
    /// <param name="program">The program.</param>
    /// <param name="start">The first day of participation.</param>
    /// <param name="end">The last day of participation (included), or <see langword="null"/> while it goes on.</param>
    /// <param name="instructionalSetting">For <see cref="SpecialProgram.SpecialEducation"/>, the IEP's two-digit instructional setting code (C035), such as <c>40</c>.</param>
    /// <exception cref="ArgumentException">The last day is before the first, or a setting is given for another program or is not two digits.</exception>
    public ProgramParticipation(StudentId student, SpecialProgram program, LocalDate start, LocalDate? end, string? instructionalSetting = null)
    {
        if (!Enum.IsDefined(program))
        {
            throw new ArgumentException($"Unknown program {(int)program}.", nameof(program));
        }

        if (start.Calendar != CalendarSystem.Iso || (end is { } e0 && e0.Calendar != CalendarSystem.Iso))
        {
            throw new ArgumentException("Program dates are ISO (Gregorian) dates.", nameof(start));
        }

        if (end is { } e && e < start)
        {
            throw new ArgumentException($"Student {student}: {program} ends on {DailyText.Date(e)}, before it starts on {DailyText.Date(start)}.", nameof(end));
        }

        var setting = string.IsNullOrWhiteSpace(instructionalSetting) ? null : instructionalSetting.Trim();
        if (setting is not null)
        {
            if (program != SpecialProgram.SpecialEducation)
            {
                throw new ArgumentException("An instructional setting belongs to a special-education IEP only.", nameof(instructionalSetting));
            }

            if (setting.Length != 2 || !char.IsAsciiDigit(setting[0]) || !char.IsAsciiDigit(setting[1]))
            {
                throw new ArgumentException($"An instructional setting (C035) is two digits, such as 40; '{setting}' is not.", nameof(instructionalSetting));
            }
        }

        Student = student;
        Program = program;
        Start = start;
        End = end;
        InstructionalSetting = setting;
    }

    /// <summary>The student.</summary>
    public StudentId Student { get; }

    /// <summary>The program.</summary>
    public SpecialProgram Program { get; }

    /// <summary>The first day of participation.</summary>
    public LocalDate Start { get; }

    /// <summary>The last day of participation (included), or <see langword="null"/> while it goes on.</summary>
    public LocalDate? End { get; }

    /// <summary>The IEP's instructional setting code (C035), for special education.</summary>
    public string? InstructionalSetting { get; }

    /// <summary>Whether this is a special-education IEP in the mainstream setting (C035 code 40).</summary>
    public bool IsMainstreamIep => Program == SpecialProgram.SpecialEducation && InstructionalSetting == MainstreamSetting;

    /// <summary>Whether the participation covers <paramref name="date"/>.</summary>
    public bool Covers(LocalDate date) => date >= Start && (End is not { } e || date <= e);
}
