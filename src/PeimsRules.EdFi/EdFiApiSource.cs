using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PeimsRules.EdFi.Json;

namespace PeimsRules.EdFi;

/// <summary>How far a pull of one resource has come: documents fetched, and the total the API reported.</summary>
/// <param name="Resource">The resource being pulled.</param>
/// <param name="Fetched">The documents fetched so far.</param>
/// <param name="Total">The <c>Total-Count</c> the API reported, or <see langword="null"/> when it did not.</param>
public readonly record struct EdFiPullProgress(EdFiResource Resource, long Fetched, long? Total);

/// <summary>
/// How to reach an Ed-Fi ODS/API. The key and secret are taken from the environment
/// (<see cref="FromEnvironment"/>), never from a command line, and never appear in a message or in <see cref="ToString"/>.
/// </summary>
public sealed class EdFiApiOptions
{
    /// <summary>The environment variable holding the API client's key.</summary>
    public const string ClientIdVariable = "EDFI_CLIENT_ID";

    /// <summary>The environment variable holding the API client's secret.</summary>
    public const string ClientSecretVariable = "EDFI_CLIENT_SECRET";

    /// <summary>Creates the options for the API at <paramref name="baseAddress"/> with the given key and secret.</summary>
    /// <exception cref="ArgumentException">The address is not absolute http(s), or the key or secret is empty.</exception>
    public EdFiApiOptions(Uri baseAddress, string clientId, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The Ed-Fi API address is an absolute http or https address; '{baseAddress}' is not.", nameof(baseAddress));
        }

        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            throw new ArgumentException("The Ed-Fi API key and secret are both needed.", nameof(clientId));
        }

        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>The ODS/API's root: the address under which <c>oauth/token</c> and <c>data/v3</c> are.</summary>
    public Uri BaseAddress { get; }

    internal string ClientId { get; }

    internal string ClientSecret { get; }

    /// <summary>The path of the token endpoint under <see cref="BaseAddress"/>.</summary>
    /// <value>Defaults to <c>oauth/token</c> (ODS/API 7.x).</value>
    public string TokenPath { get; init; } = "oauth/token";

    /// <summary>The path of the resources under <see cref="BaseAddress"/>.</summary>
    /// <value>Defaults to <c>data/v3</c> (ODS/API 7.x).</value>
    public string DataPath { get; init; } = "data/v3";

    /// <summary>Documents asked for a page (<c>limit</c>).</summary>
    /// <value>Defaults to 500, the most the ODS/API gives by default.</value>
    public int PageSize { get; init; } = 500;

    /// <summary>Retries of a request answered 429 or 5xx (or not answered), each after a longer wait.</summary>
    /// <value>Defaults to 4.</value>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The wait before the first retry; each later retry waits twice as long (a Retry-After header, when given, is honoured up to a minute).</summary>
    /// <value>Defaults to one second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most pages read of one resource: a bound on every pull, whatever the server answers.</summary>
    /// <value>Defaults to 200,000 (100 million documents at 500 a page).</value>
    public int MaxPages { get; init; } = 200_000;

    /// <summary>Called after each page with how far the pull has come.</summary>
    /// <value>Defaults to <see langword="null"/>: no progress.</value>
    public Action<EdFiPullProgress>? Progress { get; init; }

    /// <summary>
    /// The options for <paramref name="baseAddress"/> with the key and secret of the environment variables
    /// <c>EDFI_CLIENT_ID</c> and <c>EDFI_CLIENT_SECRET</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is not set.</exception>
    public static EdFiApiOptions FromEnvironment(Uri baseAddress)
    {
        var id = Environment.GetEnvironmentVariable(ClientIdVariable);
        var secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"Set the Ed-Fi API client's key and secret in the environment variables {ClientIdVariable} and {ClientSecretVariable}; they are never taken on the command line.");
        }

        return new EdFiApiOptions(baseAddress, id, secret);
    }

    /// <summary>The address only: the key and secret are never shown.</summary>
    public override string ToString() => $"Ed-Fi API {BaseAddress}";
}

/// <summary>The ODS/API refused or failed a request: which resource, which status, and what to do about it.</summary>
public sealed class EdFiApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public EdFiApiException(string message, EdFiResource? resource, int? statusCode, Exception? inner = null)
        : base(message, inner)
    {
        Resource = resource;
        StatusCode = statusCode;
    }

    /// <summary>The resource being read, or <see langword="null"/> for the token endpoint.</summary>
    public EdFiResource? Resource { get; }

    /// <summary>The HTTP status of the last answer, or <see langword="null"/> when there was none.</summary>
    public int? StatusCode { get; }
}

/// <summary>
/// Ed-Fi documents from a live ODS/API: OAuth 2 client credentials at the token endpoint, then paged GETs with
/// <c>offset</c>, <c>limit</c> and <c>totalCount=true</c> (the total read from the <c>Total-Count</c> header), with
/// retries and a growing wait on 429 and 5xx, and a clear error on 401, 403 and 404 naming the resource.
/// </summary>
/// <remarks>
/// Each page is split into documents as a file is (<see cref="EdFiFolderSource"/>), so memory holds a page at a time.
/// A 401 on a page renews the token once; a second 401 is an error. Every pull is bounded by
/// <see cref="EdFiApiOptions.MaxPages"/> and by the reported total.
/// </remarks>
public sealed class EdFiApiSource : IEdFiSource, IDisposable
{
    private readonly EdFiApiOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private string? _token;

