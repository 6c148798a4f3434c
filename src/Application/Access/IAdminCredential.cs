namespace Rapport.Application.Access;

/// <summary>Where the node keeps the hash of its admin passphrase (only the hash, readable by the node's user only).</summary>
public interface IAdminCredential
{
    Task<string?> ReadAsync(CancellationToken cancellationToken = default);

    Task WriteAsync(string hash, CancellationToken cancellationToken = default);
}
