using Rapport.Domain.Consent;

namespace Rapport.Application.Consent.Health;

/// <summary>
/// Per purpose, the contacts whose consent for it is <paramref name="Compliant"/> (in effect, every field it names
/// shared), <paramref name="Partial"/> (in effect, some field withheld) or <paramref name="Blocked"/> (revoked, expired
/// or not yet in effect). Contacts with no record for the purpose are in none of them.
/// </summary>
public sealed record PurposeHealth(Purpose Purpose, int Compliant, int Partial, int Blocked);
