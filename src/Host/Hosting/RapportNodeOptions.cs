using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Host.Hosting;

/// <summary>
/// How `rapport run` runs the node. From, in rising precedence: these defaults, `rapport.json` in the data directory,
/// environment variables `RAPPORT__…` (e.g. <c>RAPPORT__GRPC</c>, <c>RAPPORT__LISTEN__0</c>), the command line.
/// </summary>
public sealed class RapportNodeOptions
{
    /// <summary>Multiaddrs libp2p listens on; none for a node that takes no part in peer-to-peer sharing (`--listen none`).</summary>
    public IList<string> Listen { get; } = [];

    /// <summary>host:port of the gRPC partner API (plaintext only on loopback), or "none".</summary>
    public string Grpc { get; set; } = PartnerApiOptions.DefaultEndpoint;

    /// <summary>A PKCS#12 (.pfx) certificate: with it the partner API speaks TLS (h2).</summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The certificate's password (prefer the environment variable to the file).</summary>
    public string? TlsPassword { get; set; }

    /// <summary>How long a stop waits for in-flight gRPC calls and sync rounds before it cancels them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many libp2p connections the node holds at most (further peers are refused until one closes).</summary>
    public int MaxConnections { get; set; } = 2048;

    /// <summary>The largest gRPC message the partner API accepts or sends, in bytes.</summary>
    public int MaxMessageBytes { get; set; } = PartnerApiOptions.DefaultMaxMessageSize;

    /// <summary>How the node logs to stderr: text lines for people, or JSON lines for machines.</summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    public static IReadOnlyList<string> DefaultListen { get; } = ["/ip4/0.0.0.0/tcp/4001"];

    public bool ServesPartnerApi => !string.Equals(Grpc, "none", StringComparison.OrdinalIgnoreCase);
}
