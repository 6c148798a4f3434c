namespace Rapport.Application.SharedRecords;

/// <summary>
/// The in-process hub of <see cref="ISharedRecordChanges"/>. Thread-safe; a subscriber that throws does not keep the
/// others from being told.
/// </summary>
public sealed class SharedRecordChanges : ISharedRecordChanges
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscription>> _subscribers = new(StringComparer.Ordinal);

    public void Changed(string remotePeerId)
    {
        ArgumentNullException.ThrowIfNull(remotePeerId);
        Subscription[] targets;
        lock (_gate)
        {
            targets = _subscribers.TryGetValue(remotePeerId, out var list) ? [.. list] : [];
        }

        foreach (var target in targets)
        {
            try
            {
                target.OnChanged();
            }
#pragma warning disable CA1031 // One session's failing callback must not stop the others from sending.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    public IDisposable Subscribe(string remotePeerId, Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(remotePeerId);
        ArgumentNullException.ThrowIfNull(onChanged);
        var subscription = new Subscription(this, remotePeerId, onChanged);
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(remotePeerId, out var list))
            {
                _subscribers[remotePeerId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(subscription.RemotePeerId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscribers.Remove(subscription.RemotePeerId);
            }
        }
    }

    private sealed class Subscription(SharedRecordChanges hub, string remotePeerId, Action onChanged) : IDisposable
    {
        public string RemotePeerId => remotePeerId;

        public Action OnChanged => onChanged;

        public void Dispose() => hub.Remove(this);
    }
}
