using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Web.Partners;

/// <summary>`POST /partners/{name}/revoke`: the partner's key stops working at once; audited as the console.</summary>
internal static class PartnerEndpoints
{
    public static void MapPartners(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/partners/{name}/revoke", RevokeAsync).RequireAuthorization();

    private static async Task RevokeAsync(HttpContext context, RevokePartner revoke, string name)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        var revoked = await revoke.ExecuteAsync(name, WebConsole.Actor, context.RequestAborted).ConfigureAwait(false);
        if (revoked.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not revoked", revoked.Error, "/partners").ConfigureAwait(false);
            return;
        }

        context.Response.Redirect("/partners?done=revoked");
    }
}
