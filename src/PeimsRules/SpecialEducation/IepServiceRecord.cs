using NodaTime;

namespace PeimsRules.SpecialEducation;

/// <summary>Why IEP service minutes were not delivered.</summary>
public enum MissedServiceReason
{
    /// <summary>The student was absent: the part of a deficit a district does not owe.</summary>
    StudentAbsent = 0,

    /// <summary>The provider was absent.</summary>
    ProviderAbsent = 1,

    /// <summary>The student refused the service.</summary>
    StudentRefused = 2,

    /// <summary>The campus was closed.</summary>
    CampusClosed = 3,

    /// <summary>Any other reason.</summary>
    Other = 4,
}

/// <summary>
/// The minutes of one IEP service for one student over one interval (a week, or a reporting period): the minutes
/// the IEP requires, the minutes delivered, and the minutes not delivered by reason.
/// </summary>
/// <remarks>
/// Validated on construction: a service name, required minutes above zero, no negative minutes, and exactly one of
/// <see cref="WeekOf"/> and <see cref="ReportingPeriod"/>.
/// </remarks>
public sealed record IepServiceRecord
{
    /// <summary>Creates the record.</summary>
    /// <exception cref="ArgumentException">A value is out of range (see remarks).</exception>
    public IepServiceRecord(
        StudentId studentId,
        CampusId campusId,
        string service,
        LocalDate? weekOf,
        ReportingPeriod? reportingPeriod,
        int minutesRequired,
        int minutesDelivered,
        int minutesMissedStudentAbsent = 0,
        int minutesMissedProviderAbsent = 0,
        int minutesMissedStudentRefused = 0,
        int minutesMissedCampusClosed = 0,
        int minutesMissedOther = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        if (weekOf.HasValue == reportingPeriod.HasValue)
        {
            throw new ArgumentException("An IEP service interval is either a week (WeekOf) or a reporting period, and exactly one of them.", nameof(weekOf));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutesRequired);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesDelivered);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesMissedStudentAbsent);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesMissedProviderAbsent);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesMissedStudentRefused);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesMissedCampusClosed);
        ArgumentOutOfRangeException.ThrowIfNegative(minutesMissedOther);
        StudentId = studentId;
        CampusId = campusId;
        Service = service.Trim();
        WeekOf = weekOf;
        ReportingPeriod = reportingPeriod;
        MinutesRequired = minutesRequired;
        MinutesDelivered = minutesDelivered;
        MinutesMissedStudentAbsent = minutesMissedStudentAbsent;
        MinutesMissedProviderAbsent = minutesMissedProviderAbsent;
        MinutesMissedStudentRefused = minutesMissedStudentRefused;
        MinutesMissedCampusClosed = minutesMissedCampusClosed;
        MinutesMissedOther = minutesMissedOther;
    }

    /// <summary>The student.</summary>
    public StudentId StudentId { get; }

    /// <summary>The campus responsible for the service.</summary>
    public CampusId CampusId { get; }

    /// <summary>The service, such as <c>Speech therapy</c> or <c>Resource instruction</c>.</summary>
    public string Service { get; }

    /// <summary>The first day of the week the minutes are for, when the IEP states minutes per week.</summary>
    public LocalDate? WeekOf { get; }

    /// <summary>The reporting period the minutes are for, when the IEP states minutes per reporting period.</summary>
    public ReportingPeriod? ReportingPeriod { get; }

    /// <summary>The minutes the IEP requires in the interval.</summary>
    public int MinutesRequired { get; }

    /// <summary>The minutes delivered in the interval.</summary>
    public int MinutesDelivered { get; }

    /// <summary>Minutes not delivered because the student was absent.</summary>
    public int MinutesMissedStudentAbsent { get; }

    /// <summary>Minutes not delivered because the provider was absent.</summary>
    public int MinutesMissedProviderAbsent { get; }

    /// <summary>Minutes not delivered because the student refused.</summary>
    public int MinutesMissedStudentRefused { get; }

    /// <summary>Minutes not delivered because the campus was closed.</summary>
    public int MinutesMissedCampusClosed { get; }

    /// <summary>Minutes not delivered for another reason.</summary>
    public int MinutesMissedOther { get; }

    /// <summary>The minutes not delivered for <paramref name="reason"/>.</summary>
    public int MinutesMissed(MissedServiceReason reason) => reason switch
    {
        MissedServiceReason.StudentAbsent => MinutesMissedStudentAbsent,
        MissedServiceReason.ProviderAbsent => MinutesMissedProviderAbsent,
        MissedServiceReason.StudentRefused => MinutesMissedStudentRefused,
        MissedServiceReason.CampusClosed => MinutesMissedCampusClosed,
        MissedServiceReason.Other => MinutesMissedOther,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reason."),
    };

    /// <summary>The interval as words: <c>week of 2024-09-09</c> or <c>reporting period 2</c>.</summary>
    public string Interval => WeekOf is { } week
        ? $"week of {week:yyyy'-'MM'-'dd}"
        : $"reporting period {ReportingPeriod}";
}
