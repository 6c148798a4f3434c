using System.Net;
using System.Text.RegularExpressions;

namespace Rapport.Adapters.Web.Tests.Support;

/// <summary>
/// A browser-like HTTP client of the console: keeps the cookies the console sets (HttpClient's own cookie container
/// never sends Secure cookies over plain HTTP, a browser does on loopback), follows no redirect, and fills forms with
/// the anti-forgery token of the page they came from.
/// </summary>
public sealed partial class ConsoleClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

    /// <summary>The cookies the console has set, by name.</summary>
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header received, as sent.</summary>
    public List<string> SetCookieHeaders { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>The page's HTML (asserting it answered 200).</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>Loads the form page, then posts <paramref name="fields"/> with its hidden fields (handler and token).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPath = null)
    {
        var page = await PageAsync(formPath ?? path);
        var form = Hidden(page).Concat(fields);
        return await PostAsync(path, form);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string passphrase, string? returnUrl = null) =>
        SubmitAsync("/login", [new("Passphrase", passphrase), new("ReturnUrl", returnUrl ?? "/contacts")]);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                SetCookieHeaders.Add(header);
                var pair = header.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }

        return response;
    }

    /// <summary>The hidden inputs of the page's first form that has them (the form's handler name and token).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Hidden(string html) =>
        HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Where(p => p.Key is "_handler" or "__RequestVerificationToken")
            .DistinctBy(p => p.Key);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
