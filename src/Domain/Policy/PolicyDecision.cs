using Rapport.Domain.Contacts;

namespace Rapport.Domain.Policy;

/// <summary>
/// The answer to "may the business do <see cref="Action"/> for this contact now?". In enforce mode
/// <see cref="Allowed"/> is the verdict; in monitor mode it is always true with <see cref="Enforced"/> false and
/// <see cref="Reasons"/> holding what enforcement would have denied for. A value type so evaluation does not allocate.
/// </summary>
public readonly struct PolicyDecision
{
    private static readonly ReasonCode[] NoReasons = [];

    private readonly ReasonCode[]? _reasons;

    internal PolicyDecision(string action, ContactId contact, string? field, DateTimeOffset at, EnforcementMode mode, ReasonCode[] reasons, int policyVersion, string snapshotHash, string? purpose = null)
    {
        Action = action;
        Purpose = purpose;
        Contact = contact;
        Field = field;
        At = at;
        Mode = mode;
        _reasons = reasons;
        PolicyVersion = policyVersion;
        SnapshotHash = snapshotHash;
    }

    /// <summary>
    /// The decision when the node has no policy to evaluate (<see cref="ReasonCode.PolicyUnavailable"/>): denied,
    /// enforced whatever the mode, policy version 0.
    /// </summary>
    public static PolicyDecision Unavailable(string action, ContactId contact, DateTimeOffset at, string snapshotHash, string? purpose = null, string? field = null) =>
        new(action ?? throw new ArgumentNullException(nameof(action)), contact, field, at, EnforcementMode.Enforce, [ReasonCode.PolicyUnavailable], 0, snapshotHash, purpose);

    public string Action { get; }

    public ContactId Contact { get; }

    /// <summary>The purpose the caller named, for actions on a requested purpose (as given, even when it is not a valid key).</summary>
    public string? Purpose { get; }

    /// <summary>The field the action touches, for field actions.</summary>
    public string? Field { get; }

    public DateTimeOffset At { get; }

    public EnforcementMode Mode { get; }

    /// <summary>Why policy denies (or would deny); empty when the consent allows the action.</summary>
    public IReadOnlyList<ReasonCode> Reasons => _reasons ?? NoReasons;

    /// <summary>Whether the consent allows the action, regardless of mode.</summary>
    public bool Permitted => _reasons is null || _reasons.Length == 0;

    /// <summary>Whether the action may go ahead: the verdict in enforce mode, always true in monitor mode.</summary>
    public bool Allowed => Mode == EnforcementMode.Monitor || Permitted;

    /// <summary>Whether the verdict blocks (enforce mode).</summary>
    public bool Enforced => Mode == EnforcementMode.Enforce;

    public int PolicyVersion { get; }

    /// <summary>SHA-256 of the consent snapshot the decision was made on.</summary>
    public string SnapshotHash { get; }

    /// <summary>The most specific reason (the last one: `CONSENT_REVOKED` after `CONSENT_MARKETING_MISSING`); null when permitted.</summary>
    public ReasonCode? PrimaryReason => Permitted ? null : _reasons![^1];
}
