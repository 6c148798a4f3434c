using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

/// <summary>A simulated node: its clock, its wall time and its replica of the shared record.</summary>
internal sealed class Replica
{
    public Replica(string nodeId, long startMs)
    {
        Clock = new HybridLogicalClock(nodeId);
        Record = SharedRecord.Create(nodeId);
        WallMs = startMs;
    }

    public HybridLogicalClock Clock { get; }
    public SharedRecord Record { get; }
    public long WallMs { get; set; }

    /// <summary>A fresh stamp above everything the replica has seen, as a real node's clock would give.</summary>
    public HlcTimestamp NextStamp()
    {
        // Simulated wall clocks stay within the drift bound of each other, as real synchronised clocks would.
        if (Record.LatestStamp is { } seen && seen.PhysicalMs > WallMs)
        {
            WallMs = seen.PhysicalMs;
        }

        var stamp = Clock.Now(WallMs);
        if (Record.LatestStamp is { } latest && stamp <= latest)
        {
            stamp = Clock.Receive(latest, WallMs).Value;
        }

        return stamp;
    }
}
