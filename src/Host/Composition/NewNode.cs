using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Storage.Sqlite;

namespace Rapport.Host.Composition;

/// <summary>Lays out a new node's data directory: the directory (owner only), its identity key and its database.</summary>
public static class NewNode
{
    /// <summary>Creates what is missing and returns the node's identity; an existing identity and database are kept.</summary>
    public static async Task<NodeIdentity> CreateAsync(DataDirectory data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CreatePrivateDirectory(data.Root);
        NodeIdentity identity;
        if (File.Exists(data.IdentityPath))
        {
            var loaded = NodeIdentity.Load(data.IdentityPath);
            identity = loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Error.Message);
        }
        else
        {
            identity = NodeIdentity.Generate();
            identity.Save(data.IdentityPath);
        }

        await (await SqliteDatabase.OpenAsync(data.DatabasePath, create: true, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        return identity;
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
