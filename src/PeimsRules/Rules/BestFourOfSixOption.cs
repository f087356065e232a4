using System.Collections.ObjectModel;

namespace PeimsRules.Rules;

/// <summary>
/// Asks a <see cref="RuleSet"/> for best four of six (19 TAC §129.1021): the refined ADA of each district named here is the
/// mean of its four best periods, capped at its students holding migrant certificates of eligibility + its six-period
/// refined ADA.
/// </summary>
/// <remarks>
/// The rule applies to a district whose migrant certificate students are 5.0% or more of its enrollment
/// (<see cref="RuleSet.BestFourOfSixMigrantShare"/>; check with <see cref="Attendance.BestFourOfSixRefinedAda.Qualifies"/>).
/// The count of certificate students is data the attendance records do not hold, so it is given here, by district.
/// </remarks>
public sealed record BestFourOfSixOption
{
    /// <summary>Best four of six for the districts in <paramref name="migrantCertificateStudents"/>, each with its count.</summary>
    /// <param name="migrantCertificateStudents">By district, the students holding migrant certificates of eligibility.</param>
    /// <exception cref="ArgumentException">A count is negative, or no district is given.</exception>
    public BestFourOfSixOption(IReadOnlyDictionary<DistrictId, int> migrantCertificateStudents)
    {
        ArgumentNullException.ThrowIfNull(migrantCertificateStudents);
        if (migrantCertificateStudents.Count == 0)
        {
            throw new ArgumentException("Best four of six needs at least one district's count of migrant certificate students.", nameof(migrantCertificateStudents));
        }

        foreach (var (district, count) in migrantCertificateStudents)
        {
            if (count < 0)
            {
                throw new ArgumentException($"District {district}: a count of migrant certificate students cannot be negative ({count}).", nameof(migrantCertificateStudents));
            }
        }

        MigrantCertificateStudents = new ReadOnlyDictionary<DistrictId, int>(new Dictionary<DistrictId, int>(migrantCertificateStudents));
    }

    /// <summary>Best four of six for one district.</summary>
    /// <exception cref="ArgumentException">The count is negative.</exception>
    public static BestFourOfSixOption ForDistrict(DistrictId district, int migrantCertificateStudents) =>
        new(new Dictionary<DistrictId, int> { [district] = migrantCertificateStudents });

    /// <summary>By district, the students holding migrant certificates of eligibility (the cap's first term).</summary>
    public IReadOnlyDictionary<DistrictId, int> MigrantCertificateStudents { get; }

    /// <summary>Whether both give the same districts the same counts (value equality, so two rule sets asking the same compare equal).</summary>
    public bool Equals(BestFourOfSixOption? other) =>
        other is not null
        && MigrantCertificateStudents.Count == other.MigrantCertificateStudents.Count
        && MigrantCertificateStudents.All(p => other.MigrantCertificateStudents.TryGetValue(p.Key, out var n) && n == p.Value);

    /// <inheritdoc />
    public override int GetHashCode() =>
        MigrantCertificateStudents.Aggregate(MigrantCertificateStudents.Count, (hash, p) => hash ^ HashCode.Combine(p.Key, p.Value));

    /// <summary>The counts, as words: <c>best four of six; migrant certificate students: 101912 5</c>.</summary>
    public override string ToString() =>
        "best four of six; migrant certificate students: " + string.Join(", ", MigrantCertificateStudents.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
}
