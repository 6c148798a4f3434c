using Rapport.Domain.Common;

namespace Rapport.Domain.Policy;

/// <summary>Enforce blocks what policy denies; monitor decides and records but lets everything through.</summary>
public enum EnforcementMode
{
    Enforce,
    Monitor,
}

public static class EnforcementModeText
{
    public static string ToKey(this EnforcementMode mode) => mode == EnforcementMode.Monitor ? "monitor" : "enforce";

    public static Result<EnforcementMode> Parse(string? text) => text switch
    {
        "enforce" => EnforcementMode.Enforce,
        "monitor" => EnforcementMode.Monitor,
        _ => new Error(PolicyErrors.ModeInvalid, $"'{text}' is not a mode; use enforce or monitor", "mode"),
    };
}
