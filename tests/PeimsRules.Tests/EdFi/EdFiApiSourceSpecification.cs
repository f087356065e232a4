using PeimsRules.EdFi;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// The Ed-Fi ODS/API client against a real HTTP server on the loopback address: the token, the paging contract, the
/// retries, and the errors a district's staff can act on.
/// </summary>
[Collection("EDFI_CLIENT environment variables")]
public sealed class EdFiApiSourceSpecification : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeOdsApi _api = null!;

    // Seven period records: three pages of three, three and one at a page size of 3.
    private static IReadOnlyList<BasicReportingPeriodAttendance> Records { get; } =
        Enumerable.Range(1, 7).Select(i => Given.Record(student: $"100000000{i}", year: 2025, taught: 30, eligible: 20 + i, absent: 1, code: 1)).ToList();

    public async Task InitializeAsync()
    {
        EdFiPeriodWriter.WriteFolder(_folder.Path, Records);
        _api = await FakeOdsApi.StartAsync(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Seven_records_come_in_three_pages_of_three_with_the_total_and_read_as_the_folder_reads()
    {
        var progress = new List<EdFiPullProgress>();
        using var source = new EdFiApiSource(_api.Options(progress: progress.Add));

        var read = await EdFiPeriodRecords.ReadAsync(source);

        Assert.Equal(Records, read.Records);
        Assert.Equal(
            ["offset=0&limit=3&totalCount=true", "offset=3&limit=3&totalCount=true", "offset=6&limit=3&totalCount=true"],
            _api.Log.Where(l => l.Request.Contains("basicReportingPeriodAttendances", StringComparison.Ordinal)).Select(l => l.Request.Split('?')[1]));
        Assert.Equal([(3L, (long?)7L), (6L, 7L), (7L, 7L)], progress.Where(p => p.Resource == EdFiResource.BasicReportingPeriodAttendances).Select(p => (p.Fetched, p.Total)));
        Assert.Equal(1, _api.TokensIssued);
    }

    [Fact]
    public async Task A_page_answered_500_then_429_is_asked_again_and_the_pull_completes()
    {
        _api.Failure = (resource, offset, attempt) => resource == "tx/basicReportingPeriodAttendances" && offset == 3 && attempt <= 2 ? (attempt == 1 ? 500 : 429) : null;
        using var source = new EdFiApiSource(_api.Options());

        var read = await EdFiPeriodRecords.ReadAsync(source);

        Assert.Equal(Records, read.Records);
        Assert.Equal([500, 429, 200], _api.Log.Where(l => l.Request.Contains("basicReportingPeriodAttendances?offset=3", StringComparison.Ordinal)).Select(l => l.Status));
    }

    [Fact]
    public async Task A_failure_mid_pull_that_does_not_pass_stops_with_an_error_naming_the_resource_and_the_page_after_the_retries()
    {
        _api.Failure = (resource, offset, _) => resource == "tx/basicReportingPeriodAttendances" && offset == 3 ? 503 : null;
        using var source = new EdFiApiSource(_api.Options());

        var e = await Assert.ThrowsAsync<EdFiApiException>(() => EdFiPeriodRecords.ReadAsync(source));

        Assert.Equal((EdFiResource.BasicReportingPeriodAttendances, (int?)503), (e.Resource, e.StatusCode));
        Assert.StartsWith("tx/basicReportingPeriodAttendances (offset 3): the API answered 503 Service Unavailable 4 times; the pull stopped there (3 documents read).", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, _api.Log.Count(l => l.Request.Contains("basicReportingPeriodAttendances?offset=3", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_token_that_expires_mid_pull_is_renewed_and_the_page_asked_again()
    {
        // Each token is good for four requests: the pull meets a 401 now and then, renews the token, and goes on.
        _api.TokenLifetime = 4;
        using var source = new EdFiApiSource(_api.Options());

        var read = await EdFiPeriodRecords.ReadAsync(source);

        Assert.Equal(Records, read.Records);
        var refused = _api.Log.Count(l => l.Status == 401);
        Assert.True(refused >= 1);
        Assert.Equal(1 + refused, _api.TokensIssued);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_at_the_token_endpoint_and_the_message_never_shows_the_secret()
    {
        using var source = new EdFiApiSource(_api.Options(secret: "wrong-secret"));

        var e = await Assert.ThrowsAsync<EdFiApiException>(() => EdFiPeriodRecords.ReadAsync(source));

        Assert.Equal(401, e.StatusCode);
        Assert.Contains("EDFI_CLIENT_ID and EDFI_CLIENT_SECRET", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeOdsApi.ClientSecret, _api.Options().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_resource_and_a_missing_required_one_are_errors_naming_the_resource_and_a_missing_optional_one_is_empty()
    {
        using var source = new EdFiApiSource(_api.Options());
        _api.Forbidden.Add("tx/basicReportingPeriodAttendances");

        var forbidden = await Assert.ThrowsAsync<EdFiApiException>(() => EdFiPeriodRecords.ReadAsync(source));
        var missing = await Assert.ThrowsAsync<EdFiApiException>(async () =>
        {
            await foreach (var _ in source.ReadAsync(EdFiResource.StudentSchoolAttendanceEvents, required: true))
            {
            }
        });
        var optional = new List<EdFiDocument>();
        await foreach (var d in source.ReadAsync(EdFiResource.ClassPeriods, required: false))
        {
            optional.Add(d);
        }

        Assert.Equal("tx/basicReportingPeriodAttendances: the API client is not allowed to read this resource (403); its claim set must include it.", forbidden.Message);
        Assert.Equal((404, "ed-fi/studentSchoolAttendanceEvents: the API has no such resource (404)"), (missing.StatusCode!.Value, missing.Message.Split(';')[0]));
        Assert.Empty(optional);
    }

    [Fact]
    public void The_key_and_secret_come_from_the_environment_or_not_at_all()
    {
        var id = Environment.GetEnvironmentVariable(EdFiApiOptions.ClientIdVariable);
        var secret = Environment.GetEnvironmentVariable(EdFiApiOptions.ClientSecretVariable);
        try
        {
            Environment.SetEnvironmentVariable(EdFiApiOptions.ClientIdVariable, null);
            var e = Assert.Throws<InvalidOperationException>(() => EdFiApiOptions.FromEnvironment(_api.BaseAddress));
            Assert.Contains("never taken on the command line", e.Message, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(EdFiApiOptions.ClientIdVariable, FakeOdsApi.ClientId);
            Environment.SetEnvironmentVariable(EdFiApiOptions.ClientSecretVariable, FakeOdsApi.ClientSecret);
            Assert.Equal(_api.BaseAddress, EdFiApiOptions.FromEnvironment(_api.BaseAddress).BaseAddress);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EdFiApiOptions.ClientIdVariable, id);
            Environment.SetEnvironmentVariable(EdFiApiOptions.ClientSecretVariable, secret);
        }
    }
}
