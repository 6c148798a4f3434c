using System.Security.Cryptography;
using NSubstitute;
using Rapport.Application.Peers.Delivery;
using Rapport.Application.Sharing;
using Rapport.Application.Tests.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.Peers;

public sealed class DeliverPendingGrantsTests
{
    private readonly SharingFixture _node = new(SharingFixture.Customer);

    private DeliverPendingGrants UseCase => new(_node.Factory, _node.Signer, _node.Channel);

    private static GrantReceipt ReceiptFor(SignedConsentGrant grant, long? version = null) =>
        new(SHA256.HashData(grant.CanonicalBytes.AsSpan()), version ?? grant.Grant.Version, SharingFixture.Now, new byte[64], SharingFixture.BusinessKey);

    [Fact]
    public async Task Stores_the_verified_receipt_of_each_unconfirmed_grant()
    {
        var grant = SharingFixture.Signed(3, SharingFixture.Business);
        _node.Store.UndeliveredGrantsAsync(SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns([grant]);
        _node.Channel.DeliverGrantAsync(grant, Arg.Any<CancellationToken>()).Returns(ReceiptFor(grant));

        var outcome = Assert.Single(await UseCase.ExecuteAsync(null));

        Assert.True(outcome.Delivered);
        await _node.Store.Received(1).AddReceiptAsync(SharingFixture.Business, SharingFixture.Customer, Arg.Is<GrantReceipt>(r => r.Version == 3), Arg.Any<CancellationToken>());
        await _node.Work.Received().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_unreachable_business_or_a_receipt_for_another_version_leaves_the_grant_pending()
    {
        var unreachable = SharingFixture.Signed(2, SharingFixture.Business);
        var wrongReceipt = SharingFixture.Signed(5, "12D3KooWHgFQZXbXPFbXFQJe9aByKbKdbW9eBu4NFpWZLqpy1agh");
        _node.Store.UndeliveredGrantsAsync(SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns([unreachable, wrongReceipt]);
        _node.Channel.DeliverGrantAsync(unreachable, Arg.Any<CancellationToken>()).Returns(new Error(new ErrorCode("SHARING_UNREACHABLE", ErrorKind.Unavailable), "connection refused"));
        _node.Channel.DeliverGrantAsync(wrongReceipt, Arg.Any<CancellationToken>()).Returns(ReceiptFor(wrongReceipt, version: 4));

        var outcomes = await UseCase.ExecuteAsync(null);

        Assert.Equal(["SHARING_UNREACHABLE", SharingReceiptErrors.Mismatch.Value], outcomes.Select(o => o.Error?.Code.Value));
        await _node.Store.DidNotReceive().AddReceiptAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<GrantReceipt>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Can_be_limited_to_one_business()
    {
        var mine = SharingFixture.Signed(1, SharingFixture.Business);
        var other = SharingFixture.Signed(1, "12D3KooWHgFQZXbXPFbXFQJe9aByKbKdbW9eBu4NFpWZLqpy1agh");
        _node.Store.UndeliveredGrantsAsync(SharingFixture.Customer, Arg.Any<CancellationToken>()).Returns([mine, other]);
        _node.Channel.DeliverGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<CancellationToken>()).Returns(new Error(new ErrorCode("SHARING_UNREACHABLE", ErrorKind.Unavailable), "down"));

        Assert.Equal([mine], await UseCase.PendingAsync(SharingFixture.Business));
        var outcome = Assert.Single(await UseCase.ExecuteAsync(SharingFixture.Business));
        Assert.Same(mine, outcome.Grant);
        await _node.Channel.DidNotReceive().DeliverGrantAsync(other, Arg.Any<CancellationToken>());
    }
}
