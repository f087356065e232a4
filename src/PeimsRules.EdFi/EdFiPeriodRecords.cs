using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi.Json;
using PeimsRules.Rules;

namespace PeimsRules.EdFi;

/// <summary>The choices of <see cref="EdFiPeriodRecords.ReadAsync"/>, each with its default.</summary>
public sealed record EdFiPeriodReadOptions
{
    /// <summary>The school year of the documents (the reporting-period resources do not carry it).</summary>
    /// <value>Defaults to <see langword="null"/>: taken from the <c>calendars</c> resource's <c>schoolYearTypeReference</c>, which must then name one year.</value>
    public SchoolYear? SchoolYear { get; init; }

    /// <summary>Stop at the first problem, or read on and list every problem.</summary>
    /// <value>Defaults to <see cref="EdFiErrorMode.StopAtFirst"/>.</value>
    public EdFiErrorMode ErrorMode { get; init; } = EdFiErrorMode.StopAtFirst;
}

/// <summary>What <see cref="EdFiPeriodRecords.ReadAsync"/> returns: the records, their special-programs days, and every problem.</summary>
public sealed class EdFiPeriodRecordSet
{
    internal EdFiPeriodRecordSet(SchoolYear? year, IReadOnlyList<BasicReportingPeriodAttendance> records, IReadOnlyList<SpecialProgramsAttendancePeriod> special, IReadOnlyList<EdFiProblem> problems)
    {
        SchoolYear = year;
        Records = records;
        SpecialProgramRecords = special;
        Problems = problems;
    }

    /// <summary>The school year read, or <see langword="null"/> when it could not be found.</summary>
    public SchoolYear? SchoolYear { get; }

    /// <summary>The 42400 records of the documents that had no problem, in the order read.</summary>
    public IReadOnlyList<BasicReportingPeriodAttendance> Records { get; }

    /// <summary>The special-programs days (E0939, E0940, E1652) beside their records.</summary>
    public IReadOnlyList<SpecialProgramsAttendancePeriod> SpecialProgramRecords { get; }

    /// <summary>Every problem, in the order found. A document with a problem gives no record.</summary>
    public IReadOnlyList<EdFiProblem> Problems { get; }
}

