using Rapport.Application.Audit.Verify;
using Rapport.Application.Common;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>What a receiving node's audit log says about a peer's refused input, and whether its chain still verifies.</summary>
internal static class NodeAudit
{
    public static async Task<IReadOnlyList<AuditEvent>> EventsAsync(IUnitOfWorkFactory store)
    {
        await using var work = await store.BeginAsync();
        var events = new List<AuditEvent>();
        await foreach (var entry in work.Audit.ReadAllAsync())
        {
            events.Add(entry.Event);
        }

        return events;
    }

    /// <summary>Polls (20 s at most) for an entry by <paramref name="peerId"/> with <paramref name="code"/>; returns it.</summary>
    public static async Task<AuditEvent> RefusalAsync(IUnitOfWorkFactory store, string peerId, string code, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var events = await EventsAsync(store);
            if (events.FirstOrDefault(e => Names(e, peerId, code) && e.Action == action) is { } found)
            {
                return found;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"no {action} entry for peer {peerId} with code {code}; log: {string.Join(" | ", events.Select(e => $"{e.Action} {e.Actor} {e.Detail}"))}");
            await Task.Delay(20);
        }
    }

    public static bool Names(AuditEvent e, string peerId, string code) =>
        e.Actor == $"peer:{peerId}" && $"{e.Detail} ".Contains($"code={code} ", StringComparison.Ordinal);

    /// <summary>The node's own audit verification (its chain, and the signed head it keeps beside it) passes.</summary>
    public static async Task AssertChainVerifiesAsync(VerifyAuditLog verify)
    {
        var verified = await verify.ExecuteAsync();
        Assert.True(verified.IsSuccess, verified.IsFailure ? verified.Error.ToString() : null);
        Assert.True(verified.Value.Entries > 0);
    }
}
