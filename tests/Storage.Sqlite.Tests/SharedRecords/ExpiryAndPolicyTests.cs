using Rapport.Application.Contacts;
using Rapport.Application.Policy.Evaluate;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.SharedRecords.Purge;
using Rapport.Application.SharedRecords.Show;
using Rapport.Application.SharedRecords.Status;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>Expiry sweep, status views and the consent the policy engine reads, on two real nodes.</summary>
public sealed class ExpiryAndPolicyTests : SyncPairTest
{
    private void Advance(TimeSpan by)
    {
        BusinessNode.Clock.Advance(by);
        CustomerNode.Clock.Advance(by);
    }

    private async Task GrantAsync(TimeSpan duration)
    {
        var fields = new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit };
        var request = SharingRequest.Create(
            new SharingRequestId(Guid.NewGuid()), BusinessId, CustomerId, fields, ["analytics", "marketing"], duration, "service", CustomerNode.Clock.UtcNow).Value;
        await using (var work = await CustomerNode.Store.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(request, RequestDirection.Incoming, CustomerNode.Clock.UtcNow);
            await work.CommitAsync();
        }

        Assert.True((await CustomerNode.Accept.ExecuteAsync(new AcceptRequestCommand(request.Id, fields, ["analytics"], "cli"))).Value.Delivered);
        Advance(TimeSpan.FromSeconds(1));
    }

    private async Task SyncToBusinessAsync()
    {
        var hello = (await BusinessNode.Sync.OpenAsync(CustomerId)).Value;
        var delta = await CustomerNode.Sync.DeltaSinceAsync(BusinessId, hello.Versions);
        Assert.True((await BusinessNode.Sync.ApplyAsync(CustomerId, delta.Value)).IsSuccess);
    }

    [Fact]
    public async Task The_expiry_sweep_purges_once_with_the_expiry_watermark_and_a_regrant_passes_it()
    {
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@example.com", "cli"));
        await GrantAsync(TimeSpan.FromMinutes(10));
        await SyncToBusinessAsync();
        var sweep = BusinessNode.Get<PurgeExpiredGrants>();
        Assert.Empty(await sweep.ExecuteAsync());
        var expiredDelta = (await CustomerNode.Sync.DeltaSinceAsync(BusinessId, VersionVector.Empty)).Value;

        Advance(TimeSpan.FromMinutes(10));
        var shown = (await BusinessNode.Get<ShowSharedRecord>().ExecuteAsync(CustomerId)).Value;
        Assert.Equal(ConsentStatus.Expired, shown.GrantStatus);
        Assert.Empty(shown.Fields);
        Assert.Equal([Pair], await sweep.ExecuteAsync());
        Assert.Empty(await sweep.ExecuteAsync());

        var business = await BusinessNode.RecordAsync(Pair);
        Assert.Empty(business.Fields);
        var grantExpiry = BusinessNode.Clock.UtcNow.AddMinutes(-10).AddSeconds(1).ToUnixTimeMilliseconds();
        Assert.True(business.PurgeWatermarks["email"].PhysicalMs > grantExpiry + 60_000 - 2_000);
        Assert.Contains(await BusinessNode.AuditAsync(), e => e.Action == "sharing.purged" && e.Actor == "system");

        // Re-granted after expiry: the stale delta stays out, the customer's re-assertion gets in.
        await GrantAsync(TimeSpan.FromMinutes(10));
        Assert.True((await BusinessNode.Sync.ApplyAsync(CustomerId, expiredDelta)).IsSuccess);
        Assert.Null((await BusinessNode.RecordAsync(Pair)).GetField("email"));
        Advance(TimeSpan.FromMinutes(1));
        await SyncToBusinessAsync();
        Assert.Equal("ann@example.com", (await BusinessNode.RecordAsync(Pair)).GetField("email"));
    }

    [Fact]
    public async Task Status_and_show_describe_the_relationship_on_both_sides()
    {
        await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("email", "ann@example.com", "cli"));
        await GrantAsync(TimeSpan.FromDays(30));
        await SyncToBusinessAsync();

        var status = Assert.Single(await BusinessNode.Get<SyncStatus>().ExecuteAsync());
        Assert.Equal(new SyncStatusEntry(SharingRole.Business, CustomerId, 1, ConsentStatus.Granted, status.Versions, status.LastAppliedAt, null), status);
        Assert.NotNull(status.LastAppliedAt);
        var customerStatus = Assert.Single(await CustomerNode.Get<SyncStatus>().ExecuteAsync());
        Assert.Equal(SharingRole.Customer, customerStatus.Role);
        Assert.Equal(BusinessId, customerStatus.RemotePeerId);
        Assert.NotNull(customerStatus.LastSentAt);

        var shown = (await BusinessNode.Get<ShowSharedRecord>().ExecuteAsync(CustomerId)).Value;
        Assert.Equal("ann@example.com", shown.Fields["email"]);
        Assert.Equal(AccessLevel.Edit, shown.GrantedFields["phone"]);
        Assert.Equal(ConsentStatus.Granted, shown.GrantStatus);
        Assert.Equal(SyncErrors.NoRelationship, (await BusinessNode.Get<ShowSharedRecord>().ExecuteAsync("12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5")).Error.Code);
    }

    [Fact]
    public async Task The_policy_engine_reads_an_accepted_grant_for_the_platform_native_contact_and_denies_after_revocation()
    {
        var contact = new ContactId(Guid.NewGuid());
        await using (var work = await BusinessNode.Store.BeginAsync())
        {
            var details = ContactDetails.Named(PersonName.Create("Ann").Value) with { PeerId = Domain.Peers.PeerId.Parse(CustomerId).Value };
            await work.Contacts.AddAsync(Contact.Create(contact, details, BusinessNode.Clock.UtcNow));
            await work.CommitAsync();
        }

        await GrantAsync(TimeSpan.FromDays(30));
        var evaluate = BusinessNode.Get<EvaluatePolicy>();
        async Task<Domain.Policy.PolicyDecision> DecideAsync(string action, string? field) =>
            (await evaluate.ExecuteAsync(new EvaluatePolicyCommand(
                action, contact, field is null ? null : Domain.Consent.FieldKey.Parse(field).Value, EnforcementMode.Enforce, "cli"))).Value;

        Assert.True((await DecideAsync(PolicyActions.ScoreLead, null)).Allowed);
        Assert.False((await DecideAsync(PolicyActions.ExportForMarketing, null)).Allowed);
        Assert.True((await DecideAsync(PolicyActions.ReadSharedField, "email")).Allowed);
        Assert.True((await DecideAsync(PolicyActions.WriteSharedField, "phone")).Allowed);
        Assert.False((await DecideAsync(PolicyActions.WriteSharedField, "email")).Allowed);

        Assert.True((await CustomerNode.Revoke.ExecuteAsync(new RevokeGrantCommand(BusinessId, "cli"))).Value.Delivered);

        var score = await DecideAsync(PolicyActions.ScoreLead, null);
        Assert.False(score.Allowed);
        Assert.Contains(ReasonCode.Revoked.Code, score.Reasons.Select(r => r.Code));
        Assert.False((await DecideAsync(PolicyActions.ReadSharedField, "email")).Allowed);
    }

    [Fact]
    public async Task Without_a_contact_for_the_peer_no_consent_is_invented_and_a_note_is_audited()
    {
        await GrantAsync(TimeSpan.FromDays(30));

        Assert.Contains(await BusinessNode.AuditAsync(), e => e.Action == "sharing.consent_not_projected");
        await using var work = await BusinessNode.Store.BeginAsync();
        Assert.Empty(await work.Contacts.ListAsync(Application.Contacts.ContactFilter.All));
    }

    [Fact]
    public async Task A_contact_added_after_the_grant_gets_the_grants_consent_when_created_or_imported()
    {
        await GrantAsync(TimeSpan.FromDays(30));
        var evaluate = BusinessNode.Get<EvaluatePolicy>();
        async Task<bool> AllowedAsync(ContactId contact, string action, string? field) =>
            (await evaluate.ExecuteAsync(new EvaluatePolicyCommand(
                action, contact, field is null ? null : Domain.Consent.FieldKey.Parse(field).Value, EnforcementMode.Enforce, "cli"))).Value.Allowed;

        var created = await BusinessNode.Get<CreateContact>().ExecuteAsync(new ContactInput("Ann", Email: "ann@first.example", PeerId: CustomerId));
        Assert.True(created.IsSuccess, created.IsFailure ? created.Error.ToString() : null);
        Assert.True(await AllowedAsync(created.Value.Id, PolicyActions.ScoreLead, null));
        Assert.True(await AllowedAsync(created.Value.Id, PolicyActions.ReadSharedField, "email"));
        Assert.False(await AllowedAsync(created.Value.Id, PolicyActions.ExportForMarketing, null));

        // Deleted and imported again from a CSV file: the same consent, recorded once more for the new contact only.
        Assert.True((await BusinessNode.Get<DeleteContact>().ExecuteAsync(created.Value.Id)).IsSuccess);
        var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"name,email,peer_id\nAnn,ann@example.com,{CustomerId}\nBob,bob@example.com,\n"));
        var imported = await BusinessNode.Get<ImportContactsCsv>().ExecuteAsync(csv, skipInvalid: false);
        Assert.True(imported.IsSuccess && imported.Value.Committed, imported.IsFailure ? imported.Error.ToString() : string.Join("; ", imported.Value.Rejected));
        IReadOnlyList<Contact> contacts;
        await using (var work = await BusinessNode.Store.BeginAsync())
        {
            contacts = await work.Contacts.ListAsync(ContactFilter.All);
        }

        var ann = Assert.Single(contacts, c => c.PeerId is not null);
        Assert.True(await AllowedAsync(ann.Id, PolicyActions.ScoreLead, null));
        Assert.True(await AllowedAsync(ann.Id, PolicyActions.WriteSharedField, "phone"));
        var bob = Assert.Single(contacts, c => c.PeerId is null);
        Assert.False(await AllowedAsync(bob.Id, PolicyActions.ScoreLead, null));
    }
}
