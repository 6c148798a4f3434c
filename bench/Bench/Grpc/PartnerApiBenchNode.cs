using Microsoft.Extensions.DependencyInjection;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Domain.Consent;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Bench.Grpc;

/// <summary>
/// A business node in a temp data dir for the partner API benchmarks: one contact (Ada) with a marketing consent, and
/// a partner allowed to read contacts at a rate no benchmark reaches. Served as `rapport serve-grpc` serves a node
/// (<see cref="ServeAsync"/>). Deleted on dispose.
/// </summary>
internal sealed class PartnerApiBenchNode : IAsyncDisposable
{
    private readonly string _directory;
    private readonly DataDirectory _data;
    private RunningNode? _node;

    private PartnerApiBenchNode(string directory, DataDirectory data, string contactName, string key) =>
        (_directory, _data, ContactName, Key) = (directory, data, contactName, key);

    /// <summary>The consenting contact's resource name, "contacts/{id}".</summary>
    public string ContactName { get; }

    /// <summary>The partner's API key.</summary>
    public string Key { get; }

    /// <summary>Lays out the node and seeds it through its use cases, as the CLI would.</summary>
    public static async Task<PartnerApiBenchNode> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-bench-partner-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(dir);
        await NewNode.CreateAsync(data).ConfigureAwait(false);
        await using var node = new OpenedNode(await NodeServices.OpenAsync(data, CancellationToken.None).ConfigureAwait(false));
        var contact = (await node.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace", "ada@example.org", Company: "Analytical")).ConfigureAwait(false)).Value;
        await node.Get<RecordConsent>().ExecuteAsync(new RecordConsentCommand(
            contact.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "bench")).ConfigureAwait(false);
        var key = (await node.Get<AddPartner>().ExecuteAsync("bench", "contacts:read", "1000000/s").ConfigureAwait(false)).Value.ApiKey;
        return new PartnerApiBenchNode(dir, data, $"contacts/{contact.Id}", key);
    }

    /// <summary>
    /// Starts the node serving its partner API on a free loopback port and no libp2p listener; with
    /// <paramref name="replace"/>, registrations that replace the node's (a benchmark variant).
    /// </summary>
    public async Task<RunningNode> ServeAsync(Action<IServiceCollection>? replace = null)
    {
        var options = new RapportNodeOptions { Grpc = "127.0.0.1:0" };
        var started = await RunningNode.StartAsync(_data, options, null, _ => { }, CancellationToken.None, replace).ConfigureAwait(false);
        _node = started.IsSuccess ? started.Value : throw new InvalidOperationException($"the node in {_data.Root} did not start: {started.Error.Message}");
        return _node;
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().ConfigureAwait(false);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
