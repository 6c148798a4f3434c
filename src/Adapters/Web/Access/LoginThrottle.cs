using System.Collections.Concurrent;
using System.Net;
using Rapport.Application.Common;

namespace Rapport.Adapters.Web.Access;

/// <summary>
/// Slows down passphrase guessing: after <see cref="FreeFailures"/> wrong passphrases from one address, each further
/// attempt waits twice as long as the last (1 s, 2 s, 4 s … up to <see cref="MaxLockout"/>); a right one clears the
/// count. At most <see cref="ConcurrentChecks"/> checks run at once — each costs 64 MiB of Argon2id memory.
/// </summary>
public sealed class LoginThrottle(IClock clock)
{
    public const int FreeFailures = 5;
    public const int ConcurrentChecks = 2;
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();
    private readonly SemaphoreSlim _checks = new(ConcurrentChecks, ConcurrentChecks);

    /// <summary>How long <paramref name="client"/> must wait before its next attempt, or zero.</summary>
    public TimeSpan WaitFor(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return _failures.TryGetValue(client, out var failures) && failures.Until > clock.UtcNow ? failures.Until - clock.UtcNow : TimeSpan.Zero;
    }

    /// <summary>Runs one passphrase check when a slot is free (callers wait their turn).</summary>
    public async Task<T> CheckAsync<T>(Func<Task<T>> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await _checks.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The hash is CPU-bound for ~0.2 s: off the request thread.
            return await Task.Run(check, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _checks.Release();
        }
    }

    /// <summary>Counts a wrong passphrase; returns how many in a row came from <paramref name="client"/>.</summary>
    public int Failed(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.UtcNow;
        return _failures.AddOrUpdate(
            client,
            _ => Failures.First(now),
            (_, previous) => previous.Next(now)).Count;
    }

    public void Succeeded(IPAddress client) => _failures.TryRemove(client, out _);

    private sealed record Failures(int Count, DateTimeOffset Until)
    {
        public static Failures First(DateTimeOffset now) => new(1, now);

        public Failures Next(DateTimeOffset now)
        {
            var count = Count + 1;
            var lockout = count <= FreeFailures
                ? TimeSpan.Zero
                : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, count - FreeFailures - 1), MaxLockout.TotalSeconds));
            return new Failures(count, now + lockout);
        }
    }
}
