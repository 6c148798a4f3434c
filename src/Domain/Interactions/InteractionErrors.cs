using Rapport.Domain.Common;

namespace Rapport.Domain.Interactions;

/// <summary>Error codes of interactions and timelines (docs/errors.md).</summary>
public static class InteractionErrors
{
    public static readonly ErrorCode TypeInvalid = new("INTERACTION_TYPE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode AtInvalid = new("INTERACTION_AT_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode DurationInvalid = new("INTERACTION_DURATION_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode DetailsTooLong = new("INTERACTION_DETAILS_TOO_LONG", ErrorKind.Invalid);
    public static readonly BoundedTextErrors Summary = BoundedTextErrors.For("INTERACTION_SUMMARY");
    public static readonly BoundedTextErrors Author = BoundedTextErrors.For("INTERACTION_AUTHOR");
    public static readonly ErrorCode TimelineLimitInvalid = new("TIMELINE_LIMIT_INVALID", ErrorKind.Invalid);
}
