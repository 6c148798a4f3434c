using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>
/// The console's Kestrel endpoint: HTTPS (HTTP/1.1 and HTTP/2) with a certificate, plain HTTP/1.1 on loopback only.
/// Each of its connections carries a mark, so requests on it are told from the partner API's.
/// </summary>
internal sealed class WebConsoleListener
{
    private ListenOptions? _listen;
    private bool _https;

    /// <summary>The bound address once Kestrel has started (the real port when 0 was asked for).</summary>
    public Uri? Address => _listen?.IPEndPoint is { } bound
        ? new Uri($"{(_https ? "https" : "http")}://{Host(bound)}/")
        : null;

    /// <exception cref="WebConsoleConfigurationException">Plain HTTP on a non-loopback address.</exception>
    public void Listen(KestrelServerOptions kestrel, WebConsoleOptions options, string mark)
    {
        if (WebConsoleOptions.CheckEndpoint(options.Endpoint, options.Certificate is not null) is { } problem)
        {
            throw new WebConsoleConfigurationException($"web: {problem}");
        }

        kestrel.AddServerHeader = false;
        kestrel.Listen(options.Endpoint, listen =>
        {
            _listen = listen;
            listen.Use(next => connection =>
            {
                connection.Items[mark] = true;
                return next(connection);
            });
            if (options.Certificate is { } certificate)
            {
                _https = true;
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1;
            }
        });
    }

    private static string Host(IPEndPoint bound)
    {
        var address = bound.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : bound.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : bound.Address;
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{bound.Port}" : $"{address}:{bound.Port}";
    }
}
