namespace PeimsRules.Audit;

/// <summary>The settings a district can change: rules switched off, thresholds, the target attendance rate.</summary>
public sealed record AuditOptions
{
    /// <summary>The default settings.</summary>
    public static AuditOptions Default { get; } = new();

    /// <summary>The ids of rules switched off.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>ATT-09 flags a student whose attendance rate at a campus is below this percentage.</summary>
    /// <value>Defaults to 90 (the integrity audit's line).</value>
    public decimal ChronicAbsenceAttendanceRateBelow { get; init; } = 90m;

    /// <summary>ATT-05 flags remote asynchronous days for a student whose attendance rate in the period is below this percentage.</summary>
    /// <value>Defaults to 80.</value>
    public decimal RemoteAsynchronousAttendanceRateBelow { get; init; } = 80m;

    /// <summary>ATT-06 flags half-day codes on grades outside this set.</summary>
    /// <value>Defaults to EE, PK, KG and 09 to 12.</value>
    public IReadOnlySet<GradeLevel> GradesAllowingHalfDayCodes { get; init; } = new HashSet<GradeLevel>(
        GradeLevel.All.Where(g => g.Number <= 0 || g.Number >= 9));

    /// <summary>The attendance rate (percent) at which a campus's ADA gain is estimated.</summary>
    /// <value>Defaults to 95.</value>
    public decimal TargetAttendanceRate { get; init; } = 95m;

    /// <summary>Whether <paramref name="rule"/> is switched on.</summary>
    public bool IsEnabled(AuditRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !DisabledRules.Any(id => string.Equals(id?.Trim(), rule.Id, StringComparison.OrdinalIgnoreCase));
    }
}
