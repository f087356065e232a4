using BenchmarkDotNet.Attributes;
using PeimsRules.Attendance;
using PeimsRules.Attendance.Columnar;
using PeimsRules.Rules;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The exact figures from a loaded store, broken down: <see cref="AttendanceSummary.Compute"/> by campus and by
/// district, every row's exact ADA and PIA and their one rounding read; on every core and on one thread; the pass
/// alone (<see cref="AttendanceStore.Aggregate(RuleSet, int)"/>) and the figures alone from its partial sums
/// (<see cref="AttendanceSummary.FromPartials"/>). <see cref="Records"/> 2 doubles every campus's students (the same
/// cells, twice the records): the doubling rule asks that it at most doubles the time.
/// </summary>
/// <remarks>
/// Before timing, the setup checks the store's rows of the first campuses against the reference implementation over
/// those campuses' records (a campus's rows depend only on its own records), exact value and published value, and
/// fails on the first difference.
/// </remarks>
[MemoryDiagnoser]
public class ExactFiguresBenchmarks
{
    private const int CheckedCampuses = 25;

    private readonly RuleSet _rules = RuleSet.For(new SchoolYear(2024));
    private readonly AttendanceSummaryOptions _byCampus = new() { GroupBy = AttendanceGrouping.Campus };
    private readonly AttendanceSummaryOptions _byDistrict = new() { GroupBy = AttendanceGrouping.District };
    private AttendanceStore _store = null!;
    private AttendancePartials _partials = null!;

    /// <summary>The multiple of each campus's students (1: the statewide data set at <see cref="BenchmarkScale"/>).</summary>
    [Params(1, 2)]
    public int Records { get; set; }

    /// <summary>Builds the store and checks its figures.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = new StatewideData(BenchmarkScale.Current, studentsPerCampus: Records);
        _store = data.BuildStore();
        _partials = _store.Aggregate(_rules);
        Console.WriteLine($"// {_store.Count:N0} records, {_store.CellCount:N0} cells");
        Check(data);
    }

    /// <summary>Every figure by campus, exact and rounded once, every core.</summary>
    [Benchmark(Baseline = true)]
    public long ByCampus_AllCores() => ReadEveryFigure(AttendanceSummary.Compute(_store, _rules, _byCampus));

    /// <summary>The same on one thread.</summary>
    [Benchmark]
    public long ByCampus_1Thread() => ReadEveryFigure(AttendanceSummary.Compute(_store, _rules, _byCampus with { MaxDegreeOfParallelism = 1 }));

    /// <summary>Every figure by district, every core.</summary>
    [Benchmark]
    public long ByDistrict_AllCores() => ReadEveryFigure(AttendanceSummary.Compute(_store, _rules, _byDistrict));

    /// <summary>The figures by campus from partial sums already made: the roll-up and the figures without the pass.</summary>
    [Benchmark]
    public long ByCampus_FromPartials() => ReadEveryFigure(AttendanceSummary.FromPartials(_partials, _byCampus));

    /// <summary>The pass alone, every core.</summary>
    [Benchmark]
    public AttendancePartials Pass_AllCores() => _store.Aggregate(_rules);

    /// <summary>The pass alone, one thread.</summary>
    [Benchmark]
    public AttendancePartials Pass_1Thread() => _store.Aggregate(_rules, 1);

    /// <summary>Reads each row's exact ADA and PIA and their published values, as a caller writing them out would.</summary>
    private static long ReadEveryFigure(AttendanceSummary summary)
    {
        long sum = 0;
        foreach (var figure in summary.Figures)
        {
            sum += (figure.Ada.Exact?.GetHashCode() ?? 0) + (long)(figure.Ada.Published ?? 0m);
            sum += (figure.Pia.Exact?.GetHashCode() ?? 0) + (long)(figure.Pia.Published ?? 0m);
        }

        return sum;
    }

    private void Check(StatewideData data)
    {
        // Records come campus by campus: the first campuses' records are a prefix.
        var campuses = new HashSet<CampusId>();
        var first = data.RecordObjects().TakeWhile(r => campuses.Add(r.CampusId) ? campuses.Count <= CheckedCampuses : true).ToList();
        var expected = AttendanceSummary.Compute(first, _rules, _byCampus);
        var actual = AttendanceSummary.Compute(_store, _rules, _byCampus);
        foreach (var figure in expected.Figures)
        {
            var mine = actual.Find(figure.Group, figure.Population, figure.Period)
                ?? throw new InvalidOperationException($"The store's summary has no row for {figure.Group}, {figure.Population}, {figure.Period}.");
            if (mine != figure)
            {
                throw new InvalidOperationException(
                    $"{figure.Group}, {figure.Population}, {figure.Period?.ToString() ?? "year"}: the store gives ADA {mine.Ada.Exact} ({mine.Ada.Published}), PIA {mine.Pia.Exact}; the reference ADA {figure.Ada.Exact} ({figure.Ada.Published}), PIA {figure.Pia.Exact}.");
            }
        }

        Console.WriteLine($"// {expected.Figures.Count:N0} rows of the first {CheckedCampuses} campuses: the store's summary equals the reference, exact and published");
    }
}
