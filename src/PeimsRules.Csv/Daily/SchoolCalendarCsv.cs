using System.Globalization;
using NodaTime;
using PeimsRules.Attendance.Daily;

namespace PeimsRules.Csv.Daily;

/// <summary>
/// The calendars file: one <c>CALENDAR</c> row per campus calendar, then rows that give its reporting periods
/// (<c>PERIOD</c>), its days without school (<c>HOLIDAY</c>), its extra school days (<c>SCHOOLDAY</c>) and its excluded
/// date ranges (<c>EXCLUDE</c>), in any order. The instructional days of a calendar are the Monday-to-Friday dates of
/// its reporting periods, less its holidays, plus its extra school days.
/// </summary>
/// <remarks>
/// <para>
/// Each row names its calendar by <see cref="SchoolYear"/>, <see cref="CampusId"/> and <see cref="CalendarCode"/> (the
/// local name). A column that does not belong to a row's type must be blank. A <c>PERIOD</c> row may state its
/// <see cref="NumberDaysTaught"/>; it is then checked against the instructional days the file gives, so a calendar
/// typed wrongly is found rather than reported. <see cref="CalendarOrder"/> numbers a campus's tracks (00, 01, ...);
/// when it is blank, the calendar's place among the campus's <c>CALENDAR</c> rows in the file is used.
/// </para>
/// <para>
/// Problems name the file, line, column and value: a row type, date, time or flag that cannot be read; a row of a
/// calendar that has no <c>CALENDAR</c> row; a calendar listed twice; a calendar without periods; a period repeated or
/// overlapping another; stated days taught that disagree with the calendar; calendars of one campus that disagree on
/// the campus's exclude flag or share an order.
/// </para>
/// </remarks>
public static class SchoolCalendarCsv
{
    /// <summary>The row types.</summary>
    public static IReadOnlyList<string> RowTypes { get; } = ["CALENDAR", "PERIOD", "HOLIDAY", "SCHOOLDAY", "EXCLUDE"];

    /// <summary>SchoolYear (E0974): the year the school year ends in.</summary>
    public static CsvColumn SchoolYear { get; } = new("SchoolYear", "E0974", true, "the school year, named by the year it ends in (2025 for 2024-25).");

    /// <summary>CampusId (E0266).</summary>
    public static CsvColumn CampusId { get; } = new("CampusId", "E0266", true, "the nine-digit campus id.");

    /// <summary>CalendarCode: the calendar's local name, unique on its campus.</summary>
    public static CsvColumn CalendarCode { get; } = new("CalendarCode", null, true, "the calendar's local name, unique on its campus (such as REG).");

    /// <summary>RowType: CALENDAR, PERIOD, HOLIDAY, SCHOOLDAY or EXCLUDE.</summary>
    public static CsvColumn RowType { get; } = new("RowType", null, true, "what the row gives: CALENDAR, PERIOD, HOLIDAY, SCHOOLDAY or EXCLUDE.");

    /// <summary>ReportingPeriod (E0934): PERIOD rows.</summary>
    public static CsvColumn ReportingPeriod { get; } = new("ReportingPeriod", "E0934", false, "on PERIOD rows, the reporting period, 1 to 9.");

    /// <summary>StartDate: the first date of a PERIOD, HOLIDAY, SCHOOLDAY or EXCLUDE row.</summary>
    public static CsvColumn StartDate { get; } = new("StartDate", null, false, "on PERIOD, HOLIDAY, SCHOOLDAY and EXCLUDE rows, the first date, yyyy-MM-dd.");

    /// <summary>EndDate: the last date (included); blank on a HOLIDAY, SCHOOLDAY or EXCLUDE row for a single day.</summary>
    public static CsvColumn EndDate { get; } = new("EndDate", null, false, "the last date (included), yyyy-MM-dd; required on PERIOD rows, blank elsewhere for a single day.");

    /// <summary>NumberDaysTaught (E0935): on PERIOD rows, optional, checked against the calendar.</summary>
    public static CsvColumn NumberDaysTaught { get; } = new("NumberDaysTaught", "E0935", false, "on PERIOD rows, optionally, the days taught, checked against the instructional days.");

