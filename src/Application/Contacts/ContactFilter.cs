using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Which contacts to list: having <paramref name="Tag"/> (if set) and containing <paramref name="Text"/> in name, e-mail or company (if set).</summary>
public sealed record ContactFilter(Tag? Tag = null, string? Text = null)
{
    public static ContactFilter All { get; } = new();
}
