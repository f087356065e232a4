namespace PeimsRules.Tests.EdFi;

/// <summary>A temporary folder of Ed-Fi resource files that deletes itself.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"peimsrules-edfi-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to the file <paramref name="name"/> in the folder; JSON quotes may be written as backquotes.</summary>
    public TempFolder With(string name, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), content.Replace('`', '"'));
        return this;
    }

    public string Read(string name) => File.ReadAllText(System.IO.Path.Combine(Path, name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
