using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Gate;

/// <param name="Action">An action of the policy matrix (<see cref="PolicyActions"/>); an unknown one is denied.</param>
/// <param name="Purpose">The purpose the caller names, as given; one that is not a purpose key is denied.</param>
/// <param name="Field">The field a field action touches.</param>
/// <param name="Actor">Who asks (`cli`, `partner:mailer`, `sync`); written with the decision.</param>
/// <param name="Mode">Overrides the gate's mode for this decision (the policy API's `monitor` flag).</param>
public sealed record GateRequest(string Action, string Actor, string? Purpose = null, FieldKey? Field = null, EnforcementMode? Mode = null)
{
    /// <summary>
    /// A read of a contact's data. A caller that names no purpose reads for the business's own record keeping
    /// (<see cref="Domain.Consent.Purpose.Crm"/>), so that every read is still a decision the customer can stop by objecting.
    /// </summary>
    public static GateRequest Read(string action, string actor, string? purpose) =>
        new(action, actor, string.IsNullOrEmpty(purpose) ? Domain.Consent.Purpose.Crm.Key : purpose);
}