/// <summary>
/// Reads the reporting-period records a vendor sent TSDS (<c>tx.basicReportingPeriodAttendances</c>, with
/// <c>tx.bilingualESLProgramReportingPeriodAttendances</c> and <c>tx.specialProgramsReportingPeriodAttendances</c>) into
/// the library's <see cref="BasicReportingPeriodAttendance"/> records, joining the student's funding attributes and
/// the enrollment's ADA eligibility code, so every calculator, the audit and the comparison run on them.
/// </summary>
/// <remarks>
/// <para><b>The joins.</b></para>
/// <list type="bullet">
/// <item><description>Economic disadvantage (E0785) and emergent bilingual (E0790): the <c>_ext.tx</c> sets of the student's
/// <c>studentEducationOrganizationAssociations</c>; of the sets overlapping the school year (1 July to 30 June), the one
/// that begins last. A student without a set is 00 / 0 (not disadvantaged, not emergent bilingual).</description></item>
/// <item><description>Bilingual/ESL funding (E1651): the <c>bilingualESLFundingDescriptor</c> of the bilingual/ESL record with
/// the same key, when there is one.</description></item>
/// <item><description>The ADA eligibility code (E0787, read by the audit only): <c>_ext.tx.adaEligibilityDescriptor</c> of the
/// <c>studentSchoolAssociations</c> of the student at the school in the record's grade (overlapping the period's dates
/// when <c>tx.reportingPeriodExts</c> gives them). One code among them is the record's; none, or several, leave it
/// unknown, as the daily builder leaves it when the code changed inside a period.</description></item>
/// </list>
/// <para>
/// Checked against the model of the year (<see cref="EdFiModelVersion"/>): required fields, ranges (days 0 to 180 with
/// one decimal whose digit is 0 or 5; days taught a whole number 1 to 180), remote days only in the 2025.x model, one
/// record per key (42400-000A), and membership within the days taught.
/// </para>
/// </remarks>
[TeaSource("TEA Texas extension for Ed-Fi: tx.BasicReportingPeriodAttendance, tx.BilingualESLProgramReportingPeriodAttendance, tx.SpecialProgramsReportingPeriodAttendance")]
[TeaSource("TEA data standards: 42400 business rules 42400-000A, 42400-0005/6/7")]
public static class EdFiPeriodRecords
{
    /// <summary>Reads the period records of <paramref name="source"/>.</summary>
    /// <exception cref="EdFiDataException">In <see cref="EdFiErrorMode.StopAtFirst"/> mode, at the first problem.</exception>
    public static async Task<EdFiPeriodRecordSet> ReadAsync(IEdFiSource source, EdFiPeriodReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new EdFiPeriodReadOptions();
        var log = new ProblemLog(options.ErrorMode);
        var year = options.SchoolYear ?? await SchoolYearOfAsync(source, log, cancellationToken).ConfigureAwait(false);
        if (year is not { } schoolYear)
        {
            return new EdFiPeriodRecordSet(null, [], [], log.Problems);
        }

        var model = EdFiModelVersion.For(schoolYear);
        var funding = await StudentAttributes.ReadAsync(source, log, cancellationToken).ConfigureAwait(false);
        var enrollments = await EnrollmentCodes.ReadAsync(source, log, cancellationToken).ConfigureAwait(false);
        var periodDates = await ReadPeriodDatesAsync(source, log, cancellationToken).ConfigureAwait(false);

        var bilingual = new Dictionary<ReportingPeriodAttendanceKey, (BilingualEslFunding Code, EdFiDocument Document)>();
        await foreach (var document in source.ReadAsync(EdFiResource.BilingualEslProgramReportingPeriodAttendances, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.BilingualEslProgramReportingPeriodAttendanceDocument, log);
            if (doc is null)
            {
                continue;
            }

            var before = log.Count;
            var key = Key(document, doc.SchoolReference?.SchoolId, doc.StudentReference?.StudentUniqueId, doc.GradeLevelDescriptor, doc.CalendarCode, doc.ReportingPeriodDescriptor, log);
            var code = EdFiValues.Code<BilingualEslFunding>(doc.BilingualEslFundingDescriptor, BilingualEslFunding.TryParse, document, key?.ToString(), "bilingualESLFundingDescriptor", "C225 (BE, D1, D2)", log);
            EdFiValues.DaysTaught(doc.NumberDaysTaught, document, key?.ToString(), log);
            EdFiValues.Days(doc.TotalEligBilingualEslDaysPresent, document, key?.ToString(), "totalEligBilingualESLDaysPresent", log, required: false);
            if (log.Count > before || key is not { } k || code is not { } c)
            {
                continue;
            }

            if (bilingual.TryGetValue(k, out var earlier))
            {
                log.Add(document, k.ToString(), null, null, $"a second bilingual/ESL record for this key; the first is {earlier.Document.Source}, {earlier.Document.Position} (one record per key).", EdFiProblemKind.DuplicateKey);
                continue;
            }

            bilingual.Add(k, (c, document));
        }

        var records = new List<BasicReportingPeriodAttendance>();
        var byKey = new Dictionary<ReportingPeriodAttendanceKey, (BasicReportingPeriodAttendance Record, EdFiDocument Document)>();
        await foreach (var document in source.ReadAsync(EdFiResource.BasicReportingPeriodAttendances, required: true, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.BasicReportingPeriodAttendanceDocument, log);
            if (doc is null)
            {
                continue;
            }

            var before = log.Count;
            var key = Key(document, doc.SchoolReference?.SchoolId, doc.StudentReference?.StudentUniqueId, doc.GradeLevelDescriptor, doc.CalendarCode, doc.ReportingPeriodDescriptor, log);
            var id = key?.ToString();
            var taught = EdFiValues.DaysTaught(doc.NumberDaysTaught, document, id, log);
            var absent = EdFiValues.Days(doc.TotalDaysAbsent, document, id, "totalDaysAbsent", log, required: true);
            var eligible = EdFiValues.Days(doc.TotalEligibleDaysPresent, document, id, "totalEligibleDaysPresent", log, required: true);
            var ineligible = EdFiValues.Days(doc.TotalIneligibleDaysPresent, document, id, "totalIneligibleDaysPresent", log, required: false);
            DayCount? rs = DayCount.Zero, ra = DayCount.Zero;
            if (model.HasRemoteDays)
            {
                rs = EdFiValues.Days(doc.RsTotalEligibleDaysPresent, document, id, "rsTotalEligibleDaysPresent", log, required: true);
                ra = EdFiValues.Days(doc.RaTotalEligibleDaysPresent, document, id, "raTotalEligibleDaysPresent", log, required: true);
            }
            else
            {
                foreach (var (value, field) in new[] { (doc.RsTotalEligibleDaysPresent, "rsTotalEligibleDaysPresent"), (doc.RaTotalEligibleDaysPresent, "raTotalEligibleDaysPresent") })
                {
                    if (value is { } v)
                    {
                        log.Add(document, id, field, v.ToString(System.Globalization.CultureInfo.InvariantCulture), $"the {model.Name} model of {schoolYear.DisplayName} has no remote days fields.", EdFiProblemKind.InvalidValue);
                    }
                }
            }

            if (doc.NumberOfHoursInRpep is { } hours && (hours < 0.25m || hours > 999.75m))
            {
                log.Add(document, id, "numberOfHoursInRPEP", hours.ToString(System.Globalization.CultureInfo.InvariantCulture), "R-PEP hours (E3090) are 0.25 to 999.75.", EdFiProblemKind.OutOfRange);
            }

            if (log.Count > before || key is not { } k || taught is not { } t || absent is not { } a || eligible is not { } e || ineligible is not { } i || rs is not { } s || ra is not { } r)
            {
                continue;
            }

            if (byKey.TryGetValue(k, out var earlier))
            {
                log.Add(document, id, null, null, $"a second record for this key; the first is {earlier.Document.Source}, {earlier.Document.Position} (TEA business rule 42400-000A: one record per key).", EdFiProblemKind.DuplicateKey);
                continue;
            }

            var attributes = funding.For(k.Student, schoolYear) with { BilingualEslFunding = bilingual.TryGetValue(k, out var b) ? b.Code : null };
            var code = enrollments.CodeOf(k, periodDates.TryGetValue((k.Campus, k.InstructionalTrack, k.ReportingPeriod), out var dates) ? dates : null);
            BasicReportingPeriodAttendance record;
            try
            {
                record = new BasicReportingPeriodAttendance(schoolYear, k, t, e, i, a, attributes, s, r, code);
            }
            catch (ArgumentException ex)
            {
                log.Add(document, id, null, null, ex.Message, EdFiProblemKind.InconsistentDocument);
                continue;
            }

            records.Add(record);
            byKey.Add(k, (record, document));
        }

        foreach (var (k, (_, document)) in bilingual)
        {
            if (!byKey.ContainsKey(k))
            {
                log.Add(document, k.ToString(), null, null, "a bilingual/ESL record with no basic record of the same key.", EdFiProblemKind.MissingReference);
            }
        }

        var special = new List<SpecialProgramsAttendancePeriod>();
        var seenSpecial = new HashSet<ReportingPeriodAttendanceKey>();
        await foreach (var document in source.ReadAsync(EdFiResource.SpecialProgramsReportingPeriodAttendances, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.SpecialProgramsReportingPeriodAttendanceDocument, log);
            if (doc is null)
            {
                continue;
            }

            var before = log.Count;
            var key = Key(document, doc.SchoolReference?.SchoolId, doc.StudentReference?.StudentUniqueId, doc.GradeLevelDescriptor, doc.CalendarCode, doc.ReportingPeriodDescriptor, log);
            var id = key?.ToString();
            EdFiValues.DaysTaught(doc.NumberDaysTaught, document, id, log);
            var prs = EdFiValues.Days(doc.TotalEligPregRelSvcsDaysPresent, document, id, "totalEligPregRelSvcsDaysPresent", log, required: false);
            var mainstream = EdFiValues.Days(doc.TotalEligSpEdMainstreamDaysPresent, document, id, "totalEligSpEdMainstreamDaysPresent", log, required: false);
            var residential = EdFiValues.Days(doc.TotalEligResidentialFacilityDaysPresent, document, id, "totalEligResidentialFacilityDaysPresent", log, required: false);
            if (log.Count > before || key is not { } k || prs is not { } p || mainstream is not { } m || residential is not { } rf)
            {
                continue;
            }

            if (!byKey.TryGetValue(k, out var basic))
            {
                log.Add(document, id, null, null, "a special-programs record with no basic record of the same key.", EdFiProblemKind.MissingReference);
                continue;
            }

            if (!seenSpecial.Add(k))
            {
                log.Add(document, id, null, null, "a second special-programs record for this key (one record per key).", EdFiProblemKind.DuplicateKey);
                continue;
            }

            try
            {
                special.Add(new SpecialProgramsAttendancePeriod(basic.Record, p, m, rf));
            }
            catch (ArgumentException ex)
            {
                log.Add(document, id, null, null, ex.Message, EdFiProblemKind.InconsistentDocument);
            }
        }

        return new EdFiPeriodRecordSet(schoolYear, records.AsReadOnly(), special.AsReadOnly(), log.Problems);
    }

