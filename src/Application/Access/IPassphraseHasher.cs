namespace Rapport.Application.Access;

/// <summary>A memory-hard password hash: the stored form carries its algorithm, parameters and salt.</summary>
public interface IPassphraseHasher
{
    string Hash(string passphrase);

    /// <summary>Whether <paramref name="passphrase"/> hashes to <paramref name="stored"/>; false for a stored form it cannot read.</summary>
    bool Verify(string passphrase, string stored);
}
