using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p.Sharing;

internal static class ResultExtensions
{
    /// <summary>The error of a failed result, or null on success.</summary>
    public static Error? ErrorOrNull<T>(this Result<T> result) => result.IsFailure ? result.Error : null;
}
