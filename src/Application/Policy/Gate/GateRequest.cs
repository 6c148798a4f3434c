using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Gate;

/// <param name="Action">An action of the policy matrix (<see cref="PolicyActions"/>); an unknown one is denied.</param>
/// <param name="Purpose">The purpose the caller names, as given; one that is not a purpose key is denied.</param>
/// <param name="Field">The field a field action touches.</param>
/// <param name="Actor">Who asks (`cli`, `partner:mailer`, `sync`); written with the decision.</param>
/// <param name="Mode">Overrides the gate's mode for this decision (the policy API's `monitor` flag).</param>
public sealed record GateRequest(string Action, string Actor, string? Purpose = null, FieldKey? Field = null, EnforcementMode? Mode = null);
