using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>
/// Bodies larger than <see cref="WebConsoleOptions.MaxRequestBodyBytes"/> are refused before a byte is read: with a
/// declared length at once (413 and a page that says why), otherwise when the limit is crossed while reading.
/// </summary>
internal sealed class RequestLimits(RequestDelegate next, IOptions<WebConsoleOptions> options)
{
    private readonly long _max = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _max;
        }

        if (context.Request.ContentLength > _max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            await ErrorPage.WriteAsync(
                context,
                "Too large",
                $"The upload is {Megabytes(context.Request.ContentLength.Value)} MB; the console accepts at most {Megabytes(_max)} MB per request. Nothing was saved.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
