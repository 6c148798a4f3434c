using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

/// <summary>A randomly generated local operation on one replica.</summary>
internal sealed record Operation(int Replica, int Kind, int Key, int Value, int AdvanceMs)
{
    public static readonly string[] Keys = ["email", "phone", "address.city", "name"];
    public static readonly string[] TagNames = ["vip", "newsletter", "late-payer"];

    /// <summary>Runs the operation; returns the delta to broadcast, or null when the operation did not apply.</summary>
    public SharedRecordDelta? RunOn(Replica replica, ref int interactionSeq)
    {
        replica.WallMs += AdvanceMs;
        var stamp = replica.NextStamp();
        Result<SharedRecordDelta> result = Kind switch
        {
            0 or 1 or 2 => replica.Record.SetField(Keys[Key % Keys.Length], $"v{Value}", stamp),
            3 => replica.Record.ClearField(Keys[Key % Keys.Length], stamp),
            4 or 5 => replica.Record.AddTag(TagNames[Key % TagNames.Length], stamp),
            6 => replica.Record.RemoveTag(TagNames[Key % TagNames.Length], stamp),
            _ => replica.Record.LogInteraction(
                SharedInteraction.Create($"{stamp.NodeId}-{interactionSeq++}", stamp, "call", $"summary {Value}", replica.WallMs).Value),
        };
        return result.IsSuccess ? result.Value : null;
    }
}