    internal static ReportingPeriodAttendanceKey? Key(in EdFiDocument document, long? schoolId, string? studentId, string? grade, string? calendarCode, string? period, ProblemLog log)
    {
        var campus = EdFiValues.School(schoolId, document, null, "schoolReference.schoolId", log);
        var student = EdFiValues.Student(studentId, document, null, log);
        var g = EdFiValues.Grade(grade, document, null, "gradeLevelDescriptor", log);
        var track = EdFiValues.Track(calendarCode, document, null, log);
        var p = EdFiValues.Period(period, document, null, log);
        return campus is { } c && student is { } s && g is { } gl && track is { } t && p is { } rp
            ? new ReportingPeriodAttendanceKey(c, s, gl, t, rp)
            : null;
    }

    internal static async Task<SchoolYear?> SchoolYearOfAsync(IEdFiSource source, ProblemLog log, CancellationToken cancellationToken)
    {
        var years = new SortedSet<int>();
        await foreach (var document in source.ReadAsync(EdFiResource.Calendars, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.CalendarDocument, log);
            if (doc?.SchoolYearTypeReference?.SchoolYear is { } y)
            {
                years.Add(y);
            }
        }

        if (years.Count == 1 && years.Min is >= SchoolYear.MinimumEndYear and <= SchoolYear.MaximumEndYear)
        {
            return new SchoolYear(years.Min);
        }

        log.Add(new EdFiProblem(
            source.Name,
            null,
            null,
            "calendars.schoolYearTypeReference.schoolYear",
            years.Count == 0 ? null : string.Join(", ", years),
            years.Count == 0
                ? "the reporting-period records do not carry their school year, and there is no calendar to take it from: give the school year."
                : "the calendars name more than one school year; give the school year of the records.",
            EdFiProblemKind.MissingField));
        return null;
    }

