using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;

namespace Rapport.Application.Sharing.Refusals;

/// <summary>
/// Audits a frame or message from a peer that a protocol adapter refused before any use case could read it (a frame
/// that does not parse, a grant whose parts do not decode, an invalid delta, an unknown message kind; issue §9). The
/// entry names the peer, the protocol, the code and the reason. Refusals that a use case makes itself are audited
/// there, not here.
/// <para>
/// A hostile peer can send garbage as fast as the link allows, so identical refusals are capped per peer, protocol and
/// code and minute (<see cref="RefusalLimit"/>): the first few are recorded, the rest only counted, and the count is
/// recorded with the first refusal of the next window. The audit log then grows with the number of distinct
/// peers and codes, never with the peer's sending rate, and nothing is lost silently.
/// </para>
/// </summary>
public sealed class RecordProtocolRefusal(IUnitOfWorkFactory unitOfWork, IClock clock, RefusalLimit? limit = null)
{
    public const string SuppressedAction = "protocol.refusals_suppressed";

    private readonly RefusalThrottle _throttle = new(limit ?? RefusalLimit.Default);

    /// <summary>Records (or, above the limit, counts) one refusal; true when an audit entry was written.</summary>
    /// <param name="action">The audit action, e.g. <c>sharing.message_refused</c> or <c>sync.message_refused</c>.</param>
    public async Task<bool> ExecuteAsync(string remotePeerId, string protocol, string action, Error error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = clock.UtcNow;
        var decision = _throttle.Admit(remotePeerId, protocol, error.Code.Value, now);
        if (!decision.Record)
        {
            return false;
        }

        var suppressed = (decision.SuppressedBefore > 0 ? $" suppressed_before={decision.SuppressedBefore}" : string.Empty) +
            (decision.SuppressedUntracked > 0 ? $" suppressed_other_peers={decision.SuppressedUntracked}" : string.Empty);
        var entry = new AuditEvent(
            now, $"peer:{remotePeerId}", action, $"peer:{remotePeerId}", null,
            $"protocol={protocol} code={error.Code} reason={Reason(error.Message)}{suppressed}");
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes the counts not recorded yet (the node is stopping, so no later refusal will carry them): one
    /// <c>protocol.refusals_suppressed</c> entry per peer, protocol and code, plus one for untracked peers.
    /// Returns the number of entries written.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var (tracked, untracked) = _throttle.Drain();
        if (tracked.Count == 0 && untracked == 0)
        {
            return 0;
        }

        var now = clock.UtcNow;
        var entries = tracked
            .Select(s => new AuditEvent(now, "system", SuppressedAction, $"peer:{s.Peer}", null, $"protocol={s.Protocol} code={s.Code} suppressed={s.Count}"))
            .ToList();
        if (untracked > 0)
        {
            entries.Add(new AuditEvent(now, "system", SuppressedAction, "peers", null, $"suppressed_other_peers={untracked}"));
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendRangeAsync(entries, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count;
    }

    // The reason may quote what the peer sent (a parser message); keep the entry one bounded line.
    private static string Reason(string message)
    {
        const int MaxLength = 300;
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= MaxLength ? line : line[..MaxLength] + "…";
    }
}
