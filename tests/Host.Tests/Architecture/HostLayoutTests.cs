using Rapport.Host.Cli;

namespace Rapport.Host.Tests.Architecture;

/// <summary>
/// The CLI and the daemon do not depend on each other: what both need lives in Control (the protocol between them),
/// Composition or Hosting. Read from the compiled types, method bodies included.
/// </summary>
public sealed class HostLayoutTests
{
    private static readonly Type[] HostTypes = typeof(RapportCli).Assembly.GetTypes();

    public static TheoryData<string, string> Forbidden => new()
    {
        { "Rapport.Host.Cli", "Rapport.Host.Daemon" },
        { "Rapport.Host.Daemon", "Rapport.Host.Cli" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_namespace_does_not_use_the_other(string from, string to)
    {
        var uses = HostTypes
            .Where(t => In(t, from) && !t.IsNested)
            .SelectMany(t => TypeDependencies.Of(t).Where(d => In(d, to)).Select(d => $"{t.FullName} uses {d.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(uses.Count == 0, string.Join("\n", uses));
    }

    [Fact]
    public void The_reader_sees_uses_inside_method_bodies()
    {
        // Hosting starts the daemon inside a method body only: the check must see that, or it proves nothing.
        Assert.Contains(typeof(global::Rapport.Host.Daemon.NodeDaemon), TypeDependencies.Of(typeof(global::Rapport.Host.Hosting.PeerNetworkService)));
        Assert.Contains(typeof(global::Rapport.Host.Hosting.RunningNode), TypeDependencies.Of(typeof(global::Rapport.Host.Cli.Node.RunCommand)));
    }

    private static bool In(Type type, string ns) => type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));
}
