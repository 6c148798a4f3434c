using Rapport.Application.Partners;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The scope each partner API method requires. A rapport.v1 method missing here is refused (fail closed).</summary>
public static class MethodScopes
{
    public const string Package = "rapport.v1.";

    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["/rapport.v1.ContactsService/GetContact"] = PartnerScopes.ContactsRead,
        ["/rapport.v1.ContactsService/ListContacts"] = PartnerScopes.ContactsRead,
        ["/rapport.v1.ContactsService/UpsertContact"] = PartnerScopes.ContactsWrite,
        ["/rapport.v1.ContactsService/DeleteContact"] = PartnerScopes.ContactsWrite,
        ["/rapport.v1.InteractionsService/LogInteraction"] = PartnerScopes.InteractionsWrite,
        ["/rapport.v1.InteractionsService/Timeline"] = PartnerScopes.InteractionsRead,
        ["/rapport.v1.DealsService/CreateDeal"] = PartnerScopes.DealsWrite,
        ["/rapport.v1.DealsService/MoveDeal"] = PartnerScopes.DealsWrite,
        ["/rapport.v1.DealsService/CloseDeal"] = PartnerScopes.DealsWrite,
        ["/rapport.v1.DealsService/Forecast"] = PartnerScopes.DealsRead,
        ["/rapport.v1.ConsentService/GetConsentStatus"] = PartnerScopes.ConsentRead,
        ["/rapport.v1.ConsentService/ListReceipts"] = PartnerScopes.ConsentRead,
        ["/rapport.v1.PolicyService/Evaluate"] = PartnerScopes.PolicyEvaluate,
        ["/rapport.v1.PolicyService/EvaluateBatch"] = PartnerScopes.PolicyEvaluate,
        ["/rapport.v1.ScoringService/GetScore"] = PartnerScopes.ScoresRead,
        ["/rapport.v1.ScoringService/ExplainScore"] = PartnerScopes.ScoresRead,
    };

    public static string? For(string methodFullName) => Required.GetValueOrDefault(methodFullName);

    /// <summary>Partner API methods need a key; health and reflection do not.</summary>
    public static bool IsPartnerApi(string serviceName) => serviceName.StartsWith(Package, StringComparison.Ordinal);
}
