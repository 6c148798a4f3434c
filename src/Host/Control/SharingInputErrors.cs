using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>Error codes of the consent-flow inputs the CLI and the control socket both parse (docs/errors.md).</summary>
public static class SharingInputErrors
{
    public static readonly ErrorCode InvalidFields = new("INVALID_FIELDS", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidFieldLevel = new("INVALID_FIELD_LEVEL", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidRequestId = new("INVALID_REQUEST_ID", ErrorKind.Invalid);
}
