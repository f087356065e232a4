using System.Globalization;

namespace PeimsRules.Cli.Synthetic;

/// <summary>
/// The sample district every verb runs on when given no input: the one <c>report</c> shows (the synthetic district of
/// the default options), so a newcomer can reconcile the figures of <c>ada</c>, <c>audit</c> and <c>chronic</c> with
/// the report's. Generated once into a folder of the machine's temporary directory, named by the tool's version and the
/// options, and read from there.
/// </summary>
internal static class SampleDistrict
{
    private static readonly Lazy<string> Generated = new(Generate);

    /// <summary>The folder holding the sample district's files, as <c>generate</c> and <c>report</c> write them.</summary>
    public static string Folder => Generated.Value;

    /// <summary>
    /// The period records as the report reads them: the rows a reader can read (the two unreadable rows the report
    /// injects to show the audit's ATT-00 are left out, so the figures are the report's figures).
    /// </summary>
    public static string ReadablePeriodsFile => Path.Combine(Folder, "periods-readable.csv");

    /// <summary>The IEP service records of the sample district.</summary>
    public static string ServicesFile => Path.Combine(Folder, "iep-services.csv");

    private static string Generate()
    {
        var options = new SyntheticOptions();
        // Named by the build (the module's id changes with the code), so a changed generator never reads an old district.
        var version = typeof(SampleDistrict).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"peimsrules-sample-{version}-{options.Seed}-{options.Campuses}-{options.StudentsPerCampus}"));
        if (File.Exists(Path.Combine(folder, "periods-readable.csv")))
        {
            return folder;
        }

        // Written beside the target and moved into place, so two runs at once never read a half-written district.
        var scratch = folder + "-" + Guid.NewGuid().ToString("N");
        var district = SyntheticDistrict.Generate(options);
        district.WriteTo(scratch);
        try
        {
            Directory.Move(scratch, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, "periods-readable.csv")))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return folder;
    }
}
