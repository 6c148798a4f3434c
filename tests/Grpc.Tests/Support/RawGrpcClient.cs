using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>A byte-level gRPC client over HttpClient HTTP/2, so tests control every header and frame.</summary>
public sealed class RawGrpcClient : IDisposable
{
    private readonly HttpClient _http;

    public RawGrpcClient(Uri address, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static HttpRequestMessage Request(string path, HttpContent content, string contentType = "application/grpc", Version? version = null)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }

    public Task<RawGrpcResponse> UnaryAsync(string path, IMessage request, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(path, GrpcFrames.Frame(request), configure);

    public async Task<RawGrpcResponse> SendAsync(string path, byte[] body, Action<HttpRequestMessage>? configure = null,
        string contentType = "application/grpc", Version? version = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(path, new ByteArrayContent(body), contentType, version);
        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var isGrpc = response.Content.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        return new RawGrpcResponse((int)response.StatusCode, response.Headers, response.TrailingHeaders,
            response.Content.Headers.ContentType?.MediaType, isGrpc ? GrpcFrames.Split(bytes) : []);
    }

    /// <summary>Starts a call whose request body the test writes frame by frame.</summary>
    /// <remarks>The response task completes once the server sends headers, which may need a request message first.</remarks>
    public (Task<HttpResponseMessage> Response, PushContent Requests) StartStreaming(string path, CancellationToken cancellationToken = default)
    {
        var content = new PushContent();
        var request = Request(path, content);
        return (_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), content);
    }

    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _http.Dispose();
}
