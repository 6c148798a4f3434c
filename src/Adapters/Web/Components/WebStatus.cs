using Microsoft.AspNetCore.Http;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Web.Components;

/// <summary>The HTTP status a page answers with when a use case refuses: the error's kind decides.</summary>
internal static class WebStatus
{
    public static int Of(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.ConsentDenied or ErrorKind.PermissionDenied => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict or ErrorKind.AlreadyExists => StatusCodes.Status409Conflict,
            ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
    }
}
