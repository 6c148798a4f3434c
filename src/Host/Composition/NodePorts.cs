using Microsoft.Extensions.DependencyInjection;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring;

namespace Rapport.Host.Composition;

/// <summary>The ports of an opened node, registered for the container's use cases (the node owns and disposes them).</summary>
public static class NodePorts
{
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
        services.AddSingleton<ILeadWeightsSource>(new LeadWeightsFile(node.Data));
        return services;
    }
}
