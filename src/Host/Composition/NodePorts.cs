using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Web.Access;
using Rapport.Application.Access;
using Rapport.Application.Scoring;
using Rapport.Application.Sharing;

namespace Rapport.Host.Composition;

/// <summary>The ports of an opened node, registered for the container's use cases (the node owns and disposes them).</summary>
public static class NodePorts
{
    /// <summary>The opened node's store, ports and use cases: what every host of a node and every one-shot command holds.</summary>
    public static IServiceCollection AddNodeCore(this IServiceCollection services, NodeServices node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return services.AddSingleton(node).AddNodePorts(node).AddUseCases();
    }

    public static IServiceCollection AddNodePorts(this IServiceCollection services, NodeServices node)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(node);
        services.AddSingleton(node.Data);
        services.AddSingleton(node.UnitOfWork);
        services.AddSingleton(node.Clock);
        services.AddSingleton(node.Ids);
        services.AddSingleton(node.Gate);
        services.AddSingleton(node.Journal);
        services.AddSingleton(node.Learner);
        services.AddSingleton(node.Identity);
        services.AddSingleton(node.AuditHead);
        services.AddSingleton<IGrantSigner>(new Ed25519GrantSigner(node.Identity));
        services.AddSingleton<ILeadWeightsSource>(new LeadWeightsFile(node.Data));
        services.AddSingleton<IAdminCredential>(new AdminPassphraseFile(node.Data));
        services.AddSingleton<IPassphraseHasher, Argon2idPassphraseHasher>();
        return services;
    }
}
