using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>Where the partner API listens and what it accepts.</summary>
public sealed class PartnerApiOptions
{
    public const string DefaultEndpoint = "127.0.0.1:50051";

    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Where to listen (port 0 picks a free one).</summary>
    public IPEndPoint Endpoint { get; set; } = IPEndPoint.Parse(DefaultEndpoint);

    /// <summary>When set, the API speaks HTTP/2 over TLS (ALPN h2); otherwise plaintext h2c, on loopback only.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Plaintext on a non-loopback address exposes calls and API keys; it must be asked for explicitly.</summary>
    public bool AllowPlaintextOnNonLoopback { get; set; }

    public int MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    public int MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>"gzip" to compress responses for clients whose grpc-accept-encoding lists it; none by default.</summary>
    public string? ResponseCompression { get; set; }
}
