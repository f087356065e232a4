namespace PeimsRules.Benchmarks;

/// <summary>
/// One generated period record, as small numbers: what the generator produces and every contender (the store, the
/// list of records, DuckDB's table, the CSV file) is filled from, so all of them hold the same data.
/// </summary>
/// <param name="District">The six-digit district number.</param>
/// <param name="Campus">The nine-digit campus number.</param>
/// <param name="Student">The ten-digit TX-UNIQUE-STUDENT-ID as a number.</param>
/// <param name="Grade">The grade's ordinal, 0 (EE) to 14 (12).</param>
/// <param name="Track">The track number.</param>
/// <param name="Period">The reporting period, 1 to 6.</param>
/// <param name="Code">The ADA eligibility code, 0 to 8.</param>
/// <param name="DaysTaught">Days taught, in half days.</param>
/// <param name="Eligible">Eligible days present, in half days.</param>
/// <param name="Ineligible">Ineligible days present, in half days.</param>
/// <param name="Absent">Days absent, in half days.</param>
/// <param name="Economic">The E0785 code's index (00, 01, 02, 99).</param>
/// <param name="Bilingual">The E0790 code's index (0, 1, F, S, 3, 4, 5).</param>
/// <param name="Funding">The E1651 code: 0 none, 1 BE, 2 D1, 3 D2.</param>
public readonly record struct SyntheticRecord(
    int District,
    int Campus,
    long Student,
    byte Grade,
    byte Track,
    byte Period,
    byte Code,
    byte DaysTaught,
    byte Eligible,
    byte Ineligible,
    byte Absent,
    byte Economic,
    byte Bilingual,
    byte Funding);
