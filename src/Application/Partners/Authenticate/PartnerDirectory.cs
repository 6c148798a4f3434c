using Rapport.Application.Common;

namespace Rapport.Application.Partners;

/// <summary>
/// The partners by key id, held in memory so that authenticating a call costs no store query. The store counts every
/// change to the partners (<see cref="IPartnerStore.VersionAsync"/>, kept by the store itself, so a `rapport partners`
/// command in another process counts too); the directory looks at that count at most once per
/// <see cref="RefreshInterval"/> and reloads when it moved. A key added or revoked takes effect within that interval.
/// </summary>
public sealed class PartnerDirectory(IUnitOfWorkFactory unitOfWork)
{
    /// <summary>How stale the directory may be: the longest a revoked key keeps working, and the rate of version checks.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The partner whose key has this id, revoked ones included; null when there is none.</summary>
    public async ValueTask<Partner?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.IsStale)
        {
            snapshot = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return snapshot.ByKeyId.GetValueOrDefault(keyId);
    }

    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_snapshot is { IsStale: false } fresh)
            {
                return fresh;
            }

            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var version = await work.Partners.VersionAsync(cancellationToken).ConfigureAwait(false);
            if (_snapshot is { } known && known.Version == version)
            {
                return _snapshot = known with { CheckedAt = Environment.TickCount64 };
            }

            var partners = await work.Partners.ListAsync(cancellationToken).ConfigureAwait(false);
            return _snapshot = new Snapshot(version, partners.ToDictionary(p => p.KeyId, StringComparer.Ordinal), Environment.TickCount64);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <param name="CheckedAt">When the version was last compared (<see cref="Environment.TickCount64"/>, monotonic).</param>
    private sealed record Snapshot(long Version, IReadOnlyDictionary<string, Partner> ByKeyId, long CheckedAt)
    {
        public bool IsStale => Environment.TickCount64 - CheckedAt >= (long)RefreshInterval.TotalMilliseconds;
    }
}
