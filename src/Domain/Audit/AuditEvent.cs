namespace Rapport.Domain.Audit;

/// <summary>
/// Something that happened and must be recorded in the append-only audit log:
/// a policy decision or a change to a contact, consent, interaction, pipeline or deal.
/// </summary>
/// <param name="At">When it happened (comes from the clock port; the domain never reads a clock).</param>
/// <param name="Actor">Who did it: "cli", "partner:&lt;name&gt;", "peer:&lt;peer id&gt;", "system".</param>
/// <param name="Action">Dotted action name, e.g. "contact.created", "consent.revoked", "policy.decided".</param>
/// <param name="Subject">What it is about, e.g. a contact id or a deal id.</param>
/// <param name="ContactId">The contact concerned, if any (for `audit list --contact`).</param>
/// <param name="Detail">Canonical, human-readable detail (key=value pairs or JSON).</param>
public sealed record AuditEvent(
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    string? ContactId,
    string Detail)
{
    /// <summary>
    /// Every contact an entry about many names (a bulk read's decisions), for `audit list --contact` to find it. Derived
    /// from <see cref="Detail"/>, which the hash covers; not stored in the chain itself, and not read back.
    /// </summary>
    public IReadOnlyList<string>? Contacts { get; init; }
}
