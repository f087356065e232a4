using PeimsRules.Rules;

namespace PeimsRules.SpecialEducation;

/// <summary>
/// IEP service-minute compliance of one record: compliance ratio = minutes delivered ÷ minutes required; a shortfall
/// when it is below 1.0; the minute deficit (required − delivered, never below zero); and the deficit not explained by
/// student absence, the part a district owes as compensatory service.
/// </summary>
/// <remarks>
/// Minutes missed while the student was absent explain the deficit up to its size; every other reason (provider
/// absent, student refused, campus closed, other, or no reason given) leaves the minutes owed. Exact (a
/// <see cref="Ratio"/>); nothing is rounded.
/// </remarks>
/// <param name="Record">The service record.</param>
[TeaSource("District PEIMS integrity audit: SPED compliance ratio of actual to required service minutes; shortfall below 1.0", Status = CitationStatus.VendorDocumented)]
[TeaSource("34 CFR §300.323(c)(2): special education and related services are made available in accordance with the IEP")]
public sealed record ServiceMinuteCompliance(IepServiceRecord Record)
{
    /// <summary>Minutes delivered ÷ minutes required.</summary>
    public Ratio ComplianceRatio => Ratio.Of(Record.MinutesDelivered, Record.MinutesRequired);

    /// <summary>Whether fewer minutes were delivered than required.</summary>
    public bool IsShortfall => Record.MinutesDelivered < Record.MinutesRequired;

    /// <summary>Minutes required − minutes delivered, never below zero.</summary>
    public int DeficitMinutes => Math.Max(0, Record.MinutesRequired - Record.MinutesDelivered);

    /// <summary>The part of the deficit explained by the student's absence.</summary>
    public int DeficitExplainedByStudentAbsence => Math.Min(DeficitMinutes, Record.MinutesMissedStudentAbsent);

    /// <summary>The part of the deficit not explained by the student's absence: the minutes a district owes.</summary>
    public int DeficitOwedMinutes => DeficitMinutes - DeficitExplainedByStudentAbsence;

    /// <summary>The compliance of every record.</summary>
    public static IReadOnlyList<ServiceMinuteCompliance> Of(IEnumerable<IepServiceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => new ServiceMinuteCompliance(r)).ToList();
    }

    /// <summary>The records rolled up by campus and service, in campus then service order.</summary>
    public static IReadOnlyList<ServiceComplianceSummary> ByCampusAndService(IEnumerable<IepServiceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Select(r => new ServiceMinuteCompliance(r))
            .GroupBy(c => (c.Record.CampusId, c.Record.Service))
            .OrderBy(g => g.Key.CampusId).ThenBy(g => g.Key.Service, StringComparer.Ordinal)
            .Select(g => new ServiceComplianceSummary(
                g.Key.CampusId,
                g.Key.Service,
                g.Count(),
                g.Count(c => c.IsShortfall),
                g.Sum(c => (long)c.Record.MinutesRequired),
                g.Sum(c => (long)c.Record.MinutesDelivered),
                g.Sum(c => (long)c.DeficitMinutes),
                g.Sum(c => (long)c.DeficitOwedMinutes)))
            .ToList();
    }
}

/// <summary>IEP service-minute compliance of one campus and service.</summary>
/// <param name="CampusId">The campus.</param>
/// <param name="Service">The service.</param>
/// <param name="Records">The number of service records.</param>
/// <param name="ShortfallRecords">The records delivered below 1.0.</param>
/// <param name="MinutesRequired">The minutes required, summed.</param>
/// <param name="MinutesDelivered">The minutes delivered, summed.</param>
/// <param name="DeficitMinutes">The per-record deficits, summed (a surplus in one record does not offset another's deficit).</param>
/// <param name="DeficitOwedMinutes">The per-record deficits not explained by student absence, summed.</param>
public sealed record ServiceComplianceSummary(
    CampusId CampusId,
    string Service,
    int Records,
    int ShortfallRecords,
    long MinutesRequired,
    long MinutesDelivered,
    long DeficitMinutes,
    long DeficitOwedMinutes)
{
    /// <summary>Minutes delivered ÷ minutes required, over the campus and service.</summary>
    public Ratio ComplianceRatio => Ratio.Of(MinutesDelivered, MinutesRequired);
}
