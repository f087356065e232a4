using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Funding;
using PeimsRules.Rules;
using PeimsRules.SpecialEducation;

namespace PeimsRules.Audit;

/// <summary>
/// The integrity audit: runs every rule of <see cref="AuditRules.Catalogue"/> that is switched on over a year's
/// period records and IEP service records, puts each finding's ADA and dollars in one of three money columns (ADA
/// overstated, ADA unclaimed, attendance opportunity), gives it a stable id, and ranks reporting errors first, so that
/// staff can correct the costliest errors before the PEIMS submission.
/// </summary>
/// <remarks>
/// ADA counts eligible days present (E0937) as reported: the 42400 record carries no ADA code. The enrollment's code,
/// when the file joins it, is read here only: eligible days under a code that earns nothing are counted by TEA's figure,
/// so the audit reports them as ADA overstated. A record whose key repeats is audited once (42400-000A reports the
/// repeat); the other rules see the first record of each key.
/// </remarks>
[TeaSource("District PEIMS integrity audit (attendance codes, SPED service minutes)", Status = CitationStatus.VendorDocumented)]
[TeaSource("TEA data standards (TWEDS): complex type 42400, code table C059, business rules 42400-0005/6/7, 42400-000A, 42400-0067")]
public static class IntegrityAudit
{
    /// <summary>Audits <paramref name="input"/> under the rules of its year.</summary>
    /// <exception cref="ArgumentException">A record is not of the rule set's school year.</exception>
    public static AuditReport Run(AuditInput input, RuleSet rules, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= AuditOptions.Default;
        var records = input.Records;
        var stray = records is AttendanceStore store
            ? (store.Count > 0 && store.SchoolYear != rules.SchoolYear ? store.First() : null)
            : records.FirstOrDefault(r => r.SchoolYear != rules.SchoolYear);
        if (stray is not null)
        {
            throw new ArgumentException(
                $"The rules are for {rules.SchoolYear.DisplayName}, but student {stray.StudentId} at campus {stray.CampusId} has a record of {stray.SchoolYear.DisplayName}: audit one school year at a time.",
                nameof(input));
        }

        var findings = new List<AuditFinding>();
        var context = new Context(rules, options, findings);
        foreach (var f in input.ReaderFindings.Where(f => options.IsEnabled(f.Rule)))
        {
            findings.Add(context.Priced(f));
        }

        // Every rule but ATT-10 looks within one campus, so the records are audited a campus at a time (a store hands
        // out one campus's records at once, never the whole file); ATT-10 sees the records of the students at several.
        var severalCampuses = AuditByCampus.StudentsAtSeveralCampuses(records);
        var atSeveralCampuses = new List<BasicReportingPeriodAttendance>();
        // The index of the period file that service records are checked against, built only when there are some.
        var attendance = input.ServiceRecords.Count > 0 ? new AttendanceIndex(input.ServiceRecords, records.Count > 0, input.ReaderFindings) : null;
        var figures = new Dictionary<CampusId, (Ratio RefinedAda, Ratio GainAtTarget)>();
        foreach (var (campus, own) in AuditByCampus.Records(records))
        {
            var unique = context.CheckDuplicates(own);
            foreach (var record in unique)
            {
                context.CheckRecord(record);
            }

            context.CheckOverlaps(unique);
            context.CheckDaysTaught(unique);
            context.CheckChronicAbsence(unique);
            if (severalCampuses.Count > 0)
            {
                atSeveralCampuses.AddRange(unique.Where(r => severalCampuses.Contains(r.StudentId)));
            }

            attendance?.Add(own);
            figures[campus] = (RefinedAda.Compute(own, rules), FundingAtRisk.AdaGainAtTargetRate(own, rules, options.TargetAttendanceRate));
        }

        context.CheckTwoCampuses(atSeveralCampuses);
        foreach (var service in input.ServiceRecords)
        {
            context.CheckService(service, attendance!);
        }

        var ranked = findings
            .OrderBy(Tier)
            .ThenByDescending(f => f.Dollars ?? -1m)
            .ThenByDescending(f => f.Ada ?? Ratio.Zero)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.CampusId)
            .ThenBy(f => f.StudentId)
            .ThenBy(f => f.ReportingPeriod)
            .ThenBy(f => f.SourceLine)
            .ToList();
        ranked = WithIdsAndNames(ranked, rules.SchoolYear, options.CampusNames);

