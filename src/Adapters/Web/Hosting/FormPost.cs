using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>A plain HTML form posted to an endpoint: read only when its anti-forgery token is valid.</summary>
internal static class FormPost
{
    /// <summary>The form, or null after answering 400 (missing or foreign token, not a form).</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ErrorPage.WriteAsync(context, "Form not accepted", "This form's security token is missing or expired, so nothing was changed. Reload the page and send the form again.").ConfigureAwait(false);
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task RefuseAsync(HttpContext context, string title, Rapport.Domain.Common.Error error, string back)
    {
        context.Response.StatusCode = Components.WebStatus.Of(error);
        return ErrorPage.WriteAsync(context, title, error.Message + ". Nothing was changed.", back);
    }
}
