using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Consent.Health;

/// <summary>A consent in effect that ends soon: the contact must be asked again before it does.</summary>
public sealed record ExpiringConsent(ContactId Contact, Purpose Purpose, DateTimeOffset ExpiresAt);
