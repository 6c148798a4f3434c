namespace Rapport.Application.Common;

/// <summary>The one source of "now" for use cases; the domain receives time as a value.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
