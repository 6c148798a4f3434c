using System.Net.Http.Headers;
using Grpc.Core;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>A complete response as seen on the wire: HTTP status, headers, message payloads and the gRPC status.</summary>
public sealed record RawGrpcResponse(int HttpStatus, HttpResponseHeaders Headers, HttpResponseHeaders Trailers, string? ContentType, IReadOnlyList<byte[]> Messages)
{
    public bool IsTrailersOnly => Headers.Contains("grpc-status");

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public string? Trailer(string name) => Trailers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public StatusCode? Status => (Trailer("grpc-status") ?? Header("grpc-status")) is { } s ? (StatusCode)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? StatusMessage => (Trailer("grpc-message") ?? Header("grpc-message")) is { } m ? Uri.UnescapeDataString(m) : null;

    public Google.Rpc.Status? StatusDetails =>
        (Trailer("grpc-status-details-bin") ?? Header("grpc-status-details-bin")) is { } b ? Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Pad(b))) : null;

    private static string Pad(string b) => (b.Length % 4) switch { 2 => b + "==", 3 => b + "=", _ => b };
}
