using System.Globalization;
using PeimsRules.Attendance;
using PeimsRules.Funding;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>
/// The integrity audit: runs every rule of <see cref="AuditRules.Catalogue"/> that is switched on over a year's
/// period records and IEP service records, puts an ADA and dollar figure on what is at stake, and ranks findings and
/// campuses by it, so that staff can correct the costliest errors before the PEIMS submission.
/// </summary>
[TeaSource("Integrity audit pipeline (seed 000)", Status = CitationStatus.VendorDocumented)]
[TeaSource("TEA data standards: complex type 42400, code table C059, business rules 42400-0005/6/7")]
public static class IntegrityAudit
{
    /// <summary>Audits <paramref name="input"/> under the rules of its year.</summary>
    /// <exception cref="ArgumentException">A record is not of the rule set's school year.</exception>
    public static AuditReport Run(AuditInput input, RuleSet rules, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= AuditOptions.Default;
        var stray = input.Records.FirstOrDefault(r => r.SchoolYear != rules.SchoolYear);
        if (stray is not null)
        {
            throw new ArgumentException(
                $"The rules are for {rules.SchoolYear.DisplayName}, but student {stray.StudentId} at campus {stray.CampusId} has a record of {stray.SchoolYear.DisplayName}: audit one school year at a time.",
                nameof(input));
        }

        var findings = new List<AuditFinding>();
        findings.AddRange(input.ReaderFindings.Where(f => options.IsEnabled(f.Rule)));
        var context = new Context(rules, options, findings);
        foreach (var record in input.Records)
        {
            context.CheckRecord(record);
        }

        context.CheckOverlaps(input.Records);
        context.CheckChronicAbsence(input.Records);
        foreach (var service in input.ServiceRecords)
        {
            context.CheckService(service);
        }

        var ranked = findings
            .OrderByDescending(f => f.DollarsAtStake ?? -1m)
            .ThenByDescending(f => f.AdaAtStake ?? Ratio.Zero)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.CampusId)
            .ThenBy(f => f.StudentId)
            .ThenBy(f => f.ReportingPeriod)
            .ThenBy(f => f.SourceLine)
            .ToList();

