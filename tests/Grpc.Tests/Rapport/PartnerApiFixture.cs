using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Common;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Host.Composition;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>The partner API as a node serves it (Grpc.AspNetCore, interceptors, real SQLite node), seeded with partners and contacts.</summary>
public sealed class PartnerApiFixture : IAsyncLifetime
{
    private TestNode _node = null!;

    public RawGrpcClient Client => _node.Client;
    public Uri Address => _node.Address;
    public IUnitOfWorkFactory Factory => _node.Get<IUnitOfWorkFactory>();
    public Application.Audit.IAuditJournal Journal => _node.Get<Application.Audit.IAuditJournal>();
    public IClock Clock => _node.Get<IClock>();
    public IIdGenerator Ids => _node.Get<IIdGenerator>();
    /// <summary>A use case (or part) of the running node, from its container.</summary>
    public T Get<T>() where T : notnull => _node.Get<T>();

    public string ReaderKey { get; private set; } = null!;
    public string ThrottledKey { get; private set; } = null!;
    public string FullKey { get; private set; } = null!;
    public string Consenting { get; private set; } = null!;
    public string NotConsenting { get; private set; } = null!;

    /// <summary>A contact who objected to the business's own record keeping (a revoked crm record).</summary>
    public string Objecting { get; private set; } = null!;

    /// <summary>The gate's policy: the built-in one, or none at all while a test sets <see cref="SwitchablePolicy.Unreadable"/>.</summary>
    public SwitchablePolicy Policy { get; } = new();

    public async Task InitializeAsync() =>
        _node = await TestNode.StartAsync(
            services: services => services.AddSingleton(sp => new ConsentGate(Policy, sp.GetRequiredService<Application.Audit.IAuditJournal>())),
            seed: SeedAsync);

    private async Task SeedAsync(OpenedNode node)
    {
        var create = node.Get<CreateContact>();
        var yes = (await create.ExecuteAsync(new ContactInput("Yes Marketing"))).Value;
        var no = (await create.ExecuteAsync(new ContactInput("No Marketing"))).Value;
        var record = node.Get<RecordConsent>();
        Assert.True((await record.ExecuteAsync(new RecordConsentCommand(
            yes.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
        Assert.True((await record.ExecuteAsync(new RecordConsentCommand(
            yes.Id, Purpose.Analytics, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
        var objecting = (await create.ExecuteAsync(new ContactInput("Objecting Customer"))).Value;
        Assert.True((await record.ExecuteAsync(new RecordConsentCommand(
            objecting.Id, Purpose.Crm, LegalBasis.LegitimateInterest, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
        Assert.True((await node.Get<Application.Consent.Revoke.RevokeConsent>().ExecuteAsync(new(objecting.Id, Purpose.Crm, "test"))).IsSuccess);
        Objecting = $"contacts/{objecting.Id}";
        Consenting = $"contacts/{yes.Id}";
        NotConsenting = $"contacts/{no.Id}";
        var partners = node.Get<AddPartner>();
        ReaderKey = (await partners.ExecuteAsync("reader", "contacts:read", "1000/s")).Value.ApiKey;
        FullKey = (await partners.ExecuteAsync("full", string.Join(',', PartnerScopes.All), "1000/s")).Value.ApiKey;
        Assert.True((await node.Get<Application.Pipeline.CreatePipeline>().ExecuteAsync("sales", ["lead:10", "won:100"])).IsSuccess);
        ThrottledKey = (await partners.ExecuteAsync("throttled", "contacts:read", "1/m")).Value.ApiKey;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

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
}
