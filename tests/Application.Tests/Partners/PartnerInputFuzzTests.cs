using FsCheck;
using FsCheck.Fluent;
using Rapport.Application.Partners;

namespace Rapport.Application.Tests.Partners;

/// <summary>Partner keys arrive from the network (the authorization header): random and mutated input never throws.</summary>
public sealed class PartnerInputFuzzTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(100_000);

    [Fact]
    public void Random_strings_never_throw_and_are_rarely_well_formed_keys()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var id = PartnerKey.KeyIdOf(text);
            _ = RateLimit.Parse(text);
            _ = PartnerScopes.Parse(text);
            return id is null || (text.StartsWith(PartnerKey.Prefix, StringComparison.Ordinal) && id.Length == 12);
        }).Check(Many);
    }

    [Fact]
    public void Mutated_real_keys_never_throw_and_never_match_the_original_hash()
    {
        var (key, keyId, hash) = PartnerKey.Generate();
        var mutations = Gen.Choose(0, (key.Length * 256 * 3) - 1);
        Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var at = m % key.Length;
            var value = m / key.Length % 256;
            var kind = m / (key.Length * 256);
            var mutated = kind switch
            {
                0 => key.Remove(at, 1),
                1 => key.Insert(at, ((char)value).ToString()),
                _ => key[..at] + (char)value + key[(at + 1)..],
            };
            var id = PartnerKey.KeyIdOf(mutated);
            return mutated == key || !PartnerKey.Matches(mutated, hash) && (id is null || id.Length == 12 || id == keyId);
        }).Check(Many);
    }
}
