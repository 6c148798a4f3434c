using Rapport.Application.Common;

namespace Rapport.Adapters.Scoring.Tests.Support;

internal sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow => now;
}
