using System.Text;

namespace PeimsRules.Tests.Support;

/// <summary>
/// Writes CSV text of the canonical 42400 layout the way a district's export would, one field at a time, so a test
/// can spoil exactly one value and say which line and column should be blamed.
/// </summary>
internal static class CsvText
{
    public const string Header =
        "SchoolYear,DistrictId,CampusId,StudentId,GradeLevel,InstructionalTrack,ReportingPeriod,AdaEligibilityCode,"
        + "NumberDaysTaught,EligibleDaysPresent,IneligibleDaysPresent,DaysAbsent,RemoteSynchronousEligibleDaysPresent,"
        + "RemoteAsynchronousEligibleDaysPresent,EconomicDisadvantageCode,EmergentBilingualCode,BilingualEslFundingCode";

    /// <summary>One row of the canonical layout; every value is the text written in the file.</summary>
    public static string Row(
        string student = "S1",
        string year = "2024",
        string district = "101912",
        string campus = "101912001",
        string grade = "05",
        string track = "00",
        string period = "1",
        string code = "1",
        string taught = "30.0",
        string eligible = "28.0",
        string ineligible = "0.0",
        string absent = "2.0",
        string remoteSync = "",
        string remoteAsync = "",
        string economic = "00",
        string emergentBilingual = "0",
        string funding = "") =>
        string.Join(',', year, district, campus, student, grade, track, period, code, taught, eligible, ineligible, absent,
            remoteSync, remoteAsync, economic, emergentBilingual, funding);

    /// <summary>The lines joined with <c>\n</c>, ending with one.</summary>
    public static string Lines(params string[] lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>A directory of real files for one test, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "peimsrules-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
