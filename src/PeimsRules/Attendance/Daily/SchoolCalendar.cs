using NodaTime;

namespace PeimsRules.Attendance.Daily;

/// <summary>
/// A campus calendar of school days for one group of students (one instructional track): its instructional days,
/// its reporting periods, the date ranges whose attendance is left out, the campus's official attendance snapshot
/// time, and the exclude flags of the calendar and of its campus.
/// </summary>
/// <remarks>
/// <para>
/// What TEA and the Ed-Fi TX object logic say: students on the same instructional track have the same
/// number of days taught in a reporting period at a campus; the days taught of a period (E0935) are "the number of
/// instructional days in the Attendance Period"; attendance and membership found between the exclude start and end
/// dates are left out; there is an attendance snapshot time for each school, and the class period that holds it
/// decides whether a student is present or absent that day; no record is sent from a calendar or a school whose
/// exclude box is checked.
/// </para>
/// <para>
/// The calendar code reported (E0975) is not the local name: it is 00 for a campus's only or first calendar, then 01,
/// 02 and so on in the order the calendars are listed (<see cref="Order"/>); <see cref="PeriodAttendanceBuilder"/>
/// assigns it. Excluded date ranges leave attendance and membership out, and their days are not days taught either:
/// a student present on every counted day has full attendance (days waived or excluded from a period are not days of
/// instruction in the period; TEA's days taught E0935 counts the days of the period that are reported).
/// </para>
/// </remarks>
public sealed class SchoolCalendar
{
    /// <summary>The longest local calendar name accepted.</summary>
    public const int MaximumCodeLength = 32;

    /// <summary>The most days from a calendar's first date to its last: one school year with its summer periods.</summary>
    public const int MaximumSpanDays = 550;

    private readonly LocalDate[] _instructionalDays;
    private readonly CalendarReportingPeriod[] _periods;
    private readonly DateInterval[] _excludedRanges;
    private readonly (int First, int End)[] _periodDayRange;
    private readonly LocalDate _origin;
    private readonly int _originDay;
    private readonly int[] _dayNumbers;
    private readonly int[] _dayIndexByOffset;
    private readonly bool[] _excludedByOffset;
    private readonly int[] _daysTaught;

