using Rapport.Domain.Common;

namespace Rapport.Host.Control;

internal static class ResultErrors
{
    public static Error? ErrorOrNull<T>(this Result<T> result) => result.IsFailure ? result.Error : null;
}
