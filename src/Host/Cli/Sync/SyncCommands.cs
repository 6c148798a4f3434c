using System.CommandLine;
using System.Globalization;
using Rapport.Application.SharedRecords.Status;
using Rapport.Domain.Common;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Control;
using Rapport.Host.Control.Views;
using Spectre.Console;

namespace Rapport.Host.Cli.Sync;

/// <summary>
/// `rapport sync status`: the shared records this node keeps and how their sync stands. With a running node it asks
/// the node (live sessions, deltas each way, last error); without one it reads the store (replica state only).
/// </summary>
public static class SyncCommands
{
    public static Command Build()
    {
        var sync = new Command("sync", "Shared-record sync with the peers this node has a relationship with.");
        var status = new Command("status", "Show every shared record: peer, role, grant, replica versions, last sync; live sessions when a node runs.");
        CliAction.Set(status, async (ctx, ct) =>
        {
            var fetched = await FetchAsync(ctx, ct).ConfigureAwait(false);
            if (!fetched.TryGetValue(out var view))
            {
                return ctx.Fail(fetched.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(view);
                return ExitCodes.Ok;
            }

            var console = CliInput.Out();
            console.WriteLine(view.NodeRunning ? "node running: live session data included" : "no node running: stored replica state only");
            if (view.Peers.Count == 0)
            {
                console.WriteLine("no shared records");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("peer", "role", "grant", "live", "last sync", "deltas out/in", "last error");
            foreach (var p in view.Peers)
            {
                table.AddRow(
                    Markup.Escape(p.Peer), p.Role ?? "-", p.GrantVersion == 0 ? "-" : $"v{p.GrantVersion.ToString(CultureInfo.InvariantCulture)} {p.GrantStatus}",
                    p.Live ? "yes" : "no", SharingInput.Format(Latest(p.LastAppliedAt, p.LastSentAt, p.LastHandshakeAt)),
                    $"{p.DeltasSent.ToString(CultureInfo.InvariantCulture)}/{p.DeltasReceived.ToString(CultureInfo.InvariantCulture)}", Markup.Escape(p.LastError ?? "-"));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        sync.Subcommands.Add(status);
        return sync;
    }

    private static async Task<Result<SyncStatusView>> FetchAsync(CliContext ctx, CancellationToken ct)
    {
        var response = await ControlClient.CallAsync(ctx.Data, "sync.status", new { }, ct).ConfigureAwait(false);
        if (response.Ok)
        {
            return ControlClient.Read<SyncStatusView>(response);
        }

        var failed = response.Error!.ToError();
        if (failed.Code != ControlErrors.NoNode)
        {
            return failed;
        }

        var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
        var stored = await node.Get<SyncStatus>().ExecuteAsync(ct).ConfigureAwait(false);
        return SyncStatusView.Of(stored, [], running: false);
    }

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times) => times.Max();
}
