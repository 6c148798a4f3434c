using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Rapport.Adapters.Web.Assets;

/// <summary>`GET /assets/{name}`: an embedded asset with its ETag; a name not in the table is 404.</summary>
internal static class AssetEndpoints
{
    public static RouteHandlerBuilder MapAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            var assets = context.RequestServices.GetRequiredService<EmbeddedAssets>();
            if (!assets.TryGet(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ETag = asset.ETag;
            if (context.Request.Headers.IfNoneMatch == asset.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType);
        }).AllowAnonymous();
}
