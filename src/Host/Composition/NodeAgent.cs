namespace Rapport.Host.Composition;

/// <summary>How a Rapport node names itself to its peers (libp2p identify's agentVersion): <c>rapport/0.1.0</c>.</summary>
public static class NodeAgent
{
    public static string Version { get; } = $"rapport/{typeof(NodeAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";
}
