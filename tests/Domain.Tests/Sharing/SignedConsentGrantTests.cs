using System.Collections.Immutable;
using System.Security.Cryptography;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

/// <summary>
/// The verification port is exercised with a real signature scheme from the base library (ECDSA P-256 over
/// SubjectPublicKeyInfo keys); production plugs Ed25519 in through the same delegate.
/// </summary>
public sealed class SignedConsentGrantTests : IDisposable
{
    private readonly ECDsa _customerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _customerKey.Dispose();
        _otherKey.Dispose();
    }

    private static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKey, out _);
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256);
    }

    private static SignedConsentGrant Sign(SharingGrant grant, ECDsa key)
    {
        var signature = key.SignData(ConsentGrantEncoding.Encode(grant), HashAlgorithmName.SHA256);
        return SignedConsentGrant.Create(grant, signature, key.ExportSubjectPublicKeyInfo()).Value;
    }

    private GrantAcceptance Context(long? last = null, string business = Business, string customer = Customer) =>
        new(business, customer, [.. _customerKey.ExportSubjectPublicKeyInfo()], last);

    [Fact]
    public void Properly_signed_grant_is_accepted_and_verifies_offline_from_its_parts()
    {
        var signed = Sign(Grant(), _customerKey);
        Assert.True(ConsentGrantRules.Accept(signed, Context(), Verify).IsSuccess);

        var stored = SignedConsentGrant.FromParts(signed.CanonicalBytes.AsSpan(), signed.Signature.AsSpan(), signed.SignerPublicKey.AsSpan()).Value;
        Assert.True(stored.HasValidSignature(Verify));
        Assert.Equal(signed.Grant.Fields, stored.Grant.Fields);
    }

    [Fact]
    public void Tampered_grant_fails_signature_verification()
    {
        var signed = Sign(Grant(), _customerKey);
        var tampered = signed.CanonicalBytes.ToArray();
        tampered[tampered.AsSpan().IndexOf("email"u8) + 5] = (byte)AccessLevel.Edit;

        var forged = SignedConsentGrant.FromParts(tampered, signed.Signature.AsSpan(), signed.SignerPublicKey.AsSpan()).Value;
        Assert.True(forged.Grant.CanEdit("email", T0));
        Assert.Equal(SharingErrors.BadSignature, ConsentGrantRules.Accept(forged, Context(), Verify).Error.Code);
    }

    [Fact]
    public void Grant_signed_by_another_key_is_refused()
    {
        var signed = Sign(Grant(), _otherKey);
        Assert.Equal(SharingErrors.WrongSigner, ConsentGrantRules.Accept(signed, Context(), Verify).Error.Code);
    }

    [Fact]
    public void Grant_for_another_business_or_from_another_customer_is_refused()
    {
        var signed = Sign(Grant(), _customerKey);
        Assert.Equal(SharingErrors.WrongBusiness, ConsentGrantRules.Accept(signed, Context(business: "12D3KooWOther"), Verify).Error.Code);
        Assert.Equal(SharingErrors.WrongCustomer, ConsentGrantRules.Accept(signed, Context(customer: "12D3KooWOther"), Verify).Error.Code);
    }

    [Fact]
    public void Replayed_or_older_versions_are_refused_and_revocations_are_accepted()
    {
        var v1 = Sign(Grant(), _customerKey);
        var v2 = Sign(v1.Grant.Revoke(T0.AddDays(1)).Value, _customerKey);

        Assert.Equal(SharingErrors.Replay, ConsentGrantRules.Accept(v1, Context(last: 1), Verify).Error.Code);
        Assert.Equal(SharingErrors.Replay, ConsentGrantRules.Accept(v1, Context(last: 2), Verify).Error.Code);
        var accepted = ConsentGrantRules.Accept(v2, Context(last: 1), Verify);
        Assert.Equal(ConsentStatus.Revoked, accepted.Value.StatusAt(T0.AddDays(1)));
    }

    [Fact]
    public void Malformed_parts_are_refused()
    {
        var bytes = ConsentGrantEncoding.Encode(Grant());
        Assert.Equal(SharingErrors.Malformed, SignedConsentGrant.FromParts(bytes, [], [1]).Error.Code);
        Assert.Equal(SharingErrors.Malformed, SignedConsentGrant.FromParts(bytes, [1], []).Error.Code);
        Assert.Equal(SharingErrors.Malformed, SignedConsentGrant.FromParts(bytes.AsSpan(1), [1], [1]).Error.Code);
        Assert.IsType<ImmutableArray<byte>>(SignedConsentGrant.FromParts(bytes, [1], [1]).Value.Signature);
    }
}
