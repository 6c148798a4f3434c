using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>
/// A plain HTML form posted to an endpoint. Its anti-forgery token was checked by the console's one anti-forgery
/// middleware (every console endpoint requires it); the form is read only when that check passed.
/// </summary>
internal static class FormPost
{
    /// <summary>The form, or null after answering 400 (missing or foreign token, not a form).</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            await RefuseForgedAsync(context).ConfigureAwait(false);
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A form posted without this session's anti-forgery token (another site's, an expired page's): nothing runs.</summary>
    public static Task RefuseForgedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return ErrorPage.WriteAsync(context, "Form not accepted", "This form's security token is missing or expired, so nothing was changed. Reload the page and send the form again.");
    }

    public static Task RefuseAsync(HttpContext context, string title, Rapport.Domain.Common.Error error, string back)
    {
        context.Response.StatusCode = Components.WebStatus.Of(error);
        return ErrorPage.WriteAsync(context, title, error.Message + ". Nothing was changed.", back);
    }
}
