using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Adapters.Libp2p.Tests.Sharing;
using Rapport.Application.Audit.Verify;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Peers.Encoding;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Protocol.Sharing.V1;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;
using DomainFieldWrite = Rapport.Domain.SharedRecords.FieldWrite;
using HlcTimestamp = Rapport.Domain.SharedRecords.HlcTimestamp;
using VersionVector = Rapport.Domain.SharedRecords.VersionVector;
using WireGrant = Rapport.Protocol.Sharing.V1.SignedConsentGrant;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>
/// Issue §9 on <c>/rapport/sync/1.0.0</c>, two real nodes (libp2p on loopback, SQLite files, the real
/// SharedRecordSync): one node's host speaks the protocol by hand with bad input; the other answers with the spec's
/// code, audits the refusal under the sending peer, keeps its audit chain verifiable and its stored grants and shared
/// record as they were.
/// </summary>
public sealed class SyncBadInputTests
{
    private const string MessageRefused = "sync.message_refused";
    private static readonly Dictionary<string, DomainAccess> EmailViewPhoneEdit = new() { ["email"] = DomainAccess.View, ["phone"] = DomainAccess.Edit };
    private static readonly Dictionary<string, string> Profile = new() { ["email"] = "ada@example.com", ["phone"] = "+41 111", ["address"] = "1 Main St" };

    public enum BadFrame
    {
        RandomBytesAfterValidLength,
        RandomBytesInsteadOfHello,
        TruncatedFrame,
        OversizedLength,
    }

    [Theory]
    [InlineData(BadFrame.RandomBytesAfterValidLength, "PROTO_MALFORMED")]
    [InlineData(BadFrame.RandomBytesInsteadOfHello, "PROTO_MALFORMED")]
    [InlineData(BadFrame.TruncatedFrame, "PROTO_MALFORMED")]
    [InlineData(BadFrame.OversizedLength, "SYNC_FRAME_TOO_LARGE")]
    public async Task A_malformed_frame_is_answered_fatal_with_its_code_audited_and_nothing_stored_changes(BadFrame kind, string code)
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        var before = await SnapshotAsync(customer, business.PeerId);

        await business.SpeakSyncByHandWithAsync(customer);
        var stream = await business.OpenSyncStreamAsync(customer, hello: kind != BadFrame.RandomBytesInsteadOfHello);
        await using (stream)
        {
            await stream.WriteAsync(Garbage(kind));
            if (kind == BadFrame.TruncatedFrame)
            {
                await ((IHalfClosableStream)stream).CloseWriteAsync();
            }

            var error = await NextAsync(stream, SyncMessage.BodyOneofCase.Error);
            Assert.Equal(code, error.Error.Code);
            Assert.True(error.Error.Fatal);
            Assert.False(string.IsNullOrWhiteSpace(error.Error.Message));
        }

