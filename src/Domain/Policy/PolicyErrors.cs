using Rapport.Domain.Common;

namespace Rapport.Domain.Policy;

/// <summary>Error codes of policy requests; a denial itself carries its <see cref="ReasonCode"/>'s error (docs/errors.md).</summary>
public static class PolicyErrors
{
    public static readonly ErrorCode ModeInvalid = new("MODE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode BatchSizeInvalid = new("BATCH_SIZE_INVALID", ErrorKind.Invalid);

    /// <summary>A policy document (the node's policy file) that does not parse or is no valid policy.</summary>
    public static readonly ErrorCode PolicyInvalid = new("POLICY_INVALID", ErrorKind.Invalid);

    /// <summary>No purpose for an action that needs one. Like an unknown purpose or action, a request the policy cannot judge: the caller's mistake, not a consent matter.</summary>
    public static readonly ErrorCode PurposeRequired = ReasonCode.PurposeRequired.Error;

    public static readonly ErrorCode UnknownPurpose = ReasonCode.UnknownPurpose.Error;
    public static readonly ErrorCode UnknownAction = ReasonCode.UnknownAction.Error;

    /// <summary>The decision could not be written to the audit log, so nothing was answered.</summary>
    public static readonly ErrorCode AuditUnavailable = ReasonCode.AuditUnavailable.Error;

    /// <summary>The node has no policy it can read, so nothing was decided and nothing used.</summary>
    public static readonly ErrorCode PolicyUnavailable = ReasonCode.PolicyUnavailable.Error;
}
