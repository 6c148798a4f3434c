using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Grants;

/// <summary>A signed grant and, once the business acknowledged it, the receipt it signed.</summary>
public sealed record SignedGrantWithReceipt(SignedConsentGrant Grant, GrantReceipt? Receipt);
