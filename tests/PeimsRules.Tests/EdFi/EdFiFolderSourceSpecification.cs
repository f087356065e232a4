using System.Text;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>The folder source: one file per resource, split into documents one at a time, whatever their size.</summary>
public class EdFiFolderSourceSpecification
{
    private static async Task<List<EdFiDocument>> ReadAll(string folder, EdFiResource resource)
    {
        var documents = new List<EdFiDocument>();
        await foreach (var d in new EdFiFolderSource(folder).ReadAsync(resource, required: true))
        {
            documents.Add(d);
        }

        return documents;
    }

    [Fact]
    public async Task Documents_across_buffer_refills_and_one_larger_than_the_buffer_come_whole_and_in_order()
    {
        // 3,000 small documents around one of 200 KB: the 64 KB buffer is refilled many times and grown once.
        var big = new string('x', 200_000);
        var parts = Enumerable.Range(0, 3001).Select(i => i == 1500 ? $"{{\"n\":{i},\"pad\":\"{big}\"}}" : $"{{\"n\":{i},\"name\":\"caf\u00e9 \\\"{i}\\\"\"}}");
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "schools.json"), "[\n" + string.Join(",\n", parts) + "\n]", new UTF8Encoding(true));

        var documents = await ReadAll(folder.Path, EdFiResource.Schools);

        Assert.Equal(3001, documents.Count);
        Assert.All(documents, d => Assert.Null(d.Problem));
        Assert.Equal("document 1501", documents[1500].Position);
        Assert.Equal("{\"n\":1500,\"pad\":\"".Length + 200_000 + 2, documents[1500].Utf8Json.Length);
        Assert.Equal("{\"n\":3000,\"name\":\"caf\u00e9 \\\"3000\\\"\"}", Encoding.UTF8.GetString(documents[^1].Utf8Json.Span));
    }

    [Fact]
    public async Task JSON_lines_with_CRLF_blank_lines_a_line_longer_than_the_buffer_and_no_last_newline_give_each_document_with_its_line()
    {
        var big = new string('y', 150_000);
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "schools.jsonl"), "{\"n\":1}\r\n\r\n  \n{\"pad\":\"" + big + "\"}\n{\"n\":5}", new UTF8Encoding(true));

        var documents = await ReadAll(folder.Path, EdFiResource.Schools);

        Assert.Equal(["line 1", "line 4", "line 5"], documents.Select(d => d.Position));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(documents[0].Utf8Json.Span));
        Assert.Equal(150_000 + 10, documents[1].Utf8Json.Length);
        Assert.Equal("{\"n\":5}", Encoding.UTF8.GetString(documents[2].Utf8Json.Span));
    }

    [Fact]
    public async Task A_file_that_is_not_an_array_or_ends_inside_a_document_is_one_problem_saying_the_rest_was_not_read()
    {
        using var folder = new TempFolder().With("schools.json", "{`schoolId`:1}").With("calendars.json", "[{`a`:1},{`b`:");

        var notArray = Assert.Single(await ReadAll(folder.Path, EdFiResource.Schools));
        var cut = await ReadAll(folder.Path, EdFiResource.Calendars);

        Assert.Equal((EdFiProblemKind.MalformedJson, "document 1"), (notArray.Problem!.Kind, notArray.Problem.Position));
        Assert.Equal(2, cut.Count);
        Assert.Equal("document 2", cut[1].Problem!.Position);
        Assert.Contains("not read", cut[1].Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_files_for_one_resource_are_refused_rather_than_read_twice_and_a_required_missing_one_is_named()
    {
        using var folder = new TempFolder().With("schools.json", "[]").With("schools.ndjson", string.Empty);

        var twice = await Assert.ThrowsAsync<EdFiDataException>(() => ReadAll(folder.Path, EdFiResource.Schools));
        var missing = await Assert.ThrowsAsync<EdFiDataException>(() => ReadAll(folder.Path, EdFiResource.Calendars));

        Assert.Contains("2 files for schools", twice.Message, StringComparison.Ordinal);
        Assert.Contains("calendars.json", missing.Message, StringComparison.Ordinal);
    }
}
