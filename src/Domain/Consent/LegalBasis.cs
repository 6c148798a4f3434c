using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>Why processing for a purpose is lawful (GDPR art. 6 (a), (b), (f)).</summary>
public enum LegalBasis
{
    Consent,
    Contract,
    LegitimateInterest,
}

public static class LegalBasisText
{
    public static string ToKey(this LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "consent",
        LegalBasis.Contract => "contract",
        LegalBasis.LegitimateInterest => "legitimate_interest",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    public static Result<LegalBasis> Parse(string? text) => text switch
    {
        "consent" => LegalBasis.Consent,
        "contract" => LegalBasis.Contract,
        "legitimate_interest" => LegalBasis.LegitimateInterest,
        _ => new Error(ConsentErrors.BasisInvalid, $"'{text}' is not a legal basis; use consent, contract or legitimate_interest", "basis"),
    };
}
