namespace Rapport.Application.Sharing.Refusals;

/// <summary>
/// How many refusals are written to the audit log per minute: <see cref="PerKey"/> for one peer, protocol and code,
/// <see cref="Total"/> for all of them together (a peer can make up new identities for free).
/// </summary>
public sealed record RefusalLimit
{
    public RefusalLimit(int perKey, int total, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perKey, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, perKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        PerKey = perKey;
        Total = total;
        Window = window;
    }

    public static RefusalLimit Default { get; } = new(5, 200, TimeSpan.FromMinutes(1));

    public int PerKey { get; }

    public int Total { get; }

    public TimeSpan Window { get; }
}
