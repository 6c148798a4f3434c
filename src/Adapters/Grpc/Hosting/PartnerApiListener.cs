using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>
/// The partner API's Kestrel endpoint: HTTP/2 over TLS when a certificate is configured (HTTP/1.1 clients reach gRPC,
/// which answers 426), otherwise h2c with prior knowledge, refused on non-loopback addresses unless explicitly allowed.
/// </summary>
internal static class PartnerApiListener
{
    /// <exception cref="GrpcServerConfigurationException">Plaintext on a non-loopback address, or message sizes that are not positive.</exception>
    public static void Listen(KestrelServerOptions kestrel, PartnerApiOptions options)
    {
        var endpoint = options.Endpoint;
        if (options.Certificate is null && !IPAddress.IsLoopback(endpoint.Address) && !options.AllowPlaintextOnNonLoopback)
        {
            throw new GrpcServerConfigurationException(
                $"Refusing to serve gRPC in plaintext on non-loopback address '{options.Endpoint}': configure a TLS certificate, " +
                "listen on a loopback address, or explicitly allow plaintext on non-loopback addresses.");
        }

        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new GrpcServerConfigurationException("Maximum message sizes must be positive.");
        }

        kestrel.AddServerHeader = false;
        kestrel.Listen(endpoint, listen =>
        {
            if (options.Certificate is { } certificate)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
            else
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(Http1Rejection.Middleware);
            }
        });
    }
}
