using NodaTime;
using PeimsRules.EdFi.Json;

namespace PeimsRules.EdFi;

/// <summary>
/// The Texas student attributes of <c>studentEducationOrganizationAssociations._ext.tx</c>: the date-ranged economic
/// disadvantage (E0785, C054) and emergent bilingual (E0790, C061) sets of each student.
/// </summary>
internal sealed class StudentAttributes
{
    private readonly Dictionary<StudentId, List<(LocalDate Begin, LocalDate? End, EconomicDisadvantage Code)>> _economic = [];
    private readonly Dictionary<StudentId, List<(LocalDate Begin, LocalDate? End, EmergentBilingual Code)>> _bilingual = [];

    /// <summary>The first day of a school year for "status in the year": 1 July of the year it starts in.</summary>
    public static LocalDate YearStart(SchoolYear year) => new(year.StartYear, 7, 1);

    /// <summary>The last day of a school year for "status in the year": 30 June of the year it ends in.</summary>
    public static LocalDate YearEnd(SchoolYear year) => new(year.EndYear, 6, 30);

    public static async Task<StudentAttributes> ReadAsync(IEdFiSource source, ProblemLog log, CancellationToken cancellationToken)
    {
        var result = new StudentAttributes();
        await foreach (var document in source.ReadAsync(EdFiResource.StudentEducationOrganizationAssociations, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.StudentEducationOrganizationAssociationDocument, log);
            if (doc is null)
            {
                continue;
            }

            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            if (student is not { } s)
            {
                continue;
            }

            var id = $"student {s}";
            var sets = doc.Ext?.Tx;
            for (var i = 0; i < (sets?.EconomicDisadvantageSets?.Count ?? 0); i++)
            {
                var set = sets!.EconomicDisadvantageSets![i];
                var field = $"_ext.tx.economicDisadvantageSets[{i}]";
                var code = EdFiValues.Code<EconomicDisadvantage>(set.EconomicDisadvantageDescriptor, EconomicDisadvantage.TryParse, document, id, field + ".economicDisadvantageDescriptor", "C054 (00, 01, 02, 99)", log);
                var begin = EdFiValues.Date(set.BeginDate, document, id, field + ".beginDate", log);
                var end = EdFiValues.Date(set.EndDate, document, id, field + ".endDate", log, required: false);
                if (code is { } c && begin is { } b)
                {
                    Add(result._economic, s, (b, end, c));
                }
            }

            for (var i = 0; i < (sets?.EmergentBilingualSets?.Count ?? 0); i++)
            {
                var set = sets!.EmergentBilingualSets![i];
                var field = $"_ext.tx.emergentBilingualSets[{i}]";
                var code = EdFiValues.Code<EmergentBilingual>(set.EmergentBilingualIndicatorDescriptor, EmergentBilingual.TryParse, document, id, field + ".emergentBilingualIndicatorDescriptor", "C061 (0, 1, F, S, 3, 4, 5)", log);
                var begin = EdFiValues.Date(set.BeginDate, document, id, field + ".beginDate", log);
                var end = EdFiValues.Date(set.EndDate, document, id, field + ".endDate", log, required: false);
                if (code is { } c && begin is { } b)
                {
                    Add(result._bilingual, s, (b, end, c));
                }
            }
        }

        return result;
    }

    /// <summary>The student's attributes over the school year: of the sets overlapping it, the one that begins last.</summary>
    public StudentFundingAttributes For(StudentId student, SchoolYear year) => For(student, YearStart(year), YearEnd(year));

    /// <summary>The student's attributes over the days <paramref name="first"/> to <paramref name="last"/>: of the sets overlapping them, the one that begins last.</summary>
    public StudentFundingAttributes For(StudentId student, LocalDate first, LocalDate last) => new(
        Latest(_economic, student, first, last) ?? EconomicDisadvantage.NotDisadvantaged,
        Latest(_bilingual, student, first, last) ?? EmergentBilingual.NotEmergentBilingual);

    private static T? Latest<T>(Dictionary<StudentId, List<(LocalDate Begin, LocalDate? End, T Code)>> sets, StudentId student, LocalDate first, LocalDate last)
        where T : struct
    {
        if (!sets.TryGetValue(student, out var list))
        {
            return null;
        }

        T? best = null;
        LocalDate bestBegin = default;
        foreach (var (begin, end, code) in list)
        {
            if (begin <= last && (end is not { } e || e >= first) && (best is null || begin >= bestBegin))
            {
                best = code;
                bestBegin = begin;
            }
        }

        return best;
    }

    private static void Add<T>(Dictionary<StudentId, List<T>> sets, StudentId student, T set)
    {
        if (!sets.TryGetValue(student, out var list))
        {
            sets[student] = list = [];
        }

        list.Add(set);
    }
}

/// <summary>The ADA eligibility codes (E0787) of <c>studentSchoolAssociations._ext.tx</c>, for joining to period records.</summary>
internal sealed class EnrollmentCodes
{
    private readonly Dictionary<(StudentId, CampusId, GradeLevel), List<(LocalDate Entry, LocalDate? Exit, AdaEligibility? Code)>> _byKey = [];

    public static async Task<EnrollmentCodes> ReadAsync(IEdFiSource source, ProblemLog log, CancellationToken cancellationToken)
    {
        var result = new EnrollmentCodes();
        await foreach (var document in source.ReadAsync(EdFiResource.StudentSchoolAssociations, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.StudentSchoolAssociationDocument, log);
            if (doc is null)
            {
                continue;
            }

            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            var campus = EdFiValues.School(doc.SchoolReference?.SchoolId, document, null, "schoolReference.schoolId", log);
            var grade = EdFiValues.Grade(doc.EntryGradeLevelDescriptor, document, null, "entryGradeLevelDescriptor", log);
            var entry = EdFiValues.Date(doc.EntryDate, document, null, "entryDate", log);
            var exit = EdFiValues.Date(doc.ExitWithdrawDate, document, null, "exitWithdrawDate", log, required: false);
            var descriptor = doc.Ext?.Tx?.AdaEligibilityDescriptor;
            AdaEligibility? code = null;
            if (descriptor is not null)
            {
                code = EdFiValues.Code<AdaEligibility>(descriptor, AdaEligibility.TryParse, document, null, "_ext.tx.adaEligibilityDescriptor", "C059 (0 to 8)", log);
                if (code is null)
                {
                    continue;
                }
            }

            if (student is { } s && campus is { } c && grade is { } g && entry is { } e)
            {
                var key = (s, c, g);
                if (!result._byKey.TryGetValue(key, out var list))
                {
                    result._byKey[key] = list = [];
                }

                list.Add((e, exit, code));
            }
        }

        return result;
    }

    /// <summary>The one code of the enrollments behind <paramref name="key"/> (overlapping <paramref name="dates"/> when known), or <see langword="null"/>.</summary>
    public AdaEligibility? CodeOf(ReportingPeriodAttendanceKey key, DateInterval? dates)
    {
        if (!_byKey.TryGetValue((key.Student, key.Campus, key.GradeLevel), out var list))
        {
            return null;
        }

        AdaEligibility? found = null;
        var count = 0;
        foreach (var (entry, exit, code) in list)
        {
            // The withdrawal date is the first day not enrolled: an enrollment that exits on the period's first day is not in it.
            if (dates is not null && (entry > dates.End || (exit is { } x && x <= dates.Start)))
            {
                continue;
            }

            if (code is null)
            {
                return null;
            }

            if (count == 0 || code != found)
            {
                count++;
                found = code;
            }
        }

        return count == 1 ? found : null;
    }
}
