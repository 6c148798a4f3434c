using System.Data.Common;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Rapport.Application.Common;

namespace Rapport.Adapters.Grpc.Interception;

/// <summary>
/// What a handler's unexpected exception tells the caller: a failing store is UNAVAILABLE (the partner may retry), a
/// bug is UNKNOWN; neither carries the exception's message (it may hold file paths), which goes to the log instead.
/// </summary>
public sealed partial class HandlerFailureInterceptor(ILogger<HandlerFailureInterceptor> logger) : CallInterceptor
{
    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is StoreUnavailableException or DbException)
        {
            LogStoreFailure(logger, context.Method, exception);
            throw new RpcException(new Status(StatusCode.Unavailable, "the node's store is unavailable; try again later"));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is InvalidDataException or Google.Protobuf.InvalidProtocolBufferException)
        {
            // A streamed request message that cannot be decoded, read inside the handler (statuscodes.md: INTERNAL).
            LogUndecodable(logger, context.Method, exception);
            throw new RpcException(new Status(StatusCode.Internal, "a request message could not be decoded"));
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            LogHandlerFailure(logger, context.Method, exception);
            throw new RpcException(new Status(StatusCode.Unknown, "the call failed inside the node; the node's log has the details"));
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "gRPC handler for {Method} failed: the store is unavailable")]
    private static partial void LogStoreFailure(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "gRPC call {Method}: a request message could not be decoded")]
    private static partial void LogUndecodable(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "gRPC handler for {Method} failed")]
    private static partial void LogHandlerFailure(ILogger logger, string method, Exception exception);
}
