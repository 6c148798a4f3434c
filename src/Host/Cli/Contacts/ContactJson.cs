using Rapport.Domain.Contacts;

namespace Rapport.Host.Cli.Contacts;

/// <summary>The `--json` shape of a contact.</summary>
internal sealed record ContactJson(
    string Id, string Name, string Mode, string? PeerId, string? Email, string? Phone, string? Company, IReadOnlyCollection<string> Tags,
    IReadOnlyDictionary<string, ContactJson.FieldJson> Fields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? LastInteractionAt)
{
    public static ContactJson Of(Contact c) => new(
        c.Id.ToString(), c.Name.Value, c.Mode == ContactMode.External ? "external" : "platform-native", c.PeerId?.Value, c.Email?.Value, c.Phone?.Value,
        c.Company?.Value, c.Tags.Values, c.Fields.All.ToDictionary(f => f.Key, f => new FieldJson(f.Value.TypeName, f.Value.Text)),
        c.CreatedAt, c.UpdatedAt, c.LastInteractionAt);

    internal sealed record FieldJson(string Type, string Value);
}
