using System.CommandLine;
using Rapport.Application.Contacts.Peer;
using Rapport.Domain.Common;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Control;

namespace Rapport.Host.Cli.SharedRecords;

/// <summary>
/// Which relationship a shared-record command is about: the business names its platform-native contact
/// (`--contact ID`), either side may name the other node (`--peer PEER_ID`).
/// </summary>
internal sealed class SharedPeer
{
    public Option<string> Contact { get; } = new("--contact") { Description = "The platform-native contact (business side)." };

    public Option<string> Peer { get; } = new("--peer") { Description = "The other node's peer id (12D3KooW…)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Contact);
        command.Options.Add(Peer);
    }

    public async Task<Result<string>> ResolveAsync(CliContext ctx, CancellationToken ct)
    {
        var contact = ctx.Parse.GetValue(Contact);
        var peer = ctx.Parse.GetValue(Peer);
        if ((contact is null) == (peer is null))
        {
            return new Error(PeerErrors.InvalidPeer, "name the relationship with exactly one of --contact ID or --peer PEER_ID", "--contact");
        }

        if (peer is not null)
        {
            return peer;
        }

        var id = CliInput.Contact(contact);
        if (id.IsFailure)
        {
            return id.Error;
        }

        var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
        var found = await node.Get<FindCustomerPeer>().ExecuteAsync(id.Value, "only platform-native customers have a shared record", "--contact", ct).ConfigureAwait(false);
        return found.IsFailure ? found.Error : found.Value.Value;
    }
}
