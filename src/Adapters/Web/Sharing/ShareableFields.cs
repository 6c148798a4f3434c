using Rapport.Domain.Consent;

namespace Rapport.Adapters.Web.Sharing;

/// <summary>The customer fields a business can ask for from the console, and the words people read for levels and purposes.</summary>
public static class ShareableFields
{
    public static IReadOnlyList<string> Keys { get; } = ["name", "email", "phone", "address.street", "address.city", "address.country", FieldKey.Interactions];

    public static IReadOnlyList<string> Purposes { get; } =
        [Purpose.Analytics.Key, Purpose.Marketing.Key, Purpose.DataShare.Key, Purpose.AiTraining.Key];

    /// <summary>A peer id as people glance at it ("12D3KooW…QAJU5S"); the full id goes in the element's title.</summary>
    public static string ShortPeer(string peer) => peer.Length > 16 ? $"{peer[..8]}…{peer[^6..]}" : peer;

    public static string Describe(AccessLevel level) => level switch
    {
        AccessLevel.Edit => "see and change",
        AccessLevel.View => "see",
        _ => "nothing",
    };

    public static string Describe(string purpose) => purpose switch
    {
        "analytics" => "analytics (understanding how customers use the service)",
        "marketing" => "marketing (offers and newsletters)",
        "data_share" => "sharing with partners",
        "ai_training" => "training the business's models",
        "crm" => "the business's own record keeping",
        _ => purpose,
    };
}
