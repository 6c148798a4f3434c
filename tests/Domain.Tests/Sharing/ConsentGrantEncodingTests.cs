using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

public class ConsentGrantEncodingTests
{
    // Computed independently from the specification in protocol/sharing.md (also listed there as a test vector).
    private const string GoldenHex =
        "00000018726170706f72742e636f6e73656e742d6772616e742e7631000000000000000100000034313244334b6f6f5741767938555552436d466a446e665837766d6a45704a55524c47335a50623439534667507878774c5434385000000034313244334b6f6f5743467255566858536a7a4b765863385a6441526266577a6442707553744a364e4e5871556a47676569674b31010b5c4e3a8d1f4a6b9c2d7e8f90a1b2c30000000200000005656d61696c010000000570686f6e650200000002000000096d61726b6574696e670000000007737570706f7274010000019aa4b645000000019b3f350d000000019aa4b6450000";

    private static readonly Gen<SharingGrant> Grants =
        from fieldKeys in Gen.SubListOf("email", "phone", "address.city", "address.zip", "birthday", "a", "b-c_d.e9")
        from levels in Gen.Elements(AccessLevel.View, AccessLevel.Edit).ArrayOf(fieldKeys.Count)
        from purposeKeys in Gen.SubListOf("support", "marketing", "billing", "z")
        from grantedFlags in Gen.Elements(false, true).ArrayOf(purposeKeys.Count)
        from withRequest in Gen.Elements(false, true)
        from effective in Gen.Choose(0, int.MaxValue - 1)
        from length in Gen.Choose(1, int.MaxValue - 1)
        from issuedOffset in Gen.Choose(-1000, 1000)
        from revoked in Gen.Elements(false, true)
        from version in Gen.Choose(1, int.MaxValue - 1)
        let start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000L + effective)
        let issued = start.AddMilliseconds(Math.Abs(issuedOffset))
        select SharingGrant.Create(
            Business,
            Customer,
            withRequest ? new SharingRequestId(Guid.NewGuid()) : null,
            fieldKeys.Select((k, i) => (k, levels[i])).ToDictionary(p => p.k, p => p.Item2),
            purposeKeys.Select((k, i) => (k, grantedFlags[i])).ToDictionary(p => p.k, p => p.Item2),
            start,
            start.AddMilliseconds(length),
            issued,
            revoked ? issued : null,
            (long)version * 3).Value;

    [Fact]
    public void Encoding_matches_the_specified_test_vector()
    {
        Assert.Equal(GoldenHex, Convert.ToHexStringLower(ConsentGrantEncoding.Encode(Grant())));
    }

    [Fact]
    public void Decode_inverts_encode_for_any_grant()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(Grants), grant =>
        {
            var bytes = ConsentGrantEncoding.Encode(grant);
            var decoded = ConsentGrantEncoding.Decode(bytes);
            return decoded.IsSuccess && ConsentGrantEncoding.Encode(decoded.Value).AsSpan().SequenceEqual(bytes) &&
                   decoded.Value.Fields.SequenceEqual(grant.Fields) && decoded.Value.Purposes.SequenceEqual(grant.Purposes) &&
                   decoded.Value.RequestId == grant.RequestId && decoded.Value.RevokedAt == grant.RevokedAt &&
                   decoded.Value.Version == grant.Version && decoded.Value.ExpiresAt == grant.ExpiresAt;
        }));
    }

    [Fact]
    public void Non_canonical_inputs_are_refused()
    {
        var bytes = Convert.FromHexString(GoldenHex);
        Assert.Equal(SharingErrors.Malformed, ConsentGrantEncoding.Decode([.. bytes, 0]).Error.Code);
        Assert.Equal(SharingErrors.Malformed, ConsentGrantEncoding.Decode(bytes.AsSpan(0, bytes.Length - 1)).Error.Code);

        // Swap the two field entries ("email" then "phone"): same grant, non-canonical order.
        var emailAt = IndexOf(bytes, "email"u8) - 4;
        var phoneEnd = IndexOf(bytes, "phone"u8) + 5 + 1;
        var email = bytes[emailAt..(emailAt + 4 + 5 + 1)];
        var phone = bytes[(emailAt + 10)..phoneEnd];
        var swapped = bytes[..emailAt].Concat(phone).Concat(email).Concat(bytes[phoneEnd..]).ToArray();
        Assert.Equal(SharingErrors.Malformed, ConsentGrantEncoding.Decode(swapped).Error.Code);
    }

    [Fact]
    public void Decoder_survives_random_and_mutated_input()
    {
        var random = new Random(20261121);
        var seeds = Enumerable.Range(1, 20).Select(v => ConsentGrantEncoding.Encode(Grant(v))).Append(Convert.FromHexString(GoldenHex)).ToArray();
        var accepted = 0;
        for (var i = 0; i < 120_000; i++)
        {
            byte[] input;
            if (i % 4 == 0)
            {
                input = new byte[random.Next(0, 300)];
                random.NextBytes(input);
            }
            else
            {
                input = Mutate(seeds[random.Next(seeds.Length)], random);
            }

            var result = ConsentGrantEncoding.Decode(input);
            if (result.IsSuccess)
            {
                accepted++;
                Assert.True(ConsentGrantEncoding.Encode(result.Value).AsSpan().SequenceEqual(input), "accepted input must be canonical");
            }
            else
            {
                Assert.StartsWith("CONSENT_", result.Error.Code.Value, StringComparison.Ordinal);
            }
        }

        Assert.InRange(accepted, 1, 120_000);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 8))); break;
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
