using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Daily;
using PeimsRules.EdFi.Json;

namespace PeimsRules.EdFi;

/// <summary>
/// Writes daily attendance inputs as the Ed-Fi documents <see cref="EdFiDailyAttendance"/> reads: for test districts,
/// sample data and vendors checking their own exports against the library.
/// </summary>
/// <remarks>
/// <para>What the Ed-Fi resources cannot hold is refused rather than approximated: calendars or campuses marked
/// excluded, excluded date ranges, pregnancy-related services and residential facility participation, and the
/// calendars of one campus with different snapshot times. Enrollments marked no show or state exclude are not written
/// (they report nothing; their marks then fall on no enrollment, as the builder lists them).</para>
/// <para>An ADA eligibility change inside an enrollment is written as Texas systems record it: a withdrawal and a
/// re-entry on the change's date (the withdrawal date being the first day not enrolled). Each class-period mark is a
/// section attendance event of a stand-in section named after its class period; the class period holding the campus's
/// snapshot time is the official attendance period, and its start becomes the snapshot time read back.</para>
/// </remarks>
public static class EdFiDailyWriter
{
    /// <summary>The session and course code of the stand-in sections attendance events are written against.</summary>
    public const string StandInSession = "Attendance";

    /// <summary>Writes the inputs to <paramref name="folder"/>, one JSON array file per resource.</summary>
    /// <returns>The files written.</returns>
    /// <exception cref="ArgumentException">An input the resources cannot hold.</exception>
    public static IReadOnlyList<string> WriteFolder(
        string folder,
        IEnumerable<SchoolCalendar> calendars,
        IEnumerable<StudentEnrollment> enrollments,
        IEnumerable<DailyAttendanceMark> marks,
        IEnumerable<ProgramParticipation>? programs = null,
        IReadOnlyDictionary<CampusId, string>? schoolNames = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var calendarList = calendars.OrderBy(c => c.Campus).ThenBy(c => c.Order).ToList();
        var years = calendarList.Select(c => c.SchoolYear).Distinct().ToList();
        if (years.Count != 1)
        {
            throw new ArgumentException("The calendars are of one school year.", nameof(calendars));
        }

        var year = years[0].EndYear;
        var snapshot = new Dictionary<CampusId, LocalTime>();
        foreach (var c in calendarList)
        {
            if (c.IsExcluded || c.IsCampusExcluded || c.ExcludedDateRanges.Count > 0)
            {
                throw new ArgumentException($"{c}: excluded calendars, campuses and date ranges have no Ed-Fi core field this library reads.", nameof(calendars));
            }

            if (snapshot.TryGetValue(c.Campus, out var t) && t != c.AttendanceSnapshotTime)
            {
                throw new ArgumentException($"Campus {c.Campus}: its calendars have different snapshot times; Ed-Fi gives a school one official attendance period.", nameof(calendars));
            }

            snapshot[c.Campus] = c.AttendanceSnapshotTime;
        }

        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var campuses = snapshot.Keys.Order().ToList();
        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.Schools, campuses.Select(c => new SchoolDocument
        {
            SchoolId = EdFiPeriodWriter.SchoolId(c),
            NameOfInstitution = schoolNames?.GetValueOrDefault(c) ?? c.Code,
            LocalEducationAgencyReference = new LocalEducationAgencyReference { LocalEducationAgencyId = long.Parse(c.District.Code, CultureInfo.InvariantCulture) },
        }), EdFiJsonContext.Default.SchoolDocument));

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.Calendars, calendarList.Select(c => new CalendarDocument
        {
            CalendarCode = c.CalendarCode,
            SchoolReference = new SchoolReference { SchoolId = EdFiPeriodWriter.SchoolId(c.Campus) },
            SchoolYearTypeReference = new SchoolYearTypeReference { SchoolYear = year },
            CalendarTypeDescriptor = EdFiValues.EdFiDescriptorNamespace + "/CalendarTypeDescriptor#School",
        }), EdFiJsonContext.Default.CalendarDocument));

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.CalendarDates, calendarList.SelectMany(c =>
        {
            var instructional = c.InstructionalDays.ToHashSet();
            return c.InstructionalDays.Concat(c.ReportingPeriods.Select(p => p.Start)).Distinct().Order().Select(d => new CalendarDateDocument
            {
                CalendarReference = new CalendarReference { CalendarCode = c.CalendarCode, SchoolId = EdFiPeriodWriter.SchoolId(c.Campus), SchoolYear = year },
                Date = EdFiPeriodWriter.Date(d),
                CalendarEvents = [new CalendarEventItem { CalendarEventDescriptor = EdFiValues.EdFiDescriptorNamespace + "/CalendarEventDescriptor#" + (instructional.Contains(d) ? "Instructional day" : "Non-instructional day") }],
            });
        }), EdFiJsonContext.Default.CalendarDateDocument));

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.ReportingPeriodExts, calendarList.SelectMany(c => c.ReportingPeriods.Select(p => new ReportingPeriodExtDocument
        {
            CalendarDateReference = new CalendarDateReference { CalendarCode = c.CalendarCode, Date = EdFiPeriodWriter.Date(p.Start), SchoolId = EdFiPeriodWriter.SchoolId(c.Campus), SchoolYear = year },
            ReportingPeriodDescriptor = EdFiValues.Tea("ReportingPeriodDescriptor", p.Period.ToString()),
            BeginDate = EdFiPeriodWriter.Date(p.Start),
            EndDate = EdFiPeriodWriter.Date(p.End),
            NumberDaysTaught = (int)(c.DaysTaught(p.Period).HalfDays / 2),
        })), EdFiJsonContext.Default.ReportingPeriodExtDocument));

        // Class periods: one per campus, name and meeting time of the marks; the one holding the snapshot time is official.
        var markList = marks.ToList();
        var periods = markList.Select(m => (m.Campus, Name: m.ClassPeriod ?? "day", m.Start, m.End)).Distinct().ToList();
        var names = new Dictionary<(CampusId, string, LocalTime, LocalTime), string>();
        foreach (var group in periods.GroupBy(p => (p.Campus, p.Name)))
        {
            foreach (var p in group)
            {
                names[p] = group.Count() == 1 ? p.Name : $"{p.Name} {p.Start:HH':'mm}-{p.End:HH':'mm}";
            }
        }

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.ClassPeriods, periods.OrderBy(p => p.Campus).ThenBy(p => p.Start).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => new ClassPeriodDocument
        {
            ClassPeriodName = names[p],
            SchoolReference = new SchoolReference { SchoolId = EdFiPeriodWriter.SchoolId(p.Campus) },
            MeetingTimes = [new MeetingTimeItem { StartTime = Time(p.Start), EndTime = Time(p.End) }],
            OfficialAttendancePeriod = snapshot.TryGetValue(p.Campus, out var t) && p.Start <= t && t < p.End,
        }), EdFiJsonContext.Default.ClassPeriodDocument));

        var enrollmentList = enrollments.Where(e => !e.IsNoShow && !e.IsStateExcluded).ToList();
        var ssa = new List<StudentSchoolAssociationDocument>();
        var seoa = new List<StudentEducationOrganizationAssociationDocument>();
        var esl = new List<StudentLanguageInstructionProgramAssociationDocument>();
        foreach (var byStudent in enrollmentList.GroupBy(e => e.Student).OrderBy(g => g.Key))
        {
            var economic = new List<EconomicDisadvantageSet>();
            var bilingual = new List<EmergentBilingualSet>();
            foreach (var e in byStudent.OrderBy(e => e.EntryDate))
            {
                var codes = e.AdaEligibility;
                for (var i = 0; i < codes.Count; i++)
                {
                    var exit = i + 1 < codes.Count ? codes[i + 1].EffectiveDate : e.WithdrawalDate;
                    ssa.Add(new StudentSchoolAssociationDocument
                    {
                        StudentReference = new StudentReference { StudentUniqueId = e.Student.Value },
                        SchoolReference = new SchoolReference { SchoolId = EdFiPeriodWriter.SchoolId(e.Campus) },
                        EntryDate = EdFiPeriodWriter.Date(codes[i].EffectiveDate),
                        EntryGradeLevelDescriptor = EdFiValues.Tea("GradeLevelDescriptor", e.GradeLevel.Code),
                        ExitWithdrawDate = exit is { } x ? EdFiPeriodWriter.Date(x) : null,
                        CalendarReference = new CalendarReference { CalendarCode = e.CalendarCode, SchoolId = EdFiPeriodWriter.SchoolId(e.Campus), SchoolYear = year },
                        Ext = new StudentSchoolAssociationExt { Tx = new StudentSchoolAssociationTx { AdaEligibilityDescriptor = EdFiValues.Tea("ADAEligibilityDescriptor", codes[i].Code.ToString()) } },
                    });
                }

                var last = e.WithdrawalDate is { } w ? EdFiPeriodWriter.Date(w.PlusDays(-1) < e.EntryDate ? e.EntryDate : w.PlusDays(-1)) : null;
                economic.Add(new EconomicDisadvantageSet { EconomicDisadvantageDescriptor = EdFiValues.Tea("EconomicDisadvantageDescriptor", e.EconomicDisadvantage.Code), BeginDate = EdFiPeriodWriter.Date(e.EntryDate), EndDate = last });
                bilingual.Add(new EmergentBilingualSet { EmergentBilingualIndicatorDescriptor = EdFiValues.Tea("EmergentBilingualIndicatorDescriptor", e.EmergentBilingual.Code), BeginDate = EdFiPeriodWriter.Date(e.EntryDate), EndDate = last });
                if (e.BilingualEslFunding is { } f)
                {
                    esl.Add(new StudentLanguageInstructionProgramAssociationDocument
                    {
                        StudentReference = new StudentReference { StudentUniqueId = e.Student.Value },
                        EducationOrganizationReference = new EducationOrganizationReference { EducationOrganizationId = EdFiPeriodWriter.SchoolId(e.Campus) },
                        ProgramReference = new ProgramReference { EducationOrganizationId = EdFiPeriodWriter.SchoolId(e.Campus), ProgramName = "Bilingual/ESL", ProgramTypeDescriptor = EdFiValues.EdFiDescriptorNamespace + "/ProgramTypeDescriptor#English as a Second Language (ESL)" },
                        BeginDate = EdFiPeriodWriter.Date(e.EntryDate),
                        EndDate = last,
                        Ext = new LanguageInstructionExt { Tx = new LanguageInstructionTx { BilingualEslFundingDescriptor = EdFiValues.Tea("BilingualESLFundingDescriptor", f.Code) } },
                    });
                }
            }

            seoa.Add(new StudentEducationOrganizationAssociationDocument
            {
                StudentReference = new StudentReference { StudentUniqueId = byStudent.Key.Value },
                EducationOrganizationReference = new EducationOrganizationReference { EducationOrganizationId = long.Parse(byStudent.First().Campus.District.Code, CultureInfo.InvariantCulture) },
                Ext = new StudentEducationOrganizationAssociationExt { Tx = new StudentEducationOrganizationAssociationTx { EconomicDisadvantageSets = economic, EmergentBilingualSets = bilingual } },
            });
        }

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.StudentSchoolAssociations, ssa, EdFiJsonContext.Default.StudentSchoolAssociationDocument));
        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.StudentEducationOrganizationAssociations, seoa, EdFiJsonContext.Default.StudentEducationOrganizationAssociationDocument));
        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.StudentLanguageInstructionProgramAssociations, esl, EdFiJsonContext.Default.StudentLanguageInstructionProgramAssociationDocument));

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.StudentSectionAttendanceEvents, markList.Select(m =>
        {
            var name = names[(m.Campus, m.ClassPeriod ?? "day", m.Start, m.End)];
            return new StudentSectionAttendanceEventDocument
            {
                StudentReference = new StudentReference { StudentUniqueId = m.Student.Value },
                SectionReference = new SectionReference { LocalCourseCode = StandInSession, SchoolId = EdFiPeriodWriter.SchoolId(m.Campus), SchoolYear = year, SectionIdentifier = name, SessionName = StandInSession },
                EventDate = EdFiPeriodWriter.Date(m.Date),
                AttendanceEventCategoryDescriptor = EdFiValues.EdFiDescriptorNamespace + "/AttendanceEventCategoryDescriptor#" + m.Status switch
                {
                    AttendanceMarkStatus.Present => "In Attendance",
                    AttendanceMarkStatus.Absent => "Unexcused Absence",
                    _ => throw new ArgumentException($"{m}: a present-for-funding mark is a district's own category; Ed-Fi's defaults have none.", nameof(marks)),
                },
                ClassPeriods = [new ClassPeriodItem { ClassPeriodReference = new ClassPeriodReference { ClassPeriodName = name, SchoolId = EdFiPeriodWriter.SchoolId(m.Campus) } }],
            };
        }), EdFiJsonContext.Default.StudentSectionAttendanceEventDocument));

        written.Add(EdFiPeriodWriter.WriteArray(folder, EdFiResource.StudentSpecialEducationProgramAssociations, (programs ?? []).Select(p => p.Program == SpecialProgram.SpecialEducation
            ? new StudentSpecialEducationProgramAssociationDocument
            {
                StudentReference = new StudentReference { StudentUniqueId = p.Student.Value },
                BeginDate = EdFiPeriodWriter.Date(p.Start),
                EndDate = p.End is { } end ? EdFiPeriodWriter.Date(end) : null,
                SpecialEducationSettingDescriptor = p.InstructionalSetting is { } s ? EdFiValues.Tea("SpecialEducationSettingDescriptor", s) : null,
                ProgramReference = new ProgramReference { ProgramName = "Special Education", ProgramTypeDescriptor = EdFiValues.EdFiDescriptorNamespace + "/ProgramTypeDescriptor#Special Education" },
            }
            : throw new ArgumentException($"Student {p.Student}: {p.Program} participation has no Ed-Fi resource this library reads.", nameof(programs))), EdFiJsonContext.Default.StudentSpecialEducationProgramAssociationDocument));

        return written.AsReadOnly();
    }

    private static string Time(LocalTime time) => time.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture);
}
