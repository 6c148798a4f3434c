namespace Rapport.Host.Composition;

/// <summary>The files of one node inside its data directory (`--data`, default ./rapport-data).</summary>
public sealed record DataDirectory(string Root)
{
    public string DatabasePath => Path.Combine(Root, "rapport.db");

    /// <summary>The node's Ed25519 identity (libp2p protobuf PrivateKey), readable by its owner only.</summary>
    public string IdentityPath => Path.Combine(Root, "identity.key");

    /// <summary>The audit log's head, signed with the identity key (see docs/architecture.md, "Audit head checkpoint").</summary>
    public string AuditHeadPath => Path.Combine(Root, Application.Audit.Head.AuditHeadProblems.CheckpointFile);

    /// <summary>The running node's control socket (Unix domain socket, owner only); present only while `rapport run` runs.</summary>
    public string SocketPath => Path.Combine(Root, "rapport.sock");

    /// <summary>Held locked by the running node, so a second `rapport run` on the same data dir is refused.</summary>
    public string LockPath => Path.Combine(Root, "rapport.lock");

    public bool IsInitialised => File.Exists(DatabasePath) && File.Exists(IdentityPath);
}
