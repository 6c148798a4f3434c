using Grpc.Core;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The partner a call was authenticated as, kept in the call's user state by <see cref="PartnerAuthInterceptor"/>.</summary>
public static class PartnerIdentity
{
    private static readonly object Key = new();

    public static Partner? Partner(this ServerCallContext context) =>
        context is not null && context.UserState.TryGetValue(Key, out var value) ? value as Partner : null;

    /// <summary>The audit actor of the call: "partner:&lt;name&gt;".</summary>
    public static string Actor(this ServerCallContext context) => context.Partner() is { } p ? $"partner:{p.Name}" : "partner:unknown";

    internal static void SetPartner(this ServerCallContext context, Partner partner) => context.UserState[Key] = partner;
}
