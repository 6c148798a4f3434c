using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.Audit.Verify;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Request;
using Rapport.Domain.Peers.Encoding;
using Rapport.Domain.Sharing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Protocol.Sharing.V1;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;
using DomainGrant = Rapport.Domain.Sharing.SharingGrant;
using DomainSigned = Rapport.Domain.Sharing.SignedConsentGrant;
using WireGrant = Rapport.Protocol.Sharing.V1.SignedConsentGrant;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>
/// Issue §9 on <c>/rapport/consent/1.0.0</c>, two real nodes (libp2p on loopback, SQLite files): every bad grant or
/// frame is answered with its code, audited on the receiving node under the sending peer, and the stored grants,
/// receipts and requests stay byte for byte what they were; the audit chain still verifies.
/// </summary>
public sealed class ConsentBadInputTests
{
    public enum BadGrant
    {
        EmptySignature,
        SignedByAnotherKey,
        AnotherKeyClaimedAsSigner,
        SignatureOfOtherBytes,
        NamesAnotherBusiness,
        CanonicalBytesDoNotDecode,
    }

    public enum BadFrame
    {
        RandomBytesAfterValidLength,
        TruncatedFrame,
        OversizedLength,
        NonMinimalLength,
        EmptyBody,
    }

    [Theory]
    [InlineData(BadGrant.EmptySignature, "CONSENT_MALFORMED", ConsentProtocol.RefusedAction)]
    [InlineData(BadGrant.SignedByAnotherKey, "CONSENT_BAD_SIGNATURE", "sharing.grant_rejected")]
    [InlineData(BadGrant.AnotherKeyClaimedAsSigner, "CONSENT_WRONG_SIGNER", "sharing.grant_rejected")]
    [InlineData(BadGrant.SignatureOfOtherBytes, "CONSENT_BAD_SIGNATURE", "sharing.grant_rejected")]
    [InlineData(BadGrant.NamesAnotherBusiness, "CONSENT_WRONG_BUSINESS", "sharing.grant_rejected")]
    [InlineData(BadGrant.CanonicalBytesDoNotDecode, "CONSENT_MALFORMED", ConsentProtocol.RefusedAction)]
    public async Task A_bad_grant_is_refused_with_its_code_audited_and_nothing_stored_changes(BadGrant kind, string code, string action)
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        await RelateAsync(business, customer);
        var before = await SnapshotAsync(business, customer);

        var answer = await ExchangeAsync(customer, business, new ConsentMessage { Grant = Forge(kind, business, customer) });

