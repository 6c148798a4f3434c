using System.CommandLine;
using System.Globalization;
using Rapport.Application.Sharing.List;
using Rapport.Application.Sharing.Show;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Cli.Control;
using Rapport.Host.Control;
using Rapport.Host.Control.Views;
using Spectre.Console;

namespace Rapport.Host.Cli.Sharing;

/// <summary>
/// `rapport requests list|show|accept|decline`: sharing requests this node sent (business) or received (customer).
/// Reading works from the store; deciding needs the running node, which delivers the answer.
/// </summary>
public static class RequestsCommands
{
    private static readonly Argument<string> Id = new("ID") { Description = "The request id, as `rapport requests list` shows it." };

    public static Command Build()
    {
        var requests = new Command("requests", "Sharing requests: list and show them; accept or decline the ones you received.");
        requests.Subcommands.Add(List());
        requests.Subcommands.Add(Show());
        requests.Subcommands.Add(Accept());
        requests.Subcommands.Add(Decline());
        return requests;
    }

    private static Command List()
    {
        var pending = new Option<bool>("--pending") { Description = "Only requests still waiting for a decision." };
        var command = new Command("list", "List sharing requests, newest first (received ones are `incoming`).") { pending };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var all = await node.Get<ListSharingRequests>().ExecuteAsync(ct).ConfigureAwait(false);
            var views = all.Select(RequestView.Of).Where(r => !ctx.Value(pending) || r.Status == "pending").ToList();
            if (ctx.Json)
            {
                ctx.WriteJson(views);
                return ExitCodes.Ok;
            }

            var console = CliInput.Out();
            if (views.Count == 0)
            {
                console.WriteLine("no sharing requests");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "direction", "status", "peer", "fields", "purposes", "days", "reason");
            foreach (var r in views)
            {
                table.AddRow(
                    r.Id, r.Direction, r.Status, Markup.Escape(r.Direction == "incoming" ? r.Business : r.Customer),
                    Markup.Escape(FieldsText(r.Fields)), Markup.Escape(string.Join(',', r.Purposes)),
                    r.Days.ToString("0.##", CultureInfo.InvariantCulture), Markup.Escape(r.Reason));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show one sharing request.") { Id };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = SharingInput.RequestId(ctx.Value(Id));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var found = await node.Get<ShowSharingRequest>().ExecuteAsync(id.Value, "ID", ct).ConfigureAwait(false);
            if (found.IsFailure)
            {
                return ctx.Fail(found.Error);
            }

            var view = RequestView.Of(found.Value);
            if (ctx.Json)
            {
                ctx.WriteJson(view);
                return ExitCodes.Ok;
            }

            var table = new Table().HideHeaders().AddColumns("", "");
            table.AddRow("id", view.Id);
            table.AddRow("direction", view.Direction);
            table.AddRow("status", view.Status);
            table.AddRow("business", Markup.Escape(view.Business));
            table.AddRow("customer", Markup.Escape(view.Customer));
            table.AddRow("fields", Markup.Escape(FieldsText(view.Fields)));
            table.AddRow("purposes", Markup.Escape(string.Join(',', view.Purposes)));
            table.AddRow("duration", $"{view.Days.ToString("0.##", CultureInfo.InvariantCulture)} days");
            table.AddRow("reason", Markup.Escape(view.Reason));
            table.AddRow("created", SharingInput.Format(view.CreatedAt));
            if (view.Status == "declined")
            {
                table.AddRow("declined because", Markup.Escape(view.DeclineReason ?? "(no reason given)"));
            }

            CliInput.Out().Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Accept()
    {
        var fields = new Option<string[]>("--fields")
        {
            Description = "Grant only these fields, at most at the requested level (FIELD=view|edit, comma-separated); default: all as requested.",
        };
        var purposes = new Option<string[]>("--purposes") { Description = "Agree only to these purposes (comma-separated); default: all requested ones." };
        var command = new Command("accept", "Accept a received request (all or part of it): sign a grant and deliver it to the business.") { Id, fields, purposes };
        CliAction.Set(command, (ctx, ct) => AcceptAsync(ctx, ctx.Value(Id), ctx.Parse.GetValue(fields), ctx.Parse.GetValue(purposes), ct));
        return command;
    }

    private static Command Decline()
    {
        var reason = new Option<string>("--reason") { Description = "Tell the business why (optional, at most 2,000 characters)." };
        var command = new Command("decline", "Decline a received request; the business is told (and why, with --reason).") { Id, reason };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = SharingInput.RequestId(ctx.Value(Id));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            return await NodeCall.RunAsync(ctx, "requests.decline", new { id = id.Value.ToString(), reason = ctx.Parse.GetValue(reason) }, response =>
            {
                if (ctx.Json)
                {
                    System.Console.Out.WriteLine(response.Result!.Value.ToString());
                    return ExitCodes.Ok;
                }

                var delivered = response.Result!.Value.GetProperty("delivered").GetBoolean();
                System.Console.Out.WriteLine(delivered
                    ? $"declined {id.Value}; the business was told"
                    : $"declined {id.Value}; the business could not be told ({response.Result.Value.GetProperty("deliveryError").GetString()})");
                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The customer's decision on a received request, all or part of it (also `rapport consent grant --request ID`).</summary>
    internal static async Task<int> AcceptAsync(CliContext ctx, string requestId, string[]? fields, string[]? purposes, CancellationToken ct)
    {
        var id = SharingInput.RequestId(requestId);
        if (id.IsFailure)
        {
            return ctx.Fail(id.Error);
        }

        IReadOnlyDictionary<string, string>? chosen = null;
        if (fields is { Length: > 0 } given)
        {
            var parsed = SharingInput.Fields(given, "--fields");
            if (parsed.IsFailure)
            {
                return ctx.Fail(parsed.Error);
            }

            chosen = parsed.Value;
        }

        var agreed = purposes is { Length: > 0 } p ? SharingInput.List(p) : null;
        var args = new { id = id.Value.ToString(), fields = chosen, purposes = agreed };
        return await NodeCall.RunAsync(ctx, "requests.accept", args, response => RenderIssued(ctx, response, "granted"), ct).ConfigureAwait(false);
    }

    /// <summary>Reports a grant or revocation the node signed: delivered (with receipt), or stored and retried.</summary>
    internal static int RenderIssued(CliContext ctx, ControlResponse response, string verb)
    {
        var issued = ControlClient.Read<IssuedView>(response);
        if (ctx.Json)
        {
            ctx.WriteJson(issued);
            return ExitCodes.Ok;
        }

        var grant = issued.Grant;
        System.Console.Out.WriteLine(
            $"{verb}: version {grant.Version} to {grant.Business} (fields {FieldsText(grant.Fields)}; purposes {PurposesText(grant.Purposes)}; until {SharingInput.Format(grant.ExpiresAt)})");
        System.Console.Out.WriteLine(issued.Delivered
            ? $"delivered: receipt signed by the business at {SharingInput.Format(grant.Receipt?.ReceivedAt)}"
            : $"not delivered yet ({issued.DeliveryError}); the running node keeps retrying");
        return ExitCodes.Ok;
    }

    internal static string FieldsText(IReadOnlyDictionary<string, string> fields) =>
        fields.Count == 0 ? "-" : string.Join(',', fields.Select(f => $"{f.Key}={f.Value}"));

    internal static string PurposesText(IReadOnlyDictionary<string, bool> purposes) =>
        purposes.Count == 0 ? "-" : string.Join(',', purposes.Select(p => p.Value ? p.Key : $"{p.Key}(refused)"));
}
