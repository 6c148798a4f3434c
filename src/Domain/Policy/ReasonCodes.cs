namespace Rapport.Domain.Policy;

/// <summary>Stable machine codes explaining a denial (or, in monitor mode, a would-be denial).</summary>
public static class ReasonCodes
{
    public const string AnalyticsMissing = "CONSENT_ANALYTICS_MISSING";
    public const string MarketingMissing = "CONSENT_MARKETING_MISSING";
    public const string DataShareMissing = "CONSENT_DATA_SHARE_MISSING";
    public const string AiTrainingMissing = "CONSENT_AI_TRAINING_MISSING";
    public const string Expired = "CONSENT_EXPIRED";
    public const string Revoked = "CONSENT_REVOKED";
    public const string NotYetEffective = "CONSENT_NOT_YET_EFFECTIVE";
    public const string FieldNotShared = "FIELD_NOT_SHARED";
    public const string FieldNotEditable = "FIELD_NOT_EDITABLE";
    public const string FieldRequired = "FIELD_REQUIRED";
    public const string UnknownAction = "UNKNOWN_ACTION";

    /// <summary>The action is for a purpose the caller names, and none was named.</summary>
    public const string PurposeRequired = "PURPOSE_REQUIRED";

    /// <summary>The named purpose is not a purpose key.</summary>
    public const string UnknownPurpose = "UNKNOWN_PURPOSE";

    /// <summary>The decision could not be written to the audit log, so nothing was answered (fail-safe).</summary>
    public const string AuditUnavailable = "AUDIT_UNAVAILABLE";

    /// <summary>`CONSENT_&lt;PURPOSE&gt;_MISSING`, dots becoming underscores (`marketing.email` → `CONSENT_MARKETING_EMAIL_MISSING`).</summary>
    public static string MissingFor(Consent.Purpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return "CONSENT_" + purpose.Key.Replace('.', '_').ToUpperInvariant() + "_MISSING";
    }
}
