using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeimsRules.EdFi;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) that behaves as an Ed-Fi ODS/API does for the client: the
/// OAuth 2 client-credentials token endpoint, and paged GETs of resources with offset, limit and the Total-Count header,
/// over the documents of a folder of resource files. Failures are injected per resource and offset.
/// </summary>
internal sealed class FakeOdsApi : IAsyncDisposable
{
    public const string ClientId = "district-key";
    public const string ClientSecret = "s3cret-never-shown";

    private readonly WebApplication _app;
    private readonly Dictionary<string, byte[][]> _documents = new(StringComparer.Ordinal);
    private int _tokens;

    private FakeOdsApi(WebApplication app) => _app = app;

    /// <summary>Every request the server answered: method, path and query, status.</summary>
    public ConcurrentQueue<(string Request, int Status)> Log { get; } = new();

    /// <summary>Given a resource ("tx/basicReportingPeriodAttendances"), an offset and how many times that page was asked for, a status to fail with, or null.</summary>
    public Func<string, int, int, int?> Failure { get; set; } = (_, _, _) => null;

    /// <summary>Resources the API client may not read (403).</summary>
    public HashSet<string> Forbidden { get; } = new(StringComparer.Ordinal);

    /// <summary>How many data requests a token is good for before the server answers 401 (it expired).</summary>
    public int TokenLifetime { get; set; } = int.MaxValue;

    public Uri BaseAddress { get; private set; } = null!;

    public int TokensIssued => _tokens;

    public static async Task<FakeOdsApi> StartAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeOdsApi(app);
        var source = new EdFiFolderSource(folder);
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var ns = name is "basicReportingPeriodAttendances" or "bilingualESLProgramReportingPeriodAttendances" or "specialProgramsReportingPeriodAttendances" or "reportingPeriodExts" ? "tx" : "ed-fi";
            var documents = new List<byte[]>();
            await foreach (var d in source.ReadAsync(new EdFiResource(ns, name), required: true))
            {
                documents.Add(d.Utf8Json.ToArray());
            }

            api._documents[$"{ns}/{name}"] = [.. documents];
        }

        var pages = new ConcurrentDictionary<(string, int), int>();
        var uses = new ConcurrentDictionary<string, int>();
        app.MapPost("/oauth/token", (HttpContext context) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            if (context.Request.Headers.Authorization.ToString() != expected || context.Request.Form["grant_type"] != "client_credentials")
            {
                return api.Answer(context, "POST /oauth/token", Results.Json(new Dictionary<string, string> { ["error"] = "invalid_client" }, statusCode: 401));
            }

            var token = $"token-{Interlocked.Increment(ref api._tokens)}";
            return api.Answer(context, "POST /oauth/token", Results.Text($"{{\"access_token\":\"{token}\",\"expires_in\":1800,\"token_type\":\"bearer\"}}", "application/json"));
        });
        app.MapGet("/data/v3/{ns}/{name}", (HttpContext context, string ns, string name) =>
        {
            var request = $"GET /data/v3/{ns}/{name}{context.Request.QueryString}";
            var auth = context.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer token-", StringComparison.Ordinal) || uses.AddOrUpdate(auth, 1, (_, n) => n + 1) > api.TokenLifetime)
            {
                return api.Answer(context, request, Results.StatusCode(401));
            }

            var resource = $"{ns}/{name}";
            if (api.Forbidden.Contains(resource))
            {
                return api.Answer(context, request, Results.StatusCode(403));
            }

            if (!api._documents.TryGetValue(resource, out var documents))
            {
                return api.Answer(context, request, Results.StatusCode(404));
            }

            var offset = int.Parse(context.Request.Query["offset"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var limit = int.Parse(context.Request.Query["limit"].FirstOrDefault() ?? "25", CultureInfo.InvariantCulture);
            var attempt = pages.AddOrUpdate((resource, offset), 1, (_, n) => n + 1);
            if (api.Failure(resource, offset, attempt) is { } status)
            {
                if (status == 429)
                {
                    context.Response.Headers.RetryAfter = "0";
                }

                return api.Answer(context, request, Results.StatusCode(status));
            }

            if (context.Request.Query["totalCount"] == "true")
            {
                context.Response.Headers["Total-Count"] = documents.Length.ToString(CultureInfo.InvariantCulture);
            }

            var body = new MemoryStream();
            body.WriteByte((byte)'[');
            var page = documents.Skip(offset).Take(limit).ToList();
            for (var i = 0; i < page.Count; i++)
            {
                if (i > 0)
                {
                    body.WriteByte((byte)',');
                }

                body.Write(page[i]);
            }

            body.WriteByte((byte)']');
            return api.Answer(context, request, Results.Bytes(body.ToArray(), "application/json"));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return api;
    }

    public EdFiApiOptions Options(string secret = ClientSecret, int pageSize = 3, Action<EdFiPullProgress>? progress = null) =>
        new(BaseAddress, ClientId, secret) { PageSize = pageSize, MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(1), Progress = progress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Answer(HttpContext context, string request, IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        Log.Enqueue((request, status));
        return result;
    }
}
