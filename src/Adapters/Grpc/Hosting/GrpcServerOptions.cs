using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>How a <see cref="GrpcServer"/> listens and what it accepts.</summary>
public sealed record GrpcServerOptions
{
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>"host:port" ("127.0.0.1:0" picks a free port; "[::1]:50051"; "0.0.0.0:50051"; "localhost:50051").</summary>
    public string Endpoint { get; init; } = "127.0.0.1:0";

    /// <summary>When set, the server speaks HTTP/2 over TLS (ALPN h2); otherwise plaintext h2c.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Plaintext on a non-loopback address exposes calls and credentials; it must be asked for explicitly.</summary>
    public bool AllowPlaintextOnNonLoopback { get; init; }

    public int MaxReceiveMessageSize { get; init; } = DefaultMaxMessageSize;

    public int MaxSendMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Compression for response messages, used only when the client's grpc-accept-encoding lists it.</summary>
    public MessageEncoding ResponseCompression { get; init; } = MessageEncoding.Identity;

    /// <summary>How long StopAsync waits for in-flight calls before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ILoggerFactory? LoggerFactory { get; init; }
}
