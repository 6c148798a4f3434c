using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Records every partner API call (partner, method, decision) in the audit log, whatever its outcome.</summary>
public sealed class CallAuditInterceptor(RecordPartnerCall record, ILogger? logger = null) : IGrpcInterceptor
{
    public async ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!MethodScopes.IsPartnerApi(context.ServiceName))
        {
            return await next(context).ConfigureAwait(false);
        }

        var status = await next(context).ConfigureAwait(false);
        var reason = status.Details
            .Where(d => d.Is(Google.Rpc.ErrorInfo.Descriptor))
            .Select(d => d.Unpack<Google.Rpc.ErrorInfo>().Reason)
            .FirstOrDefault();
        try
        {
            // The call's own token may already be cancelled (deadline, client gone); the record must still be written.
            await record.ExecuteAsync(context.Partner()?.Name, context.MethodFullName, StatusName(status.Code), reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger?.LogError(ex, "Could not audit partner call {Method}", context.MethodFullName);
            return GrpcStatus.Error(StatusCode.Unavailable, "the audit log is unavailable; the call's outcome was not recorded");
        }

        return status;
    }

    private static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "ok",
        _ => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString()),
    };
}
