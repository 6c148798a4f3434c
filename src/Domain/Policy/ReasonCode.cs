using Rapport.Domain.Common;
using Rapport.Domain.Consent;

namespace Rapport.Domain.Policy;

/// <summary>
/// Why policy denies (or, in monitor mode, would deny): a closed set. Each reason has its stable machine code
/// (docs/errors.md), the kind of error a denial for it is, and — when it reports the state of a consent — that
/// <see cref="ConsentStatus"/>, so no caller works a status back out of a code's spelling. The fixed reasons are built
/// once and shared by every decision; <see cref="Missing"/> names the purpose whose consent does not hold.
/// </summary>
public sealed class ReasonCode : IEquatable<ReasonCode>
{
    private ReasonCode(string code, ErrorKind kind, ConsentStatus? status = null, Purpose? purpose = null)
    {
        Code = code;
        Error = new ErrorCode(code, kind);
        Status = status;
        Purpose = purpose;
    }

    /// <summary>The consent for a purpose the action needs is not in effect: `CONSENT_&lt;PURPOSE&gt;_MISSING`.</summary>
    public static ReasonCode Missing(Purpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new("CONSENT_" + purpose.Key.Replace('.', '_').ToUpperInvariant() + "_MISSING", ErrorKind.ConsentDenied, ConsentStatus.Unknown, purpose);
    }

    /// <summary>The consent ran out (follows its purpose's <see cref="Missing"/>).</summary>
    public static ReasonCode Expired { get; } = new("CONSENT_EXPIRED", ErrorKind.ConsentDenied, ConsentStatus.Expired);

    /// <summary>The customer revoked (or objected to) the consent.</summary>
    public static ReasonCode Revoked { get; } = new("CONSENT_REVOKED", ErrorKind.ConsentDenied, ConsentStatus.Revoked);

    /// <summary>The consent takes effect later.</summary>
    public static ReasonCode NotYetEffective { get; } = new("CONSENT_NOT_YET_EFFECTIVE", ErrorKind.ConsentDenied, ConsentStatus.NotYetEffective);

    public static ReasonCode FieldNotShared { get; } = new("FIELD_NOT_SHARED", ErrorKind.ConsentDenied);

    public static ReasonCode FieldNotEditable { get; } = new("FIELD_NOT_EDITABLE", ErrorKind.ConsentDenied);

    /// <summary>A field action named no field.</summary>
    public static ReasonCode FieldRequired { get; } = new("FIELD_REQUIRED", ErrorKind.ConsentDenied);

    /// <summary>The action is not in the policy: a request the policy cannot judge, the caller's mistake.</summary>
    public static ReasonCode UnknownAction { get; } = new("UNKNOWN_ACTION", ErrorKind.Invalid);

    /// <summary>The action is for a purpose the caller names, and none was named.</summary>
    public static ReasonCode PurposeRequired { get; } = new("PURPOSE_REQUIRED", ErrorKind.Invalid);

    /// <summary>The named purpose is not a purpose key.</summary>
    public static ReasonCode UnknownPurpose { get; } = new("UNKNOWN_PURPOSE", ErrorKind.Invalid);

    /// <summary>The decision could not be written to the audit log, so nothing was answered (fail-safe).</summary>
    public static ReasonCode AuditUnavailable { get; } = new("AUDIT_UNAVAILABLE", ErrorKind.Unavailable);

    /// <summary>The node has no policy it can read (its policy file does not parse), so nothing is allowed (fail-safe).</summary>
    public static ReasonCode PolicyUnavailable { get; } = new("POLICY_UNAVAILABLE", ErrorKind.Unavailable);

    /// <summary>Every reason but the per-purpose <see cref="Missing"/> ones.</summary>
    public static IReadOnlyList<ReasonCode> Fixed { get; } =
        [Expired, Revoked, NotYetEffective, FieldNotShared, FieldNotEditable, FieldRequired, UnknownAction, PurposeRequired, UnknownPurpose, AuditUnavailable, PolicyUnavailable];

    /// <summary>The stable machine code (`CONSENT_REVOKED`).</summary>
    public string Code { get; }

    /// <summary>The error a denial for this reason is: its code and kind.</summary>
    public ErrorCode Error { get; }

    /// <summary>The state of the consent this reason reports (<see cref="ConsentStatus.Unknown"/> for a missing one), or null.</summary>
    public ConsentStatus? Status { get; }

    /// <summary>The purpose whose consent is missing, for <see cref="Missing"/>.</summary>
    public Purpose? Purpose { get; }

    /// <summary>Whether the policy could not judge the request at all (no or no valid purpose, unknown action).</summary>
    public bool IsInvalidRequest => Error.Kind == ErrorKind.Invalid;

    public bool Equals(ReasonCode? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ReasonCode other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;
}
