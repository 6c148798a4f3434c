using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>One in-flight call: reads request frames, writes response frames, and ends with the status.</summary>
internal sealed partial class GrpcCall
{
    private readonly HttpContext _http;
    private readonly GrpcMessageReader _reader;
    private readonly MessageEncoding _responseEncoding;
    private readonly int _maxSendMessageSize;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource? _linked;
    private readonly ILogger _logger;
    private GrpcCallContext _context = null!;
    private bool _headersPrepared;

    public GrpcCall(HttpContext http, GrpcMessageReader reader, MessageEncoding responseEncoding, int maxSendMessageSize, TimeSpan? timeout, ILogger logger)
    {
        _http = http;
        _reader = reader;
        _responseEncoding = responseEncoding;
        _maxSendMessageSize = maxSendMessageSize;
        _logger = logger;
        if (timeout is { } t)
        {
            _deadline = new CancellationTokenSource(t);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadline.Token);
        }
    }

    public GrpcCallContext Context => _context;

    public CancellationToken CancellationToken => _linked?.Token ?? _http.RequestAborted;

    public bool DeadlineExceeded => _deadline?.IsCancellationRequested == true;

    private bool ClientGone => _http.RequestAborted.IsCancellationRequested;

    public void Attach(GrpcCallContext context) => _context = context;

    public async Task RunAsync(GrpcContinuation pipeline)
    {
        try
        {
            GrpcStatus status;
            try
            {
                status = await pipeline(_context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                status = ToStatus(ex);
            }

            if (DeadlineExceeded)
            {
                status = new GrpcStatus(StatusCode.DeadlineExceeded, "Deadline exceeded");
            }

            if (ClientGone)
            {
                return;
            }

            await FinishAsync(status).ConfigureAwait(false);
        }
        finally
        {
            _linked?.Dispose();
            _deadline?.Dispose();
        }
    }

    /// <summary>The end of the interceptor chain: runs the handler and turns its outcome into a status.</summary>
    public static async ValueTask<GrpcStatus> InvokeHandlerAsync(GrpcCallContext context)
    {
        var call = context.Call;
        var invoke = context.Method.Invoke;
        if (invoke is null)
        {
            return new GrpcStatus(StatusCode.Unimplemented, $"Method {context.MethodFullName} is unimplemented");
        }

        try
        {
            await invoke(call).ConfigureAwait(false);
            return GrpcStatus.Ok;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return call.ToStatus(ex);
        }
    }

    public async ValueTask<IMessage> ReadSingleRequestAsync(MessageParser parser)
    {
        var request = await ReadMessageAsync(parser, default).ConfigureAwait(false)
                      ?? throw new RpcException(StatusCode.Internal, "No request message received for a single-request method");
        if (await ReadMessageAsync(parser, default).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "More than one request message received for a single-request method");
        }

        return request;
    }

    public async ValueTask<IMessage?> ReadMessageAsync(MessageParser parser, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == CancellationToken)
        {
            return await _reader.ReadAsync(parser, CancellationToken).ConfigureAwait(false);
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken);
        return await _reader.ReadAsync(parser, both.Token).ConfigureAwait(false);
    }

    public async ValueTask WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        CancellationToken.ThrowIfCancellationRequested();
        cancellationToken.ThrowIfCancellationRequested();
        PrepareResponseHeaders();
        var writer = _http.Response.BodyWriter;
        MessageFrameWriter.Write(writer, message, _responseEncoding, _maxSendMessageSize);
        if (flush)
        {
            var token = cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken;
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
    }

    public Task WriteResponseHeadersAsync()
    {
        PrepareResponseHeaders();
        return _http.Response.StartAsync(CancellationToken);
    }

    private void PrepareResponseHeaders()
    {
        if (_headersPrepared)
        {
            return;
        }

        _headersPrepared = true;
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        if (_responseEncoding != MessageEncoding.Identity)
        {
            response.Headers[GrpcHeaders.Encoding] = _responseEncoding.ToHeaderValue();
        }

        response.Headers[GrpcHeaders.AcceptEncoding] = MessageEncodings.AcceptEncodingHeaderValue;
        MetadataCodec.WriteTo(_context.ResponseHeaders, response.Headers);
    }

    private Task FinishAsync(GrpcStatus status)
    {
        var response = _http.Response;
        if (!_headersPrepared && !response.HasStarted)
        {
            StatusResponder.WriteTrailersOnly(response, status, _context.ResponseHeaders, _context.ResponseTrailers);
            return Task.CompletedTask;
        }

        StatusResponder.AppendTrailers(response, status, _context.ResponseTrailers);
        return Task.CompletedTask;
    }

    private GrpcStatus ToStatus(Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc.Status;
            case OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException
                when DeadlineExceeded:
                return new GrpcStatus(StatusCode.DeadlineExceeded, "Deadline exceeded");
            case OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException
                when ClientGone:
                return new GrpcStatus(StatusCode.Cancelled, "Call cancelled by the client");
            case Application.Common.StoreUnavailableException or System.Data.Common.DbException:
                // The node's store failed (full, locked, damaged): the partner may retry; the details, with file paths, stay in the log.
                LogStoreFailure(_logger, _context.MethodFullName, exception);
                return new GrpcStatus(StatusCode.Unavailable, "the node's store is unavailable; try again later");
            default:
                LogHandlerFailure(_logger, _context.MethodFullName, exception);
                return new GrpcStatus(StatusCode.Unknown, "Exception was thrown by handler.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler for {Method} failed: the store is unavailable")]
    private static partial void LogStoreFailure(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler for {Method} failed")]
    private static partial void LogHandlerFailure(ILogger logger, string method, Exception exception);

    internal static string FormatPeer(ConnectionInfo connection)
    {
        var ip = connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"ipv6:[{ip}]:{connection.RemotePort}")
            : string.Create(CultureInfo.InvariantCulture, $"ipv4:{ip}:{connection.RemotePort}");
    }
}
