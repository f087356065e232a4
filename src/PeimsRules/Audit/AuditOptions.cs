namespace PeimsRules.Audit;

/// <summary>The settings a district can change: rules switched off, thresholds, the target attendance rate, the revenue per ADA.</summary>
public sealed record AuditOptions
{
    private readonly decimal? _revenuePerAda;

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

    /// <summary>
    /// The district's own revenue per ADA, in dollars, to price findings with instead of the basic-allotment equivalent
    /// (the year's basic allotment plus the early education allotment for K-3 rows). A district that knows what a unit of
    /// ADA brings it under its Summary of Finances (tier one with its adjustments, tier two) gives that figure here.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the basic-allotment equivalent.</value>
    /// <exception cref="ArgumentOutOfRangeException">The amount is zero or negative.</exception>
    public decimal? RevenuePerAda
    {
        get => _revenuePerAda;
        init => _revenuePerAda = value is <= 0m
            ? throw new ArgumentOutOfRangeException(nameof(RevenuePerAda), value, "The revenue per ADA is a positive dollar amount.")
            : value;
    }

    /// <summary>
    /// The campus names to show beside campus ids (from a campus directory), by campus.
    /// </summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyDictionary<CampusId, string> CampusNames { get; init; } = new Dictionary<CampusId, string>();

    /// <summary>Whether <paramref name="rule"/> is switched on.</summary>
    public bool IsEnabled(AuditRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !DisabledRules.Any(id => string.Equals(id?.Trim(), rule.Id, StringComparison.OrdinalIgnoreCase));
    }
}
