namespace Rapport.Domain.Policy;

/// <summary>The actions of <see cref="PolicyMatrix.Default"/>.</summary>
public static class PolicyActions
{
    /// <summary>Reading a contact's record for the purpose the caller names (show, list, a partner's GetContact).</summary>
    public const string ReadContact = "read_contact";

    /// <summary>Reading a contact's interactions (the timeline) for the purpose the caller names.</summary>
    public const string ReadInteractions = "read_interactions";

    /// <summary>Exporting contacts for the purpose the caller names.</summary>
    public const string ExportContacts = "export_contacts";

    /// <summary>Reading whether a contact's consent allows the purpose the caller names.</summary>
    public const string ReadConsent = "read_consent";

    public const string ScoreLead = "score_lead";
    public const string TrainModel = "train_model";
    public const string ExportForMarketing = "export_for_marketing";
    public const string ShareExternally = "share_externally";
    public const string ReadSharedField = "read_shared_field";
    public const string WriteSharedField = "write_shared_field";
}
