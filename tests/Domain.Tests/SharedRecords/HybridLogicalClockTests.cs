using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class HybridLogicalClockTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>A clock event: local (remote = null) or receive, at a wall time that may jump back or forward.</summary>
    private static readonly Gen<(int WallStep, HlcTimestamp? Remote)> Event =
        from wallStep in Gen.Choose(-2_000, 2_000)
        from isReceive in Gen.Elements(false, true)
        from remoteOffset in Gen.Choose(-120_000, 120_000)
        from remoteCounter in Gen.Choose(0, 5)
        select (wallStep, isReceive ? new HlcTimestamp(1_000_000 + remoteOffset, remoteCounter, "remote") : (HlcTimestamp?)null);

    [Fact]
    public void Readings_strictly_increase_and_dominate_accepted_remote_readings()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Event.ListOf()), events =>
        {
            var clock = new HybridLogicalClock("local");
            var wall = 1_000_000L;
            HlcTimestamp? previous = null;
            foreach (var (step, remote) in events)
            {
                wall = Math.Max(0, wall + step);
                HlcTimestamp reading;
                if (remote is { } r)
                {
                    var received = clock.Receive(r, wall);
                    var tooFarAhead = r.PhysicalMs - wall > 60_000;
                    if (received.IsFailure != tooFarAhead || (received.IsFailure && clock.Last != previous))
                    {
                        return false;
                    }

                    if (received.IsFailure)
                    {
                        continue;
                    }

                    reading = received.Value;
                    if (reading <= r)
                    {
                        return false;
                    }
                }
                else
                {
                    reading = clock.Now(wall);
                }

                if ((previous is { } p && reading <= p) || reading.PhysicalMs < wall || reading.NodeId != "local")
                {
                    return false;
                }

                previous = reading;
            }

            return true;
        }));
    }

    [Fact]
    public void Remote_reading_beyond_the_drift_bound_is_rejected_with_HLC_DRIFT()
    {
        var clock = new HybridLogicalClock("local", TimeSpan.FromSeconds(10));
        var before = clock.Now(5_000);

        var rejected = clock.Receive(new HlcTimestamp(15_001, 0, "remote"), 5_000);
        var accepted = clock.Receive(new HlcTimestamp(15_000, 3, "remote"), 5_000);

        Assert.Equal(SharedRecordErrors.HlcDrift, rejected.Error.Code);
        Assert.Equal(new HlcTimestamp(15_000, 4, "local"), accepted.Value);
        Assert.True(accepted.Value > before);
    }

    [Fact]
    public void Default_drift_bound_is_sixty_seconds()
    {
        var clock = new HybridLogicalClock("local");
        Assert.True(clock.Receive(new HlcTimestamp(60_000, 0, "r"), 0).IsSuccess);
        Assert.Equal(SharedRecordErrors.HlcDrift, clock.Receive(new HlcTimestamp(60_001, 0, "r"), 0).Error.Code);
    }

    [Fact]
    public void Wall_clock_going_backwards_only_advances_the_counter()
    {
        var clock = new HybridLogicalClock("n");
        Assert.Equal(new HlcTimestamp(100, 0, "n"), clock.Now(100));
        Assert.Equal(new HlcTimestamp(100, 1, "n"), clock.Now(40));
        Assert.Equal(new HlcTimestamp(101, 0, "n"), clock.Now(101));
    }

    [Fact]
    public void Order_is_physical_then_counter_then_node_id()
    {
        Assert.True(new HlcTimestamp(1, 9, "z") < new HlcTimestamp(2, 0, "a"));
        Assert.True(new HlcTimestamp(2, 0, "z") < new HlcTimestamp(2, 1, "a"));
        Assert.True(new HlcTimestamp(2, 1, "a") < new HlcTimestamp(2, 1, "b"));
    }
}
