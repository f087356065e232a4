using System.Runtime.CompilerServices;

namespace PeimsRules.EdFi;

/// <summary>
/// Ed-Fi documents from a folder holding one file per resource, named by the resource's API name:
/// <c>studentSchoolAttendanceEvents.json</c> (a JSON array, as the ODS/API returns a page) or
/// <c>studentSchoolAttendanceEvents.jsonl</c> / <c>.ndjson</c> (one document a line, as Ed-Fi data tools write).
/// </summary>
/// <remarks>
/// Files are read as streams, one document at a time. A folder with two files for one resource (<c>.json</c> and
/// <c>.jsonl</c>) is refused rather than read twice or half.
/// </remarks>
public sealed class EdFiFolderSource : IEdFiSource
{
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson"];

    /// <summary>Reads from <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public EdFiFolderSource(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The Ed-Fi folder {folder} does not exist.");
        }

        Folder = folder;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public string Name => Folder;

    /// <summary>The file that holds <paramref name="resource"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="EdFiDataException">The folder holds more than one file for the resource.</exception>
    public string? FileOf(EdFiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var found = Extensions.Select(e => Path.Combine(Folder, resource.Name + e)).Where(File.Exists).ToList();
        if (found.Count > 1)
        {
            throw new EdFiDataException([new EdFiProblem(Folder, null, null, null, string.Join(", ", found.Select(Path.GetFileName)), $"the folder holds {found.Count} files for {resource.Name}; keep one.", EdFiProblemKind.DuplicateKey)]);
        }

        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EdFiDocument> ReadAsync(EdFiResource resource, bool required, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = FileOf(resource);
        if (path is null)
        {
            if (required)
            {
                throw new EdFiDataException([new EdFiProblem(Folder, null, null, null, null, $"there is no {resource.Name}.json (or .jsonl, .ndjson) in the folder, and it is needed.", EdFiProblemKind.MissingReference)]);
            }

            yield break;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var name = Path.GetFileName(path);
        var lines = !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        foreach (var document in lines ? JsonDocumentSplitter.SplitLines(stream, resource, name) : JsonDocumentSplitter.SplitArray(stream, resource, name))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
        }
    }
}
