using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>
/// Turns HTTP/2 requests into gRPC calls: protocol checks, method lookup, deadline, the interceptor pipeline,
/// then the bound handler. Usable as a plain ASP.NET Core <see cref="RequestDelegate"/>.
/// </summary>
public sealed class GrpcCallDispatcher
{
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(24);

    private readonly Dictionary<string, GrpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly GrpcContinuation _pipeline;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;

    public GrpcCallDispatcher(GrpcServerOptions options, IEnumerable<GrpcServiceDefinition> services, IEnumerable<IGrpcInterceptor>? interceptors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options;
        _logger = (options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Rapport.Grpc");
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                if (!_methods.TryAdd(method.FullName, method))
                {
                    throw new ArgumentException($"Service '{service.Name}' is registered twice.", nameof(services));
                }
            }
        }

        Services = services.Select(s => s.Name).Distinct().ToArray();
        GrpcContinuation pipeline = GrpcCall.InvokeHandlerAsync;
        foreach (var interceptor in (interceptors ?? []).Reverse())
        {
            var next = pipeline;
            pipeline = context => interceptor.InterceptAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public IReadOnlyList<string> Services { get; }

    public Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            return RejectAsync(http, StatusCodes.Status426UpgradeRequired, $"gRPC requires HTTP/2; this request used {request.Protocol}.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "POST";
            return RejectAsync(http, StatusCodes.Status405MethodNotAllowed, "gRPC calls use POST.");
        }

        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            return RejectAsync(http, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not supported; use application/grpc or application/grpc+proto.");
        }

        if (!_methods.TryGetValue(request.Path.Value ?? string.Empty, out var method))
        {
            StatusResponder.WriteTrailersOnly(http.Response, new GrpcStatus(StatusCode.Unimplemented, $"Unknown method {request.Path.Value}"));
            return Task.CompletedTask;
        }

        var headers = request.Headers;
        string? declaredEncoding = headers[GrpcHeaders.Encoding];
        if (!MessageEncodings.TryParse(declaredEncoding, out var requestEncoding))
        {
            StatusResponder.WriteTrailersOnly(http.Response, new GrpcStatus(StatusCode.Unimplemented,
                $"Message encoding '{declaredEncoding}' is not supported; supported: {MessageEncodings.AcceptEncodingHeaderValue}"));
            return Task.CompletedTask;
        }

        TimeSpan? timeout = null;
        string? timeoutHeader = headers[GrpcHeaders.Timeout];
        if (timeoutHeader is not null)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                StatusResponder.WriteTrailersOnly(http.Response, new GrpcStatus(StatusCode.Internal, $"Malformed grpc-timeout '{timeoutHeader}'"));
                return Task.CompletedTask;
            }

            timeout = parsed <= LongestDeadline ? parsed : null;
        }

        var responseEncoding = _options.ResponseCompression.IsAcceptedBy(headers[GrpcHeaders.AcceptEncoding])
            ? _options.ResponseCompression
            : MessageEncoding.Identity;
        var decoder = new MessageDecoder(requestEncoding, declaredEncoding is not null, _options.MaxReceiveMessageSize);
        var call = new GrpcCall(http, new GrpcMessageReader(request.BodyReader, decoder), responseEncoding, _options.MaxSendMessageSize, timeout, _logger);
        call.Attach(new GrpcCallContext(
            call,
            method,
            MetadataCodec.ReadRequestHeaders(headers),
            GrpcCall.FormatPeer(http.Connection),
            request.Host.Value ?? string.Empty,
            timeout is { } t ? DateTimeOffset.UtcNow + t : null,
            declaredEncoding is null or "identity" ? null : declaredEncoding,
            http.Connection.ClientCertificate));

        // Streaming calls may legitimately outlive Kestrel's request-body limits.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        return call.RunAsync(_pipeline);
    }

    private static Task RejectAsync(HttpContext http, int statusCode, string message)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message, http.RequestAborted);
    }
}
