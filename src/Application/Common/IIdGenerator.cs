namespace Rapport.Application.Common;

/// <summary>Makes new identifiers (time-ordered GUIDs in production, predictable ones in tests).</summary>
public interface IIdGenerator
{
    Guid NewId();
}
