using NSubstitute;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Receive;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.Sharing;

public sealed class ReceiveGrantTests
{
    private readonly SharingFixture _business = new(SharingFixture.Business);

    private readonly ISharedRecordChanges _changes = Substitute.For<ISharedRecordChanges>();

    private ReceiveGrant UseCase => new(_business.Factory, _business.Signer, _business.Clock, new NodeClock(_business.Factory, _business.Signer, _business.Clock), _changes);

    [Fact]
    public async Task An_acceptable_grant_is_stored_audited_and_answered_with_a_signed_receipt()
    {
        var signed = SharingFixture.Signed(1);

        var receipt = await UseCase.ExecuteAsync(signed, SharingFixture.Customer);

        Assert.True(receipt.IsSuccess, receipt.IsFailure ? receipt.Error.ToString() : null);
        Assert.Equal(1, receipt.Value.Version);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(signed.CanonicalBytes.AsSpan()), receipt.Value.GrantSha256);
        Assert.Equal(SharingFixture.BusinessKey, receipt.Value.SignerPublicKey);
        _business.Signer.Received(1).Sign(Arg.Is<byte[]>(b => b.SequenceEqual(receipt.Value.CanonicalBytes())));
        await _business.Store.Received(1).AddGrantAsync(signed, SharingFixture.Now, Arg.Any<CancellationToken>());
        await _business.Store.Received(1).AddReceiptAsync(SharingFixture.Business, SharingFixture.Customer, receipt.Value, Arg.Any<CancellationToken>());
        await _business.Audit.Received(1).AppendAsync(Arg.Is<AuditEvent>(e => e.Action == "sharing.grant_accepted"), Arg.Any<CancellationToken>());
        await _business.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());

        // Sync hears of the new grant, so a live session sends what it now allows without waiting for a reconnect.
        _changes.Received(1).Changed(SharingFixture.Customer);
    }

    [Fact]
    public async Task A_replayed_older_version_is_rejected_and_audited_without_storing()
    {
        _business.Store.LatestGrantAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns(SharingFixture.Signed(2));

        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.Replay);
    }

    [Fact]
    public async Task The_same_grant_delivered_again_is_answered_with_its_stored_receipt_and_nothing_else()
    {
        var signed = SharingFixture.Signed(1);
        var first = await UseCase.ExecuteAsync(signed, SharingFixture.Customer);
        _business.Store.LatestGrantAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns(signed);
        _business.Store.FindReceiptAsync(SharingFixture.Business, SharingFixture.Customer, 1, Arg.Any<CancellationToken>()).Returns(first.Value);
        _business.Audit.ClearReceivedCalls();
        _business.Store.ClearReceivedCalls();

        var again = await UseCase.ExecuteAsync(SharingFixture.Signed(1), SharingFixture.Customer);

        Assert.True(again.IsSuccess, again.IsFailure ? again.Error.ToString() : null);
        Assert.Same(first.Value, again.Value);
        await _business.Store.DidNotReceive().AddGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await _business.Audit.DidNotReceive().AppendAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_different_grant_with_the_version_already_accepted_is_still_a_replay()
    {
        _business.Store.LatestGrantAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns(SharingFixture.Signed(1));

        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1, revoked: true), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.Replay);
    }

    [Fact]
    public async Task A_grant_naming_another_business_is_rejected_and_audited()
    {
        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1, business: "12D3KooWExZgsYQhJAo63ahx2fqkxmoXvNwTZUGmvpNWNeHwBroZ"), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.WrongBusiness);
    }

    [Fact]
    public async Task A_bad_signature_is_rejected_and_audited()
    {
        _business.Signer.Verify(Arg.Any<byte[]>(), Arg.Any<byte[]>(), Arg.Any<byte[]>()).Returns(false);

        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.BadSignature);
    }

    [Fact]
    public async Task A_grant_signed_with_a_key_that_is_not_the_sending_peers_is_rejected()
    {
        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1, key: SharingFixture.BusinessKey), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.WrongSigner);
    }

    [Fact]
    public async Task A_grant_giving_more_than_the_business_asked_is_rejected()
    {
        var narrow = SharingRequest.Create(
            SharingFixture.Request().Id, SharingFixture.Business, SharingFixture.Customer,
            new Dictionary<string, AccessLevel> { ["phone"] = AccessLevel.View }, ["analytics", "marketing"], TimeSpan.FromDays(30), "x", SharingFixture.Now).Value;
        _business.Store.FindRequestAsync(narrow.Id, Arg.Any<CancellationToken>())
            .Returns(new StoredSharingRequest(narrow, RequestDirection.Outgoing, SharingRequestStatus.Pending));

        var result = await UseCase.ExecuteAsync(SharingFixture.Signed(1), SharingFixture.Customer);

        await AssertRejectedAsync(result.Error.Code, SharingErrors.ExceedsRequest);
    }

    private async Task AssertRejectedAsync(ErrorCode actual, ErrorCode expected)
    {
        Assert.Equal(expected, actual);
        await _business.Store.DidNotReceive().AddGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await _business.Store.DidNotReceive().AddReceiptAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<GrantReceipt>(), Arg.Any<CancellationToken>());
        await _business.Audit.Received(1).AppendAsync(
            Arg.Is<AuditEvent>(e => e.Action == "sharing.grant_rejected" && e.Detail.Contains(expected.Value, StringComparison.Ordinal)), Arg.Any<CancellationToken>());
        await _business.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }
}
