using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.Reflection;
using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>Everything a handler or interceptor may know about, or add to, the current call.</summary>
public sealed class GrpcCallContext
{
    private readonly GrpcCall _call;
    private Dictionary<object, object?>? _items;

    internal GrpcCallContext(GrpcCall call, GrpcMethod method, GrpcMetadata requestHeaders, string peer, string host,
        DateTimeOffset? deadline, string? requestEncoding, X509Certificate2? clientCertificate)
    {
        _call = call;
        Method = method;
        RequestHeaders = requestHeaders;
        Peer = peer;
        Host = host;
        Deadline = deadline;
        RequestEncoding = requestEncoding;
        ClientCertificate = clientCertificate;
    }

    /// <summary>The bound method; <see cref="GrpcMethod.FullName"/> is the HTTP/2 path ("/package.Service/Method").</summary>
    public GrpcMethod Method { get; }

    public string MethodFullName => Method.FullName;
    public MethodDescriptor MethodDescriptor => Method.Descriptor;
    public string ServiceName => Method.Descriptor.Service.FullName;

    /// <summary>Custom metadata sent by the client (protocol headers excluded; binary values decoded).</summary>
    public GrpcMetadata RequestHeaders { get; }

    /// <summary>"ipv4:127.0.0.1:5000" / "ipv6:[::1]:5000".</summary>
    public string Peer { get; }

    /// <summary>The :authority the client addressed.</summary>
    public string Host { get; }

    /// <summary>When the client's <c>grpc-timeout</c> expires; null for no deadline.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The <c>grpc-encoding</c> the client declared for its messages ("gzip"), or null for none.</summary>
    public string? RequestEncoding { get; }

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Cancelled when the client cancels (RST_STREAM), the deadline passes or the server stops.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>Sent with the response headers; add before the first response message.</summary>
    public GrpcMetadata ResponseHeaders { get; } = new();

    /// <summary>Sent with the status in the trailers.</summary>
    public GrpcMetadata ResponseTrailers { get; } = new();

    /// <summary>The authenticated caller, set by an authentication interceptor.</summary>
    public ClaimsPrincipal? Principal { get; set; }

    /// <summary>Per-call state shared between interceptors and the handler.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    internal GrpcCall Call => _call;

    /// <summary>Sends the response headers now (otherwise they go with the first message or the status).</summary>
    public Task WriteResponseHeadersAsync() => _call.WriteResponseHeadersAsync();
}
