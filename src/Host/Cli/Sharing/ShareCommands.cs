using System.CommandLine;
using Rapport.Application.Contacts.Peer;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Cli.Control;
using Rapport.Host.Control;
using Rapport.Host.Control.Views;

namespace Rapport.Host.Cli.Sharing;

/// <summary>`rapport share request`: the business asks a platform-native customer to share (through the running node).</summary>
public static class ShareCommands
{
    public static Command Build()
    {
        var share = new Command("share", "Ask customers to share their data (business side; needs `rapport run`).");
        share.Subcommands.Add(Request());
        return share;
    }

    private static Command Request()
    {
        var contact = new Option<string>("--contact") { Required = true, Description = "The contact's id; it must be platform-native (have a peer id)." };
        var fields = new Option<string[]>("--fields") { Required = true, Description = "FIELD=view|edit, comma-separated or repeated, e.g. email=view,phone=edit." };
        var purposes = new Option<string[]>("--purposes") { Description = "Purposes, comma-separated or repeated, e.g. analytics,marketing." };
        var days = new Option<int>("--days") { Description = "How long the consent would last, in days.", DefaultValueFactory = _ => 30 };
        var reason = new Option<string>("--reason") { Required = true, Description = "Why you ask; shown to the customer as is." };
        var command = new Command("request", "Send a sharing request to a platform-native contact.") { contact, fields, purposes, days, reason };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = CliInput.Contact(ctx.Value(contact));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var wanted = SharingInput.Fields(ctx.Value(fields), "--fields");
            if (wanted.IsFailure)
            {
                return ctx.Fail(wanted.Error);
            }

            if (ctx.Value(days) is < 1 or > 5 * 366)
            {
                return ctx.Fail(new Domain.Common.Error(CliErrors.InvalidDays, "--days must be 1..1830", "--days"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var peer = await node.Get<FindCustomerPeer>().ExecuteAsync(id.Value, "only platform-native customers can be asked to share", "--contact", ct).ConfigureAwait(false);
            if (peer.IsFailure)
            {
                return ctx.Fail(peer.Error);
            }

            var args = new
            {
                customer = peer.Value.Value,
                fields = wanted.Value,
                purposes = SharingInput.List(ctx.Parse.GetValue(purposes) ?? []),
                days = ctx.Value(days),
                reason = ctx.Value(reason),
            };
            return await NodeCall.RunAsync(ctx, "share.request", args, response =>
            {
                var request = ControlClient.Read<RequestView>(response);
                if (ctx.Json)
                {
                    ctx.WriteJson(request);
                }
                else
                {
                    System.Console.Out.WriteLine($"request {request.Id} sent to {request.Customer} (pending their decision)");
                }

                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
