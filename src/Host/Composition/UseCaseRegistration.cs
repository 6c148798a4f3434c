using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Application.Peers;
using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Models;

namespace Rapport.Host.Composition;

/// <summary>
/// Every use case of the application layer, registered once: a public concrete class of Rapport.Application with a
/// public ExecuteAsync. Transient: a use case holds only its ports, and the ports hold the state — except the
/// application's own shared caches, registered here as the node's singletons, and the helpers use cases are built on.
/// </summary>
public static class UseCaseRegistration
{
    /// <summary>The use case types, by the convention above.</summary>
    public static IReadOnlyList<Type> UseCases { get; } = typeof(CreateContact).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false, IsNested: false })
        .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Any(m => m.Name == "ExecuteAsync"))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<PartnerDirectory>();
        services.TryAddSingleton<PeerDirectory>();
        services.TryAddTransient<ModelCatalog>();
        services.TryAddTransient<ModelTraining>();
        foreach (var useCase in UseCases)
        {
            services.TryAddTransient(useCase);
        }

        return services;
    }
}
