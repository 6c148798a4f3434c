using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Rapport.Application.Access;

namespace Rapport.Adapters.Web.Access;

/// <summary>
/// Argon2id (RFC 9106) through libsodium (NSec), stored as a PHC string:
/// <c>$argon2id$v=19$m=65536,t=3,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (base64 without padding), over the passphrase's
/// UTF-8 bytes. 64 MiB and three passes
/// by default — RFC 9106's second recommended option uses 64 MiB; libsodium's "moderate" level — so one guess costs an
/// attacker what one login costs the node (~0.1 s here). A stored hash keeps its own parameters, so raising them
/// later leaves existing hashes verifiable.
/// </summary>
public sealed class Argon2idPassphraseHasher(int memoryKiB = 64 * 1024, int passes = 3) : IPassphraseHasher
{
    private const int SaltSize = 16;
    private const int HashSize = 32;
    private const string Prefix = "$argon2id$v=19$";

    public string Hash(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Derive(passphrase, salt, memoryKiB, passes, HashSize);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={memoryKiB},t={passes},p=1${Base64(salt)}${Base64(hash)}");
    }

    public bool Verify(string passphrase, string stored)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!TryRead(stored, out var memory, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(passphrase, salt, memory, iterations, expected.Length), expected);
    }

    private static byte[] Derive(string passphrase, byte[] salt, int memory, int iterations, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memory,
            NumberOfPasses = iterations,
        });
        // The UTF-8 bytes, as RFC 9106 and every other Argon2 implementation take them (NSec's string overload
        // encodes otherwise). Not Unicode-normalized: the node runs with invariant globalization, which has none.
        var secret = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            return algorithm.DeriveBytes(secret, salt, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static bool TryRead(string? stored, out int memory, out int iterations, out byte[] salt, out byte[] hash)
    {
        (memory, iterations, salt, hash) = (0, 0, [], []);
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var parameters = parts[0].Split(',');
        if (parameters is not [['m', '=', .. var m], ['t', '=', .. var t], "p=1"]
            || !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out memory)
            || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || memory is < 8 * 1024 or > 4 * 1024 * 1024 || iterations is < 1 or > 64)
        {
            return false;
        }

        return TryBase64(parts[1], out salt) && salt.Length == SaltSize && TryBase64(parts[2], out hash) && hash.Length is >= 16 and <= 64;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
