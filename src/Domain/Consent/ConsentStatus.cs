namespace Rapport.Domain.Consent;

/// <summary>The state of a consent at one instant.</summary>
public enum ConsentStatus
{
    /// <summary>Nothing is recorded for the purpose (or any parent): treated as no consent.</summary>
    Unknown = 0,
    Granted,
    Revoked,
    Expired,
    NotYetEffective,
}

public static class ConsentStatusText
{
    public static string ToKey(this ConsentStatus status) => status switch
    {
        ConsentStatus.Unknown => "unknown",
        ConsentStatus.Granted => "granted",
        ConsentStatus.Revoked => "revoked",
        ConsentStatus.Expired => "expired",
        ConsentStatus.NotYetEffective => "not_yet_effective",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
