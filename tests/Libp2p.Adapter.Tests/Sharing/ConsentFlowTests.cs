using System.Diagnostics;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Application.Sharing.Verify;
using Rapport.Domain.Audit;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using Rapport.Protocol.Sharing.V1;
using Xunit.Abstractions;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;
using DomainGrant = Rapport.Domain.Sharing.SharingGrant;
using DomainSigned = Rapport.Domain.Sharing.SignedConsentGrant;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>Two whole nodes (libp2p on loopback, SQLite files, Ed25519 identities) run the consent flow end to end.</summary>
public sealed class ConsentFlowTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Business_and_customer_run_request_partial_grant_replay_wrong_business_and_revocation()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);

        var requested = await business.Request.ExecuteAsync(new RequestSharingCommand(
            customer.PeerId,
            new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View, ["phone"] = DomainAccess.Edit },
            ["analytics", "marketing"],
            TimeSpan.FromDays(30),
            "to tailor our offers",
            "cli"));
        Assert.True(requested.IsSuccess, requested.IsFailure ? requested.Error.ToString() : null);

        var pending = Assert.Single(await customer.Pending.PendingIncomingAsync());
        Assert.Equal(requested.Value, pending);

        var accepted = await customer.Accept.ExecuteAsync(new AcceptRequestCommand(
            pending.Id,
            new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View, ["phone"] = DomainAccess.Edit },
            ["analytics"],
            "cli"));
        Assert.True(accepted.IsSuccess, accepted.IsFailure ? accepted.Error.ToString() : null);
        Assert.True(accepted.Value.Delivered, accepted.Value.DeliveryError?.ToString());
        Assert.Empty(await customer.Pending.PendingIncomingAsync());

        // The business holds the customer's grant byte for byte, and it verifies offline with the customer's receipt.
        var held = await LatestAsync(business, business.PeerId, customer.PeerId);
        Assert.Equal(accepted.Value.Grant, held);
        Assert.Equal(1, held!.Grant.Version);
        Assert.True(held.Grant.AllowsPurpose("analytics", DateTimeOffset.UtcNow));
        Assert.False(held.Grant.AllowsPurpose("marketing", DateTimeOffset.UtcNow));
        Assert.Equal(DomainAccess.View, held.Grant.AccessAt("email", DateTimeOffset.UtcNow));
        Assert.Equal(DomainAccess.Edit, held.Grant.AccessAt("phone", DateTimeOffset.UtcNow));
        var verified = new VerifyReceipt(new Ed25519GrantSigner(Rapport.Libp2p.Identity.NodeIdentity.Generate())).Execute(
            held.CanonicalBytes.ToArray(), held.Signature.ToArray(), held.SignerPublicKey.ToArray(), accepted.Value.Receipt);
        Assert.True(verified.IsSuccess, verified.IsFailure ? verified.Error.ToString() : null);
        await using (var work = await business.Store.BeginAsync())
        {
            Assert.Equal(SharingRequestStatus.Granted, (await work.Sharing.FindRequestAsync(pending.Id))!.Status);
        }

        // The same grant delivered again (a lost receipt, or forwarded by sync too) is answered with the stored receipt.
        var redelivered = await customer.Channel.DeliverGrantAsync(accepted.Value.Grant);
        Assert.True(redelivered.IsSuccess, redelivered.IsFailure ? redelivered.Error.ToString() : null);
        Assert.Equal(accepted.Value.Receipt, redelivered.Value);

        // A different grant under a version already accepted is a replay: refused and audited.
        var sameVersion = DomainGrant.Create(
            business.PeerId, customer.PeerId, null, new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.Edit }, new Dictionary<string, bool>(),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow, null, 1).Value;
        var replay = await customer.Channel.DeliverGrantAsync(
            DomainSigned.Create(sameVersion, customer.Signer.Sign(ConsentGrantEncoding.Encode(sameVersion)), customer.Signer.PublicKey).Value);
        Assert.Equal(SharingErrors.Replay, replay.Error.Code);

        // A grant naming another business, signed by the customer, sent on the business's connection.
        var elsewhere = DomainGrant.Create(
            Rapport.Libp2p.Identity.NodeIdentity.Generate().PeerId.ToString(), customer.PeerId, null,
            new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View }, new Dictionary<string, bool>(),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow, null, 5).Value;
        var signedElsewhere = DomainSigned.Create(elsewhere, customer.Signer.Sign(ConsentGrantEncoding.Encode(elsewhere)), customer.Signer.PublicKey).Value;
        var wrongBusiness = await ExchangeAsync(customer, business, new ConsentMessage { Grant = ConsentWire.ToWire(signedElsewhere) });
        Assert.Equal(SharingErrors.WrongBusiness, wrongBusiness.Error.Code);

        var rejected = (await AuditAsync(business)).Where(e => e.Action == "sharing.grant_rejected").Select(e => e.Detail).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.Contains(SharingErrors.Replay.Value, rejected[0], StringComparison.Ordinal);
        Assert.Contains(SharingErrors.WrongBusiness.Value, rejected[1], StringComparison.Ordinal);
        Assert.Equal(1, (await LatestAsync(business, business.PeerId, customer.PeerId))!.Grant.Version);

        // Revocation: signed as version 2, pushed at once on the connected pair.
        var started = Stopwatch.GetTimestamp();
        var revoked = await customer.Revoke.ExecuteAsync(new RevokeGrantCommand(business.PeerId, "cli"));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(revoked.IsSuccess, revoked.IsFailure ? revoked.Error.ToString() : null);
        Assert.True(revoked.Value.Delivered, revoked.Value.DeliveryError?.ToString());
        output.WriteLine($"revocation signed, stored, delivered and receipted in {elapsed.TotalMilliseconds:0.0} ms");

        var afterRevocation = await LatestAsync(business, business.PeerId, customer.PeerId);
        Assert.Equal(2, afterRevocation!.Grant.Version);
        Assert.Equal(ConsentStatus.Revoked, afterRevocation.Grant.StatusAt(DateTimeOffset.UtcNow));
        Assert.False(afterRevocation.Grant.CanView("email", DateTimeOffset.UtcNow));
        Assert.Contains(await AuditAsync(business), e => e.Action == "sharing.grant_revoked");
        await using (var work = await customer.Store.BeginAsync())
        {
            Assert.Equal(revoked.Value.Receipt, await work.Sharing.FindReceiptAsync(business.PeerId, customer.PeerId, 2));
        }
    }

    [Fact]
    public async Task A_declined_request_is_marked_declined_on_both_nodes_with_the_customers_reason()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);
        var requested = await business.Request.ExecuteAsync(new RequestSharingCommand(
            customer.PeerId, new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View }, ["support"], TimeSpan.FromDays(1), "support", "cli"));

        var declined = await customer.Decline.ExecuteAsync(new(requested.Value.Id, "cli", "I only talk to support by phone"));

        Assert.Null(declined.Value.DeliveryError);
        foreach (var node in new[] { business, customer })
        {
            await using var work = await node.Store.BeginAsync();
            var stored = (await work.Sharing.FindRequestAsync(requested.Value.Id))!;
            Assert.Equal(SharingRequestStatus.Declined, stored.Status);
            Assert.Equal("I only talk to support by phone", stored.DeclineReason);
        }
    }

    [Fact]
    public async Task A_request_naming_another_customer_is_refused_and_nothing_is_pending()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);
        var request = Rapport.Domain.Sharing.SharingRequest.Create(
            new SharingRequestId(Guid.NewGuid()), business.PeerId, Rapport.Libp2p.Identity.NodeIdentity.Generate().PeerId.ToString(),
            new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View }, ["support"], TimeSpan.FromDays(1), "support", DateTimeOffset.UtcNow).Value;

        var answer = await ExchangeAsync(business, customer, new ConsentMessage { Request = ConsentWire.ToWire(request) });

        Assert.Equal(SharingReceiptErrors.WrongPeer, answer.Error.Code);
        Assert.Empty(await customer.Pending.PendingIncomingAsync());
    }

    [Fact]
    public async Task A_frame_that_cannot_open_an_exchange_is_answered_unsupported()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);

        var answer = await ExchangeAsync(business, customer, new ConsentMessage { Received = new RequestReceived { RequestId = Google.Protobuf.ByteString.CopyFrom(new byte[16]) } });

        Assert.Equal(WireErrors.Unsupported, answer.Error.Code);
    }

    [Fact]
    public async Task Malformed_frames_are_answered_and_reset_and_the_node_keeps_serving()
    {
        await using var business = await ConsentNode.StartAsync();
        await using var customer = await ConsentNode.StartAsync();
        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);
        byte[][] garbage = [[0x00], [0x05, 0xff, 0xff], [0x80, 0x00], [0x81, 0x80, 0x80, 0x01], [0x02, 0x08, 0x01]];

        foreach (var frame in garbage)
        {
            var opened = await business.Host.OpenStreamAsync(customer.Identity.PeerId, ConsentProtocol.Id);
            await using var stream = opened.Value.Stream;
            await stream.WriteAsync(frame);
            await ((Rapport.Libp2p.Muxing.IHalfClosableStream)stream).CloseWriteAsync();
            Assert.True(await AnsweredMalformedOrResetAsync(stream), $"frame {Convert.ToHexString(frame)} was not refused");
        }

        var requested = await business.Request.ExecuteAsync(new RequestSharingCommand(
            customer.PeerId, new Dictionary<string, DomainAccess> { ["email"] = DomainAccess.View }, ["support"], TimeSpan.FromDays(1), "support", "cli"));
        Assert.True(requested.IsSuccess, requested.IsFailure ? requested.Error.ToString() : null);
    }

    // The error frame and the reset race: the reader sees one or the other, never an answer that accepts the frame.
    private static async Task<bool> AnsweredMalformedOrResetAsync(Stream stream)
    {
        try
        {
            var answer = await ConsentFrame.ReadAsync(stream, CancellationToken.None);
            return answer.IsFailure || answer.Value.Error?.Code == WireErrors.Malformed.Value || answer.Value.Error?.Code == WireErrors.FrameTooLarge.Value;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<DomainSigned?> LatestAsync(ConsentNode node, string business, string customer)
    {
        await using var work = await node.Store.BeginAsync();
        return await work.Sharing.LatestGrantAsync(business, customer);
    }

    private static async Task<IReadOnlyList<AuditEvent>> AuditAsync(ConsentNode node)
    {
        await using var work = await node.Store.BeginAsync();
        var events = new List<AuditEvent>();
        await foreach (var entry in work.Audit.ReadAllAsync())
        {
            events.Add(entry.Event);
        }

        return events;
    }

    private static async Task<Rapport.Domain.Common.Result<ConsentMessage>> ExchangeAsync(ConsentNode from, ConsentNode to, ConsentMessage message)
    {
        var opened = await from.Host.OpenStreamAsync(to.Identity.PeerId, ConsentProtocol.Id);
        await using var stream = opened.Value.Stream;
        await ConsentFrame.WriteAsync(stream, message, CancellationToken.None);
        var answer = await ConsentFrame.ReadAsync(stream, CancellationToken.None);
        return answer.IsSuccess && answer.Value.BodyCase == ConsentMessage.BodyOneofCase.Error
            ? PeerCodes.Answered(answer.Value.Error.Code, answer.Value.Error.Message)
            : answer;
    }
}
