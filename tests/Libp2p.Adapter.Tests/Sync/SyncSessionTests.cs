using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.SharedRecords.Tags;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.SharedRecords;
using Rapport.Libp2p.Identity;
using Rapport.Protocol.Sharing.V1;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;
using HlcTimestamp = Rapport.Domain.SharedRecords.HlcTimestamp;
using VersionVector = Rapport.Domain.SharedRecords.VersionVector;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>
/// Two whole nodes (libp2p on loopback, SQLite files, the real SharedRecordSync) run <c>/rapport/sync/1.0.0</c>
/// (protocol/sharing.md §6): handshake, both directions, live edits, refused edits, revocation first, malformed
/// frames and clock drift.
/// </summary>
public sealed class SyncSessionTests
{
    private static readonly Dictionary<string, DomainAccess> EmailViewPhoneEdit = new() { ["email"] = DomainAccess.View, ["phone"] = DomainAccess.Edit };
    private static readonly Dictionary<string, string> Profile = new() { ["email"] = "ada@example.com", ["phone"] = "+41 111" };

    [Fact]
    public async Task Initial_sync_runs_both_ways_then_live_edits_flow_on_one_session()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        var logged = await business.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(customer.PeerId, "call", "first call", null, "test"));
        Assert.True(logged.IsSuccess, logged.IsFailure ? logged.Error.ToString() : null);

        var synced = await business.Sync.SyncWithAsync(customer.PeerId);
        Assert.True(synced.IsSuccess, synced.IsFailure ? synced.Error.ToString() : null);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com" && r.GetField("phone") == "+41 111", "the customer's fields");
        await customer.WaitForAsync(business.PeerId, r => r.Interactions.Any(i => i.Id == logged.Value && i.Summary == "first call"), "the business's interaction");

        // Live, both ways.
        Assert.True((await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@new.example", "test"))).IsSuccess);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@new.example", "the customer's live edit");
        Assert.True((await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", "+41 222", "test"))).IsSuccess);
        await customer.WaitForAsync(business.PeerId, r => r.GetField("phone") == "+41 222", "the business's edit of an edit field");

        // One session for the pair; every delta answered.
        var status = await business.WaitForStatusAsync(customer.PeerId, s => s.DeltasSent >= 2 && s.DeltasReceived >= 2, "the delta counts");
        Assert.True(status.IsLive);
        Assert.NotNull(status.LastHandshakeAt);
        Assert.Null(status.LastError);
        // One Hello, or two if the connect-time sync of the dialing side started late and crossed ours.
        Assert.InRange(business.Frames.Count(f => f.Sent && f.Message.BodyCase == SyncMessage.BodyOneofCase.Hello), 1, 2);
        Assert.DoesNotContain(business.Frames.Concat(customer.Frames), f => f.Message.BodyCase == SyncMessage.BodyOneofCase.Error && f.Message.Error.Fatal);
        await WaitAsync(() => DeltasAcked(business) && DeltasAcked(customer), "every delta acknowledged");
    }

    [Fact]
    public async Task Tags_written_on_both_sides_converge_and_a_removal_reaches_both()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        var businessTags = business.Get<TagSharedRecord>();
        var customerTags = customer.Get<TagSharedRecord>();
        await business.SyncNowAsync(customer);

        Assert.True((await businessTags.ExecuteAsync(new TagSharedRecordCommand(customer.PeerId, "vip", false, "test"))).IsSuccess);
        Assert.True((await customerTags.ExecuteAsync(new TagSharedRecordCommand(business.PeerId, "prefers-email", false, "test"))).IsSuccess);
        await customer.WaitForAsync(business.PeerId, r => r.Tags.SetEquals(["vip", "prefers-email"]), "both tags on the customer");
        await business.WaitForAsync(customer.PeerId, r => r.Tags.SetEquals(["vip", "prefers-email"]), "both tags on the business");

        Assert.True((await customerTags.ExecuteAsync(new TagSharedRecordCommand(business.PeerId, "vip", true, "test"))).IsSuccess);
        await business.WaitForAsync(customer.PeerId, r => r.Tags.SetEquals(["prefers-email"]), "the removal on the business");
        await customer.WaitForAsync(business.PeerId, r => r.Tags.SetEquals(["prefers-email"]), "the removal on the customer");
    }

    [Fact]
    public async Task Both_sides_syncing_at_once_keep_one_live_session_that_carries_edits()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);

        var both = await Task.WhenAll(business.Sync.SyncWithAsync(customer.PeerId), customer.Sync.SyncWithAsync(business.PeerId));
        Assert.All(both, r => Assert.True(r.IsSuccess, r.IsFailure ? r.Error.ToString() : null));
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com", "the customer's fields");

        // Whichever stream each side dropped, the survivor is the same one on both ends.
        await WaitAsync(() => business.Sync.StatusOf(customer.PeerId)!.IsLive && customer.Sync.StatusOf(business.PeerId)!.IsLive, "both ends live");
        Assert.True((await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@both.example", "test"))).IsSuccess);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@both.example", "an edit on the surviving session");
        Assert.True((await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", "+41 333", "test"))).IsSuccess);
        await customer.WaitForAsync(business.PeerId, r => r.GetField("phone") == "+41 333", "an edit the other way");
    }

    [Fact]
    public async Task Several_syncs_started_at_once_on_each_side_agree_on_one_live_session()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);

        // A grant change and a refused edit can each start a sync before the first one is live; streams opened by
        // one side must not cross on the way and leave each end holding a different one.
        var calls = Enumerable.Range(0, 4).SelectMany(_ => new[] { business.Sync.SyncWithAsync(customer.PeerId), customer.Sync.SyncWithAsync(business.PeerId) });
        var all = await Task.WhenAll(calls);
        Assert.All(all, r => Assert.True(r.IsSuccess, r.IsFailure ? r.Error.ToString() : null));

        await WaitAsync(() => business.Sync.StatusOf(customer.PeerId)!.IsLive && customer.Sync.StatusOf(business.PeerId)!.IsLive, "both ends live");
        Assert.True((await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@many.example", "test"))).IsSuccess);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@many.example", "an edit on the surviving session");
    }

    [Fact]
    public async Task A_session_broken_while_the_connection_stays_is_resumed_by_the_dialing_side_and_writes_made_meanwhile_cross()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        await business.SyncNowAsync(customer);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com", "the initial sync");

        // The side that does not dial restarts its sync service: its session closes, the connection stays, and
        // nothing here changes anything the other side would sync on.
        var (dialer, other) = string.CompareOrdinal(business.PeerId, customer.PeerId) < 0 ? (business, customer) : (customer, business);
        var downFor = TimeSpan.FromMilliseconds(300);
        var restarting = other.RestartSyncAsync(downFor);
        await dialer.WaitForStatusAsync(other.PeerId, s => !s.IsLive, "the broken session");
        Assert.True((await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@meanwhile.example", "test"))).IsSuccess);
        await restarting;

        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@meanwhile.example", "the write made while no session ran");
        await dialer.WaitForStatusAsync(other.PeerId, s => s.IsLive, "the resumed session");
        // The resumer logs once its round returned, which can be just after the session went live.
        var logged = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!dialer.Log.Any(line => line.Contains("resumed after its stream broke", StringComparison.Ordinal)) && DateTime.UtcNow < logged)
        {
            await Task.Delay(20);
        }

        Assert.Contains(dialer.Log, line => line.Contains("resumed after its stream broke", StringComparison.Ordinal));
        Assert.True(business.Host.TryGetConnection(PeerId.Parse(customer.PeerId).Value, out _), "the connection stayed up");
    }

    [Fact]
    public async Task A_revocation_made_while_disconnected_reaches_the_business_first_on_reconnect_and_no_delta_crosses()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        await business.SyncNowAsync(customer);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com", "the customer's fields");

        await SyncNode.PartitionAsync(business, customer);
        var revoked = await customer.Revoke.ExecuteAsync(new RevokeGrantCommand(business.PeerId, "test"));
        Assert.True(revoked.IsSuccess, revoked.IsFailure ? revoked.Error.ToString() : null);
        Assert.False(revoked.Value.Delivered);
        business.Frames.Clear();
        customer.Frames.Clear();

        // Reconnecting starts a session by itself (the side with the lower peer id dials it).
        await SyncNode.HealAsync(business, customer);
        await business.WaitForStatusAsync(customer.PeerId, s => s.LastError?.Code == "CONSENT_REVOKED" && !s.IsLive, "the revocation to end the session");

        SyncNode.AssertOnlyTheRevocationCrossed(business, customer);
        Assert.Contains(business.Frames.Concat(customer.Frames), f => f.Message.BodyCase == SyncMessage.BodyOneofCase.Error && f.Message.Error.Code == "CONSENT_REVOKED" && f.Message.Error.Fatal);

        await using (var work = await business.Store.BeginAsync())
        {
            var held = await work.Sharing.LatestGrantAsync(business.PeerId, customer.PeerId);
            Assert.Equal(2, held!.Grant.Version);
            Assert.NotNull(held.Grant.RevokedAt);
        }

        var record = await business.RecordAsync(customer.PeerId);
        Assert.Null(record!.GetField("email"));
        Assert.Null(record.GetField("phone"));
    }

    [Fact]
    public async Task A_revocation_reaches_a_connected_business_over_the_live_sync_session_when_the_consent_push_cannot()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        await business.SyncNowAsync(customer);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com", "the customer's fields");

        // Only the sync session can carry it now.
        Assert.True(business.Host.Protocols.Unregister(Rapport.Adapters.Libp2p.Sharing.ConsentProtocol.Id));
        var revoked = await customer.Revoke.ExecuteAsync(new RevokeGrantCommand(business.PeerId, "test"));
        Assert.True(revoked.IsSuccess, revoked.IsFailure ? revoked.Error.ToString() : null);
        Assert.False(revoked.Value.Delivered);

        // The issuer signals a change only when a grant re-asserts fields; a new grant version (here a revocation)
        // is a change for the pair too (ISharedRecordChanges), signalled here until the issuer does it itself.
        customer.Changes.Changed(business.PeerId);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") is null && r.GetField("phone") is null, "the purge");
        await using (var work = await business.Store.BeginAsync())
        {
            Assert.NotNull((await work.Sharing.LatestGrantAsync(business.PeerId, customer.PeerId))!.Grant.RevokedAt);
        }

        Assert.Contains(business.Frames, f => !f.Sent && f.Message.BodyCase == SyncMessage.BodyOneofCase.Grant);
        await business.WaitForStatusAsync(customer.PeerId, s => !s.IsLive && s.LastError?.Code == "CONSENT_REVOKED", "the session to end");
    }

    [Fact]
    public async Task A_first_grant_that_has_not_reached_the_business_travels_first_on_the_session_the_customer_opens()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();

        // The business asked; the customer accepted, but the grant is on the customer's node only (as when the
        // customer's session overtakes the consent push): the business answers the Hello as a business awaiting it.
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile, deliverable: false);
        await customer.SyncNowAsync(business);

        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@example.com" && r.GetField("phone") == "+41 111", "the customer's fields");
        await using (var work = await business.Store.BeginAsync())
        {
            Assert.Equal(1, (await work.Sharing.LatestGrantAsync(business.PeerId, customer.PeerId))!.Grant.Version);
            Assert.False(await work.Sharing.AwaitsAnswerFromAsync(customer.PeerId));
        }

        var received = business.Frames.Where(f => !f.Sent).Select(f => f.Message.BodyCase).ToList();
        Assert.Equal([SyncMessage.BodyOneofCase.Hello, SyncMessage.BodyOneofCase.Grant], received.Take(2));
        var hello = business.Frames.First(f => f.Sent && f.Message.BodyCase == SyncMessage.BodyOneofCase.Hello).Message.Hello;
        Assert.Equal(0UL, hello.GrantVersion);
    }

    [Fact]
    public async Task A_malformed_frame_is_answered_PROTO_MALFORMED_fatal_and_nothing_in_it_is_applied()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);

        // The business's host speaks the protocol by hand: Hello, then a Delta whose message does not parse.
        await business.SpeakSyncByHandWithAsync(customer);
        await using var stream = await business.OpenSyncStreamAsync(customer, hello: true);
        Assert.Equal(SyncMessage.BodyOneofCase.Hello, (await SyncFrame.Codec.ReadAsync(stream, CancellationToken.None)).Value.BodyCase);

        // A message kind from a later minor version is answered PROTO_UNSUPPORTED and the session goes on.
        await stream.WriteAsync((byte[])[0x02, 0x4a, 0x00]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var unsupported = await NextErrorAsync(stream, timeout.Token);
        Assert.Equal(WireErrors.Unsupported.Value, unsupported.Code);
        Assert.False(unsupported.Fatal);

        var evil = new SyncMessage
        {
            Delta = new Delta
            {
                Sequence = 1,
                Fields = { new Protocol.Sharing.V1.FieldWrite { Key = "phone", Value = "EVIL", Stamp = new Protocol.Sharing.V1.HlcTimestamp { PhysicalMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), NodeId = business.PeerId } } },
            },
        };
        byte[] payload = [.. evil.ToByteArray(), 0x07];
        await stream.WriteAsync((byte[])[.. Rapport.Domain.Peers.Encoding.UnsignedVarint.Encode((ulong)payload.Length), .. payload]);

        var error = await NextErrorAsync(stream, timeout.Token);
        Assert.Equal(WireErrors.Malformed.Value, error.Code);
        Assert.True(error.Fatal);
        var status = await customer.WaitForStatusAsync(business.PeerId, s => !s.IsLive && s.LastError?.Code == WireErrors.Malformed.Value, "the session to end");
        Assert.Equal(WireErrors.Malformed.Value, status.LastError!.Code);
        Assert.False(status.LastError.FromPeer);
        Assert.NotEqual("EVIL", (await customer.RecordAsync(business.PeerId))?.GetField("phone"));
    }

    [Fact]
    public async Task A_business_write_to_a_view_only_field_is_refused_with_EditRejected_then_acked_and_the_customer_reasserts_its_value()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);

        // The business's host plays a business that ignores its own consent filter (§6.4): it writes `email` (view).
        await business.SpeakSyncByHandWithAsync(customer);
        await using var stream = await business.OpenSyncStreamAsync(customer, hello: true);
        var hello = SyncWire.FromWire((await SyncFrame.Codec.ReadAsync(stream, CancellationToken.None)).Value.Hello).Value;
        var customerClock = hello.Versions.Get(customer.PeerId)!.Value;
        var stamp = new HlcTimestamp(customerClock.PhysicalMs + 1, 0, business.PeerId);
        var write = new Domain.SharedRecords.FieldWrite("email", LwwRegister<string>.Set("hacked", stamp));
        var delta = SyncSamples.Fields([write], VersionVector.Empty, VersionVector.Of(stamp));
        await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Delta = SyncWire.ToWireParts(delta, 1)[0] }, CancellationToken.None);

        var frames = new List<SyncMessage>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!frames.Any(f => f.BodyCase == SyncMessage.BodyOneofCase.Ack) ||
               !frames.Any(f => f.BodyCase == SyncMessage.BodyOneofCase.Delta && f.Delta.Fields.Any(w => w.Key == "email" && w.Stamp.PhysicalMs >= stamp.PhysicalMs)))
        {
            var frame = await SyncFrame.Codec.ReadAsync(stream, timeout.Token);
            Assert.True(frame.IsSuccess, frame.IsFailure ? frame.Error.ToString() : null);
            frames.Add(frame.Value);
        }

        var rejected = frames.FindIndex(f => f.BodyCase == SyncMessage.BodyOneofCase.EditRejected);
        Assert.True(rejected >= 0, string.Join(", ", frames.Select(f => f.BodyCase)));
        Assert.Equal(1UL, frames[rejected].EditRejected.Sequence);
        Assert.Equal(["email"], frames[rejected].EditRejected.FieldKeys);
        Assert.Equal(SyncErrors.EditNotGranted.Value, frames[rejected].EditRejected.Code);
        var ack = frames.FindIndex(f => f.BodyCase == SyncMessage.BodyOneofCase.Ack);
        Assert.True(ack > rejected);
        Assert.Equal(1UL, frames[ack].Ack.Sequence);

        // The re-assertion: the customer's value under a fresh customer stamp above the refused write.
        var reasserted = frames.Last(f => f.BodyCase == SyncMessage.BodyOneofCase.Delta).Delta.Fields.Single(w => w.Key == "email");
        Assert.Equal("ada@example.com", reasserted.Value);
        Assert.Equal(customer.PeerId, reasserted.Stamp.NodeId);
        Assert.True(SyncWire.FromWire(reasserted.Stamp, WireErrors.Malformed, "x").Value > stamp);
        Assert.Equal("ada@example.com", (await customer.RecordAsync(business.PeerId))!.GetField("email"));
    }

    [Fact]
    public async Task A_delta_stamped_beyond_the_drift_bound_is_refused_HLC_DRIFT_and_the_session_goes_on()
    {
        await using var business = await SyncNode.StartAsync(clockOffset: TimeSpan.FromMinutes(5));
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        await business.SyncNowAsync(customer);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("phone") == "+41 111", "the customer's fields");

        Assert.True((await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", "+41 999", "test"))).IsSuccess);
        var status = await business.WaitForStatusAsync(customer.PeerId, s => s.LastError?.Code == "HLC_DRIFT", "the drift refusal");
        Assert.True(status.LastError!.FromPeer);
        Assert.False(status.LastError.Fatal);
        Assert.True(status.IsLive);
        Assert.Equal("+41 111", (await customer.RecordAsync(business.PeerId))!.GetField("phone"));

        // The customer's own edits still flow on the same session.
        Assert.True((await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@later.example", "test"))).IsSuccess);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("email") == "ada@later.example", "a later customer edit");
    }

    private static async Task<SyncError> NextErrorAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await SyncFrame.Codec.ReadAsync(stream, cancellationToken);
            Assert.True(frame.IsSuccess, frame.IsFailure ? frame.Error.ToString() : null);
            if (frame.Value.BodyCase == SyncMessage.BodyOneofCase.Error)
            {
                return frame.Value.Error;
            }
        }
    }

    private static bool DeltasAcked(SyncNode node)
    {
        var frames = node.Frames.ToList();
        var sent = frames.Where(f => f.Sent && f.Message.BodyCase == SyncMessage.BodyOneofCase.Delta).Select(f => f.Message.Delta.Sequence).ToHashSet();
        var acked = frames.Where(f => !f.Sent && f.Message.BodyCase == SyncMessage.BodyOneofCase.Ack).Select(f => f.Message.Ack.Sequence).ToHashSet();
        return sent.IsSubsetOf(acked);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