        var entry = await NodeAudit.RefusalAsync(customer.Store, business.PeerId, code, MessageRefused);
        Assert.Contains($"protocol={SharedRecordSync.Protocol}", entry.Detail, StringComparison.Ordinal);
        await NodeAudit.AssertChainVerifiesAsync(customer.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(customer, business.PeerId));
    }

    [Fact]
    public async Task A_delta_that_does_not_decode_is_refused_SYNC_INVALID_DELTA_audited_and_nothing_stored_changes()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        var before = await SnapshotAsync(customer, business.PeerId);

        await business.SpeakSyncByHandWithAsync(customer);
        await using (var stream = await business.OpenSyncStreamAsync(customer, hello: true))
        {
            // A field write without a stamp: SyncWire refuses it before the node sees the delta.
            var delta = new Delta { Sequence = 7, Fields = { new Protocol.Sharing.V1.FieldWrite { Key = "phone", Value = "EVIL" } } };
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Delta = delta }, CancellationToken.None);

            var error = await NextAsync(stream, SyncMessage.BodyOneofCase.Error);
            Assert.Equal(SharedRecordErrors.InvalidDelta.Value, error.Error.Code);
            Assert.Equal(7UL, error.Error.Sequence);
            Assert.False(error.Error.Fatal);
        }

        await NodeAudit.RefusalAsync(customer.Store, business.PeerId, SharedRecordErrors.InvalidDelta.Value, MessageRefused);
        await NodeAudit.AssertChainVerifiesAsync(customer.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(customer, business.PeerId));
    }

    [Fact]
    public async Task A_delta_stamped_more_than_a_minute_ahead_is_refused_HLC_DRIFT_audited_and_nothing_stored_changes()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        var before = await SnapshotAsync(customer, business.PeerId);

        await business.SpeakSyncByHandWithAsync(customer);
        await using (var stream = await business.OpenSyncStreamAsync(customer, hello: true))
        {
            var future = new HlcTimestamp(DateTimeOffset.UtcNow.AddSeconds(90).ToUnixTimeMilliseconds(), 0, business.PeerId);
            var delta = SyncSamples.Fields([new DomainFieldWrite("phone", LwwRegister<string>.Set("+41 666", future))], VersionVector.Empty, VersionVector.Of(future));
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Delta = SyncWire.ToWireParts(delta, 3)[0] }, CancellationToken.None);

            var error = await NextAsync(stream, SyncMessage.BodyOneofCase.Error);
            Assert.Equal(SharedRecordErrors.HlcDrift.Value, error.Error.Code);
            Assert.Equal(3UL, error.Error.Sequence);
            Assert.False(error.Error.Fatal);
        }

        await NodeAudit.RefusalAsync(customer.Store, business.PeerId, SharedRecordErrors.HlcDrift.Value, "sync.delta_rejected");
        await NodeAudit.AssertChainVerifiesAsync(customer.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(customer, business.PeerId));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("address")]
    public async Task A_business_write_to_a_field_it_may_not_edit_is_refused_SYNC_EDIT_NOT_GRANTED_audited_and_the_customer_keeps_its_values(string field)
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        var before = await ValuesAsync(customer, business.PeerId, except: field);

        await business.SpeakSyncByHandWithAsync(customer);
        await using (var stream = await business.OpenSyncStreamAsync(customer, hello: true))
        {
            var stamp = new HlcTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0, business.PeerId);
            var delta = SyncSamples.Fields([new DomainFieldWrite(field, LwwRegister<string>.Set("hacked", stamp))], VersionVector.Empty, VersionVector.Of(stamp));
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Delta = SyncWire.ToWireParts(delta, 1)[0] }, CancellationToken.None);

            var rejected = await NextAsync(stream, SyncMessage.BodyOneofCase.EditRejected);
            Assert.Equal(SyncErrors.EditNotGranted.Value, rejected.EditRejected.Code);
            Assert.Equal([field], rejected.EditRejected.FieldKeys);
            Assert.Equal(1UL, (await NextAsync(stream, SyncMessage.BodyOneofCase.Ack)).Ack.Sequence);
        }

        await NodeAudit.RefusalAsync(customer.Store, business.PeerId, SyncErrors.EditNotGranted.Value, "sync.edit_rejected");
        await NodeAudit.AssertChainVerifiesAsync(customer.Get<VerifyAuditLog>());
        Assert.Equal(before, await ValuesAsync(customer, business.PeerId, except: field));

        // The refused field holds the customer's own value (§6.4 re-assertion; an ungranted one is never sent).
        Assert.Equal(Profile[field], (await customer.WaitForAsync(business.PeerId, r => r.GetField(field) != null, "the re-assertion")).GetField(field));
    }

    [Fact]
    public async Task A_customer_value_of_a_field_not_granted_is_dropped_by_the_business_and_audited()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        await customer.SpeakSyncByHandWithAsync(business);
        var before = await ValuesAsync(business, customer.PeerId);

        // The customer's host plays a customer that ignores its own filter (§6.4) and sends `address`, never granted.
        await using (var stream = await customer.OpenSyncStreamAsync(business, hello: true))
        {
            var stamp = new HlcTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0, customer.PeerId);
            var delta = SyncSamples.Fields([new DomainFieldWrite("address", LwwRegister<string>.Set("1 Main St", stamp))], VersionVector.Empty, VersionVector.Of(stamp));
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Delta = SyncWire.ToWireParts(delta, 1)[0] }, CancellationToken.None);

            // §6.4: silent on the wire (a race with a revocation looks the same), so the answer is a plain Ack.
            Assert.Equal(1UL, (await NextAsync(stream, SyncMessage.BodyOneofCase.Ack)).Ack.Sequence);
        }

        var entry = await NodeAudit.RefusalAsync(business.Store, customer.PeerId, SyncErrors.EditNotGranted.Value, "sync.writes_dropped");
        Assert.Contains("fields=address", entry.Detail, StringComparison.Ordinal);
        await NodeAudit.AssertChainVerifiesAsync(business.Get<VerifyAuditLog>());
        Assert.Equal(before, await ValuesAsync(business, customer.PeerId));
        Assert.Null((await business.RecordAsync(customer.PeerId))!.GetField("address"));
    }

    [Theory]
    [InlineData(false, "CONSENT_MALFORMED", MessageRefused)]
    [InlineData(true, "CONSENT_BAD_SIGNATURE", "sharing.grant_rejected")]
    public async Task A_bad_grant_pushed_on_the_sync_stream_is_refused_fatal_audited_and_the_stored_grants_stay(bool signedByAnotherKey, string code, string action)
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await RelatedAndSyncedAsync(business, customer);
        await customer.SpeakSyncByHandWithAsync(business);
        var before = await SnapshotAsync(business, customer.PeerId);

        var now = DateTimeOffset.UtcNow;
        var grant = SharingGrant.Create(
            business.PeerId, customer.PeerId, null, new Dictionary<string, DomainAccess> { ["address"] = DomainAccess.Edit }, new Dictionary<string, bool>(),
            now, now.AddDays(1), now, null, 2).Value;
        var canonical = ConsentGrantEncoding.Encode(grant);
        var signature = signedByAnotherKey ? new Ed25519GrantSigner(NodeIdentity.Generate()).Sign(canonical) : [];
        var wire = new WireGrant { CanonicalGrant = ByteString.CopyFrom(canonical), Signature = ByteString.CopyFrom(signature), SignerPublicKey = ByteString.CopyFrom(customer.Signer.PublicKey) };

        await using (var stream = await customer.OpenSyncStreamAsync(business, hello: true))
        {
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Grant = wire }, CancellationToken.None);
            var error = await NextAsync(stream, SyncMessage.BodyOneofCase.Error);
            Assert.Equal(code, error.Error.Code);
            Assert.True(error.Error.Fatal);
        }

        await NodeAudit.RefusalAsync(business.Store, customer.PeerId, code, action);
        await NodeAudit.AssertChainVerifiesAsync(business.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(business, customer.PeerId));
    }

    private static byte[] Garbage(BadFrame kind)
    {
        var random = new Random((int)kind + 1);
        switch (kind)
        {
            case BadFrame.RandomBytesAfterValidLength:
            case BadFrame.RandomBytesInsteadOfHello:
                {
                    // 0xff opens a field with wire type 7, which no protobuf parser accepts, whatever follows.
                    var body = new byte[64];
                    random.NextBytes(body);
                    body[0] = 0xff;
                    return [.. UnsignedVarint.Encode((ulong)body.Length), .. body];
                }

            case BadFrame.TruncatedFrame:
                return [.. UnsignedVarint.Encode(200), 0x0a, 0x02, 0x08, 0x01];

            default:
                return [.. UnsignedVarint.Encode((ulong)SyncFrame.MaxMessageLength + 1), 0x0a, 0x00];
        }
    }

    private static async Task RelatedAndSyncedAsync(SyncNode business, SyncNode customer)
    {
        await SyncNode.RelateAsync(business, customer, EmailViewPhoneEdit, Profile);
        await business.SyncNowAsync(customer);
        await business.WaitForAsync(customer.PeerId, r => r.GetField("phone") == "+41 111" && r.GetField("email") == "ada@example.com", "the customer's fields");

        // Quiet: no sync frame for a second on either node, so what follows is the only traffic that could change state.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var last = -1;
        var quietFor = 0;
        while (quietFor < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the nodes kept syncing");
            var count = business.Frames.Count + customer.Frames.Count;
            quietFor = count == last ? quietFor + 1 : 0;
            last = count;
            await Task.Delay(250);
        }
    }

    private static async Task<SyncMessage> NextAsync(Stream stream, SyncMessage.BodyOneofCase kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<SyncMessage.BodyOneofCase>();
        while (true)
        {
            var frame = await SyncFrame.Codec.ReadAsync(stream, timeout.Token);
            Assert.True(frame.IsSuccess, frame.IsFailure ? $"{frame.Error} after {string.Join(", ", seen)}" : null);
            if (frame.Value.BodyCase == kind)
            {
                return frame.Value;
            }

            seen.Add(frame.Value.BodyCase);
            Assert.True(frame.Value.BodyCase != SyncMessage.BodyOneofCase.Error || kind == SyncMessage.BodyOneofCase.Error, $"unexpected error {frame.Value.Error}");
        }
    }

    // The receiver's grants byte for byte and its shared record value for value (registers with stamps, tags,
    // interactions, coverage, purge watermarks).
    private static async Task<string> SnapshotAsync(SyncNode node, string remotePeerId)
    {
        await using var work = await node.Store.BeginAsync();
        var relationship = await Relationship.FindAsync(work, node.PeerId, remotePeerId, CancellationToken.None);
        Assert.NotNull(relationship);
        var pair = relationship.Pair;
        var lines = (await work.Sharing.GrantHistoryAsync(pair.BusinessPeerId, pair.CustomerPeerId))
            .Select(g => $"grant {Convert.ToHexString(g.CanonicalBytes.AsSpan())} {Convert.ToHexString(g.Signature.AsSpan())}").ToList();
        var record = (await work.SharedRecords.FindAsync(pair, node.PeerId))!;
        lines.AddRange(record.Fields.Keys.Order(StringComparer.Ordinal).Select(k => $"field {k}={record.GetRegister(k)}"));
        lines.Add($"tags {string.Join(',', record.Tags.Order(StringComparer.Ordinal))}");
        lines.Add($"interactions {string.Join(',', record.Interactions.Select(i => $"{i.Id}@{i.Stamp}"))}");
        lines.Add($"versions {record.Versions}");
        lines.Add($"watermarks {string.Join(',', record.PurgeWatermarks.Select(w => $"{w.Key}:{w.Value}"))}");
        return string.Join('\n', lines);
    }

    // Values only: a refused edit makes the customer re-assert its value under a fresh stamp (same value, new stamp).
    private static async Task<string> ValuesAsync(SyncNode node, string remotePeerId, string? except = null)
    {
        var record = (await node.RecordAsync(remotePeerId))!;
        return string.Join('\n', record.Fields.Where(f => f.Key != except).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")) +
            $"\ntags {string.Join(',', record.Tags.Order(StringComparer.Ordinal))}\nwatermarks {string.Join(',', record.PurgeWatermarks.Select(w => $"{w.Key}:{w.Value}"))}";
    }
}
