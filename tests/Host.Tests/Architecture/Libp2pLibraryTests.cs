using Rapport.Adapters.Libp2p;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Tests.Architecture;

/// <summary>
/// The libp2p stack is a library of its own (src/Libp2p, packed as Rapport.Libp2p): it knows nothing of Rapport, and
/// the node's libp2p adapter keeps only what is Rapport's — the consent and sync protocols and the mapping of the
/// library's errors.
/// </summary>
public sealed class Libp2pLibraryTests
{
    [Fact]
    public void The_library_references_no_rapport_assembly()
    {
        var referenced = typeof(Libp2pHost).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("Rapport.", StringComparison.Ordinal));
        Assert.Contains("NSec.Cryptography", referenced);
    }

    [Fact]
    public void The_adapter_holds_the_rapport_protocols_and_nothing_of_the_general_stack()
    {
        var namespaces = typeof(Libp2pErrors).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Rapport.Adapters.Libp2p", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["Rapport.Adapters.Libp2p", "Rapport.Adapters.Libp2p.Sharing", "Rapport.Adapters.Libp2p.Sync"], namespaces);
    }
}
