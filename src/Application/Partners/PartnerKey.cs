using System.Security.Cryptography;
using System.Text;

namespace Rapport.Application.Partners;

/// <summary>
/// An API key "rpk_{key id}_{secret}": the key id (12 hex chars) is stored in clear to look the partner up,
/// the 256-bit secret only as part of the SHA-256 hash of the whole key.
/// </summary>
public static class PartnerKey
{
    public const string Prefix = "rpk_";
    private const int KeyIdBytes = 6;
    private const int SecretBytes = 32;

    public static (string Key, string KeyId, string Hash) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = $"{Prefix}{keyId}_{secret}";
        return (key, keyId, Hash(key));
    }

    /// <summary>The key id of a well-formed key, or null.</summary>
    public static string? KeyIdOf(string? key)
    {
        if (key is null || key.Length > 128 || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = key.IndexOf('_', Prefix.Length);
        var id = end < 0 ? null : key[Prefix.Length..end];
        return id is { Length: KeyIdBytes * 2 } && id.All(char.IsAsciiHexDigitLower) && end < key.Length - 1 ? id : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares in constant time so the comparison does not reveal how much of a guess was right.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
