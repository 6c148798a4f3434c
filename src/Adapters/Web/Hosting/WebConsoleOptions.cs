using System.Security.Cryptography.X509Certificates;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>Where and how the node serves its web console.</summary>
public sealed class WebConsoleOptions
{
    /// <summary>The address the console listens on when `--web` is given without one: loopback only.</summary>
    public const string DefaultEndpoint = "127.0.0.1:8080";

    /// <summary>host:port; plain HTTP only on a loopback address, anything else needs <see cref="Certificate"/>.</summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>With it the console speaks HTTPS (HTTP/1.1 and HTTP/2).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Where the keys that protect session and anti-forgery cookies are kept (a 0700 folder of the data directory), so
    /// a restart does not sign everyone out. Null keeps them in memory only.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>How long a session lasts without a request before the passphrase is asked again.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The largest request body the console accepts (a CSV import: 100,000 contacts are about 10 MB), in bytes; larger ones are refused unread.</summary>
    public long MaxRequestBodyBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Why <paramref name="endpoint"/> cannot be served (with or without TLS), or null when it can.</summary>
    public static string? CheckEndpoint(string endpoint, bool hasCertificate) =>
        WebEndpoint.Parse(endpoint) switch
        {
            { Problem: { } problem } => problem,
            { Endpoint: { IsLoopback: false } } when !hasCertificate =>
                $"'{endpoint}' is not a loopback address: the web console serves other hosts only over HTTPS; give a TLS certificate (--tls-cert) or listen on 127.0.0.1",
            _ => null,
        };
}
