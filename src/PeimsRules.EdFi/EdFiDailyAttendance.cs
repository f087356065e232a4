using System.Collections.ObjectModel;
using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi.Json;
using PeimsRules.Rules;

namespace PeimsRules.EdFi;

/// <summary>The choices of <see cref="EdFiDailyAttendance.ReadAsync"/>, each with its default.</summary>
public sealed record EdFiDailyReadOptions
{
    /// <summary>The school year to read.</summary>
    /// <value>Defaults to <see langword="null"/>: the one school year of the <c>calendars</c>.</value>
    public SchoolYear? SchoolYear { get; init; }

    /// <summary>What each attendance event category counts as.</summary>
    /// <value>Defaults to <see cref="AttendanceCategoryMap.Default"/>.</value>
    public AttendanceCategoryMap Categories { get; init; } = AttendanceCategoryMap.Default;

    /// <summary>
    /// Negative attendance: the district records absences only, so a day in membership with no event is present.
    /// The builder then counts such days present (<see cref="NoSnapshotMarkRule.CountPresent"/>) and says how many.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: a day with no event is left out and listed, never guessed.</value>
    public bool NegativeAttendance { get; init; }

    /// <summary>The <c>calendarEventDescriptor</c> code values that make a calendar date an instructional day.</summary>
    /// <value>Defaults to <c>Instructional day</c>, Ed-Fi's default value; a district whose calendars use other values adds them.</value>
    public IReadOnlySet<string> InstructionalDayEvents { get; init; } = new HashSet<string>(["Instructional day"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Stop at the first problem, or read on and list every problem.</summary>
    /// <value>Defaults to <see cref="EdFiErrorMode.StopAtFirst"/>.</value>
    public EdFiErrorMode ErrorMode { get; init; } = EdFiErrorMode.StopAtFirst;
}

/// <summary>
/// The daily inputs read from Ed-Fi documents, in the form the core's <see cref="PeriodAttendanceBuilder"/> takes, with
/// every problem found and how many documents each resource gave.
/// </summary>
public sealed class EdFiDailyInputs
{
    internal EdFiDailyInputs(
        SchoolYear? year,
        IReadOnlyList<SchoolCalendar> calendars,
        IReadOnlyList<StudentEnrollment> enrollments,
        DailyAttendanceMarks marks,
        IReadOnlyList<ProgramParticipation> programs,
        IReadOnlyList<EdFiProblem> problems,
        IReadOnlyDictionary<string, long> documents,
        bool negativeAttendance)
    {
        SchoolYear = year;
        Calendars = calendars;
        Enrollments = enrollments;
        Marks = marks;
        Programs = programs;
        Problems = problems;
        DocumentsRead = documents;
        NegativeAttendance = negativeAttendance;
    }

    /// <summary>The school year read, or <see langword="null"/> when it could not be found.</summary>
    public SchoolYear? SchoolYear { get; }

    /// <summary>One calendar per school and calendar code, with its instructional days and reporting periods.</summary>
    public IReadOnlyList<SchoolCalendar> Calendars { get; }

    /// <summary>One enrollment per student school association.</summary>
    public IReadOnlyList<StudentEnrollment> Enrollments { get; }

    /// <summary>
    /// One mark per school attendance event, and per class period of a section attendance event, in the order read,
    /// held compactly (each student and class-period slot once).
    /// </summary>
    public DailyAttendanceMarks Marks { get; }

    /// <summary>Special-education participation, one per program association.</summary>
    public IReadOnlyList<ProgramParticipation> Programs { get; }

    /// <summary>Every problem found; a document with a problem gives nothing.</summary>
    public IReadOnlyList<EdFiProblem> Problems { get; }

    /// <summary>How many documents each resource gave, by resource name.</summary>
    public IReadOnlyDictionary<string, long> DocumentsRead { get; }

    /// <summary>Whether negative attendance was asked for (a day in membership with no event is present).</summary>
    public bool NegativeAttendance { get; }

    /// <summary>The builder's options for these inputs: <paramref name="options"/> with the no-event rule of <see cref="NegativeAttendance"/>.</summary>
    public DailyBuildOptions BuildOptions(DailyBuildOptions? options = null) =>
        (options ?? DailyBuildOptions.Default) with { NoSnapshotMark = NegativeAttendance ? NoSnapshotMarkRule.CountPresent : NoSnapshotMarkRule.LeaveDayOut };

    /// <summary>Builds the period records with the core's builder, the one implementation of the day rules.</summary>
    /// <exception cref="EdFiDataException">The inputs had problems: records from part of the data are not built.</exception>
    /// <exception cref="DailyAttendanceInputException">The inputs contradict each other (overlapping enrollments, for one).</exception>
    public PeriodAttendanceBuild Build(DailyBuildOptions? options = null)
    {
        if (Problems.Count > 0)
        {
            throw new EdFiDataException(Problems);
        }

        return PeriodAttendanceBuilder.Build(Calendars, Enrollments, Marks, Programs, BuildOptions(options));
    }
}

/// <summary>
/// Reads a district's daily attendance from Ed-Fi (Data Standard 4.0 core resources with TEA's Texas extension) into
/// the inputs of the core's <see cref="PeriodAttendanceBuilder"/>: no day rule is implemented here.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><c>schools</c>: the campuses (E0266 is the school id); every other document must name one of them.</description></item>
/// <item><description><c>calendars</c> and <c>calendarDates</c>: a calendar per school and calendar code; its instructional days
/// are the dates with an event in <see cref="EdFiDailyReadOptions.InstructionalDayEvents"/>. The track (E0975) is the
/// calendar code when it is two digits (TEA's Texas calendars are coded 00, 01, ...); otherwise the builder numbers the
/// school's calendars in the order they come.</description></item>
/// <item><description><c>tx.reportingPeriodExts</c>: each calendar's reporting periods (begin and end dates), whose days taught
/// must equal the calendar's instructional days in them (TEA business rule 42400-0067); for a calendar without them,
/// the school's <c>gradingPeriods</c> numbered by <c>periodSequence</c> (an inferred reading, documented).</description></item>
/// <item><description><c>classPeriods</c>: the official attendance period's first meeting time is the school's snapshot time.</description></item>
/// <item><description><c>studentSchoolAssociations</c>: an enrollment each (entry and exit dates, grade, calendar,
/// <c>_ext.tx.adaEligibilityDescriptor</c>, which is required); E0785/E0790 from the student's
/// <c>studentEducationOrganizationAssociations</c> sets overlapping the enrollment (the one beginning last).</description></item>
/// <item><description><c>studentSchoolAttendanceEvents</c>: a mark for the whole day; <c>studentSectionAttendanceEvents</c>: a
/// mark for each class period at its meeting time, so only the official period's holds the snapshot time. The category
/// is mapped by <see cref="AttendanceCategoryMap"/>; <c>eventDuration</c> is not read (a part-day event counts by its
/// category).</description></item>
/// <item><description><c>studentSpecialEducationProgramAssociations</c>: IEP participation with the setting's C035 code.</description></item>
/// <item><description><c>studentLanguageInstructionProgramAssociations</c>: the bilingual/ESL funding code (E1651) of
/// <c>_ext.tx.bilingualESLFundingDescriptor</c> (an inferred field name, documented), of the association overlapping
/// the enrollment that begins last.</description></item>
/// </list>
/// </remarks>
[TeaSource("Ed-Fi Data Standard 4.0 (Ed-Fi-Core.xsd) and TEA's Texas extension: the resources of daily attendance")]
[TeaSource("TEA data standards: business rule 42400-0067 (days taught of a campus, track and period)")]
public static class EdFiDailyAttendance
{
    /// <summary>Reads the daily inputs of <paramref name="source"/>.</summary>
    /// <exception cref="EdFiDataException">In <see cref="EdFiErrorMode.StopAtFirst"/> mode, at the first problem.</exception>
    public static async Task<EdFiDailyInputs> ReadAsync(IEdFiSource source, EdFiDailyReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new EdFiDailyReadOptions();
        var log = new ProblemLog(options.ErrorMode);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Reader(source, log, counts, cancellationToken);

        // Schools.
        var schools = new HashSet<CampusId>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.Schools, EdFiJsonContext.Default.SchoolDocument, required: true))
        {
            if (EdFiValues.School(doc.SchoolId, document, null, "schoolId", log) is { } c && !schools.Add(c))
            {
                log.Add(document, $"school {c}", "schoolId", c.Code, "the school is listed twice.", EdFiProblemKind.DuplicateKey);
            }
        }

        // Calendars, in the order they come (which numbers a school's calendars when their codes are not tracks).
        var calendars = new Dictionary<(CampusId, string), CalendarParts>();
        var years = new SortedSet<int>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.Calendars, EdFiJsonContext.Default.CalendarDocument, required: true))
        {
            var campus = SchoolOf(doc.SchoolReference?.SchoolId, document, "schoolReference.schoolId", schools, log);
            var year = doc.SchoolYearTypeReference?.SchoolYear;
            if (!EdFiValues.Required(doc.CalendarCode, document, null, "calendarCode", log) | !EdFiValues.Required(year, document, null, "schoolYearTypeReference.schoolYear", log) || campus is not { } c)
            {
                continue;
            }

            if (options.SchoolYear is { } wanted && wanted.EndYear != year)
            {
                continue;
            }

            years.Add(year!.Value);
            var code = doc.CalendarCode!.Trim();
            if (!calendars.TryAdd((c, code), new CalendarParts(document, calendars.Keys.Count(k => k.Item1 == c))))
            {
                log.Add(document, $"school {c} calendar {code}", "calendarCode", code, "the calendar is listed twice.", EdFiProblemKind.DuplicateKey);
            }
        }

        SchoolYear? schoolYear = options.SchoolYear;
        if (schoolYear is null)
        {
            if (years.Count == 1 && years.Min is >= SchoolYear.MinimumEndYear and <= SchoolYear.MaximumEndYear)
            {
                schoolYear = new SchoolYear(years.Min);
            }
            else
            {
                log.Add(new EdFiProblem(source.Name, null, null, "calendars.schoolYearTypeReference.schoolYear", years.Count == 0 ? null : string.Join(", ", years),
                    years.Count == 0 ? "there is no calendar to read." : "the calendars are of more than one school year; give the one to read.", EdFiProblemKind.MissingField));
                return new EdFiDailyInputs(null, [], [], DailyAttendanceMarks.Empty, [], log.Problems, counts, options.NegativeAttendance);
            }
        }

        var y = schoolYear.Value;

        // Instructional days.
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.CalendarDates, EdFiJsonContext.Default.CalendarDateDocument, required: true))
        {
            if (doc.CalendarReference?.SchoolYear is { } dy && dy != y.EndYear)
            {
                continue;
            }

            var calendar = CalendarOf(doc.CalendarReference?.SchoolId, doc.CalendarReference?.CalendarCode, "calendarReference", document, calendars, schools, log);
            var date = EdFiValues.Date(doc.Date, document, null, "date", log);
            if (calendar is null || date is not { } d)
            {
                continue;
            }

            if (!calendar.Dates.Add(d))
            {
                log.Add(document, $"calendar {doc.CalendarReference?.CalendarCode}", "date", EdFiPeriodWriter.Date(d), "the calendar date is listed twice.", EdFiProblemKind.DuplicateKey);
                continue;
            }

            if ((doc.CalendarEvents ?? []).Any(e => e.CalendarEventDescriptor is { } ev && options.InstructionalDayEvents.Contains(EdFiValues.CodeValue(ev))))
            {
                calendar.InstructionalDays.Add(d);
            }
        }

        // Reporting periods: TEA's reportingPeriodExts, else the school's grading periods.
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.ReportingPeriodExts, EdFiJsonContext.Default.ReportingPeriodExtDocument, required: false))
        {
            if (doc.CalendarDateReference?.SchoolYear is { } dy && dy != y.EndYear)
            {
                continue;
            }

            var calendar = CalendarOf(doc.CalendarDateReference?.SchoolId, doc.CalendarDateReference?.CalendarCode, "calendarDateReference", document, calendars, schools, log);
            var period = EdFiValues.Period(doc.ReportingPeriodDescriptor, document, null, log);
            var begin = EdFiValues.Date(doc.BeginDate, document, null, "beginDate", log);
            var end = EdFiValues.Date(doc.EndDate, document, null, "endDate", log);
            var taught = EdFiValues.DaysTaught(doc.NumberDaysTaught, document, null, log);
            if (calendar is null || period is not { } p || begin is not { } b || end is not { } e || taught is not { } t)
            {
                continue;
            }

            if (e < b)
            {
                log.Add(document, $"period {p}", "endDate", EdFiPeriodWriter.Date(e), "the period ends before it begins.", EdFiProblemKind.InconsistentDocument);
                continue;
            }

            calendar.Periods.Add((new CalendarReportingPeriod(p, b, e), t, document));
        }

        var grading = new Dictionary<CampusId, List<(CalendarReportingPeriod Period, DayCount? Taught, EdFiDocument Document)>>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.GradingPeriods, EdFiJsonContext.Default.GradingPeriodDocument, required: false))
        {
            if (doc.SchoolYearTypeReference?.SchoolYear is { } gy && gy != y.EndYear)
            {
                continue;
            }

            var campus = SchoolOf(doc.SchoolReference?.SchoolId, document, "schoolReference.schoolId", schools, log);
            var begin = EdFiValues.Date(doc.BeginDate, document, null, "beginDate", log);
            var end = EdFiValues.Date(doc.EndDate, document, null, "endDate", log);
            if (!EdFiValues.Required(doc.PeriodSequence, document, null, "periodSequence", log) || campus is not { } c || begin is not { } b || end is not { } e)
            {
                continue;
            }

            if (doc.PeriodSequence is not (>= 1 and <= 9) || e < b)
            {
                log.Add(document, null, "periodSequence", doc.PeriodSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture), "a grading period read as a reporting period is numbered 1 to 9 and ends after it begins.", EdFiProblemKind.OutOfRange);
                continue;
            }

            if (!grading.TryGetValue(c, out var list))
            {
                grading[c] = list = [];
            }

            list.Add((new CalendarReportingPeriod(new ReportingPeriod(doc.PeriodSequence.Value), b, e), doc.TotalInstructionalDays is { } d ? DayCount.FromDays(Math.Max(0, d)) : null, document));
        }

        // The snapshot time of each school: the official attendance period's start.
        var classPeriods = new Dictionary<(CampusId, string), (LocalTime Start, LocalTime End)?>();
        var snapshot = new Dictionary<CampusId, LocalTime>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.ClassPeriods, EdFiJsonContext.Default.ClassPeriodDocument, required: false))
        {
            var campus = SchoolOf(doc.SchoolReference?.SchoolId, document, "schoolReference.schoolId", schools, log);
            if (!EdFiValues.Required(doc.ClassPeriodName, document, null, "classPeriodName", log) || campus is not { } c)
            {
                continue;
            }

            (LocalTime, LocalTime)? times = null;
            if (doc.MeetingTimes is { Count: > 0 } meeting)
            {
                var start = EdFiValues.Time(meeting[0].StartTime, document, null, "meetingTimes[0].startTime", log);
                var end = EdFiValues.Time(meeting[0].EndTime, document, null, "meetingTimes[0].endTime", log);
                if (start is not { } s || end is not { } e)
                {
                    continue;
                }

                if (e <= s)
                {
                    log.Add(document, doc.ClassPeriodName, "meetingTimes[0].endTime", meeting[0].EndTime, "a class period ends after it starts.", EdFiProblemKind.InconsistentDocument);
                    continue;
                }

                times = (s, e);
                if (doc.OfficialAttendancePeriod == true && (!snapshot.TryGetValue(c, out var earlier) || s < earlier))
                {
                    snapshot[c] = s;
                }
            }
            else if (doc.OfficialAttendancePeriod == true)
            {
                log.Add(document, doc.ClassPeriodName, "meetingTimes", null, "the official attendance period needs its meeting time: it sets the school's snapshot time.", EdFiProblemKind.MissingField);
                continue;
            }

            classPeriods[(c, doc.ClassPeriodName!.Trim())] = times;
        }

        var built = new List<SchoolCalendar>();
        foreach (var ((campus, code), parts) in calendars)
        {
            var schoolCodes = calendars.Keys.Where(k => k.Item1 == campus).Select(k => k.Item2).ToList();
            var order = schoolCodes.All(k => InstructionalTrack.TryParse(k, out _)) ? InstructionalTrack.Parse(code).Number : parts.Order;
            var periods = parts.Periods.Count > 0 ? parts.Periods : (grading.TryGetValue(campus, out var g) ? g : []);
            if (periods.Count == 0)
            {
                log.Add(parts.Document, $"school {campus} calendar {code}", null, null, "the calendar has no reporting periods: give tx.reportingPeriodExts (or gradingPeriods) for it.", EdFiProblemKind.MissingReference);
                continue;
            }

            SchoolCalendar calendar;
            try
            {
                calendar = new SchoolCalendar(y, campus, code, order, snapshot.GetValueOrDefault(campus, LocalTime.Midnight), parts.InstructionalDays, periods.Select(p => p.Period));
            }
            catch (ArgumentException e)
            {
                log.Add(parts.Document, $"school {campus} calendar {code}", null, null, e.Message, EdFiProblemKind.InconsistentDocument);
                continue;
            }

            foreach (var (period, taught, document) in periods)
            {
                var counted = calendar.DaysTaught(period.Period);
                if (taught is { } t && t != counted)
                {
                    log.Add(document, $"school {campus} calendar {code} period {period.Period}", "numberDaysTaught", (t.HalfDays / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"the calendar has {counted.HalfDays / 2} instructional days from {EdFiPeriodWriter.Date(period.Start)} to {EdFiPeriodWriter.Date(period.End)} (TEA business rule 42400-0067: the days taught are the calendar's).", EdFiProblemKind.InconsistentDocument);
                }
            }

            built.Add(calendar);
        }

        var attributes = await StudentAttributes.ReadAsync(new CountingSource(source, counts), log, cancellationToken).ConfigureAwait(false);

        // Bilingual/ESL funding (E1651): the Texas extension of the language instruction program association.
        var bilingualFunding = new Dictionary<StudentId, List<(LocalDate Begin, LocalDate? End, BilingualEslFunding Code)>>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.StudentLanguageInstructionProgramAssociations, EdFiJsonContext.Default.StudentLanguageInstructionProgramAssociationDocument, required: false))
        {
            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            var id = student is { } s0 ? $"student {s0}, begin {doc.BeginDate}" : null;
            var begin = EdFiValues.Date(doc.BeginDate, document, id, "beginDate", log);
            var end = EdFiValues.Date(doc.EndDate, document, id, "endDate", log, required: false);
            var code = doc.Ext?.Tx?.BilingualEslFundingDescriptor is null
                ? null
                : EdFiValues.Code<BilingualEslFunding>(doc.Ext.Tx.BilingualEslFundingDescriptor, BilingualEslFunding.TryParse, document, id, "_ext.tx.bilingualESLFundingDescriptor", "C225 (BE, D1, D2)", log);
            if (student is { } s && begin is { } b && code is { } c)
            {
                if (!bilingualFunding.TryGetValue(s, out var list))
                {
                    bilingualFunding[s] = list = [];
                }

                list.Add((b, end, c));
            }
        }

        // Enrollments.
        var enrollments = new List<StudentEnrollment>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.StudentSchoolAssociations, EdFiJsonContext.Default.StudentSchoolAssociationDocument, required: true))
        {
            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            var campus = SchoolOf(doc.SchoolReference?.SchoolId, document, "schoolReference.schoolId", schools, log);
            var id = student is { } s0 && campus is { } c0 ? $"student {s0}, school {c0}, entry {doc.EntryDate}" : doc.Id;
            var grade = EdFiValues.Grade(doc.EntryGradeLevelDescriptor, document, id, "entryGradeLevelDescriptor", log);
            var entry = EdFiValues.Date(doc.EntryDate, document, id, "entryDate", log);
            var exit = EdFiValues.Date(doc.ExitWithdrawDate, document, id, "exitWithdrawDate", log, required: false);
            var code = EdFiValues.Code<AdaEligibility>(doc.Ext?.Tx?.AdaEligibilityDescriptor, AdaEligibility.TryParse, document, id, "_ext.tx.adaEligibilityDescriptor", "C059 (0 to 8)", log);
            if (student is not { } s || campus is not { } c || grade is not { } gl || entry is not { } e || code is not { } a)
            {
                continue;
            }

            var calendarCode = doc.CalendarReference?.CalendarCode?.Trim();
            if (calendarCode is null)
            {
                var only = calendars.Keys.Where(k => k.Item1 == c).ToList();
                if (only.Count != 1)
                {
                    log.Add(document, id, "calendarReference.calendarCode", null, $"the school has {only.Count} calendars; the association must name the student's.", EdFiProblemKind.MissingField);
                    continue;
                }

                calendarCode = only[0].Item2;
            }
            else if (!calendars.ContainsKey((c, calendarCode)))
            {
                log.Add(document, id, "calendarReference.calendarCode", calendarCode, $"school {c} has no calendar {calendarCode} in {y.DisplayName}.", EdFiProblemKind.MissingReference);
                continue;
            }

            try
            {
                var last = exit is { } x ? x.PlusDays(-1) : StudentAttributes.YearEnd(y);
                var funding = attributes.For(s, e, last < e ? e : last);
                var lastDay = last < e ? e : last;
                BilingualEslFunding? eslFunding = bilingualFunding.TryGetValue(s, out var fundings)
                    ? fundings.Where(f => f.Begin <= lastDay && (f.End is not { } fe || fe >= e)).OrderBy(f => f.Begin).Select(f => (BilingualEslFunding?)f.Code).LastOrDefault()
                    : null;
                enrollments.Add(new StudentEnrollment(s, c, calendarCode, gl, e, exit, a, economicDisadvantage: funding.EconomicDisadvantage, emergentBilingual: funding.EmergentBilingual, bilingualEslFunding: eslFunding));
            }
            catch (ArgumentException ex)
            {
                log.Add(document, id, null, null, ex.Message, EdFiProblemKind.InconsistentDocument);
            }
        }

        // Attendance events: read straight from the bytes (a JSON-lines file on every core), the reference reading for
        // any document that is not plain; both give the same marks and problems.
        var marks = await SchoolAttendanceEvents.ReadAsync(source, schools, options.Categories, log, counts, Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);

        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.StudentSectionAttendanceEvents, EdFiJsonContext.Default.StudentSectionAttendanceEventDocument, required: false))
        {
            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            var campus = SchoolOf(doc.SectionReference?.SchoolId, document, "sectionReference.schoolId", schools, log);
            var id = student is { } s0 ? $"student {s0}, section {doc.SectionReference?.SectionIdentifier}, {doc.EventDate}" : doc.Id;
            var date = EdFiValues.Date(doc.EventDate, document, id, "eventDate", log);
            var status = Category(doc.AttendanceEventCategoryDescriptor, document, id, options.Categories, log);
            if (student is not { } s || campus is not { } c || date is not { } d || status is not { } st)
            {
                continue;
            }

            if (doc.ClassPeriods is not { Count: > 0 } periods)
            {
                log.Add(document, id, "classPeriods", null, "a section attendance event needs its class periods: the official attendance period decides the day.", EdFiProblemKind.MissingField);
                continue;
            }

            for (var i = 0; i < periods.Count; i++)
            {
                var name = periods[i].ClassPeriodReference?.ClassPeriodName?.Trim();
                if (name is null || !classPeriods.TryGetValue((c, name), out var times))
                {
                    log.Add(document, id, $"classPeriods[{i}].classPeriodReference.classPeriodName", name, $"school {c} has no such class period in classPeriods.", EdFiProblemKind.MissingReference);
                    continue;
                }

                if (times is not { } t)
                {
                    log.Add(document, id, $"classPeriods[{i}].classPeriodReference.classPeriodName", name, "the class period has no meeting time, so whether it holds the snapshot time is unknown.", EdFiProblemKind.MissingField);
                    continue;
                }

                marks.Add(s, c, d, t.Start, t.End, st, name);
            }
        }

        // Special education.
        var programs = new List<ProgramParticipation>();
        await foreach (var (document, doc) in reader.ReadAsync(EdFiResource.StudentSpecialEducationProgramAssociations, EdFiJsonContext.Default.StudentSpecialEducationProgramAssociationDocument, required: false))
        {
            var student = EdFiValues.Student(doc.StudentReference?.StudentUniqueId, document, null, log);
            var id = student is { } s0 ? $"student {s0}, begin {doc.BeginDate}" : null;
            var begin = EdFiValues.Date(doc.BeginDate, document, id, "beginDate", log);
            var end = EdFiValues.Date(doc.EndDate, document, id, "endDate", log, required: false);
            string? setting = null;
            if (doc.SpecialEducationSettingDescriptor is { } descriptor)
            {
                setting = EdFiValues.CodeValue(descriptor);
                if (setting.Length != 2 || !char.IsAsciiDigit(setting[0]) || !char.IsAsciiDigit(setting[1]))
                {
                    log.Add(document, id, "specialEducationSettingDescriptor", descriptor, "the instructional setting is TEA's two-digit C035 code, such as 40.", EdFiProblemKind.UnknownDescriptor);
                    continue;
                }
            }

            if (student is not { } s || begin is not { } b)
            {
                continue;
            }

            try
            {
                programs.Add(new ProgramParticipation(s, SpecialProgram.SpecialEducation, b, end, setting));
            }
            catch (ArgumentException ex)
            {
                log.Add(document, id, null, null, ex.Message, EdFiProblemKind.InconsistentDocument);
            }
        }

        return new EdFiDailyInputs(y, built.AsReadOnly(), enrollments.AsReadOnly(), marks.ToMarks(), programs.AsReadOnly(), log.Problems, new ReadOnlyDictionary<string, long>(counts), options.NegativeAttendance);
    }

    internal static AttendanceMarkStatus? Category(string? descriptor, in EdFiDocument document, string? id, AttendanceCategoryMap map, ProblemLog log)
    {
        if (!EdFiValues.Required(descriptor, document, id, "attendanceEventCategoryDescriptor", log))
        {
            return null;
        }

        if (map.Find(descriptor!) is { } status)
        {
            return status;
        }

        log.Add(document, id, "attendanceEventCategoryDescriptor", descriptor, $"the attendance category is not mapped; add it to the attendance categories file (Descriptor,Counts) as present, absent or present-for-funding ({document.Resource.Name}).", EdFiProblemKind.UnknownDescriptor);
        return null;
    }

    internal static CampusId? SchoolOf(long? schoolId, in EdFiDocument document, string field, HashSet<CampusId> schools, ProblemLog log)
    {
        var campus = EdFiValues.School(schoolId, document, null, field, log);
        if (campus is { } c && !schools.Contains(c))
        {
            log.Add(document, null, field, c.Code, "the school is not in schools.", EdFiProblemKind.MissingReference);
            return null;
        }

        return campus;
    }

    private static CalendarParts? CalendarOf(long? schoolId, string? code, string reference, in EdFiDocument document, Dictionary<(CampusId, string), CalendarParts> calendars, HashSet<CampusId> schools, ProblemLog log)
    {
        var campus = SchoolOf(schoolId, document, reference + ".schoolId", schools, log);
        if (!EdFiValues.Required(code, document, null, reference + ".calendarCode", log) || campus is not { } c)
        {
            return null;
        }

        if (!calendars.TryGetValue((c, code!.Trim()), out var calendar))
        {
            log.Add(document, null, reference + ".calendarCode", code, $"school {c} has no such calendar in calendars.", EdFiProblemKind.MissingReference);
            return null;
        }

        return calendar;
    }

    private sealed class CalendarParts(EdFiDocument document, int order)
    {
        public EdFiDocument Document { get; } = document;

        public int Order { get; } = order;

        public HashSet<LocalDate> Dates { get; } = [];

        public List<LocalDate> InstructionalDays { get; } = [];

        public List<(CalendarReportingPeriod Period, DayCount? Taught, EdFiDocument Document)> Periods { get; } = [];
    }

    /// <summary>Reads a resource's documents as typed documents, counting them and logging the ones that cannot be read.</summary>
    private sealed class Reader(IEdFiSource source, ProblemLog log, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        public async IAsyncEnumerable<(EdFiDocument Document, T Value)> ReadAsync<T>(EdFiResource resource, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, bool required)
            where T : class
        {
            counts.TryAdd(resource.Name, 0);
            await foreach (var document in source.ReadAsync(resource, required, cancellationToken).ConfigureAwait(false))
            {
                counts[resource.Name]++;
                if (EdFiValues.Deserialize(document, type, log) is { } value)
                {
                    yield return (document, value);
                }
            }
        }
    }

    /// <summary>A source that counts the documents it hands over.</summary>
    private sealed class CountingSource(IEdFiSource inner, Dictionary<string, long> counts) : IEdFiSource
    {
        public string Name => inner.Name;

        public async IAsyncEnumerable<EdFiDocument> ReadAsync(EdFiResource resource, bool required, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            counts.TryAdd(resource.Name, 0);
            await foreach (var document in inner.ReadAsync(resource, required, cancellationToken).ConfigureAwait(false))
            {
                counts[resource.Name]++;
                yield return document;
            }
        }
    }
}
