using Rapport.Application.Common;

namespace Rapport.Host.Composition;

/// <summary>Version-7 GUIDs: time-ordered, so new rows append to the end of SQLite's b-trees.</summary>
public sealed class TimeOrderedIds : IIdGenerator
{
    public Guid NewId() => Guid.CreateVersion7();
}
