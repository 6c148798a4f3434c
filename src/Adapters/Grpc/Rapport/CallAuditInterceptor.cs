using Grpc.Core;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Interception;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Records every partner API call (partner, method, outcome, reason) in the audit log, whatever its outcome.</summary>
public sealed partial class CallAuditInterceptor(RecordPartnerCall record, ILogger<CallAuditInterceptor> logger) : CallInterceptor
{
    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!MethodScopes.IsPartnerApi(ServiceOf(context)))
        {
            return await next().ConfigureAwait(false);
        }

        T answer;
        try
        {
            answer = await next().ConfigureAwait(false);
        }
        catch (RpcException failure)
        {
            await RecordAsync(context, failure.StatusCode, ErrorMapping.ReasonOf(failure)).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            var ended = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            await RecordAsync(context, ended, null).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(context, StatusCode.OK, null).ConfigureAwait(false);
        return answer;
    }

    private async Task RecordAsync(ServerCallContext context, StatusCode code, string? reason)
    {
        try
        {
            // The call's own token may already be cancelled (deadline, client gone); the record must still be written.
            await record.ExecuteAsync(context.Partner()?.Name, context.Method, StatusName(code), reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAuditFailure(logger, context.Method, ex);
            throw new RpcException(new Status(StatusCode.Unavailable, "the audit log is unavailable; the call's outcome was not recorded"));
        }
    }

    private static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "ok",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString()),
    };

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Could not audit partner call {Method}")]
    private static partial void LogAuditFailure(ILogger logger, string method, Exception exception);
}
