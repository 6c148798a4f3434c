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
    /// <summary>The business reading one field of a shared record: the grant must give it view or edit access.</summary>
    public const string ReadSharedField = "read_shared_field";

    /// <summary>The business writing one field of a shared record: the grant must give it edit access.</summary>
    public const string WriteSharedField = "write_shared_field";

    /// <summary>Sending a delta of the shared record to the other node of the pair (fields decided one by one).</summary>
    public const string SendSharedRecord = "send_shared_record";

    /// <summary>Applying a delta of the shared record received from the other node (fields decided one by one).</summary>
    public const string ReceiveSharedRecord = "receive_shared_record";

    /// <summary>The business showing its replica of a shared record (fields decided one by one).</summary>
    public const string ShowSharedRecord = "show_shared_record";

    /// <summary>The business editing a field of a shared record.</summary>
    public const string EditSharedRecord = "edit_shared_record";
}
