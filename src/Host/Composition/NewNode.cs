using Rapport.Adapters.Libp2p;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Domain.Common;
using Rapport.Libp2p.Identity;

namespace Rapport.Host.Composition;

/// <summary>Lays out a new node's data directory: the directory (owner only), its identity key and its database.</summary>
public static class NewNode
{
    /// <summary>The node's identity, and whether this call made it (false: an identity already there was kept).</summary>
    public sealed record Laid(NodeIdentity Identity, bool IdentityCreated);

    /// <summary>
    /// Creates what is missing; an existing identity and database are kept. Fails, writing nothing more, when the
    /// identity key there does not load.
    /// </summary>
    public static async Task<Result<Laid>> CreateAsync(DataDirectory data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CreatePrivateDirectory(data.Root);
        Laid laid;
        if (File.Exists(data.IdentityPath))
        {
            var loaded = NodeIdentity.Load(data.IdentityPath);
            if (loaded.IsFailure)
            {
                return loaded.Error.ToRapport();
            }

            laid = new Laid(loaded.Value, IdentityCreated: false);
        }
        else
        {
            laid = new Laid(NodeIdentity.Generate(), IdentityCreated: true);
            laid.Identity.Save(data.IdentityPath);
        }

        await (await SqliteDatabase.OpenAsync(data.DatabasePath, create: true, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        return laid;
    }

    /// <summary>The data dir holds personal data: only its owner may list or enter it.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