    /// <summary>SnapshotTime: the official attendance snapshot time, on CALENDAR rows.</summary>
    public static CsvColumn SnapshotTime { get; } = new("SnapshotTime", null, false, "on CALENDAR rows, the official attendance snapshot time, HH:mm.");

    /// <summary>CalendarOrder: the calendar's place in the campus's list, on CALENDAR rows.</summary>
    public static CsvColumn CalendarOrder { get; } = new("CalendarOrder", null, false, "on CALENDAR rows, the calendar's place in the campus's list (0, 1, ...); blank for its place in the file.");

    /// <summary>CalendarExclude: Y when the calendar's exclude box is checked, on CALENDAR rows.</summary>
    public static CsvColumn CalendarExclude { get; } = new("CalendarExclude", null, false, "on CALENDAR rows, Y when the calendar is excluded from reporting; blank for N.");

    /// <summary>CampusExclude: Y when the campus's exclude box is checked, on CALENDAR rows.</summary>
    public static CsvColumn CampusExclude { get; } = new("CampusExclude", null, false, "on CALENDAR rows, Y when the campus is excluded from reporting; blank for N.");

    /// <summary>The columns of the layout, in the order the documentation lists them.</summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        SchoolYear, CampusId, CalendarCode, RowType, ReportingPeriod, StartDate, EndDate, NumberDaysTaught, SnapshotTime,
        CalendarOrder, CalendarExclude, CampusExclude,
    ];

    /// <summary>Reads a file, throwing at its first problem.</summary>
    /// <exception cref="PeimsCsvException">The file has a problem; the message names the line, column and value.</exception>
    public static IReadOnlyList<SchoolCalendar> ReadFile(string path) => ReadFile(path, CsvErrorMode.StopAtFirst).Records;

    /// <summary>Reads a file in the given mode.</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<SchoolCalendar> ReadFile(string path, CsvErrorMode mode) =>
        ReadFile(path, mode, CsvInputOptions.Default);

    /// <summary>Reads a file in the given mode, with the given encoding and limits (docs/input-contract.md).</summary>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the file has a problem.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CsvReadResult<SchoolCalendar> ReadFile(string path, CsvErrorMode mode, CsvInputOptions options) =>
        Assemble(CsvTableReader.ReadFile(path, Columns, MapRow, mode, options), path, mode);

    /// <summary>Reads CSV text in the given mode.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name to use in problems.</param>
    /// <param name="mode">Stop at the first problem, or collect them all.</param>
    /// <exception cref="PeimsCsvException">With <see cref="CsvErrorMode.StopAtFirst"/>, the text has a problem.</exception>
    public static CsvReadResult<SchoolCalendar> Read(TextReader reader, string fileName, CsvErrorMode mode) =>
        Assemble(CsvTableReader.Read(reader, fileName, Columns, MapRow, mode), fileName, mode);

    private static CsvReadResult<SchoolCalendar> Assemble(CsvReadResult<CalendarRow> rows, string fileName, CsvErrorMode mode)
    {
        var problems = new List<CsvProblem>();
        var calendars = Assemble(rows.Records, fileName, problems, out var lines);
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (mode == CsvErrorMode.StopAtFirst && problems.Count > 0)
        {
            throw new PeimsCsvException(problems[0]);
        }

        // A row the rows reader took can still be named by a problem of its calendar; it is then rejected too.
        var taken = rows.RecordLines.ToHashSet();
        var rejected = rows.RowsRejected + problems.Select(p => p.Line).Distinct().Count(taken.Contains);
        return new CsvReadResult<SchoolCalendar>(
            calendars, [.. rows.Problems.Concat(problems).OrderBy(p => p.Line)], rows.UnusedColumns, rows.RowsRead, rejected, lines);
    }

    /// <summary>Writes <paramref name="calendars"/> in this layout: a CALENDAR row, PERIOD rows, then HOLIDAY, SCHOOLDAY and EXCLUDE rows.</summary>
    public static void Write(TextWriter writer, IEnumerable<SchoolCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(calendars);
        using var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        foreach (var calendar in calendars)
        {
            void Row(string type, string period, LocalDate? start, LocalDate? end, string taught, string snapshot, string order, string calendarExclude, string campusExclude)
            {
                csv.WriteField(calendar.SchoolYear.ToString());
                csv.WriteField(calendar.Campus.Code);
                csv.WriteField(calendar.CalendarCode);
                csv.WriteField(type);
                csv.WriteField(period);
                csv.WriteField(start is { } s ? CsvDailyValues.FormatDate(s) : string.Empty);
                csv.WriteField(end is { } e ? CsvDailyValues.FormatDate(e) : string.Empty);
                csv.WriteField(taught);
                csv.WriteField(snapshot);
                csv.WriteField(order);
                csv.WriteField(calendarExclude);
                csv.WriteField(campusExclude);
                csv.EndRecord();
            }

            Row("CALENDAR", string.Empty, null, null, string.Empty, CsvDailyValues.FormatTime(calendar.AttendanceSnapshotTime),
                calendar.Order.ToString(CultureInfo.InvariantCulture), calendar.IsExcluded ? "Y" : "N", calendar.IsCampusExcluded ? "Y" : "N");
            var weekdays = new HashSet<LocalDate>();
            foreach (var period in calendar.ReportingPeriods)
            {
                Row("PERIOD", period.Period.ToString(), period.Start, period.End, calendar.DaysTaught(period.Period).ToString(), string.Empty, string.Empty, string.Empty, string.Empty);
                weekdays.UnionWith(Weekdays(period.Start, period.End));
            }

            var instructional = calendar.InstructionalDays.ToHashSet();
            foreach (var day in weekdays.Where(d => !instructional.Contains(d)).Order())
            {
                Row("HOLIDAY", string.Empty, day, null, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
            }

            foreach (var day in instructional.Where(d => !weekdays.Contains(d)).Order())
            {
                Row("SCHOOLDAY", string.Empty, day, null, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
            }

            foreach (var range in calendar.ExcludedDateRanges)
            {
                Row("EXCLUDE", string.Empty, range.Start, range.End == range.Start ? null : range.End, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
            }
        }

        csv.Flush();
    }

    private static IEnumerable<LocalDate> Weekdays(LocalDate start, LocalDate end)
    {
        for (var d = start; d <= end; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                yield return d;
            }
        }
    }

    private static CalendarRow MapRow(CsvRowReader row)
    {
        var year = row.Required(SchoolYear, PeimsRules.SchoolYear.Parse);
        var campus = row.Required(CampusId, PeimsRules.CampusId.Parse);
        var code = row.Required(CalendarCode, t => t.Length <= SchoolCalendar.MaximumCodeLength
            ? t
            : throw new FormatException($"a calendar code is at most {SchoolCalendar.MaximumCodeLength} characters."));
        var type = row.Required(RowType, t => RowTypes.FirstOrDefault(r => string.Equals(r, t, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException("the row type is CALENDAR, PERIOD, HOLIDAY, SCHOOLDAY or EXCLUDE."));

        var allowed = type switch
        {
            "CALENDAR" => new[] { SnapshotTime, CalendarOrder, CalendarExclude, CampusExclude },
            "PERIOD" => [ReportingPeriod, StartDate, EndDate, NumberDaysTaught],
            _ => [StartDate, EndDate],
        };
        foreach (var column in Columns.Skip(4).Where(c => !allowed.Contains(c)))
        {
            if (row.Text(column) is { } stray)
            {
                throw row.Problem(column, stray, $"this column is not used on {type} rows; leave it blank there ({column.Description})");
            }
        }

        var result = new CalendarRow(row.Line, year, campus, code, type);
        switch (type)
        {
            case "CALENDAR":
                return result with
                {
                    Snapshot = row.Required(SnapshotTime, CsvDailyValues.ParseTime),
                    Order = row.Optional<int?>(CalendarOrder, t => ParseOrder(t), null),
                    CalendarExcluded = row.Optional(CalendarExclude, CsvDailyValues.ParseFlag, false),
                    CampusExcluded = row.Optional(CampusExclude, CsvDailyValues.ParseFlag, false),
                };
            case "PERIOD":
                var period = row.Required(ReportingPeriod, PeimsRules.ReportingPeriod.Parse);
                var start = row.Required(StartDate, CsvDailyValues.ParseDate);
                var end = row.Required(EndDate, CsvDailyValues.ParseDate);
                if (end < start)
                {
                    throw row.Problem(EndDate, row.Raw(EndDate), $"the period ends before it starts ({CsvDailyValues.FormatDate(start)}).");
                }

                if (Period.DaysBetween(start, end) > SchoolCalendar.MaximumSpanDays)
                {
                    throw row.Problem(EndDate, row.Raw(EndDate), $"the period is longer than a school year ({SchoolCalendar.MaximumSpanDays} days).");
                }

                return result with
                {
                    Period = period,
                    Start = start,
                    End = end,
                    DaysTaught = row.Optional<DayCount?>(NumberDaysTaught, t => CsvRowReader.Days(t, TeaElements.NumberDaysTaught), null),
                };
            default:
                var first = row.Required(StartDate, CsvDailyValues.ParseDate);
                var last = row.Optional(EndDate, CsvDailyValues.ParseDate, first);
                if (last < first)
                {
                    throw row.Problem(EndDate, row.Raw(EndDate), $"the range ends before it starts ({CsvDailyValues.FormatDate(first)}).");
                }

                if (Period.DaysBetween(first, last) > SchoolCalendar.MaximumSpanDays)
                {
                    throw row.Problem(EndDate, row.Raw(EndDate), $"the range is longer than a school year ({SchoolCalendar.MaximumSpanDays} days).");
                }

                return result with { Start = first, End = last };
        }
    }

    private static int ParseOrder(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var order) && order <= 9999
            ? order
            : throw new FormatException("the order is a whole number, 0 to 9999.");

    private static List<SchoolCalendar> Assemble(IReadOnlyList<CalendarRow> rows, string fileName, List<CsvProblem> problems, out IReadOnlyList<long> lines)
    {
        var calendarLines = new List<long>();
        lines = calendarLines;
        void Problem(CalendarRow row, CsvColumn column, string? value, string message) =>
            problems.Add(new CsvProblem(fileName, row.Line, column.Name, value, message));

        var calendars = new List<SchoolCalendar>();
        var headers = new Dictionary<(SchoolYear, CampusId, string), CalendarRow>();
        var placeOnCampus = new Dictionary<(SchoolYear, CampusId), int>();
        foreach (var row in rows.Where(r => r.Type == "CALENDAR"))
        {
            var key = (row.Year, row.Campus, row.Code);
            if (headers.TryGetValue(key, out var first))
            {
                Problem(row, CalendarCode, row.Code, $"calendar {row.Code} of campus {row.Campus} is already given on line {first.Line}.");
                continue;
            }

            var place = placeOnCampus.GetValueOrDefault((row.Year, row.Campus));
            placeOnCampus[(row.Year, row.Campus)] = place + 1;
            headers[key] = row with { Order = row.Order ?? place };
        }

        foreach (var row in rows.Where(r => r.Type != "CALENDAR" && !headers.ContainsKey((r.Year, r.Campus, r.Code))))
        {
            Problem(row, CalendarCode, row.Code, $"campus {row.Campus} has no CALENDAR row for calendar {row.Code} in {row.Year.DisplayName}: give its snapshot time there.");
        }

        foreach (var campus in headers.Values.GroupBy(h => (h.Year, h.Campus)))
        {
            var firstRow = campus.OrderBy(h => h.Line).First();
            foreach (var other in campus.Where(h => h.CampusExcluded != firstRow.CampusExcluded))
            {
                Problem(other, CampusExclude, other.CampusExcluded ? "Y" : "N", $"the campus's exclude flag disagrees with its calendar {firstRow.Code} on line {firstRow.Line}.");
            }

            foreach (var tie in campus.GroupBy(h => h.Order).Where(g => g.Count() > 1))
            {
                var byLine = tie.OrderBy(h => h.Line).ToList();
                foreach (var later in byLine.Skip(1))
                {
                    Problem(later, CalendarOrder, later.Order?.ToString(CultureInfo.InvariantCulture), $"calendar {byLine[0].Code} on line {byLine[0].Line} has the same order: the order numbers the tracks, so it must be unique on the campus.");
                }
            }
        }

        var byCalendar = rows.Where(r => r.Type != "CALENDAR").ToLookup(r => (r.Year, r.Campus, r.Code));
        foreach (var header in headers.Values.OrderBy(h => h.Line))
        {
            var parts = byCalendar[(header.Year, header.Campus, header.Code)].ToList();
            var periods = parts.Where(r => r.Type == "PERIOD").OrderBy(r => r.Start).ToList();
            var before = problems.Count;
            if (periods.Count == 0)
            {
                Problem(header, RowType, header.Type, $"calendar {header.Code} has no PERIOD rows: give its reporting periods with their start and end dates.");
            }

            foreach (var repeated in periods.GroupBy(p => p.Period).Where(g => g.Count() > 1).SelectMany(g => g.OrderBy(p => p.Line).Skip(1)))
            {
                Problem(repeated, ReportingPeriod, repeated.Period.ToString(), $"calendar {header.Code} already has reporting period {repeated.Period}.");
            }

            for (var i = 1; i < periods.Count; i++)
            {
                if (periods[i].Start <= periods[i - 1].End)
                {
                    var later = periods[i].Line > periods[i - 1].Line ? periods[i] : periods[i - 1];
                    var earlier = later == periods[i] ? periods[i - 1] : periods[i];
                    Problem(later, StartDate, CsvDailyValues.FormatDate(later.Start), $"the period overlaps reporting period {earlier.Period} on line {earlier.Line}.");
                }
            }

            var days = new SortedSet<LocalDate>(periods.SelectMany(p => Weekdays(p.Start, p.End)));
            foreach (var holiday in parts.Where(r => r.Type == "HOLIDAY"))
            {
                for (var d = holiday.Start; d <= holiday.End; d = d.PlusDays(1))
                {
                    days.Remove(d);
                }
            }

            foreach (var extra in parts.Where(r => r.Type == "SCHOOLDAY"))
            {
                for (var d = extra.Start; d <= extra.End; d = d.PlusDays(1))
                {
                    days.Add(d);
                }
            }

            // Days in an excluded date range are not days taught (nor days of membership).
            var excluded = parts.Where(r => r.Type == "EXCLUDE").ToList();
            foreach (var period in periods.Where(p => p.DaysTaught is not null))
            {
                var counted = DayCount.FromDays(days.Count(d => d >= period.Start && d <= period.End && !excluded.Any(x => d >= x.Start && d <= x.End)));
                if (counted != period.DaysTaught)
                {
                    Problem(period, NumberDaysTaught, period.DaysTaught.ToString(), $"calendar {header.Code} has {counted} days taught in reporting period {period.Period} (weekdays from {CsvDailyValues.FormatDate(period.Start)} to {CsvDailyValues.FormatDate(period.End)}, less holidays and excluded date ranges, plus school days).");
                }
            }

            if (problems.Count > before || problems.Any(p => p.Line == header.Line))
            {
                continue;
            }

            try
            {
                calendars.Add(new SchoolCalendar(
                    header.Year,
                    header.Campus,
                    header.Code,
                    header.Order ?? 0,
                    header.Snapshot,
                    days,
                    periods.Select(p => new CalendarReportingPeriod(p.Period, p.Start, p.End)),
                    parts.Where(r => r.Type == "EXCLUDE").Select(r => new DateInterval(r.Start, r.End)),
                    header.CalendarExcluded,
                    header.CampusExcluded) { Source = new SourceLocation(fileName, header.Line) });
                calendarLines.Add(header.Line);
            }
            catch (ArgumentException e)
            {
                Problem(header, CalendarCode, header.Code, e.Message);
            }
        }

        return calendars;
    }

    private sealed record CalendarRow(long Line, SchoolYear Year, CampusId Campus, string Code, string Type)
    {
        public LocalTime Snapshot { get; init; }

        public int? Order { get; init; }

        public bool CalendarExcluded { get; init; }

        public bool CampusExcluded { get; init; }

        public PeimsRules.ReportingPeriod Period { get; init; }

        public LocalDate Start { get; init; }

        public LocalDate End { get; init; }

        public DayCount? DaysTaught { get; init; }
    }
}
