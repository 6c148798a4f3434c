using Rapport.Application.Audit.Verify;
using Rapport.Application.Contacts;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.SharedRecords.Show;
using Rapport.Domain.Audit;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// Every use of a shared record — a delta sent, a delta received, the business's show and edit — is the gate's decision
/// on the pair's grant, written as one entry per use that lists the fields, on two real SQLite nodes.
/// </summary>
public sealed class SharedRecordGateTests : SyncPairTest
{
    private static readonly Dictionary<string, AccessLevel> Granted = new()
    {
        ["email"] = AccessLevel.View,
        ["phone"] = AccessLevel.Edit,
        ["address.city"] = AccessLevel.View,
    };

    private async Task ShareAsync()
    {
        foreach (var (key, value) in new[] { ("email", "ann@example.com"), ("phone", "555-0100"), ("address.city", "Ghent") })
        {
            Assert.True((await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand(key, value, "cli"))).IsSuccess);
        }

        await GrantAsync(Granted);

        // The customer's own record may hold a field the grant does not share: it must never travel.
        Assert.True((await CustomerNode.Edit.ExecuteAsync(new EditSharedFieldCommand(BusinessId, "salary", "secret", "cli"))).IsSuccess);
    }

    private static async Task<IReadOnlyList<AuditEvent>> DecisionsAsync(SyncNode node, string action) =>
        [.. (await node.AuditAsync()).Where(e => e.Action == PolicyAuditEvents.DecidedSharedRecord && e.Detail.StartsWith($"action={action} ", StringComparison.Ordinal))];

    private static string Snapshot(AuditEvent entry) =>
        entry.Detail.Split('\n')[0].Split(' ').Single(part => part.StartsWith("snapshot=", StringComparison.Ordinal));

    [Fact]
    public async Task A_sync_round_writes_one_decision_per_delta_that_lists_its_fields_and_both_nodes_cite_the_same_snapshot()
    {
        await ShareAsync();

        var (atBusiness, _) = await SyncAsync();

        Assert.True(atBusiness.IsSuccess);
        var sent = Assert.Single(await DecisionsAsync(CustomerNode, PolicyActions.SendSharedRecord));
        var lines = sent.Detail.Split('\n');
        Assert.Contains($"field_action={PolicyActions.ReadSharedField} verdict=allow", lines[0], StringComparison.Ordinal);
        Assert.Contains("fields=4 allowed=3", lines[0], StringComparison.Ordinal);
        Assert.Equal(["address.city allow -", "email allow -", "phone allow -", $"salary deny {ReasonCode.FieldNotShared.Code}"], lines[1..].Order(StringComparer.Ordinal));
        Assert.Equal($"peer:{BusinessId}", sent.Actor);
        Assert.Equal($"sharing:{BusinessId}/{CustomerId}", sent.Subject);

        var received = Assert.Single(await DecisionsAsync(BusinessNode, PolicyActions.ReceiveSharedRecord));
        Assert.Contains("fields=3 allowed=3", received.Detail, StringComparison.Ordinal);
        Assert.Equal(Snapshot(sent), Snapshot(received));
        Assert.Equal(["address.city", "email", "phone"], (await BusinessNode.RecordAsync(Pair)).Fields.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await BusinessNode.AuditAsync(), e => e.Detail.Contains("secret", StringComparison.Ordinal) || e.Detail.Contains("Ghent", StringComparison.Ordinal));

        // A round with nothing new uses nothing and writes nothing.
        await SyncAsync();
        Assert.Single(await DecisionsAsync(CustomerNode, PolicyActions.SendSharedRecord));
        Assert.Single(await DecisionsAsync(BusinessNode, PolicyActions.ReceiveSharedRecord));
    }

    [Fact]
    public async Task The_business_edit_is_decided_per_field_and_a_denial_writes_nothing_but_the_decision()
    {
        await ShareAsync();
        await SyncAsync();

        var refused = await BusinessNode.Edit.ExecuteAsync(new EditSharedFieldCommand(CustomerId, "email", "forged@example.org", "cli"));
        var accepted = await BusinessNode.Edit.ExecuteAsync(new EditSharedFieldCommand(CustomerId, "phone", "555-0199", "cli"));

        Assert.Equal(SyncErrors.EditNotGranted, refused.Error.Code);
        Assert.Contains(ReasonCode.FieldNotEditable.Code, refused.Error.Message, StringComparison.Ordinal);
        Assert.True(accepted.IsSuccess);
        var edits = await DecisionsAsync(BusinessNode, PolicyActions.EditSharedRecord);
        Assert.Equal(2, edits.Count);
        Assert.EndsWith($"\nemail deny {ReasonCode.FieldNotEditable.Code}", edits[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith("\nphone allow -", edits[1].Detail, StringComparison.Ordinal);
        Assert.Equal("ann@example.com", (await BusinessNode.RecordAsync(Pair)).GetField("email"));
    }

    [Fact]
    public async Task The_business_show_is_decided_under_its_contact_and_an_expired_grant_shows_no_field()
    {
        await ShareAsync();
        await SyncAsync();
        var contact = await LinkContactAsync();
        var show = BusinessNode.Get<ShowSharedRecord>();

        var shown = await show.ExecuteAsync(CustomerId, "cli");
        BusinessNode.Clock.Advance(TimeSpan.FromDays(31));
        var expired = await show.ExecuteAsync(CustomerId, "cli");

        Assert.Equal(["address.city", "email", "phone"], shown.Value.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(expired.Value.Fields);
        var decisions = await DecisionsAsync(BusinessNode, PolicyActions.ShowSharedRecord);
        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(contact.ToString(), d.ContactId));
        Assert.Contains("verdict=allow", decisions[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"verdict=deny mode=enforce reasons=CONSENT_SHARED_RECORD_MISSING,{ReasonCode.Expired.Code}", decisions[1].Detail, StringComparison.Ordinal);
        Assert.True((await BusinessNode.Get<VerifyAuditLog>().ExecuteAsync()).IsSuccess);
    }

    [Fact]
    public async Task After_a_revocation_the_customer_sends_nothing_and_the_refusal_is_a_decision()
    {
        await ShareAsync();
        await SyncAsync();
        Assert.True((await CustomerNode.Revoke.ExecuteAsync(new Application.Sharing.Revoke.RevokeGrantCommand(BusinessId, "cli"))).IsSuccess);
        Assert.True((await CustomerNode.Profile.ExecuteAsync(new UpdateProfileCommand("email", "new@example.com", "cli"))).IsSuccess);

        var delta = await CustomerNode.Sync.DeltaSinceAsync(BusinessId, Domain.SharedRecords.VersionVector.Empty);

        Assert.Equal(SharingErrors.Revoked, delta.Error.Code);
        var refusal = (await DecisionsAsync(CustomerNode, PolicyActions.SendSharedRecord))[^1];
        Assert.Contains($"verdict=deny mode=enforce reasons=CONSENT_SHARED_RECORD_MISSING,{ReasonCode.Revoked.Code}", refusal.Detail, StringComparison.Ordinal);
        Assert.True((await CustomerNode.Get<VerifyAuditLog>().ExecuteAsync()).IsSuccess);
    }

    private async Task<ContactId> LinkContactAsync()
    {
        var details = new ContactInput("Ann", PeerId: CustomerId).Validate().Value;
        var contact = Contact.Create(new ContactId(Guid.CreateVersion7()), details, BusinessNode.Clock.UtcNow);
        await using var work = await BusinessNode.Store.BeginAsync();
        await work.Contacts.AddAsync(contact);
        await work.CommitAsync();
        return contact.Id;
    }
}
