using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;
using Rapport.Host.Composition;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// One node, laid out as `rapport init` lays one out (identity key, SQLite file, policy), whose use cases and sync
/// steps come from the node's own composition (<see cref="NodePorts.AddNodeCore"/> and
/// <see cref="SharedRecordRegistration.AddSharedRecordSync"/>). No network: the test moves the sync steps' messages
/// itself, a settable clock replaces the system's, and the consent channel hands grants straight to the other node's
/// <see cref="ReceiveGrant"/> (or fails, as when offline). Change notifications reach only the sessions (none run).
/// </summary>
internal sealed class SyncNode : IAsyncDisposable
{
    private readonly string _directory;
    private readonly NodeServices _node;
    private readonly ServiceProvider _services;

    private SyncNode(string directory, NodeServices node)
    {
        _directory = directory;
        _node = node;
        _services = new ServiceCollection()
            .AddNodeCore(node)
            .AddSharedRecordSync()
            .Replace(ServiceDescriptor.Singleton<IClock>(Clock))
            .Replace(ServiceDescriptor.Singleton<IConsentChannel>(Channel))
            .AddSingleton<ISharedRecordChanges>(sp => sp.GetRequiredService<SharedRecordChanges>())
            .BuildServiceProvider();
    }

    public string PeerId => _node.Identity.PeerId.ToString();

    public IUnitOfWorkFactory Store => _node.UnitOfWork;
    public TestClock Clock { get; } = new();
    public NodeClock NodeClock => Get<NodeClock>();
    public DirectChannel Channel { get; } = new();
    public SharedRecordSync Sync => Get<SharedRecordSync>();
    public ReceiveGrant Receive => Get<ReceiveGrant>();
    public AcceptRequest Accept => Get<AcceptRequest>();
    public RevokeGrant Revoke => Get<RevokeGrant>();
    public EditSharedField Edit => Get<EditSharedField>();
    public LogSharedInteraction Log => Get<LogSharedInteraction>();
    public UpdateProfile Profile => Get<UpdateProfile>();

    /// <summary>Any use case of the node, from its container.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<SyncNode> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-records-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(directory);
        var laid = await NewNode.CreateAsync(data);
        Assert.True(laid.IsSuccess, laid.IsFailure ? laid.Error.ToString() : null);
        return new SyncNode(directory, await NodeServices.OpenAsync(data, CancellationToken.None));
    }

    public async Task<SharedRecord> RecordAsync(SharedRecordPair pair)
    {
        await using var work = await Store.BeginAsync();
        return await work.SharedRecords.FindAsync(pair, PeerId) ?? SharedRecord.Create(PeerId);
    }

    public async Task<IReadOnlyList<Domain.Audit.AuditEvent>> AuditAsync()
    {
        await using var work = await Store.BeginAsync();
        return [.. (await work.Audit.QueryAsync(new AuditQuery(null, null, 10_000))).Select(e => e.Event)];
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }

    internal sealed class TestClock : IClock
    {
        public DateTimeOffset UtcNow { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => UtcNow += by;
    }

    internal sealed class DirectChannel : IConsentChannel
    {
        public Func<SignedConsentGrant, Task<Result<GrantReceipt>>>? Deliver { get; set; }

        public Task<Result<Unit>> SendRequestAsync(SharingRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result<Unit>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));

        public Task<Result<GrantReceipt>> DeliverGrantAsync(SignedConsentGrant grant, CancellationToken cancellationToken = default) =>
            Deliver?.Invoke(grant) ?? Task.FromResult<Result<GrantReceipt>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));

        public Task<Result<Unit>> SendDeclineAsync(string businessPeerId, SharingDecline decline, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result<Unit>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));
    }
}
