using Rapport.Libp2p.Security;
using Rapport.Libp2p.Security.Crypto;
using Rapport.Libp2p.Tests.Security.Crypto;

namespace Rapport.Libp2p.Tests.Security;

/// <summary>
/// The Noise state machine against the published cacophony test vector for Noise_XX_25519_ChaChaPoly_SHA256, with each
/// X25519 implementation (OpenSSL where libcrypto loads, and BouncyCastle).
/// </summary>
public class NoiseVectorTests
{
    private const string Prologue = "4a6f686e2047616c74";
    private const string InitStatic = "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
    private const string InitEphemeral = "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
    private const string RespStatic = "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
    private const string RespEphemeral = "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
    private const string HandshakeHash = "c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e";

    private static readonly (string Payload, string Ciphertext)[] Messages =
    [
        ("4c756477696720766f6e204d69736573", "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"),
        ("4d757272617920526f746862617264", "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d162c9326ad"),
        ("462e20412e20486179656b", "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"),
        ("4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"),
        ("4a65616e2d426170746973746520536179", "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"),
        ("457567656e2042f6686d20766f6e2042617765726b", "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"),
    ];

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static TheoryData<string> Implementations => X25519Under.Names;

    private static (XxHandshakeState Initiator, XxHandshakeState Responder, X25519PrivateKey InitStatic, X25519PrivateKey RespStatic) States(string implementation)
    {
        var x = X25519Under.Get(implementation);
        var initStatic = x.Import(Hex(InitStatic));
        var respStatic = x.Import(Hex(RespStatic));
        return (new XxHandshakeState(true, initStatic, Hex(Prologue), x.Import(Hex(InitEphemeral))),
            new XxHandshakeState(false, respStatic, Hex(Prologue), x.Import(Hex(RespEphemeral))), initStatic, respStatic);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Handshake_and_transport_messages_match_the_cacophony_vector_byte_for_byte(string implementation)
    {
        var (initiator, responder, initStatic, respStatic) = States(implementation);
        using var i1 = initiator;
        using var r1 = responder;
        using var s1 = initStatic;
        using var s2 = respStatic;

        var m1 = initiator.WriteMessage1(Hex(Messages[0].Payload));
        Assert.Equal(Messages[0].Ciphertext, Convert.ToHexStringLower(m1));
        Assert.Equal(Messages[0].Payload, Convert.ToHexStringLower(responder.ReadMessage1(m1)!));

        var m2 = responder.WriteMessage2(Hex(Messages[1].Payload))!;
        Assert.Equal(Messages[1].Ciphertext, Convert.ToHexStringLower(m2));
        Assert.Equal(Messages[1].Payload, Convert.ToHexStringLower(initiator.ReadMessage2(m2)!));

        var m3 = initiator.WriteMessage3(Hex(Messages[2].Payload))!;
        Assert.Equal(Messages[2].Ciphertext, Convert.ToHexStringLower(m3));
        Assert.Equal(Messages[2].Payload, Convert.ToHexStringLower(responder.ReadMessage3(m3)!));

        Assert.Equal(HandshakeHash, Convert.ToHexStringLower(initiator.HandshakeHash));
        Assert.Equal(HandshakeHash, Convert.ToHexStringLower(responder.HandshakeHash));
        Assert.Equal(respStatic.PublicKey.ToArray(), initiator.RemoteStatic);
        Assert.Equal(initStatic.PublicKey.ToArray(), responder.RemoteStatic);

        var (iSend, iReceive) = initiator.Split();
        var (rSend, rReceive) = responder.Split();
        using (iSend)
        using (iReceive)
        using (rSend)
        using (rReceive)
        {
            for (var i = 3; i < Messages.Length; i++)
            {
                // Transport messages alternate, starting with the responder (index 3 is odd).
                var (send, receive) = i % 2 == 0 ? (iSend, rReceive) : (rSend, iReceive);
                var payload = Hex(Messages[i].Payload);
                var ciphertext = new byte[payload.Length + CipherState.TagSize];
                send.Encrypt([], payload, ciphertext);
                Assert.Equal(Messages[i].Ciphertext, Convert.ToHexStringLower(ciphertext));
                var plaintext = new byte[payload.Length];
                Assert.True(receive.TryDecrypt([], ciphertext, plaintext));
                Assert.Equal(payload, plaintext);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_tampered_message_2_is_rejected(string implementation)
    {
        var (initiator, responder, initStatic, respStatic) = States(implementation);
        using var i1 = initiator;
        using var r1 = responder;
        using var s1 = initStatic;
        using var s2 = respStatic;
        responder.ReadMessage1(initiator.WriteMessage1([]));
        var m2 = responder.WriteMessage2([])!;
        m2[40] ^= 1;
        Assert.Null(initiator.ReadMessage2(m2));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_low_order_ephemeral_key_in_message_1_fails_the_handshake_instead_of_using_a_zero_key(string implementation)
    {
        var (initiator, responder, initStatic, respStatic) = States(implementation);
        using var i1 = initiator;
        using var r1 = responder;
        using var s1 = initStatic;
        using var s2 = respStatic;
        foreach (var point in X25519Under.LowOrderPoints)
        {
            using var fresh = new XxHandshakeState(false, respStatic, Hex(Prologue), X25519Under.Get(implementation).Generate());
            Assert.NotNull(fresh.ReadMessage1(Hex(point)));
            Assert.Null(fresh.WriteMessage2([]));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_low_order_ephemeral_key_in_message_2_fails_the_handshake(string implementation)
    {
        var (initiator, responder, initStatic, respStatic) = States(implementation);
        using var r1 = responder;
        using var s1 = initStatic;
        using var s2 = respStatic;
        using (initiator)
        {
            responder.ReadMessage1(initiator.WriteMessage1([]));
            var m2 = responder.WriteMessage2([])!;
            Hex(X25519Under.LowOrderPoints[0]).CopyTo(m2, 0);
            Assert.Null(initiator.ReadMessage2(m2));
        }
    }
}
