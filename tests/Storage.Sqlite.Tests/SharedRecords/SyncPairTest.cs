using Rapport.Application.SharedRecords;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// A business node and a customer node, each on its own SQLite file, whose consent channel delivers the customer's
/// grants straight to the business's ReceiveGrant (no network: the wire adapter has its own tests).
/// </summary>
public abstract class SyncPairTest : IAsyncLifetime
{
    protected const string BusinessId = "12D3KooWBusiness1111111111111111111111111111111";
    protected const string CustomerId = "12D3KooWCustomer2222222222222222222222222222222";
    protected static readonly SharedRecordPair Pair = new(BusinessId, CustomerId);

    private protected SyncNode BusinessNode { get; private set; } = null!;

    private protected SyncNode CustomerNode { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BusinessNode = await SyncNode.CreateAsync(BusinessId);
        CustomerNode = await SyncNode.CreateAsync(CustomerId);
        CustomerNode.Channel.Deliver = grant => BusinessNode.Receive.ExecuteAsync(grant, CustomerId);
    }

    public async Task DisposeAsync()
    {
        await BusinessNode.DisposeAsync();
        await CustomerNode.DisposeAsync();
    }
}
