using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>What a partner's API key may do; each gRPC method requires one scope.</summary>
public static class PartnerScopes
{
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string DealsRead = "deals:read";
    public const string DealsWrite = "deals:write";
    public const string ConsentRead = "consent:read";
    public const string PolicyEvaluate = "policy:evaluate";
    public const string InteractionsRead = "interactions:read";
    public const string InteractionsWrite = "interactions:write";
    public const string ScoresRead = "scores:read";

    public static IReadOnlyList<string> All { get; } =
        [ContactsRead, ContactsWrite, DealsRead, DealsWrite, ConsentRead, PolicyEvaluate, InteractionsRead, InteractionsWrite, ScoresRead];

    /// <summary>Parses a comma-separated list ("contacts:read,deals:write"); unknown scopes are refused, duplicates collapse.</summary>
    public static Result<IReadOnlySet<string>> Parse(string? text)
    {
        var scopes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!All.Contains(raw, StringComparer.Ordinal))
            {
                return new Error(PartnerErrors.ScopeInvalid, $"unknown scope '{raw}'; known scopes: {string.Join(", ", All)}", "scopes");
            }

            scopes.Add(raw);
        }

        if (scopes.Count == 0)
        {
            return new Error(PartnerErrors.ScopeInvalid, $"give at least one scope: {string.Join(", ", All)}", "scopes");
        }

        return scopes;
    }
}
