using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>The partner API (bindings + interceptors) on a real Kestrel server over a real SQLite file.</summary>
public sealed class PartnerApiFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rapport-partner-api-" + Guid.NewGuid().ToString("N"));

    public GrpcServer Server { get; private set; } = null!;
    public RawGrpcClient Client { get; private set; } = null!;
    public SqliteUnitOfWorkFactory Factory { get; private set; } = null!;
    public Application.Audit.IAuditJournal Journal { get; private set; } = null!;
    public string ReaderKey { get; private set; } = null!;
    public string ThrottledKey { get; private set; } = null!;
    public string FullKey { get; private set; } = null!;
    public string Consenting { get; private set; } = null!;
    public string NotConsenting { get; private set; } = null!;

    /// <summary>A contact who objected to the business's own record keeping (a revoked crm record).</summary>
    public string Objecting { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var database = await SqliteDatabase.OpenAsync(Path.Combine(_dir, "rapport.db"));
        Factory = new SqliteUnitOfWorkFactory(database);
        var clock = new UtcClock();
        var ids = new RandomIds();
        var create = new CreateContact(Factory, clock, ids);
        var yes = (await create.ExecuteAsync(new ContactInput("Yes Marketing"))).Value;
        var no = (await create.ExecuteAsync(new ContactInput("No Marketing"))).Value;
        var granted = await new RecordConsent(Factory, clock).ExecuteAsync(new RecordConsentCommand(
            yes.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"));
        Assert.True(granted.IsSuccess);
        Assert.True((await new RecordConsent(Factory, clock).ExecuteAsync(new RecordConsentCommand(
            yes.Id, Purpose.Analytics, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
        var objecting = (await create.ExecuteAsync(new ContactInput("Objecting Customer"))).Value;
        Assert.True((await new RecordConsent(Factory, clock).ExecuteAsync(new RecordConsentCommand(
            objecting.Id, Purpose.Crm, LegalBasis.LegitimateInterest, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
        Assert.True((await new Application.Consent.Revoke.RevokeConsent(Factory, clock).ExecuteAsync(new(objecting.Id, Purpose.Crm, "test"))).IsSuccess);
        Objecting = $"contacts/{objecting.Id}";
        Consenting = $"contacts/{yes.Id}";
        NotConsenting = $"contacts/{no.Id}";
        ReaderKey = (await new AddPartner(Factory, clock).ExecuteAsync("reader", "contacts:read", "1000/s")).Value.ApiKey;
        FullKey = (await new AddPartner(Factory, clock).ExecuteAsync("full", string.Join(',', PartnerScopes.All), "1000/s")).Value.ApiKey;
        Assert.True((await new Application.Pipeline.CreatePipeline(Factory, clock, ids).ExecuteAsync("sales", ["lead:10", "won:100"])).IsSuccess);
        ThrottledKey = (await new AddPartner(Factory, clock).ExecuteAsync("throttled", "contacts:read", "1/m")).Value.ApiKey;
        Journal = database.Journal;
        var useCases = new RapportUseCases(Factory, clock, ids, new ConsentGate(Policy, Journal), Journal);
        Server = await GrpcServer.StartAsync(new GrpcServerOptions(), RapportApi.Services(useCases), RapportApi.Interceptors(useCases));
        Client = new RawGrpcClient(Server.Address);
    }

    /// <summary>The gate's policy: the built-in one, or none at all while a test sets <see cref="SwitchablePolicy.Unreadable"/>.</summary>
    public SwitchablePolicy Policy { get; } = new();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// The node's policy as the gate sees it. The file that stands behind it in a node is tested in the Host; here it
    /// only has to be readable or not, to see what a partner gets when it is not.
    /// </summary>
    public sealed class SwitchablePolicy : IPolicySource
    {
        public string? Unreadable { get; set; }

        public Domain.Common.Result<PolicyMatrix> Current =>
            Unreadable is { } problem ? new Domain.Common.Error(PolicyErrors.PolicyInvalid, problem) : PolicyMatrix.Default;
    }

    internal sealed class UtcClock : IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }

    internal sealed class RandomIds : IIdGenerator
    {
        public Guid NewId() => Guid.CreateVersion7();
    }
}
