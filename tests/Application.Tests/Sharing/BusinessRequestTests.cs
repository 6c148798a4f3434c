using NSubstitute;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Verify;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.Sharing;

public sealed class BusinessRequestTests
{
    private readonly SharingFixture _business = new(SharingFixture.Business);

    private static RequestSharingCommand Command() => new(
        SharingFixture.Customer,
        new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
        ["analytics", "marketing"], TimeSpan.FromDays(30), "to tailor offers", "cli");

    [Fact]
    public async Task A_request_the_customer_received_is_stored_as_outgoing()
    {
        _business.Channel.SendRequestAsync(Arg.Any<SharingRequest>(), Arg.Any<CancellationToken>()).Returns(Result.Ok());
        var useCase = new RequestSharing(_business.Factory, _business.Channel, _business.Signer, _business.Clock, _business.Ids);

        var request = await useCase.ExecuteAsync(Command());

        Assert.Equal(SharingFixture.Request(), request.Value);
        await _business.Store.Received(1).AddRequestAsync(request.Value, RequestDirection.Outgoing, SharingFixture.Now, Arg.Any<CancellationToken>());
        await _business.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_refused_request_is_not_stored()
    {
        _business.Channel.SendRequestAsync(Arg.Any<SharingRequest>(), Arg.Any<CancellationToken>()).Returns(new Error(SharingReceiptErrors.WrongPeer, "no"));
        var useCase = new RequestSharing(_business.Factory, _business.Channel, _business.Signer, _business.Clock, _business.Ids);

        var request = await useCase.ExecuteAsync(Command());

        Assert.Equal(SharingReceiptErrors.WrongPeer, request.Error.Code);
        await _business.Store.DidNotReceive().AddRequestAsync(Arg.Any<SharingRequest>(), Arg.Any<RequestDirection>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_the_network()
    {
        var useCase = new RequestSharing(_business.Factory, _business.Channel, _business.Signer, _business.Clock, _business.Ids);

        var request = await useCase.ExecuteAsync(Command() with { Purposes = [] });

        Assert.Equal(SharingErrors.InvalidRequest, request.Error.Code);
        await _business.Channel.DidNotReceive().SendRequestAsync(Arg.Any<SharingRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Offline_verification_checks_decoding_key_owner_and_signature()
    {
        var signed = SharingFixture.Signed(1);
        var verify = new VerifyReceipt(_business.Signer);
        byte[] canonical = [.. signed.CanonicalBytes];
        byte[] signature = [.. signed.Signature];

        Assert.True(verify.Execute(canonical, signature, SharingFixture.CustomerKey).IsSuccess);
        Assert.Equal(SharingErrors.WrongSigner, verify.Execute(canonical, signature, SharingFixture.BusinessKey).Error.Code);
        Assert.Equal(SharingErrors.Malformed, verify.Execute([.. canonical, 0], signature, SharingFixture.CustomerKey).Error.Code);
        _business.Signer.Verify(Arg.Any<byte[]>(), Arg.Any<byte[]>(), Arg.Any<byte[]>()).Returns(false);
        Assert.Equal(SharingErrors.BadSignature, verify.Execute(canonical, signature, SharingFixture.CustomerKey).Error.Code);
    }
}
