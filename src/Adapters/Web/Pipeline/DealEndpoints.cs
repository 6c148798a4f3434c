using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Pipeline;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Adapters.Web.Pipeline;

/// <summary>
/// `POST /deals/{id}/move`: the board's move, from a card's own form (keyboard, no script) or from a drop (the script
/// fills and sends the same form). Back to the board at the deal; a refusal says why and changes nothing.
/// </summary>
internal static class DealEndpoints
{
    public static void MapDeals(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/deals/{id}/move", MoveAsync).RequireAuthorization();

    private static async Task MoveAsync(HttpContext context, MoveDeal move, string id)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is not { } form)
        {
            return;
        }

        var pipeline = form["pipeline"].ToString();
        var board = string.IsNullOrWhiteSpace(pipeline) ? "/pipeline" : "/pipeline/" + Uri.EscapeDataString(pipeline);
        if (!DealId.TryParse(id, out var dealId))
        {
            await FormPost.RefuseAsync(context, "Deal not moved", new Error(DealErrors.NotFound, "there is no such deal", "deal"), board).ConfigureAwait(false);
            return;
        }

        var moved = await move.ExecuteAsync(dealId, form["stage"].ToString(), WebConsole.Actor, context.RequestAborted).ConfigureAwait(false);
        if (moved.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Deal not moved", moved.Error, board).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect($"{board}#deal-{moved.Value.Id}");
    }
}
