using Rapport.Application.Policy.Evaluate;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.SharedRecords.Purge;
using Rapport.Application.SharedRecords.Show;
using Rapport.Application.SharedRecords.Status;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>Expiry sweep, status views and the consent the policy engine reads, on two real nodes.</summary>
public sealed class ExpiryAndPolicyTests : IAsyncLifetime
{
    private const string BusinessId = "12D3KooWBusiness1111111111111111111111111111111";
    private const string CustomerId = "12D3KooWCustomer2222222222222222222222222222222";
    private static readonly SharedRecordPair Pair = new(BusinessId, CustomerId);

    private SyncNode _business = null!;
    private SyncNode _customer = null!;

    public async Task InitializeAsync()
    {
        _business = await SyncNode.CreateAsync(BusinessId);
        _customer = await SyncNode.CreateAsync(CustomerId);
        _customer.Channel.Deliver = grant => _business.Receive.ExecuteAsync(grant, CustomerId);
    }

    public async Task DisposeAsync()
    {
        await _business.DisposeAsync();
        await _customer.DisposeAsync();
    }

    private void Advance(TimeSpan by)
    {
        _business.Clock.Advance(by);
        _customer.Clock.Advance(by);
    }

    private async Task GrantAsync(TimeSpan duration)
    {
        var fields = new Dictionary<string, FieldAccess> { ["email"] = FieldAccess.View, ["phone"] = FieldAccess.Edit };
        var request = SharingRequest.Create(
            new SharingRequestId(Guid.NewGuid()), BusinessId, CustomerId, fields, ["analytics", "marketing"], duration, "service", _customer.Clock.UtcNow).Value;
        await using (var work = await _customer.Db.Factory.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(request, RequestDirection.Incoming, _customer.Clock.UtcNow);
            await work.CommitAsync();
        }

        Assert.True((await _customer.Accept.ExecuteAsync(new AcceptRequestCommand(request.Id, fields, ["analytics"], "cli"))).Value.Delivered);
        Advance(TimeSpan.FromSeconds(1));
    }

    private async Task SyncToBusinessAsync()
    {
        var hello = (await _business.Sync.OpenAsync(CustomerId)).Value;
        var delta = await _customer.Sync.DeltaSinceAsync(BusinessId, hello.Versions);
        Assert.True((await _business.Sync.ApplyAsync(CustomerId, delta.Value)).IsSuccess);
    }

    [Fact]
    public async Task The_expiry_sweep_purges_once_with_the_expiry_watermark_and_a_regrant_passes_it()
    {
        await _customer.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@example.com", "cli"));
        await GrantAsync(TimeSpan.FromMinutes(10));
        await SyncToBusinessAsync();
        var sweep = new PurgeExpiredGrants(_business.Db.Factory, _business.Identity, _business.Clock, _business.NodeClock);
        Assert.Empty(await sweep.ExecuteAsync());
        var expiredDelta = (await _customer.Sync.DeltaSinceAsync(BusinessId, VersionVector.Empty)).Value;

        Advance(TimeSpan.FromMinutes(10));
        var shown = (await new ShowSharedRecord(_business.Db.Factory, _business.Identity, _business.Clock).ExecuteAsync(CustomerId)).Value;
        Assert.Equal(GrantStatus.Expired, shown.GrantStatus);
        Assert.Empty(shown.Fields);
        Assert.Equal([Pair], await sweep.ExecuteAsync());
        Assert.Empty(await sweep.ExecuteAsync());

        var business = await _business.RecordAsync(Pair);
        Assert.Empty(business.Fields);
        var grantExpiry = _business.Clock.UtcNow.AddMinutes(-10).AddSeconds(1).ToUnixTimeMilliseconds();
        Assert.True(business.PurgeWatermarks["email"].PhysicalMs > grantExpiry + 60_000 - 2_000);
        Assert.Contains(await _business.AuditAsync(), e => e.Action == "sharing.purged" && e.Actor == "system");

        // Re-granted after expiry: the stale delta stays out, the customer's re-assertion gets in.
        await GrantAsync(TimeSpan.FromMinutes(10));
        Assert.True((await _business.Sync.ApplyAsync(CustomerId, expiredDelta)).IsSuccess);
        Assert.Null((await _business.RecordAsync(Pair)).GetField("email"));
        Advance(TimeSpan.FromMinutes(1));
        await SyncToBusinessAsync();
        Assert.Equal("ann@example.com", (await _business.RecordAsync(Pair)).GetField("email"));
    }

