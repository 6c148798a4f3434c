using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Application.Partners;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>
/// `authorization: Bearer &lt;key&gt;` → the partner (UNAUTHENTICATED when missing, unknown or revoked), then the method's
/// scope (PERMISSION_DENIED with ErrorInfo reason SCOPE_MISSING when the partner lacks it).
/// </summary>
public sealed class PartnerAuthInterceptor(AuthenticatePartner authenticate) : IGrpcInterceptor
{
    public async ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!MethodScopes.IsPartnerApi(context.ServiceName))
        {
            return await next(context).ConfigureAwait(false);
        }

        var header = context.RequestHeaders.GetValue("authorization");
        const string bearer = "Bearer ";
        var key = header is not null && header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
        var result = await authenticate.ExecuteAsync(key, context.CancellationToken).ConfigureAwait(false);
        if (!result.TryGetValue(out var partner))
        {
            return ErrorMapping.ToStatus(result.Error, []);
        }

        context.SetPartner(partner);
        var scope = MethodScopes.For(context.MethodFullName);
        if (scope is null || !partner.HasScope(scope))
        {
            var missing = new Error(PartnerErrors.ScopeMissing, $"partner '{partner.Name}' lacks scope {scope ?? "(method not open to partners)"}");
            return ErrorMapping.ToStatus(missing, [], ("scope", scope ?? "none"), ("method", context.MethodFullName));
        }

        return await next(context).ConfigureAwait(false);
    }
}
