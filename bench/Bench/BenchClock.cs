using Rapport.Application.Common;

namespace Rapport.Bench;

/// <summary>A clock stopped at one instant, so that consent seeded relative to it stays valid for the whole run.</summary>
internal sealed class BenchClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow => now;
}