    /// <summary>Reads from the API of <paramref name="options"/>, with <paramref name="httpClient"/> when given.</summary>
    public EdFiApiSource(EdFiApiOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PageSize is < 1 or > 5000 || options.MaxRetries is < 0 or > 20 || options.MaxPages < 1)
        {
            throw new ArgumentException("The page size is 1 to 5,000, retries 0 to 20, and at least one page.", nameof(options));
        }

        _options = options;
        _ownsClient = httpClient is null;
        _http = httpClient ?? new HttpClient();
    }

    /// <inheritdoc />
    public string Name => _options.BaseAddress.AbsoluteUri;

    /// <inheritdoc />
    public async IAsyncEnumerable<EdFiDocument> ReadAsync(EdFiResource resource, bool required, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        long offset = 0;
        long? total = null;
        for (var page = 0; page < _options.MaxPages; page++)
        {
            var address = new Uri(_options.BaseAddress, string.Create(CultureInfo.InvariantCulture, $"{_options.DataPath.Trim('/')}/{resource.Namespace}/{resource.Name}?offset={offset}&limit={_options.PageSize}&totalCount=true"));
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, address), resource, offset, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && !required && page == 0)
            {
                yield break;
            }

            Check(response, resource, offset);
            if (page == 0 && response.Headers.TryGetValues("Total-Count", out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                total = t;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var source = string.Create(CultureInfo.InvariantCulture, $"{resource} (offset {offset})");
            var count = 0;
            using (var stream = new MemoryStream(body, writable: false))
            {
                foreach (var document in JsonDocumentSplitter.SplitArray(stream, resource, source))
                {
                    if (document.Problem is null)
                    {
                        count++;
                    }

                    yield return document;
                    if (document.Problem is not null)
                    {
                        yield break;
                    }
                }
            }

            offset += count;
            _options.Progress?.Invoke(new EdFiPullProgress(resource, offset, total));
            if (count < _options.PageSize || (total is { } all && offset >= all))
            {
                if (total is { } expected && offset < expected)
                {
                    throw new EdFiApiException($"{resource}: the API reported {expected} documents (Total-Count) but gave {offset}; the pull is incomplete.", resource, (int)response.StatusCode);
                }

                yield break;
            }
        }

        throw new EdFiApiException($"{resource}: more than {_options.MaxPages} pages; the pull was stopped.", resource, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, EdFiResource resource, long offset, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            _token ??= await TokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failure = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }

            if (response is { StatusCode: HttpStatusCode.Unauthorized } && !renewed)
            {
                // The token may have expired mid-pull: renew it once.
                response.Dispose();
                _token = null;
                renewed = true;
                attempt--;
                continue;
            }

            var retryable = response is null || response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (!retryable)
            {
                return response!;
            }

            if (attempt >= _options.MaxRetries)
            {
                var status = response is null ? "no answer" : $"{(int)response.StatusCode} {response.ReasonPhrase}";
                var code = response is null ? (int?)null : (int)response.StatusCode;
                response?.Dispose();
                throw new EdFiApiException(
                    string.Create(CultureInfo.InvariantCulture, $"{resource} (offset {offset}): the API answered {status} {attempt + 1} times; the pull stopped there ({offset} documents read). Try again later."),
                    resource,
                    code,
                    failure);
            }

            var wait = _options.RetryDelay * Math.Pow(2, attempt);
            if (response?.Headers.RetryAfter?.Delta is { } after)
            {
                wait = after < TimeSpan.FromMinutes(1) ? after : TimeSpan.FromMinutes(1);
            }

            response?.Dispose();
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(_options.BaseAddress, _options.TokenPath.TrimStart('/'));
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, address)
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}")));
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                if (attempt >= _options.MaxRetries)
                {
                    throw new EdFiApiException($"The Ed-Fi API token endpoint {address} could not be reached: {e.Message}", null, null, e);
                }

                await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if ((status == 429 || status >= 500) && attempt < _options.MaxRetries)
                {
                    await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (status is 400 or 401 or 403)
                {
                    throw new EdFiApiException($"The Ed-Fi API refused the key and secret ({status}) at {address}: check {EdFiApiOptions.ClientIdVariable} and {EdFiApiOptions.ClientSecretVariable}.", null, status);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new EdFiApiException($"The Ed-Fi API token endpoint {address} answered {status} {response.ReasonPhrase}.", null, status);
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                TokenResponse? token = null;
                try
                {
                    token = JsonSerializer.Deserialize(body, EdFiJsonContext.Default.TokenResponse);
                }
                catch (JsonException)
                {
                }

                return token?.AccessToken is { Length: > 0 } t
                    ? t
                    : throw new EdFiApiException($"The Ed-Fi API token endpoint {address} did not answer with an access_token.", null, status);
            }
        }
    }

    private static void Check(HttpResponseMessage response, EdFiResource resource, long offset)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = status switch
        {
            401 => $"{resource}: the API refused the token twice (401); check the key and secret and the API client's access.",
            403 => $"{resource}: the API client is not allowed to read this resource (403); its claim set must include it.",
            404 => $"{resource}: the API has no such resource (404); check the address and that TEA's Texas extension is installed for tx resources.",
            _ => string.Create(CultureInfo.InvariantCulture, $"{resource} (offset {offset}): the API answered {status} {response.ReasonPhrase}."),
        };
        throw new EdFiApiException(message, resource, status);
    }
}