        return new AuditReport(rules, options, ranked, Campuses(input, ranked, rules, options), ServiceMinuteCompliance.ByCampusAndService(input.ServiceRecords));
    }

    private static List<CampusAuditSummary> Campuses(AuditInput input, IReadOnlyList<AuditFinding> findings, RuleSet rules, AuditOptions options)
    {
        var campuses = input.Records.Select(r => r.CampusId)
            .Concat(findings.Where(f => f.CampusId is not null).Select(f => f.CampusId!.Value))
            .Distinct();
        var recordsByCampus = input.Records.ToLookup(r => r.CampusId);
        var findingsByCampus = findings.Where(f => f.CampusId is not null).ToLookup(f => f.CampusId!.Value);
        var result = new List<CampusAuditSummary>();
        foreach (var campus in campuses)
        {
            var own = findingsByCampus[campus].ToList();
            var records = recordsByCampus[campus].ToList();
            var atStake = own.Aggregate(Ratio.Zero, (sum, f) => sum + (f.AdaAtStake ?? Ratio.Zero));
            decimal? dollars = rules.BasicAllotment is null ? null : own.Sum(f => f.DollarsAtStake ?? 0m);
            var gain = FundingAtRisk.AdaGainAtTargetRate(records, rules, options.TargetAttendanceRate);
            result.Add(new CampusAuditSummary(
                campus,
                own.Count(f => f.Severity == AuditSeverity.Error),
                own.Count(f => f.Severity == AuditSeverity.Warning),
                own.Count(f => f.Severity == AuditSeverity.Notice),
                atStake,
                dollars,
                RefinedAda.Compute(records, rules),
                gain,
                FundingAtRisk.Dollars(gain, rules)));
        }

        return result
            .OrderByDescending(c => c.DollarsAtStake ?? -1m)
            .ThenByDescending(c => c.AdaAtStake)
            .ThenBy(c => c.CampusId)
            .ToList();
    }

    /// <summary>The refined ADA one record's <paramref name="days"/> carry: days ÷ days taught ÷ 6.</summary>
    private static Ratio RefinedAdaOf(DayCount days, BasicReportingPeriodAttendance record) =>
        Ratio.Of(days.HalfDays, record.NumberDaysTaught.HalfDays * 6L);

    private static string Days(DayCount days) => days.ToString();

    private sealed class Context(RuleSet rules, AuditOptions options, List<AuditFinding> findings)
    {
        public void CheckRecord(BasicReportingPeriodAttendance r)
        {
            var remote = r.RemoteSynchronousEligibleDaysPresent + r.RemoteAsynchronousEligibleDaysPresent;
            CheckRemoteDays(r, remote);

            // The checks against the enrollment's ADA code run only where the file carries it.
            if (r.AdaEligibility is { } code)
            {
                CheckCode(r, code);
            }
        }

        private void CheckCode(BasicReportingPeriodAttendance r, AdaEligibility code)
        {
            if (!code.IsEligible && r.EligibleDaysPresent.HalfDays > 0)
            {
                Add(AuditRules.FundedDayOnUnfundedCode, r, RefinedAdaOf(r.EligibleDaysPresent, r),
                    $"ADA code {code} earns no funding, yet {Days(r.EligibleDaysPresent)} eligible days present are reported: move them to ineligible days present, or correct the code if the student is eligible.");
            }

            if (code.IsHalfDay)
            {
                var limit = DayCount.FromHalfDays(r.NumberDaysTaught.HalfDays / 2);
                if (r.DaysInMembership > limit)
                {
                    var excess = DayCount.FromHalfDays(r.DaysInMembership.HalfDays - limit.HalfDays);
                    var counted = PeriodAda.CountedEligibleDaysPresent(r, rules);
                    var atStake = excess < counted ? excess : counted;
                    Add(AuditRules.MembershipOverDaysTaught, r, atStake.HalfDays > 0 ? RefinedAdaOf(atStake, r) : null,
                        $"Half-day code {code} allows at most {Days(limit)} days of membership in {Days(r.NumberDaysTaught)} days taught, but {Days(r.DaysInMembership)} are reported: count half a day for each instructional day, or correct the code if the student is full day.");
                }
            }

            if (code.IsHalfDay && !options.GradesAllowingHalfDayCodes.Contains(r.GradeLevel))
            {
                Add(AuditRules.HalfDayCodeOnFullDayGrade, r, null,
                    $"Half-day code {code} on grade {r.GradeLevel}, which the district runs as full day: check the student's schedule; a full-day student under a half-day code earns half the ADA.");
            }

            if (!code.IsInMembership && r.DaysInMembership.HalfDays > 0)
            {
                Add(AuditRules.NotInMembershipWithDays, r, null,
                    $"ADA code 0 (not in membership) with {Days(r.DaysInMembership)} days present and absent: a student not in membership has no attendance; correct the code, or the enrollment and withdrawal dates.");
            }
        }

        private void CheckRemoteDays(BasicReportingPeriodAttendance r, DayCount remote)
        {
            if (!rules.CountsRemoteDays && remote.HalfDays > 0)
            {
                Add(AuditRules.RemoteDaysOutsideRemoteYears, r, RefinedAdaOf(remote, r),
                    $"{Days(remote)} remote eligible days present are reported in {rules.SchoolYear.DisplayName}, when remote days count only in 2020-21 and 2021-22: report the days the student was present on campus, and leave the remote columns blank.");
            }

            if (rules.CountsRemoteDays && r.RemoteAsynchronousEligibleDaysPresent.HalfDays > 0 && r.AdaEligibility?.IsInMembership != false)
            {
                var present = PercentInAttendance.CountedDaysPresent(r, rules);
                var membership = present + r.DaysAbsent;
                if (membership.HalfDays > 0 && Ratio.Of(present.HalfDays * 100, membership.HalfDays) < Ratio.FromDecimal(options.RemoteAsynchronousAttendanceRateBelow))
                {
                    var rate = Ratio.Of(present.HalfDays * 100, membership.HalfDays).Round(1, MidpointRounding.AwayFromZero);
                    Add(AuditRules.RemoteAsynchronousForLowAttendance, r, RefinedAdaOf(r.RemoteAsynchronousEligibleDaysPresent, r),
                        string.Create(CultureInfo.InvariantCulture, $"{Days(r.RemoteAsynchronousEligibleDaysPresent)} remote asynchronous days are credited to a student attending {rate}% of the period (below {options.RemoteAsynchronousAttendanceRateBelow}%): check each asynchronous day has the engagement evidence the rules require."));
                }
            }
        }

        public void CheckOverlaps(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            if (!options.IsEnabled(AuditRules.CodeChangeWithoutWithdrawal))
            {
                return;
            }

            var groups = records
                .Where(r => r.AdaEligibility?.IsInMembership != false)
                .GroupBy(r => (r.CampusId, r.StudentId, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught))
                .Where(g => g.Skip(1).Any());
            foreach (var group in groups)
            {
                // Instructional days covered: a half-day code's membership covers twice its days.
                var covered = group.Sum(r => r.DaysInMembership.HalfDays * (r.AdaEligibility?.IsHalfDay == true ? 2L : 1L));
                var taught = group.Key.NumberDaysTaught.HalfDays;
                if (covered <= taught)
                {
                    continue;
                }

                var list = group.ToList();
                var excessDays = DayCount.FromHalfDays(covered - taught);
                var eligible = list.Aggregate(Ratio.Zero, (sum, r) => sum + RefinedAdaOf(PeriodAda.CountedEligibleDaysPresent(r, rules), r));
                var excess = Ratio.Of(excessDays.HalfDays, taught * 6L);
                var atStake = excess < eligible ? excess : eligible;
                var codes = string.Join(", ", list.Select(r => r.AdaEligibility is { } c ? $"code {c} grade {r.GradeLevel}" : $"grade {r.GradeLevel}"));
                findings.Add(new AuditFinding
                {
                    Rule = AuditRules.CodeChangeWithoutWithdrawal,
                    CampusId = group.Key.CampusId,
                    StudentId = group.Key.StudentId,
                    ReportingPeriod = group.Key.ReportingPeriod,
                    Records = list,
                    AdaAtStake = atStake,
                    DollarsAtStake = FundingAtRisk.Dollars(atStake, list[0], rules),
                    Message = $"{list.Count} records ({codes}) cover {Days(DayCount.FromHalfDays(covered))} instructional days of {Days(group.Key.NumberDaysTaught)} taught: withdraw the student from the first status on the day before the new one starts, so no day is counted twice.",
                });
            }
        }

        public void CheckChronicAbsence(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            if (!options.IsEnabled(AuditRules.ChronicAbsence))
            {
                return;
            }

            var threshold = Ratio.FromDecimal(options.ChronicAbsenceAttendanceRateBelow);
            foreach (var student in records.Where(r => r.ReportingPeriod.IsRefinedAdaPeriod && r.AdaEligibility?.IsInMembership != false).GroupBy(r => (r.CampusId, r.StudentId)))
            {
                var list = student.ToList();
                var present = list.Aggregate(DayCount.Zero, (sum, r) => sum + PercentInAttendance.CountedDaysPresent(r, rules));
                var absent = list.Aggregate(DayCount.Zero, (sum, r) => sum + r.DaysAbsent);
                var membership = present + absent;
                if (membership.HalfDays == 0)
                {
                    continue;
                }

                var rate = Ratio.Of(present.HalfDays * 100, membership.HalfDays);
                if (rate >= threshold)
                {
                    continue;
                }

                // What the campus would gain if the student's absences on funded codes had been attendance.
                var parts = list.Where(r => r.AdaEligibility?.IsEligible != false).Select(r => (RefinedAdaOf(r.DaysAbsent, r), r)).ToList();
                var atStake = parts.Aggregate(Ratio.Zero, (sum, p) => sum + p.Item1);
                findings.Add(new AuditFinding
                {
                    Rule = AuditRules.ChronicAbsence,
                    CampusId = student.Key.CampusId,
                    StudentId = student.Key.StudentId,
                    Records = list,
                    AdaAtStake = atStake,
                    DollarsAtStake = FundingAtRisk.Dollars(parts, rules),
                    Message = string.Create(CultureInfo.InvariantCulture,
                        $"Attendance rate {rate.Round(1, MidpointRounding.AwayFromZero)}% ({Days(present)} present of {Days(membership)} days in membership), below {options.ChronicAbsenceAttendanceRateBelow}%: refer the student for attendance intervention, and check the absences are recorded correctly."),
                });
            }
        }

        public void CheckService(IepServiceRecord service)
        {
            var compliance = new ServiceMinuteCompliance(service);
            if (!compliance.IsShortfall)
            {
                return;
            }

            var rule = compliance.DeficitOwedMinutes > 0 ? AuditRules.ServiceShortfallOwed : AuditRules.ServiceShortfallStudentAbsence;
            if (!options.IsEnabled(rule))
            {
                return;
            }

            var percent = (compliance.ComplianceRatio * Ratio.FromInteger(100)).Round(1, MidpointRounding.AwayFromZero);
            findings.Add(new AuditFinding
            {
                Rule = rule,
                CampusId = service.CampusId,
                StudentId = service.StudentId,
                ReportingPeriod = service.ReportingPeriod,
                ServiceRecord = service,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"{service.Service}, {service.Interval}: {service.MinutesDelivered} of {service.MinutesRequired} minutes delivered ({percent}%), a deficit of {compliance.DeficitMinutes} minutes, ")
                    + (compliance.DeficitOwedMinutes > 0
                        ? $"{compliance.DeficitOwedMinutes} of them not explained by the student's absence: schedule {compliance.DeficitOwedMinutes} minutes of compensatory service and document it."
                        : "all of it explained by the student's absence: document the absences."),
            });
        }

        private void Add(AuditRule rule, BasicReportingPeriodAttendance record, Ratio? atStake, string message)
        {
            if (!options.IsEnabled(rule))
            {
                return;
            }

            findings.Add(new AuditFinding
            {
                Rule = rule,
                CampusId = record.CampusId,
                StudentId = record.StudentId,
                ReportingPeriod = record.ReportingPeriod,
                Records = [record],
                AdaAtStake = atStake,
                DollarsAtStake = atStake is { } ada ? FundingAtRisk.Dollars(ada, record, rules) : null,
                Message = message,
            });
        }
    }
}
