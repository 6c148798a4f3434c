namespace Rapport.Domain.Sharing;

public enum GrantStatus
{
    NotYetEffective,
    Active,
    Expired,
    Revoked,
}
