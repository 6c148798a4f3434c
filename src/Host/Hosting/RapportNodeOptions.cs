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

    /// <summary>host:port of the web console (plain HTTP only on loopback), or "none" (the default: no console).</summary>
    public string Web { get; set; } = NoWebConsole;

    /// <summary>A PKCS#12 (.pfx) certificate: with it the partner API speaks TLS (h2) and the web console HTTPS.</summary>
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

    public const string NoWebConsole = "none";

    public bool ServesWebConsole => !string.Equals(Web, NoWebConsole, StringComparison.OrdinalIgnoreCase);

    public bool ServesPartnerApi => !string.Equals(Grpc, "none", StringComparison.OrdinalIgnoreCase);
}
