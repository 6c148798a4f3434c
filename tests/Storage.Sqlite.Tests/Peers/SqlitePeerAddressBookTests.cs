using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Peers;

public sealed class SqlitePeerAddressBookTests
{
    private const string Peer = "12D3KooWJySnE2w43FrVUeZp39eduAV6Kz7gizceidUGVeP9qNWx";
    private const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    private const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Addresses_accumulate_without_duplicates_and_failures_reset_on_connect()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Peers.RememberAsync(Peer, "/ip4/127.0.0.1/tcp/4001/p2p/" + Peer, T0);
            await work.Peers.RememberAsync(Peer, "/ip4/127.0.0.1/tcp/4001/p2p/" + Peer, T0.AddSeconds(1));
            await work.Peers.RememberAsync(Peer, "/ip4/10.0.0.2/tcp/4001/p2p/" + Peer, T0.AddSeconds(2));
            await work.Peers.RecordFailureAsync(Peer, T0.AddSeconds(3));
            await work.Peers.RecordFailureAsync(Peer, T0.AddSeconds(4));
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            var known = await work.Peers.FindAsync(Peer);
            Assert.NotNull(known);
            Assert.Equal(["/ip4/127.0.0.1/tcp/4001/p2p/" + Peer, "/ip4/10.0.0.2/tcp/4001/p2p/" + Peer], known.Addresses);
            Assert.Equal(2, known.ConsecutiveFailures);
            Assert.Equal(T0.AddSeconds(4), known.LastFailureAt);
            Assert.Null(known.LastConnectedAt);
            Assert.Equal(T0, known.FirstSeenAt);

            await work.Peers.RecordConnectedAsync(Peer, T0.AddSeconds(5));
            await work.Peers.RecordConnectedAsync("12D3KooWOther", T0.AddSeconds(6));
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            var all = await work.Peers.ListAsync();
            Assert.Equal(new[] { "12D3KooWOther", Peer }.Order(StringComparer.Ordinal), all.Select(p => p.PeerId).Order(StringComparer.Ordinal));
            var peer = all.Single(p => p.PeerId == Peer);
            Assert.Equal(0, peer.ConsecutiveFailures);
            Assert.Equal(T0.AddSeconds(5), peer.LastConnectedAt);
            Assert.Empty(all.Single(p => p.PeerId != Peer).Addresses);
            Assert.Null(await work.Peers.FindAsync("12D3KooWNobody"));
        }
    }

    [Fact]
    public async Task Undelivered_grants_are_the_newest_versions_without_a_receipt()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var work = await db.Factory.BeginAsync())
        {
            Assert.Equal(Rapport.Domain.Common.Result.Ok(), await work.Sharing.AddGrantAsync(Signed(1), T0));
            await work.Sharing.AddReceiptAsync(Business, Customer, Receipt(1), default);
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            Assert.Empty(await work.Sharing.UndeliveredGrantsAsync(Customer));
            await work.Sharing.AddGrantAsync(Signed(2), T0);
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            var pending = Assert.Single(await work.Sharing.UndeliveredGrantsAsync(Customer));
            Assert.Equal(2, pending.Grant.Version);
            Assert.Empty(await work.Sharing.UndeliveredGrantsAsync(Business));
            Assert.Equal(2, Assert.Single(await work.Sharing.LatestGrantsAsync()).Grant.Version);
            await work.Sharing.AddReceiptAsync(Business, Customer, Receipt(2), default);
            await work.CommitAsync();
        }

        await using (var check = await db.Factory.BeginAsync())
        {
            Assert.Empty(await check.Sharing.UndeliveredGrantsAsync(Customer));
        }
    }

    private static GrantReceipt Receipt(long version) => new(new byte[32], version, T0, new byte[64], [8, 1, 18, 32, .. new byte[32]]);

    private static SignedConsentGrant Signed(long version)
    {
        var grant = SharingGrant.Create(
            Business, Customer, null, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View },
            new Dictionary<string, bool> { ["support"] = true }, T0, T0.AddDays(30), T0.AddMinutes(version), null, version).Value;
        return SignedConsentGrant.Create(grant, Enumerable.Repeat((byte)version, 64).ToArray(), [8, 1, 18, 32, .. new byte[32]]).Value;
    }
}
