using Rapport.Domain.Consent;

namespace Rapport.Host.Control.Views;

/// <summary>How the CLI and the control socket spell an access level: "view" or "edit".</summary>
public static class AccessLevelNames
{
    public static string Of(AccessLevel access) => access == AccessLevel.Edit ? "edit" : "view";
}
