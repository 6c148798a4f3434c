namespace Rapport.Host.Composition;

/// <summary>The files of one node inside its data directory (`--data`, default ./rapport-data).</summary>
public sealed record DataDirectory(string Root)
{
    public string DatabasePath => Path.Combine(Root, "rapport.db");

    /// <summary>The node's Ed25519 identity (libp2p protobuf PrivateKey), readable by its owner only.</summary>
    public string IdentityPath => Path.Combine(Root, "identity.key");

    public bool IsInitialised => File.Exists(DatabasePath) && File.Exists(IdentityPath);
}
