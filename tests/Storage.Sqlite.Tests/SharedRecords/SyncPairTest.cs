using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// A business node and a customer node, each in its own data dir, whose consent channel delivers the customer's
/// grants straight to the business's ReceiveGrant (no network: the wire adapter has its own tests).
/// </summary>
public abstract class SyncPairTest : IAsyncLifetime
{
    protected string BusinessId => BusinessNode.PeerId;
    protected string CustomerId => CustomerNode.PeerId;
    protected SharedRecordPair Pair => new(BusinessId, CustomerId);

    private protected SyncNode BusinessNode { get; private set; } = null!;

    private protected SyncNode CustomerNode { get; private set; } = null!;

    protected void Tick()
    {
        BusinessNode.Clock.Advance(TimeSpan.FromSeconds(1));
        CustomerNode.Clock.Advance(TimeSpan.FromSeconds(1));
    }

    private protected async Task GrantAsync(IReadOnlyDictionary<string, AccessLevel> fields)
    {
        var request = SharingRequest.Create(
            new SharingRequestId(Guid.NewGuid()), BusinessId, CustomerId, fields, ["support"], TimeSpan.FromDays(30), "service", CustomerNode.Clock.UtcNow).Value;
        await using (var work = await CustomerNode.Store.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(request, RequestDirection.Incoming, CustomerNode.Clock.UtcNow);
            await work.CommitAsync();
        }

        var issued = await CustomerNode.Accept.ExecuteAsync(new AcceptRequestCommand(request.Id, fields, ["support"], "cli"));
        Assert.True(issued.IsSuccess, issued.IsFailure ? issued.Error.ToString() : null);
        Tick();
    }

    /// <summary>One session: Hellos, revocations first, then DeltaSince both ways. Returns what each side applied.</summary>
    private protected async Task<(Rapport.Domain.Common.Result<DeltaApplied> AtBusiness, Rapport.Domain.Common.Result<DeltaApplied> AtCustomer)> SyncAsync()
    {
        var businessHello = (await BusinessNode.Sync.OpenAsync(CustomerId)).Value;
        var customerHello = (await CustomerNode.Sync.OpenAsync(BusinessId)).Value;
        Assert.Equal(SharingRole.Business, businessHello.Role);
        Assert.Equal(SharingRole.Customer, customerHello.Role);
        if (await CustomerNode.Sync.GrantToPushAsync(BusinessId, businessHello.GrantVersion) is { } newer)
        {
            var received = await BusinessNode.Sync.ReceiveGrantAsync(CustomerId, newer, customerHello.Versions.Get(CustomerId));
            Assert.True(received.IsSuccess, received.IsFailure ? received.Error.ToString() : null);
        }

        Assert.Null(await BusinessNode.Sync.GrantToPushAsync(CustomerId, 0));
        var toBusiness = await CustomerNode.Sync.DeltaSinceAsync(BusinessId, businessHello.Versions);
        var toCustomer = await BusinessNode.Sync.DeltaSinceAsync(CustomerId, customerHello.Versions);
        var atBusiness = toBusiness.IsSuccess ? await BusinessNode.Sync.ApplyAsync(CustomerId, toBusiness.Value) : toBusiness.Error;
        var atCustomer = toCustomer.IsSuccess ? await CustomerNode.Sync.ApplyAsync(BusinessId, toCustomer.Value) : toCustomer.Error;
        Tick();
        return (atBusiness, atCustomer);
    }

    public async Task InitializeAsync()
    {
        BusinessNode = await SyncNode.CreateAsync();
        CustomerNode = await SyncNode.CreateAsync();
        CustomerNode.Channel.Deliver = grant => BusinessNode.Receive.ExecuteAsync(grant, CustomerId);
    }

    public async Task DisposeAsync()
    {
        await BusinessNode.DisposeAsync();
        await CustomerNode.DisposeAsync();
    }
}
