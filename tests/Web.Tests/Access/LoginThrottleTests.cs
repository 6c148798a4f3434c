using System.Net;
using Rapport.Adapters.Web.Access;
using Rapport.Application.Common;

namespace Rapport.Adapters.Web.Tests.Access;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("192.0.2.8");

    [Fact]
    public void Five_wrong_passphrases_are_free_then_each_wait_doubles_up_to_fifteen_minutes()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Guesser));
            throttle.Failed(Guesser);
        }

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 14; i++)
        {
            throttle.Failed(Guesser);
            waits.Add(throttle.WaitFor(Guesser));
            clock.Advance(throttle.WaitFor(Guesser));
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900], waits.Select(w => w.TotalSeconds));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Neighbour));
    }

    [Fact]
    public void The_right_passphrase_clears_the_count()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed(Guesser);
        }

        Assert.True(throttle.WaitFor(Guesser) > TimeSpan.Zero);
        throttle.Succeeded(Guesser);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Guesser));
        throttle.Failed(Guesser);
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Guesser));
    }

    [Fact]
    public async Task No_more_than_two_passphrase_checks_run_at_once()
    {
        var throttle = new LoginThrottle(new ManualClock());
        var running = 0;
        var most = 0;
        var checks = Enumerable.Range(0, 8).Select(_ => throttle.CheckAsync(
            async () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref running);
                return true;
            },
            CancellationToken.None));
        await Task.WhenAll(checks);
        Assert.Equal(LoginThrottle.ConcurrentChecks, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class ManualClock : IClock
    {
        public DateTimeOffset UtcNow { get; private set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => UtcNow += by;
    }
}
