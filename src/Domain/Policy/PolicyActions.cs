namespace Rapport.Domain.Policy;

/// <summary>The actions of <see cref="PolicyMatrix.Default"/>.</summary>
public static class PolicyActions
{
    public const string ScoreLead = "score_lead";
    public const string TrainModel = "train_model";
    public const string ExportForMarketing = "export_for_marketing";
    public const string ShareExternally = "share_externally";
    public const string ReadSharedField = "read_shared_field";
    public const string WriteSharedField = "write_shared_field";
}
