namespace Rapport.Host.Tests.Daemon;

/// <summary>
/// A business and a customer, each with an initialised data directory and a running `rapport run` process; the
/// business has the customer as a platform-native contact (Ada Customer) and is connected to its node.
/// </summary>
internal sealed class RelatedNodes : IAsyncDisposable
{
    private RelatedNodes(CliHarness business, CliHarness customer)
    {
        Business = business;
        Customer = customer;
    }

    public CliHarness Business { get; }
    public CliHarness Customer { get; }
    public NodeProcess BusinessNode { get; private set; } = null!;
    public NodeProcess CustomerNode { get; private set; } = null!;
    public string BusinessPeer { get; private set; } = "";
    public string CustomerPeer { get; private set; } = "";
    public string Contact { get; private set; } = "";

    /// <summary>What `peers connect` printed on the business.</summary>
    public CliRun Connected { get; private set; } = null!;

    /// <summary>Both nodes' output, for assertion messages.</summary>
    public string Logs() => $"\nbusiness: {BusinessNode.Log}\ncustomer: {CustomerNode.Log}";

    public static async Task<RelatedNodes> StartAsync()
    {
        var nodes = new RelatedNodes(new CliHarness(), new CliHarness());
        try
        {
            nodes.BusinessPeer = (await nodes.Business.OkAsync("init", "--json")).Json.GetProperty("peerId").GetString()!;
            nodes.CustomerPeer = (await nodes.Customer.OkAsync("init", "--json")).Json.GetProperty("peerId").GetString()!;
            nodes.BusinessNode = await NodeProcess.StartAsync(nodes.Business.Root);
            nodes.CustomerNode = await NodeProcess.StartAsync(nodes.Customer.Root);
            nodes.Contact = (await nodes.Business.OkAsync(
                "contacts", "add", "--name", "Ada Customer", "--email", "ada@example.com", "--peer", nodes.CustomerPeer, "--json")).Json.GetProperty("id").GetString()!;
            nodes.Connected = await nodes.Business.OkAsync("peers", "connect", nodes.CustomerNode.Address);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the business's node again on its data dir (after a stop or a kill).</summary>
    public async Task RestartBusinessAsync()
    {
        await BusinessNode.DisposeAsync();
        BusinessNode = await NodeProcess.StartAsync(Business.Root);
    }

    public async ValueTask DisposeAsync()
    {
        if (CustomerNode is not null)
        {
            await CustomerNode.DisposeAsync();
        }

        if (BusinessNode is not null)
        {
            await BusinessNode.DisposeAsync();
        }

        Customer.Dispose();
        Business.Dispose();
    }
}
