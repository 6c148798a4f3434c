using Rapport.Domain.Common;

namespace Rapport.Host.Composition;

/// <summary>The files of one node inside its data directory (`--data`, default ./rapport-data).</summary>
public sealed record DataDirectory(string Root)
{
    public string DatabasePath => Path.Combine(Root, "rapport.db");

    /// <summary>The node's Ed25519 identity (libp2p protobuf PrivateKey), readable by its owner only.</summary>
    public string IdentityPath => Path.Combine(Root, "identity.key");

    /// <summary>The audit log's head, signed with the identity key (see docs/architecture.md, "Audit head checkpoint").</summary>
    public string AuditHeadPath => Path.Combine(Root, Application.Audit.Head.AuditHeadProblems.CheckpointFile);

    /// <summary>The node's own policy, when it has one (docs/policy.md); without it the built-in policy decides.</summary>
    public string PolicyPath => Path.Combine(Root, "policy.json");

    /// <summary>The business's own lead-score weights, when it has them; without them the built-in weights score.</summary>
    public string LeadWeightsPath => Path.Combine(Root, "lead-weights.json");

    /// <summary>The running node's control socket (Unix domain socket, owner only); present only while `rapport run` runs.</summary>
    public string SocketPath => Path.Combine(Root, "rapport.sock");

    /// <summary>Held locked by the running node, so a second `rapport run` on the same data dir is refused.</summary>
    public string LockPath => Path.Combine(Root, "rapport.lock");

    /// <summary>The node's settings file (optional): what `rapport run` reads between its defaults and the environment.</summary>
    public string SettingsPath => Path.Combine(Root, "rapport.json");

    /// <summary>The keys that protect the web console's session and anti-forgery cookies (a 0700 folder).</summary>
    public string WebKeysPath => Path.Combine(Root, "web-keys");

    /// <summary>The Argon2id hash of the web console's admin passphrase (`rapport web passwd`).</summary>
    public string AdminPassphrasePath => Path.Combine(Root, "web-admin.passphrase");

    public bool IsInitialised => File.Exists(DatabasePath) && File.Exists(IdentityPath);

    /// <summary>
    /// Whether this process may create files here (a file is created and removed): a node writes its lock, database,
    /// audit head and control socket here, and must say so before it takes anything — not fail half-way.
    /// </summary>
    public Result<Unit> CheckWritable()
    {
        var probe = Path.Combine(Root, $".rapport-write-check-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return Result.Ok();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new Error(
                DataDirectoryErrors.NotWritable,
                $"this user cannot write in the data directory {Root} ({e.Message}); the node keeps its lock, database, audit head and control socket there. Give this user write access to it, or choose another directory with --data",
                "data");
        }
    }

    /// <summary>
    /// A warning for each of the node's files that others may read (or the directory others may enter): personal data
    /// and the node's key belong to its owner only. Empty on Windows, where modes do not apply.
    /// </summary>
    public IReadOnlyList<string> LooseModes()
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var warnings = new List<string>();
        if (Directory.Exists(Root) && (File.GetUnixFileMode(Root) & others) != 0)
        {
            warnings.Add($"warning: the data dir {Root} can be entered by other users ({Octal(File.GetUnixFileMode(Root))}); run `chmod 700 {Root}`");
        }

        foreach (var file in (string[])[DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", IdentityPath, AuditHeadPath, AdminPassphrasePath])
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & others) != 0)
            {
                warnings.Add($"warning: {file} can be read by other users ({Octal(File.GetUnixFileMode(file))}); run `chmod 600 {file}`");
            }
        }

        return warnings;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
