using Rapport.Domain.Common;

namespace Rapport.Domain.Policy;

/// <summary>Error codes of policy requests; a denial itself carries a <see cref="ReasonCodes"/> code (docs/errors.md).</summary>
public static class PolicyErrors
{
    public static readonly ErrorCode ModeInvalid = new("MODE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode BatchSizeInvalid = new("BATCH_SIZE_INVALID", ErrorKind.Invalid);

    /// <summary>No purpose for an action that needs one. Like an unknown purpose or action, a request the policy cannot judge: the caller's mistake, not a consent matter.</summary>
    public static readonly ErrorCode PurposeRequired = new(ReasonCodes.PurposeRequired, ErrorKind.Invalid);

    public static readonly ErrorCode UnknownPurpose = new(ReasonCodes.UnknownPurpose, ErrorKind.Invalid);
    public static readonly ErrorCode UnknownAction = new(ReasonCodes.UnknownAction, ErrorKind.Invalid);

    /// <summary>The decision could not be written to the audit log, so nothing was answered.</summary>
    public static readonly ErrorCode AuditUnavailable = new(ReasonCodes.AuditUnavailable, ErrorKind.Unavailable);

    /// <summary>
    /// The code of a denial for <paramref name="reason"/>: a request the policy cannot judge keeps its own kind, every
    /// other reason code is a <see cref="ErrorKind.ConsentDenied"/>.
    /// </summary>
    public static ErrorCode ForReason(string reason) =>
        reason == PurposeRequired.Value ? PurposeRequired
        : reason == UnknownPurpose.Value ? UnknownPurpose
        : reason == UnknownAction.Value ? UnknownAction
        : reason == AuditUnavailable.Value ? AuditUnavailable
        : new(reason, ErrorKind.ConsentDenied);
}
