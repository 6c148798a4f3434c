using Rapport.Domain.Consent;

namespace Rapport.Domain.Sharing;

/// <summary>Field keys and purposes share one syntax: 1..128 of [a-z0-9._-], starting with a letter.</summary>
internal static class ConsentKey
{
    public static bool IsValid(string? key) => FieldKey.IsValid(key);
}