    private static async Task<Dictionary<(CampusId, InstructionalTrack, ReportingPeriod), DateInterval>> ReadPeriodDatesAsync(IEdFiSource source, ProblemLog log, CancellationToken cancellationToken)
    {
        var dates = new Dictionary<(CampusId, InstructionalTrack, ReportingPeriod), DateInterval>();
        await foreach (var document in source.ReadAsync(EdFiResource.ReportingPeriodExts, required: false, cancellationToken).ConfigureAwait(false))
        {
            var doc = EdFiValues.Deserialize(document, EdFiJsonContext.Default.ReportingPeriodExtDocument, log);
            if (doc is null)
            {
                continue;
            }

            var campus = EdFiValues.School(doc.CalendarDateReference?.SchoolId, document, null, "calendarDateReference.schoolId", log);
            var period = EdFiValues.Period(doc.ReportingPeriodDescriptor, document, null, log);
            var begin = EdFiValues.Date(doc.BeginDate, document, null, "beginDate", log);
            var end = EdFiValues.Date(doc.EndDate, document, null, "endDate", log);

            // Only calendars named by their track give dates to the join; other calendar names are the daily reader's.
            if (campus is { } c && period is { } p && begin is { } b && end is { } e && e >= b
                && InstructionalTrack.TryParse(doc.CalendarDateReference?.CalendarCode, out var track))
            {
                dates[(c, track, p)] = new DateInterval(b, e);
            }
        }

        return dates;
    }
}