    [Fact]
    public async Task Status_and_show_describe_the_relationship_on_both_sides()
    {
        await _customer.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@example.com", "cli"));
        await GrantAsync(TimeSpan.FromDays(30));
        await SyncToBusinessAsync();

        var status = Assert.Single(await new SyncStatus(_business.Db.Factory, _business.Identity, _business.Clock).ExecuteAsync());
        Assert.Equal(new SyncStatusEntry(SharingRole.Business, CustomerId, 1, GrantStatus.Active, status.Versions, status.LastAppliedAt, null), status);
        Assert.NotNull(status.LastAppliedAt);
        var customerStatus = Assert.Single(await new SyncStatus(_customer.Db.Factory, _customer.Identity, _customer.Clock).ExecuteAsync());
        Assert.Equal(SharingRole.Customer, customerStatus.Role);
        Assert.Equal(BusinessId, customerStatus.RemotePeerId);
        Assert.NotNull(customerStatus.LastSentAt);

        var shown = (await new ShowSharedRecord(_business.Db.Factory, _business.Identity, _business.Clock).ExecuteAsync(CustomerId)).Value;
        Assert.Equal("ann@example.com", shown.Fields["email"]);
        Assert.Equal(FieldAccess.Edit, shown.GrantedFields["phone"]);
        Assert.Equal(GrantStatus.Active, shown.GrantStatus);
        Assert.Equal(SyncErrors.NoRelationship, (await new ShowSharedRecord(_business.Db.Factory, _business.Identity, _business.Clock).ExecuteAsync("12D3KooWStranger33333333333333333333333333333")).Error.Code);
    }

    [Fact]
    public async Task The_policy_engine_reads_an_accepted_grant_for_the_platform_native_contact_and_denies_after_revocation()
    {
        var contact = new ContactId(Guid.NewGuid());
        await using (var work = await _business.Db.Factory.BeginAsync())
        {
            var details = ContactDetails.Named(PersonName.Create("Ann").Value) with { PeerId = PeerId.Create(CustomerId).Value };
            await work.Contacts.AddAsync(Contact.Create(contact, details, _business.Clock.UtcNow));
            await work.CommitAsync();
        }

        await GrantAsync(TimeSpan.FromDays(30));
        var evaluate = new EvaluatePolicy(_business.Db.Factory, _business.Clock, PolicyMatrix.Default);
        async Task<Domain.Policy.PolicyDecision> DecideAsync(string action, string? field) =>
            (await evaluate.ExecuteAsync(new EvaluatePolicyCommand(
                action, contact, field is null ? null : Domain.Consent.FieldKey.Parse(field).Value, EnforcementMode.Enforce, "cli"))).Value;

        Assert.True((await DecideAsync(PolicyActions.ScoreLead, null)).Allowed);
        Assert.False((await DecideAsync(PolicyActions.ExportForMarketing, null)).Allowed);
        Assert.True((await DecideAsync(PolicyActions.ReadSharedField, "profile.email")).Allowed);
        Assert.True((await DecideAsync(PolicyActions.WriteSharedField, "profile.phone")).Allowed);
        Assert.False((await DecideAsync(PolicyActions.WriteSharedField, "profile.email")).Allowed);

        Assert.True((await _customer.Revoke.ExecuteAsync(new RevokeGrantCommand(BusinessId, "cli"))).Value.Delivered);

        var score = await DecideAsync(PolicyActions.ScoreLead, null);
        Assert.False(score.Allowed);
        Assert.Contains(ReasonCodes.Revoked, score.Reasons);
        Assert.False((await DecideAsync(PolicyActions.ReadSharedField, "profile.email")).Allowed);
    }

    [Fact]
    public async Task Without_a_contact_for_the_peer_no_consent_is_invented_and_a_note_is_audited()
    {
        await GrantAsync(TimeSpan.FromDays(30));

        Assert.Contains(await _business.AuditAsync(), e => e.Action == "sharing.consent_not_projected");
        await using var work = await _business.Db.Factory.BeginAsync();
        Assert.Empty(await work.Contacts.ListAsync(Application.Contacts.ContactFilter.All));
    }
}
