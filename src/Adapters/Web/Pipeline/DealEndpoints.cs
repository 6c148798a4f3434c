using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Web.Components;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Pipeline;
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

    private static async Task MoveAsync(HttpContext context, IAntiforgery antiforgery, MoveDeal move, string id)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false) || !context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorPage.WriteAsync(context, "Form not accepted", "This form's security token is missing or expired, so nothing was changed. Reload the board and move the deal again.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var pipeline = form["pipeline"].ToString();
        if (!DealId.TryParse(id, out var dealId))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await ErrorPage.WriteAsync(context, "Not found", "There is no such deal.").ConfigureAwait(false);
            return;
        }

        var moved = await move.ExecuteAsync(dealId, form["stage"].ToString(), WebConsole.Actor, context.RequestAborted).ConfigureAwait(false);
        if (moved.IsFailure)
        {
            context.Response.StatusCode = WebStatus.Of(moved.Error);
            await ErrorPage.WriteAsync(context, "Deal not moved", moved.Error.Message + ". Nothing was changed.").ConfigureAwait(false);
            return;
        }

        var board = string.IsNullOrWhiteSpace(pipeline) ? "/pipeline" : "/pipeline/" + Uri.EscapeDataString(pipeline);
        context.Response.Redirect($"{board}#deal-{moved.Value.Id}");
    }
}