    /// <summary>Creates a calendar, checking that it is consistent.</summary>
    /// <param name="schoolYear">The school year (E0974) the calendar is for.</param>
    /// <param name="campus">The campus (E0266) the calendar belongs to.</param>
    /// <param name="calendarCode">The calendar's local name, unique on its campus (such as <c>REG</c>); 1 to 32 printable characters.</param>
    /// <param name="order">The calendar's place in the campus's list of calendars, which numbers the tracks (00, 01, ...).</param>
    /// <param name="attendanceSnapshotTime">The campus's official attendance snapshot time.</param>
    /// <param name="instructionalDays">The instructional days (school days with instruction), in any order, each once.</param>
    /// <param name="reportingPeriods">The reporting periods, each number once, their dates not overlapping.</param>
    /// <param name="excludedDateRanges">Date ranges (both ends included) whose attendance and membership are left out.</param>
    /// <param name="isExcluded">Whether the calendar's exclude box is checked: nothing is reported from it.</param>
    /// <param name="isCampusExcluded">Whether the campus's exclude box is checked: nothing is reported from the campus.</param>
    /// <exception cref="ArgumentException">The code is empty or too long, the order is negative, a day is listed twice, or reporting periods repeat or overlap.</exception>
    public SchoolCalendar(
        SchoolYear schoolYear,
        CampusId campus,
        string calendarCode,
        int order,
        LocalTime attendanceSnapshotTime,
        IEnumerable<LocalDate> instructionalDays,
        IEnumerable<CalendarReportingPeriod> reportingPeriods,
        IEnumerable<DateInterval>? excludedDateRanges = null,
        bool isExcluded = false,
        bool isCampusExcluded = false)
    {
        ArgumentNullException.ThrowIfNull(calendarCode);
        ArgumentNullException.ThrowIfNull(instructionalDays);
        ArgumentNullException.ThrowIfNull(reportingPeriods);
        var code = calendarCode.Trim();
        if (code.Length is 0 or > MaximumCodeLength || code.Any(char.IsControl))
        {
            throw new ArgumentException($"A calendar code is 1 to {MaximumCodeLength} printable characters; '{calendarCode}' is not.", nameof(calendarCode));
        }

        if (order < 0)
        {
            throw new ArgumentException("A calendar's order on its campus is zero or more.", nameof(order));
        }

        SchoolYear = schoolYear;
        Campus = campus;
        CalendarCode = code;
        Order = order;
        AttendanceSnapshotTime = attendanceSnapshotTime;
        IsExcluded = isExcluded;
        IsCampusExcluded = isCampusExcluded;

        _instructionalDays = instructionalDays.ToArray();
        if (_instructionalDays.Any(d => d.Calendar != CalendarSystem.Iso))
        {
            throw new ArgumentException("Calendar dates are ISO (Gregorian) dates.", nameof(instructionalDays));
        }

        Array.Sort(_instructionalDays);
        for (var i = 1; i < _instructionalDays.Length; i++)
        {
            if (_instructionalDays[i] == _instructionalDays[i - 1])
            {
                throw new ArgumentException($"Calendar {code} of campus {campus} lists the instructional day {DailyText.Date(_instructionalDays[i])} twice.", nameof(instructionalDays));
            }
        }

        _periods = reportingPeriods.OrderBy(p => p.Start).ToArray();
        for (var i = 0; i < _periods.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_periods[i], nameof(reportingPeriods));
            if (i > 0 && _periods[i].Start <= _periods[i - 1].End)
            {
                throw new ArgumentException(
                    $"Calendar {code} of campus {campus}: reporting periods {_periods[i - 1].Period} and {_periods[i].Period} overlap.",
                    nameof(reportingPeriods));
            }
        }

