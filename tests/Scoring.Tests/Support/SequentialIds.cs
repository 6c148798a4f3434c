using Rapport.Application.Common;

namespace Rapport.Adapters.Scoring.Tests.Support;

internal sealed class SequentialIds : IIdGenerator
{
    private int _next;

    public Guid NewId() => new(Interlocked.Increment(ref _next), 0, 0, new byte[8]);
}
