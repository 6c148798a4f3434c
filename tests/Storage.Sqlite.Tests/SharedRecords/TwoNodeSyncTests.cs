using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// Two real SharedRecordSync instances, each on its own SQLite file, exchanging Hello/grant/Delta the way the wire
/// adapter will (protocol/sharing.md §6.2), in memory.
/// </summary>
public sealed class TwoNodeSyncTests : SyncPairTest
{
    private static readonly Dictionary<string, AccessLevel> Granted = new()
    {
        ["email"] = AccessLevel.View,
        ["phone"] = AccessLevel.Edit,
        ["city"] = AccessLevel.View,
    };

    private async Task SetUpSharingAsync()
    {
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@example.com", "cli"));
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("phone", "555-0100", "cli"));
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("city", "Ghent", "cli"));
        await GrantAsync(Granted);
        Assert.True((await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("salary", "secret", "cli"))).IsSuccess);
    }

    [Fact]
    public async Task Replicas_converge_both_ways_and_the_business_receives_only_granted_fields()
    {
        await SetUpSharingAsync();
        Assert.True((await BusinessNode.Log.ExecuteAsync(new LogSharedInteractionCommand(CustomerId, "call", "asked about delivery", null, "cli"))).IsSuccess);
        Assert.True((await CustomerNode.Log.ExecuteAsync(new LogSharedInteractionCommand(BusinessId, "visit", "came to the shop", null, "cli"))).IsSuccess);

        var (atBusiness, atCustomer) = await SyncAsync();

        Assert.True(atBusiness.IsSuccess && atCustomer.IsSuccess);
        var business = await BusinessNode.RecordAsync(Pair);
        var customer = await CustomerNode.RecordAsync(Pair);
        Assert.Equal(new Dictionary<string, string> { ["city"] = "Ghent", ["email"] = "ann@example.com", ["phone"] = "555-0100" }, business.Fields);
        Assert.Equal("secret", customer.GetField("salary"));
        Assert.Equal(2, business.Interactions.Count);
        Assert.Equal(business.Interactions, customer.Interactions);
        Assert.Equal(business.Versions, customer.Versions);

        // A second round carries nothing new.
        var again = await CustomerNode.Sync.DeltaSinceAsync(BusinessId, (await BusinessNode.Sync.OpenAsync(CustomerId)).Value.Versions);
        Assert.True(again.Value.IsEmpty);
    }

    [Fact]
    public async Task A_business_edit_of_an_edit_field_reaches_the_customer_and_its_profile_while_view_fields_are_refused_before_writing()
    {
        await SetUpSharingAsync();
        await SyncAsync();

        Assert.True((await BusinessNode.Edit.ExecuteAsync(new EditSharedFieldCommand(CustomerId, "phone", "555-0199", "cli"))).IsSuccess);
        var refused = await BusinessNode.Edit.ExecuteAsync(new EditSharedFieldCommand(CustomerId, "email", "other@example.com", "cli"));
        await SyncAsync();

        Assert.Equal(SyncErrors.EditNotGranted, refused.Error.Code);
        Assert.Equal("ann@example.com", (await BusinessNode.RecordAsync(Pair)).GetField("email"));
        Assert.Equal("555-0199", (await CustomerNode.RecordAsync(Pair)).GetField("phone"));
        await using var work = await CustomerNode.Store.BeginAsync();
        Assert.Equal("555-0199", await work.Profile.FindAsync("phone"));
        Assert.Contains(await BusinessNode.AuditAsync(), e => e.Action == "sync.edit_rejected" && e.Detail.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_business_write_to_a_view_field_is_rejected_by_the_customer_and_both_converge_to_the_customers_value()
    {
        await SetUpSharingAsync();
        await SyncAsync();

        // A misbehaving business wrote a view-only field into its own replica (bypassing EditSharedField).
        var business = await BusinessNode.RecordAsync(Pair);
        var forged = business.SetField("email", "forged@example.com", BusinessNode.NodeClock.Now(business)).Value;
        var applied = await CustomerNode.Sync.ApplyAsync(BusinessId, forged);
        await BusinessNode.Sync.ApplyAsync(CustomerId, forged);
        Assert.Equal("forged@example.com", (await BusinessNode.RecordAsync(Pair)).GetField("email"));

        Assert.Equal(["email"], applied.Value.RejectedFields);
        Assert.Equal("ann@example.com", (await CustomerNode.RecordAsync(Pair)).GetField("email"));
        Assert.Contains(await CustomerNode.AuditAsync(), e => e.Action == "sync.edit_rejected" && e.Detail.Contains(SyncErrors.EditNotGranted.Value, StringComparison.Ordinal));

        await SyncAsync();
        Assert.Equal("ann@example.com", (await BusinessNode.RecordAsync(Pair)).GetField("email"));
        Assert.Equal("ann@example.com", (await CustomerNode.RecordAsync(Pair)).GetField("email"));
    }

    [Fact]
    public async Task A_delta_stamped_beyond_the_drift_bound_is_refused_whole_audited_and_leaves_the_clock_alone()
    {
        await SetUpSharingAsync();
        await SyncAsync();
        var before = await BusinessNode.RecordAsync(Pair);
        var ahead = SharedRecord.Create(CustomerId);
        var future = new HlcTimestamp(CustomerNode.Clock.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds(), 0, CustomerId);
        var delta = ahead.SetField("city", "Antwerp", future).Value;

        var applied = await BusinessNode.Sync.ApplyAsync(CustomerId, delta);

        Assert.Equal(SharedRecordErrors.HlcDrift, applied.Error.Code);
        Assert.True(before.StateEquals(await BusinessNode.RecordAsync(Pair)));
        Assert.True(BusinessNode.NodeClock.Now() < future);
        Assert.Contains(await BusinessNode.AuditAsync(), e => e.Action == "sync.delta_rejected" && e.Detail.Contains(SharedRecordErrors.HlcDrift.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_delta_is_refused_and_audited()
    {
        await SetUpSharingAsync();
        var stranger = SharedRecord.Create("12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5");
        var delta = stranger.SetField("city", "Nowhere", new HlcTimestamp(1, 0, "12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5")).Value;

        var applied = await BusinessNode.Sync.ApplyAsync(CustomerId, delta);

        Assert.Equal(SharedRecordErrors.InvalidDelta, applied.Error.Code);
        Assert.Contains(await BusinessNode.AuditAsync(), e => e.Action == "sync.delta_rejected");
    }

    [Fact]
    public async Task A_revocation_delivered_on_sync_purges_the_business_copy_and_an_old_delta_cannot_resurrect_it()
    {
        await SetUpSharingAsync();
        await SyncAsync();
        var oldDelta = (await CustomerNode.Sync.DeltaSinceAsync(BusinessId, VersionVector.Empty)).Value;

        // The customer revokes while the business is unreachable; the revocation goes first on the next sync.
        CustomerNode.Channel.Deliver = null;
        var revoked = await CustomerNode.Revoke.ExecuteAsync(new RevokeGrantCommand(BusinessId, "cli"));
        Assert.False(revoked.Value.Delivered);
        Tick();
        var (atBusiness, atCustomer) = await SyncAsync();

        Assert.Equal(SharingErrors.Revoked, atBusiness.Error.Code);
        Assert.Equal(SharingErrors.Revoked, atCustomer.Error.Code);
        var business = await BusinessNode.RecordAsync(Pair);
        Assert.Empty(business.Fields);
        Assert.Equal(["city", "email", "phone"], business.PurgeWatermarks.Keys);
        var purged = Assert.Single(await BusinessNode.AuditAsync(), e => e.Action == "sharing.purged");
        Assert.Contains("fields=city,email,phone", purged.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@example.com", purged.Detail, StringComparison.Ordinal);
        Assert.Equal(SharingErrors.Revoked, (await BusinessNode.Sync.ApplyAsync(CustomerId, oldDelta)).Error.Code);

        // A new grant for email only: the replayed old delta still cannot bring any old value back…
        CustomerNode.Channel.Deliver = grant => BusinessNode.Receive.ExecuteAsync(grant, CustomerId);
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@new.example.com", "cli"));
        await GrantAsync(new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View });
        Assert.True((await BusinessNode.Sync.ApplyAsync(CustomerId, oldDelta)).IsSuccess);
        Assert.Empty((await BusinessNode.RecordAsync(Pair)).Fields);

        // …while the customer's re-assertion under the new grant passes the watermark.
        await SyncAsync();
        Assert.Equal(new Dictionary<string, string> { ["email"] = "ann@new.example.com" }, (await BusinessNode.RecordAsync(Pair)).Fields);
    }
}
