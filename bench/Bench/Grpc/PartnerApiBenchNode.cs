using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Domain.Consent;
using Rapport.Host.Composition;

namespace Rapport.Bench.Grpc;

/// <summary>
/// A business node in a temp data dir for the partner API benchmarks: one contact (Ada) with a marketing consent, and
/// a partner allowed to read contacts at a rate no benchmark reaches. Deleted on dispose.
/// </summary>
internal sealed class PartnerApiBenchNode : IAsyncDisposable
{
    private readonly string _directory;

    private PartnerApiBenchNode(string directory, NodeServices node, string contactName, string key) =>
        (_directory, Node, ContactName, Key) = (directory, node, contactName, key);

    public NodeServices Node { get; }

    /// <summary>The consenting contact's resource name, "contacts/{id}".</summary>
    public string ContactName { get; }

    /// <summary>The partner's API key.</summary>
    public string Key { get; }

    public static async Task<PartnerApiBenchNode> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-bench-partner-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(dir);
        await NewNode.CreateAsync(data).ConfigureAwait(false);
        var node = await NodeServices.OpenAsync(data, CancellationToken.None).ConfigureAwait(false);
        var contact = (await new CreateContact(node.UnitOfWork, node.Clock, node.Ids).ExecuteAsync(new ContactInput("Ada Lovelace", "ada@example.org", Company: "Analytical")).ConfigureAwait(false)).Value;
        await new RecordConsent(node.UnitOfWork, node.Clock).ExecuteAsync(new RecordConsentCommand(
            contact.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "bench")).ConfigureAwait(false);
        var key = (await new AddPartner(node.UnitOfWork, node.Clock).ExecuteAsync("bench", "contacts:read", "1000000/s").ConfigureAwait(false)).Value.ApiKey;
        return new PartnerApiBenchNode(dir, node, $"contacts/{contact.Id}", key);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
