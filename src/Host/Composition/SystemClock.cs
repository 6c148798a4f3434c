using Rapport.Application.Common;

namespace Rapport.Host.Composition;

public sealed class SystemClock : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
