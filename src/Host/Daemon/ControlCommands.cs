using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords.Status;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Decline;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Application.Sharing.Show;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Host.Control.Views;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Daemon;

/// <summary>The commands the running node answers on its control socket (docs/control-socket.md).</summary>
public sealed class ControlCommands(
    Libp2pHost host, PeerConnector connector, PeerRedialer redialer, Libp2pSyncService sync, SyncOnChange syncs, SharedRecordControl shared,
    IServiceProvider services, IGrantSigner signer, IClock clock)
{
    private const string Actor = "cli";

    /// <summary>
    /// Every command the node answers and what answers it: the one table that dispatches, so a command can neither be
    /// answered without being listed (coverage tests read <see cref="Names"/>) nor listed without being answered.
    /// </summary>
    private static readonly Dictionary<string, Func<ControlCommands, ControlArgs, CancellationToken, Task<ControlResponse>>> Handlers = Build();

    public static IReadOnlyList<string> Names { get; } = [.. Handlers.Keys];

    public Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Handlers.TryGetValue(request.Command, out var handle)
            ? handle(this, new ControlArgs(request.Args), cancellationToken)
            : Task.FromResult(ControlResponse.Failure(new Error(
                ControlErrors.UnknownCommand, $"unknown command '{request.Command}'; known: {string.Join(", ", Names)}", "command")));
    }

    private static Dictionary<string, Func<ControlCommands, ControlArgs, CancellationToken, Task<ControlResponse>>> Build()
    {
        var handlers = new Dictionary<string, Func<ControlCommands, ControlArgs, CancellationToken, Task<ControlResponse>>>(StringComparer.Ordinal)
        {
            ["node.status"] = (c, _, _) => Task.FromResult(c.Status()),
            ["peers.connect"] = (c, args, ct) => c.ConnectAsync(args, ct),
            ["share.request"] = (c, args, ct) => c.RequestAsync(args, ct),
            ["requests.accept"] = (c, args, ct) => c.AcceptAsync(args, ct),
            ["requests.decline"] = (c, args, ct) => c.DeclineAsync(args, ct),
            ["consent.revoke"] = (c, args, ct) => c.RevokeAsync(args, ct),
            ["sync.status"] = (c, _, ct) => c.SyncStatusAsync(ct),
        };
        foreach (var (name, handle) in SharedRecordControl.Handlers)
        {
            handlers.Add(name, (c, args, ct) => handle(c.Shared, args, ct));
        }

        return handlers;
    }

    private SharedRecordControl Shared => shared;

    /// <summary>A use case of the node, from the container: each command gets a fresh one over the node's ports.</summary>
    private T Use<T>() where T : notnull => services.GetRequiredService<T>();

    private ControlResponse Status() => ControlResponse.Success(new
    {
        peerId = host.PeerId.ToString(),
        listen = host.ListenAddresses.SelectMany(ListenAddresses.Dialable).Select(a => a.With(host.PeerId).ToString()).ToList(),
        connections = host.Connections.Where(c => c.IsOpen).Select(c => new
        {
            peer = c.RemotePeer.ToString(),
            address = c.RemoteAddress.ToString(),
            direction = c.Direction.ToString().ToLowerInvariant(),
        }).ToList(),
    });

    private async Task<ControlResponse> ConnectAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var text = args.String("address");
        if (text.IsFailure)
        {
            return ControlResponse.Failure(text.Error);
        }

        var address = Multiaddr.Parse(text.Value);
        if (address.IsFailure)
        {
            return ControlResponse.Failure(new Error(PeerErrors.InvalidAddress, address.Error.Message, "address"));
        }

        if (address.Value.PeerId is null)
        {
            return ControlResponse.Failure(new Error(PeerErrors.InvalidAddress, "the address must end in /p2p/<peer id> so the peer can be authenticated", "address"));
        }

        var connected = await connector.ConnectAsync(address.Value, cancellationToken).ConfigureAwait(false);
        if (connected.IsFailure)
        {
            return ControlResponse.Failure(connected.Error);
        }

        redialer.Kick(connected.Value.RemotePeer.ToString());
        return ControlResponse.Success(new { peer = connected.Value.RemotePeer.ToString(), address = address.Value.ToString() });
    }

    private async Task<ControlResponse> RequestAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var customer = args.String("customer");
        var fields = args.StringMap("fields");
        var purposes = args.Strings("purposes");
        var days = args.Int("days");
        var reason = args.OptionalString("reason");
        if (customer.IsFailure || fields.IsFailure || purposes.IsFailure || days.IsFailure || reason.IsFailure)
        {
            return ControlResponse.Failure(customer.ErrorOrNull() ?? fields.ErrorOrNull() ?? purposes.ErrorOrNull() ?? days.ErrorOrNull() ?? reason.Error);
        }

        var access = SharingInput.Access(fields.Value ?? new Dictionary<string, string>(), "fields");
        if (access.IsFailure)
        {
            return ControlResponse.Failure(access.Error);
        }

        var command = new RequestSharingCommand(
            customer.Value, access.Value, purposes.Value ?? [], TimeSpan.FromDays(days.Value), reason.Value ?? "", Actor);
        var sent = await Use<RequestSharing>()
            .ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return sent.IsFailure
            ? ControlResponse.Failure(sent.Error)
            : ControlResponse.Success(RequestView.Of(sent.Value, RequestDirection.Outgoing, SharingRequestStatus.Pending));
    }

    private async Task<ControlResponse> AcceptAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var id = args.String("id").Bind(text => SharingInput.RequestId(text, "id"));
        var fields = args.StringMap("fields");
        var purposes = args.Strings("purposes");
        if (id.IsFailure || fields.IsFailure || purposes.IsFailure)
        {
            return ControlResponse.Failure(id.ErrorOrNull() ?? fields.ErrorOrNull() ?? purposes.Error);
        }

        var found = await Use<ShowSharingRequest>().ExecuteAsync(id.Value, "id", cancellationToken).ConfigureAwait(false);
        var known = found.IsSuccess ? found.Value : null;
        if (known is not { Direction: RequestDirection.Incoming })
        {
            return ControlResponse.Failure(new Error(SharingReceiptErrors.RequestNotFound, $"no request {id.Value} was received", "id"));
        }

        // Without a choice the customer grants what was asked; with one, the domain checks it asks for no more.
        IReadOnlyDictionary<string, AccessLevel> granted = known.Request.Fields;
        if (fields.Value is { } chosen)
        {
            var access = SharingInput.Access(chosen, "fields");
            if (access.IsFailure)
            {
                return ControlResponse.Failure(access.Error);
            }

            granted = access.Value;
        }

        var result = await Use<AcceptRequest>()
            .ExecuteAsync(new AcceptRequestCommand(id.Value, granted, purposes.Value ?? [.. known.Request.Purposes], Actor), cancellationToken)
            .ConfigureAwait(false);
        return result.IsFailure ? ControlResponse.Failure(result.Error) : Issued(result.Value);
    }

    private async Task<ControlResponse> DeclineAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var id = args.String("id").Bind(text => SharingInput.RequestId(text, "id"));
        if (id.IsFailure)
        {
            return ControlResponse.Failure(id.Error);
        }

        var reason = args.OptionalString("reason");
        if (reason.IsFailure)
        {
            return ControlResponse.Failure(reason.Error);
        }

        var result = await Use<DeclineRequest>()
            .ExecuteAsync(new DeclineRequestCommand(id.Value, Actor, reason.Value), cancellationToken).ConfigureAwait(false);
        if (result.IsFailure)
        {
            return ControlResponse.Failure(result.Error);
        }

        return ControlResponse.Success(new
        {
            request = RequestView.Of(result.Value.Request, RequestDirection.Incoming, SharingRequestStatus.Declined) with { DeclineReason = result.Value.Decline.Reason },
            delivered = result.Value.DeliveryError is null,
            deliveryError = result.Value.DeliveryError?.Message,
        });
    }

    private async Task<ControlResponse> RevokeAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var business = args.String("business");
        if (business.IsFailure)
        {
            return ControlResponse.Failure(business.Error);
        }

        var result = await Use<RevokeGrant>()
            .ExecuteAsync(new RevokeGrantCommand(business.Value, Actor), cancellationToken).ConfigureAwait(false);
        return result.IsFailure ? ControlResponse.Failure(result.Error) : Issued(result.Value);
    }

    private async Task<ControlResponse> SyncStatusAsync(CancellationToken cancellationToken)
    {
        var stored = await Use<SyncStatus>().ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return ControlResponse.Success(SyncStatusView.Of(stored, sync.Statuses, running: true));
    }

    // A grant is stored before it is sent: not reaching the business is not a failure of the command, the node
    // keeps trying (PeerRedialer) and says so.
    private ControlResponse Issued(IssuedGrant issued)
    {
        var business = issued.Grant.Grant.BusinessPeerId.Value;
        if (issued.Delivered)
        {
            syncs.SyncSoon(business);
        }
        else
        {
            redialer.Kick(business);
        }

        return ControlResponse.Success(new IssuedView(
            GrantView.Of(issued.Grant, signer.LocalPeerId, issued.Receipt, clock.UtcNow),
            issued.Delivered,
            issued.DeliveryError?.Message));
    }
}