        Assert.Equal(ConsentMessage.BodyOneofCase.Error, answer.BodyCase);
        Assert.Equal(code, answer.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(answer.Error.Message));
        await NodeAudit.RefusalAsync(business.Store, customer.PeerId, code, action);
        await NodeAudit.AssertChainVerifiesAsync(business.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(business, customer));
    }

    [Theory]
    [InlineData(BadFrame.RandomBytesAfterValidLength, "PROTO_MALFORMED")]
    [InlineData(BadFrame.TruncatedFrame, "PROTO_MALFORMED")]
    [InlineData(BadFrame.OversizedLength, "SYNC_FRAME_TOO_LARGE")]
    [InlineData(BadFrame.NonMinimalLength, "PROTO_MALFORMED")]
    [InlineData(BadFrame.EmptyBody, "PROTO_MALFORMED")]
    public async Task A_malformed_frame_is_answered_with_its_code_audited_and_nothing_stored_changes(BadFrame kind, string code)
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        await RelateAsync(business, customer);
        var before = await SnapshotAsync(business, customer);

        var answer = await SendRawAsync(customer, business, Garbage(kind, new Random(7)));

        Assert.True(answer.IsSuccess, answer.IsFailure ? $"no answer: {answer.Error}" : null);
        Assert.Equal(code, answer.Value.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(answer.Value.Error!.Message));
        var entry = await NodeAudit.RefusalAsync(business.Store, customer.PeerId, code, ConsentProtocol.RefusedAction);
        Assert.Contains($"protocol={ConsentProtocol.Id}", entry.Detail, StringComparison.Ordinal);
        await NodeAudit.AssertChainVerifiesAsync(business.Get<VerifyAuditLog>());
        Assert.Equal(before, await SnapshotAsync(business, customer));

        // The node keeps serving: a good exchange still works on a new stream.
        var redelivered = await customer.Channel.DeliverGrantAsync((await LatestAsync(customer, business.PeerId, customer.PeerId))!);
        Assert.True(redelivered.IsSuccess, redelivered.IsFailure ? redelivered.Error.ToString() : null);
    }

    [Fact]
    public async Task A_peer_flooding_the_same_refusal_gets_every_answer_but_only_a_capped_number_of_audit_entries()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await customer.Host.ConnectAsync(business.Address)).IsSuccess);
        var random = new Random(11);

        for (var i = 0; i < 12; i++)
        {
            var answer = await SendRawAsync(customer, business, Garbage(BadFrame.RandomBytesAfterValidLength, random));
            Assert.Equal(WireErrors.Malformed.Value, answer.Value.Error?.Code);
        }

        var refusals = (await NodeAudit.EventsAsync(business.Store)).Where(e => e.Action == ConsentProtocol.RefusedAction).ToList();
        Assert.Equal(Rapport.Application.Sharing.Refusals.RefusalLimit.Default.PerKey, refusals.Count);
        Assert.All(refusals, e => Assert.True(NodeAudit.Names(e, customer.PeerId, WireErrors.Malformed.Value)));
        await NodeAudit.AssertChainVerifiesAsync(business.Get<VerifyAuditLog>());
    }

    private static WireGrant Forge(BadGrant kind, ConsentNode business, ConsentNode customer)
    {
        var now = DateTimeOffset.UtcNow;
        var businessId = kind == BadGrant.NamesAnotherBusiness ? NodeIdentity.Generate().PeerId.ToString() : business.PeerId;
        var grant = DomainGrant.Create(
            businessId, customer.PeerId, null, new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.Edit }, new Dictionary<string, bool>(),
            now, now.AddDays(1), now, null, 2).Value;
        var canonical = ConsentGrantEncoding.Encode(grant);
        var stranger = new Ed25519GrantSigner(NodeIdentity.Generate());
        var (signature, key) = kind switch
        {
            BadGrant.EmptySignature => ([], customer.Signer.PublicKey),
            BadGrant.SignedByAnotherKey => (stranger.Sign(canonical), customer.Signer.PublicKey),
            BadGrant.AnotherKeyClaimedAsSigner => (stranger.Sign(canonical), stranger.PublicKey),
            BadGrant.SignatureOfOtherBytes => (customer.Signer.Sign([.. canonical, 0x00]), customer.Signer.PublicKey),
            _ => (customer.Signer.Sign(canonical), customer.Signer.PublicKey),
        };

        if (kind == BadGrant.CanonicalBytesDoNotDecode)
        {
            canonical = [.. canonical[..^3]];
            signature = customer.Signer.Sign(canonical);
        }

        return new WireGrant { CanonicalGrant = ByteString.CopyFrom(canonical), Signature = ByteString.CopyFrom(signature), SignerPublicKey = ByteString.CopyFrom(key) };
    }

    private static byte[] Garbage(BadFrame kind, Random random)
    {
        switch (kind)
        {
            case BadFrame.RandomBytesAfterValidLength:
                {
                    // 0xff opens a field with wire type 7, which no protobuf parser accepts, whatever follows.
                    var body = new byte[40];
                    random.NextBytes(body);
                    body[0] = 0xff;
                    return [.. UnsignedVarint.Encode((ulong)body.Length), .. body];
                }

            case BadFrame.TruncatedFrame:
                {
                    var whole = ConsentFrame.Encode(new ConsentMessage { Received = new RequestReceived { RequestId = ByteString.CopyFrom(new byte[16]) } });
                    return whole[..^5];
                }

            case BadFrame.OversizedLength:
                return [.. UnsignedVarint.Encode((ulong)ConsentFrame.MaxMessageLength + 1), 0x0a, 0x00];

            case BadFrame.NonMinimalLength:
                return [0x82, 0x00, 0x0a, 0x00];

            default:
                // A valid length and a message that parses but has no body set.
                return [0x02, 0x08, 0x01];
        }
    }

    private static async Task RelateAsync(ConsentNode business, ConsentNode customer)
    {
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);
        var fields = new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View };
        var requested = await business.Request.ExecuteAsync(new RequestSharingCommand(customer.PeerId, fields, ["support"], TimeSpan.FromDays(30), "support", "cli"));
        Assert.True(requested.IsSuccess, requested.IsFailure ? requested.Error.ToString() : null);
        var accepted = await customer.Accept.ExecuteAsync(new AcceptRequestCommand(requested.Value.Id, fields, ["support"], "cli"));
        Assert.True(accepted.IsSuccess && accepted.Value.Delivered, accepted.IsFailure ? accepted.Error.ToString() : accepted.Value.DeliveryError?.ToString());
    }

    // Everything the business holds for the pair, as bytes and values: grants, receipts and requests.
    private static async Task<string> SnapshotAsync(ConsentNode business, ConsentNode customer)
    {
        await using var work = await business.Store.BeginAsync();
        var lines = new List<string>();
        foreach (var grant in await work.Sharing.GrantHistoryAsync(business.PeerId, customer.PeerId))
        {
            var receipt = await work.Sharing.FindReceiptAsync(business.PeerId, customer.PeerId, grant.Grant.Version);
            lines.Add($"grant {Convert.ToHexString(grant.CanonicalBytes.AsSpan())} {Convert.ToHexString(grant.Signature.AsSpan())} {Convert.ToHexString(grant.SignerPublicKey.AsSpan())}");
            lines.Add($"receipt {(receipt is null ? "-" : $"{Convert.ToHexString(receipt.GrantSha256)} {receipt.Version} {receipt.ReceivedAt:O} {Convert.ToHexString(receipt.Signature)}")}");
        }

        lines.AddRange((await work.Sharing.ListRequestsAsync()).Select(r => $"request {r.Request.Id} {r.Status} {r.Direction}"));
        lines.AddRange((await work.Sharing.LatestGrantsAsync()).Select(g => $"latest {g.Grant.BusinessPeerId}/{g.Grant.CustomerPeerId} {g.Grant.Version}"));
        Assert.NotEmpty(lines);
        return string.Join('\n', lines);
    }

    private static async Task<DomainSigned?> LatestAsync(ConsentNode node, string business, string customer)
    {
        await using var work = await node.Store.BeginAsync();
        return await work.Sharing.LatestGrantAsync(business, customer);
    }

    private static async Task<ConsentMessage> ExchangeAsync(ConsentNode from, ConsentNode to, ConsentMessage message)
    {
        var opened = await from.Host.OpenStreamAsync(to.Identity.PeerId, ConsentProtocol.Id);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.ToString() : null);
        await using var stream = opened.Value.Stream;
        await ConsentFrame.WriteAsync(stream, message, CancellationToken.None);
        var answer = await ConsentFrame.ReadAsync(stream, CancellationToken.None);
        Assert.True(answer.IsSuccess, answer.IsFailure ? answer.Error.ToString() : null);
        return answer.Value;
    }

    // Raw bytes on a real stream, then our side closed: the node reads what it can and answers.
    private static async Task<Rapport.Domain.Common.Result<ConsentMessage>> SendRawAsync(ConsentNode from, ConsentNode to, byte[] bytes)
    {
        var opened = await from.Host.OpenStreamAsync(to.Identity.PeerId, ConsentProtocol.Id);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.ToString() : null);
        await using var stream = opened.Value.Stream;
        await stream.WriteAsync(bytes);
        await ((IHalfClosableStream)stream).CloseWriteAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await ConsentFrame.ReadAsync(stream, timeout.Token);
    }
}
