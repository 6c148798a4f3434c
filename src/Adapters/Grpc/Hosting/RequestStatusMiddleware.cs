using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>
/// Two answers of grpc/grpc's doc/statuscodes.md that Grpc.AspNetCore gives differently, put right in front of it:
/// a request message that cannot be decoded (invalid protobuf, corrupt compressed data, a bad compressed flag) is
/// INTERNAL — the library answers UNKNOWN, as for a handler's exception, because it fails before any handler runs
/// (every handler of ours is wrapped by <see cref="Interception.HandlerFailureInterceptor"/>, which never uses the
/// library's wording); and a malformed grpc-timeout is refused with INTERNAL as grpc-go does, instead of being ignored,
/// which would leave the caller without the deadline it asked for.
/// </summary>
internal sealed partial class RequestStatusMiddleware : IStartupFilter
{
    /// <summary>Grpc.AspNetCore's status message for an exception outside any handler of ours.</summary>
    private const string LibraryUnknownMessage = "Exception was thrown by handler.";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(InvokeAsync);
        next(app);
    };

    private static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsGrpc(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers["grpc-timeout"] is { Count: > 0 } timeout && !TimeoutFormat().IsMatch(timeout.ToString()))
        {
            TrailersOnly(context.Response, "13", "malformed grpc-timeout header; expected 1 to 8 digits and one of H M S m u n");
            return;
        }

        await next(context).ConfigureAwait(false);
        var headers = context.Response.Headers;
        if (!context.Response.HasStarted && headers["grpc-status"] == "2" && headers["grpc-message"] == LibraryUnknownMessage)
        {
            headers["grpc-status"] = "13";
            headers["grpc-message"] = "the request message could not be decoded";
        }
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) &&
        (type.Length == "application/grpc".Length || type["application/grpc".Length] is '+' or ';');

    private static void TrailersOnly(HttpResponse response, string status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status;
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }

    [GeneratedRegex("^[0-9]{1,8}[HMSmun]$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeoutFormat();
}
