namespace Rapport.Application.Sharing.Refusals;

/// <summary>
/// Fixed-window counters behind <see cref="RecordProtocolRefusal"/>. At most <see cref="RefusalLimit.Total"/> keys
/// are tracked per window (refusals under further keys are counted together), and only the suppressed counts survive
/// into the next window, so the memory held stays bounded whatever the peers send.
/// </summary>
internal sealed class RefusalThrottle(RefusalLimit limit)
{
    private readonly Lock _gate = new();
    private Dictionary<(string Peer, string Protocol, string Code), (int Recorded, long Suppressed)> _counts = [];
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _total;
    private long _untracked;

    public RefusalAdmission Admit(string peer, string protocol, string code, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now - _windowStart >= limit.Window || now < _windowStart)
            {
                _counts = _counts.Where(c => c.Value.Suppressed > 0).Take(limit.Total).ToDictionary(c => c.Key, c => (0, c.Value.Suppressed));
                _windowStart = now;
                _total = 0;
            }

            var key = (peer, protocol, code);
            if (!_counts.TryGetValue(key, out var count) && _counts.Count >= limit.Total)
            {
                _untracked++;
                return new RefusalAdmission(false, 0, 0);
            }

            if (count.Recorded >= limit.PerKey || _total >= limit.Total)
            {
                _counts[key] = (count.Recorded, count.Suppressed + 1);
                return new RefusalAdmission(false, 0, 0);
            }

            _counts[key] = (count.Recorded + 1, 0);
            _total++;
            var untracked = _untracked;
            _untracked = 0;
            return new RefusalAdmission(true, count.Suppressed, untracked);
        }
    }

    /// <summary>Takes every count not recorded yet (per key, and for untracked keys) and forgets it.</summary>
    public (IReadOnlyList<SuppressedRefusals> Tracked, long Untracked) Drain()
    {
        lock (_gate)
        {
            var tracked = _counts.Where(c => c.Value.Suppressed > 0)
                .Select(c => new SuppressedRefusals(c.Key.Peer, c.Key.Protocol, c.Key.Code, c.Value.Suppressed))
                .ToList();
            foreach (var key in tracked.Select(t => (t.Peer, t.Protocol, t.Code)))
            {
                _counts[key] = (_counts[key].Recorded, 0);
            }

            var untracked = _untracked;
            _untracked = 0;
            return (tracked, untracked);
        }
    }
}
