using System.Security.Cryptography;
using NSubstitute;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Decline;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.Sharing;

public sealed class CustomerDecisionTests
{
    private readonly SharingFixture _customer = new(SharingFixture.Customer);
    private readonly ISharedRecordChanges _changes = Substitute.For<ISharedRecordChanges>();
    private readonly NodeClock _nodeClock;

    public CustomerDecisionTests() => _nodeClock = new NodeClock(_customer.Factory, _customer.Signer, _customer.Clock);

    private void Pending() => _customer.Store.FindRequestAsync(SharingFixture.Request().Id, Arg.Any<CancellationToken>())
        .Returns(new StoredSharingRequest(SharingFixture.Request(), RequestDirection.Incoming, SharingRequestStatus.Pending));

    private void BusinessAnswersWithReceipt() =>
        _customer.Channel.DeliverGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var grant = call.Arg<SignedConsentGrant>();
            return Result.Ok(new GrantReceipt(
                SHA256.HashData(grant.CanonicalBytes.AsSpan()), grant.Grant.Version, SharingFixture.Now, new byte[64], SharingFixture.BusinessKey));
        });

    [Fact]
    public async Task A_partial_acceptance_signs_version_one_with_the_chosen_fields_and_purposes_and_keeps_the_receipt()
    {
        Pending();
        BusinessAnswersWithReceipt();
        var accept = new AcceptRequest(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);

        var issued = await accept.ExecuteAsync(new AcceptRequestCommand(
            SharingFixture.Request().Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, ["analytics"], "cli"));

        Assert.True(issued.IsSuccess, issued.IsFailure ? issued.Error.ToString() : null);
        var grant = issued.Value.Grant.Grant;
        Assert.Equal(1, grant.Version);
        Assert.Equal([new KeyValuePair<string, AccessLevel>("email", AccessLevel.View)], grant.Fields);
        Assert.True(grant.Purposes["analytics"]);
        Assert.False(grant.Purposes["marketing"]);
        Assert.True(issued.Value.Delivered);
        _changes.Received(1).Changed(grant.BusinessPeerId.Value);
        _customer.Signer.Received(1).Sign(Arg.Is<byte[]>(b => b.SequenceEqual(ConsentGrantEncoding.Encode(grant))));
        await _customer.Store.Received(1).SetRequestStatusAsync(grant.RequestId!.Value, SharingRequestStatus.Granted, SharingFixture.Now, Arg.Any<CancellationToken>());
        await _customer.Store.Received(1).AddReceiptAsync(SharingFixture.Business, SharingFixture.Customer, issued.Value.Receipt!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Granting_more_than_requested_is_refused_before_signing()
    {
        Pending();
        var accept = new AcceptRequest(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);

        var issued = await accept.ExecuteAsync(new AcceptRequestCommand(
            SharingFixture.Request().Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.Edit }, ["analytics"], "cli"));

        Assert.Equal(SharingErrors.ExceedsRequest, issued.Error.Code);
        _customer.Signer.DidNotReceive().Sign(Arg.Any<byte[]>());
        await _customer.Channel.DidNotReceive().DeliverGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_unreachable_business_keeps_the_signed_grant_stored_and_reports_the_delivery_error()
    {
        Pending();
        _customer.Channel.DeliverGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<CancellationToken>()).Returns(new Error(new ErrorCode("NOT_CONNECTED", ErrorKind.Unavailable), "offline"));
        var accept = new AcceptRequest(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);

        var issued = await accept.ExecuteAsync(new AcceptRequestCommand(
            SharingFixture.Request().Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, [], "cli"));

        Assert.False(issued.Value.Delivered);
        Assert.Equal("NOT_CONNECTED", issued.Value.DeliveryError!.Code.Value);
        await _customer.Store.Received(1).AddGrantAsync(issued.Value.Grant, SharingFixture.Now, Arg.Any<CancellationToken>());
        await _customer.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_receipt_for_other_bytes_is_not_kept()
    {
        Pending();
        _customer.Channel.DeliverGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<CancellationToken>())
            .Returns(Result.Ok(new GrantReceipt(new byte[32], 1, SharingFixture.Now, new byte[64], SharingFixture.BusinessKey)));
        var accept = new AcceptRequest(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);

        var issued = await accept.ExecuteAsync(new AcceptRequestCommand(SharingFixture.Request().Id, new Dictionary<string, AccessLevel>(), ["analytics"], "cli"));

        Assert.Equal(SharingReceiptErrors.Mismatch, issued.Value.DeliveryError!.Code);
        await _customer.Store.DidNotReceive().AddReceiptAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<GrantReceipt>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revoking_signs_the_next_version_with_a_revocation_time_and_pushes_it()
    {
        _customer.Store.LatestGrantAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns(SharingFixture.Signed(3));
        BusinessAnswersWithReceipt();
        var revoke = new RevokeGrant(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);

        var issued = await revoke.ExecuteAsync(new RevokeGrantCommand(SharingFixture.Business, "cli"));

        Assert.Equal(4, issued.Value.Grant.Grant.Version);
        Assert.Equal(SharingFixture.Now, issued.Value.Grant.Grant.RevokedAt);
        Assert.True(issued.Value.Delivered);
        await _customer.Channel.Received(1).DeliverGrantAsync(issued.Value.Grant, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revoking_without_a_grant_or_twice_is_refused()
    {
        var revoke = new RevokeGrant(_customer.Factory, _customer.Signer, _customer.Channel, _customer.Clock, _nodeClock, _changes);
        Assert.Equal(SharingReceiptErrors.NoGrant, (await revoke.ExecuteAsync(new RevokeGrantCommand(SharingFixture.Business, "cli"))).Error.Code);

        _customer.Store.LatestGrantAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Any<CancellationToken>())
            .Returns(SignedConsentGrant.Create(SharingFixture.Signed(1).Grant.Revoke(SharingFixture.Now).Value, new byte[64], SharingFixture.CustomerKey).Value);
        Assert.Equal(ConsentErrors.AlreadyRevoked, (await revoke.ExecuteAsync(new RevokeGrantCommand(SharingFixture.Business, "cli"))).Error.Code);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData(" not now, maybe next year ", "not now, maybe next year")]
    [InlineData("\u001b[31mred\u001b[0m\n", "[31mred [0m")]
    public async Task Declining_marks_the_request_and_tells_the_business_why_if_the_customer_says(string? reason, string? sent)
    {
        Pending();
        _customer.Channel.SendDeclineAsync(SharingFixture.Business, Arg.Any<SharingDecline>(), Arg.Any<CancellationToken>()).Returns(Result.Ok());
        var decline = new DeclineRequest(_customer.Factory, _customer.Channel, _customer.Clock);

        var outcome = await decline.ExecuteAsync(new DeclineRequestCommand(SharingFixture.Request().Id, "cli", reason));

        Assert.Null(outcome.Value.DeliveryError);
        var expected = SharingDecline.Create(SharingFixture.Request().Id, SharingFixture.Now, sent).Value;
        Assert.Equal(sent, expected.Reason);
        await _customer.Store.Received(1).DeclineRequestAsync(expected, SharingFixture.Now, Arg.Any<CancellationToken>());
        await _customer.Channel.Received(1).SendDeclineAsync(SharingFixture.Business, expected, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_decline_reason_longer_than_the_limit_is_refused_before_anything_is_stored_or_sent()
    {
        Pending();
        var decline = new DeclineRequest(_customer.Factory, _customer.Channel, _customer.Clock);

        var outcome = await decline.ExecuteAsync(new DeclineRequestCommand(SharingFixture.Request().Id, "cli", new string('x', SharingDecline.MaxReasonLength + 1)));

        Assert.Equal(SharingErrors.InvalidRequest, outcome.Error.Code);
        Assert.Equal("reason", outcome.Error.Field);
        await _customer.Store.DidNotReceiveWithAnyArgs().DeclineRequestAsync(default!, default, default);
        await _customer.Channel.DidNotReceiveWithAnyArgs().SendDeclineAsync(default!, default!, default);
    }

    [Fact]
    public async Task An_incoming_request_is_stored_once_and_a_different_one_with_the_same_id_is_refused()
    {
        var receive = new ReceiveRequest(_customer.Factory, _customer.Signer, _customer.Clock);
        Assert.True((await receive.ExecuteAsync(SharingFixture.Request(), SharingFixture.Business)).IsSuccess);
        await _customer.Store.Received(1).AddRequestAsync(SharingFixture.Request(), RequestDirection.Incoming, SharingFixture.Now, Arg.Any<CancellationToken>());

        Pending();
        Assert.True((await receive.ExecuteAsync(SharingFixture.Request(), SharingFixture.Business)).IsSuccess);
        var other = SharingRequest.Create(SharingFixture.Request().Id, SharingFixture.Business, SharingFixture.Customer,
            new Dictionary<string, AccessLevel> { ["name"] = AccessLevel.View }, ["support"], TimeSpan.FromDays(1), "other", SharingFixture.Now).Value;
        Assert.Equal(SharingReceiptErrors.DuplicateRequest, (await receive.ExecuteAsync(other, SharingFixture.Business)).Error.Code);
        Assert.Equal(SharingReceiptErrors.WrongPeer, (await receive.ExecuteAsync(SharingFixture.Request(), SharingFixture.Customer)).Error.Code);
        await _customer.Store.Received(1).AddRequestAsync(Arg.Any<SharingRequest>(), Arg.Any<RequestDirection>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }
}
