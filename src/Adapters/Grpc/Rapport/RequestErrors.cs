using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Error codes of a partner API request the use cases never see (docs/errors.md).</summary>
public static class RequestErrors
{
    /// <summary>A resource name, a required message or an enum value of the request is wrong.</summary>
    public static readonly ErrorCode Invalid = new("REQUEST_INVALID", ErrorKind.Invalid);
}