        var repeated = _periods.GroupBy(p => p.Period).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Calendar {code} of campus {campus} lists reporting period {repeated.Key} twice.", nameof(reportingPeriods));
        }

        _periods = [.. _periods.OrderBy(p => p.Period)];
        _excludedRanges = (excludedDateRanges ?? []).OrderBy(r => r.Start).ThenBy(r => r.End).ToArray();
        foreach (var range in _excludedRanges)
        {
            ArgumentNullException.ThrowIfNull(range, nameof(excludedDateRanges));
            if (range.Start.Calendar != CalendarSystem.Iso)
            {
                throw new ArgumentException("Calendar dates are ISO (Gregorian) dates.", nameof(excludedDateRanges));
            }
        }

        // Day offsets from the first date the calendar knows: the lookups the builder makes for every mark and day.
        var dates = _instructionalDays.Concat(_periods.SelectMany(p => new[] { p.Start, p.End })).ToList();
        _origin = dates.Count == 0 ? new LocalDate(schoolYear.StartYear, 7, 1) : dates.Min();
        var last = dates.Count == 0 ? _origin : dates.Max();
        _originDay = DayNumber.Of(_origin);
        _dayNumbers = Array.ConvertAll(_instructionalDays, DayNumber.Of);
        var span = DayNumber.Of(last) - _originDay + 1;
        if (span > MaximumSpanDays)
        {
            throw new ArgumentException(
                $"Calendar {code} of campus {campus} runs from {DailyText.Date(_origin)} to {DailyText.Date(last)}: a calendar covers one school year (at most {MaximumSpanDays} days).",
                nameof(instructionalDays));
        }

        _dayIndexByOffset = new int[span];
        Array.Fill(_dayIndexByOffset, -1);
        for (var i = 0; i < _instructionalDays.Length; i++)
        {
            _dayIndexByOffset[_dayNumbers[i] - _originDay] = i;
        }

        _excludedByOffset = new bool[span];
        foreach (var range in _excludedRanges)
        {
            var from = Math.Max(0, DayNumber.Of(range.Start) - _originDay);
            var to = Math.Min(span - 1, DayNumber.Of(range.End) - _originDay);
            for (var o = from; o <= to; o++)
            {
                _excludedByOffset[o] = true;
            }
        }

        _periodDayRange = _periods.Select(p => (FirstIndexOnOrAfter(p.Start), FirstIndexOnAfter(p.End))).ToArray();
        _daysTaught = _periodDayRange
            .Select(r => Enumerable.Range(r.First, r.End - r.First).Count(k => !_excludedByOffset[_dayNumbers[k] - _originDay]))
            .ToArray();
    }

    /// <summary>The school year (E0974) the calendar is for.</summary>
    public SchoolYear SchoolYear { get; }

    /// <summary>The campus (E0266).</summary>
    public CampusId Campus { get; }

    /// <summary>The calendar's local name, unique on its campus.</summary>
    public string CalendarCode { get; }

    /// <summary>The calendar's place in its campus's list of calendars: the first listed is numbered track 00.</summary>
    public int Order { get; }

    /// <summary>The campus's official attendance snapshot time: the class period that holds it decides present or absent.</summary>
    public LocalTime AttendanceSnapshotTime { get; }

    /// <summary>The instructional days, in date order.</summary>
    public IReadOnlyList<LocalDate> InstructionalDays => Array.AsReadOnly(_instructionalDays);

    /// <summary>The reporting periods, in period order.</summary>
    public IReadOnlyList<CalendarReportingPeriod> ReportingPeriods => Array.AsReadOnly(_periods);

    /// <summary>The date ranges (both ends included) whose attendance and membership are left out, in date order.</summary>
    public IReadOnlyList<DateInterval> ExcludedDateRanges => Array.AsReadOnly(_excludedRanges);

    /// <summary>Whether the calendar's exclude box is checked: nothing is reported from it (Ed-Fi Texas v4.0 reporting-period attendance object logic).</summary>
    public bool IsExcluded { get; }

    /// <summary>Whether the campus's exclude box is checked: nothing is reported from the campus (Ed-Fi Texas v4.0 reporting-period attendance object logic).</summary>
    public bool IsCampusExcluded { get; }

    /// <summary>Where the calendar was read from (its CALENDAR row), when a reader says so; named in messages about it.</summary>
    public SourceLocation? Source { get; init; }

    /// <summary>Whether <paramref name="date"/> is an instructional day of this calendar.</summary>
    public bool IsInstructionalDay(LocalDate date) => DayIndexOf(date) >= 0;

    /// <summary>Whether <paramref name="date"/> falls in one of the excluded date ranges.</summary>
    public bool IsInExcludedRange(LocalDate date)
    {
        var offset = OffsetOf(date);
        if (offset >= 0 && offset < _excludedByOffset.Length)
        {
            return _excludedByOffset[offset];
        }

        return _excludedRanges.Any(r => r.Contains(date));
    }

    /// <summary>The calendar's reporting period <paramref name="period"/>, or <see langword="null"/> when it has none by that number.</summary>
    public CalendarReportingPeriod? FindPeriod(ReportingPeriod period) => Array.Find(_periods, p => p.Period == period);

    /// <summary>The reporting period whose dates hold <paramref name="date"/>, or <see langword="null"/>.</summary>
    public CalendarReportingPeriod? PeriodOf(LocalDate date) => Array.Find(_periods, p => p.Dates.Contains(date));

    /// <summary>
    /// NUMBER-DAYS-TAUGHT (E0935) of <paramref name="period"/>: the instructional days between its first and last dates,
    /// less those in an excluded date range (the Ed-Fi Texas reporting-period attendance object logic: "the number of
    /// instructional days in the Attendance Period", excluded ranges left out of the period; every student of the
    /// campus and track has the same number).
    /// </summary>
    /// <exception cref="ArgumentException">The calendar has no such reporting period.</exception>
    public DayCount DaysTaught(ReportingPeriod period)
    {
        var index = Array.FindIndex(_periods, p => p.Period == period);
        if (index < 0)
        {
            throw new ArgumentException($"Calendar {CalendarCode} of campus {Campus} has no reporting period {period}.", nameof(period));
        }

        return DayCount.FromDays(_daysTaught[index]);
    }

    /// <summary>The instructional days of <paramref name="period"/>, in date order.</summary>
    /// <exception cref="ArgumentException">The calendar has no such reporting period.</exception>
    public IReadOnlyList<LocalDate> InstructionalDaysOf(ReportingPeriod period)
    {
        var index = Array.FindIndex(_periods, p => p.Period == period);
        if (index < 0)
        {
            throw new ArgumentException($"Calendar {CalendarCode} of campus {Campus} has no reporting period {period}.", nameof(period));
        }

        var (first, end) = _periodDayRange[index];
        return Array.AsReadOnly(_instructionalDays[first..end]);
    }

    /// <summary>The calendar as people name it: <c>campus 101912001 calendar REG</c>.</summary>
    public override string ToString() => $"campus {Campus} calendar {CalendarCode}";

    /// <summary>The instructional-day index range [First, End) of the period at <paramref name="periodIndex"/> in <see cref="ReportingPeriods"/>.</summary>
    internal (int First, int End) DayRangeOfPeriodAt(int periodIndex) => _periodDayRange[periodIndex];

    internal LocalDate DayAt(int index) => _instructionalDays[index];

    /// <summary>The number of reporting periods.</summary>
    internal int PeriodCount => _periods.Length;

    /// <summary>The reporting period at <paramref name="index"/> of <see cref="ReportingPeriods"/>.</summary>
    internal CalendarReportingPeriod PeriodAt(int index) => _periods[index];

    /// <summary>The day number (<see cref="DayNumber"/>) of the instructional day at <paramref name="index"/>.</summary>
    internal int DayNumberAt(int index) => _dayNumbers[index];

    /// <summary>The day number of the calendar's first known date: offsets count from it.</summary>
    internal int OriginDay => _originDay;

    /// <summary>Days from the calendar's first known date; may be negative or past the span.</summary>
    internal int OffsetOf(LocalDate date) => DayNumber.Of(date) - _originDay;

    internal int Span => _dayIndexByOffset.Length;

    /// <summary>The index of <paramref name="date"/> among the instructional days, or -1.</summary>
    internal int DayIndexOf(LocalDate date)
    {
        var offset = OffsetOf(date);
        return offset >= 0 && offset < _dayIndexByOffset.Length ? _dayIndexByOffset[offset] : -1;
    }

    internal bool IsExcludedAtOffset(int offset) => _excludedByOffset[offset];

    /// <summary>Whether the calendar has any excluded date range.</summary>
    internal bool HasExcludedRanges => _excludedRanges.Length > 0;

    /// <summary>
    /// The index among the instructional days of each day from <see cref="OriginDay"/> on, or -1 (what
    /// <see cref="DayIndexOfDay"/> reads; the fast build holds it to save a step a mark). Not to be written.
    /// </summary>
    internal int[] DayIndexByOffset => _dayIndexByOffset;

    /// <summary>The index among the instructional days of the day numbered <paramref name="day"/> (<see cref="DayNumber"/>), or -1.</summary>
    internal int DayIndexOfDay(int day)
    {
        var offset = day - _originDay;
        return (uint)offset < (uint)_dayIndexByOffset.Length ? _dayIndexByOffset[offset] : -1;
    }

    /// <summary>The index of the first instructional day on or after <paramref name="date"/> (the count when there is none).</summary>
    internal int FirstIndexOnOrAfter(LocalDate date) => FirstIndexOnOrAfter(DayNumber.Of(date));

    /// <summary>The index of the first instructional day after <paramref name="date"/> (the count when there is none); safe on the last date NodaTime knows.</summary>
    internal int FirstIndexOnAfter(LocalDate date) => FirstIndexOnOrAfter(DayNumber.Of(date) + 1);

    /// <summary>The index of the first instructional day on or after day number <paramref name="day"/> (the count when there is none).</summary>
    internal int FirstIndexOnOrAfter(int day)
    {
        var i = Array.BinarySearch(_dayNumbers, day);
        return i >= 0 ? i : ~i;
    }
}
