using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>Where and how the node serves its web console.</summary>
public sealed class WebConsoleOptions
{
    /// <summary>The address the console listens on when `--web` is given without one: loopback only.</summary>
    public const string DefaultEndpoint = "127.0.0.1:8080";

    /// <summary>Where to listen: plain HTTP only on a loopback address, anything else needs <see cref="Certificate"/>.</summary>
    public IPEndPoint Endpoint { get; set; } = IPEndPoint.Parse(DefaultEndpoint);

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
    public static string? CheckEndpoint(IPEndPoint endpoint, bool hasCertificate) =>
        endpoint is null ? throw new ArgumentNullException(nameof(endpoint))
        : IPAddress.IsLoopback(endpoint.Address) || hasCertificate ? null
        : $"'{endpoint}' is not a loopback address: the web console serves other hosts only over HTTPS; give a TLS certificate (--tls-cert) or listen on 127.0.0.1";
}
