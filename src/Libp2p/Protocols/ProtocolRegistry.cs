using System.Collections.Concurrent;

namespace Rapport.Libp2p.Protocols;

/// <summary>The protocols a node serves on inbound streams, by protocol id (e.g. /ipfs/ping/1.0.0).</summary>
public sealed class ProtocolRegistry
{
    private const int MaxProtocolIdLength = 1024;
    private readonly ConcurrentDictionary<string, ProtocolHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>The registered ids, sorted (what identify advertises).</summary>
    public IReadOnlyList<string> Ids => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public void Register(string protocolId, ProtocolHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (ValidateId(protocolId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(protocolId));
        }

        if (!_handlers.TryAdd(protocolId, handler))
        {
            throw new InvalidOperationException($"protocol {protocolId} is already registered");
        }
    }

    public bool Unregister(string protocolId) => _handlers.TryRemove(protocolId, out _);

    public bool TryGet(string protocolId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ProtocolHandler handler) =>
        _handlers.TryGetValue(protocolId, out handler);

    /// <summary>Why a protocol id cannot be used, or null if it can (multistream-select carries it as one line).</summary>
    public static string? ValidateId(string? protocolId)
    {
        if (string.IsNullOrEmpty(protocolId))
        {
            return "a protocol id cannot be empty";
        }

        if (protocolId[0] != '/')
        {
            return $"protocol id '{protocolId}' must start with '/'";
        }

        if (protocolId.Length > MaxProtocolIdLength)
        {
            return $"protocol id is longer than {MaxProtocolIdLength} characters";
        }

        if (protocolId.Any(char.IsControl))
        {
            return "a protocol id cannot contain control characters (such as a newline)";
        }

        return null;
    }
}
