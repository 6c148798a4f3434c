using Grpc.Core;
using Rapport.Adapters.Grpc.Interception;
using Rapport.Application.Partners;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>
/// `authorization: Bearer &lt;key&gt;` → the partner (UNAUTHENTICATED when missing, unknown or revoked), then the method's
/// scope (PERMISSION_DENIED with ErrorInfo reason SCOPE_MISSING when the partner lacks it). Health and reflection need no key.
/// </summary>
public sealed class PartnerAuthInterceptor(AuthenticatePartner authenticate) : CallInterceptor
{
    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!MethodScopes.IsPartnerApi(ServiceOf(context)))
        {
            return await next().ConfigureAwait(false);
        }

        var header = context.RequestHeaders.GetValue("authorization");
        const string bearer = "Bearer ";
        var key = header is not null && header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
        var result = await authenticate.ExecuteAsync(key, context.CancellationToken).ConfigureAwait(false);
        if (!result.TryGetValue(out var partner))
        {
            throw ErrorMapping.ToRpc(result.Error, []);
        }

        context.SetPartner(partner);
        var scope = MethodScopes.For(context.Method);
        if (scope is null || !partner.HasScope(scope))
        {
            var missing = new Error(PartnerErrors.ScopeMissing, $"partner '{partner.Name}' lacks scope {scope ?? "(method not open to partners)"}");
            throw ErrorMapping.ToRpc(missing, [], ("scope", scope ?? "none"), ("method", context.Method));
        }

        return await next().ConfigureAwait(false);
    }
}
