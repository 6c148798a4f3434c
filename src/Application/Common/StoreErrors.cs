using Rapport.Domain.Common;

namespace Rapport.Application.Common;

/// <summary>Error codes of the node's store as a whole (docs/errors.md).</summary>
public static class StoreErrors
{
    /// <summary>The store cannot be used: missing, damaged, locked, full, or refused by the integrity checks.</summary>
    public static readonly ErrorCode Unavailable = new("STORE_UNAVAILABLE", ErrorKind.Unavailable);
}
