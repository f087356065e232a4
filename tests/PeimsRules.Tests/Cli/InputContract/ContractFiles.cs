using System.Text;

namespace PeimsRules.Tests.Cli.InputContract;

/// <summary>The files the input-contract regressions spoil: the sample files shipped with the tool, copied into a scratch folder.</summary>
internal sealed class ContractFiles : IDisposable
{
    public ContractFiles()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "peimsrules-contract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static string Data(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", name);

    public static string[] SamplePeriodLines => File.ReadAllLines(Data("sample-periods.csv"));

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteLines(string name, IEnumerable<string> lines) => Write(name, string.Join("\n", lines) + "\n");

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        new DirectoryInfo(Folder).Attributes = FileAttributes.Normal;
        Directory.Delete(Folder, recursive: true);
    }
}
