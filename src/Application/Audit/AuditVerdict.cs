namespace Rapport.Application.Audit;

/// <summary>What a recorded policy decision said.</summary>
public enum AuditVerdict
{
    Allow,
    Deny,
}