        var dollarsComputable = FundingAtRisk.PerAda(null, rules, options.RevenuePerAda) is not null;
        return new AuditReport(
            rules,
            options,
            ranked,
            Campuses(figures, ranked, rules, options, dollarsComputable),
            ServiceMinuteCompliance.ByCampusAndService(input.ServiceRecords),
            AuditMoney.Of(ranked, dollarsComputable));
    }

    /// <summary>The stable id of a finding: its rule id and a hash of what identifies the defect (see <see cref="AuditFinding.Id"/>).</summary>
    public static string FindingId(AuditFinding finding, SchoolYear year)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var parts = new List<string>
        {
            finding.Rule.Id,
            year.ToString(),
            finding.CampusId?.Code ?? string.Empty,
            finding.StudentId?.Value ?? string.Empty,
            finding.GradeLevel?.Code ?? string.Empty,
            finding.InstructionalTrack?.Code ?? string.Empty,
            finding.ReportingPeriod?.ToString() ?? string.Empty,
            finding.SourceColumn ?? string.Empty,
        };
        if (finding.ServiceRecord is { } service)
        {
            parts.Add(service.Service);
            parts.Add(service.Interval);
        }

        // A multi-record finding is identified by every record's key; a refused row that could not be placed, by its values.
        parts.AddRange(finding.Records.Select(r => r.Key.ToString()).Order(StringComparer.Ordinal));
        if (finding.CampusId is null && finding.StudentId is null && finding.SourceValues is { } values)
        {
            parts.AddRange(values.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase).Select(v => $"{v.Key}={v.Value}"));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return $"{finding.Rule.Id}-{Convert.ToHexString(hash, 0, 5).ToLowerInvariant()}";
    }

    /// <summary>The findings, each with its id and its campus's name from the directory (when it lists the campus).</summary>
    private static List<AuditFinding> WithIdsAndNames(List<AuditFinding> findings, SchoolYear year, IReadOnlyDictionary<CampusId, string> campusNames)
    {
        // The same defect twice (a key repeated three times) gets -2, -3 in rank order.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<AuditFinding>(findings.Count);
        foreach (var f in findings)
        {
            var id = FindingId(f, year);
            var n = seen[id] = seen.GetValueOrDefault(id) + 1;
            var name = f.CampusId is { } c && campusNames.TryGetValue(c, out var listed) ? listed : f.CampusName;
            result.Add(f with { Id = n == 1 ? id : $"{id}-{n}", CampusName = name });
        }

        return result;
    }

    /// <summary>Reporting errors first, then the other warnings and notices, then attendance opportunity.</summary>
    private static int Tier(AuditFinding f) =>
        f.IsReportingError ? 0 : f.MoneyColumn == AuditMoneyColumn.AttendanceOpportunity ? 2 : 1;

    private static List<CampusAuditSummary> Campuses(Dictionary<CampusId, (Ratio RefinedAda, Ratio GainAtTarget)> figures, IReadOnlyList<AuditFinding> findings, RuleSet rules, AuditOptions options, bool dollarsComputable)
    {
        var findingsByCampus = findings.Where(f => f.CampusId is not null).ToLookup(f => f.CampusId!.Value);
        var campuses = figures.Keys.Concat(findingsByCampus.Select(g => g.Key)).Distinct();
        var result = new List<CampusAuditSummary>();
        foreach (var campus in campuses)
        {
            var own = findingsByCampus[campus].ToList();
            // A campus that only a refused row names has no record: its refined ADA is that of no records.
            var (ada, gain) = figures.TryGetValue(campus, out var known) ? known : (RefinedAda.Compute([], rules), FundingAtRisk.AdaGainAtTargetRate([], rules, options.TargetAttendanceRate));
            result.Add(new CampusAuditSummary(
                campus,
                options.CampusNames.TryGetValue(campus, out var name) ? name : null,
                own.Count(f => f.Severity == AuditSeverity.Error),
                own.Count(f => f.Severity == AuditSeverity.Warning),
                own.Count(f => f.Severity == AuditSeverity.Notice),
                AuditMoney.Of(own, dollarsComputable),
                ada,
                gain,
                FundingAtRisk.Dollars(gain, null, rules, options.RevenuePerAda)));
        }

        return result
            .OrderByDescending(c => c.Money.ReportingErrorDollars ?? -1m)
            .ThenByDescending(c => c.Money.AdaOverstated + c.Money.AdaUnclaimed)
            .ThenByDescending(c => c.Money.AttendanceOpportunityDollars ?? -1m)
            .ThenBy(c => c.CampusId)
            .ToList();
    }

    /// <summary>The refined ADA one record's <paramref name="days"/> carry: days ÷ days taught ÷ 6.</summary>
    private static Ratio RefinedAdaOf(DayCount days, BasicReportingPeriodAttendance record) =>
        Ratio.Of(days.HalfDays, record.NumberDaysTaught.HalfDays * 6L);

    private static Ratio Min(Ratio a, Ratio b) => a < b ? a : b;

    private static string Days(DayCount days) => days.ToString();

    /// <summary>Which students the period file has, by campus and period, and whether they have days absent there.</summary>
    private sealed class AttendanceIndex
    {
        private readonly Dictionary<(CampusId, StudentId, ReportingPeriod), long> _absent = [];
        private readonly HashSet<(CampusId, StudentId)> _atCampus = [];
        private readonly HashSet<(CampusId, StudentId, ReportingPeriod)> _refused = [];
        private readonly HashSet<(CampusId, StudentId)> _named = [];

        /// <summary>The index the services are checked against, of the students and periods they name only.</summary>
        public AttendanceIndex(IEnumerable<IepServiceRecord> services, bool hasRecords, IEnumerable<AuditFinding> readerFindings)
        {
            HasRecords = hasRecords;
            foreach (var s in services)
            {
                _named.Add((s.CampusId, s.StudentId));
            }

            // A refused row still shows the student is in the file there: no SPED-04 for it, and no reading of its absences.
            foreach (var f in readerFindings)
            {
                if (f.CampusId is { } c && f.StudentId is { } s)
                {
                    HasRecords = true;
                    _atCampus.Add((c, s));
                    if (f.ReportingPeriod is { } p)
                    {
                        _refused.Add((c, s, p));
                    }
                }
            }
        }

        /// <summary>Adds the records of one campus (each campus once).</summary>
        public void Add(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            foreach (var r in records)
            {
                if (!_named.Contains((r.CampusId, r.StudentId)))
                {
                    continue;
                }

                var key = (r.CampusId, r.StudentId, r.ReportingPeriod);
                _absent[key] = _absent.GetValueOrDefault(key) + r.DaysAbsent.HalfDays;
                _atCampus.Add((r.CampusId, r.StudentId));
            }
        }

        public bool HasRecords { get; }

        public bool Has(CampusId campus, StudentId student, ReportingPeriod? period) =>
            period is { } p ? _absent.ContainsKey((campus, student, p)) || _refused.Contains((campus, student, p)) : _atCampus.Contains((campus, student));

        /// <summary>Whether the period's records at the campus show no day absent (and none of the student's rows there was refused).</summary>
        public bool ShowsNoAbsence(CampusId campus, StudentId student, ReportingPeriod period) =>
            _absent.TryGetValue((campus, student, period), out var absent) && absent == 0 && !_refused.Contains((campus, student, period));
    }

    private sealed class Context(RuleSet rules, AuditOptions options, List<AuditFinding> findings)
    {
        /// <summary>A reader's finding with its dollars: its ADA priced at its record (a refused duplicate) or the basic allotment.</summary>
        public AuditFinding Priced(AuditFinding f)
        {
            if (f.Records.Count > 0)
            {
                // A refused duplicate read again: the eligible days it adds, as the year's rules count them.
                var record = f.Records[0];
                var added = PeriodAda.CountedEligibleDaysPresent(record, rules);
                var ada = added.HalfDays > 0 ? RefinedAdaOf(added, record) : (Ratio?)null;
                return f with
                {
                    Ada = ada,
                    MoneyColumn = ada is null ? AuditMoneyColumn.None : f.MoneyColumn,
                    Dollars = ada is { } a ? FundingAtRisk.Dollars(a, record, rules, options.RevenuePerAda) : null,
                };
            }

            return f.Ada is { } unread ? f with { Dollars = FundingAtRisk.Dollars(unread, null, rules, options.RevenuePerAda) } : f;
        }

        /// <summary>
        /// 42400-000A: every record after the first of its key is a duplicate, priced at the eligible days it adds. Returns
        /// the first record of each key, which the other rules audit.
        /// </summary>
        public List<BasicReportingPeriodAttendance> CheckDuplicates(IReadOnlyList<BasicReportingPeriodAttendance> records)
        {
            var first = new Dictionary<ReportingPeriodAttendanceKey, BasicReportingPeriodAttendance>();
            var unique = new List<BasicReportingPeriodAttendance>(records.Count);
            foreach (var r in records)
            {
                if (first.TryAdd(r.Key, r))
                {
                    unique.Add(r);
                    continue;
                }

                var added = PeriodAda.CountedEligibleDaysPresent(r, rules);
                Add(AuditRules.DuplicateRecord, r, AuditMoneyColumn.AdaOverstated, added.HalfDays > 0 ? RefinedAdaOf(added, r) : null,
                    $"A second record with the key of another ({r.Key}) adds {Days(added)} eligible days present that TEA's figure would count twice: fold the two into one record (their days summed, within the {Days(r.NumberDaysTaught)} days taught) or correct the key.",
                    [first[r.Key], r]);
            }

            return unique;
        }

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
            // ADA counts E0937 as reported, so eligible days under code 0, 4, 5 or 8 are in TEA's figure: overstated.
            if (!code.IsEligible && r.EligibleDaysPresent.HalfDays > 0)
            {
                Add(AuditRules.FundedDayOnUnfundedCode, r, AuditMoneyColumn.AdaOverstated, RefinedAdaOf(r.EligibleDaysPresent, r),
                    code.IsInMembership
                        ? $"ADA code {code} earns no funding, yet {Days(r.EligibleDaysPresent)} eligible days present are reported and counted in ADA: move them to ineligible days present, or correct the code if the student is eligible."
                        : $"ADA code 0 (enrolled, not in membership) earns no funding, yet {Days(r.EligibleDaysPresent)} eligible days present are reported and counted in ADA: remove them (a student not in membership has no attendance), or correct the code if the student is in membership.");
            }

            if (!code.IsInMembership && (r.DaysInMembership.HalfDays > 0))
            {
                Add(AuditRules.NotInMembershipWithDays, r, AuditMoneyColumn.None, null,
                    $"ADA code 0 (enrolled, not in membership), yet {Days(r.DaysInMembership)} days present or absent are reported: a student not in membership has no attendance to report; correct the code or the enrollment status.");
            }

            if (code.IsHalfDay && !options.GradesAllowingHalfDayCodes.Contains(r.GradeLevel))
            {
                Add(AuditRules.HalfDayCodeOnFullDayGrade, r, AuditMoneyColumn.None, null,
                    $"Half-day ADA code {code} on grade {r.GradeLevel}, which the district runs as full day: if the student attends full day, the code under-reports attendance; correct it on the enrollment.");
            }

            if (code.IsHalfDay)
            {
                var limit = DayCount.FromHalfDays(r.NumberDaysTaught.HalfDays / 2);
                if (r.DaysInMembership > limit)
                {
                    var excess = DayCount.FromHalfDays(r.DaysInMembership.HalfDays - limit.HalfDays);
                    var counted = PeriodAda.CountedEligibleDaysPresent(r, rules);
                    var atStake = excess < counted ? excess : counted;
                    Add(AuditRules.MembershipOverDaysTaught, r, AuditMoneyColumn.AdaOverstated, atStake.HalfDays > 0 ? RefinedAdaOf(atStake, r) : null,
                        $"Half-day code {code} allows at most {Days(limit)} days of membership in {Days(r.NumberDaysTaught)} days taught, but {Days(r.DaysInMembership)} are reported: count half a day for each instructional day, or correct the code if the student is full day.");
                }
            }

        }

        private void CheckRemoteDays(BasicReportingPeriodAttendance r, DayCount remote)
        {
            if (!rules.CountsRemoteDays && remote.HalfDays > 0)
            {
                Add(AuditRules.RemoteDaysOutsideRemoteYears, r, AuditMoneyColumn.AdaUnclaimed, RefinedAdaOf(remote, r),
                    $"{Days(remote)} remote eligible days present are reported in {rules.SchoolYear.DisplayName}, when remote days count only in 2020-21 and 2021-22, so they earn nothing: report the days the student was present on campus as eligible days present, and leave the remote columns blank.");
            }

            if (rules.CountsRemoteDays && r.RemoteAsynchronousEligibleDaysPresent.HalfDays > 0 && r.AdaEligibility?.IsInMembership != false)
            {
                var present = PercentInAttendance.CountedDaysPresent(r, rules);
                var membership = present + r.DaysAbsent;
                if (membership.HalfDays > 0 && Ratio.Of(present.HalfDays * 100, membership.HalfDays) < Ratio.FromDecimal(options.RemoteAsynchronousAttendanceRateBelow))
                {
                    var rate = Ratio.Of(present.HalfDays * 100, membership.HalfDays).Round(1, MidpointRounding.AwayFromZero);
                    Add(AuditRules.RemoteAsynchronousForLowAttendance, r, AuditMoneyColumn.AdaOverstated, RefinedAdaOf(r.RemoteAsynchronousEligibleDaysPresent, r),
                        string.Create(CultureInfo.InvariantCulture, $"{Days(r.RemoteAsynchronousEligibleDaysPresent)} remote asynchronous days are credited to a student attending {rate}% of the period (below {options.RemoteAsynchronousAttendanceRateBelow}%): check each asynchronous day has the engagement evidence the rules require."));
                }
            }
        }

        /// <summary>Instructional days a record covers: a half-day code's membership covers twice its days.</summary>
        private static long Covered(BasicReportingPeriodAttendance r) =>
            r.DaysInMembership.HalfDays * (r.AdaEligibility?.IsHalfDay == true ? 2L : 1L);

        public void CheckOverlaps(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            if (!options.IsEnabled(AuditRules.CodeChangeWithoutWithdrawal))
            {
                return;
            }

            var groups = GroupsOfMoreThanOne(
                records.Where(r => r.AdaEligibility?.IsInMembership != false).ToList(),
                r => (r.CampusId, r.StudentId, r.InstructionalTrack, r.ReportingPeriod, r.NumberDaysTaught));
            foreach (var (key, list) in groups)
            {
                var covered = list.Sum(Covered);
                var taught = key.NumberDaysTaught.HalfDays;
                if (covered <= taught)
                {
                    continue;
                }

                var excessDays = DayCount.FromHalfDays(covered - taught);
                var eligible = list.Aggregate(Ratio.Zero, (sum, r) => sum + RefinedAdaOf(PeriodAda.CountedEligibleDaysPresent(r, rules), r));
                var atStake = Min(Ratio.Of(excessDays.HalfDays, taught * 6L), eligible);
                var codes = string.Join(", ", list.Select(r => r.AdaEligibility is { } c ? $"code {c} grade {r.GradeLevel}" : $"grade {r.GradeLevel}"));
                AddMany(AuditRules.CodeChangeWithoutWithdrawal, list, list[0], AuditMoneyColumn.AdaOverstated, atStake,
                    $"{list.Count} records ({codes}) cover {Days(DayCount.FromHalfDays(covered))} instructional days of {Days(key.NumberDaysTaught)} taught: withdraw the student from the first status on the day before the new one starts, so no day is counted twice.");
            }
        }

        /// <summary>
        /// The groups of <paramref name="records"/> by <paramref name="key"/> that hold more than one record, in the order of
        /// their first record, each in the records' order: what GroupBy then a count above one gives, without a group
        /// object for each of the many keys with a single record.
        /// </summary>
        private static List<(TKey Key, List<BasicReportingPeriodAttendance> Records)> GroupsOfMoreThanOne<TKey>(List<BasicReportingPeriodAttendance> records, Func<BasicReportingPeriodAttendance, TKey> key)
            where TKey : notnull
        {
            var counts = new Dictionary<TKey, int>();
            foreach (var r in records)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key(r), out _)++;
            }

            var groups = new Dictionary<TKey, List<BasicReportingPeriodAttendance>>();
            var result = new List<(TKey Key, List<BasicReportingPeriodAttendance> Records)>();
            foreach (var r in records)
            {
                var k = key(r);
                if (counts[k] < 2)
                {
                    continue;
                }

                if (!groups.TryGetValue(k, out var list))
                {
                    groups[k] = list = [];
                    result.Add((k, list));
                }

                list.Add(r);
            }

            return result;
        }

        /// <summary>Whether <paramref name="records"/> are at more than one campus: any at another campus than the first's.</summary>
        private static bool AtSeveralCampuses(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            CampusId? first = null;
            foreach (var r in records)
            {
                first ??= r.CampusId;
                if (r.CampusId != first)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// ATT-10: a student's membership at several campuses in one period, each campus's share of its own days taught
        /// (at most one; more is ATT-07's), summed, above one. Placed on the campus whose share is smallest (the likeliest
        /// enrollment not withdrawn), priced at the excess, never more than the eligible ADA the records carry.
        /// </summary>
        public void CheckTwoCampuses(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            if (!options.IsEnabled(AuditRules.CountedAtTwoCampuses))
            {
                return;
            }

            var periods = GroupsOfMoreThanOne(records.Where(r => r.AdaEligibility?.IsInMembership != false).ToList(), r => (r.StudentId, r.ReportingPeriod))
                .Where(g => AtSeveralCampuses(g.Records));
            foreach (var (key, period) in periods)
            {
                var shares = period.GroupBy(r => r.CampusId)
                    .Select(c =>
                    {
                        var share = c.Aggregate(Ratio.Zero, (sum, r) => sum + Ratio.Of(Covered(r), r.NumberDaysTaught.HalfDays));
                        return (Campus: c.Key, Share: Min(share, Ratio.One), Records: c.ToList());
                    })
                    .OrderBy(c => c.Share).ThenBy(c => c.Campus)
                    .ToList();
                var total = shares.Aggregate(Ratio.Zero, (sum, c) => sum + c.Share);
                if (total <= Ratio.One)
                {
                    continue;
                }

                var list = shares.SelectMany(c => c.Records).ToList();
                var eligible = list.Aggregate(Ratio.Zero, (sum, r) => sum + RefinedAdaOf(PeriodAda.CountedEligibleDaysPresent(r, rules), r));
                var atStake = Min((total - Ratio.One) / Ratio.FromInteger(6), eligible);
                var place = shares[0];
                var percent = ((total - Ratio.One) * Ratio.FromInteger(100)).Round(1, MidpointRounding.AwayFromZero);
                var finding = new AuditFinding
                {
                    Rule = AuditRules.CountedAtTwoCampuses,
                    CampusId = place.Campus,
                    StudentId = key.StudentId,
                    ReportingPeriod = key.ReportingPeriod,
                    Records = list,
                    MoneyColumn = AuditMoneyColumn.AdaOverstated,
                    Ada = atStake,
                    Dollars = FundingAtRisk.Dollars(atStake, place.Records[0], rules, options.RevenuePerAda),
                    Message = string.Create(CultureInfo.InvariantCulture,
                        $"The student is in membership at {string.Join(" and ", shares.Select(c => $"campus {c.Campus} ({string.Join(" + ", c.Records.Select(r => Days(r.DaysInMembership)))} of {Days(c.Records[0].NumberDaysTaught)} days taught)"))}: together {percent}% of a period more than the period has, so those days are counted at two campuses. Withdraw the student from the first campus on the day before the entry at the second."),
                };
                findings.Add(finding);
            }
        }

        /// <summary>
        /// 42400-0067: records of one campus, track and period with different days taught. The days taught most of the
        /// cell's records carry (the larger on a tie) stand for the calendar; each other record is a finding, priced at the
        /// difference between its ADA as reported and at the calendar's days taught (its eligible days capped at them),
        /// overstated when its days taught are fewer, unclaimed when more, never more than the record's own ADA.
        /// </summary>
        public void CheckDaysTaught(IEnumerable<BasicReportingPeriodAttendance> records)
        {
            if (!options.IsEnabled(AuditRules.DaysTaughtMismatch))
            {
                return;
            }

            foreach (var cell in records.GroupBy(r => (r.CampusId, r.InstructionalTrack, r.ReportingPeriod)))
            {
                var counts = cell.GroupBy(r => r.NumberDaysTaught).Select(g => (Taught: g.Key, Count: g.Count())).ToList();
                if (counts.Count < 2)
                {
                    continue;
                }

                var calendar = counts.OrderByDescending(c => c.Count).ThenByDescending(c => c.Taught).First();
                foreach (var r in cell.Where(r => r.NumberDaysTaught != calendar.Taught))
                {
                    var counted = PeriodAda.CountedEligibleDaysPresent(r, rules);
                    var reported = RefinedAdaOf(counted, r);
                    var capped = counted < calendar.Taught ? counted : calendar.Taught;
                    var atCalendar = Ratio.Of(capped.HalfDays, calendar.Taught.HalfDays * 6L);
                    var over = r.NumberDaysTaught < calendar.Taught;
                    var difference = over ? reported - atCalendar : atCalendar - reported;
                    var ada = Min(difference, reported);
                    Add(AuditRules.DaysTaughtMismatch, r, over ? AuditMoneyColumn.AdaOverstated : AuditMoneyColumn.AdaUnclaimed, ada > Ratio.Zero ? ada : null,
                        $"{Days(r.NumberDaysTaught)} days taught, where {calendar.Count} of the {cell.Count()} records of campus {cell.Key.CampusId}, track {cell.Key.InstructionalTrack}, period {cell.Key.ReportingPeriod} carry {Days(calendar.Taught)}: every record must carry the calendar's days taught (42400-0067); correct the record's calendar or track."
                        + (over ? " Fewer days taught than the calendar's overstate the record's ADA." : " More days taught than the calendar's understate the record's ADA."));
                }
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
                    MoneyColumn = AuditMoneyColumn.AttendanceOpportunity,
                    Ada = atStake,
                    Dollars = FundingAtRisk.Dollars(parts, rules, options.RevenuePerAda),
                    Message = string.Create(CultureInfo.InvariantCulture,
                        $"Attendance rate {rate.Round(1, MidpointRounding.AwayFromZero)}% ({Days(present)} present of {Days(membership)} days in membership), below {options.ChronicAbsenceAttendanceRateBelow}%: refer the student for attendance intervention, and check the absences are recorded correctly. Not a reporting error: the dollars are what full attendance would earn."),
                });
            }
        }

        public void CheckService(IepServiceRecord service, AttendanceIndex attendance)
        {
            // A service for a student the period file does not have there: its own finding, not a shortfall read without attendance.
            if (attendance.HasRecords && !attendance.Has(service.CampusId, service.StudentId, service.ReportingPeriod))
            {
                AddService(AuditRules.ServiceWithoutAttendance, service,
                    $"{service.Service}, {service.Interval}: the period file has no attendance record of the student at campus {service.CampusId}{(service.ReportingPeriod is { } p ? $" in period {p}" : string.Empty)}: check the campus and student on the service log, or the student's missing attendance. The service's minutes are not judged until they match.");
                return;
            }

            var compliance = new ServiceMinuteCompliance(service);
            if (!compliance.IsShortfall)
            {
                return;
            }

            var percent = (compliance.ComplianceRatio * Ratio.FromInteger(100)).Round(1, MidpointRounding.AwayFromZero);
            var delivered = string.Create(CultureInfo.InvariantCulture,
                $"{service.Service}, {service.Interval}: {service.MinutesDelivered} of {service.MinutesRequired} minutes delivered ({percent}%), a deficit of {compliance.DeficitMinutes} minutes, ");

            // Minutes missed "for student absence" in a period whose records show no absence: the absence does not excuse them.
            if (compliance.DeficitExplainedByStudentAbsence > 0 && service.ReportingPeriod is { } period
                && attendance.ShowsNoAbsence(service.CampusId, service.StudentId, period))
            {
                AddService(AuditRules.ServiceAbsenceNotOnFile, service,
                    delivered + $"{compliance.DeficitExplainedByStudentAbsence} of them recorded as missed for the student's absence, but the student's attendance at the campus in period {period} shows no day absent: the {compliance.DeficitMinutes} minutes are owed until the attendance or the service log is corrected.");
                return;
            }

            var rule = compliance.DeficitOwedMinutes > 0 ? AuditRules.ServiceShortfallOwed : AuditRules.ServiceShortfallStudentAbsence;
            AddService(rule, service, delivered
                + (compliance.DeficitOwedMinutes > 0
                    ? $"{compliance.DeficitOwedMinutes} of them not explained by the student's absence: schedule {compliance.DeficitOwedMinutes} minutes of compensatory service and document it."
                    : "all of it explained by the student's absence: document the absences."));
        }

        private void AddService(AuditRule rule, IepServiceRecord service, string message)
        {
            if (!options.IsEnabled(rule))
            {
                return;
            }

            findings.Add(new AuditFinding
            {
                Rule = rule,
                CampusId = service.CampusId,
                StudentId = service.StudentId,
                ReportingPeriod = service.ReportingPeriod,
                ServiceRecord = service,
                Message = message,
            });
        }

        private void Add(AuditRule rule, BasicReportingPeriodAttendance record, AuditMoneyColumn column, Ratio? ada, string message, IReadOnlyList<BasicReportingPeriodAttendance>? records = null)
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
                GradeLevel = record.GradeLevel,
                InstructionalTrack = record.InstructionalTrack,
                ReportingPeriod = record.ReportingPeriod,
                Records = records ?? [record],
                MoneyColumn = ada is null ? AuditMoneyColumn.None : column,
                Ada = ada,
                Dollars = ada is { } a ? FundingAtRisk.Dollars(a, record, rules, options.RevenuePerAda) : null,
                Message = message,
            });
        }

        private void AddMany(AuditRule rule, IReadOnlyList<BasicReportingPeriodAttendance> records, BasicReportingPeriodAttendance pricedAt, AuditMoneyColumn column, Ratio ada, string message) =>
            findings.Add(new AuditFinding
            {
                Rule = rule,
                CampusId = pricedAt.CampusId,
                StudentId = pricedAt.StudentId,
                InstructionalTrack = pricedAt.InstructionalTrack,
                ReportingPeriod = pricedAt.ReportingPeriod,
                Records = records,
                MoneyColumn = ada > Ratio.Zero ? column : AuditMoneyColumn.None,
                Ada = ada > Ratio.Zero ? ada : null,
                Dollars = ada > Ratio.Zero ? FundingAtRisk.Dollars(ada, pricedAt, rules, options.RevenuePerAda) : null,
                Message = message,
            });
    }
}
