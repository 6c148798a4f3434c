using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>A small self-contained error page for answers given before a page component runs.</summary>
internal static class ErrorPage
{
    public static Task WriteAsync(HttpContext context, string title, string message, string back = "/")
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var encoder = HtmlEncoder.Default;
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{encoder.Encode(title)} · Rapport</title>" +
            "<link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main class=\"error-page\">" +
            $"<h1>{encoder.Encode(title)}</h1><p role=\"alert\">{encoder.Encode(message)}</p><p><a href=\"{encoder.Encode(back)}\">Back</a></p></main></body></html>");
    }
}
