using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.SharedRecords.Tags;
using Rapport.Host.Control;

namespace Rapport.Host.Daemon;

/// <summary>
/// Control-socket commands that write shared records. They run inside the node so that its live sync sessions hear
/// of the change at once (in-process change notifications) and send the delta.
/// </summary>
public sealed class SharedRecordControl(Libp2pSyncService sync, IServiceProvider services)
{
    private const string Actor = "cli";

    /// <summary>The commands and what answers them: the one table that dispatches and that lists them.</summary>
    internal static IReadOnlyDictionary<string, Func<SharedRecordControl, ControlArgs, CancellationToken, Task<ControlResponse>>> Handlers { get; } =
        new Dictionary<string, Func<SharedRecordControl, ControlArgs, CancellationToken, Task<ControlResponse>>>(StringComparer.Ordinal)
        {
            ["profile.set"] = (c, args, ct) => c.SetProfileAsync(args, ct),
            ["shared.set"] = (c, args, ct) => c.SetSharedFieldAsync(args, ct),
            ["shared.log"] = (c, args, ct) => c.LogAsync(args, ct),
            ["shared.tag"] = (c, args, ct) => c.TagAsync(args, ct),
        };

    private T Use<T>() where T : notnull => services.GetRequiredService<T>();

    private async Task<ControlResponse> SetProfileAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var key = args.String("key");
        var value = args.OptionalString("value");
        if (key.IsFailure || value.IsFailure)
        {
            return ControlResponse.Failure(key.ErrorOrNull() ?? value.Error);
        }

        var updated = await Use<UpdateProfile>()
            .ExecuteAsync(new UpdateProfileCommand(key.Value, value.Value, Actor), cancellationToken).ConfigureAwait(false);
        return updated.IsFailure
            ? ControlResponse.Failure(updated.Error)
            : ControlResponse.Success(new { key = key.Value, value = value.Value, sharedWith = updated.Value, queuedFor = NotLive(updated.Value) });
    }

    /// <summary>The peers among <paramref name="peers"/> with no live sync session now: the change waits for them.</summary>
    private List<string> NotLive(IEnumerable<string> peers) => [.. peers.Where(p => sync.StatusOf(p) is not { IsLive: true })];

    private async Task<ControlResponse> SetSharedFieldAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var peer = args.String("peer");
        var key = args.String("key");
        var value = args.OptionalString("value");
        if (peer.IsFailure || key.IsFailure || value.IsFailure)
        {
            return ControlResponse.Failure(peer.ErrorOrNull() ?? key.ErrorOrNull() ?? value.Error);
        }

        var edited = await Use<EditSharedField>()
            .ExecuteAsync(new EditSharedFieldCommand(peer.Value, key.Value, value.Value, Actor), cancellationToken).ConfigureAwait(false);
        return edited.IsFailure
            ? ControlResponse.Failure(edited.Error)
            : ControlResponse.Success(new { peer = peer.Value, key = key.Value, value = value.Value });
    }

    private async Task<ControlResponse> LogAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var peer = args.String("peer");
        var kind = args.String("kind");
        var summary = args.OptionalString("summary");
        if (peer.IsFailure || kind.IsFailure || summary.IsFailure)
        {
            return ControlResponse.Failure(peer.ErrorOrNull() ?? kind.ErrorOrNull() ?? summary.Error);
        }

        var logged = await Use<LogSharedInteraction>()
            .ExecuteAsync(new LogSharedInteractionCommand(peer.Value, kind.Value, summary.Value ?? "", null, Actor), cancellationToken).ConfigureAwait(false);
        return logged.IsFailure
            ? ControlResponse.Failure(logged.Error)
            : ControlResponse.Success(new { peer = peer.Value, id = logged.Value });
    }

    private async Task<ControlResponse> TagAsync(ControlArgs args, CancellationToken cancellationToken)
    {
        var peer = args.String("peer");
        var tag = args.String("tag");
        var remove = args.OptionalBool("remove");
        if (peer.IsFailure || tag.IsFailure || remove.IsFailure)
        {
            return ControlResponse.Failure(peer.ErrorOrNull() ?? tag.ErrorOrNull() ?? remove.Error);
        }

        var tagged = await Use<TagSharedRecord>()
            .ExecuteAsync(new TagSharedRecordCommand(peer.Value, tag.Value, remove.Value, Actor), cancellationToken).ConfigureAwait(false);
        return tagged.IsFailure
            ? ControlResponse.Failure(tagged.Error)
            : ControlResponse.Success(new { peer = peer.Value, tag = tag.Value, removed = remove.Value });
    }
}
