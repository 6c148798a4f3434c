using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Scoring.Learning;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Audit;
using Rapport.Application.Audit.Head;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring.Learning;
using Rapport.Libp2p.Identity;

namespace Rapport.Host.Composition;

/// <summary>The ports of one node, wired to their adapters. Commands build the use cases they need from these.</summary>
public sealed record NodeServices(DataDirectory Data, SqliteDatabase Database, IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids)
    : IAsyncDisposable
{
    /// <summary>The node's one consent gate: every use of personal data is decided and audited by it.</summary>
    public required ConsentGate Gate { get; init; }

    /// <summary>Learns the node's models (ML.NET, on this machine; nothing leaves the node).</summary>
    public IModelLearner Learner { get; init; } = new MlNetModelLearner();

    /// <summary>Where decisions made on read-only snapshots and partner calls are audited, group-committed.</summary>
    public IAuditJournal Journal => Database.Journal;

    /// <summary>The signed head of the audit log, rewritten after every commit that appends to it.</summary>
    public required IAuditCheckpoint AuditHead { get; init; }

    /// <summary>The node's identity key: who it is to its peers, and the signer of its grants, receipts and audit head.</summary>
    public required NodeIdentity Identity { get; init; }

    /// <summary>What opening found and repaired, for the user to read (a warning line each).</summary>
    public IReadOnlyList<string> Reports { get; init; } = [];

    /// <summary>
    /// Opens an initialised node's store. Refuses, with what it found and how to restore, a data dir whose identity
    /// key is gone, whose database is empty, cut short or not ours, or whose audit log ends before the head the node
    /// signed (unless <paramref name="checkAuditHead"/> is false: `audit verify` reports that itself).
    /// </summary>
    public static async Task<NodeServices> OpenAsync(DataDirectory data, CancellationToken cancellationToken, bool checkAuditHead = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var identity = LoadIdentity(data);
        var database = await SqliteDatabase.OpenAsync(data.DatabasePath, create: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var head = new SignedAuditHeadFile(data.AuditHeadPath, new Ed25519GrantSigner(identity)) { Warn = Console.Error.WriteLine };
            database.AuditCheckpoint = head;
            var factory = new SqliteUnitOfWorkFactory(database);
            var reports = new List<string>();
            if (checkAuditHead)
            {
                var checkedHead = await new CheckAuditHead(factory, head).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                if (checkedHead.IsFailure)
                {
                    throw new StoreUnavailableException($"the node refuses to open {data.Root}: {checkedHead.Error.Message}");
                }

                if (checkedHead.Value is { } report)
                {
                    reports.Add(report);
                }
            }

            // Read once now, so what is wrong with it is reported where the node opens; later changes are warned of.
            var policy = new PolicyFile(data.PolicyPath);
            if (policy.Current is { IsFailure: true } unreadable)
            {
                reports.Add($"warning: every policy decision is denied (POLICY_UNAVAILABLE) until the policy file is fixed: {unreadable.Error.Message}");
            }

            policy.Warn = Console.Error.WriteLine;
            return new NodeServices(data, database, factory, new SystemClock(), new TimeOrderedIds())
            {
                AuditHead = head,
                Identity = identity,
                Reports = reports,
                Gate = new ConsentGate(policy, database.Journal),
            };
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    private static NodeIdentity LoadIdentity(DataDirectory data)
    {
        if (!File.Exists(data.IdentityPath))
        {
            throw new StoreUnavailableException(File.Exists(data.DatabasePath)
                ? $"{data.IdentityPath} is missing, but {data.DatabasePath} holds a node's data: without its key the node can neither prove who it is to its peers nor check its signed audit head. Restore identity.key from a backup"
                : $"no database at {data.DatabasePath}; run `rapport init --data {data.Root}` first");
        }

        var loaded = NodeIdentity.Load(data.IdentityPath);
        return loaded.IsSuccess ? loaded.Value : throw new StoreUnavailableException($"{loaded.Error.Message}; restore identity.key from a backup");
    }
}
